import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { Skipped } from '../corpus/load.ts';
import { ArticleSchema, type Article } from '../corpus/article.ts';
import { AliasTable, articlePairs } from '../text/aliases.ts';
import { FileStateSchema, type FileState } from './files.ts';
import { newIndexMemo, teachAliases, type ShijiIndex } from './index.ts';
import { periodOf, SearchEngine, type ArticleTerms } from './engine.ts';
import { readPartitions, savePartitions } from './partitions.ts';
import type { Passage } from './passages.ts';
import { bareSentence, compactSentences, type BareSentence, type DatedSentence } from '../extract/events.ts';
import { PeopleIndexSchema, PeopleMemo, type PeopleIndex } from '../extract/people.ts';
import { memoState, restoreMemo, type PeopleMemoState } from '../extract/people-memo-state.ts';
import type { ArticleAnalysis } from '../extract/statements.ts';

/**
 * The built index on disk: one header line (format, fingerprint, the sections' sizes and the
 * payload's hash), then the payload: a JSON section (articles, aliases, headings) and raw typed
 * arrays (postings, passages), so that loading is mostly a copy. The hash makes a truncated or
 * corrupt file detectable, so it is rebuilt instead of crashing; writes go to a temporary file
 * renamed into place, so a crash mid-write leaves the old snapshot whole.
 */
// The layout's and the contents' version is part of the fingerprint (version.ts: derived from the sources).
const FORMAT = 'shiji-index';

const SECTIONS = ['meta', 'articles', 'terms', 'termOffsets', 'termIds', 'termTf2', 'passageLength', 'passageArticle', 'passageParagraph', 'passageStart', 'passageEnd', 'passageHeading', 'titleOffsets', 'titleIds', 'passageDf', 'articleDf', 'scanPairs'] as const;
type SectionName = (typeof SECTIONS)[number];

const HeaderSchema = z.object({
  format: z.literal(FORMAT),
  fingerprint: z.string(),
  sections: z.array(z.object({ name: z.enum(SECTIONS), bytes: z.number().int().min(0) })),
  bytes: z.number().int().min(0),
  sha256: z.string().length(64),
});

const PrecisionSchema = z.enum(['day', 'month', 'year', 'decade']);
const DateMentionSchema = z.object({
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  date: z.string(),
  precision: PrecisionSchema,
  range: z.object({ date: z.string(), precision: PrecisionSchema }).optional(),
  bound: z.enum(['from', 'until']).optional(),
  fiscal: z.boolean().optional(),
  relative: z.boolean().optional(),
  approximate: z.boolean().optional(),
});
// The shape of answers/events.ts's DatedSentence, checked when it comes back from disk.
// Stored without its text (a slice of its paragraph) and its article's id (its line's article): both rebuilt on load.
const StoredSentenceSchema = z.object({
  paragraph: z.number().int().min(0),
  sentence: z.number().int().min(0),
  part: z.number().int().min(0).optional(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  dates: z.array(DateMentionSchema),
  heading: z.boolean().optional(),
}) satisfies z.ZodType<BareSentence>;

// What the build learnt of each article's names (memoState): the first update after a restart reads only its new articles.
const int = z.number().int();
const PeopleMemoStateSchema = z.object({
  hanForms: z.array(z.string()),
  latinSigs: z.array(z.string()),
  lastLatin: int.min(-1),
  scans: z.array(z.tuple([int.min(0), int.min(0), z.array(int.min(0)), int.min(-1), z.array(z.string()), z.array(z.tuple([z.string(), z.string()])), int.min(-1)])),
  topics: z.object({
    persons: z.array(z.tuple([int.min(0), int.min(0), z.array(z.string()), z.array(z.tuple([z.string(), int.min(0), z.string(), z.string()]))]).nullable()),
    cuts: z.object({ words: z.array(z.string()), idf: z.array(z.number().min(0)), cuts: z.array(z.tuple([int.min(0), z.array(int.min(0)).nullable()])) }),
  }),
}) satisfies z.ZodType<PeopleMemoState>;

// At load, only the memo's outline: its contents are checked by restoreMemo (a full parse copied every nested array, ~0.7 GB at 100k articles).
const PeopleMemoStateShape = z.looseObject({
  hanForms: z.array(z.string()),
  latinSigs: z.array(z.string()),
  lastLatin: int.min(-1),
  scans: z.array(z.unknown()),
  topics: z.looseObject({ persons: z.array(z.unknown()), cuts: z.looseObject({ words: z.array(z.unknown()), idf: z.array(z.unknown()), cuts: z.array(z.unknown()) }) }),
}) as unknown as z.ZodType<PeopleMemoState>;

const metaSchema = (people: z.ZodType<PeopleIndex>, peopleMemo: z.ZodType<PeopleMemoState>) => z.object({
  aliases: z.object({ groups: z.array(z.array(z.string())) }),
  // Each article's bracketed name pairs as the build read them ([article number, pairs], articles with any): see articlePairs.
  aliasPairs: z.array(z.tuple([z.number().int().min(0), z.array(z.tuple([z.string(), z.string()]))])),
  termMode: z.enum(['words', 'bigrams', 'words+bigrams']),
  headings: z.array(z.string()),
  topics: z.array(z.string()),
  people,
  peopleMemo,
  // Files the build skipped, so a start from the snapshot still reports them.
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  // Every corpus file as indexed: a start compares them to find what changed (files.ts).
  files: z.array(FileStateSchema),
});
const MetaSchema = metaSchema(PeopleIndexSchema, PeopleMemoStateSchema);
// As the article lines: at load the people registry's container is checked, not each person's statements (strict: all of it).
const MetaShape = metaSchema(z.looseObject({ version: z.literal(1), people: z.array(z.unknown()) }) as unknown as z.ZodType<PeopleIndex>, PeopleMemoStateShape);

// One line of the articles section: an article and its dated sentences. One JSON document per
// article, because a whole archive as one JSON string passes V8's string limit (512 MB) at 100k articles.
const AnalysisSchema = z.object({
  statements: z.array(
    z.object({
      speaker: z.string(),
      role: z.string().exactOptional(),
      text: z.string(),
      direct: z.boolean(),
      paragraph: z.number().int().min(0),
      kind: z.enum(['person', 'outlet']),
    }),
  ),
  people: z.array(z.object({ name: z.string(), role: z.string().exactOptional(), paragraph: z.number().int().min(0) })),
}) satisfies z.ZodType<ArticleAnalysis>;
// An article, its dated sentences and its statements (kept so that an update rebuilds the people registry without extracting again).
const ArticleLineSchema = z.tuple([ArticleSchema, z.array(StoredSentenceSchema), AnalysisSchema]);
// What a load checks of each line: the container's shape, not every nested record (a full parse
// of 10k lines cost ~0.25 s and a copy of every object at load). The file is ours, written from
// values of the full schema's types, and its hash is checked before anything read is used: a
// damaged file is refused whole; `strict` parses every line and the people registry fully (tests, diagnostics).
const ArticleLineShape = z.tuple([
  z.looseObject({ id: z.string().min(1), title: z.string(), publishedAt: z.string(), blocks: z.array(z.unknown()) }),
  z.array(z.unknown()),
  z.looseObject({ statements: z.array(z.unknown()), people: z.array(z.unknown()) }),
]);
type ArticleLine = z.infer<typeof ArticleLineSchema>;

/**
 * The sections in file order, each as the pieces it is written in: the articles section one batch
 * of lines at a time, so that saving never holds a second copy of the archive.
 */
function sections(index: ShijiIndex, skipped: readonly Skipped[], files: readonly FileState[]): [SectionName, () => Iterable<Uint8Array>][] {
  const headings: string[] = [];
  const headingId = new Map<string, number>();
  const n = index.passages.length;
  const passageArticle = new Uint32Array(n);
  const passageParagraph = new Uint32Array(n);
  const passageStart = new Uint32Array(n);
  const passageEnd = new Uint32Array(n);
  const passageHeading = new Int32Array(n);
  index.passages.forEach((p, i) => {
    passageArticle[i] = p.article;
    passageParagraph[i] = p.paragraph;
    passageStart[i] = p.start;
    passageEnd[i] = p.end;
    let h = -1;
    if (p.heading !== undefined) {
      h = headingId.get(p.heading) ?? headings.push(p.heading) - 1;
      headingId.set(p.heading, h);
    }
    passageHeading[i] = h;
  });
  const aliasPairs: [number, [string, string][]][] = [];
  index.articles.forEach((a, i) => {
    const pairs = index.memo?.aliasPairs.get(a) ?? articlePairs(a);
    if (pairs.length) aliasPairs.push([i, pairs]);
  });
  // Made now, with the meta: a save runs in the background while an update changes the memo in place.
  const memo = memoState(index.memo?.people ?? new PeopleMemo(), index.articles, index.people);
  const meta = {
    peopleMemo: memo.state,
    aliases: index.aliases.toJSON(),
    aliasPairs,
    termMode: index.termMode,
    headings,
    topics: index.topics,
    people: index.people,
    skipped,
    files,
  };
  function* articleLines(): Iterable<string> {
    for (let a = 0; a < index.articles.length; a++) {
      const own = index.sentences.slice(index.sentenceStart[a] ?? 0, index.sentenceStart[a + 1] ?? 0).map(bareSentence);
      yield `${JSON.stringify([index.articles[a], own, index.analyses[a]])}\n`;
    }
  }
  // The forward index: every passage's term ids and weighted frequencies, in passage order.
  // The records' own arrays are written one after the other (no archive-sized copy at save); only the offsets are computed.
  const records = index.search.articles();
  const termOffsets = new Uint32Array(n + 1);
  let p = 0;
  let e = 0;
  for (const r of records) {
    for (let k = 0; k < r.lengths.length; k++) termOffsets[p + k + 1] = e + (r.offsets[k + 1] as number);
    p += r.lengths.length;
    e += r.termIds.length;
  }
  if (p !== n) throw new Error(`snapshot: the search index has ${p} passages, the index ${n}`);
  const each =
    (of: (r: (typeof records)[number]) => ArrayBufferView): (() => Iterable<Uint8Array>) =>
    function* () {
      // Gathered into one buffer of about a megabyte, reused: each piece is written before the next is made.
      const batch = new Uint8Array(1 << 20);
      let used = 0;
      for (const r of records) {
        const a = of(r);
        const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
        if (used + bytes.byteLength > batch.byteLength) {
          if (used) yield batch.subarray(0, used);
          used = 0;
          if (bytes.byteLength > batch.byteLength) {
            yield bytes;
            continue;
          }
        }
        batch.set(bytes, used);
        used += bytes.byteLength;
      }
      if (used) yield batch.subarray(0, used);
    };
  // Each article's title terms (the retrieval stage's title field): a period is rebuilt from them without cutting text again.
  const titleOffsets = new Uint32Array(records.length + 1);
  records.forEach((r, a) => {
    titleOffsets[a + 1] = (titleOffsets[a] as number) + r.titleIds.length;
  });
  const titleIds = new Uint32Array(titleOffsets[records.length] as number);
  records.forEach((r, a) => titleIds.set(r.titleIds, titleOffsets[a] as number));
  const bytes = (a: ArrayBufferView): (() => Iterable<Uint8Array>) => () => [new Uint8Array(a.buffer, a.byteOffset, a.byteLength)];
  const wideTf2 = records.some((r) => r.tf2 instanceof Uint16Array);
  // Copied now, with the records: a save runs in the background while an update changes the engine in place.
  const live = index.search.termCounts();
  const counts = { passageDf: live.passageDf.slice(), articleDf: live.articleDf.slice() };
  const terms = index.search.termList().slice();
  const parts: Record<SectionName, () => Iterable<Uint8Array>> = {
    // Both in pieces of about a megabyte: at 100k articles the registry's JSON and the term list each
    // made a string and a buffer of a hundred MB or more at once, on top of the index (the save's peak).
    meta: () => batched(jsonPieces(meta, 3)),
    articles: () => batched(articleLines()),
    // Terms never hold a newline: segment() drops white space.
    terms: () => batched(joined(terms, '\n')),
    termOffsets: bytes(termOffsets),
    termIds: each((r) => r.termIds),
    // One byte each when every record's frequencies are held so, else two (load: the section's bytes over its count).
    termTf2: each((r) => (wideTf2 && r.tf2 instanceof Uint8Array ? Uint16Array.from(r.tf2) : r.tf2)),
    passageLength: each((r) => r.lengths),
    passageArticle: bytes(passageArticle),
    passageParagraph: bytes(passageParagraph),
    passageStart: bytes(passageStart),
    passageEnd: bytes(passageEnd),
    passageHeading: bytes(passageHeading),
    titleOffsets: bytes(titleOffsets),
    titleIds: bytes(titleIds),
    passageDf: bytes(counts.passageDf),
    articleDf: bytes(counts.articleDf),
    scanPairs: bytes(memo.pairs),
  };
  return SECTIONS.map((name) => [name, parts[name]]);
}

/** The pieces of `list.join(sep)`, in order. */
function* joined(list: readonly string[], sep: string): Generator<string> {
  for (let i = 0; i < list.length; i++) yield i ? sep + (list[i] as string) : (list[i] as string);
}

/** Strings gathered into UTF-8 buffers of about `size` bytes (a megabyte): each is written before the next is made. */
function* batched(pieces: Iterable<string>, size = 1 << 20): Generator<Uint8Array> {
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= size / 2) {
      yield Buffer.from(batch);
      batch = '';
    }
  }
  if (batch) yield Buffer.from(batch);
}

/**
 * JSON.stringify(value) in pieces, the same text: plain objects and arrays are walked `depth`
 * levels down (keys in their order, skipped or written as null as JSON.stringify does), what lies
 * below is stringified whole. Anything with a toJSON, and every other value, is a leaf.
 */
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
  const plain = (v: unknown): v is Record<string, unknown> => {
    if (v === null || typeof v !== 'object' || 'toJSON' in v) return false;
    const proto = Object.getPrototypeOf(v);
    return Array.isArray(v) || proto === Object.prototype || proto === null;
  };
  if (depth <= 0 || !plain(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i) yield ',';
      const v = value[i];
      // As JSON.stringify: an element that has no JSON is null.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* jsonPieces(v, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const v = value[key];
    // As JSON.stringify: a property that has no JSON is left out.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(v, depth - 1);
  }
  yield '}';
}

// The header line is written last, over room kept for it at the start: its JSON padded with spaces.
const HEADER_ROOM = 4096;

/**
 * Removes the temporary files of writes that never finished (the process was killed mid-write):
 * a temp file's name carries its writer's process id, and one whose writer is gone is garbage.
 * Returns how many were removed.
 */
export async function sweepStaleTemps(path: string): Promise<number> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(?:part-[^.]+\.)?(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!m || processAlive(Number(m[1]))) continue;
    await unlink(join(dir, name)).then(
      () => removed++,
      () => undefined,
    );
  }
  return removed;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive, someone else's.
    return !!(err && typeof err === 'object' && 'code' in err && err.code === 'EPERM');
  }
  // A process killed with its parent can stay a zombie until something reaps it: it writes nothing (Linux's
  // /proc tells; where it cannot be read, the process counts as alive).
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true;
  }
}

/** Writes the snapshot atomically; returns its payload size in bytes. */
export async function saveSnapshot(path: string, index: ShijiIndex, fingerprint: string, skipped: readonly Skipped[] = [], files: readonly FileState[] = []): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  // The periods' files first: each is checked against the articles of whichever snapshot is read later.
  await savePartitions(path, index.search, fingerprint);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(tmp, 'w');
  let bytes = 0;
  let written = false;
  try {
    const hash = createHash('sha256');
    const sizes: { name: SectionName; bytes: number }[] = [];
    let at = HEADER_ROOM + 1;
    for (const [name, pieces] of sections(index, skipped, files)) {
      let size = 0;
      for (const piece of pieces()) {
        hash.update(piece);
        await file.write(piece, 0, piece.byteLength, at);
        at += piece.byteLength;
        size += piece.byteLength;
      }
      sizes.push({ name, bytes: size });
      bytes += size;
    }
    const header = JSON.stringify({ format: FORMAT, fingerprint, sections: sizes, bytes, sha256: hash.digest('hex') });
    if (header.length > HEADER_ROOM) throw new Error(`snapshot: header of ${header.length} bytes does not fit in ${HEADER_ROOM}`);
    await file.write(`${header.padEnd(HEADER_ROOM)}\n`, 0, 'utf8');
    await file.sync();
    written = true;
  } finally {
    await file.close();
    // A half-written file (a full disk) is not left behind.
    if (!written) await unlink(tmp).catch(() => undefined);
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return bytes;
}

export type SnapshotLoad = { ok: true; index: ShijiIndex; skipped: Skipped[]; files: FileState[]; rebuiltPartitions: string[] } | { ok: false; reason: string };

/** Loads the snapshot when it is whole and matches the fingerprint; otherwise says why not. */
export async function loadSnapshot(path: string, fingerprint: string, options: { readChunkBytes?: number; strict?: boolean } = {}): Promise<SnapshotLoad> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : String(err);
    return { ok: false, reason: code === 'ENOENT' ? 'no snapshot yet' : `cannot read the snapshot (${code})` };
  }
  try {
    return await readSnapshot(path, file, fingerprint, Math.max(1, options.readChunkBytes ?? READ_CHUNK), options.strict ?? false);
  } catch (err) {
    return { ok: false, reason: `the snapshot cannot be loaded (${err instanceof Error ? err.message : String(err)})` };
  } finally {
    await file.close();
  }
}

// The typed-array sections' element sizes: a section's length must be a multiple of it.
const ELEMENT_BYTES: Partial<Record<SectionName, number>> = {
  termOffsets: 4,
  termIds: 4,
  passageLength: 2,
  passageArticle: 4,
  passageParagraph: 4,
  passageStart: 4,
  passageEnd: 4,
  passageHeading: 4,
  titleOffsets: 4,
  titleIds: 4,
  passageDf: 4,
  articleDf: 4,
  scanPairs: 4,
};

// The articles section is read and parsed this many bytes at a time.
const READ_CHUNK = 8 << 20;

/**
 * Reads the file section by section: the typed arrays straight into their own buffers, the
 * articles a chunk of lines at a time, so that a load holds the index and little else (never the
 * whole file as one buffer, which at 100k articles is over a gigabyte). The payload's hash is
 * checked as it goes and compared at the end, before anything is returned.
 */
async function readSnapshot(path: string, file: FileHandle, fingerprint: string, readChunk: number, strict: boolean): Promise<SnapshotLoad> {
  const size = (await file.stat()).size;
  const head = Buffer.alloc(Math.min(size, HEADER_ROOM + 1));
  await file.read(head, 0, head.length, 0);
  const nl = head.indexOf(0x0a);
  if (nl === -1) return { ok: false, reason: size <= HEADER_ROOM ? 'the snapshot is truncated (it ends inside its header)' : 'the snapshot has no header line' };
  let header: z.infer<typeof HeaderSchema>;
  try {
    const parsed = HeaderSchema.safeParse(JSON.parse(head.subarray(0, nl).toString('utf8')));
    if (!parsed.success) return { ok: false, reason: 'the snapshot header is of another format' };
    header = parsed.data;
  } catch {
    return { ok: false, reason: 'the snapshot header is corrupt' };
  }
  if (header.fingerprint !== fingerprint) return { ok: false, reason: 'the build version or the corpus folders changed' };
  const payloadBytes = size - (nl + 1);
  if (payloadBytes !== header.bytes) return { ok: false, reason: `the snapshot is truncated (${payloadBytes} of ${header.bytes} bytes)` };
  if (header.sections.reduce((n, s) => n + s.bytes, 0) !== header.bytes) return { ok: false, reason: 'the snapshot header is corrupt' };

  const hash = createHash('sha256');
  let pos = nl + 1;
  const readInto = async (buf: Uint8Array): Promise<Uint8Array> => {
    for (let off = 0; off < buf.byteLength; ) {
      const { bytesRead } = await file.read(buf, off, buf.byteLength - off, pos + off);
      if (bytesRead === 0) throw new Error('snapshot: the file ended early');
      off += bytesRead;
    }
    pos += buf.byteLength;
    hash.update(buf);
    return buf;
  };
  // A parse failure is reported only if the hash agrees: a corrupt file is called corrupt.
  let invalid: string | undefined;
  const raw = new Map<SectionName, Uint8Array>();
  const articles: Article[] = [];
  const sentences: DatedSentence[] = [];
  const sentenceStart: number[] = [0];
  const analyses: ArticleAnalysis[] = [];
  const takeLine = (text: string): void => {
    if (invalid !== undefined) return;
    try {
      const line = (strict ? ArticleLineSchema : ArticleLineShape).safeParse(JSON.parse(text));
      if (!line.success) {
        invalid = `the snapshot is invalid at article ${articles.length}: ${line.error.issues[0]?.path.join('.') ?? '?'}`;
        return;
      }
      const [article, own, analysis] = line.data as ArticleLine;
      analyses.push(analysis);
      // A sentence's text is a slice of its paragraph, sharing the article's string.
      for (const st of compactSentences(article, own)) sentences.push(st);
      articles.push(article);
      sentenceStart.push(sentences.length);
    } catch (err) {
      invalid = `the snapshot cannot be loaded (${err instanceof Error ? err.message : String(err)})`;
    }
  };
  for (const section of header.sections) {
    if (section.name !== 'articles') {
      if (section.bytes % (ELEMENT_BYTES[section.name] ?? 1) !== 0) invalid ??= `the snapshot's ${section.name} section has a broken length`;
      // A fresh buffer per section: typed arrays over it are aligned.
      raw.set(section.name, await readInto(new Uint8Array(section.bytes)));
      continue;
    }
    // One buffer, reused: each read goes after the partial line the last one left at its front.
    let buf = Buffer.allocUnsafe(readChunk);
    let have = 0;
    for (let left = section.bytes; left > 0; ) {
      if (have === buf.length) {
        // A line longer than the buffer: make room.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, have);
        buf = bigger;
      }
      const n = Math.min(buf.length - have, left);
      await readInto(buf.subarray(have, have + n));
      left -= n;
      have += n;
      const filled = buf.subarray(0, have);
      let at = 0;
      for (let end = filled.indexOf(0x0a, at); end !== -1; end = filled.indexOf(0x0a, at)) {
        takeLine(filled.toString('utf8', at, end));
        at = end + 1;
      }
      buf.copy(buf, 0, at, have);
      have -= at;
    }
    if (have) takeLine(buf.toString('utf8', 0, have));
  }
  if (hash.digest('hex') !== header.sha256) return { ok: false, reason: 'the snapshot is corrupt (hash mismatch)' };
  if (invalid !== undefined) return { ok: false, reason: invalid };

  const section = (name: SectionName): Uint8Array => {
    const b = raw.get(name);
    if (!b) throw new Error(`snapshot: section ${name} is missing`);
    return b;
  };
  const u32 = (name: SectionName): Uint32Array => new Uint32Array(section(name).buffer);
  const u16 = (name: SectionName): Uint16Array => new Uint16Array(section(name).buffer);
  const i32 = (name: SectionName): Int32Array => new Int32Array(section(name).buffer);
  const meta = (strict ? MetaSchema : MetaShape).safeParse(JSON.parse(Buffer.from(section('meta')).toString('utf8')));
  if (!meta.success) return { ok: false, reason: `the snapshot is invalid at ${meta.error.issues[0]?.path.join('.') ?? '?'}` };
  const termsText = Buffer.from(section('terms')).toString('utf8');
  const terms = termsText ? termsText.split('\n') : [];
  const article = u32('passageArticle');
  const paragraph = u32('passageParagraph');
  const start = u32('passageStart');
  const end = u32('passageEnd');
  const heading = i32('passageHeading');
  const { headings, termMode } = meta.data;
  const passages: Passage[] = new Array(article.length);
  for (let i = 0; i < article.length; i++) {
    const a = article[i] as number;
    if (a >= articles.length) throw new Error(`snapshot: passage ${i} points to article ${a} of ${articles.length}`);
    const h = heading[i] as number;
    const p: Passage = { article: a, paragraph: paragraph[i] as number, start: start[i] as number, end: end[i] as number };
    if (h >= 0) p.heading = headings[h] as string;
    passages[i] = p;
  }
  const aliases = AliasTable.fromJSON(meta.data.aliases);
  // The pairs as the build read them, before it taught jieba: an update then reads only its new articles (see articlePairs).
  const memo = newIndexMemo();
  for (const a of articles) memo.aliasPairs.set(a, []);
  for (const [i, pairs] of meta.data.aliasPairs) {
    const a = articles[i];
    if (!a) throw new Error(`snapshot: alias pairs of article ${i} of ${articles.length}`);
    memo.aliasPairs.set(a, pairs);
  }
  // The builder taught jieba these names; the query side (and a period's titles, cut again) must cut them the same way.
  teachAliases(aliases);
  // After the teaching: the memo's keyword cuts were made under the taught dictionary.
  memo.people = restoreMemo(meta.data.peopleMemo, u32('scanPairs'), articles, meta.data.people);
  const records = forwardRecords(articles, passages, terms, {
    offsets: u32('termOffsets'),
    termIds: u32('termIds'),
    tf2: section('termTf2').byteLength === section('termIds').byteLength / 4 ? section('termTf2') : u16('termTf2'),
    lengths: u16('passageLength'),
    titleOffsets: u32('titleOffsets'),
    titleIds: u32('titleIds'),
  });
  const counts = { passageDf: i32('passageDf'), articleDf: i32('articleDf') };
  const { engine: search, rebuilt } = SearchEngine.restore(records, terms, await readPartitions(path, fingerprint, records), counts);
  return {
    rebuiltPartitions: rebuilt,
    ok: true,
    skipped: meta.data.skipped,
    files: meta.data.files,
    index: { articles, passages, search, aliases, termMode, sentences, sentenceStart, analyses, topics: meta.data.topics, people: meta.data.people, memo },
  };
}

/**
 * The stored forward index as each article's record, checked for shape first: a file whose hash is
 * right but whose numbers point past its data (written by a bug, or by hand) is refused, so that it
 * is rebuilt rather than answering nothing.
 */
function forwardRecords(
  articles: readonly Article[],
  passages: readonly Passage[],
  terms: readonly string[],
  stored: { offsets: Uint32Array; termIds: Uint32Array; tf2: Uint8Array | Uint16Array; lengths: Uint16Array; titleOffsets: Uint32Array; titleIds: Uint32Array },
): ArticleTerms[] {
  const { offsets, termIds, tf2, lengths, titleOffsets, titleIds } = stored;
  const n = passages.length;
  if (offsets.length !== n + 1 || lengths.length !== n) throw new Error(`snapshot: ${n} passages but ${offsets.length - 1} term lists and ${lengths.length} lengths`);
  if (termIds.length !== tf2.length || offsets[n] !== termIds.length || offsets[0] !== 0) throw new Error('snapshot: the term lists and their offsets disagree');
  for (let p = 0; p < n; p++) if ((offsets[p] as number) > (offsets[p + 1] as number)) throw new Error(`snapshot: passage ${p}'s term list ends before it starts`);
  for (let e = 0; e < termIds.length; e++) if ((termIds[e] as number) >= terms.length) throw new Error(`snapshot: term ${termIds[e]} of ${terms.length}`);
  if (titleOffsets.length !== articles.length + 1 || titleOffsets[0] !== 0 || titleOffsets[articles.length] !== titleIds.length) throw new Error('snapshot: the titles and their offsets disagree');
  for (let a = 0; a < articles.length; a++) if ((titleOffsets[a] as number) > (titleOffsets[a + 1] as number)) throw new Error(`snapshot: article ${a}'s title ends before it starts`);
  for (const t of titleIds) if (t >= terms.length) throw new Error(`snapshot: title term ${t} of ${terms.length}`);
  // Each article's arrays are views into the sections' (a buffer per article costs ~300 bytes beside its data); its offsets, made relative, into one array.
  const records: ArticleTerms[] = [];
  const relative = new Uint32Array(n + articles.length);
  let p = 0;
  for (let a = 0; a < articles.length; a++) {
    const from = p;
    while (p < n && (passages[p] as Passage).article === a) p++;
    const base = offsets[from] as number;
    const at = from + a;
    for (let k = from; k <= p; k++) relative[at + k - from] = (offsets[k] as number) - base;
    const end = offsets[p] as number;
    const article = articles[a] as Article;
    records.push({
      key: article.id,
      offsets: relative.subarray(at, at + p - from + 1),
      termIds: termIds.subarray(base, end),
      tf2: tf2.subarray(base, end),
      lengths: lengths.subarray(from, p),
      titleIds: titleIds.subarray(titleOffsets[a] as number, titleOffsets[a + 1] as number),
      partition: periodOf(article),
    });
  }
  if (p !== n) throw new Error(`snapshot: passage ${p} is out of article order`);
  return records;
}
