import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { extractDatedSentences, splitSentences, type DatedSentence } from '../../src/extract/events.ts';
import fc from 'fast-check';
import { articleParagraphs } from '../../src/corpus/article.ts';
import { timeline, timelineOf, type CandidateGroup, type TimelineCandidate } from '../../src/answers/timeline.ts';
import { TOPIC_THRESHOLDS, relevantSentences, timelineGroups, topicActs } from '../../src/answers/select.ts';
import { formatTimeline } from '../../src/cli/format.ts';
import { coverage, topicQuery } from '../../src/answers/topic.ts';
import { buildIndex, type ShijiIndex } from '../../src/index/index.ts';
import { fold } from '../../src/text/normalize.ts';
import { TimelineResultSchema, type SourceRef, type TimelineResult } from '../../src/answers/types.ts';
import { AliasTable } from '../../src/text/aliases.ts';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

const refOf = (a: Article): SourceRef => ({ title: a.title, url: a.url, publishedAt: a.publishedAt, source: a.source, file: a.file });
const candidatesOf = (articles: readonly Article[]): TimelineCandidate[] =>
  articles.flatMap((a) => extractDatedSentences(a).map((sentence) => ({ sentence, source: refOf(a) })));
/** A made-up article: one paragraph per string, its relative dates read against publishedAt. */
const madeUp = (id: string, paragraphs: string | readonly string[], publishedAt: string): Article => ({
  id, file: `${id}.txt`, title: id, url: `https://example.org/${id}`, source: 'example.org', publishedAt,
  blocks: (typeof paragraphs === 'string' ? [paragraphs] : paragraphs).map((text) => ({ kind: 'paragraph' as const, text })),
});
/** The timeline of one article offered whole as a topic's candidates, as the index would mark them about its forms. */
const timelineOfOne = (a: Article, about: NonNullable<CandidateGroup['about']>, aliasTable = AliasTable.build([])): TimelineResult =>
  timelineOf(about.forms.join(' '), [{ source: refOf(a), sentences: extractDatedSentences(a), about }], aliasTable, { limit: 10 });
/** One line per event, as the front ends would show it: date, precision, reported-only mark, article number. */
const rows = (r: TimelineResult): string[] => r.events.map((e) => `${e.date} ${e.precision}${e.reportedOnly ? ' reported' : ''} ${e.file.slice(0, 3)}`);

let seeds: Article[] = [];
let aliases: AliasTable;
let candidates: TimelineCandidate[] = [];

beforeAll(async () => {
  seeds = (await loadCorpus(SEEDS)).articles;
  aliases = AliasTable.build(seeds);
  candidates = candidatesOf(seeds);
});

const seed = (prefix: string): Article => {
  const a = seeds.find((x) => x.file.startsWith(prefix));
  if (!a) throw new Error(`no seed ${prefix}`);
  return a;
};

describe('extractDatedSentences', () => {
  it('splits a paragraph at 。 and keeps closing quotation marks with their sentence', () => {
    const texts = extractDatedSentences(seed('000')).map((s) => s.text);
    expect(texts).toContain('据称，他对安倍表示“日本必须帮助我们”。');
    expect(texts).toContain('“日本有钱，是很富裕的国家”。');
  });

  it('splits at ！ and ？ as well, and numbers the lead as paragraph 0', () => {
    const lead = extractDatedSentences(seed('000')).filter((s) => s.paragraph === 0);
    expect(lead.map((s) => s.text)).toEqual(['民主党候选人乔·拜登已经获得足够选举人票，赢得了一场极其激烈的总统大选。', '并将在1月20日入主白宫，而拜登当选，日本最希望他做些什么呢？']);
    expect(lead[1]?.dates.map((d) => d.date)).toEqual(['2021-01-20']);
  });

  it('cuts a sentence where a clause opens a new day of its own (…举行会谈，4日，…)', () => {
    // Real text of a report of 7 February 2017 (../shared/corpus 201).
    const text = '当天,马蒂斯分别与安倍晋三、内阁官房长官菅义伟、外相岸田文雄举行会谈,4日,马蒂斯与稻田也举行了会谈。';
    const article: Article = { id: 'mattis', file: 'mattis.txt', title: '马蒂斯首访', url: 'https://example.org/mattis', source: 'example.org', publishedAt: '2017-02-07T12:00:00.000Z', blocks: [{ kind: 'paragraph', text }] };
    const units = extractDatedSentences(article);
    expect(units.map((u) => [u.part, u.text, u.dates.map((d) => d.date)])).toEqual([
      [0, '当天,马蒂斯分别与安倍晋三、内阁官房长官菅义伟、外相岸田文雄举行会谈,', []],
      [1, '4日,马蒂斯与稻田也举行了会谈。', ['2017-02-04']],
    ]);
  });

  it('does not cut what someone said or proposed from the saying (…表示，1月15日公布的…; …说，3日…; …指出，去年…; …提出，16日两国…)', () => {
    const unitsOf = (text: string, publishedAt = '2020-01-17T12:00:00.000Z'): DatedSentence[] =>
      extractDatedSentences(madeUp('say', text, publishedAt));
    // Real text of 233, and two made up: one unit each, every date kept.
    for (const text of ['另据路透社1月14日报道,美国财政部长姆努钦1月14日表示,1月15日公布的协议文件将向怀疑者展示,第一阶段中美贸易协议将完全可执行。', '外交部发言人耿爽16日说，15日签署的协议是互利共赢的。', '刘鹤15日在签字仪式上指出，去年12月双方就协议文本达成一致。', '茂木敏充14日在会谈中提出，16日两国将举行工作级磋商。']) {
      const units = unitsOf(text);
      expect(units, text).toHaveLength(1);
      expect(new Set(units[0]?.dates.map((d) => d.date)).size, text).toBe(2);
    }
    // No verb of saying before the new day: cut as before.
    expect(unitsOf('刘鹤15日在白宫签署协议文本，16日刘鹤会见了美国商界代表。')).toHaveLength(2);
  });

  it('keeps a clause that only follows an earlier step (今年大选后) with the next one (明年的首脑会谈时)', () => {
    const units = extractDatedSentences(seed('003')).filter((s) => s.text.includes('大选后'));
    expect(units).toHaveLength(1);
    expect(units[0]?.dates.map((d) => [d.date, d.bound ?? 'point'])).toEqual([
      ['2025', 'from'],
      ['2026', 'point'],
    ]);
  });

  it('keeps a sentence whole when its second date is a fiscal year rather than a new time', () => {
    const unit = extractDatedSentences(seed('000')).find((s) => s.text.startsWith('第三，'));
    expect(unit?.part).toBeUndefined();
    expect(unit?.dates.map((d) => [d.date, d.precision, d.fiscal ?? false])).toEqual([
      ['2020-10-15', 'day', false],
      ['2021', 'year', true],
    ]);
  });

  it('gives date offsets within the sentence and sentence offsets within the paragraph', () => {
    const paragraphs = [seed('000').lead ?? '', ...seed('000').blocks.map((b) => b.text)];
    for (const s of extractDatedSentences(seed('000'))) {
      expect(paragraphs[s.paragraph]?.slice(s.start, s.end)).toBe(s.text);
      for (const d of s.dates) expect(s.text.slice(d.start, d.end).length).toBeGreaterThan(0);
    }
  });

  it('is plain JSON without copies of the article metadata, for the index snapshot', () => {
    const units = extractDatedSentences(seed('001'));
    expect(JSON.parse(JSON.stringify(units))).toEqual(units);
    for (const u of units) {
      expect(Object.keys(u).every((k) => ['article', 'paragraph', 'sentence', 'part', 'start', 'end', 'text', 'dates', 'heading'].includes(k))).toBe(true);
      expect(u.article).toBe('001_5caa166e077508a0');
    }
  });

  it('marks sentences of sub-headings', () => {
    const headings = extractDatedSentences(seed('002')).filter((s) => s.heading);
    expect(headings.map((s) => s.text)).toEqual(['日本忐忑不安', '北约据理力争']);
  });

  it('splits text without any terminator into one sentence and skips blank runs', () => {
    expect(splitSentences('  日本忐忑不安  ')).toEqual([{ start: 2, end: 8 }]);
    expect(splitSentences('')).toEqual([]);
  });
});

describe('timeline TPP on the seeds', () => {
  it('gives 安倍晋三\'s 2016-11 remark, then the 2020-11 report on whether Biden would return', () => {
    const r = timeline('TPP', candidates, aliases);
    expect(TimelineResultSchema.parse(r)).toEqual(r);
    expect(rows(r)).toEqual(['2016-11 month 000', '2020-11-11 day reported 000']);
    expect(r.events[0]?.text).toContain('“没有美国的TPP没有意义”');
    expect(r.events[0]?.text).toContain('2016年11月');
    expect(r.events[1]?.text).toContain('重返跨太平洋伙伴关系协定（TPP）');
    expect(r.more).toBe(0);
    expect(r.notice).toBeUndefined();
  });

  it('cuts a long sentence to the clauses with the date and the topic, as a substring of the article', () => {
    const [first] = timeline('TPP', candidates, aliases).events;
    expect(first?.text).toBe('日本希望美国回归环太平洋伙伴关系协定（TPP），日本首相安倍晋三曾在2016年11月的记者会上慎重地表示， “没有美国的TPP没有意义”');
    expect(seed('000').blocks.some((b) => b.text.includes(first?.text ?? '-'))).toBe(true);
  });

  it('carries the source of each line: title, URL, publication and file', () => {
    const [first] = timeline('TPP', candidates, aliases).events;
    expect(first).toMatchObject({ file: '000_a2194fe5ab64c492.txt', source: 'rfi.fr', publishedAt: '2020-11-11T13:55:00.000Z', title: seed('000').title, url: seed('000').url });
  });

  it('finds the same events for a lower-case or an alias query', () => {
    const base = rows(timeline('TPP', candidates, aliases));
    expect(rows(timeline('tpp', candidates, aliases))).toEqual(base);
    expect(rows(timeline('跨太平洋伙伴关系协定', candidates, aliases))).toEqual(base);
  });
});

describe('timeline 驻日美军经费 on the seeds', () => {
  const EXPECTED = [
    '2019-12-03 day 000', // 特朗普 in London
    '2020-06 month 000', // 博尔顿's memoir
    '2020-10-15 day 000', // the working talks start
    '2020-11-10 day 000', // 岸信夫
    '2020-11-10 day 000', // 茂木敏充
    '2020-11-11 day reported 000',
    '2020-11-11 day reported 000',
    '2020-11 month 000',
    '2020-11 month 000',
    // (若…拜登获胜并于明年1月就任,美方或许会改变方针 is a supposition: no event of 2021-01.)
    '2021-11-11 day reported 001',
    // RFI's story of 21:15 UTC on 2 Feb 2024 is dated on its newsroom's clock (Paris), not Beijing's.
    '2024-02-02 day reported 002',
  ];

  it('tells the host-nation-support story of seeds 000, 001 and 002 in date order', () => {
    const r = timeline('驻日美军经费', candidates, aliases);
    expect(TimelineResultSchema.parse(r)).toEqual(r);
    expect(rows(r)).toEqual(EXPECTED);
    const text = (i: number): string => r.events[i]?.text ?? '';
    expect(text(0)).toContain('特朗普在伦敦');
    expect(text(1)).toContain('博尔顿在今年6月出版的回忆录');
    expect(text(2)).toContain('已启动决定2021年度起5年间驻日美军驻留经费负担');
    expect(text(3)).toContain('岸信夫在10日的记者会上');
    expect(text(4)).toContain('茂木敏充在11月10日的记者会上');
    expect(text(9)).toContain('驻日美军驻留经费的相关谈判');
    expect(text(10)).toContain('驻日美军费用');
  });

  it('puts a day before its month\'s undated items', () => {
    const r = rows(timeline('驻日美军经费', candidates, aliases));
    expect(r.lastIndexOf('2020-11-10 day 000')).toBeLessThan(r.indexOf('2020-11 month 000'));
  });

  it('matches the topic written with 的 inside it or another word for the cost (驻日美军的驻留经费, 驻日美军军费)', () => {
    const texts = timeline('驻日美军经费', candidates, aliases).events.map((e) => e.text);
    expect(texts.some((t) => t.includes('驻日美军的驻留经费问题'))).toBe(true);
    expect(texts.some((t) => t.includes('增加驻日美军军费'))).toBe(true);
  });

  it('finds the same events for the traditional query 駐日美軍經費 and the alias 温馨预算', () => {
    expect(rows(timeline('駐日美軍經費', candidates, aliases))).toEqual(EXPECTED);
    expect(rows(timeline('温馨预算', candidates, aliases))).toEqual(EXPECTED);
  });

  it('keeps only the sentences that name the topic when context is off', () => {
    const r = rows(timeline('驻日美军经费', candidates, aliases, { context: false }));
    expect(r).not.toContain('2020-06 month 000');
    expect(r.filter((x) => x === '2020-11-10 day 000')).toHaveLength(1);
    expect(r[0]).toBe('2019-12-03 day 000');
  });

  it('pages with limit and offset and counts the rest in more', () => {
    const all = timeline('驻日美军经费', candidates, aliases).events;
    const first = timeline('驻日美军经费', candidates, aliases, { limit: 5 });
    const second = timeline('驻日美军经费', candidates, aliases, { limit: 5, offset: 5 });
    expect(first.events).toEqual(all.slice(0, 5));
    expect(first.more).toBe(all.length - 5);
    expect(second.events).toEqual(all.slice(5, 10));
    expect(second.more).toBe(all.length - 10);
    const past = timeline('驻日美军经费', candidates, aliases, { offset: 100 });
    expect(past.events).toEqual([]);
    expect(past.notice).toContain(String(all.length));
  });

  it('stops at 25 lines by default', () => {
    const many = Array.from({ length: 3 }, (_, k) => seeds.map((a) => ({ ...a, id: `${a.id}-${k}`, file: `${k}${a.file}`, url: `${a.url}?copy=${k}` }))).flat();
    const r = timeline('拜登', candidatesOf(many), aliases);
    expect(r.events).toHaveLength(25);
    expect(r.more).toBeGreaterThan(0);
  });
});

describe('timeline merging', () => {
  it('merges the same event told by two outlets into one line that keeps both sources', () => {
    const original = seed('000');
    const reprint: Article = { ...original, id: 'zz_reprint', file: 'zz_reprint.txt', url: 'https://example.org/reprint', source: 'example.org', publishedAt: '2020-11-12T02:00:00.000Z' };
    const r = timeline('驻日美军经费', candidatesOf([...seeds, reprint]), aliases);
    expect(rows(r).filter((x) => !x.includes('reported'))).toEqual(rows(timeline('驻日美军经费', candidates, aliases)).filter((x) => !x.includes('reported')));
    const london = r.events.find((e) => e.date === '2019-12-03');
    expect(london?.file).toBe(original.file);
    expect(london?.sources?.map((s) => s.file)).toEqual([original.file, 'zz_reprint.txt']);
  });

  it('shows on the console line of a merged event how many outlets tell it, and nothing on a single-source line', () => {
    const original = seed('000');
    const reprints = ['a', 'b'].map((k): Article => ({ ...original, id: `zz_${k}`, file: `zz_${k}.txt`, url: `https://example.org/${k}`, source: 'example.org' }));
    const r = timeline('驻日美军经费', candidatesOf([...seeds, ...reprints]), aliases);
    const text = formatTimeline(r, false).split('\n');
    const london = r.events.find((e) => e.date === '2019-12-03');
    expect(text.find((l) => l.startsWith('2019-12-03'))).toContain(`[${london?.sources?.length} sources]`);
    expect(london?.sources?.length).toBe(3);
    const single = r.events.find((e) => !e.sources);
    if (single) expect(text.find((l) => l.includes(single.text))).not.toContain('sources]');
  });

  it('does not merge two different events of the same day', () => {
    const sameDay = timeline('驻日美军经费', candidates, aliases).events.filter((e) => e.date === '2020-11-10');
    expect(sameDay).toHaveLength(2);
    expect(sameDay.every((e) => e.sources === undefined)).toBe(true);
  });

  it('merges a sentence an article repeats into one line without listing the article twice', () => {
    // Seed 001 tells 岸田's 10 November press conference in its lead and again in its body.
    const r = timeline('拜登', candidates, aliases);
    const kishida = r.events.filter((e) => e.date === '2021-11-10' && e.text.includes('尽早访问美国'));
    expect(kishida).toHaveLength(1);
    expect(kishida[0]?.sources).toBeUndefined();
  });
});

describe('timeline checks the topic itself', () => {
  it('ignores offered sentences that do not mention the topic', () => {
    const r = timeline('TPP', candidatesOf([seed('004')]), aliases);
    expect(r.events).toEqual([]);
    expect(r.notice).toContain('TPP');
  });

  it('works from the sentences an index pre-selects by term alone', () => {
    const preselected = candidates.filter((c) => /TPP|伙伴关系协定/.test(c.sentence.text));
    expect(rows(timeline('TPP', preselected, aliases))).toEqual(['2016-11 month 000', '2020-11-11 day reported 000']);
  });

  it('does not take CPTPP for TPP', () => {
    const text = '日本于2018年12月30日主导CPTPP生效。';
    const sentence: DatedSentence = { article: 'x', paragraph: 0, sentence: 0, start: 0, end: text.length, text, dates: [] };
    const source: SourceRef = { title: 'x', url: 'https://example.org/x', publishedAt: '2019-01-02T00:00:00.000Z', source: 'example.org', file: 'x.txt' };
    expect(timeline('TPP', [{ sentence, source }], aliases).events).toEqual([]);
  });

  it('answers an unknown topic with a notice and close topics that exist', () => {
    const r = timeline('TPQ', candidates, aliases, { knownTopics: ['TPP', '钓鱼岛', '驻日美军经费'] });
    expect(TimelineResultSchema.parse(r)).toEqual(r);
    expect(r.events).toEqual([]);
    expect(r.notice).toContain('TPQ');
    expect(r.suggestions).toEqual(['TPP']);
    expect(timeline('驻日美军', [], aliases, { knownTopics: ['TPP', '驻日美军经费'] }).suggestions).toEqual(['驻日美军经费']);
  });

  it('dates no event by a time inside a condition nobody states (若…则需在90天前(即8月24日); 如果…并于明年1月就任), but by a threat, a set occasion and the main clause', () => {
    const datesOf = (text: string, forms: string[], publishedAt = '2025-10-05T12:00:00.000Z'): string[] =>
      timelineOfOne(madeUp('if', text, publishedAt), { forms, years: [] }).events.map((e) => `${e.date}${e.reportedOnly ? ' reported' : ''}`);
    // Made-up members (若, 如果, 假如, 一旦, 万一; in the condition or in what would follow) and real ones of 242, 000 and 223.
    expect(datesOf('若有一方不愿续约,则需在90天前(即8月24日)通报终止协定。', ['协定'], '2019-08-05T12:00:00.000Z')).toEqual([]);
    expect(datesOf('若民主党前副总统拜登获胜并于明年1月就任，美方或许会改变方针。', ['拜登'], '2020-11-11T12:00:00.000Z')).toEqual([]);
    expect(datesOf('如果特朗普在第二任期继续秉持这种观点,他不太可能支持再成立一个“亚洲版北约”。', ['北约'])).toEqual([]);
    expect(datesOf('假如双方能在11月达成协议,关税将降至15%。', ['关税'])).toEqual([]);
    expect(datesOf('一旦谈判破裂,美方将自9月1日起加征关税。', ['关税'])).toEqual([]);
    expect(datesOf('两国外长3日举行会谈,万一5日的表决失败,会谈将延期。', ['会谈'])).toEqual(['2025-10-03']);
    // A threat or a warning is what someone says: its day stands (230).
    expect(datesOf('川普今天说,如果中国敢报复,美国准备自24日起启动对2670亿美元中国产品课税。', ['课税'], '2018-09-18T12:00:00.000Z')).toContain('2018-09-24');
    // An occasion named inside the condition is set whatever the outcome (263): 十五日召开的国会临时会.
    expect(datesOf('若高市能在十五日召開的國會臨時會獲指名為新任首相，將成為日本憲政史上第一位女性首相。', ['首相'])).toEqual(['2025-10-15']);
    // 若 of a name (若林) opens no condition.
    expect(datesOf('若林正丈10月3日在东京举行的研讨会上发表演讲。', ['研讨会'])).toEqual(['2025-10-03']);
  });

  it('keeps what is announced or confirmed (宣布, 证实, 披露 + ，) with its announcement: one line of the announcement\'s day', () => {
    const linesOf = (text: string, forms: string[], publishedAt = '2025-10-12T12:00:00.000Z'): string[] =>
      timelineOfOne(madeUp('ann', text, publishedAt), { forms, years: [] }).events.map((e) => `${e.date} ${e.text}`);
    // Made up, and real sentences of 231 and seed 000.
    expect(linesOf('外务省10日宣布,两国外长将于15日在东京举行会谈。', ['外长'])).toEqual(['2025-10-10 外务省10日宣布,两国外长将于15日在东京举行会谈。']);
    expect(linesOf('白宫11日证实,总统将于下月3日访问东京。', ['访问'])).toEqual(['2025-10-11 白宫11日证实,总统将于下月3日访问东京。']);
    expect(linesOf('美國總統川普一日突然推文宣布，將自九月一日起對三千億美元的中國進口商品加徵十%關稅。', ['关税'], '2019-08-02T12:00:00.000Z').map((l) => l.slice(0, 10))).toEqual(['2019-08-01']);
    expect(linesOf('而日本防卫相岸信夫在10日的记者会上宣布，关于2021年度以后的驻日美军驻留经费负担（温馨预算）的工作人员谈判将于本周内在美国首都华盛顿举行。', ['驻留经费'], '2020-11-11T12:00:00.000Z').map((l) => l.slice(0, 10))).toEqual(['2020-11-10']);
    // Not after the verb: a list of acts (260) and a fact the announcement goes on to (256) keep their own days.
    expect(linesOf('石破茂9月27日当选自民党新任总裁,10月1日当选首相,10月9日宣布解散众议院。', ['石破茂'], '2024-10-12T12:00:00.000Z').map((l) => l.slice(0, 10))).toEqual(['2024-09-27', '2024-10-01', '2024-10-09']);
    expect(linesOf('日本外務省今天宣布，中國已恢復先前禁止輸入的日本水產品進口，其中第一批貨品為北海道的6公噸冷凍扇貝已在5日出貨。', ['水产品'], '2025-11-07T12:00:00.000Z').map((l) => l.slice(0, 10))).toEqual(['2025-11-05', '2025-11-07']);
  });

  it('does not cut what a quotation holds at a date inside it (他说:“日本今年大选后若…,明年的日美首脑会谈时…”), but cuts after the quotation closes', () => {
    const datesOf = (text: string, forms: string[], publishedAt = '2025-10-12T12:00:00.000Z'): string[] =>
      timelineOfOne(madeUp('quote', text, publishedAt), { forms, years: [] }).events.map((e) => e.date);
    // Made up ( “…” and 「…」), and the real sentence of 003.
    expect(datesOf('外相10日说:“双方将于15日再次会谈,下月3日签署协议。”', ['会谈'])).toEqual(['2025-10-10']);
    expect(datesOf('防长8日表示:「部队将在9日出发,12日抵达。」', ['部队'])).toEqual(['2025-10-08']);
    expect(datesOf('他说：“日本今年大选后若内阁能稳定执政，明年的日美首脑会谈时，美方就可能要求日本增加防卫支出，届时讨论防卫支出如何达到GDP的2%以上才有意义。”', ['防卫支出'], '2025-02-10T12:00:00.000Z')).toHaveLength(1);
    // The quotation closed, a new day opens a new event.
    expect(datesOf('外相10日称“会谈很成功”,两国15日还将签署协议。', ['会谈', '协议'])).toEqual(['2025-10-10', '2025-10-15']);
  });

  it('does not cut a clause of manner from the verb it waits for (並打算以追加預算的方式，在今年度採取相關措施)', () => {
    const datesOf = (text: string, forms: string[]): string[] =>
      timelineOfOne(madeUp('manner', text, '2025-10-25T12:00:00.000Z'), { forms, years: [] }).events.map((e) => e.date);
    // Made up (以…方式, 通过…形式, 以…名义) and the real sentence of 250: one line, no bare 在今年度采取相关措施.
    expect(datesOf('日本原定在2027年度将防卫费提高到GDP的2%，政府打算以追加预算的方式，在今年度采取相关措施。', ['防卫费'])).toEqual(['2027']);
    expect(datesOf('两国外长10日在东京会谈，并决定通过定期磋商的形式，自明年起每年举行一次。', ['外长'])).toEqual(['2025-10-10']);
    expect(datesOf('该基金会去年12月成立，并以政府名义，于今年3月向原告支付赔偿。', ['基金会'])).toEqual(['2024-12']);
    expect(datesOf('二〇二二年底制定安保三文件，重點之一就是以五年為目標，預定在二〇二七年度將防衛費提高到GDP二％，但高市認為近年的安全環境有很大的變化，必須從更積極強化防衛力，所以她提出將提前兩年達成目標，並打算以追加預算的方式，在今年度採取相關措施。', ['防卫费'])).toEqual(['2027']);
    // No clause of manner before it: a new time still opens a new event.
    expect(datesOf('日本原定在2027年度将防卫费提高到GDP的2%，高市则提出在今年度达成。', ['防卫费'])).toEqual(['2025', '2027']);
  });

  it('takes a word of an election topic right before a person\'s name for a title, not the election (自民党总裁石破茂11日晚成立新内阁 for 总裁选举)', () => {
    const people = { nameAt: (f: string, i: number): string | undefined => ['石破茂', '高市早苗', '岸田文雄'].find((n) => f.startsWith(n, i)) };
    const election = ['总裁选举', '党首选举', '总裁选', '党魁选举'];
    const about = { forms: [...election, '自民党'], years: [], qualified: true, subjects: [[...election, '总裁', '选举']], people };
    const datesOf = (text: string, withPeople = true): string[] =>
      timelineOfOne(madeUp('title', text, '2025-10-22T12:00:00.000Z'), withPeople ? about : { forms: about.forms, years: [], qualified: true, subjects: about.subjects }).events.map((e) => e.date);
    // Real (260, 264) and made up.
    expect(datesOf('新华社东京11月11日电(记者 陈泽安 李子越)日本新任首相、自民党总裁石破茂11日晚成立新内阁。')).toEqual([]);
    expect(datesOf('中評社香港10月21日電／共同社報導，日本自民黨總裁高市早苗（64歲）在21日下午眾院全體會議的首相指名選舉中，當選為第104任首相。')).toEqual([]);
    expect(datesOf('自民党总裁岸田文雄5日出访欧洲。')).toEqual([]);
    expect(datesOf('自民党总裁岸田文雄5日出访欧洲。', false)).toEqual(['2025-10-05']);
    // The election itself named, or being elected to the office: kept (259, 260).
    expect(datesOf('日本首相、执政党自民党总裁岸田文雄14日宣布将不参加9月举行的该党总裁选举。')).toEqual(['2025-10-14']);
    expect(datesOf('石破茂9月27日当选自民党新任总裁。')).toEqual(['2025-09-27']);
  });

  it('dates a sentence that names the topic and no time of its own by the report that tells it (据路透社1月15日报道; 新华社东京11月11日电), else by the publication day', () => {
    const linesOf = (text: string, forms: string[], publishedAt = '2020-01-17T12:00:00.000Z'): string[] =>
      timelineOfOne(madeUp('told', text, publishedAt), { forms, years: [] }).events.map((e) => `${e.date}${e.reportedOnly ? ' reported' : ''}`);
    // Real (233) and made up: an outlet's report, a dispatch.
    expect(linesOf('据路透社1月15日报道,中国国务院副总理刘鹤在中美第一阶段经贸协议签署仪式上致辞时说,达成第一阶段经贸协议,有利于中国,有利于美国,有利于全世界。', ['第一阶段经贸协议'])).toEqual(['2020-01-15 reported']);
    expect(linesOf('新华社东京11月11日电 日美外长会谈取得积极成果。', ['外长会谈'], '2021-11-12T12:00:00.000Z')).toEqual(['2021-11-11 reported']);
    // No report's day in the sentence: the publication day.
    expect(linesOf('刘鹤在第一阶段经贸协议签署仪式上致辞。', ['第一阶段经贸协议'])).toEqual(['2020-01-17 reported']);
  });

  it('dates no event by the year an anniversary commemorates (1965年日韩邦交正常化60周年, 纪念1945年抗战胜利80周年)', () => {
    const datesOf = (text: string, forms: string[]): string[] =>
      timelineOfOne(madeUp('anniv', text, '2025-08-24T12:00:00.000Z'), { forms, years: [] }).events.map((e) => e.date);
    // Real (247) and made up: the origin year is no date of the sentence's act.
    expect(datesOf('兩國領袖一致同意，將在1965年日韓邦交正常化60週年所建立的基礎上，以「未來導向」來穩定發展日韓關係。', ['日韩关系'])).not.toContain('1965');
    expect(datesOf('两国将在9月3日举行纪念1945年抗战胜利80周年的活动。', ['抗战胜利'])).toEqual(['2025-09-03']);
    expect(datesOf('适逢2016年签署协定十周年,双方8月举行会谈。', ['会谈'])).toEqual(['2025-08']);
    // A year with no anniversary after it stays (1965年的《韩日请求权协定》规定…).
    expect(datesOf('1965年的《韩日请求权协定》规定,索赔问题已经解决。', ['请求权协定'])).toEqual(['1965']);
  });

  it('answers an empty query with a notice', () => {
    const r = timeline('   ', candidates, aliases);
    expect(r.events).toEqual([]);
    expect(r.notice).toBeDefined();
  });
});

describe.skipIf(!existsSync(CORPUS))('timeline on ../shared/corpus (traditional characters, other outlets)', () => {
  let corpus: TimelineCandidate[] = [];
  let table: AliasTable;
  beforeAll(async () => {
    const articles = (await loadCorpus(CORPUS)).articles;
    table = AliasTable.build(articles);
    corpus = candidatesOf(articles);
  });

  it('dates the TPP story from its 2016 signing to 2018', () => {
    const r = timeline('TPP', corpus, table);
    const dated = r.events.filter((e) => !e.reportedOnly).map((e) => `${e.date} ${e.file.slice(0, 3)}`);
    // 前一天 in 203 follows the 18日 of the paragraph before: Abe arrived on the 17th.
    expect(dated).toEqual(['2016-02 200', '2016-12 200', '2017-01-24 200', '2018-04-17 203', '2018-04-18 203']);
    expect(r.events.find((e) => e.date === '2016-12')?.text).toBe('儘管如此,日本議會於12月仍批准了TPP協定。');
  });

  it('finds 釣魚島 and 釣魚台 for 钓鱼岛, with the date the article gives the visit or call', () => {
    const r = timeline('钓鱼岛', corpus, table);
    expect(r.events.some((e) => e.file.startsWith('209') && e.text.includes('釣魚台'))).toBe(true);
    expect(r.events.some((e) => e.date === '2021-11-13' && !e.reportedOnly && e.text.includes('布林肯'))).toBe(true);
    expect(r.events.some((e) => e.date === '2017-02-02' && e.text.includes('马蒂斯2日至4日'))).toBe(true);
  });

  it('tells the 2022 host-nation-support talks from a report whose wire code is 1117日电', () => {
    const r = timeline('驻日美军经费', corpus, table);
    const of210 = r.events.filter((e) => e.file.startsWith('210')).map((e) => `${e.date} ${e.precision}${e.reportedOnly ? ' reported' : ''}`);
    expect(of210).toEqual(['2021-08 month', '2021-11-17 day', '2021-11-18 day reported', '2021-12 month', '2021-12 month']);
  });
});

describe.skipIf(!existsSync(CORPUS))('timeline by meaning over the index (seeds and ../shared/corpus)', () => {
  let index: ShijiIndex;
  let articles: Article[] = [];
  beforeAll(async () => {
    articles = (await loadCorpus([SEEDS, CORPUS])).articles;
    index = await buildIndex(articles, { workers: 0 });
  }, 120_000);
  const answer = (topic: string, limit = 100): TimelineResult => timelineOf(topic, timelineGroups(index, topic), index.aliases, { limit });
  /** A hand-made offer of one article's sentences, as the index would mark them about a topic. */
  const offer = (prefix: string, forms: string[], pick: (text: string) => boolean): CandidateGroup[] => {
    const a = articles.find((x) => x.file.startsWith(prefix)) as Article;
    const all = extractDatedSentences(a);
    // Every part of the sentence picked (the index may have cut it where a clause opens a new day).
    const picked = all.filter((s) => pick(s.text));
    return [{ source: refOf(a), sentences: all.filter((s) => picked.some((p) => p.paragraph === s.paragraph && p.sentence === s.sentence)), about: { forms, years: [] } }];
  };

  it('finds the events a topic\'s near-synonyms tell: 会谈 typed, 会晤 / 会面 / 峰会 written, in different articles', () => {
    const r = answer('日美首脑会谈');
    for (const word of ['会晤', '会面', '峰会']) {
      const told = r.events.filter((e) => fold(e.text).includes(word) && !fold(e.text).includes('会谈'));
      expect(told.length, word).toBeGreaterThan(0);
    }
    expect(new Set(r.events.map((e) => e.file)).size).toBeGreaterThan(5);
  });

  it('reads a country pair in either order and spelled out (日韩 = 韩日 = 日本 … 韩国)', () => {
    const q = topicQuery(index, '日韩峰会');
    const pair = q.concepts.find((c) => c.forms.includes('日韩'));
    expect(pair?.forms).toContain('韩日');
    for (const text of ['韩日峰会在东京举行', '韩国总统访问日本并举行峰会', '日韩首脑会晤']) expect(coverage(fold(text), q), text).toBeGreaterThan(0.5);
    expect(coverage(fold('韩国总统访问美国'), q)).toBeLessThan(0.5);
  });

  it('reads an amount typed with or without thousands separators as one concept (5500亿 = 5,500亿; 111億), and no other amount', () => {
    for (const [topic, text, other] of [
      ['日本对美投资5500亿美元', '东京已同意在美国各领域投资5,500亿美元', '准备启动对价值2670亿美元的中国产品课税'],
      ['对美投资5,500亿美元', '日本将在美国投资5500亿美元', '日本将在美国投资3500亿美元'],
      ['111億美元對台軍售', '将对台湾出售总额111亿540万美元8案军售', '向台湾出售总价7.5亿美元的榴弹炮'],
    ] as const) {
      const q = topicQuery(index, topic);
      expect(q.concepts.some((c) => c.forms.some((f) => /\d/.test(f))), topic).toBe(true);
      expect(coverage(fold(text), q), text).toBeGreaterThan(coverage(fold(other), q));
    }
    // On the real articles: the tariffs on 2670亿 of Chinese goods (230) are no line of the 5500亿 investment.
    expect(answer('日本对美投资5500亿美元').events.some((e) => e.file.startsWith('230'))).toBe(false);
  });

  it('reads a preposition glued to a one-character country (对美, 对华) as that country, as outlets write it out (在美国投资)', () => {
    const q = topicQuery(index, '日本对美投资');
    const us = q.concepts.find((c) => c.forms.includes('对美'));
    expect(us?.forms).toContain('美国');
    expect(coverage(fold('日本企业将在美国投资'), q)).toBeGreaterThan(0.9);
    // ...and weighs as the country does, not as the rare glued word: naming another country costs only that share.
    expect(coverage(fold('日本企业将在中国投资'), q)).toBeLessThan(coverage(fold('日本企业将在美国投资'), q));
    expect(us?.weight).toBeLessThan(q.concepts.find((c) => c.forms.includes('投资'))?.weight ?? 0);
    expect(topicQuery(index, '日本对华投资').concepts.some((c) => c.forms.includes('中国') && c.forms.includes('对华'))).toBe(true);
  });

  it('gives partial credit to a compound\'s words found apart (总裁选举: 当选…总裁, 总裁…选举)', () => {
    const q = topicQuery(index, '自民党总裁选举');
    const whole = coverage(fold('自民党总裁选举29日举行'), q);
    for (const text of ['石破茂9月27日当选自民党新任总裁', '自民党总裁(党魁)选举四日举行投开票']) {
      const c = coverage(fold(text), q);
      expect(c, text).toBeGreaterThan(0.5);
      expect(c, text).toBeLessThanOrEqual(whole);
    }
  });

  it('leaves out a dated sentence of an admitted passage that is about something else (a treaty behind a fund, stalled talks behind a tariff)', () => {
    const pay = answer('强征劳工 赔偿');
    expect(pay.events.length).toBeGreaterThan(0);
    // The treaty behind the fund dates no event: the chairman's statement that names it is of 2023-01.
    expect(pay.events.some((e) => e.date === '1965' && e.text.includes('受益於1965年條約'))).toBe(false);
    const tariff = answer('美國對中國商品加徵關稅');
    expect(tariff.events.length).toBeGreaterThan(0);
    expect(tariff.events.some((e) => e.text.includes('自五月以來便陷入僵局'))).toBe(false);
  });

  it('keeps a dated sentence that carries the account on, or a later stretch of a sentence about the topic (…1月14日表示; 2024年则达到…)', () => {
    expect(answer('中美第一阶段经贸协议').events.some((e) => e.date === '2020-01-14' && e.text.includes('1月14日表示'))).toBe(true);
    expect(answer('日本防衛費').events.some((e) => e.date === '2024' && e.text.includes('2024年则达到'))).toBe(true);
    expect(answer('强征劳工 赔偿').events.some((e) => e.date === '1965' && e.text.includes('请求权协定'))).toBe(true);
  });

  /** The parts of one made-up sentence, cut where a clause opens a day of its own (as the index stores them). */
  const partsOf = (text: string): DatedSentence[] =>
    extractDatedSentences(madeUp('acts', text, '2024-10-20T12:00:00.000Z'));
  const acts = (text: string, topic: string): string[] => topicActs(partsOf(text), topicQuery(index, topic), TOPIC_THRESHOLDS.sentence).map((p) => p.text.replace(/[，。]$/u, ''));

  it('keeps, of a subject\'s acts listed each on its own day, only those that name the topic, unless the topic is the subject', () => {
    const lists = [
      ['石破茂9月27日当选自民党新任总裁，10月1日当选首相，10月9日宣布解散众议院。', '自民党总裁选举', '石破茂'],
      ['高市早苗10月4日当选自民党总裁，10月21日在国会当选首相。', '自民党总裁选举', '高市早苗'],
      ['拜登5月21日在广岛宣布对俄制裁，8月18日在戴维营主持美日韩三国峰会。', '戴维营峰会', '拜登'],
    ] as const;
    for (const [text, event, person] of lists) {
      const parts = partsOf(text);
      expect(parts.length, text).toBeGreaterThan(1);
      const kept = acts(text, event);
      expect(kept.length, `${event}: ${text}`).toBe(1);
      expect(coverage(fold(kept[0] as string), topicQuery(index, event)), text).toBeGreaterThanOrEqual(TOPIC_THRESHOLDS.sentence);
      // The person is the subject written before the first day: every act is theirs.
      expect(acts(text, person).length, `${person}: ${text}`).toBe(parts.length);
    }
  });

  it('keeps every part when the subject cannot be read before the day (9月27日，石破茂当选…) or the day qualifies a noun of it (日本2022年的国防预算…)', () => {
    expect(acts('9月27日，石破茂当选自民党新任总裁，10月1日当选首相。', '自民党总裁选举')).toHaveLength(2);
    expect(acts('在9月27日的投票中，石破茂当选自民党新任总裁，10月1日当选首相。', '自民党总裁选举')).toHaveLength(2);
    expect(acts('日本2022年的国防预算约为5.4万亿日元，2023年为6.8万亿日元。', '日本防卫费')).toHaveLength(2);
    // What someone said is not cut from the saying: one part, kept whole.
    const said = '据路透社1月14日报道，姆努钦1月14日表示，1月15日签署的第一阶段经贸协议将完全可执行。';
    expect(partsOf(said)).toHaveLength(1);
    expect(acts(said, '第一阶段经贸协议')).toHaveLength(1);
  });

  it('leaves out, on the real articles, the other acts of a subject listed beside the topic\'s (当选首相 beside 当选总裁, a carrier\'s passage beside an arms sale)', () => {
    expect(answer('自民党总裁选举').events.some((e) => e.file.startsWith('260') && e.text.startsWith('10月1日当选首相'))).toBe(false);
    expect(answer('自民党总裁选举').events.some((e) => e.file.startsWith('260') && e.text.includes('9月27日当选'))).toBe(true);
    expect(answer('美国对台军售').events.some((e) => e.text.includes('航經台灣海峽'))).toBe(false);
    expect(answer('美国对台军售').events.some((e) => e.file.startsWith('239') && e.text.includes('8案軍售'))).toBe(true);
    // 石破茂 is the subject of his resignation's lead: the defeats it lists stay.
    expect(answer('石破辞职').events.filter((e) => e.file.startsWith('261')).map((e) => e.date)).toEqual(expect.arrayContaining(['2024', '2025-06', '2025-07']));
  });

  it('does not carry the account on into a sentence that opens with a subject of its own (岸田文雄今天傍晚说, 中共政府则宣布自当天起)', () => {
    const release = answer('福岛处理水排海').events;
    expect(release.some((e) => e.text.includes('岸田文雄今天傍晚说'))).toBe(false);
    expect(release.some((e) => e.text.startsWith('中共政府则宣布自当天起'))).toBe(false);
    expect(answer('中國禁止進口日本水產品').events.some((e) => e.text.includes('进行电话协商'))).toBe(false);
    // Carried on: a sentence that opens with its day, whose subject is the topic's, or that points back (这些, 她).
    expect(release.some((e) => e.date === '2023-08-25' && e.text.includes('氚浓度'))).toBe(true);
    expect(answer('强征劳工 赔偿').events.some((e) => e.date === '2018' && e.text.includes('維持了這些裁決'))).toBe(true);
    expect(answer('自民党总裁选举').events.some((e) => e.date === '2024-09' && e.text.includes('她再參選'))).toBe(true);
    // A quotation goes on with the speaker the sentence before named (204).
    expect(answer('特朗普关税').events.some((e) => e.date === '2019-08' && e.text.includes('可能會在8月'))).toBe(true);
  });

  it('reads the subject of a sentence that opens with a phrase of time in the clause after it (今年10月，日本首相高市早苗…提出; 当晚，在…)', () => {
    const article = (paragraphs: string[]): DatedSentence[] =>
      extractDatedSentences(madeUp('time', paragraphs, '2025-11-30T12:00:00.000Z'));
    const kept = (topic: string, paragraphs: string[]): string[] => relevantSentences(article(paragraphs), topicQuery(index, topic), TOPIC_THRESHOLDS.sentence).map((s) => s.text);
    const lead = '日本政府2022年12月16日通过新安保三文件。';
    // Another subject after the time: another account.
    expect(kept('安保三文件', [lead + '今年10月，日本首相高市早苗在施政演说中提出提前达成目标。'])).toHaveLength(1);
    expect(kept('安保三文件', [lead + '当晚，在日本皇宫举行了任命仪式。'])).toHaveLength(1);
    // The topic, a word pointing back (中日双方, 这些 anywhere in the clause) or no clause after the day: the account goes on.
    expect(kept('安保三文件', [lead + '今年10月，日本首相高市早苗提出修订安保三文件。'])).toHaveLength(2);
    expect(kept('安保三文件', [lead + '2024年，政府修订了这些文件的附表。'])).toHaveLength(2);
    expect(kept('安保三文件', [lead + '2024年，中日双方就此举行了磋商。'])).toHaveLength(2);
    expect(kept('安保三文件', [lead + '2024年修订了附表。'])).toHaveLength(2);
    // On the real articles: 251 (高市's speech after the documents), 241 (a 2014 trilateral pact after GSOMIA), 260 (the cabinet after the vote).
    expect(answer('安保三文件').events.some((e) => e.file.startsWith('251') && e.text.includes('今年10月，日本首相高市早苗'))).toBe(false);
    expect(answer('韩日军情协定').events.some((e) => e.file.startsWith('241') && e.text.includes('韩美日三方签署'))).toBe(false);
    expect(answer('2024年眾議院選舉').events.some((e) => e.file.startsWith('260') && e.text.includes('新内阁正式成立'))).toBe(false);
    // ...and the accounts that go on stay (244: 2018年,韓國最高法院維持了這些裁決; 256: 2024年9月，中日雙方達成共識放寬禁令).
    expect(answer('强征劳工 赔偿').events.some((e) => e.file.startsWith('244') && e.text.includes('維持了這些裁決'))).toBe(true);
    expect(answer('中國禁止進口日本水產品').events.some((e) => e.file.startsWith('256') && e.text.includes('中日雙方達成共識'))).toBe(true);
  });

  it('gives a stretch that names another subject matter and nothing of the topic to that subject (安保三文件…，預定在二〇二七年度將防衛費提高…)', () => {
    const linesOf = (text: string, forms: string[]): string[] =>
      timelineOfOne(madeUp('subj', text, '2025-11-05T12:00:00.000Z'), { forms, years: [] }).events.map((e) => e.date);
    const both = '日本在2022年底制定安保三文件，预定在2027年度将防卫费提高到GDP的2%。';
    expect(linesOf(both, ['安保三文件'])).toEqual(['2022']);
    expect(linesOf(both, ['防卫费'])).toEqual(['2027']);
    expect(linesOf('日本政府在2022年底通过新安保三文件，计划在2027财年实现防卫开支占GDP的2%。', ['安保三文件'])).toEqual(['2022']);
    // A stretch that names no other subject, or only an act (出货, 访问), stays with the account.
    expect(linesOf('日本在2022年底制定安保三文件，2023年修订了附表。', ['安保三文件'])).toEqual(['2022', '2023']);
    expect(linesOf('中国2023年8月全面停止进口日本水产品，今年11月5日首批扇贝出货。', ['水产品'])).toEqual(['2023-08', '2025-11-05']);
    // On the real articles (250, 251): each topic keeps its own stretch of the shared sentences.
    const docs = answer('安保三文件').events;
    expect(docs.some((e) => e.file.startsWith('250') && e.text.includes('預定在二〇二七年度將防衛費'))).toBe(false);
    expect(docs.some((e) => e.file.startsWith('251') && e.text.startsWith('計劃將2023至2027財年'))).toBe(false);
    expect(docs.some((e) => e.file.startsWith('250') && e.date === '2022')).toBe(true);
    const spending = answer('日本防衛費').events;
    expect(spending.some((e) => e.file.startsWith('250') && e.text.startsWith('二〇二二年底制定安保三文件'))).toBe(false);
    expect(spending.some((e) => e.file.startsWith('250') && e.text.includes('預定在二〇二七年度將防衛費'))).toBe(true);
  });

  it('does not take the topic\'s country for its story: a stretch that names 日本 and another subject matter is that subject\'s (日本政府在2022年底正式通過新“安保三文件” for 日本防衛費)', () => {
    const story = ['防卫费', '国防开支', '防卫开支', '防卫预算'];
    const linesOf = (text: string, withStory = true): string[] =>
      timelineOfOne(madeUp('country', text, '2025-11-05T12:00:00.000Z'), { forms: ['防卫费', '防卫开支', '日本'], years: [], ...(withStory ? { story } : {}) }).events.map((e) => e.date);
    // Made up, and the real sentence of 251; without the story forms, 日本 passes for the topic.
    expect(linesOf('日本政府在2022年底通过新安保三文件，计划在2027财年实现防卫开支占GDP的2%。')).toEqual(['2027']);
    expect(linesOf('日本2023年3月批准对台军售相关法案，并计划将防卫预算在今年增至8万亿日元。')).toEqual(['2025']);
    expect(linesOf('日本政府在2022年底正式通過新“安保三文件”，計劃將2023至2027財年的防衛開支總額提升至約43萬億日元，並在2027財年實現防衛開支在GDP中佔比達2%的目標。')).not.toContain('2022');
    expect(linesOf('日本政府在2022年底通过新安保三文件，计划在2027财年实现防卫开支占GDP的2%。', false)).toEqual(['2022', '2027']);
    // A stretch that names the story (an act of it: 恢复) beside another subject stays (256).
    const scallops = timelineOfOne(madeUp('act', '日本外務省今天宣布，中國已恢復先前禁止輸入的日本水產品進口，其中第一批貨品為北海道的6公噸冷凍扇貝已在5日出貨。', '2025-11-07T12:00:00.000Z'), { forms: ['扇贝', '恢复', '出口', '日本', '中国'], years: [], story: ['扇贝', '恢复', '出口'] });
    expect(scallops.events.map((e) => e.date)).toEqual(['2025-11-05', '2025-11-07']);
  });

  it('leaves out, for a person\'s topic, a sentence that opens with a pronoun after one led by someone else (高市…接掌政權。她當天會立即組建內閣 for 石破辞职)', () => {
    const article = (paragraphs: string[]): DatedSentence[] => extractDatedSentences(madeUp('pronoun', paragraphs, '2025-10-22T12:00:00.000Z'));
    const kept = (topic: string, paragraphs: string[]): string[] => relevantSentences(article(paragraphs), topicQuery(index, topic), TOPIC_THRESHOLDS.sentence).map((s) => s.text);
    // Real (264) and made up: the pronoun is the first person of the sentence before.
    expect(kept('石破辞职', ['高市在首相石破茂（68歲）表明辭職意向的一個半月後接掌政權。她當天會立即組建內閣。'])).toEqual(['高市在首相石破茂（68歲）表明辭職意向的一個半月後接掌政權。']);
    expect(kept('岸田访美', ['拜登10日在白宫会见访美的岸田文雄。他随后前往特拉华州度假。'])).toEqual(['拜登10日在白宫会见访美的岸田文雄。']);
    // Led by the topic's person, or a plural pronoun: the account goes on.
    expect(kept('岸田访美', ['岸田文雄10日抵达华盛顿访美。他随后与拜登会谈。'])).toHaveLength(2);
    expect(kept('岸田访美', ['拜登10日在白宫会见访美的岸田文雄。他们随后举行记者会。'])).toHaveLength(2);
    // A topic of no person is not judged so.
    expect(kept('首相辞职', ['高市在首相石破茂表明辭職意向的一個半月後接掌政權。她當天會立即組建內閣。'])).toHaveLength(2);
    // On the real articles.
    expect(answer('石破辞职').events.some((e) => e.text.includes('她當天會立即組建內閣'))).toBe(false);
    expect(answer('石破茂').events.some((e) => e.text.includes('她當天會立即組建內閣'))).toBe(false);
  });

  it('leaves out, for a person\'s topic, the same act by someone else (尹錫悅赴美 for 岸田访美), but not an act the subject hosts (拜登…邀請日、韓領袖訪美)', () => {
    const article = (paragraphs: string[]): DatedSentence[] =>
      extractDatedSentences(madeUp('actor', paragraphs, '2023-07-20T12:00:00.000Z'));
    const kept = (topic: string, paragraphs: string[]): string[] => relevantSentences(article(paragraphs), topicQuery(index, topic), TOPIC_THRESHOLDS.sentence).map((s) => s.text);
    expect(kept('岸田访美', ['岸田文雄18日宣布将于8月访美。', '尹锡悦4月底赴美进行国事访问。'])).toEqual(['岸田文雄18日宣布将于8月访美。']);
    expect(kept('岸田访美', ['布林肯15日访美前发表讲话。'])).toEqual([]);
    // The account of that someone goes on in a pronoun right after (下月將是他時隔近4個月再次訪美, 216)...
    expect(kept('岸田访美', ['尹锡悦4月底赴美进行国事访问。下月他将再次访美。'])).toEqual([]);
    // ...but not after a sentence of the topic's person.
    expect(kept('岸田访美', ['岸田文雄18日宣布将于8月访美。下月他将再次访美。'])).toHaveLength(2);
    // The topic's person named, a host's invitation, or no person as the subject: kept.
    expect(kept('岸田访美', ['尹锡悦与岸田文雄8月将一同访美。'])).toHaveLength(1);
    expect(kept('岸田访美', ['拜登5月21日就已邀请日韩领袖访美。'])).toHaveLength(1);
    expect(kept('岸田访美', ['日本首相8月将访美。'])).toHaveLength(1);
    // A topic that names no person is not judged so: every visit to the US is one.
    expect(answer('访美').events.some((e) => e.text.includes('尹錫悅4月底才赴美'))).toBe(true);
    // On the real articles: Yoon's visit (216) and 赤澤's (224) are not 岸田's; Trump's trip to Japan (204) is not 安倍's visit to the US.
    const kishida = answer('岸田访美').events;
    expect(kishida.some((e) => e.text.includes('尹錫悅4月底才赴美'))).toBe(false);
    expect(kishida.some((e) => e.text.includes('下月將是他時隔近4個月再次訪美'))).toBe(false);
    expect(kishida.some((e) => e.file.startsWith('224'))).toBe(false);
    expect(kishida.some((e) => e.text.includes('就已邀請日、韓領袖訪美'))).toBe(true);
    expect(kishida.some((e) => e.file.startsWith('218') && e.date === '2024-04-10')).toBe(true);
    expect(answer('安倍访美').events.some((e) => e.file.startsWith('204') && e.text.includes('啓程前往日本'))).toBe(false);
  });

  it('takes a code name typed beside other words (2+2 of 美日2+2会谈, IAEA of IAEA 福岛监测) as the event\'s name: an article that never names it tells of something else', () => {
    const twoPlusTwo = answer('美日2+2会谈').events;
    // Summits and phone calls of the same two parties (202, 214, 227) are other talks.
    for (const other of ['202', '214', '227', '003']) expect(twoPlusTwo.some((e) => e.file.startsWith(other)), other).toBe(false);
    // Articles that name the 2+2 keep their account, sentences that do not name it included (221: 高层安全会谈).
    expect(twoPlusTwo.some((e) => e.file.startsWith('207') && e.date === '2021-03-16')).toBe(true);
    expect(twoPlusTwo.some((e) => e.file.startsWith('221') && e.text.includes('高层安全会谈'))).toBe(true);
    const iaea = answer('IAEA 福岛监测').events;
    expect(iaea.some((e) => e.file.startsWith('257'))).toBe(false);
    expect(iaea.some((e) => e.file.startsWith('254') && e.text.includes('国际原子能机构核准'))).toBe(true);
    // A topic of words only is not judged so.
    expect(answer('美日会谈').events.some((e) => e.file.startsWith('227'))).toBe(true);
  });

  it('leaves out, for a specific topic (日本扇贝), a sentence of the broader story that names a more general subject and not the topic (恢復進口日本水產品)', () => {
    const article = (paragraphs: string[]): DatedSentence[] =>
      extractDatedSentences(madeUp('broad', paragraphs, '2025-11-08T12:00:00.000Z'));
    const kept = (topic: string, paragraphs: string[]): string[] => relevantSentences(article(paragraphs), topicQuery(index, topic), TOPIC_THRESHOLDS.sentence).map((s) => s.text);
    const scallops = '日本扇贝 恢复出口中国';
    expect(topicQuery(index, scallops).broader).toContain('水产品');
    expect(kept(scallops, ['中国6月宣布恢复进口日本水产品。'])).toEqual([]);
    expect(kept(scallops, ['北海道扇贝11月5日恢复出口中国。'])).toHaveLength(1);
    expect(kept(scallops, ['日方7日恢复对华出口水产品，约6吨扇贝已出货。'])).toHaveLength(1);
    // The general topic keeps its own story, and a more specific subject (处理水 for 水产品) is no broader story.
    expect(kept('日本水产品', ['中国6月宣布恢复进口日本水产品。'])).toHaveLength(1);
    expect(topicQuery(index, '日本水产品').broader ?? []).not.toContain('处理水');
    // On the real articles: China's resumption for all sea food (256, 257) is not the scallops' line.
    const real = answer(scallops).events;
    expect(real.some((e) => e.file.startsWith('256') && e.text.includes('中國海關總署宣布有條件恢復'))).toBe(false);
    expect(real.some((e) => e.file.startsWith('257') && e.text.startsWith('中國6月宣布恢復進口'))).toBe(false);
    expect(real.some((e) => e.file.startsWith('257') && e.text.includes('扇貝已出貨'))).toBe(true);
    expect(answer('中國禁止進口日本水產品').events.some((e) => e.file.startsWith('256') && e.text.includes('中國海關總署宣布有條件恢復'))).toBe(true);
  });

  it('gives a stretch that names the topic only inside another subject\'s name to that subject (首相指名选举, 当选首相, 当选…总裁 for 众议院选举)', () => {
    const linesOf = (text: string, forms: string[], qualified = true): string[] =>
      timelineOfOne(madeUp('elect', text, '2025-11-05T12:00:00.000Z'), { forms, years: [], qualified }).events.map((e) => e.date);
    const lowerHouse = ['众议院', '选举', '当选', '大选'];
    // Modelled on 262/264 (首相指名選舉中，當選為第104任首相) and 258 (当选自民党第27任总裁).
    expect(linesOf('高市早苗在10月21日下午的首相指名选举中当选为第104任首相。', lowerHouse)).toEqual([]);
    expect(linesOf('岸田文雄9月29日当选自民党第27任总裁。', lowerHouse)).toEqual([]);
    // The topic's own election, or a stretch that names the topic outside the other name, stays.
    expect(linesOf('10月27日举行众议院选举，自民党议席大减。', lowerHouse)).toEqual(['2025-10-27']);
    expect(linesOf('他在10月27日的众议院选举中当选首相候选人所在选区议员。', lowerHouse)).toEqual(['2025-10-27']);
    expect(linesOf('岸田文雄9月29日当选自民党第27任总裁。', ['总裁选举', '自民党', '当选'])).toEqual(['2025-09-29']);
    expect(linesOf('高市早苗在10月21日下午的首相指名选举中当选为第104任首相。', ['首相指名选举', '当选首相'])).toEqual(['2025-10-21']);
    // A topic that qualifies nothing (石破茂当选) takes every election.
    expect(linesOf('10月1日当选首相。', ['石破茂', '当选'], false)).toEqual(['2025-10-01']);
    // On the real article (260): its party and prime-minister elections are not the lower-house election's lines.
    const lower = answer('2024年眾議院選舉').events.filter((e) => e.file.startsWith('260'));
    expect(lower.some((e) => e.text.includes('首相指名选举当选'))).toBe(false);
    expect(lower.some((e) => e.date === '2024-10-01')).toBe(false);
    expect(lower.some((e) => e.date === '2024-10-27')).toBe(true);
    expect(answer('石破茂当选').events.some((e) => e.file.startsWith('260') && e.date === '2024-10-01')).toBe(true);
    // The topic's subject matter named only by a word of another's name (选举 of 众议院选举 for 总裁选举), whatever else of it is named (自民党).
    const party = ['总裁选举', '总裁选', '自民党'];
    const subjects = [['总裁选举', '总裁选', '总裁', '选举', '当选', '大选']];
    const partyLines = (text: string): string[] =>
      timelineOfOne(madeUp('party', text, '2025-11-05T12:00:00.000Z'), { forms: party, years: [], qualified: true, subjects }).events.map((e) => e.date);
    expect(partyLines('在10月27日举行的众议院选举中，自民党失去过半数席位。')).toEqual([]);
    expect(partyLines('自民党7月在参议院大选中失利。')).toEqual([]);
    expect(partyLines('自民党10月4日举行总裁选举。')).toEqual(['2025-10-04']);
    expect(partyLines('当天的选举共经历了两轮投票，自民党10月4日选出新总裁。')).toEqual(['2025-10-04']);
    // On the real articles: the lower-house election (260) and the upper-house one (261) are not the party election's lines.
    const partyVote = answer('自民党总裁选举').events;
    expect(partyVote.some((e) => e.file.startsWith('260') && e.text.includes('众议院选举中'))).toBe(false);
    expect(partyVote.some((e) => e.file.startsWith('261') && e.text.includes('參議院大選'))).toBe(false);
    expect(partyVote.some((e) => e.file.startsWith('260') && e.text.includes('当选自民党新任总裁'))).toBe(true);
    expect(answer('2024年眾議院選舉').events.some((e) => e.file.startsWith('260') && e.text.includes('众议院选举中'))).toBe(true);
  });

  it('tells a visit by the arrival at the country\'s seat of government (到白宫, 抵达白宫)', () => {
    // 218 tells Kishida's state visit as 星期三到白宫 and 抵达白宫南草坪: both are lines of 岸田访美.
    const visit = answer('岸田访美').events.filter((e) => e.file.startsWith('218'));
    expect(visit.some((e) => e.text.includes('到白宫'))).toBe(true);
    expect(visit.some((e) => e.text.includes('抵达白宫'))).toBe(true);
  });

  it('leaves out of a meeting topic of one rank the lines of meetings of another rank (首脑会谈 vs 外长, 防长, 2+2)', () => {
    const linesOf = (text: string, forms: string[]): string[] =>
      timelineOfOne(madeUp('rank', text, '2025-11-08T12:00:00.000Z'), { forms, years: [] }).events.map((e) => e.date);
    const summit = ['日美', '首脑会谈', '会谈'];
    const defence = ['日美', '防长会谈', '会谈'];
    // Ministers' meetings are no summit, in any of their titles (外务大臣…国务卿, 防卫大臣…国防部长, 2+2).
    expect(linesOf('日本外务大臣11月3日与美国国务卿举行电话会谈。', summit)).toEqual([]);
    expect(linesOf('日本防卫大臣11月4日与美国国防部长举行会谈。', summit)).toEqual([]);
    expect(linesOf('两国11月5日举行外长、防长“2+2”会谈。', summit)).toEqual([]);
    // A leaders' meeting is no defence ministers' meeting.
    expect(linesOf('日本首相11月6日与美国总统在白宫举行会谈。', defence)).toEqual([]);
    // The topic's own rank, both ranks in one line, or no rank named at all, stay.
    expect(linesOf('日本首相11月6日与美国总统在白宫举行会谈。', summit)).toEqual(['2025-11-06']);
    expect(linesOf('日本防卫大臣11月4日与美国国防部长举行会谈。', defence)).toEqual(['2025-11-04']);
    expect(linesOf('首相11月7日会见了来访的美国国务卿。', summit)).toEqual(['2025-11-07']);
    expect(linesOf('两国11月2日在东京举行会谈。', summit)).toEqual(['2025-11-02']);
    // A topic that names a rank but no meeting (首相指名选举) is not judged so.
    expect(linesOf('外相11月9日在首相指名选举中投票。', ['首相指名选举'])).toEqual(['2025-11-09']);
    // On the real articles: the defence ministers' talks (214, 229) are no US–Japan summit; the leaders' (218, 227) are.
    const summits = answer('日美首脑会谈').events;
    for (const file of ['214', '229']) expect(summits.some((e) => e.file.startsWith(file) && /防衛大臣|國防部長/u.test(e.text)), file).toBe(false);
    for (const file of ['218', '227']) expect(summits.some((e) => e.file.startsWith(file)), file).toBe(true);
  });

  it('gives a stretch that names another kind of the topic\'s goods and not the topic\'s kind to that kind (海参 beside 扇贝)', () => {
    const linesOf = (text: string, forms: string[]): string[] =>
      timelineOfOne(madeUp('kind', text, '2025-11-08T12:00:00.000Z'), { forms, years: [] }).events.map((e) => e.date);
    expect(linesOf('扇贝已于11月5日发往中国，海参也将在11月10日对华出口。', ['扇贝', '出口'])).toEqual(['2025-11-05']);
    expect(linesOf('日本牛肉3月1日恢复出口，猪肉则在4月2日恢复。', ['牛肉', '恢复'])).toEqual(['2025-03-01']);
    // A stretch that names the topic's kind, or no kind at all, stays; a topic that names no kind is not judged so.
    expect(linesOf('扇贝与海参11月10日一同出口。', ['扇贝', '出口'])).toEqual(['2025-11-10']);
    expect(linesOf('扇贝已于11月5日发往中国，第二批11月10日出口。', ['扇贝', '出口'])).toEqual(['2025-11-05', '2025-11-10']);
    expect(linesOf('扇贝已于11月5日发往中国，海参也将在11月10日对华出口。', ['水产品', '出口'])).toEqual(['2025-11-05', '2025-11-10']);
    // Trips by destination are kinds too: a visit to Japan is not told by an invitation to visit the US, but a stay in Japan is that visit.
    const toJapan = ['拜登', '访日', '访问', '赴日', '抵达东京'];
    expect(linesOf('拜登11月2日抵达东京，并邀请岸田11月6日访美。', toJapan)).toEqual(['2025-11-02']);
    expect(linesOf('拜登11月3日在日本出席峰会时，就已邀请日韩领袖访美。', toJapan)).toEqual(['2025-11-03']);
    expect(linesOf('拜登11月2日抵达东京，并邀请岸田11月6日访美。', ['拜登', '访问'])).toEqual(['2025-11-02', '2025-11-06']);
    // On the real articles (256, 257): the sea cucumbers shipped on the 10th are not the scallops' line.
    const scallops = answer('日本扇贝 恢复出口中国').events;
    for (const file of ['256', '257']) expect(scallops.some((e) => e.file.startsWith(file) && e.text.includes('海參')), file).toBe(false);
    expect(scallops.some((e) => e.file.startsWith('257') && e.text.includes('扇貝已於11月5日'))).toBe(true);
  });

  it('goes on with the account into a sentence that refers back to it (这些裁决, 该基金会, 上述), into the next paragraph too, but not past one that does not', () => {
    const article = (paragraphs: string[]): DatedSentence[] =>
      extractDatedSentences(madeUp('back', paragraphs, '2023-03-08T12:00:00.000Z'));
    const q = topicQuery(index, '强征劳工 赔偿');
    const kept = (paragraphs: string[]): string[] => relevantSentences(article(paragraphs), q, TOPIC_THRESHOLDS.sentence).map((s) => s.text);
    const lead = '韩国政府6日公布了二战强征劳工赔偿方案。';
    expect(kept([lead, '日本企业2018年拒绝了这些判决。'])).toHaveLength(2);
    expect(kept([lead, '该基金会主席今年1月表示，资金来自韩国企业。'])).toHaveLength(2);
    expect(kept([lead, '韩国在野党7日批评了上述方案。', '他们8日在国会前集会。'])).toHaveLength(2);
    // Not referring back: another story (应该 is not 该).
    expect(kept([lead, '美国国务院7日表示欢迎两国改善关系。'])).toHaveLength(1);
    expect(kept([lead, '分析人士认为两国应该在4月举行首脑会谈。'])).toHaveLength(1);
    // On the real article (244): the account goes on over two paragraphs that name no concept of the topic.
    const pay = answer('强征劳工 赔偿').events.filter((e) => e.file.startsWith('244'));
    expect(pay.some((e) => e.date === '1965' && e.text.includes('理由是1965年'))).toBe(true);
    expect(pay.some((e) => e.date === '2023-01' && e.text.includes('該基金會主席表示'))).toBe(true);
  });

  it('reads a person typed in full by the short name the registry knows them by (高市 for 高市早苗, 岸田 for 岸田文雄), and a place by no other name', () => {
    for (const [name, text] of [['高市早苗', '高市上週在施政演說中指出'], ['岸田文雄', '岸田随后于中午召开记者会宣布了这一消息']] as const) {
      expect(coverage(fold(text), topicQuery(index, name)), name).toBe(1);
    }
    expect(answer('高市早苗').events.some((e) => e.file.startsWith('229') && e.text.includes('高市上週在施政演說中指出'))).toBe(true);
    expect(topicQuery(index, '日本').concepts.flatMap((c) => c.forms)).toEqual(['日本']);
  });

  it('keeps a year typed in the topic as a filter: every event of "2019 日美首脑会谈" is of 2019', () => {
    const r = answer('2019 日美首脑会谈');
    expect(r.events.length).toBeGreaterThan(0);
    for (const e of r.events) expect(e.date.slice(0, 4)).toBe('2019');
  });

  it('leaves out passages that share only a common word with the topic (日本 of 日本扇贝 in a defence-budget report)', () => {
    const r = answer('日本扇贝');
    expect(r.events.length).toBeGreaterThan(0);
    expect(r.events.every((e) => !e.file.startsWith('249'))).toBe(true);
  });

  it('gives one line per dated stretch of a sentence: 去年…大选、今年6月…选举、7月…大选 and 2022年…，2023年…，2024年…', () => {
    // The forms a topic of 选举 has: the word and its near-synonym 大选 (a house's 大选 is no rival subject of it).
    const a = timelineOf('x', offer('261', ['选举', '大选'], (t) => t.includes('去年眾議院大選')), index.aliases, { limit: 100 });
    expect(a.events.map((e) => e.date)).toEqual(['2024', '2025-06', '2025-07', '2025-09-07']);
    const b = timelineOf('x', offer('249', ['预算'], (t) => t.includes('日本2022年的国防预算')), index.aliases, { limit: 100 });
    expect(b.events.map((e) => e.date)).toEqual(['2022', '2023', '2024']);
    for (const e of [...a.events, ...b.events]) expect(e.text.length).toBeGreaterThan(5);
  });

  it('keeps what someone said with the saying, one line on the day it was said (…主席表示,部分资金将来自受益于1965年条约…; …指出,政府计划在截至2026年3月…)', () => {
    const linesOf = (text: string, forms: string[]): string[] =>
      timelineOfOne(madeUp('said', text, '2025-11-05T12:00:00.000Z'), { forms, years: [] }).events.map((e) => e.date);
    expect(linesOf('今年1月,该基金会主席表示,部分资金将来自受益于1965年条约的韩国公司。', ['基金会'])).toEqual(['2025-01']);
    expect(linesOf('高市上周在施政演说中指出，政府计划在截至2026年3月的本财年将国防支出增加至2%。', ['国防支出'])).toEqual(['2025-10']);
    expect(linesOf('外交部发言人3日说，这违反了中美两国政府在1982年签署的联合公报。', ['联合公报'])).toEqual(['2025-11-03']);
    // What someone proposed (提出，…) is said too: 251's 今年10月，…在施政方針演講中提出，要將原定於2027財年實現的…目標提前….
    expect(linesOf('今年10月，高市在施政演说中提出，要将原定于2027财年实现的目标提前至本财年达成。', ['施政演说'])).toEqual(['2025-10']);
    expect(linesOf('石破茂9月提出，将在2026年度修订安保三文件。', ['安保三文件'])).toEqual(['2025-09']);
    expect(answer('日本防衛費').events.some((e) => e.file.startsWith('251') && e.text.startsWith('要將原定於2027財年'))).toBe(false);
    expect(answer('日本防衛費').events.some((e) => e.file.startsWith('251') && e.date === '2025-10' && e.text.includes('施政方針演講中提出'))).toBe(true);
    // No one speaking: two acts, two lines.
    expect(linesOf('岸田文雄3日与尹锡悦举行会谈，4日两人共同出席了晚宴。', ['会谈'])).toEqual(['2025-11-03', '2025-11-04']);
  });

  it('keeps a fiscal year that qualifies a noun with the day of its clause (10月15日，已启动决定2021年度起5年间…的谈判)', () => {
    const r = timelineOf('x', offer('000', ['谈判'], (t) => t.includes('已启动决定2021年度')), index.aliases, { limit: 100 });
    expect(r.events.map((e) => e.date)).toEqual(['2020-10-15']);
  });

  it('dates no event by a dateline or an outlet\'s report (香港中通社8月17日電, 中央社東京16日綜合外電報導)', () => {
    const r = timelineOf('x', offer('217', ['峰会'], (t) => t.includes('中通社')), index.aliases, { limit: 100 });
    expect(r.events.map((e) => e.date)).toEqual(['2023-08-18']);
    const s = timelineOf('x', offer('214', ['会谈'], (t) => t.includes('綜合外電報導')), index.aliases, { limit: 100 });
    expect(s.events.every((e) => !/^\(中央社東京16日/.test(e.text) || e.date !== '2022-08-16' || e.text.includes('會談'))).toBe(true);
  });

  it('makes no line of an undated rule or lasting state that names the topic (根据…宪法, …宪法规定, 根据…条约, 多年来, 长期以来), but keeps one that someone says', () => {
    const lineOf = (text: string, forms: string[]): TimelineResult => timelineOfOne(madeUp('rule', text, '2024-11-11T12:00:00.000Z'), { forms, years: [] });
    const rules: [string, string[]][] = [
      ['根据日本宪法,日本实施“首相指名选举”。', ['首相指名选举']],
      ['日本宪法规定,众议院选举后30天内必须召集特别国会,进行首相指名选举。', ['首相指名选举']],
      ['根据美日安保条约，美国有义务在日本遭受攻击时进行防卫，同时允许美军驻扎于日本。', ['美日安保条约']],
      ['据了解,根据《日韩军事情报保护协定》,韩日两国可直接共享地区军事情报。', ['军事情报保护协定']],
      ['多年来,因日方推诿,韩国二战强征劳工赔偿问题和慰安妇赔偿问题,曾使韩日两国矛盾持续发酵。', ['强征劳工', '赔偿']],
      ['長期以來奉行和平主義的日本，隨著日中關係惡化，正逐步採取更強硬的軍事立場。', ['和平主义']],
    ];
    for (const [text, forms] of rules) expect(lineOf(text, forms).events, text).toEqual([]);
    const said = '赵立坚表示,中方坚决反对美售台武器,敦促美方切实恪守一个中国原则和中美三个联合公报规定,停止售台武器。';
    expect(lineOf(said, ['售台武器']).events.map((e) => `${e.date}${e.reportedOnly ? ' reported' : ''}`)).toEqual(['2024-11-11 reported']);
    expect(lineOf('石破茂经国会众参两院首相指名选举当选日本第103任首相。', ['首相指名选举']).events).toHaveLength(1);
  });

  it('reads a typed token of numbers or letters joined by a sign (2+2, 3+3, P5+1) as one concept, as rare as the token itself', async () => {
    const made = (id: string, text: string): Article => ({ id, file: `${id}.txt`, title: id, url: `https://example.org/${id}`, source: 'example.org', publishedAt: '2024-07-12T12:00:00.000Z', blocks: [{ kind: 'paragraph', text }] });
    const small = await buildIndex(
      [
        made('a', '中日韩3+3会谈5日在首尔举行。'),
        made('b', '伊核问题P5+1会谈10日在维也纳举行。'),
        ...Array.from({ length: 6 }, (_, i) => made(`n${i}`, `双方${i + 2}日举行会谈,参加者共3人,为期1天。`)),
      ],
      { workers: 0 },
    );
    for (const [topic, token] of [['3+3会谈', '3+3'], ['P5+1会谈', 'p5+1']] as const) {
      const concepts = topicQuery(small, topic).concepts;
      const own = concepts.find((c) => c.forms.includes(token));
      expect(own, topic).toBeDefined();
      // One passage holds the token: it weighs more than 会谈, which every passage holds.
      expect(own?.weight ?? 0).toBeGreaterThan(concepts.find((c) => c.forms.includes('会谈'))?.weight ?? Infinity);
    }
    // Real: 2+2 of three articles (207, 209, 221) is a concept; the meetings of 美日 that are no 2+2 fall below the passage floor in part.
    expect(topicQuery(index, '美日2+2会谈').concepts.some((c) => c.forms.includes('2+2'))).toBe(true);
    const files = new Set(answer('美日2+2会谈').events.map((e) => e.file.slice(0, 3)));
    expect(files.has('207') && files.has('221')).toBe(true);
    expect(answer('美日2+2会谈').events.length).toBeLessThan(answer('美日会谈').events.length);
  });

  it('dates an event by its own day, not by the day a source or an outlet told it (消息人士8日透露,…10日起访问; 知情人士周二披露; 日经新闻周二则报道)', () => {
    const datesOf = (text: string, forms: string[]): string[] =>
      timelineOfOne(madeUp('src', text, '2024-07-12T12:00:00.000Z'), { forms, years: [] }).events.map((e) => e.date);
    expect(datesOf('多名外交消息人士8日透露,首相10日起对美国进行访问。', ['访问'])).toEqual(['2024-07-10']);
    expect(datesOf('知情人士周二披露,两国外长将于15日举行会谈。', ['会谈'])).toEqual(['2024-07-15']);
    expect(datesOf('共同社11日引述政府消息人士称,双方5日已就会谈日程达成一致。', ['会谈'])).toEqual(['2024-07-05']);
    expect(datesOf('日本经济新闻周二则报道,双方已就投资协议交换意见。', ['投资协议'])).toEqual([]);
    // A person who reveals something makes a statement of that day: the day stays.
    expect(datesOf('岸田8日透露,他将出席北约峰会。', ['北约峰会'])).toEqual(['2024-07-08']);
    // Real members from two articles.
    expect(answer('岸田访美').events.find((e) => e.text.includes('消息人士8日透露'))?.date).toBe('2024-07-10');
    expect(answer('日本对美投资').events.some((e) => e.text.includes('日經新聞周二則報導'))).toBe(false);
  });

  it('gives no publication-day line for an undated comment, background or list header of an article that dates its account, but keeps what someone says or decides', () => {
    const linesOf = (paragraphs: string[], forms: string[]): string[] =>
      timelineOfOne(madeUp('undated', paragraphs, '2024-11-11T12:00:00.000Z'), { forms, years: [] }).events.map((e) => `${e.date}${e.reportedOnly ? ' reported' : ''} ${e.text}`);
    const dated = '两国外长9日在东京举行会谈。';
    // Made-up members of the class: a comment, a list header, background.
    for (const undated of ['这次外长会谈是极为罕见的安排。', '记者整理了这次外长会谈的主要议题如下：', '外长会谈通常每年举行一次。']) {
      expect(linesOf([dated, undated], ['外长会谈']), undated).toEqual(['2024-11-09 两国外长9日在东京举行会谈。']);
    }
    // Said or decided: news of the report's day.
    for (const stance of ['外务省发言人表示,外长会谈取得成果。', '日方希望外长会谈能够定期化。', '双方同意下次外长会谈在首尔举行。']) {
      expect(linesOf([dated, stance], ['外长会谈']), stance).toContain(`2024-11-11 reported ${stance}`);
    }
    // An article that gives the topic no date: its report is the news.
    expect(linesOf(['这次外长会谈是极为罕见的安排。'], ['外长会谈'])).toEqual(['2024-11-11 reported 这次外长会谈是极为罕见的安排。']);
    // Real members from two articles (213, 212); the undated call of 209 (布林肯也確認…) stays.
    const texts = (topic: string): string[] => answer(topic).events.map((e) => e.text);
    expect(texts('安倍遇刺').some((t) => t.includes('極罕見的槍枝犯罪'))).toBe(false);
    expect(texts('安倍遇刺').some((t) => t.includes('奈良'))).toBe(true);
    expect(texts('拜登访日').some((t) => t.includes('引發超級偶像旋風'))).toBe(false);
  });

  it('dates no event by a "since" clause that tells another story (自2012年重新上台后首次, 自6月就任以來首次), but by one about the topic', () => {
    const datesOf = (text: string, forms: string[], publishedAt = '2025-08-24T12:00:00.000Z'): string[] =>
      timelineOfOne(madeUp('since', text, publishedAt), { forms, years: [] }).events.map((e) => e.date);
    // Real sentences of 260 and 247, and one made up: the reference point is not the topic's.
    expect(datesOf('在10月27日举行的众议院选举中,自民党自2012年重新上台后首次失去在众议院的单独过半数席位。', ['总裁选举', '自民党'], '2024-11-12T12:00:00.000Z')).toEqual(['2024-10-27']);
    expect(datesOf('這是李在明自6月就任以來首次訪日。', ['首脑会谈', '日韩', '日本', '韩国'])).toEqual([]);
    // Naming the topic whole, the sentence is still the day's news: dated by its report, not by 2021.
    expect(datesOf('拜登自2021年入主白宫以来首次访问越南。', ['越南'])).toEqual(['2025-08-24']);
    // Reference points that are the topic's own story (245, 247): they date events.
    expect(datesOf('自2018年韩国大法院判处被日本强征韩籍劳工受害者索赔胜诉以来,日韩关系遇冷多年。', ['劳工', '赔偿', '索赔'], '2023-03-17T12:00:00.000Z')).toEqual(['2018']);
    expect(datesOf('這是兩位領袖繼6月在加拿大會談後再次見面。', ['会谈', '日韩'])).toEqual(['2025-06']);
    expect(datesOf('这是继2011年12月时任韩国总统李明博访日后,韩国总统首次专程访日。', ['首脑会谈', '日本', '韩国'], '2023-03-17T12:00:00.000Z')).toEqual(['2011-12']);
  });

  it('dates no event by a person\'s birth (生于1957年, 出生於1954年, 出生在1960年)', () => {
    for (const text of ['岸田文雄生于1957年，曾担任外务大臣。', '石破茂出生於1957年，2024年当选总裁。', '她出生在1961年，2025年当选首相。']) {
      const a = madeUp('bio', text, '2025-10-05T12:00:00.000Z');
      const r = timelineOf('x', [{ source: refOf(a), sentences: extractDatedSentences(a), about: { forms: [], years: [] } }], index.aliases, { limit: 10 });
      expect(r.events.every((e) => !/^19[56]/.test(e.date)), text).toBe(true);
    }
  });

  it('answers any known topic with events in date order, each a stretch of its article, each source once (property)', () => {
    const topics = index.topics.slice(0, 60);
    fc.assert(
      fc.property(fc.constantFrom(...topics), (topic) => {
        const r = answer(topic);
        const dates = r.events.map((e) => e.date);
        dates.forEach((d, k) => {
          if (k > 0) expect((dates[k - 1] as string).slice(0, d.length) <= d.slice(0, (dates[k - 1] as string).length), `${topic}: ${dates[k - 1]} then ${d}`).toBe(true);
        });
        for (const e of r.events) {
          const article = articles.find((x) => x.file === e.file) as Article;
          expect([article.title, ...articleParagraphs(article)].some((p) => p.includes(e.text)), `${topic}: ${e.text}`).toBe(true);
          if (e.sources) expect(new Set(e.sources.map((x) => x.file)).size).toBe(e.sources.length);
        }
      }),
      { numRuns: 15 },
    );
  });
});
