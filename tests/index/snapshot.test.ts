import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdirSync, statSync, utimesSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonPieces, loadSnapshot, saveSnapshot, sweepStaleTemps } from '../../src/index/snapshot.ts';
import { scanCorpus } from '../../src/index/files.ts';
import { buildIndex, type ShijiIndex } from '../../src/index/index.ts';
import { updateIndex } from '../../src/index/update.ts';
import { SearchEngine } from '../../src/index/engine.ts';
import { buildFingerprint } from '../../src/index/version.ts';
import { openLibrary } from '../../src/open.ts';
import { memoState, restoreMemo } from '../../src/extract/people-memo-state.ts';
import { seedArticles, SEEDS_DIR } from '../support/corpus.ts';

const root = mkdtempSync(join(tmpdir(), 'shiji-snap-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The seeds built, saved under `folder` and loaded back. */
async function builtAndLoaded(folder: string) {
  const articles = await seedArticles();
  const index = await buildIndex(articles);
  const path = join(root, folder, 'index.snapshot');
  await saveSnapshot(path, index, 'fp');
  const loaded = await loadSnapshot(path, 'fp');
  if (!loaded.ok) throw new Error(loaded.reason);
  return { articles, index, loaded };
}

describe('index snapshot', () => {
  it("keeps each article's alias pairs as the build read them, so an update after a restart reads only the new articles", async () => {
    const { articles, index, loaded } = await builtAndLoaded('pairs');
    // The build read them before it taught jieba the names; read again now they could differ (a new name's last word).
    loaded.index.articles.forEach((a, i) => expect(loaded.index.memo?.aliasPairs.get(a), a.id).toEqual(index.memo?.aliasPairs.get(index.articles[i] as (typeof articles)[number])));
    expect(index.articles.some((a) => (index.memo?.aliasPairs.get(a) ?? []).length > 0)).toBe(true);
    const fresh = loaded.index.articles.slice(0, 2).map((a, k) => ({ ...a, id: `${a.id}-new${k}`, file: `${a.id}-new${k}.txt` }));
    const updated = await updateIndex(loaded.index, { upsert: fresh, remove: [], order: [...loaded.index.articles, ...fresh].map((a) => a.id) });
    expect(updated?.articles).toHaveLength(articles.length + 2);
    expect(updated?.aliases.all()).toEqual(index.aliases.all());
  });

  it("keeps what the build learnt of each article's names and each person's topics, so the first update after a restart starts where the build left off and equals a rebuild", async () => {
    const { articles, index, loaded } = await builtAndLoaded('memo');
    const stateOf = (x: ShijiIndex) => (x.memo ? memoState(x.memo.people, x.articles, x.people) : undefined);
    const built = stateOf(index);
    // Every article scanned, with its pair filter, and every speaker's keyword cuts: nothing of it is made again after the load.
    expect(built?.state.scans).toHaveLength(articles.length);
    expect(built?.pairs.some((w) => w !== 0)).toBe(true);
    expect(built?.state.topics.cuts.cuts.length).toBeGreaterThan(0);
    expect(stateOf(loaded.index)).toEqual(built);
    const fresh = loaded.index.articles.slice(1, 3).map((a, k) => ({ ...a, id: `${a.id}-later${k}`, file: `${a.id}-later${k}.txt`, publishedAt: new Date(Date.parse(a.publishedAt) + 86_400_000).toISOString() }));
    const updated = await updateIndex(loaded.index, { upsert: fresh, remove: [loaded.index.articles[0]?.id ?? ''], order: [...loaded.index.articles.slice(1), ...fresh].map((a) => a.id) });
    if (!updated) throw new Error('the update asked for a rebuild');
    const rebuilt = await buildIndex(updated.articles);
    expect(updated.people).toEqual(rebuilt.people);
    expect(updated.topics).toEqual(rebuilt.topics);
  });

  it('GIVEN a stored memo that does not fit its articles THEN restoreMemo refuses it, naming what is wrong', async () => {
    const articles = await seedArticles();
    const index = await buildIndex(articles);
    const { state, pairs } = index.memo ? memoState(index.memo.people, index.articles, index.people) : expect.unreachable();
    const restore = (s: typeof state, p = pairs) => restoreMemo(s, p, index.articles, index.people);
    expect(() => restore(state)).not.toThrow();
    const scan = state.scans[0] ?? expect.unreachable();
    expect(() => restore({ ...state, scans: [[articles.length + 4, ...scan.slice(1)] as typeof scan] })).toThrow(`people: the stored memo has a scan of article ${articles.length + 4} of ${articles.length}`);
    expect(() => restore(state, pairs.subarray(0, 128))).toThrow(/people: the stored memo names pair filter \d+ of 1$/);
    expect(() => restore({ ...state, topics: { ...state.topics, persons: state.topics.persons.slice(1) } })).toThrow(`person-topics: ${index.people.people.length - 1} stored entries for ${index.people.people.length} people`);
  });

  it('round-trips: the loaded index answers exactly as the built one', async () => {
    const index = await buildIndex(await seedArticles());
    const path = join(root, 'a', 'index.snapshot');
    await saveSnapshot(path, index, 'fp');
    const loaded = await loadSnapshot(path, 'fp');
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.index.passages).toEqual(index.passages);
    expect(loaded.index.articles).toEqual(index.articles);
    expect(loaded.index.aliases.all()).toEqual(index.aliases.all());
    expect(loaded.index.sentences).toEqual(index.sentences);
    expect(loaded.index.sentenceStart).toEqual(index.sentenceStart);
    expect(loaded.index.topics).toEqual(index.topics);
    const q = (i: typeof index) => i.search.search([{ term: 'tpp', weight: 1 }, { term: '驻日美军', weight: 1 }], 20).hits;
    expect(q(loaded.index)).toEqual(q(index));
    // Read 97 bytes at a time: article lines (and their multi-byte characters) cut across reads come back whole.
    const inPieces = await loadSnapshot(path, 'fp', { readChunkBytes: 97 });
    if (!inPieces.ok) throw new Error(inPieces.reason);
    expect(inPieces.index.articles).toEqual(loaded.index.articles);
    expect(inPieces.index.sentences).toEqual(loaded.index.sentences);
    // A load checks each line's container only: every nested record is still what the full schema reads.
    const strict = await loadSnapshot(path, 'fp', { strict: true });
    if (!strict.ok) throw new Error(strict.reason);
    expect(strict.index.articles).toEqual(loaded.index.articles);
    expect(strict.index.sentences).toEqual(loaded.index.sentences);
    expect(strict.index.analyses).toEqual(loaded.index.analyses);
    expect(strict.index.people).toEqual(loaded.index.people);
    expect(loaded.index.people).toEqual(index.people);
    expect(loaded.index.analyses).toEqual(index.analyses);
    // Term counts are stored, not counted again: the same as the build's.
    expect(loaded.index.search.termCounts()).toEqual(index.search.termCounts());
  });

  it('GIVEN a passage that holds a term so often its weighted count needs two bytes THEN its article and the one-byte ones round-trip, and no period is rebuilt', async () => {
    const seeds = await seedArticles();
    // Held in a chunk of its own (chunks are 100 articles): one chunk's counts take two bytes, the seeds' one.
    const filler = Array.from({ length: 100 }, (_, k) => ({ ...(seeds[k % seeds.length] as (typeof seeds)[number]), id: `f${k}`, file: `f${k}.txt` }));
    const loud = { ...(seeds[0] as (typeof seeds)[number]), id: 'loud', file: 'loud.txt', blocks: [{ kind: 'paragraph' as const, text: '哈，'.repeat(140) }] };
    const index = await buildIndex([...filler, loud]);
    const widths = new Set(index.search.articles().map((r) => r.tf2.BYTES_PER_ELEMENT));
    expect(widths).toEqual(new Set([1, 2]));
    const path = join(root, 'wide', 'index.snapshot');
    await saveSnapshot(path, index, 'fp');
    const loaded = await loadSnapshot(path, 'fp');
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.rebuiltPartitions).toEqual([]);
    const tf = (i: typeof index) => i.search.articles().map((r) => [r.key, [...r.tf2]]);
    expect(tf(loaded.index)).toEqual(tf(index));
    expect(index.search.articles().some((r) => r.tf2.some((x) => x > 255))).toBe(true);
    const q = (i: typeof index) => i.search.search([{ term: '哈', weight: 1 }, { term: 'tpp', weight: 1 }], 20).hits;
    expect(q(loaded.index)).toEqual(q(index));
  });

  it('GIVEN stored term counts that cannot be the records\' THEN the engine counts them itself', async () => {
    const index = await buildIndex(await seedArticles());
    const { passageDf, articleDf } = index.search.termCounts();
    const restore = (counts: { passageDf: Int32Array; articleDf: Int32Array }) => SearchEngine.restore(index.search.articles(), index.search.termList(), new Map(), counts).engine.termCounts();
    const off = Int32Array.from(passageDf);
    off[3] = (off[3] ?? 0) + 1;
    const swapped = Int32Array.from(articleDf);
    swapped[0] = (passageDf[0] ?? 0) + 1;
    for (const bad of [{ passageDf: off, articleDf }, { passageDf, articleDf: swapped }, { passageDf: passageDf.subarray(1), articleDf: articleDf.subarray(1) }]) {
      expect(restore(bad)).toEqual(index.search.termCounts());
    }
  });

  it('refuses a snapshot of another corpus, a truncated one and a corrupt one, saying why', async () => {
    const index = await buildIndex(await seedArticles());
    const path = join(root, 'b.snapshot');
    await saveSnapshot(path, index, 'fp');
    expect(await loadSnapshot(path, 'other')).toEqual({ ok: false, reason: 'the build version or the corpus folders changed' });
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 100));
    expect(await loadSnapshot(path, 'fp')).toMatchObject({ ok: false, reason: expect.stringMatching(/truncated/) });
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 50] = (flipped[flipped.length - 50] ?? 0) ^ 0x55;
    writeFileSync(path, flipped);
    expect(await loadSnapshot(path, 'fp')).toMatchObject({ ok: false, reason: expect.stringMatching(/corrupt/) });
    // A byte flipped inside the articles' JSON: still called corrupt, not a parse error.
    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as { sections: { name: string; bytes: number }[] };
    const inArticles = bytes.indexOf(0x0a) + 1 + (header.sections[0]?.bytes ?? 0) + 20;
    const broken = Buffer.from(bytes);
    broken[inArticles] = 0x7b;
    writeFileSync(path, broken);
    expect(await loadSnapshot(path, 'fp')).toMatchObject({ ok: false, reason: expect.stringMatching(/corrupt/) });
    writeFileSync(path, 'garbage');
    expect((await loadSnapshot(path, 'fp')).ok).toBe(false);
    expect(await loadSnapshot(join(root, 'missing'), 'fp')).toEqual({ ok: false, reason: 'no snapshot yet' });
  });

  it('GIVEN a corpus file rewritten with the same size and modification time (cp -p, rsync -a) THEN the scan finds it, and reads only changed files', async () => {
    const dir = join(root, 'corpus');
    mkdirSync(dir);
    const a = join(dir, 'a.txt');
    copyFileSync(join(SEEDS_DIR, '000_a2194fe5ab64c492.txt'), a);
    copyFileSync(join(SEEDS_DIR, '001_5caa166e077508a0.txt'), join(dir, 'b.txt'));
    const first = await scanCorpus([dir]);
    expect(first.read).toBe(2);
    const again = await scanCorpus([dir], first.states);
    expect(again).toMatchObject({ changed: [], read: 0 });
    // Same length, same mtime: one character swapped for another of the same UTF-8 size.
    const { mtime, atime } = statSync(a);
    const text = readFileSync(a, 'utf8');
    writeFileSync(a, text.replace('美', '日'));
    utimesSync(a, atime, mtime);
    expect(statSync(a).size).toBe(first.states[0]!.size);
    const edited = await scanCorpus([dir], first.states);
    expect(edited.changed).toEqual([a]);
    expect(edited.read).toBe(1);
  });

  it('is used by openLibrary when nothing changed and rebuilt, never a crash, when it is corrupt', async () => {
    const path = join(root, 'open.snapshot');
    const logs: string[] = [];
    const first = await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path, log: (l) => logs.push(l) });
    expect(first.fromSnapshot).toBe(false);
    const second = await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path });
    expect(second.fromSnapshot).toBe(true);
    expect(second.library.ask('TPP').results[0]?.text).toBe(first.library.ask('TPP').results[0]?.text);
    writeFileSync(path, readFileSync(path).subarray(0, 1000));
    const third = await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path, log: (l) => logs.push(l) });
    expect(third.fromSnapshot).toBe(false);
    expect(third.loaded).toBe(5);
    expect(logs.at(-1)).toMatch(/index: rebuilding \(the snapshot is truncated/);
    expect((await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path })).fromSnapshot).toBe(true);
  });
});

describe('the snapshot\'s JSON written in pieces', () => {
  it('GIVEN any JSON-like value (undefined and toJSON included) and any depth THEN the pieces join to JSON.stringify\'s text', () => {
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.constant(undefined),
        fc.date({ noInvalidDate: true }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 4 }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 5 }), fc.nat(5), (v, depth) => {
        expect([...jsonPieces(v, depth)].join('')).toBe(JSON.stringify(v));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a start from the snapshot', () => {
  it('still reports the files the build skipped', async () => {
    const dir = join(root, 'with-bad');
    mkdirSync(dir);
    copyFileSync(join(SEEDS_DIR, '000_a2194fe5ab64c492.txt'), join(dir, 'good.txt'));
    writeFileSync(join(dir, 'bad.txt'), 'not an article');
    const path = join(root, 'with-bad.snapshot');
    const first = await openLibrary({ corpusDirs: [dir], indexPath: path });
    const logs: string[] = [];
    const second = await openLibrary({ corpusDirs: [dir], indexPath: path, log: (l) => logs.push(l) });
    expect(second.fromSnapshot).toBe(true);
    expect(second.skipped).toEqual(first.skipped);
    expect(second.library.stats().skipped).toBe(1);
    expect(logs.join('\n')).toMatch(/skipped .*bad\.txt: line 1: expected <!--EPOCH_MS-->/);
  });
});

describe('a start after the corpus changed', () => {
  it('GIVEN a file edited keeping its size and mtime, one added and one removed THEN the snapshot is brought up to date in place and answers as a rebuild', async () => {
    const dir = join(root, 'changing');
    mkdirSync(dir);
    for (const f of ['000_a2194fe5ab64c492.txt', '001_5caa166e077508a0.txt', '002_6deaa98bedeedb28.txt']) copyFileSync(join(SEEDS_DIR, f), join(dir, f));
    const path = join(root, 'changing.snapshot');
    await openLibrary({ corpusDirs: [dir], indexPath: path });
    const edited = join(dir, '000_a2194fe5ab64c492.txt');
    const { atime, mtime } = statSync(edited);
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('美', '日'));
    utimesSync(edited, atime, mtime);
    copyFileSync(join(SEEDS_DIR, '003_5c35b881f4c27ddf.txt'), join(dir, '003_5c35b881f4c27ddf.txt'));
    rmSync(join(dir, '001_5caa166e077508a0.txt'));
    const logs: string[] = [];
    const opened = await openLibrary({ corpusDirs: [dir], indexPath: path, log: (l) => logs.push(l) });
    expect(opened.fromSnapshot).toBe(true);
    expect(logs.join('\n')).toMatch(/1 added, 1 changed, 1 removed since the snapshot/);
    const rebuilt = await openLibrary({ corpusDirs: [dir], indexPath: null });
    for (const q of ['驻日美军', 'TPP', '拜登']) expect(opened.library.ask(q)).toEqual(rebuilt.library.ask(q));
    expect(opened.library.stats()).toEqual(rebuilt.library.stats());
    // The snapshot was rewritten: the next start has nothing to do.
    const third: string[] = [];
    await openLibrary({ corpusDirs: [dir], indexPath: path, log: (l) => third.push(l) });
    expect(third.join('\n')).not.toMatch(/since the snapshot|rebuilding/);
  });
});

describe('a damaged snapshot folder', () => {
  it('GIVEN a temp file left by a killed write THEN a start removes it and answers', async () => {
    const dir = join(root, 'killed');
    mkdirSync(dir);
    const path = join(dir, 'index.snapshot');
    await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path });
    // A writer that no longer runs: pid 2^22 + 1 is above Linux's default pid_max.
    const stale = `${path}.4194305.1733400000000.tmp`;
    writeFileSync(stale, readFileSync(path).subarray(0, 5000));
    const logs: string[] = [];
    const opened = await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path, log: (l) => logs.push(l) });
    expect(existsSync(stale)).toBe(false);
    expect(opened.fromSnapshot).toBe(true);
    expect(opened.library.ask('TPP').results.length).toBeGreaterThan(0);
    expect(logs.join('\n')).toMatch(/removed 1 unfinished snapshot write/);
  });

  it('GIVEN temp files of a writer that exited unreaped (a zombie) and of a live one THEN a start removes the first only', async () => {
    const dir = join(root, 'zombie');
    mkdirSync(dir);
    const path = join(dir, 'index.snapshot');
    // `true` exits at once; its parent execs sleep, which never reaps it: a zombie beside a live process.
    const parent = spawn('sh', ['-c', 'true & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(String(d).trim()))));
      const state = (): string => {
        const stat = readFileSync(`/proc/${zombie}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      };
      for (let tries = 0; state() !== 'Z'; tries++) {
        expect(tries, 'the child never became a zombie').toBeLessThan(500);
        await new Promise((r) => setTimeout(r, 10));
      }
      const dead = `${path}.part-2024.${zombie}.1733400000000.tmp`;
      const live = `${path}.${parent.pid}.1733400000000.tmp`;
      writeFileSync(dead, 'half');
      writeFileSync(live, 'half');
      expect(await sweepStaleTemps(path)).toBe(1);
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it.each([
    ['a passage pointing past the articles', (index: ShijiIndex) => void (index.passages.at(-1)!.article = 999)],
    ['a term id past the vocabulary', (index: ShijiIndex) => void (index.search.articles()[0]!.termIds[0] = 1e9)],
    ['a name scan covering forms nobody scanned for', (index: ShijiIndex) => void (index.memo!.people.scans.get(index.articles[0]!)!.covered = 1e6)],
  ])('GIVEN a snapshot with a valid hash but %s THEN it is refused and rebuilt, and answers', async (_, damage) => {
    const dir = join(root, `bad-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    const path = join(dir, 'index.snapshot');
    const good = await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: null });
    const index = await buildIndex(await seedArticles());
    const save = async (): Promise<number> => saveSnapshot(path, index, await buildFingerprint([SEEDS_DIR]), [], (await scanCorpus([SEEDS_DIR])).states);
    // Saved whole first: the periods' files are written then, and the damaged save writes only the snapshot itself.
    await save();
    damage(index);
    await save();
    const logs: string[] = [];
    const opened = await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path, log: (l) => logs.push(l) });
    expect(opened.fromSnapshot).toBe(false);
    expect(logs.join('\n')).toMatch(/index: rebuilding \(the snapshot cannot be loaded/);
    expect(opened.library.ask('驻日美军经费')).toEqual(good.library.ask('驻日美军经费'));
  });
});

describe('the search index in periods', () => {
  it('GIVEN the periods saved, each written section by section THEN they load back as the same MiniSearch; one truncated is found and rebuilt alone, the same again', async () => {
    const index = await buildIndex(await seedArticles());
    const dir = join(root, 'periods-roundtrip');
    mkdirSync(dir);
    const path = join(dir, 'index.snapshot');
    await saveSnapshot(path, index, 'fp');
    const names = index.search.partitions().map((p) => p.name);
    expect(names.length).toBeGreaterThan(1);
    const sorted = (i: ShijiIndex, name: string) => {
      const json = i.search.periodJSON(name);
      if (!json) throw new Error(`no period ${name}`);
      return { ...json, index: [...json.index].sort((x, y) => (x[0] < y[0] ? -1 : 1)) };
    };
    const loaded = await loadSnapshot(path, 'fp');
    if (!loaded.ok) throw new Error(loaded.reason);
    expect(loaded.rebuiltPartitions).toEqual([]);
    for (const name of names) expect(sorted(loaded.index, name)).toEqual(sorted(index, name));
    const victim = `${path}.part-${names[1]}`;
    const bytes = readFileSync(victim);
    writeFileSync(victim, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const again = await loadSnapshot(path, 'fp');
    if (!again.ok) throw new Error(again.reason);
    expect(again.rebuiltPartitions).toEqual([names[1]]);
    for (const name of names) expect(sorted(again.index, name)).toEqual(sorted(index, name));
    const q = [{ term: '驻日美军', weight: 1 }, { term: 'tpp', weight: 0.5 }];
    expect(again.index.search.search(q, 10)).toEqual(index.search.search(q, 10));
  });

  it('GIVEN one period file corrupted THEN only it is rebuilt, the others are read as stored, and the answers are the same', async () => {
    const dir = join(root, 'periods');
    mkdirSync(dir);
    const path = join(dir, 'index.snapshot');
    const first = await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path });
    const parts = readdirSync(dir).filter((f) => f.includes('.part-')).sort();
    // The seeds span more than one year: several periods, each its own file.
    expect(parts.length).toBeGreaterThan(1);
    const victim = join(dir, parts[0]!);
    const bytes = readFileSync(victim);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x55;
    writeFileSync(victim, bytes);
    const mtimes = new Map(parts.slice(1).map((p) => [p, statSync(join(dir, p)).mtimeMs]));
    const logs: string[] = [];
    const second = await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path, log: (l) => logs.push(l) });
    expect(second.fromSnapshot).toBe(true);
    expect(logs.join('\n')).toMatch(new RegExp(`rebuilt the search index of ${parts[0]!.split('.part-')[1]} \\(`));
    for (const [p, m] of mtimes) expect(statSync(join(dir, p)).mtimeMs).toBe(m);
    for (const q of ['驻日美军经费', 'TPP', '拜登', '北约']) expect(second.library.ask(q)).toEqual(first.library.ask(q));
    const third: string[] = [];
    await openLibrary({ corpusDirs: [SEEDS_DIR], indexPath: path, log: (l) => third.push(l) });
    expect(third.join('\n')).not.toMatch(/rebuilt/);
  });
});
