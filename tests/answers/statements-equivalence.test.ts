import { describe, expect, it } from 'vitest';
import { ArticleTags } from '../../src/extract/statements/tagging.ts';
import { articleParagraphs } from '../../src/corpus/article.ts';
import { fold } from '../../src/text/normalize.ts';
import { tag } from '../../src/text/segment.ts';
import { seedArticles } from '../support/corpus.ts';

/**
 * The statement extractor reuses jieba's tags of a run of text (between jieba's separators) once the
 * article has tagged it: that must give exactly what tagging the text again gives.
 */

/** The article's texts as they are tagged (folded) and as written (with ， and full-width forms). */
async function texts(): Promise<string[][]> {
  return (await seedArticles()).map((a) => {
    const raw = [a.title, ...articleParagraphs(a)];
    return [...raw.map((t) => fold(t)), ...raw];
  });
}

/** Pieces of a text cut at many places, so that runs are met whole, in part, and not at all. */
function pieces(t: string): string[] {
  const out: string[] = [];
  for (let s = 0; s < t.length; s += 7) out.push(t.slice(s, s + 20 + ((s * 13) % 61)));
  return out;
}

const show = (words: { word: string; tag: string; start: number; end: number }[]): string =>
  words.map((w) => `${w.word}/${w.tag}@${w.start}-${w.end}`).join(' ');

describe('ArticleTags', () => {
  it('gives jieba’s own tags for a text, whatever runs of it the article tagged before', async () => {
    const differ: string[] = [];
    for (const article of await texts()) {
      const tags = new ArticleTags();
      for (const t of article) if (show(tags.of(t)) !== show(tag(t))) differ.push(t);
      for (const t of article) for (const p of pieces(t)) if (show(tags.of(p)) !== show(tag(p))) differ.push(p);
    }
    expect(differ).toEqual([]);
  });
});
