import { loadCorpus, type Skipped } from './corpus/load.ts';
import { ask } from './answers/ask.ts';
import { peopleNames } from './extract/people.ts';
import { corpusMentions, registryListing, who } from './answers/who.ts';
import { timelineOf } from './answers/timeline.ts';
import { sourceOf, timelineGroups } from './answers/select.ts';
import { key } from './text/aliases.ts';
import { buildIndex, type ShijiIndex } from './index/index.ts';
import { corpusFingerprint, loadSnapshot, saveSnapshot } from './index/snapshot.ts';
import type { CorpusStats, Library, LiveLibrary, UpdateReport } from './library.ts';

export interface OpenOptions {
  /** Folders of *.txt article exports. */
  corpusDirs: string[];
  /** Where the index snapshot lives; null for no snapshot (build in memory only). */
  indexPath?: string | null;
  /** Progress of long phases (loading files, building the index). */
  onProgress?: (phase: string, done: number, total: number) => void;
  /** One-line diagnostics (skipped files, snapshot rebuilt…), for stderr or the log. */
  log?: (line: string) => void;
}

export interface Opened {
  library: LiveLibrary;
  /** The index as opened (update() may replace it: read library, not this, afterwards). */
  index: ShijiIndex;
  loaded: number;
  skipped: Skipped[];
  /** True when the index came from the snapshot rather than a rebuild. */
  fromSnapshot: boolean;
}

/** Loads the corpus and its index (from the snapshot when the corpus and dictionary are unchanged). */
export async function openLibrary(options: OpenOptions): Promise<Opened> {
  const log = options.log ?? (() => undefined);
  const fingerprint = options.indexPath ? await corpusFingerprint(options.corpusDirs) : '';
  if (options.indexPath) {
    const snap = await loadSnapshot(options.indexPath, fingerprint);
    if (snap.ok) {
      for (const s of snap.skipped) log(`skipped ${s.file}: ${s.reason}`);
      return { library: liveLibrary(options, snap.index, snap.skipped.length), index: snap.index, loaded: snap.index.articles.length, skipped: snap.skipped, fromSnapshot: true };
    }
    log(`index: rebuilding (${snap.reason})`);
  }
  const corpus = await loadCorpus(options.corpusDirs, {
    onSkip: (s) => log(`skipped ${s.file}: ${s.reason}`),
    onProgress: (done, total) => options.onProgress?.('load', done, total),
  });
  const index = await buildIndex(corpus.articles, { ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  if (options.indexPath) {
    try {
      await saveSnapshot(options.indexPath, index, fingerprint, corpus.skipped);
    } catch (err) {
      // A read-only disk costs the next start a rebuild, nothing more.
      log(`index: could not save the snapshot to ${options.indexPath} (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return { library: liveLibrary(options, index, corpus.skipped.length), index, loaded: corpus.articles.length, skipped: corpus.skipped, fromSnapshot: false };
}

/**
 * A LiveLibrary over an opened index. For now update() rebuilds the whole index from the corpus
 * folders (correct, not fast); the MiniSearch engine (issue 14) replaces it with an in-place update.
 */
function liveLibrary(options: OpenOptions, index: ShijiIndex, skipped: number): LiveLibrary {
  let current = createLibrary(index, skipped);
  let chain: Promise<unknown> = Promise.resolve();
  const update = async (files: readonly string[]): Promise<UpdateReport> => {
    const started = performance.now();
    const before = new Set(index.articles.map((a) => a.file));
    const corpus = await loadCorpus(options.corpusDirs, {});
    const rebuilt = await buildIndex(corpus.articles, {});
    const after = new Set(rebuilt.articles.map((a) => a.file));
    const touched = new Set(files.map((f) => f.split(/[\\/]/).pop() ?? f));
    let added = 0;
    let replaced = 0;
    let removed = 0;
    for (const f of touched) {
      if (after.has(f) && !before.has(f)) added++;
      else if (after.has(f)) replaced++;
      else if (before.has(f)) removed++;
    }
    index = rebuilt;
    current = createLibrary(rebuilt, corpus.skipped.length);
    return { added, replaced, removed, skipped: corpus.skipped, seconds: (performance.now() - started) / 1000 };
  };
  return {
    ask: (q, o) => current.ask(q, o),
    who: (n, o) => current.who(n, o),
    timeline: (t, o) => current.timeline(t, o),
    people: (p, l) => current.people(p, l),
    registry: () => current.registry(),
    topics: (p, l) => current.topics(p, l),
    stats: () => current.stats(),
    article: (id) => current.article(id),
    // One update at a time, in the order asked: two overlapping rebuilds would race for `current`.
    update: (files) => {
      const next = chain.then(() => update(files));
      chain = next.catch(() => undefined);
      return next;
    },
  };
}

/** The Library over a built index: every method pure and synchronous. */
export function createLibrary(index: ShijiIndex, skipped: number): Library {
  return {
    ask: (query, options) => ask(index, query, options ?? {}),
    who: (name, options) => who(index.people, (a) => sourceOf(index, a), name, { ...options, mentionsOf: (n) => corpusMentions(index, n) }),
    timeline: (topic, options) =>
      timelineOf(topic, timelineGroups(index, topic), index.aliases, { ...options, knownTopics: index.topics }),
    people: (prefix, limit = 25) => peopleNames(index.people, prefix, limit),
    registry: () => registryListing(index.people),
    // The frequent topics first, then any other form of the alias table that matches what was typed.
    topics: (prefix, limit = 25) => (prefix.trim() ? matchingForms([...index.topics, ...index.aliases.forms()], prefix, limit) : index.topics.slice(0, limit)),
    stats: () => corpusStats(index, skipped),
    article: (id) => {
      const want = id.replace(/\.txt$/i, '');
      return index.articles.find((a) => a.id === want);
    },
  };
}

/** Forms that start with the typed text, then those that contain it, in their given order (most frequent first). */
function matchingForms(forms: readonly string[], prefix: string, limit: number): string[] {
  const p = key(prefix);
  if (!p) return forms.slice(0, limit);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const f of forms) {
    const k = key(f);
    if (k.startsWith(p)) starts.push(f);
    else if (k.includes(p)) contains.push(f);
  }
  return [...new Set([...starts, ...contains])].slice(0, limit);
}

// Characters as readers count them (an emoji is one), without making an array of every character of the archive.
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) n--;
    }
  }
  return n;
}

export function corpusStats(index: ShijiIndex, skipped: number): CorpusStats {
  let paragraphs = 0;
  let headings = 0;
  let characters = 0;
  const sources: Record<string, number> = {};
  let from: string | null = null;
  let to: string | null = null;
  for (const a of index.articles) {
    if (a.lead) {
      paragraphs++;
      characters += codePoints(a.lead);
    }
    for (const b of a.blocks) {
      if (b.kind === 'heading') headings++;
      else paragraphs++;
      characters += codePoints(b.text);
    }
    sources[a.source] = (sources[a.source] ?? 0) + 1;
    if (from === null || a.publishedAt < from) from = a.publishedAt;
    if (to === null || a.publishedAt > to) to = a.publishedAt;
  }
  return { articles: index.articles.length, paragraphs, headings, passages: index.passages.length, characters, from, to, sources, skipped };
}
