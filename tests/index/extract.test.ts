import { describe, expect, it } from 'vitest';
import { Extraction, extractOne } from '../../src/index/extract.ts';
import { AliasTable } from '../../src/text/aliases.ts';
import { seedArticles } from '../support/corpus.ts';

describe('Extraction', () => {
  it('gives in worker threads exactly what it gives in this thread, in article order', async () => {
    const articles = await seedArticles();
    // Enough articles for several chunks, so that both the worker and this thread take some.
    const many = Array.from({ length: 60 }, (_, k) => articles.map((a) => ({ ...a, id: `${a.id}-${k}`, file: `${k}-${a.file}` }))).flat();
    const aliases = AliasTable.build(articles).toJSON();
    const inThread = await new Extraction(many, { workers: 0 }).start(aliases).finish();
    const progress: number[] = [];
    const withWorker = await new Extraction(many, { workers: 1, onProgress: (done) => progress.push(done) }).start(aliases).finish();
    expect(withWorker.sentences).toEqual(inThread.sentences);
    expect(withWorker.analyses).toEqual(inThread.analyses);
    expect(withWorker.analyses).toHaveLength(many.length);
    expect(progress.at(-1)).toBe(many.length);
    expect(withWorker.analyses[7]).toEqual(extractOne(many[7]!).analysis);
  }, 60_000);
});
