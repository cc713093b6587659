import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { analyzeArticle, extractStatements, type RawStatement } from '../../src/extract/statements.ts';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

const byFile = new Map<string, Article>();
const extracted = new Map<string, RawStatement[]>();

function article(prefix: string): Article {
  const a = [...byFile.values()].find((x) => x.file.startsWith(prefix));
  if (!a) throw new Error(`no article ${prefix}`);
  return a;
}
function statements(prefix: string): RawStatement[] {
  const a = article(prefix);
  let s = extracted.get(a.file);
  if (!s) {
    s = extractStatements(a);
    extracted.set(a.file, s);
  }
  return s;
}
/** The statements of `prefix` whose text contains `words`. */
function find(prefix: string, words: string): RawStatement[] {
  return statements(prefix).filter((s) => s.text.includes(words));
}
function speakersOf(prefix: string, words: string): string[] {
  return find(prefix, words).map((s) => s.speaker);
}

/** A one-paragraph article around real text, to see the same sentence in another outlet's style. */
function paragraphArticle(text: string, title = '测试'): Article {
  return { id: 't', file: 't.txt', title, url: 'https://example.org/t', source: 'example.org', publishedAt: '2024-01-01T00:00:00.000Z', blocks: [{ kind: 'paragraph', text }] };
}

beforeAll(async () => {
  const { articles } = await loadCorpus([SEEDS]);
  for (const a of articles) byFile.set(a.file, a);
});

describe('extractStatements on the seed articles', () => {
  it('takes 茂木敏充’s 11月10日 press-conference words as his direct quotation, with the title 外相 split off', () => {
    const [s] = find('000', '因为有效期到明年3月');
    expect(s).toMatchObject({ speaker: '茂木敏充', role: '外相', direct: true, kind: 'person', paragraph: 9 });
    expect(s?.text).toBe('因为有效期到明年3月，因此必须在这以前谈妥，将尽量为早期达成协议进行锐意交涉。');
  });

  it('ends a colon quotation at its closing mark when the writer left out the opening one (茂木敏充还指出：我们认为…。”)', () => {
    const [s] = find('000', '我们认为美军驻留经费');
    expect(s).toMatchObject({ speaker: '茂木敏充', direct: true });
    expect(s?.text.endsWith('希望能在磋商中尽快达成协议。')).toBe(true);
    // What follows the closing mark is the writer's analysis, not his.
    expect(find('000', '两国政府认为启动正式谈判的条件')).toEqual([]);
  });

  it('gives a sentence that opens with 他 to the last named speaker of the same paragraph (菅义伟 … 他呼吁)', () => {
    expect(speakersOf('000', '大家继续团结一致')).toEqual(['菅义伟']);
  });

  it('keeps the speaker through a run of quotations (据称，他对安倍表示“日本必须帮助我们”。“日本有钱…”)', () => {
    expect(speakersOf('000', '日本必须帮助我们')).toEqual(['特朗普']);
    expect(speakersOf('000', '日本有钱，是很富裕的国家')).toEqual(['特朗普']);
  });

  it('does not take a scare quote for a statement: “美国第一主义” in a sentence with no speaker', () => {
    expect(find('000', '美国第一主义')).toEqual([]);
  });

  it('gives each quotation of an exchange to its own speaker (岸田说：“…”阿奎利诺回应称：“…”)', () => {
    expect(speakersOf('001', '为了实现自由开放的印度太平洋，以及地区和国际社会的稳定')).toEqual(['岸田']);
    expect(speakersOf('001', '日美同盟非常牢固')).toEqual(['阿奎利诺']);
  });

  it('finds the speaker written in an earlier clause of the sentence (日本外相林芳正在外务省与阿奎利诺举行会谈，表示“…”)', () => {
    const [s] = find('001', '希望朝着进一步强化日美同盟的威慑力');
    expect(s).toMatchObject({ speaker: '林芳正', role: '日本外相', direct: true });
  });

  it('records 据共同社报道 as what 共同社 reported, never as a person’s statement', () => {
    const reports = statements('001').filter((s) => s.kind === 'outlet');
    expect(reports.map((s) => s.speaker)).toContain('共同社');
    expect(reports.some((s) => s.text.startsWith('11月11日下午，日本首相岸田文雄与美军司令确认强化同盟'))).toBe(true);
    // 据该报道 goes on with the same outlet.
    expect(find('001', '日本防卫相岸信夫11日在防卫省').map((s) => [s.kind, s.speaker])).toEqual([['outlet', '共同社']]);
    expect(statements('001').filter((s) => s.kind === 'person').map((s) => s.speaker)).not.toContain('共同社');
  });

  it('keeps a paragraph-long quotation whole in the data (拜登 and 岸田文雄 in seed 004)', () => {
    const biden = find('004', '在过去三年里，日本和美国之间的伙伴关系');
    expect(biden.map((s) => s.speaker)).toEqual(['拜登']);
    expect(biden[0]?.text.endsWith('这是我们的同盟自建立以来最重大的一次升级')).toBe(true);
    const kishida = find('004', '拜登总统和我进行了无数次会晤和交谈');
    expect(kishida.map((s) => s.speaker)).toEqual(['岸田']);
    expect(kishida[0]?.text.endsWith('我们必须坚决捍卫并进一步巩固以法治为基础的自由开放的国际秩序')).toBe(true);
  });

  it('gives nothing to a document or a collective', () => {
    // 联合声明写道 / 声明称: a document is nobody.
    expect(find('004', '在过去的三年时间里，美国-日本同盟达到了前所未有的高度')).toEqual([]);
    expect(find('004', '我们合作的核心是共同承诺与志同道合的伙伴')).toEqual([]);
    // 双方…发表的联合声明强调…
    expect(find('003', '美日将共同维护')).toEqual([]);
  });

  it('gives a joint statement of named people (A与B…强调, A和B都认为) to each of them, whole from its subjects', () => {
    // 特朗普与石破茂在联合声明中强调…; 拜登和岸田在双边会谈中宣布…; 美国总统拜登与日本首相岸田文雄…会谈后宣布…
    expect(speakersOf('003', '美日安全合作').sort()).toEqual(['特朗普', '石破茂'].sort());
    expect(speakersOf('004', '可交付成果').sort()).toEqual(['岸田', '拜登'].sort());
    // 拜登与岸田文雄在白宫举行会谈后宣布: "after meeting 岸田" is a clause of time; 拜登 announced.
    expect(speakersOf('004', '两国战略合作进入新时代')).toEqual(['拜登']);
    expect(analyzeArticle(paragraphArticle('韩国总统尹锡悦16日与日本首相岸田文雄会谈后宣布，《韩日军事情报保护协定》将完全恢复正常。')).statements.map((s) => s.speaker)).toEqual(['尹锡悦']);
    expect(find('004', '可交付成果')[0]?.text.startsWith('拜登和岸田')).toBe(true);
    // Synthetic members of the class: both named; a pronoun or an institution in the pair gives nobody anything.
    const two = analyzeArticle(paragraphArticle('国务院副总理刘鹤与特朗普会面。特朗普和刘鹤都认为这份协议的影响比贸易深远。')).statements;
    expect(two.filter((s) => s.text.includes('影响比贸易深远')).map((s) => s.speaker).sort()).toEqual(['刘鹤', '特朗普'].sort());
    expect(analyzeArticle(paragraphArticle('美国总统拜登会见岸田文雄。他和岸田文雄都表示，美日同盟牢不可破。')).statements.filter((s) => s.text.includes('牢不可破'))).toEqual([]);
    expect(analyzeArticle(paragraphArticle('日本政府和拜登都表示，将加强在印太地区的合作。')).statements).toEqual([]);
  });

  it('carries a long quotation into the next paragraph when that paragraph is only the quotation (seed 002)', () => {
    expect(find('002', '自乌克兰战争爆发以来，美国已经提供了约750亿美元').map((s) => [s.speaker, s.direct, s.paragraph])).toEqual([['斯托尔滕贝格', true, 11]]);
  });

  it('carries seed 003’s paragraph-opening 他说：“…” only to the analyst who alone spoke the paragraph before, never to the people he talked about', () => {
    expect(speakersOf('003', '日本今年大选后若内阁能稳定执政')).toEqual(['长尾贤']);
    expect(speakersOf('003', '会谈的结果不仅石破政权满意')).toEqual(['谢文生']);
    // The paragraph before also says 石破承诺… outside 长尾贤’s words: 他 could be 石破, so nobody.
    expect(find('003', '未来液化天然气的销售将变得更加困难')).toEqual([]);
  });

  it('keeps 长尾贤’s and 谢文生’s words theirs in an article about 石破茂', () => {
    expect(speakersOf('003', '特朗普目前没有施压日本增加防卫支出')).toEqual(['长尾贤']);
    expect(speakersOf('003', '日本政府深知特朗普的经济强硬政策主要针对中国')).toEqual(['谢文生']);
    expect(speakersOf('003', '此次美日领导人的会晤意义重大')).toEqual(['德地秀士']);
    expect(find('003', '一系列积极承诺').map((s) => [s.speaker, s.text.slice(0, 15)])).toEqual([['石破茂', '石破茂向美方作出一系列积极承诺']]);
    // 长尾贤 says 石破 promised something: that is still 长尾贤 speaking, not 石破茂 (his other one is the joint statement).
    expect(statements('003').filter((s) => s.speaker === '石破茂' || s.speaker === '石破').map((s) => s.text.slice(0, 7))).toEqual(['特朗普与石破茂', '石破茂向美方作']);
  });

  it('splits titles off names and lists the people an article names', () => {
    const { people } = analyzeArticle(article('003'));
    expect(people).toContainEqual(expect.objectContaining({ name: '长尾贤', role: '华盛顿哈德逊研究所研究员' }));
    expect(people).toContainEqual(expect.objectContaining({ name: '石破茂', role: '日本首相' }));
    expect(find('000', '关于2021年度以后的驻日美军驻留经费负担')[0]).toMatchObject({ speaker: '岸信夫', role: '日本防卫相' });
  });
});

describe('extractStatements on other styles of the same text', () => {
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

  it('reads traditional characters and 「」 quotations as it reads simplified and “”', () => {
    // Seed 001, paragraph 1: 据共同社今天报道称，… 岸田说：“…”阿奎利诺回应称：“…”
    const source = articleParagraph('001', 1);
    const styled = toTraditional(source).replace(/“/g, '「').replace(/”/g, '」');
    expect(styled).not.toBe(source);
    const out = extractStatements(paragraphArticle(styled));
    expect(out.filter((s) => s.kind === 'person').map((s) => [s.speaker, s.direct])).toEqual([
      ['岸田', true],
      ['阿奎利诺', true],
    ]);
    // The text is kept as written: traditional characters.
    expect(out.find((s) => s.speaker === '岸田')?.text).toContain('為了實現自由開放的印度太平洋');
    expect(out.find((s) => s.kind === 'outlet')?.speaker).toBe('共同社');
  });

  it('reads ASCII "…" and 『』 quotations', () => {
    const source = articleParagraph('001', 1);
    for (const [open, close] of [['"', '"'], ['『', '』']] as const) {
      const out = extractStatements(paragraphArticle(source.replace(/“/g, open).replace(/”/g, close)));
      expect(out.filter((s) => s.kind === 'person').map((s) => s.speaker)).toEqual(['岸田', '阿奎利诺']);
    }
  });

  it('takes the speaker written after the quotation (“…。”阿奎利诺回应称。)', () => {
    const out = extractStatements(paragraphArticle('鉴于朝鲜10月发射导弹，两人还就朝鲜半岛局势交换了意见。“日美同盟非常牢固。”阿奎利诺回应称。'));
    expect(out.map((s) => [s.speaker, s.text, s.direct])).toEqual([['阿奎利诺', '日美同盟非常牢固。', true]]);
  });
});

function articleParagraph(prefix: string, index: number): string {
  const a = article(prefix);
  const list = [...(a.lead ? [a.lead] : []), ...a.blocks.map((b) => b.text)];
  return list[index] ?? '';
}

describe.skipIf(!existsSync(SHARED))('extractStatements on ../shared/corpus (traditional text, other outlets)', () => {
  const shared = new Map<string, Article>();
  const of = (prefix: string): RawStatement[] => {
    const a = [...shared.values()].find((x) => x.file.startsWith(prefix));
    if (!a) throw new Error(`no article ${prefix}`);
    return extractStatements(a);
  };
  beforeAll(async () => {
    const { articles } = await loadCorpus([SHARED]);
    for (const a of articles) shared.set(a.file, a);
  });

  it('takes 「…」拜登說。 as 拜登’s quotation, the speaker after it', () => {
    const s = of('208').filter((x) => x.text.includes('日本和美國是該地區兩個強大的民主國家'));
    expect(s.map((x) => [x.speaker, x.direct])).toEqual([['拜登', true]]);
  });

  it('reads ASCII "…" quotations, and a bare 首相 as the one 首相 the article names (首相稱:"我認為…")', () => {
    const s = of('200').filter((x) => x.text.includes('理解自由和公平對外貿易的重要性'));
    expect(s.map((x) => [x.speaker, x.direct])).toEqual([['安倍晋三', true]]);
  });

  it('reads a name and a colon before a quotation, as in a transcript (美國總統 拜登:「…」), but not 日本民眾:「…」', () => {
    const s = of('212');
    expect(s.filter((x) => x.text.includes('我們將要制定21世紀經濟的新規則')).map((x) => x.speaker)).toEqual(['拜登']);
    expect(s.filter((x) => x.text.includes('拜登來了'))).toEqual([]);
  });

  it('gives a paragraph-opening 「…」他說。 to the one person of the paragraph before, never to an earlier speaker (222: 莫迪’s words are not 拜登’s)', () => {
    const s = of('222');
    expect(s.filter((x) => x.text.includes('四方會談將繼續存在,以提供協助')).map((x) => x.speaker)).toEqual(['莫迪']);
    expect(new Set(s.filter((x) => x.text.includes('以前所未有的方式')).map((x) => x.speaker))).toEqual(new Set(['莫迪']));
  });

  it('gives nothing to unnamed officials (一名美国官员在简报会上说…这名官员指出)', () => {
    const s = of('221');
    expect(s.filter((x) => x.text.includes('奥斯汀部长计划宣布'))).toEqual([]);
    expect(s.filter((x) => x.text.includes('三星将军'))).toEqual([]);
  });
});
