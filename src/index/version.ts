import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { segmenterFingerprint } from '../text/segment.ts';

// The code whose output the snapshot stores: parsing, text, extraction and indexing (answers are computed at query time).
const SOURCE_DIRS = ['corpus', 'text', 'extract', 'index'];
const SRC = fileURLToPath(new URL('../', import.meta.url));

let cached: Promise<string> | undefined;

/**
 * The snapshot's build version: a hash of the sources that make what it stores and of jieba's
 * dictionaries, so a snapshot made by other rules is rebuilt without anyone bumping a number.
 */
export function buildVersion(): Promise<string> {
  cached ??= (async () => {
    const hash = createHash('sha256');
    hash.update(`${segmenterFingerprint()}\n`);
    for (const dir of SOURCE_DIRS) {
      for (const file of await sourceFiles(join(SRC, dir))) {
        hash.update(`${file.slice(SRC.length)}\n`);
        hash.update(await readFile(file));
      }
    }
    return hash.digest('hex').slice(0, 16);
  })();
  return cached;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (/\.(ts|json|utf8|txt)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** What a snapshot must match to be used at all: the build version and the corpus folders (their files are compared one by one). */
export async function buildFingerprint(dirs: readonly string[]): Promise<string> {
  return createHash('sha256').update(`${await buildVersion()}\n${dirs.join('\n')}`).digest('hex');
}
