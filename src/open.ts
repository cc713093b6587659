import { basename, resolve } from 'node:path';
import type { Article } from './corpus/article.ts';
import { corpusFiles, loadArticleFile, loadCorpus, type Skipped } from './corpus/load.ts';
import { updateIndex } from './index/update.ts';
import { ask } from './answers/ask.ts';
import { peopleNames } from './extract/people.ts';
import { corpusMentions, registryListing, who } from './answers/who.ts';
import { timelineOf } from './answers/timeline.ts';
import { sourceOf, timelineGroups } from './answers/select.ts';
import { key } from './text/aliases.ts';
import { buildIndex, type ShijiIndex } from './index/index.ts';
import { loadSnapshot, saveSnapshot, sweepStaleTemps } from './index/snapshot.ts';
import { savePartitions } from './index/partitions.ts';
import { fileState, scanCorpus, type FileState } from './index/files.ts';
import { buildFingerprint } from './index/version.ts';
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

/**
 * Loads the corpus and its index: from the snapshot when it was made by this build for these
 * folders, brought up to date in place when files changed since (compared by content hash, see
 * files.ts); otherwise built from the files. The snapshot is rewritten after either.
 */
export async function openLibrary(options: OpenOptions): Promise<Opened> {
  const log = options.log ?? (() => undefined);
  const fingerprint = options.indexPath ? await buildFingerprint(options.corpusDirs) : '';
  if (options.indexPath) {
    const swept = await sweepStaleTemps(options.indexPath);
    if (swept) log(`index: removed ${swept} unfinished snapshot write(s)`);
    const snap = await loadSnapshot(options.indexPath, fingerprint);
    if (snap.ok) {
      if (snap.rebuiltPartitions.length) {
        log(`index: rebuilt the search index of ${snap.rebuiltPartitions.join(', ')} (its file was missing, damaged or stale)`);
        await savePartitions(options.indexPath, snap.index.search, fingerprint).catch((err: unknown) => log(`index: could not save the rebuilt periods (${err instanceof Error ? err.message : String(err)})`));
      }
      const scan = await scanCorpus(options.corpusDirs, snap.files);
      const library = liveLibrary(options, snap.index, snap.skipped, { fingerprint, files: snap.files });
      let { index } = snap;
      let skipped = snap.skipped;
      if (scan.changed.length) {
        const report = await library.update(scan.changed);
        log(`index: ${report.added} added, ${report.replaced} changed, ${report.removed} removed since the snapshot (${report.seconds.toFixed(1)} s)`);
        // A start applies what changed and writes the snapshot before it answers (a CLI run may exit next).
        await library.saved();
        index = library.current();
        skipped = report.skipped;
      }
      for (const s of skipped) log(`skipped ${s.file}: ${s.reason}`);
      return { library, index, loaded: index.articles.length, skipped, fromSnapshot: true };
    }
    log(`index: rebuilding (${snap.reason})`);
  }
  const corpus = await loadCorpus(options.corpusDirs, {
    onSkip: (s) => log(`skipped ${s.file}: ${s.reason}`),
    onProgress: (done, total) => options.onProgress?.('load', done, total),
  });
  const index = await buildIndex(corpus.articles, { ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const files = options.indexPath ? (await scanCorpus(options.corpusDirs)).states : [];
  if (options.indexPath) await save(options.indexPath, index, fingerprint, corpus.skipped, files, log);
  return { library: liveLibrary(options, index, corpus.skipped, { fingerprint, files }), index, loaded: corpus.articles.length, skipped: corpus.skipped, fromSnapshot: false };
}

async function save(path: string, index: ShijiIndex, fingerprint: string, skipped: readonly Skipped[], files: readonly FileState[], log: (line: string) => void): Promise<void> {
  try {
    await saveSnapshot(path, index, fingerprint, skipped, files);
  } catch (err) {
    // A read-only disk costs the next start a rebuild, nothing more.
    log(`index: could not save the snapshot to ${path} (${err instanceof Error ? err.message : String(err)})`);
  }
}

/**
 * A LiveLibrary over an opened index. update(files) re-reads only the files given: their articles
 * are extracted and put into the index in place (see index/update.ts), never rebuilt whole. Files no
 * longer in the corpus folders are removed too.
 */
function liveLibrary(
  options: OpenOptions,
  index: ShijiIndex,
  skippedFiles: readonly Skipped[],
  stored: { fingerprint: string; files: readonly FileState[] },
): LiveLibrary & { current(): ShijiIndex; saved(): Promise<void> } {
  let files = stored.files;
  const skipped = new Map(skippedFiles.map((s) => [resolve(s.file), s]));
  let current = createLibrary(index, skipped.size);
  let chain: Promise<unknown> = Promise.resolve();
  // The snapshot follows the updates in the background, once for a burst of them (the latest state):
  // an update's answers do not wait for the write. Crash-safe: the write is atomic, and a start after
  // a crash finds the files changed since the snapshot by their states and applies them again.
  let saving: Promise<void> | undefined;
  let toSave: { index: ShijiIndex; skipped: Skipped[]; files: readonly FileState[] } | undefined;
  const saveLater = (state: NonNullable<typeof toSave>): void => {
    toSave = state;
    if (saving || !options.indexPath) return;
    const path = options.indexPath;
    saving = (async () => {
      while (toSave) {
        const s = toSave;
        toSave = undefined;
        await save(path, s.index, stored.fingerprint, s.skipped, s.files, options.log ?? (() => undefined));
      }
    })().finally(() => {
      saving = undefined;
      if (toSave) saveLater(toSave);
    });
  };
  const update = async (changedFiles: readonly string[]): Promise<UpdateReport> => {
    const started = performance.now();
    const before = new Set(index.articles.map((a) => a.id));
    const listing = await corpusFiles(options.corpusDirs);
    const listed = new Set(listing.map((f) => resolve(f)));
    const upsert: Article[] = [];
    const remove: string[] = [];
    const newSkips: Skipped[] = [];
    const filesGiven = [...new Set(changedFiles.map((f) => resolve(f)))];
    for (const file of filesGiven) {
      const id = basename(file).replace(/\.[^.]+$/, '');
      skipped.delete(file);
      if (!listed.has(file)) {
        remove.push(id);
        continue;
      }
      const loaded = await loadArticleFile(file);
      if (loaded.ok) upsert.push(loaded.article);
      else {
        // A file that no longer parses is out of the corpus, as a rebuild would leave it.
        remove.push(id);
        newSkips.push({ file, reason: loaded.error });
      }
    }
    // The corpus order: folder order, then file name; the first of two files of one name wins (as loadCorpus).
    const upserted = new Set(upsert.map((a) => a.id));
    const removed = new Set(remove.filter((id) => !upserted.has(id)));
    const order: string[] = [];
    const seen = new Set<string>();
    for (const f of listing) {
      const id = basename(f).replace(/\.[^.]+$/, '');
      if (seen.has(id)) continue;
      seen.add(id);
      if (upserted.has(id) || (before.has(id) && !removed.has(id))) order.push(id);
    }
    const next = await updateIndex(index, { upsert, remove: [...removed], order });
    for (const s of newSkips) skipped.set(s.file, s);
    const after = new Set(next.articles.map((a) => a.id));
    let added = 0;
    let replaced = 0;
    let gone = 0;
    for (const id of new Set([...upserted, ...removed])) {
      if (after.has(id) && !before.has(id)) added++;
      else if (after.has(id)) replaced++;
      else if (before.has(id)) gone++;
    }
    for (const id of before) if (!after.has(id) && !removed.has(id)) gone++;
    index = next;
    current = createLibrary(next, skipped.size);
    if (options.indexPath) {
      // The snapshot follows: the files given take their new states, the others keep theirs (a
      // change not given to update() is still found at the next start).
      // Only the files given are stat'ed and hashed again (not the whole corpus).
      const given = new Map<string, FileState | undefined>();
      for (const f of filesGiven) given.set(f, await fileState(f));
      const old = new Map(files.map((f) => [f.path, f]));
      files = listing.map((f) => resolve(f)).map((p) => (given.has(p) ? given.get(p) : old.get(p))).filter((f): f is FileState => f !== undefined);
      saveLater({ index, skipped: [...skipped.values()], files });
    }
    return { added, replaced, removed: gone, skipped: [...skipped.values()], seconds: (performance.now() - started) / 1000 };
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
    current: () => index,
    /** Resolves when the snapshot holds every update made so far. */
    saved: async () => {
      await chain;
      while (saving) await saving;
    },
    // One update at a time, in the order asked: two overlapping updates would race for the index.
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
