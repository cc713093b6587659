/**
 * What shiji is measured against, on the same text in the same run:
 *   (a) raw nodejieba: cut(text, true) over all the text — the ceiling for indexing speed, since
 *       shiji's indexing is jieba plus folding, bigrams and MiniSearch;
 *   (b) MiniSearch with its default tokenizer (splits at spaces and punctuation: a Chinese clause
 *       becomes one term);
 *   (c) MiniSearch with a tokenizer on Intl.Segmenter('zh', { granularity: 'word' }) (ICU's
 *       dictionary segmenter, no extra package).
 * (b) and (c) index the same passages as shiji (src/index/passages.ts) with MiniSearch's default
 * BM25 search, so only the text analysis differs.
 */
// nodejieba is imported here, outside src/text/segment.ts, on purpose: the ceiling must be jieba
// alone, without shiji's folding (OpenCC), run splitting, stop words or bigrams around it. Only
// the benchmark does this; the bot's code keeps segment.ts as the one module that knows jieba.
import nodejieba from 'nodejieba';
import MiniSearch from 'minisearch';
import { articleParagraphs, type Article } from '../src/corpus/article.ts';
import { passageText, type Passage } from '../src/index/passages.ts';
import { USER_DICT_PATH } from '../src/text/segment.ts';
import type { Found } from './metrics.ts';

let jiebaLoaded = false;

/**
 * The text of an archive, as every "MB of text" figure counts it: each article's title, lead,
 * sub-headings and paragraphs (what the index reads), in UTF-8.
 */
export function indexedTexts(articles: readonly Article[]): string[] {
  return articles.flatMap((a) => [a.title, ...articleParagraphs(a)]);
}

export interface SegmentRun {
  seconds: number;
  words: number;
}

/** nodejieba.cut(text, true) over every text (HMM on, as shiji cuts), with shiji's user dictionary. */
export function rawJiebaCut(texts: readonly string[], onProgress?: (done: number, total: number) => void): SegmentRun {
  // Run it in a process where shiji's segmenter has not loaded jieba (bench.ts does): a second
  // load would drop the words shiji taught it.
  if (!jiebaLoaded) {
    nodejieba.load({ userDict: USER_DICT_PATH });
    jiebaLoaded = true;
  }
  nodejieba.cut('预热：日美同盟', true); // dictionary loading is not part of the throughput
  let words = 0;
  const t0 = performance.now();
  texts.forEach((t, i) => {
    words += nodejieba.cut(t, true).length;
    if (onProgress && (i + 1) % 5000 === 0) onProgress(i + 1, texts.length);
  });
  onProgress?.(texts.length, texts.length);
  return { seconds: (performance.now() - t0) / 1000, words };
}

interface Doc {
  id: number;
  text: string;
  title: string;
}

export type BaselineName = 'minisearch-default' | 'minisearch-intl';

const zhWords = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words of a text by ICU's segmenter, punctuation and spaces left out. */
export function intlTokenize(text: string): string[] {
  const out: string[] = [];
  for (const s of zhWords.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

export interface Baseline {
  name: BaselineName;
  buildSeconds: number;
  search(query: string, limit: number): Found[];
}

/** Builds a MiniSearch baseline over shiji's passages (title indexed on each article's first passage, as shiji does). */
export function buildBaseline(
  name: BaselineName,
  articles: readonly Article[],
  passages: readonly Passage[],
  onProgress?: (done: number, total: number) => void,
): Baseline {
  const options = name === 'minisearch-intl' ? { fields: ['text', 'title'], tokenize: intlTokenize } : { fields: ['text', 'title'] };
  const t0 = performance.now();
  const index = new MiniSearch<Doc>(options);
  let last = -1;
  passages.forEach((p, id) => {
    const first = p.article !== last;
    last = p.article;
    index.add({ id, text: passageText(articles, p), title: first ? (articles[p.article] as Article).title : '' });
    if (onProgress && (id + 1) % 5000 === 0) onProgress(id + 1, passages.length);
  });
  onProgress?.(passages.length, passages.length);
  const buildSeconds = (performance.now() - t0) / 1000;
  return {
    name,
    buildSeconds,
    search(query, limit) {
      return index
        .search(query)
        .slice(0, limit)
        .map((r) => {
          const p = passages[r.id as number] as Passage;
          return { file: (articles[p.article] as Article).file, text: passageText(articles, p) };
        });
    },
  };
}
