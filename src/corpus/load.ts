import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Article } from './article.ts';
import { parseArticle } from './parse.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface Skipped {
  file: string;
  reason: string;
}

export interface Corpus {
  articles: Article[];
  skipped: Skipped[];
}

export interface LoadOptions {
  /** Called once per skipped file, as it is skipped (the CLI prints it to stderr). */
  onSkip?: (skipped: Skipped) => void;
  /** Called after each file, for progress on large archives. */
  onProgress?: (done: number, total: number) => void;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes one file's bytes, or says why they are not an article's text. Pure. */
export function decodeArticleBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  if (bytes.length === 0) return { ok: false, error: 'the file is empty' };
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, error: `the file is ${(bytes.length / 1048576).toFixed(1)} MB, over the 5 MB limit` };
  }
  // A NUL byte never occurs in UTF-8 text: this is binary data, not an export.
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, error: `binary data (a NUL byte at offset ${nul})` };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, error: `invalid UTF-8 (first bad byte near offset ${firstBadUtf8Offset(bytes)})` };
  }
}

/** Parses file bytes into an Article or a one-line reason. Never throws. */
export function loadArticleBytes(file: string, bytes: Uint8Array): { ok: true; article: Article } | { ok: false; error: string } {
  const decoded = decodeArticleBytes(bytes);
  if (!decoded.ok) return decoded;
  return parseArticle(file, decoded.text);
}

/**
 * Reads every *.txt file of the given folders (sorted by name, so ids and order are stable).
 * A bad file is skipped with its reason; every other file still loads.
 */
export async function loadCorpus(dirs: string | string[], options: LoadOptions = {}): Promise<Corpus> {
  const files: string[] = [];
  const skipped: Skipped[] = [];
  const skip = (s: Skipped): void => {
    skipped.push(s);
    options.onSkip?.(s);
  };
  for (const f of await corpusFiles(Array.isArray(dirs) ? dirs : [dirs], skip)) files.push(f);

  const results: (Article | undefined)[] = new Array(files.length);
  const seen = new Set<string>();
  let next = 0;
  let done = 0;
  // A few reads in flight keep the disk busy while cheerio parses on the one JS thread.
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const i = next++;
      const path = files[i] as string;
      const result = await loadOne(path);
      if (result.ok) results[i] = result.article;
      else skip({ file: path, reason: result.error });
      options.onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, files.length) }, worker));

  const articles: Article[] = [];
  for (let i = 0; i < results.length; i++) {
    const article = results[i];
    if (!article) continue;
    // The same file name in two folders would give two articles one id.
    if (seen.has(article.id)) {
      skip({ file: files[i] as string, reason: `duplicate article id ${article.id} (a file of that name was loaded from another folder)` });
      continue;
    }
    seen.add(article.id);
    articles.push(article);
  }
  return { articles, skipped };
}

/** Every *.txt file of the folders, in corpus order: folder by folder, by name within a folder. */
export async function corpusFiles(dirs: readonly string[], onSkip: (s: Skipped) => void = () => undefined): Promise<string[]> {
  const files: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      onSkip({ file: dir, reason: `cannot read the folder: ${errorCode(err)}` });
      continue;
    }
    for (const name of names.filter((n) => n.toLowerCase().endsWith('.txt')).sort()) files.push(join(dir, name));
  }
  return files;
}

/** One article file, or why it cannot be read. Never throws. */
export async function loadArticleFile(path: string): Promise<{ ok: true; article: Article } | { ok: false; error: string }> {
  return loadOne(path);
}

async function loadOne(path: string): Promise<{ ok: true; article: Article } | { ok: false; error: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, error: 'not a regular file' };
    if (info.size > MAX_FILE_BYTES) {
      return { ok: false, error: `the file is ${(info.size / 1048576).toFixed(1)} MB, over the 5 MB limit` };
    }
    const bytes = await readFile(path);
    return loadArticleBytes(basename(path), bytes);
  } catch (err) {
    return { ok: false, error: `cannot read the file: ${errorCode(err)}` };
  }
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}

function firstBadUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}

/** "N loaded, M skipped": the run's closing line. */
export function summary(corpus: Corpus): string {
  return `${corpus.articles.length} loaded, ${corpus.skipped.length} skipped`;
}
