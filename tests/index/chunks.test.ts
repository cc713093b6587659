import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChunk, ChunkBuild } from '../../src/index/chunks.ts';
import type { Article } from '../../src/corpus/article.ts';
import { SearchEngine } from '../../src/index/engine.ts';
import { forwardPassages, type ForwardChunk } from '../../src/index/forward.ts';
import { toPassages } from '../../src/index/passages.ts';
import { AliasTable } from '../../src/text/aliases.ts';
import { seedArticles } from '../support/corpus.ts';

/** What an engine holds, whatever the order its terms were numbered in: each article's passages as term → weighted frequency. */
function contents(engine: SearchEngine): Record<string, Record<string, number>[]> {
  const terms = engine.termList();
  const out: Record<string, Record<string, number>[]> = {};
  for (const rec of engine.articles()) {
    out[rec.key] = Array.from({ length: rec.lengths.length }, (_, p) => {
      const own: Record<string, number> = {};
      for (let e = rec.offsets[p]!; e < rec.offsets[p + 1]!; e++) own[terms[rec.termIds[e]!]!] = rec.tf2[e]!;
      return own;
    });
  }
  return out;
}

function putInto(engine: SearchEngine): (articles: Article[], chunk: ForwardChunk) => void {
  return (articles, chunk) => {
    for (const rec of engine.fromChunk(articles, chunk)) engine.put(rec);
  };
}

function engineOf(articles: Article[], cuts: number[]): SearchEngine {
  const engine = new SearchEngine();
  const passages = toPassages(articles);
  const points = [...new Set([0, ...cuts.map((c) => Math.min(c, articles.length)), articles.length])].sort((a, b) => a - b);
  for (let k = 0; k + 1 < points.length; k++) {
    const part = articles.slice(points[k], points[k + 1]);
    for (const rec of engine.fromChunk(part, forwardPassages(part, toPassages(part), 'words+bigrams'))) engine.put(rec);
  }
  engine.arrange(articles.map((a) => a.id));
  expect(engine.documentCount).toBe(passages.length);
  return engine;
}

describe('SearchEngine.all', () => {
  it('GIVEN words, Han bigrams (kept out of MiniSearch) or both THEN it gives exactly the passages holding every one, in order', async () => {
    const articles = await seedArticles();
    const engine = engineOf(articles, []);
    const passages = Object.values(contents(engine)).flat();
    const holding = (terms: string[]): number[] => passages.flatMap((p, i) => (terms.every((t) => t in p) ? [i] : []));
    for (const terms of [['美军'], ['\u0001美军'], ['\u0001驻日', '\u0001美军'], ['日本', '\u0001同盟'], ['tpp', '\u0001日本']]) {
      const want = holding(terms);
      expect(want.length, terms.join('+')).toBeGreaterThan(0);
      expect(engine.all(terms), terms.join('+')).toEqual(want);
    }
    expect(engine.all(['\u0001美军', '不存在的词'])).toEqual([]);
  });
});

describe('SearchEngine built from chunks', () => {
  it('GIVEN the articles cut into chunks at any points THEN it holds and answers what one chunk of all of them gives', async () => {
    const articles = await seedArticles();
    const whole = engineOf(articles, []);
    const query = [{ term: '美国', weight: 1 }, { term: '日本', weight: 0.5 }];
    fc.assert(
      fc.property(fc.array(fc.nat(articles.length), { maxLength: 4 }), (cuts) => {
        const cut = engineOf(articles, cuts);
        expect(contents(cut)).toEqual(contents(whole));
        expect(cut.search(query, 10)).toEqual(whole.search(query, 10));
        expect(cut.all(['美国', '日本'])).toEqual(whole.all(['美国', '日本']));
        expect(cut.df('美国')).toBe(whole.df('美国'));
      }),
      { numRuns: 10 },
    );
  });
});

describe('ChunkBuild', () => {
  it('gives in worker threads exactly what it gives in this thread, in article order, and the index of the whole corpus in one piece', async () => {
    const articles = await seedArticles();
    // Enough articles for several chunks, so that both the worker and this thread take some.
    const many = Array.from({ length: 25 }, (_, k) => articles.map((a) => ({ ...a, id: `${a.id}-${k}`, file: `${k}-${a.file}` }))).flat();
    const aliases = AliasTable.build(articles).toJSON();
    const inThreadEngine = new SearchEngine();
    const workerEngine = new SearchEngine();
    const inThread = await new ChunkBuild(many, { termMode: 'words+bigrams', workers: 0, onChunk: putInto(inThreadEngine) }).start(aliases).finish();
    const progress: number[] = [];
    const withWorker = await new ChunkBuild(many, { termMode: 'words+bigrams', workers: 1, onChunk: putInto(workerEngine), onProgress: (done) => progress.push(done) }).start(aliases).finish();
    expect(withWorker.sentences).toEqual(inThread.sentences);
    expect(withWorker.sentenceStart).toEqual(inThread.sentenceStart);
    expect(withWorker.sentenceStart).toHaveLength(many.length + 1);
    expect(withWorker.analyses).toEqual(inThread.analyses);
    inThreadEngine.arrange(many.map((a) => a.id));
    workerEngine.arrange(many.map((a) => a.id));
    expect(contents(workerEngine)).toEqual(contents(inThreadEngine));
    expect(withWorker.analyses).toHaveLength(many.length);
    expect(progress.at(-1)).toBe(many.length);
    expect(withWorker.analyses[7]).toEqual(buildChunk([many[7]!], 'words').analyses[0]);

    expect(contents(workerEngine)).toEqual(contents(engineOf(many, [])));
  }, 60_000);

  it('THEN a worker that fails names itself, and the build stops with its message', async () => {
    const articles = await seedArticles();
    const many = Array.from({ length: 3 }, () => articles).flat();
    const build = new ChunkBuild(many, { termMode: 'words', workers: 1, onChunk: () => undefined });
    // A setup the worker's schema refuses.
    await expect(build.start(JSON.parse('{"groups": "not a list"}')).finish()).rejects.toThrow(/chunks: worker failed/);
  }, 60_000);
});
