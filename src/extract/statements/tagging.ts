/** jieba's part-of-speech tags as the extractor asks for them: cut, then each word's remembered tag; short strings remembered, an article's runs tagged once. */

import { type TaggedWord, cutWords, tag as jiebaTag, segmenterGeneration } from '../../text/segment.ts';

/** jieba's tags, remembered for short strings: the same names and titles are tagged again and again. */
const tagMemo = new Map<string, TaggedWord[]>();

/**
 * A word's tag as jieba gives it inside any text, remembered: jieba's tag() is its cut with each word
 * looked up alone in the dictionary, so the tag of a word jieba cuts whole is the one it has
 * everywhere. Null when jieba cuts the word alone into other words (its tag is then unknown here).
 */
const wordTags = new Map<string, string | null>();

let tagMemoFor = '';

/** Forgets remembered tags when the segmenter learnt a word (addWord) since they were made. */
export function checkTagMemo(): void {
  const fp = segmenterGeneration();
  if (fp !== tagMemoFor) {
    tagMemo.clear();
    wordTags.clear();
    tagMemoFor = fp;
  }
}

function wordTag(word: string): string | null {
  let t = wordTags.get(word);
  if (t === undefined) {
    if (wordTags.size > 200_000) wordTags.clear();
    const alone = jiebaTag(word);
    t = alone.length === 1 && alone[0]?.word === word ? alone[0].tag : null;
    wordTags.set(word, t);
  }
  return t;
}

/**
 * The same as jieba's tag(text), at about the cost of its cut: the words of cutWords() (the cut
 * tag() makes) with their remembered tags. jieba's tag() itself when a word's tag is unknown.
 */
function tagText(text: string): TaggedWord[] {
  const out: TaggedWord[] = [];
  let at = 0;
  for (const word of cutWords(text)) {
    const t = wordTag(word);
    if (t === null) return jiebaTag(text);
    out.push({ word, tag: t, start: at, end: at + word.length });
    at += word.length;
  }
  return out;
}

export function tag(text: string): TaggedWord[] {
  if (text.length > 24) return tagText(text);
  let t = tagMemo.get(text);
  if (!t) {
    if (tagMemo.size > 50_000) tagMemo.clear();
    t = tagText(text);
    tagMemo.set(text, t);
  }
  return t;
}

/**
 * jieba first cuts a text at these characters (cppjieba's PreFilter: space, tab, newline, ， and 。)
 * and segments every run between them on its own, so the tags of a text are the tags of its runs.
 */
function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x3002 || c === 0x0a || c === 0x09 || c === 0xff0c;
}

/** Runs shorter than this are tagged again rather than looked up. */
const MIN_RUN = 6;

/** A run's words: words[first, first + count) of a text jieba tagged, the run starting at `base` in that text. */
interface RunTags {
  words: TaggedWord[];
  first: number;
  count: number;
  base: number;
}

/**
 * The tags of one article's texts, each the same as tag(text). A long text is tagged run by run: a
 * run already tagged in this article (its paragraph was tagged whole to find its names; a sentence
 * piece holds the run again) is taken from there instead of asking jieba again. Lives for one
 * article only, so it never outlasts a word the segmenter learns.
 */
export class ArticleTags {
  private readonly runs = new Map<string, RunTags>();

  of(text: string): TaggedWord[] {
    if (text.length <= 24) return tag(text);
    const out: TaggedWord[] = [];
    let pending = 0; // text[pending, i) is still to be tagged
    let i = 0;
    while (i < text.length) {
      let j = i + 1;
      if (!isSeparator(text.charCodeAt(i))) while (j < text.length && !isSeparator(text.charCodeAt(j))) j++;
      const known = j - i >= MIN_RUN ? this.runs.get(text.slice(i, j)) : undefined;
      if (known) {
        if (!this.tagFresh(text, pending, i, out)) return tagText(text);
        const shift = i - known.base;
        for (let k = known.first; k < known.first + known.count; k++) {
          const w = known.words[k] as TaggedWord;
          out.push({ word: w.word, tag: w.tag, start: w.start + shift, end: w.end + shift });
        }
        pending = j;
      }
      i = j;
    }
    if (pending === 0) {
      // No run of it was tagged before: jieba's words as they come.
      const words = tagText(text);
      this.remember(text, words);
      return words;
    }
    if (!this.tagFresh(text, pending, text.length, out)) return tagText(text);
    return out;
  }

  /** Tags text[from, to) (whole runs) with jieba onto `out`. False when jieba's words do not add up to it. */
  private tagFresh(text: string, from: number, to: number, out: TaggedWord[]): boolean {
    if (to <= from) return true;
    const part = text.slice(from, to);
    const words = tagText(part);
    if (!this.remember(part, words)) return false;
    for (const w of words) out.push({ word: w.word, tag: w.tag, start: w.start + from, end: w.end + from });
    return true;
  }

  /**
   * Remembers the long runs of `text` from jieba's words for it. False, remembering nothing, when
   * the words do not add up to the text (their offsets would then not be a running sum).
   */
  private remember(text: string, words: TaggedWord[]): boolean {
    if ((words[words.length - 1]?.end ?? 0) !== text.length) return false;
    let runStart = 0;
    let first = 0;
    for (let k = 0; k < words.length; k++) {
      const end = (words[k] as TaggedWord).end;
      // A run ends at the end of the text, before a separator, or with a separator (one alone).
      if (end === text.length || isSeparator(text.charCodeAt(end)) || isSeparator(text.charCodeAt(end - 1))) {
        if (end - runStart >= MIN_RUN) this.runs.set(text.slice(runStart, end), { words, first, count: k + 1 - first, base: runStart });
        runStart = end;
        first = k + 1;
      }
    }
    return true;
  }
}

/**
 * Forgets the short strings' remembered tags (their word lists: ~30 MB after a 10k build's share of
 * the cutting). A build calls it once its chunks are cut. The words' own tags (wordTags) are kept:
 * an update looks each of its words up there, and without them the add of 100 articles at 10k took
 * ~15% longer (mem-probe, 3 rounds each).
 */
export function forgetTags(): void {
  tagMemo.clear();
}
