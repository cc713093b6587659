import { articleParagraphs, type Article } from '../corpus/article.ts';

/**
 * A passage: the unit /ask ranks and shows. A paragraph is a passage; a long one is split at
 * sentence ends into passages of at most MAX_PASSAGE_CHARS. A passage points into its article
 * (paragraph number and offsets) instead of copying the text, so the index stays small.
 */
export interface Passage {
  /** Index of the article in the corpus array. */
  article: number;
  /** Index into articleParagraphs(article): 0 is the lead when the article has one. */
  paragraph: number;
  /** [start, end) of the passage within its paragraph, UTF-16 offsets. */
  start: number;
  end: number;
  /** The sub-heading the paragraph sits under, when any. */
  heading?: string;
}

export const MAX_PASSAGE_CHARS = 300;

// A sentence ends at 。！？ or an ellipsis, together with any closing quotes or brackets after it
// (他说：“……。”), so that a quotation is never cut from its closing mark.
const SENTENCE_RE = /[^。！？!?…]*(?:[。！？!?]+|…+|$)[”’」』"'）)]*/gu;

/** Splits text into sentences, every character kept: the pieces join back to the text. */
export function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  for (const m of text.matchAll(SENTENCE_RE)) {
    if (m[0].length === 0) continue;
    out.push({ text: m[0], start: m.index });
  }
  return out;
}

/** Cuts a paragraph into [start, end) ranges of at most `max` characters, at sentence ends where possible. */
export function splitParagraph(text: string, max = MAX_PASSAGE_CHARS): [number, number][] {
  if (text.length <= max) return [[0, text.length]];
  const ranges: [number, number][] = [];
  let start = 0;
  let end = 0;
  for (const s of sentences(text)) {
    const sEnd = s.start + s.text.length;
    if (sEnd - start <= max) {
      end = sEnd;
      continue;
    }
    if (end > start) ranges.push([start, end]);
    start = end > start ? end : start;
    // One sentence longer than the limit: cut it at commas or, failing that, hard.
    while (sEnd - start > max) {
      const window = text.slice(start, start + max);
      const comma = Math.max(window.lastIndexOf('，'), window.lastIndexOf('；'), window.lastIndexOf(','));
      let cut = comma > max / 3 ? start + comma + 1 : start + max;
      // Never cut between the two halves of a surrogate pair.
      if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut--;
      ranges.push([start, cut]);
      start = cut;
    }
    end = sEnd;
  }
  if (end > start) ranges.push([start, end]);
  return ranges;
}

/** Every passage of the corpus, in article order. */
export function toPassages(articles: readonly Article[]): Passage[] {
  const out: Passage[] = [];
  articles.forEach((article, a) => {
    let heading: string | undefined;
    let paragraph = 0;
    if (article.lead) {
      for (const [start, end] of splitParagraph(article.lead)) out.push({ article: a, paragraph, start, end });
      paragraph++;
    }
    for (const block of article.blocks) {
      if (block.kind === 'heading') {
        heading = block.text;
      } else {
        for (const [start, end] of splitParagraph(block.text)) {
          out.push({ article: a, paragraph, start, end, ...(heading ? { heading } : {}) });
        }
      }
      paragraph++;
    }
  });
  return out;
}

/** The passage's text, as written. */
export function passageText(articles: readonly Article[], p: Passage): string {
  const article = articles[p.article];
  if (!article) throw new Error(`passages: no article ${p.article}`);
  return (articleParagraphs(article)[p.paragraph] ?? '').slice(p.start, p.end);
}
