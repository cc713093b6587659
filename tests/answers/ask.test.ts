import { beforeAll, describe, expect, it } from 'vitest';
import { ask, highlight } from '../../src/answers/ask.ts';
import { AskResultSchema } from '../../src/answers/types.ts';
import { buildIndex, type ShijiIndex } from '../../src/index/index.ts';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { HAS_SHARED_CORPUS, SEEDS_DIR, SHARED_CORPUS_DIR, seedArticles } from '../support/corpus.ts';

let index: ShijiIndex;
beforeAll(async () => {
  index = await buildIndex(await seedArticles());
});

const files = (r: ReturnType<typeof ask>): string[] => r.results.map((h) => h.file.slice(0, 3));

describe('ask over the seeds', () => {
  it('puts seed 000’s 温馨预算 paragraphs in the top 3 for 驻日美军经费, and finds seed 002’s 支付更多驻日美军费用', () => {
    const top = ask(index, '驻日美军经费', { limit: 3 });
    expect(top.results.filter((h) => h.file.startsWith('000') && h.text.includes('温馨预算')).length).toBeGreaterThanOrEqual(2);
    const more = ask(index, '驻日美军经费', { limit: 10 });
    expect(more.results.some((h) => h.file.startsWith('002') && h.text.includes('支付更多驻日美军费用'))).toBe(true);
  });

  it('answers the question form with the passage about what Trump demanded each year', () => {
    const r = ask(index, '特朗普要求日本每年负担多少驻日美军经费？', { limit: 5 });
    expect(r.results.some((h) => h.text.includes('特朗普要求日本负担每年80亿美元'))).toBe(true);
  });

  it('finds seed 000’s TPP paragraphs first for TPP, and only passages that name it', () => {
    const r = ask(index, 'TPP');
    expect(files(r).slice(0, 2)).toEqual(['000', '000']);
    expect(r.results[0]?.text).toMatch(/TPP|太平洋伙伴关系协定/);
    expect(ask(index, 'tpp').results[0]?.text).toBe(r.results[0]?.text);
  });

  it('gives a traditional-character query the same top result as its simplified form', () => {
    expect(ask(index, '駐日美軍經費').results[0]?.text).toBe(ask(index, '驻日美军经费').results[0]?.text);
    expect(ask(index, 'ＴＰＰ').results[0]?.text).toBe(ask(index, 'TPP').results[0]?.text);
  });

  it('finds seed 002’s passage about 斯托尔滕贝格 for the Latin surname Stoltenberg, with no hand-written alias', () => {
    const r = ask(index, 'Stoltenberg');
    expect(r.results[0]?.file.startsWith('002')).toBe(true);
    expect(r.results[0]?.text).toContain('斯托尔滕贝格');
  });

  it('marks the matched spans with offsets into the text as written', () => {
    const r = ask(index, '駐日美軍經費');
    const hit = r.results[0]!;
    const marked = hit.highlights.map((s) => hit.text.slice(s.start, s.end));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.some((m) => m.startsWith('驻日美军'))).toBe(true);
  });

  it('keeps at most two passages of one article in the top five while other articles match', () => {
    let checked = 0;
    for (const q of ['驻日美军经费', '拜登', '日美同盟', '岸田', '特朗普', '北约']) {
      const all = files(ask(index, q, { limit: 100 }));
      const perArticle = new Map<string, number>();
      for (const f of all) perArticle.set(f, (perArticle.get(f) ?? 0) + 1);
      // Only when other articles have enough to fill five places two at a time can the cap hold.
      if ([...perArticle.values()].reduce((n, c) => n + Math.min(c, 2), 0) < 5) continue;
      checked++;
      const counts = new Map<string, number>();
      for (const f of all.slice(0, 5)) counts.set(f, (counts.get(f) ?? 0) + 1);
      expect(Math.max(...counts.values()), q).toBeLessThanOrEqual(2);
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it('gives every result its title, date, link, source, file and a score, in rank order, valid by the schema', () => {
    const r = ask(index, '日美同盟', { limit: 5, offset: 2 });
    expect(AskResultSchema.safeParse(r).success).toBe(true);
    expect(r.results.map((h) => h.rank)).toEqual([3, 4, 5, 6, 7].slice(0, r.results.length));
    for (const h of r.results) {
      expect(h.url).toMatch(/^https?:\/\//);
      expect(h.file).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
      expect(h.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });

  it('pages without overlap', () => {
    const a = ask(index, '日本', { limit: 5 }).results.map((h) => h.text);
    const b = ask(index, '日本', { limit: 5, offset: 5 }).results.map((h) => h.text);
    expect(a.filter((t) => b.includes(t))).toEqual([]);
  });
});

describe('ask on queries with nothing to find', () => {
  it('says there is nothing to search for when the query is empty or only stop words and punctuation', () => {
    for (const q of ['', '   ', '的了吗', '，。！？']) {
      const r = ask(index, q);
      expect(r.results).toEqual([]);
      expect(r.notice).toMatch(/没有可搜索的内容/);
    }
  });

  it('cuts a query over 200 characters and says so', () => {
    const r = ask(index, `TPP${'日本'.repeat(150)}`);
    expect([...r.query]).toHaveLength(200);
    expect(r.notice).toMatch(/只按前 200 个字搜索/);
  });

  it('says nothing was found and suggests a close name from the index', () => {
    const r = ask(index, '斯托尔滕贝');
    if (r.results.length === 0) expect(r.suggestions?.length).toBeGreaterThan(0);
    const none = ask(index, 'Stoltenburg');
    expect(none.results).toEqual([]);
    expect(none.notice).toMatch(/没有找到/);
    expect(none.suggestions).toContain('Jens Stoltenberg');
  });
});

describe('highlight', () => {
  it('merges overlapping spans', () => {
    expect(highlight('驻日美军驻留经费', [{ forms: ['驻日美军', '美军驻留经费'] }])).toEqual([{ start: 0, end: 8 }]);
  });

  it('marks only whole terms: a number or Latin word is not marked inside a longer one', () => {
    expect(highlight('2024年举行2+2会议', [{ forms: ['2+2'] }])).toEqual([{ start: 7, end: 10 }]);
    expect(highlight('2024年的2', [{ forms: ['2'] }])).toEqual([{ start: 6, end: 7 }]);
    expect(highlight('5,500亿与5亿', [{ forms: ['5亿'] }])).toEqual([{ start: 7, end: 9 }]);
    expect(highlight('ipefs与ipef', [{ forms: ['ipef'] }])).toEqual([{ start: 6, end: 10 }]);
    // Han text has no word boundaries to keep: 美军 inside 驻日美军 is marked.
    expect(highlight('驻日美军', [{ forms: ['美军'] }])).toEqual([{ start: 2, end: 4 }]);
  });

  it('spans a match over white space inside it, with offsets into the text as written', () => {
    expect(highlight('第 102 任首相', [{ forms: ['第102任'] }])).toEqual([{ start: 0, end: 7 }]);
  });
});

describe('ask reads the question', () => {
  it('gives a query with invisible characters inside its words the results of the clean query', () => {
    for (const q of ['驻日美军经费', 'TPP', '特朗普要求日本每年负担多少驻日美军经费？']) {
      const dirty = [...q].join('\u200b').replace('经', '\u2060经') + '\ufeff';
      expect(ask(index, dirty).results.map((h) => h.text), q).toEqual(ask(index, q).results.map((h) => h.text));
    }
  });

  it('does not search for the question words: 多少 and 为什么 find what the rest of the question finds', () => {
    // The same passages are found; only their order may change, by the shape of the answer asked for.
    for (const [bare, asked] of [
      ['特朗普要求日本每年负担驻日美军经费', '特朗普要求日本每年负担多少驻日美军经费？'],
      ['日本担心特朗普重新掌权', '日本为什么担心特朗普重新掌权？'],
      ['TPP签署', 'TPP是什么时候签署的'],
    ]) {
      const a = ask(index, bare as string, { limit: 100 }).results.map((h) => h.text);
      const b = ask(index, asked as string, { limit: 100 }).results.map((h) => h.text);
      expect(new Set(b), asked).toEqual(new Set(a));
    }
  });

  it('puts the passage holding the amount asked for first (多少 → a number with its unit)', () => {
    const r = ask(index, '特朗普要求日本每年负担多少驻日美军经费？');
    expect(r.results[0]?.text).toContain('80亿美元');
  });

  it('finds no fewer passages for a narrower query than for the broader one it contains', () => {
    for (const [broad, narrow] of [
      ['美军', '驻日美军'],
      ['同盟', '日美同盟'],
      ['特朗普', '特朗普政府'],
      ['天皇', '日本天皇'],
    ]) {
      expect(ask(index, narrow as string).total, `${narrow} vs ${broad}`).toBeGreaterThanOrEqual(Math.min(ask(index, broad as string).total, 150));
    }
  });
});

describe.skipIf(!HAS_SHARED_CORPUS)('ask over the shared corpus: numbers, variants and answers', () => {
  let shared: ShijiIndex;
  beforeAll(async () => {
    shared = await buildIndex((await loadCorpus([SEEDS_DIR, SHARED_CORPUS_DIR])).articles);
  }, 120_000);

  const texts = (q: string, limit = 10): string[] => ask(shared, q, { limit }).results.map((h) => h.text);

  it('finds 5,500億 for 5500亿 and 三千億 for 3000亿 (thousands separators, Chinese numerals, traditional forms)', () => {
    expect(texts('日本对美5500亿美元投资', 5).some((t) => t.includes('5,500億') || t.includes('5,500亿'))).toBe(true);
    expect(texts('对3000亿美元中国商品加征关税', 5).some((t) => t.includes('三千億'))).toBe(true);
  });

  it('answers 第几任 with the passage giving the ordinal', () => {
    expect(texts('石破茂是第几任首相', 3).some((t) => /第103任/.test(t))).toBe(true);
    expect(texts('高市早苗是第几任首相', 3).some((t) => /第104任/.test(t))).toBe(true);
  });

  it('finds a place name in either transliteration, the one typed first', () => {
    const david = ask(shared, '大卫营', { limit: 10 }).results;
    expect(david.some((h) => h.text.includes('戴維營'))).toBe(true);
    expect(david[0]?.text).toMatch(/大衛營|大卫营/);
    expect(ask(shared, '戴维营', { limit: 10 }).results.some((h) => h.text.includes('大衛營'))).toBe(true);
  });

  it('answers a ministry question through the short title (防卫大臣 → 防卫相)', () => {
    expect(texts('高市内阁的防卫大臣是谁', 5).some((t) => t.includes('小泉進次郎') && t.includes('防衛相'))).toBe(true);
  });

  it('puts a passage holding the counter asked for above those that only name the topic', () => {
    const top = texts('申請對華出口水產品登記的日本企業有多少家', 3);
    expect(top.some((t) => /\d+家企業/.test(t))).toBe(true);
    const votes = texts('2021年自民党总裁选举 决选投票岸田和河野各得多少票', 3);
    expect(votes.some((t) => /257票/.test(t))).toBe(true);
  });

  it('answers a bare 多少 with the amount of the kind the noun counts: a currency for 开支, a headcount for 人数', () => {
    expect(texts('日本2025财年的防卫开支总额是多少', 1)[0]).toMatch(/\d+(?:\.\d+)?萬億日元|\d+(?:\.\d+)?万亿日元/);
    expect(texts('驻日美军人数是多少', 1)[0]).toMatch(/\d+[万萬]\d*名/);
  });

  it('answers a list of organisations with one named, not with a count of them', () => {
    const first = texts('北京制裁了哪些美国公司', 1)[0];
    expect(first).toMatch(/洛克希德|諾斯洛普|诺斯洛普|安杜里爾|波音/);
    expect(first).not.toMatch(/\d+家國防企業/);
  });
});

describe('ask with a year in the question', () => {
  // Two reports of the same kind of event, years apart, that name the day but not the year (7月9日, 本月).
  const report = (id: string, publishedAt: string, text: string): Article => ({
    id,
    file: `${id}.txt`,
    title: '美国批准对外军售',
    url: `https://news.example.org/${id}`,
    source: 'news.example.org',
    publishedAt,
    blocks: [{ kind: 'paragraph', text }],
  });
  let index: ShijiIndex;
  beforeAll(async () => {
    index = await buildIndex([
      report('sale-2020', '2020-07-15T01:00:00.000Z', '7月9日，美国国务院批准向该国出售导弹系统的重新认证，总价值6.2亿美元。'),
      report('sale-2025', '2025-11-14T04:00:00.000Z', '美国国务院本月批准向该国出售飞机零附件的军售案，总价值约3.3亿美元。'),
      report('sale-2023', '2023-03-02T04:00:00.000Z', '美国国务院日前批准向该国出售导弹的军售案，总价值约6亿美元。'),
    ]);
  });

  it('puts the report of the year asked about first, though the passage never repeats the year', () => {
    expect(ask(index, '2020年美国批准军售 金额多少').results[0]?.file).toBe('sale-2020.txt');
    expect(ask(index, '2025年美国批准军售 金额多少').results[0]?.file).toBe('sale-2025.txt');
    // Chinese numerals and the year after other words name the same year.
    expect(ask(index, '二〇二三年 美国批准出售导弹').results[0]?.file).toBe('sale-2023.txt');
    expect(ask(index, '美国在2020年批准出售导弹的金额').results[0]?.file).toBe('sale-2020.txt');
  });

  it('answers a question about a birth from a biography line in other words (出生 → 生于, 出生於)', async () => {
    const bio = await buildIndex([
      report('bio-a', '2021-10-04T04:00:00.000Z', '岸田文雄生于1957年，曾担任日本外务大臣。'),
      report('bio-b', '2024-10-01T04:00:00.000Z', '石破茂出生於1957年，曾任防衛大臣。'),
      report('bio-c', '2021-10-02T04:00:00.000Z', '岸田文雄1993年首次当选众议员。'),
      report('bio-d', '2024-10-03T04:00:00.000Z', '石破茂1986年首次当选众议员。'),
    ]);
    expect(ask(bio, '岸田文雄是哪一年出生的').results[0]?.file).toBe('bio-a.txt');
    expect(ask(bio, '石破茂在哪一年诞生').results[0]?.file).toBe('bio-b.txt');
  });

  it('reads a number of years (3年) as no year asked about', () => {
    const plain = ask(index, '美国批准军售 金额多少').results.map((h) => h.file);
    expect(ask(index, '美国3年批准军售 金额多少').results.map((h) => h.file)).toEqual(plain);
  });
});

describe('ask over an archive with reprints', () => {
  it('shows a paragraph reprinted by several articles once, from the earliest of them', async () => {
    const seeds = await seedArticles();
    const original = seeds.find((a) => a.file.startsWith('000'))!;
    const reprints = [1, 2, 3].map((k) => ({
      ...original,
      id: `reprint-${k}`,
      file: `reprint-${k}.txt`,
      title: `转载 ${k}`,
      publishedAt: new Date(Date.parse(original.publishedAt) + k * 86_400_000).toISOString(),
    }));
    const withReprints = await buildIndex([...seeds, ...reprints]);
    const r = ask(withReprints, '温馨预算', { limit: 10 });
    const texts = r.results.map((h) => h.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(r.results[0]?.file).toBe(original.file);
  });
});

describe('ask answers a why-question with the cause of what it asks to explain', () => {
  const report = (id: string, text: string): Article => ({
    id,
    file: `${id}.txt`,
    title: '日本水产品出口',
    url: `https://news.example.org/${id}`,
    source: 'news.example.org',
    publishedAt: '2023-08-25T04:00:00.000Z',
    blocks: [{ kind: 'paragraph', text }],
  });
  let archive: ShijiIndex;
  beforeAll(async () => {
    archive = await buildIndex([
      // A cause, but of the ban itself: it names the ban, not its effect on the economy.
      report('ban', '中国政府不满日本将福岛核处理水排入海洋，今天起全面禁止进口日本水产品。'),
      // The cause of the small effect, in other words than the question's but naming the effect.
      report('effect', '分析人士指出，由于对华出口只占日本总出口的很小比例，这项禁令对日本经济的影响不大。'),
      // Another predicate of the same subject, with its own cause.
      report('tpp', '特朗普表示，由于这个协定对美国不好，他不想重返TPP。'),
      report('tpp-other', '日本和韩国希望美国重返TPP，因为亚洲的贸易关系因此动摇。'),
    ]);
  });

  it('puts the cause naming the predicate (影响不大, 不想重返) above a cause of the subject alone', () => {
    expect(ask(archive, '为什么说中国禁止进口日本水产品对日本经济影响不大').results[0]?.file).toBe('effect.txt');
    expect(ask(archive, '中国禁止进口日本水产品为何对日本经济影响很小').results[0]?.file).toBe('effect.txt');
    expect(ask(archive, '中国为什么禁止进口日本水产品').results[0]?.file).toBe('ban.txt');
    expect(ask(archive, '特朗普为什么不想重返TPP').results[0]?.file).toBe('tpp.txt');
  });
});
