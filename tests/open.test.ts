import { describe, expect, it } from 'vitest';
import { buildIndex } from '../src/index/index.ts';
import { corpusStats } from '../src/open.ts';
import { seedArticles } from './support/corpus.ts';

describe('corpusStats', () => {
  it('counts characters as a reader does (an emoji is one, a lone surrogate one), paragraphs, headings and sources', async () => {
    const [seed] = await seedArticles();
    if (!seed) throw new Error('no seed article');
    const article = { ...seed, id: 'x', file: 'x.txt', lead: '日美😀', blocks: [{ kind: 'heading' as const, text: '小标题' }, { kind: 'paragraph' as const, text: 'TPP\uD800。' }] };
    const stats = corpusStats(await buildIndex([article]), 2);
    expect(stats.characters).toBe(3 + 3 + 5);
    expect(stats.paragraphs).toBe(2);
    expect(stats.headings).toBe(1);
    expect(stats.articles).toBe(1);
    expect(stats.skipped).toBe(2);
    expect(stats.sources).toEqual({ [seed.source]: 1 });
  });
});
