import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { AliasTable } from '../../src/text/aliases.ts';
import { buildPeople, parsePeopleIndex, peopleNames, type PeopleIndex } from '../../src/extract/people.ts';
import { WhoResultSchema, type SourceRef, type WhoResult } from '../../src/answers/types.ts';
import { who } from '../../src/answers/who.ts';
import { fold } from '../../src/text/normalize.ts';
import { buildIndex } from '../../src/index/index.ts';
import type { Library } from '../../src/library.ts';
import { createLibrary } from '../../src/open.ts';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

let articles: Article[] = [];
let people: PeopleIndex;

beforeAll(async () => {
  ({ articles } = await loadCorpus([SEEDS]));
  people = buildPeople(articles, AliasTable.build(articles));
});

const ask = (query: string, limit = 100): WhoResult => WhoResultSchema.parse(who(people, articles, query, { limit }));
const texts = (r: WhoResult): string[] => r.statements.map((s) => s.text);
/** Whether some statement of the answer contains these words. */
const says = (r: WhoResult, words: string): boolean => r.statements.some((s) => s.text.includes(words));

describe('/who over the seed articles', () => {
  it('石破茂: his promise in seed 003, none of the words of 长尾贤, 谢文生 or 德地秀士 in the same article', () => {
    const r = ask('石破茂');
    expect(r.person).toBe('石破茂');
    expect(r.roles).toContain('日本首相');
    expect(says(r, '石破茂向美方作出一系列积极承诺，包括扩大从美国进口液化天然气(LNG)和武器')).toBe(true);
    for (const theirs of ['日本今年大选后若内阁能稳定执政', '会谈的结果不仅石破政权满意', '特朗普目前没有施压日本增加防卫支出', '未来液化天然气的销售将变得更加困难', '日本政府深知特朗普的经济强硬政策', '此次美日领导人的会晤意义重大']) {
      expect(says(r, theirs), theirs).toBe(false);
    }
    const s = r.statements.find((x) => x.text.includes('一系列积极承诺'));
    expect(s).toMatchObject({ file: '003_5c35b881f4c27ddf.txt', source: 'voachinese.com', publishedAt: '2025-02-10T22:59:02.000Z', direct: false });
    expect(s?.url).toMatch(/^https:\/\/www\.voachinese\.com\//);
  });

  it('石破 resolves the surname to the full name the corpus gives', () => {
    expect(ask('石破').person).toBe('石破茂');
  });

  it('岸田文雄: seed 004’s press-conference statements first (newest), then seed 001’s; nobody else’s words', () => {
    const r = ask('岸田文雄');
    expect(r.person).toBe('岸田文雄');
    expect(says(r, '为了实现自由开放的印度太平洋，以及地区和国际社会的稳定，希望展开合作')).toBe(true);
    expect(says(r, '拜登总统和我进行了无数次会晤和交谈')).toBe(true);
    expect(says(r, '作为我们今天会议的成果，我们将发布')).toBe(true);
    const dates = r.statements.map((s) => s.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(r.statements[0]?.file).toBe('004_d1618589d34e5fc6.txt');
    for (const theirs of ['美日同盟是全世界的灯塔', '日美同盟非常牢固', '希望朝着进一步强化日美同盟的威慑力', '面对面外交的首个领导人是拜登', '在过去的三年时间里，美国-日本同盟', '同意这么做']) {
      expect(says(r, theirs), theirs).toBe(false);
    }
  });

  it('岸田 resolves to 岸田文雄, with the title the texts give and the articles that name him', () => {
    const r = ask('岸田');
    expect(r.person).toBe('岸田文雄');
    expect(r.aliases).toContain('岸田');
    expect(r.roles[0]).toBe('日本首相');
    expect(r.mentions).toBe(2);
    expect(r.firstSeen).toBe('2021-11-11T14:15:03.000Z');
    expect(r.lastSeen).toBe('2024-04-20T06:45:03.000Z');
  });

  it('拜登: “美日同盟是全世界的灯塔…” in seed 004, under the alias table’s name, every other form an alias', () => {
    const r = ask('拜登');
    expect(r.person).toBe('拜登');
    expect(r.aliases).toEqual(expect.arrayContaining(['约瑟夫·拜登', '乔·拜登', 'Joe Biden']));
    expect(says(r, '美日同盟是全世界的灯塔')).toBe(true);
    expect(r.statements.find((s) => s.text.startsWith('美日同盟是全世界的灯塔'))?.direct).toBe(true);
    for (const theirs of ['拜登总统和我进行了无数次会晤和交谈', '我们之所以能够到达这一历史性时刻', '日美同盟非常牢固']) {
      expect(says(r, theirs), theirs).toBe(false);
    }
    expect(ask('Joe Biden').person).toBe('拜登');
    expect(ask('约瑟夫·拜登').person).toBe('拜登');
    expect(ask('Biden').person).toBe('拜登');
  });

  it('茂木敏充: his 11月10日 statement, titled 外相; not 岸信夫’s announcement nor 共同社’s report', () => {
    const r = ask('茂木敏充');
    expect(r.roles).toContain('外相');
    expect(says(r, '因为有效期到明年3月')).toBe(true);
    expect(says(r, '我们认为美军驻留经费目前日美之间的分摊是适当的')).toBe(true);
    expect(says(r, '工作人员谈判将于本周内在美国首都华盛顿举行')).toBe(false);
    expect(says(r, '日本政府认为特朗普可能会在11月大选落败')).toBe(false);
  });

  it('Jens Stoltenberg and Stoltenberg find 斯托尔滕贝格 (seed 002); 特朗普’s and 波顿’s words stay theirs', () => {
    for (const q of ['Jens Stoltenberg', 'Stoltenberg', '斯托尔滕贝格', '斯托爾滕貝格']) {
      const r = ask(q);
      expect(r.person, q).toBe('斯托尔滕贝格');
      expect(r.aliases).toContain('Jens Stoltenberg');
      expect(r.roles).toContain('北约秘书长');
      expect(says(r, '我们必须组织起来，与中国进行持久的竞争')).toBe(true);
      expect(says(r, '多年来，美国一直批评北约盟国国防开支不足')).toBe(true);
      // A quotation running on into the next paragraph (opening mark there, no speaker) is still his.
      expect(says(r, '自乌克兰战争爆发以来，美国已经提供了约750亿美元')).toBe(true);
      expect(says(r, '北约盟国缴费不积极')).toBe(false);
      expect(says(r, '可能会让中国更有胆子封锁台湾')).toBe(false);
    }
  });

  it('共同社 lists what 共同社 reported, not what the people in its reports said', () => {
    const r = ask('共同社');
    expect(r.person).toBe('共同社');
    expect(says(r, '日本政府认为特朗普可能会在11月大选落败')).toBe(true);
    expect(says(r, '日本首相岸田文雄与美军司令确认强化同盟')).toBe(true);
    expect(r.statements.every((s) => s.file !== '004_d1618589d34e5fc6.txt')).toBe(true);
    expect(ask('岸田文雄').statements.some((s) => s.text.startsWith('11月11日下午'))).toBe(false);
  });

  it('an agency written with and without 社 (路透社 and 路透, 法新社 and 法新, 共同通讯社 and 共同社) is one outlet, shown by its full name; a person is never joined to it', () => {
    const made = (id: string, ...paragraphs: string[]): Article => ({ id, file: `${id}.txt`, title: '测试', url: `https://example.org/${id}`, source: 'example.org', publishedAt: '2024-01-01T00:00:00.000Z', blocks: paragraphs.map((text) => ({ kind: 'paragraph' as const, text })) });
    const list = [
      made('a', '路透社报道，美日两国将于下月举行贸易谈判。', '法新社报道，日本首相将出访欧洲。'),
      made('b', '据路透报导，美国财政部长将访问东京。', '法新报道，日本将增加防卫预算。'),
      made('c', '共同通讯社报道，日本政府计划修改安保文件。', '共同社报道，自民党将举行总裁选举。'),
    ];
    const registry = buildPeople(list, AliasTable.build(list));
    const outlet = (name: string) => registry.people.filter((p) => p.kind === 'outlet' && [p.name, ...p.aliases].includes(name));
    for (const [full, bare, words] of [['路透社', '路透', ['举行贸易谈判', '访问东京']], ['法新社', '法新', ['出访欧洲', '增加防卫预算']], ['共同社', '共同通讯社', ['修改安保文件', '总裁选举']]] as const) {
      expect(outlet(full).map((p) => p.name), full).toEqual([full]);
      expect(outlet(bare).map((p) => p.name), bare).toEqual([full]);
      const r = WhoResultSchema.parse(who(registry, list, bare, { limit: 10 }));
      for (const w of words) expect(says(r, w), `${bare}: ${w}`).toBe(true);
    }
  });

  it('a misspelt or unknown name gets a notice and the closest names the corpus has', () => {
    const typo = ask('石坡茂');
    expect(typo.person).toBeNull();
    expect(typo.statements).toEqual([]);
    expect(typo.notice).toContain('石坡茂');
    expect(typo.suggestions).toContain('石破茂');
    expect(ask('Stoltenburg').suggestions).toContain('斯托尔滕贝格');
    expect(ask('文雄').suggestions).toContain('岸田文雄');
    const nobody = ask('李四');
    expect(nobody.person).toBeNull();
    expect(nobody.notice).toBeTruthy();
    expect(ask('  ').notice).toBeTruthy();
  });

  it('topics are keywords of the statements, without names', () => {
    const r = ask('斯托尔滕贝格');
    expect(r.topics.length).toBeGreaterThan(3);
    expect(r.topics).toEqual(expect.arrayContaining(['北约', '盟国']));
    expect(r.topics).not.toContain('斯托尔滕贝格');
    expect(ask('岸田文雄').topics).not.toContain('拜登');
  });

  it('pages with limit and offset, and says how many statements there are', () => {
    const all = ask('岸田文雄', 100);
    const first = WhoResultSchema.parse(who(people, articles, '岸田文雄', { limit: 3 }));
    const second = WhoResultSchema.parse(who(people, articles, '岸田文雄', { limit: 3, offset: 3 }));
    expect(texts(first)).toEqual(texts(all).slice(0, 3));
    expect(texts(second)).toEqual(texts(all).slice(3, 6));
    expect(first.notice).toContain(String(all.statements.length));
  });

  it('the registry is plain JSON: stored and read back, it gives the same answers', () => {
    const back = parsePeopleIndex(JSON.parse(JSON.stringify(people)));
    const lookup = (i: number): SourceRef | undefined => articles[i];
    for (const q of ['岸田', 'Stoltenberg', '共同社', '石坡茂']) {
      expect(who(back, lookup, q, { limit: 50 })).toEqual(who(people, articles, q, { limit: 50 }));
    }
    expect(() => parsePeopleIndex({ version: 1, people: [{ name: '' }] })).toThrow();
  });

  it('autocompletes known people by prefix first, then by contained text, most-mentioned first', () => {
    const kishi = peopleNames(people, '岸');
    expect(kishi.slice(0, 2)).toEqual(['岸田文雄', '岸信夫']); // both in two articles; 岸田文雄 said more
    const top = peopleNames(people, '', 5);
    const mentions = top.map((n) => ask(n).mentions);
    expect(mentions).toEqual([...mentions].sort((a, b) => b - a));
    expect(peopleNames(people, 'stol')).toEqual(['Jens Stoltenberg']);
    expect(peopleNames(people, '文雄')).toContain('岸田文雄');
    expect(peopleNames(people, '', 3)).toHaveLength(3);
  });
});

describe.skipIf(!existsSync(SHARED))('/who over the seeds and ../shared/corpus (other outlets, traditional text)', () => {
  let all: Article[] = [];
  let index: PeopleIndex;
  beforeAll(async () => {
    ({ articles: all } = await loadCorpus([SEEDS, SHARED]));
    index = buildPeople(all, AliasTable.build(all));
  });
  const q = (name: string): WhoResult => WhoResultSchema.parse(who(index, all, name, { limit: 200 }));
  const has = (r: WhoResult, file: string, words: string): boolean => r.statements.some((s) => s.file.startsWith(file) && s.text.includes(words));

  it('川普 and 特朗普 are one person across outlets, traditional and simplified', () => {
    const a = q('川普');
    expect(a.person).toBe('特朗普');
    expect(a.aliases).toEqual(expect.arrayContaining(['川普', '唐纳德·特朗普', 'Donald Trump']));
    expect(q('特朗普').person).toBe(a.person);
    expect(has(a, '203', '儘管日韓想讓美國重返TPP')).toBe(true); // “…” in traditional text
    expect(has(a, '227', '日本是最重要的同盟國')).toBe(true); // 「」
    expect(has(a, '204', '因爲與川普總統密切的個人關係')).toBe(false); // 安倍晋三’s
    expect(has(a, '224', '這是川普親手拍板的')).toBe(false); // 卢特尼克’s
  });

  it('高市 and 首相: a bare title is the one prime minister the article names', () => {
    const r = q('高市');
    expect(r.person).toBe('高市早苗');
    expect(has(r, '227', '日美是世界上最偉大的同盟')).toBe(true);
    expect(has(r, '227', '日本是最重要的同盟國')).toBe(false);
  });

  it('岸田 keeps his own words; 习近平’s and 拜登’s in the same articles are theirs', () => {
    const r = q('岸田');
    expect(has(r, '219', '片面企图透过武力或胁迫来改变现状')).toBe(true);
    expect(has(r, '211', '期待您为了日美关系更加发展而大显身手')).toBe(true);
    expect(has(r, '219', '外部的干涉阻挡不了')).toBe(false);
    expect(has(r, '218', '我们之间的伙伴关系牢不可破')).toBe(false);
    expect(has(q('习近平'), '219', '外部的干涉阻挡不了')).toBe(true);
  });

  it('安倍晉三 in traditional characters finds 安倍晋三, with his ASCII-quoted words of seed 200', () => {
    const r = q('安倍晉三');
    expect(r.person).toBe('安倍晋三');
    expect(has(r, '200', '理解自由和公平對外貿易的重要性')).toBe(true);
    expect(has(r, '000', '没有美国的TPP没有意义')).toBe(true);
  });

  it('a name with its title after it, in either script, and romanised names resolve (石破首相, 菅首相, 岸田首相, 菅義偉, Kishida, Kiuchi)', () => {
    expect(q('石破首相').person).toBe('石破茂');
    expect(q('菅首相').person).toBe('菅义伟');
    expect(q('岸田首相').person).toBe('岸田文雄');
    expect(q('防卫相岸信夫').person).toBe('岸信夫');
    expect(q('菅義偉').person).toBe('菅义伟');
    expect(q('Kishida').person).toBe('岸田文雄');
    expect(q('Ishiba').person).toBe('石破茂');
    expect(q('Kiuchi').person).toBe('木内登英'); // 木内登英(Takahide Kiuchi) in 254
  });

  it('the summary: topics with statement counts and months, the first and the last statement', () => {
    const r = q('岸田文雄');
    const s = r.summary;
    expect(s?.statements).toBeGreaterThan(10);
    expect(s?.direct).toBeGreaterThan(0);
    expect(s?.topics.length).toBeGreaterThan(0);
    for (const t of s?.topics ?? []) {
      expect(t.from <= t.to).toBe(true);
      expect(t.from).toMatch(/^\d{4}-\d{2}$/);
      // The count is the statements that hold the topic.
      expect(t.count).toBeGreaterThanOrEqual(1);
    }
    expect(s?.first && s.last && s.first.publishedAt <= s.last.publishedAt).toBe(true);
    expect(s?.last?.publishedAt).toBe(r.statements[0]?.publishedAt);
  });

  it('美国 is not 美国之音: a surname-like prefix finds people, never an outlet', () => {
    expect(q('美国').person).not.toBe('美国之音');
    expect(q('美国之音').person).toBe('美国之音');
  });
});


describe.skipIf(!existsSync(SHARED))('/who through the library: someone only mentioned', () => {
  let library: Library;
  beforeAll(async () => {
    // The seeds and the shared articles that name them: a small index, the same answers for these names.
    const { articles } = await loadCorpus([SEEDS, SHARED]);
    const naming = articles.filter((a) => a.file < '1' || /稻田朋美|白宫|白宮/u.test(a.blocks.map((b) => b.text).join('')));
    library = createLibrary(await buildIndex(naming, { workers: 0 }), 0);
  }, 120_000);

  it('稻田朋美 and 白宫 are named but never quoted: how many articles, and where, with no statement', () => {
    for (const name of ['稻田朋美', '白宫']) {
      const r = WhoResultSchema.parse(library.who(name));
      expect(r.person).toBeNull();
      expect(r.statements).toEqual([]);
      expect(r.mentions).toBeGreaterThan(0);
      expect(r.notice).toContain(`${r.mentions}篇文章提到`);
      expect(r.mentionedIn?.length).toBeGreaterThan(0);
      for (const m of r.mentionedIn ?? []) expect(fold(m.text)).toContain(name); // traditional 白宮 too
    }
  });

  it('a name the corpus never writes is still "not found", with suggestions', () => {
    const r = library.who('世耕弘成');
    expect(r.mentions).toBe(0);
    expect(r.notice).toMatch(/没有找到/);
  });
});
