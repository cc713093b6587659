import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { ArticleSchema } from '../corpus/article.ts';
import { AliasTable } from '../text/aliases.ts';
import { segmenterFingerprint } from '../text/segment.ts';
import { teachAliases, type ShijiIndex } from './index.ts';
import { searchOptions } from './search.ts';

/**
 * The built index on disk: one header line (format, fingerprint, payload length and hash), then
 * the payload as JSON. The hash makes a truncated or corrupt file detectable, so it is rebuilt
 * instead of crashing; writes go to a temporary file renamed into place, so a crash mid-write
 * leaves the old snapshot whole.
 */
const FORMAT = 'shiji-index';
// Bump when the payload's shape or the index's meaning changes.
const VERSION = 1;

const HeaderSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  fingerprint: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().length(64),
});

const PassageSchema = z.object({
  article: z.number().int().min(0),
  paragraph: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  heading: z.string().optional(),
});

const PayloadSchema = z.object({
  articles: z.array(ArticleSchema),
  passages: z.array(PassageSchema),
  aliases: z.object({ groups: z.array(z.array(z.string())) }),
  termMode: z.enum(['words', 'bigrams', 'words+bigrams']),
  df: z.array(z.tuple([z.string(), z.number().int().min(0)])),
  // MiniSearch's own plain-object form, checked by MiniSearch.loadJS itself.
  search: z.record(z.string(), z.unknown()),
});

/**
 * What the snapshot must match: every *.txt file's name, size and modification time (cheap: no
 * file is read), the segmenter's dictionary and the snapshot format.
 */
export async function corpusFingerprint(dirs: readonly string[], extra = ''): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}:${VERSION}:${segmenterFingerprint()}:${extra}\n`);
  for (const dir of dirs) {
    hash.update(`dir:${dir}\n`);
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.txt')).sort();
    } catch {
      hash.update('unreadable\n');
    }
    for (const name of names) {
      try {
        const s = await stat(join(dir, name));
        hash.update(`${name}:${s.size}:${Math.round(s.mtimeMs)}\n`);
      } catch {
        hash.update(`${name}:unreadable\n`);
      }
    }
  }
  return hash.digest('hex');
}

export async function saveSnapshot(path: string, index: ShijiIndex, fingerprint: string): Promise<number> {
  const payload = Buffer.from(
    JSON.stringify({
      articles: index.articles,
      passages: index.passages,
      aliases: index.aliases.toJSON(),
      termMode: index.termMode,
      df: [...index.df],
      search: index.search.toJSON(),
    }),
  );
  const header = {
    format: FORMAT,
    version: VERSION,
    fingerprint,
    bytes: payload.length,
    sha256: createHash('sha256').update(payload).digest('hex'),
  };
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(tmp, 'w');
  try {
    await file.write(`${JSON.stringify(header)}\n`);
    await file.write(payload);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return payload.length;
}

export type SnapshotLoad = { ok: true; index: ShijiIndex } | { ok: false; reason: string };

/** Loads the snapshot when it is whole and matches the fingerprint; otherwise says why not. */
export async function loadSnapshot(path: string, fingerprint: string): Promise<SnapshotLoad> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : String(err);
    return { ok: false, reason: code === 'ENOENT' ? 'no snapshot yet' : `cannot read the snapshot (${code})` };
  }
  const nl = buf.indexOf(0x0a);
  if (nl === -1) return { ok: false, reason: 'the snapshot has no header line' };
  let header: z.infer<typeof HeaderSchema>;
  try {
    const parsed = HeaderSchema.safeParse(JSON.parse(buf.subarray(0, nl).toString('utf8')));
    if (!parsed.success) return { ok: false, reason: 'the snapshot header is of another format or version' };
    header = parsed.data;
  } catch {
    return { ok: false, reason: 'the snapshot header is corrupt' };
  }
  if (header.fingerprint !== fingerprint) return { ok: false, reason: 'the corpus or the dictionary changed' };
  const payload = buf.subarray(nl + 1);
  if (payload.length !== header.bytes) return { ok: false, reason: `the snapshot is truncated (${payload.length} of ${header.bytes} bytes)` };
  if (createHash('sha256').update(payload).digest('hex') !== header.sha256) return { ok: false, reason: 'the snapshot is corrupt (hash mismatch)' };
  try {
    const data = PayloadSchema.safeParse(JSON.parse(payload.toString('utf8')));
    if (!data.success) return { ok: false, reason: `the snapshot payload is invalid at ${data.error.issues[0]?.path.join('.') ?? '?'}` };
    const { articles, passages, termMode } = data.data;
    const aliases = AliasTable.fromJSON(data.data.aliases);
    // The builder taught jieba these names; the query side must cut them the same way.
    teachAliases(aliases);
    // loadJS validates MiniSearch's own structure and throws on a mismatch.
    const search = MiniSearch.loadJS(data.data.search as Parameters<typeof MiniSearch.loadJS>[0], searchOptions(termMode));
    return {
      ok: true,
      index: {
        articles,
        passages: passages.map((p) => ({ article: p.article, paragraph: p.paragraph, start: p.start, end: p.end, ...(p.heading ? { heading: p.heading } : {}) })),
        search,
        aliases,
        termMode,
        df: new Map(data.data.df),
      },
    };
  } catch (err) {
    return { ok: false, reason: `the snapshot cannot be loaded (${err instanceof Error ? err.message : String(err)})` };
  }
}
