import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleParagraphs } from '../../src/corpus/article.ts';
import { MAX_PASSAGE_CHARS, passageText, sentences, splitParagraph, toPassages } from '../../src/index/passages.ts';
import { byFile, seedArticles } from '../support/corpus.ts';

describe('sentences', () => {
  it('ends a sentence at 。！？ and keeps closing quotes with it', () => {
    expect(sentences('岸田说：“将进行合作。”阿奎利诺回应。').map((s) => s.text)).toEqual(['岸田说：“将进行合作。”', '阿奎利诺回应。']);
  });

  it('joins back to the text (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => sentences(s).map((x) => x.text).join('') === s));
  });
});

describe('splitParagraph', () => {
  it('leaves a paragraph of at most 300 characters whole', () => {
    expect(splitParagraph('短。')).toEqual([[0, 2]]);
  });

  it('cuts a long paragraph at sentence ends into pieces of at most 300 characters that cover it', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[一-龥]{1,120}[。！？]$/), { minLength: 1, maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const ranges = splitParagraph(text);
        let at = 0;
        for (const [s, e] of ranges) {
          if (s !== at || e - s > MAX_PASSAGE_CHARS || e <= s) return false;
          at = e;
        }
        return at === text.length;
      }),
    );
  });

  it('cuts one over-long sentence at a comma, never inside a surrogate pair', () => {
    const text = `${'日本'.repeat(100)}，${'😀'.repeat(200)}。`;
    const ranges = splitParagraph(text);
    for (const [s, e] of ranges) {
      expect(e - s).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      expect(text.slice(s, e)).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
  });
});

describe('toPassages', () => {
  it('makes the lead and each paragraph of seed 002 a passage, under its heading', async () => {
    const articles = await seedArticles();
    const passages = toPassages(articles);
    const a = articles.indexOf(byFile(articles, '002'));
    const mine = passages.filter((p) => p.article === a);
    expect(mine[0]?.paragraph).toBe(0);
    expect(passageText(articles, mine[0]!)).toBe(byFile(articles, '002').lead);
    expect(mine.some((p) => p.heading === '北约据理力争')).toBe(true);
    for (const p of passages) expect(passageText(articles, p).length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
  });

  it('covers every paragraph character exactly once', async () => {
    const articles = await seedArticles();
    const passages = toPassages(articles);
    articles.forEach((article, a) => {
      const paragraphs = articleParagraphs(article);
      const rebuilt = paragraphs.map(() => '');
      for (const p of passages.filter((x) => x.article === a)) rebuilt[p.paragraph] += passageText(articles, p);
      const headings = new Set(article.blocks.filter((b) => b.kind === 'heading').map((b) => b.text));
      paragraphs.forEach((text, i) => expect(rebuilt[i]).toBe(headings.has(text) && !rebuilt[i] ? '' : text));
    });
  });
});
