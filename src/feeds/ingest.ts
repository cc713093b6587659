import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArticle } from '../corpus/parse.ts';
import { fingerprint, renderItem, writeAtomic } from './article-file.ts';
import { fetchFeed, type FetchOptions } from './fetch.ts';
import { parseFeedText } from './parse.ts';
import { canonicalLink } from './url.ts';
import type { NewsStore } from './store.ts';

/**
 * One pass over one feed: conditional GET, parse, and each item into the corpus folder. Dedup by
 * canonical link (the file name is its hash) and by content (the same wire story under another
 * URL is one article); an item whose text changed upstream replaces its file. A bad feed is a
 * report with one cause and a later retry (backoff), never an exception.
 */

export interface IngestOptions {
  /** The corpus folder new articles go to (the first CORPUS_DIR folder). */
  dir: string;
  store: NewsStore;
  fetch?: FetchOptions;
  /** First retry delay after a failure, doubled on each further failure (default 1 min). */
  backoffBaseMs?: number;
  now?: () => number;
  /** Read the links of the folder's other files first (default true; the live service does it only when the folder changed). */
  learnLinks?: boolean;
}

export interface IngestReport {
  feed: string;
  status: 'ok' | 'not-modified' | 'failed';
  /** Why the feed failed, in one line. */
  error?: string;
  /** Paths of new article files. */
  added: string[];
  /** Paths of files rewritten because their item changed upstream. */
  replaced: string[];
  unchanged: number;
  /** Items that were another article already (same text under another link). */
  duplicates: number;
  /** Items whose file was removed from the folder by hand: not written again. */
  removed: number;
  /** Items left out, each with its reason. */
  skipped: string[];
  /** When the feed will be tried again (after a failure). */
  retryAt?: number;
}

// Backoff never waits longer than this: a feed that comes back is read within six hours.
const MAX_BACKOFF_MS = 6 * 60 * 60_000;
// Two tellings are one story when this share of the shorter one's paragraphs appear in both.
const SAME_STORY = 0.8;

export function backoffMs(failures: number, baseMs: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}

export async function ingestFeed(url: string, options: IngestOptions): Promise<IngestReport> {
  const now = options.now ?? Date.now;
  const dir = resolve(options.dir);
  const { store } = options;
  const report: IngestReport = { feed: url, status: 'ok', added: [], replaced: [], unchanged: 0, duplicates: 0, removed: 0, skipped: [] };
  const fail = (error: string): IngestReport => {
    const failures = store.feed(url).failures + 1;
    const retryAt = now() + backoffMs(failures, options.backoffBaseMs ?? 60_000);
    store.feedFailed(url, error, retryAt);
    return { ...report, status: 'failed', error, retryAt };
  };

  const state = store.feed(url);
  const fetched = await fetchFeed(url, { etag: state.etag, lastModified: state.lastModified }, options.fetch);
  if (fetched.kind === 'error') return fail(fetched.cause);
  if (fetched.kind === 'not-modified') {
    store.feedOk(url, null, now());
    return { ...report, status: 'not-modified' };
  }
  const feed = parseFeedText(fetched.text, fetched.url);
  if (!feed.ok) return fail(feed.error);
  if (feed.items.length === 0 && feed.skipped.length > 0) return fail(`no usable item (${feed.skipped[0]}${feed.skipped.length > 1 ? ` and ${feed.skipped.length - 1} more` : ''})`);
  report.skipped.push(...feed.skipped);

  await mkdir(dir, { recursive: true });
  if (options.learnLinks ?? true) await learnFolderLinks(dir, store);
  for (const item of feed.items) {
    const rendered = renderItem(item);
    if (!rendered.ok) {
      report.skipped.push(rendered.error);
      continue;
    }
    const { file, text, article } = rendered;
    const path = join(dir, file);
    const print = fingerprint(article);
    const record = { dir, file, link: item.link, textHash: print.textHash, paragraphs: print.paragraphs.length };

    const existing = await readFile(path, 'utf8').catch(() => null);
    if (existing !== null) {
      if (existing === text) {
        report.unchanged++;
        // A file written before this store existed (or by another store) is recorded now.
        if (!store.article(dir, file)) store.recordArticle(record, print.paragraphs);
        continue;
      }
      await writeAtomic(dir, file, text);
      store.recordArticle(record, print.paragraphs);
      report.replaced.push(path);
      continue;
    }
    // Written by this reader and gone from the folder: someone removed it; the tombstone keeps it out.
    if (store.removed(dir, file)) {
      report.removed++;
      continue;
    }
    if (store.article(dir, file)) {
      store.markRemoved(dir, file, now());
      report.removed++;
      continue;
    }
    const alias = store.alias(dir, item.link);
    if (alias && alias !== file && existsSync(join(dir, alias))) {
      report.duplicates++;
      continue;
    }
    const twin = sameStory(store, dir, file, print, now());
    if (twin) {
      store.addAlias(dir, item.link, twin);
      report.duplicates++;
      continue;
    }
    await writeAtomic(dir, file, text);
    store.recordArticle(record, print.paragraphs);
    report.added.push(path);
  }
  store.feedOk(url, fetched.validators, now());
  return report;
}

/** Another article of `dir` telling the same story (same text, or most paragraphs in common), if any. */
function sameStory(store: NewsStore, dir: string, file: string, print: { textHash: string; paragraphs: string[] }, now: number): string | null {
  const alive = (other: string): boolean => {
    if (other === file) return false;
    if (existsSync(join(dir, other))) return true;
    // Removed from the folder by hand: it no longer counts, and its record goes (a feed file's leaves a tombstone).
    if (other.startsWith('feed_')) store.markRemoved(dir, other, now);
    else store.forget(dir, other);
    return false;
  };
  for (const other of store.sameText(dir, print.textHash)) if (alive(other)) return other;
  for (const c of store.sharedParagraphs(dir, print.paragraphs)) {
    // One shared paragraph (a quote, a boilerplate line) is not a story: two or more, or the whole text above.
    const smaller = Math.min(c.paragraphs, print.paragraphs.length);
    if (smaller >= 2 && c.shared >= Math.ceil(SAME_STORY * smaller) && alive(c.file)) return c.file;
  }
  return null;
}

const HEADER_BYTES = 8192;

/**
 * Learns the links and content fingerprints of the folder's other article files (exports,
 * hand-made), so an item already there under another file name or another URL is not written
 * twice. Only files new or changed since the last pass (size:mtime) are read.
 */
export async function learnFolderLinks(dir: string, store: NewsStore): Promise<void> {
  const known = store.corpusFiles(dir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const present = new Set<string>();
  for (const name of names) {
    // Files this reader wrote are recorded as it writes them.
    if (!name.toLowerCase().endsWith('.txt') || name.startsWith('.') || name.startsWith('feed_')) continue;
    present.add(name);
    const path = join(dir, name);
    let sig: string;
    try {
      const s = await stat(path);
      if (!s.isFile()) continue;
      sig = `${s.size}:${s.mtimeMs}`;
    } catch {
      continue;
    }
    if (known.get(name) === sig) continue;
    const text = await readFile(path, 'utf8').catch(() => null);
    const parsed = text === null ? null : parseArticle(name, text);
    if (parsed?.ok) {
      const print = fingerprint(parsed.article);
      const link = canonicalLink(parsed.article.url) ?? parsed.article.url;
      store.recordArticle({ dir, file: name, link, textHash: print.textHash, paragraphs: print.paragraphs.length }, print.paragraphs);
      store.recordCorpusFile(dir, name, sig, canonicalLink(parsed.article.url));
    } else {
      // Not an article the corpus reads: at most its header link, as before.
      store.recordCorpusFile(dir, name, sig, await headerLink(path));
    }
  }
  for (const name of known.keys()) {
    if (present.has(name)) continue;
    store.forgetCorpusFile(dir, name);
    store.forget(dir, name);
  }
}

// Line 2 of an article file is [title](url).
async function headerLink(path: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buf = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEADER_BYTES, 0);
    const line = buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[1]?.trim() ?? '';
    const m = /^\[.+\]\((\S+)\)$/.exec(line);
    return m?.[1] ? canonicalLink(m[1]) : null;
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}
