import { createHash } from 'node:crypto';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { ArticleTerms, SearchEngine } from './engine.ts';
import type { Narrow, PeriodIndex } from './retrieval.ts';

/**
 * The retrieval stage's periods on disk: one file per period beside the snapshot
 * (index.snapshot.part-2024), each a header line and the period's index as flat arrays
 * (retrieval.ts's PeriodIndex: a few JSON lines and raw typed arrays, written piece by piece, so a
 * save never makes a plain copy or a JSON string of a whole MiniSearch). A file names the articles
 * it was made from by a content key (a hash of their forward index and titles), so a stale or
 * damaged file is found by itself and only its period is rebuilt.
 */
const FORMAT = 'shiji-partition';

const SECTIONS = ['meta', 'terms', 'fieldLength', 'titleOffsets', 'titleDocs', 'titleFreqs', 'bodyOffsets', 'bodyDocs', 'bodyFreqs'] as const;
type SectionName = (typeof SECTIONS)[number];

const HeaderSchema = z.object({
  format: z.literal(FORMAT),
  fingerprint: z.string(),
  name: z.string(),
  content: z.string(),
  sections: z.array(z.object({ name: z.enum(SECTIONS), bytes: z.number().int().min(0) })),
  bytes: z.number().int().min(0),
  sha256: z.string().length(64),
});

const MetaSchema = z.object({ keys: z.array(z.string()), averageFieldLength: z.tuple([z.number(), z.number()]) });

export function partitionPath(snapshot: string, name: string): string {
  return `${snapshot}.part-${name}`;
}

/** What a period's file must have been made from: its articles' ids, passage terms and titles, in index order. */
export function contentKey(records: readonly ArticleTerms[]): string {
  const hash = createHash('sha256');
  const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (const r of records) {
    hash.update(`${r.key}\n${r.termIds.length},${r.titleIds.length}\n`);
    hash.update(bytes(r.termIds));
    // As two bytes each, however the record holds them: a build's chunk and a load's section may differ in width.
    hash.update(bytes(r.tf2 instanceof Uint16Array ? r.tf2 : Uint16Array.from(r.tf2)));
    hash.update(bytes(r.titleIds));
  }
  return hash.digest('hex');
}

/** The file's payload, section by section (typed arrays as they lie in memory: no copy). */
function pieces(p: PeriodIndex): [SectionName, Uint8Array][] {
  const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  // Terms never hold a newline: segment() drops white space.
  const parts: Record<SectionName, Uint8Array> = {
    meta: Buffer.from(JSON.stringify({ keys: p.keys, averageFieldLength: p.averageFieldLength })),
    terms: Buffer.from(p.terms.join('\n')),
    fieldLength: bytes(p.fieldLength),
    titleOffsets: bytes(p.titleOffsets),
    titleDocs: bytes(p.titleDocs),
    titleFreqs: bytes(p.titleFreqs),
    bodyOffsets: bytes(p.bodyOffsets),
    bodyDocs: bytes(p.bodyDocs),
    bodyFreqs: bytes(p.bodyFreqs),
  };
  return SECTIONS.map((name) => [name, parts[name]]);
}

/** The period's index from its file's sections, checked for shape (a file whose hash is right but whose numbers point past its data is refused). */
function decode(sections: ReadonlyMap<SectionName, Uint8Array>): PeriodIndex | undefined {
  const get = (name: SectionName): Uint8Array => sections.get(name) ?? new Uint8Array(0);
  const u32 = (name: SectionName): Uint32Array | undefined => {
    const b = get(name);
    if (b.byteLength % 4 !== 0) return undefined;
    // A copy into its own buffer: aligned, and the file's buffer is let go.
    return new Uint32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const meta = MetaSchema.safeParse(JSON.parse(Buffer.from(get('meta')).toString('utf8')));
  if (!meta.success) return undefined;
  const termsText = Buffer.from(get('terms')).toString('utf8');
  const terms = termsText ? termsText.split('\n') : [];
  const [fieldLength, titleOffsets, bodyOffsets] = (['fieldLength', 'titleOffsets', 'bodyOffsets'] as const).map(u32);
  if (!fieldLength || !titleOffsets || !bodyOffsets) return undefined;
  const n = meta.data.keys.length;
  if (fieldLength.length !== 2 * n) return undefined;
  if (titleOffsets.length !== terms.length + 1 || bodyOffsets.length !== terms.length + 1) return undefined;
  // Documents and frequencies are stored as narrow as they are held (retrieval.ts's Narrow): each section's width is its bytes over its count.
  const narrowSection = (name: SectionName, count: number): Narrow | undefined => {
    const b = get(name);
    const width = count ? b.byteLength / count : 1;
    if (!Number.isInteger(width) || (count === 0 && b.byteLength !== 0)) return undefined;
    const own = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    return width === 1 ? new Uint8Array(own) : width === 2 ? new Uint16Array(own) : width === 4 ? new Uint32Array(own) : undefined;
  };
  const titleCount = titleOffsets[terms.length] as number;
  const bodyCount = bodyOffsets[terms.length] as number;
  const [titleDocs, titleFreqs, bodyDocs, bodyFreqs] = [narrowSection('titleDocs', titleCount), narrowSection('titleFreqs', titleCount), narrowSection('bodyDocs', bodyCount), narrowSection('bodyFreqs', bodyCount)];
  if (!titleDocs || !titleFreqs || !bodyDocs || !bodyFreqs) return undefined;
  for (const [offsets, docs, freqs] of [
    [titleOffsets, titleDocs, titleFreqs],
    [bodyOffsets, bodyDocs, bodyFreqs],
  ] as const) {
    if (offsets[0] !== 0 || offsets[terms.length] !== docs.length || docs.length !== freqs.length) return undefined;
    for (let t = 0; t < terms.length; t++) if ((offsets[t] as number) > (offsets[t + 1] as number)) return undefined;
    for (const d of docs) if (d >= n) return undefined;
  }
  return { keys: meta.data.keys, averageFieldLength: meta.data.averageFieldLength, terms, fieldLength, titleOffsets, titleDocs, titleFreqs, bodyOffsets, bodyDocs, bodyFreqs };
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
  const groups = engine.byPeriod();
  const written: string[] = [];
  const existing = new Set(await readdir(dirname(snapshot)).catch(() => [] as string[]));
  for (const { name, changed } of engine.partitions()) {
    const path = partitionPath(snapshot, name);
    if (!all && !changed && existing.has(basename(path))) continue;
    // The file and its content key from the same records: an update arriving while earlier periods
    // are written cannot pair one period's key with another state's index.
    const list = groups.get(name) ?? [];
    const payload = pieces(engine.periodIndexOf(list));
    const hash = createHash('sha256');
    for (const [, piece] of payload) hash.update(piece);
    const header = {
      format: FORMAT,
      fingerprint,
      name,
      content: contentKey(list),
      sections: payload.map(([section, piece]) => ({ name: section, bytes: piece.byteLength })),
      bytes: payload.reduce((n, [, piece]) => n + piece.byteLength, 0),
      sha256: hash.digest('hex'),
    };
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    try {
      const file = await open(tmp, 'w');
      try {
        await file.write(`${JSON.stringify(header)}\n`);
        for (const [, piece] of payload) await file.write(piece);
        await file.sync();
      } finally {
        await file.close();
      }
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
 * The stored periods of these records, read in parallel: each one's index when its file is whole
 * (hash), of this build (fingerprint), made from exactly these articles (content key) and sound in
 * shape; otherwise undefined, and the engine rebuilds that period alone.
 */
export async function readPartitions(snapshot: string, fingerprint: string, records: readonly ArticleTerms[]): Promise<Map<string, PeriodIndex | undefined>> {
  const groups = byPartition(records);
  const entries = await Promise.all(
    [...groups].map(async ([name, list]): Promise<[string, PeriodIndex | undefined]> => {
      try {
        const buf = await readFile(partitionPath(snapshot, name));
        const nl = buf.indexOf(0x0a);
        if (nl === -1) return [name, undefined];
        const header = HeaderSchema.safeParse(JSON.parse(buf.subarray(0, nl).toString('utf8')));
        if (!header.success) return [name, undefined];
        const h = header.data;
        const payload = buf.subarray(nl + 1);
        if (h.fingerprint !== fingerprint || h.name !== name || payload.byteLength !== h.bytes) return [name, undefined];
        if (h.sections.reduce((n, s) => n + s.bytes, 0) !== h.bytes) return [name, undefined];
        if (createHash('sha256').update(payload).digest('hex') !== h.sha256) return [name, undefined];
        if (h.content !== contentKey(list)) return [name, undefined];
        const sections = new Map<SectionName, Uint8Array>();
        let at = 0;
        for (const s of h.sections) {
          sections.set(s.name, payload.subarray(at, at + s.bytes));
          at += s.bytes;
        }
        return [name, decode(sections)];
      } catch {
        return [name, undefined];
      }
    }),
  );
  return new Map(entries);
}
