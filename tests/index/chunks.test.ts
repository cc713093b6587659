import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChunk, ChunkBuild } from '../../src/index/chunks.ts';
import { InvertedBuilder, InvertedMerger, type DocTerms } from '../../src/index/inverted.ts';
import { toPassages } from '../../src/index/passages.ts';
import { indexPassages } from '../../src/index/search.ts';
import { AliasTable } from '../../src/text/aliases.ts';
import { seedArticles } from '../support/corpus.ts';

describe('InvertedMerger', () => {
  const doc = fc.record({
    text: fc.array(fc.constantFrom('日美', '同盟', 'tpp', '关税', '美军', 'x'), { maxLength: 12 }),
    heading: fc.array(fc.constantFrom('同盟', '峰会'), { maxLength: 2 }),
    title: fc.array(fc.constantFrom('tpp', '日美'), { maxLength: 2 }),
  });

  it('GIVEN documents cut into runs at any points THEN the merged runs are the index of all of them in one piece', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 30 }), fc.array(fc.nat(30), { maxLength: 5 }), (docs: DocTerms[], cuts) => {
        const whole = new InvertedBuilder();
        for (const d of docs) whole.add(d);
        const merger = new InvertedMerger();
        const points = [...new Set([0, ...cuts.map((c) => Math.min(c, docs.length)), docs.length])].sort((a, b) => a - b);
        for (let k = 0; k + 1 < points.length; k++) {
          const part = new InvertedBuilder();
          for (const d of docs.slice(points[k], points[k + 1])) part.add(d);
          merger.add(part.finishPartial());
        }
        if (points.length === 1) merger.add(new InvertedBuilder().finishPartial());
        expect(merger.finish().data).toEqual(whole.finish().data);
      }),
    );
  });
});

describe('a partial index of more than 65,536 documents', () => {
  it('keeps 32-bit document numbers, and merges like any other', () => {
    const many = new InvertedBuilder();
    for (let d = 0; d < 70_000; d++) many.add({ text: [d % 2 ? 'odd' : 'even', 'all'], heading: [], title: [] });
    const part = many.finishPartial();
    expect(part.postingDoc).toBeInstanceOf(Uint32Array);
    const small = new InvertedBuilder();
    small.add({ text: ['odd', 'rare'], heading: [], title: [] });
    const merger = new InvertedMerger();
    merger.add(part);
    merger.add(small.finishPartial());
    const index = merger.finish();
    expect(index.documentCount).toBe(70_001);
    expect(index.df('odd')).toBe(35_001);
    expect(index.all(['odd', 'all'])).toHaveLength(35_000);
    expect(index.all(['rare', 'odd'])).toEqual([70_000]);
  });
});

describe('ChunkBuild', () => {
  it('gives in worker threads exactly what it gives in this thread, in article order, and the index of the whole corpus in one piece', async () => {
    const articles = await seedArticles();
    // Enough articles for several chunks, so that both the worker and this thread take some.
    const many = Array.from({ length: 25 }, (_, k) => articles.map((a) => ({ ...a, id: `${a.id}-${k}`, file: `${k}-${a.file}` }))).flat();
    const aliases = AliasTable.build(articles).toJSON();
    const inThread = await new ChunkBuild(many, { termMode: 'words+bigrams', workers: 0 }).start(aliases).finish();
    const progress: number[] = [];
    const withWorker = await new ChunkBuild(many, { termMode: 'words+bigrams', workers: 1, onProgress: (done) => progress.push(done) }).start(aliases).finish();
    expect(withWorker.sentences).toEqual(inThread.sentences);
    expect(withWorker.sentenceStart).toEqual(inThread.sentenceStart);
    expect(withWorker.sentenceStart).toHaveLength(many.length + 1);
    expect(withWorker.analyses).toEqual(inThread.analyses);
    expect(withWorker.search.data).toEqual(inThread.search.data);
    expect(withWorker.analyses).toHaveLength(many.length);
    expect(progress.at(-1)).toBe(many.length);
    expect(withWorker.analyses[7]).toEqual(buildChunk([many[7]!], 'words').analyses[0]);

    const oneBuild = new InvertedMerger();
    oneBuild.add(indexPassages(many, toPassages(many), 'words+bigrams'));
    const whole = oneBuild.finish();
    expect(whole.documentCount).toBe(toPassages(many).length);
    expect(withWorker.search.data).toEqual(whole.data);
  }, 60_000);

  it('THEN a worker that fails names itself, and the build stops with its message', async () => {
    const articles = await seedArticles();
    const many = Array.from({ length: 3 }, () => articles).flat();
    const build = new ChunkBuild(many, { termMode: 'words', workers: 1 });
    // A setup the worker's schema refuses.
    await expect(build.start(JSON.parse('{"groups": "not a list"}')).finish()).rejects.toThrow(/chunks: worker failed/);
  }, 60_000);
});
