import { beforeAll, describe, expect, it } from 'vitest';
import { ask, highlight } from '../../src/answers/ask.ts';
import { AskResultSchema } from '../../src/answers/types.ts';
import { buildIndex, type ShijiIndex } from '../../src/index/index.ts';
import { seedArticles } from '../support/corpus.ts';

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
