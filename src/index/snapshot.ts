import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Skipped } from '../corpus/load.ts';
import { ArticleSchema, articleParagraphs, type Article } from '../corpus/article.ts';
import { AliasTable } from '../text/aliases.ts';
import { segmenterFingerprint } from '../text/segment.ts';
import { teachAliases, type ShijiIndex } from './index.ts';
import { InvertedIndex } from './inverted.ts';
import type { Passage } from './passages.ts';
import type { DatedSentence } from '../answers/events.ts';
import { PeopleIndexSchema } from '../answers/people.ts';
import { STATEMENTS_VERSION } from '../answers/statements.ts';

/**
 * The built index on disk: one header line (format, fingerprint, the sections' sizes and the
 * payload's hash), then the payload: a JSON section (articles, aliases, headings) and raw typed
 * arrays (postings, passages), so that loading is mostly a copy. The hash makes a truncated or
 * corrupt file detectable, so it is rebuilt instead of crashing; writes go to a temporary file
 * renamed into place, so a crash mid-write leaves the old snapshot whole.
 */
const FORMAT = 'shiji-index';
// Bump when the payload's shape or the index's meaning changes.
const VERSION = 6;

const SECTIONS = ['meta', 'articles', 'terms', 'postingStart', 'postingDoc', 'postingTf2', 'docLength', 'passageArticle', 'passageParagraph', 'passageStart', 'passageEnd', 'passageHeading'] as const;
type SectionName = (typeof SECTIONS)[number];

const HeaderSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
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
// Stored without its text, which is a slice of its paragraph: rebuilt on load, sharing the article's string.
const StoredSentenceSchema = z.object({
  article: z.string(),
  paragraph: z.number().int().min(0),
  sentence: z.number().int().min(0),
  part: z.number().int().min(0).optional(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  dates: z.array(DateMentionSchema),
  heading: z.boolean().optional(),
}) satisfies z.ZodType<Omit<DatedSentence, 'text'>>;

const MetaSchema = z.object({
  aliases: z.object({ groups: z.array(z.array(z.string())) }),
  termMode: z.enum(['words', 'bigrams', 'words+bigrams']),
  headings: z.array(z.string()),
  topics: z.array(z.string()),
  people: PeopleIndexSchema,
  // Files the build skipped, so a start from the snapshot still reports them.
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
});

// One line of the articles section: an article and its dated sentences. One JSON document per
// article, because a whole archive as one JSON string passes V8's string limit (512 MB) at 100k articles.
const ArticleLineSchema = z.tuple([ArticleSchema, z.array(StoredSentenceSchema)]);

/**
 * What the snapshot must match: every *.txt file's name, size and modification time (cheap: no
 * file is read), the segmenter's dictionary and the snapshot format.
 */
export async function corpusFingerprint(dirs: readonly string[], extra = ''): Promise<string> {
  const hash = createHash('sha256');
  // The extraction rules' versions: a snapshot made by older rules is rebuilt.
  hash.update(`${FORMAT}:${VERSION}:${segmenterFingerprint()}:statements-${STATEMENTS_VERSION}:${extra}\n`);
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

function sections(index: ShijiIndex, skipped: readonly Skipped[]): Record<SectionName, Uint8Array> {
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
  const meta = {
    aliases: index.aliases.toJSON(),
    termMode: index.termMode,
    headings,
    topics: index.topics,
    people: index.people,
    skipped,
  };
  const lines = index.articles.map((article, a) => {
    const own = index.sentences.slice(index.sentenceStart[a] ?? 0, index.sentenceStart[a + 1] ?? 0).map(({ text: _text, ...rest }) => rest);
    return Buffer.from(`${JSON.stringify([article, own])}\n`);
  });
  const d = index.search.data;
  const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return {
    meta: Buffer.from(JSON.stringify(meta)),
    articles: Buffer.concat(lines),
    // Terms never hold a newline: segment() drops white space.
    terms: Buffer.from(d.terms.join('\n')),
    postingStart: bytes(d.postingStart),
    postingDoc: bytes(d.postingDoc),
    postingTf2: bytes(d.postingTf2),
    docLength: bytes(d.docLength),
    passageArticle: bytes(passageArticle),
    passageParagraph: bytes(passageParagraph),
    passageStart: bytes(passageStart),
    passageEnd: bytes(passageEnd),
    passageHeading: bytes(passageHeading),
  };
}

/** Writes the snapshot atomically; returns its payload size in bytes. */
export async function saveSnapshot(path: string, index: ShijiIndex, fingerprint: string, skipped: readonly Skipped[] = []): Promise<number> {
  const parts = sections(index, skipped);
  const hash = createHash('sha256');
  let bytes = 0;
  for (const name of SECTIONS) {
    hash.update(parts[name]);
    bytes += parts[name].byteLength;
  }
  const header = {
    format: FORMAT,
    version: VERSION,
    fingerprint,
    sections: SECTIONS.map((name) => ({ name, bytes: parts[name].byteLength })),
    bytes,
    sha256: hash.digest('hex'),
  };
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const file = await open(tmp, 'w');
  try {
    await file.write(`${JSON.stringify(header)}\n`);
    for (const name of SECTIONS) await file.write(parts[name]);
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
  return bytes;
}

export type SnapshotLoad = { ok: true; index: ShijiIndex; skipped: Skipped[] } | { ok: false; reason: string };

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
    const part = new Map<string, Buffer>();
    let at = 0;
    for (const s of header.sections) {
      part.set(s.name, payload.subarray(at, at + s.bytes));
      at += s.bytes;
    }
    const raw = (name: SectionName): Buffer => {
      const b = part.get(name);
      if (!b) throw new Error(`snapshot: section ${name} is missing`);
      return b;
    };
    // A copy gives each array its own aligned buffer (a view into the file may be misaligned).
    const u32 = (name: SectionName): Uint32Array => new Uint32Array(Uint8Array.from(raw(name)).buffer);
    const u16 = (name: SectionName): Uint16Array => new Uint16Array(Uint8Array.from(raw(name)).buffer);
    const i32 = (name: SectionName): Int32Array => new Int32Array(Uint8Array.from(raw(name)).buffer);
    const meta = MetaSchema.safeParse(JSON.parse(raw('meta').toString('utf8')));
    if (!meta.success) return { ok: false, reason: `the snapshot is invalid at ${meta.error.issues[0]?.path.join('.') ?? '?'}` };
    const termsText = raw('terms').toString('utf8');
    const search = new InvertedIndex({
      terms: termsText ? termsText.split('\n') : [],
      postingStart: u32('postingStart'),
      postingDoc: u32('postingDoc'),
      postingTf2: u16('postingTf2'),
      docLength: u16('docLength'),
    });
    const article = u32('passageArticle');
    const paragraph = u32('passageParagraph');
    const start = u32('passageStart');
    const end = u32('passageEnd');
    const heading = i32('passageHeading');
    const { headings, termMode } = meta.data;
    const articles: Article[] = [];
    const sentences: DatedSentence[] = [];
    const sentenceStart: number[] = [0];
    const lines = raw('articles');
    for (let at = 0; at < lines.length; ) {
      let nl = lines.indexOf(0x0a, at);
      if (nl === -1) nl = lines.length;
      const line = ArticleLineSchema.safeParse(JSON.parse(lines.toString('utf8', at, nl)));
      if (!line.success) return { ok: false, reason: `the snapshot is invalid at article ${articles.length}: ${line.error.issues[0]?.path.join('.') ?? '?'}` };
      const [article, own] = line.data;
      const paragraphs = articleParagraphs(article);
      // A sentence's text is a slice of its paragraph, sharing the article's string.
      for (const st of own) sentences.push({ ...st, text: (paragraphs[st.paragraph] ?? '').slice(st.start, st.end) });
      articles.push(article);
      sentenceStart.push(sentences.length);
      at = nl + 1;
    }
    const passages: Passage[] = new Array(article.length);
    for (let i = 0; i < article.length; i++) {
      const a = article[i] as number;
      if (a >= articles.length) throw new Error(`snapshot: passage ${i} points to article ${a} of ${articles.length}`);
      const h = heading[i] as number;
      const p: Passage = { article: a, paragraph: paragraph[i] as number, start: start[i] as number, end: end[i] as number };
      if (h >= 0) p.heading = headings[h] as string;
      passages[i] = p;
    }
    if (search.data.postingStart.length !== search.termCount + 1 || search.documentCount !== passages.length) {
      throw new Error('snapshot: postings and passages disagree');
    }
    const aliases = AliasTable.fromJSON(meta.data.aliases);
    // The builder taught jieba these names; the query side must cut them the same way.
    teachAliases(aliases);
    return {
      ok: true,
      skipped: meta.data.skipped,
      index: {
        articles,
        passages,
        search,
        aliases,
        termMode,
        sentences,
        sentenceStart,
        topics: meta.data.topics,
        people: meta.data.people,
      },
    };
  } catch (err) {
    return { ok: false, reason: `the snapshot cannot be loaded (${err instanceof Error ? err.message : String(err)})` };
  }
}
