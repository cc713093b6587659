import type { Article } from '../corpus/article.ts';
import type { DatedSentence } from '../extract/events.ts';
import { buildPeople } from '../extract/people.ts';
import type { ArticleAnalysis } from '../extract/statements.ts';
import { AliasTable } from '../text/aliases.ts';
import { forgetTaughtWords } from '../text/segment.ts';
import { ChunkBuild } from './chunks.ts';
import type { ArticleTerms } from './engine.ts';
import { frequentTopics, newIndexMemo, taughtWords, teachAliases, type IndexMemo, type ShijiIndex } from './index.ts';
import { toPassages, type Passage } from './passages.ts';

/** What changed in the corpus: articles added or replaced (whole, as parsed) and the ids of those removed. */
export interface IndexChanges {
  upsert: readonly Article[];
  remove: readonly string[];
  /** Every article id the corpus now has, in corpus order (folder order, then file name): the new index's order. */
  order: readonly string[];
}

/**
 * The index after the changes, made in place: only the changed articles are extracted (passages,
 * terms, dated sentences, statements); the search engine adds and discards them; the people
 * registry and the topics are recomputed from the stored statements (no extraction). A change that
 * brings jieba a new name (an alias pair like 斯托尔滕贝格（Jens Stoltenberg）) or takes one away changes
 * jieba's dictionary as a fresh build's would be, and the kept articles whose text holds the name are
 * extracted again (no other text can be cut otherwise): the result is what a rebuild would give.
 *
 * The engine is changed in one synchronous step at the end, after every await: a query served
 * while the changed articles are extracted sees the old index whole.
 */
export async function updateIndex(index: ShijiIndex, changes: IndexChanges): Promise<ShijiIndex> {
  const upserted = new Map(changes.upsert.map((a) => [a.id, a]));
  const keep = new Map<string, number>();
  index.articles.forEach((a, i) => keep.set(a.id, i));
  const articles: Article[] = [];
  for (const id of changes.order) {
    const a = upserted.get(id) ?? (changes.remove.includes(id) ? undefined : index.articles[keep.get(id) ?? -1]);
    if (a) articles.push(a);
  }
  const memo = index.memo ?? newIndexMemo();
  const aliases = aliasTable(articles, memo);
  // A name that comes (斯托尔滕贝格（Jens Stoltenberg）in a new article) is taught to jieba; one that goes (its
  // article removed) is forgotten, by loading jieba afresh and teaching it the names that stay. Either way
  // jieba then cuts otherwise only the texts that hold the name: those kept articles are extracted again.
  const had = taughtWords(index.aliases);
  const now = taughtWords(aliases);
  const taught = new Set(had);
  const staying = new Set(now);
  const learnt = now.filter((w) => !taught.has(w));
  const gone = had.filter((w) => !staying.has(w));
  const recut = new Set<string>();
  if (learnt.length || gone.length) {
    if (gone.length) forgetTaughtWords();
    teachAliases(aliases);
    const kept = articles.filter((a) => !upserted.has(a.id));
    for (const a of memo.people.holdingAny(kept, [...learnt, ...gone])) recut.add(a.id);
    memo.people.forgetCuts();
    memo.properNouns.clear();
  }

  // The changed articles' extraction, in worker threads when there are many (see chunks.ts).
  const fresh = new Map<string, { rec: ArticleTerms; sentences: DatedSentence[]; analysis: ArticleAnalysis }>();
  const changed = articles.filter((a) => upserted.has(a.id) || recut.has(a.id));
  if (changed.length) {
    const records: ArticleTerms[] = [];
    const build = new ChunkBuild(changed, { termMode: index.termMode, onChunk: (part, chunk) => records.push(...index.search.fromChunk(part, chunk)) });
    const done = await build.start(aliases.toJSON()).finish();
    changed.forEach((a, k) => {
      const from = done.sentenceStart[k] ?? 0;
      const to = done.sentenceStart[k + 1] ?? from;
      fresh.set(a.id, { rec: records[k] as ArticleTerms, sentences: done.sentences.slice(from, to), analysis: done.analyses[k] as ArticleAnalysis });
    });
  }

  // Everything else is kept per article and renumbered. An article's passages are consecutive, in article order.
  // Articles only appended (a feed's new files take the next numbers): the kept ones keep their numbers, and their
  // passages, sentences and analyses are the old lists' whole (copied at once), the new ones' after them.
  const appended = changes.remove.length === 0 && recut.size === 0 && articles.length >= index.articles.length && index.articles.every((a, i) => articles[i] === a);
  const from = appended ? index.articles.length : 0;
  const passageStart = appended ? undefined : passageRanges(index.passages, index.articles.length);
  const passages: Passage[] = appended ? index.passages.slice() : [];
  const sentences: DatedSentence[] = appended ? index.sentences.slice() : [];
  const sentenceStart = appended ? index.sentenceStart.slice(0, from + 1) : [0];
  const analyses: ArticleAnalysis[] = appended ? index.analyses.slice(0, from) : [];
  articles.forEach((a, i) => {
    if (i < from) return;
    const f = fresh.get(a.id);
    const old = keep.get(a.id);
    // Passages are plain data shared by the old and new index: copied only when their article moved.
    if (f) for (const p of toPassages([a])) passages.push({ ...p, article: i });
    else {
      const o = old as number;
      const start = passageStart as Uint32Array;
      for (let k = start[o] as number; k < (start[o + 1] as number); k++) {
        const p = index.passages[k] as Passage;
        passages.push(p.article === i ? p : { ...p, article: i });
      }
    }
    if (f) {
      for (const s of f.sentences) sentences.push(s);
      analyses.push(f.analysis);
    } else {
      const o = old as number;
      for (let s = index.sentenceStart[o] ?? 0; s < (index.sentenceStart[o + 1] ?? 0); s++) sentences.push(index.sentences[s] as DatedSentence);
      analyses.push(index.analyses[o] as ArticleAnalysis);
    }
    sentenceStart.push(sentences.length);
  });
  const people = buildPeople(articles, aliases, { analyses, memo: memo.people });

  // The one synchronous step: the engine follows, and the new index is whole.
  const present = new Set(changes.order);
  for (const a of index.articles) if (!present.has(a.id) || changes.remove.includes(a.id)) index.search.remove(a.id);
  for (const { rec } of fresh.values()) index.search.put(rec);
  index.search.arrange(articles.map((a) => a.id));
  const topics = frequentTopics(index.search, aliases, people, 500, memo);
  return { ...index, articles, passages, aliases, sentences, sentenceStart, analyses, people, topics, memo };
}

/** The alias table of the articles: the last one's extended when they only append articles to its. */
function aliasTable(articles: readonly Article[], memo: IndexMemo): AliasTable {
  const last = memo.aliasTable;
  const appends = last !== undefined && last.articles.length <= articles.length && last.articles.every((a, i) => a === articles[i]);
  const table = appends ? AliasTable.extend(last.table, articles, last.articles.length, memo.aliasPairs) : AliasTable.build(articles, memo.aliasPairs);
  memo.aliasTable = { articles: articles.slice(), table };
  return table;
}

/** Where each article's passages start in `passages` (and where the last ends): they are in article order. */
function passageRanges(passages: readonly Passage[], articles: number): Uint32Array {
  const start = new Uint32Array(articles + 1);
  let a = 0;
  passages.forEach((p, k) => {
    if (p.article < a) throw new Error(`update: passage ${k} of article ${p.article} after article ${a}'s`);
    while (a < p.article) start[++a] = k;
  });
  while (a < articles) start[++a] = passages.length;
  return start;
}
