import { createHash } from 'node:crypto';
import { appendFile, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { ArticleTerms, SearchEngine } from './engine.ts';

/**
 * The retrieval stage's periods on disk: one file per period beside the snapshot
 * (index.snapshot.part-2024), each a header line and MiniSearch's JSON. A file names the articles
 * it was made from by a content key (a hash of their forward index), so a stale or damaged file is
 * found by itself and only its period is rebuilt. One period's JSON stays far below V8's string
 * limit, which one index of a whole large archive does not.
 */
const FORMAT = 'shiji-partition';

const HeaderSchema = z.object({
  format: z.literal(FORMAT),
  fingerprint: z.string(),
  name: z.string(),
  content: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().length(64),
});

export function partitionPath(snapshot: string, name: string): string {
  return `${snapshot}.part-${name}`;
}

/** What a period's file must have been made from: its articles' ids and passage terms, in index order. */
export function contentKey(records: readonly ArticleTerms[]): string {
  const hash = createHash('sha256');
  for (const r of records) {
    hash.update(`${r.key}\n`);
    hash.update(new Uint8Array(r.termIds.buffer, r.termIds.byteOffset, r.termIds.byteLength));
    hash.update(new Uint8Array(r.tf2.buffer, r.tf2.byteOffset, r.tf2.byteLength));
  }
  return hash.digest('hex');
}

function byPartition(records: readonly ArticleTerms[]): Map<string, ArticleTerms[]> {
  const out = new Map<string, ArticleTerms[]>();
  for (const r of records) {
    const list = out.get(r.partition) ?? [];
    list.push(r);
    out.set(r.partition, list);
  }
  return out;
}

/**
 * Writes the periods that changed (or whose file is missing: `all`), each atomically (temp file,
 * then rename), and removes the files of periods that no longer exist. Returns the names written.
 */
export async function savePartitions(snapshot: string, engine: SearchEngine, fingerprint: string, all = false): Promise<string[]> {
  const groups = byPartition(engine.articles());
  const written: string[] = [];
  const existing = new Set(await readdir(dirname(snapshot)).catch(() => [] as string[]));
  for (const { name, changed } of engine.partitions()) {
    const path = partitionPath(snapshot, name);
    if (!all && !changed && existing.has(basename(path))) continue;
    // The JSON is hashed and written as a string: no Buffer copy, nor a concatenated one (peak memory at save).
    const payload = engine.partitionJSON(name);
    const header = {
      format: FORMAT,
      fingerprint,
      name,
      content: contentKey(groups.get(name) ?? []),
      bytes: Buffer.byteLength(payload),
      sha256: createHash('sha256').update(payload, 'utf8').digest('hex'),
    };
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(tmp, `${JSON.stringify(header)}\n`);
      await appendFile(tmp, payload);
      await rename(tmp, path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    written.push(name);
  }
  const live = new Set(engine.partitions().map((p) => basename(partitionPath(snapshot, p.name))));
  const prefix = `${basename(snapshot)}.part-`;
  for (const name of existing) {
    if (name.startsWith(prefix) && !name.endsWith('.tmp') && !live.has(name)) await unlink(join(dirname(snapshot), name)).catch(() => undefined);
  }
  engine.markSaved();
  return written;
}

/**
 * The stored periods of these records, read in parallel: each one's JSON when its file is whole
 * (hash), of this build (fingerprint) and made from exactly these articles (content key); otherwise
 * undefined, and the engine rebuilds that period alone.
 */
export async function readPartitions(snapshot: string, fingerprint: string, records: readonly ArticleTerms[]): Promise<Map<string, string | undefined>> {
  const groups = byPartition(records);
  const entries = await Promise.all(
    [...groups].map(async ([name, list]): Promise<[string, string | undefined]> => {
      try {
        const buf = await readFile(partitionPath(snapshot, name));
        const nl = buf.indexOf(0x0a);
        if (nl === -1) return [name, undefined];
        const header = HeaderSchema.safeParse(JSON.parse(buf.subarray(0, nl).toString('utf8')));
        if (!header.success) return [name, undefined];
        const h = header.data;
        const payload = buf.subarray(nl + 1);
        if (h.fingerprint !== fingerprint || h.name !== name || payload.byteLength !== h.bytes) return [name, undefined];
        if (createHash('sha256').update(payload).digest('hex') !== h.sha256) return [name, undefined];
        if (h.content !== contentKey(list)) return [name, undefined];
        return [name, payload.toString('utf8')];
      } catch {
        return [name, undefined];
      }
    }),
  );
  return new Map(entries);
}
