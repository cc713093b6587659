import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { articleParagraphs } from '../../src/corpus/article.ts';
import { loadArticleBytes, loadCorpus, summary, MAX_FILE_BYTES } from '../../src/corpus/load.ts';
import { HAS_SHARED_CORPUS, SEEDS_DIR, SHARED_CORPUS_DIR } from '../support/corpus.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'shiji-load-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const good = readFileSync(join(SEEDS_DIR, '000_a2194fe5ab64c492.txt'));

describe('loadCorpus', () => {
  it('loads the five seeds and reports "5 loaded, 0 skipped"', async () => {
    const c = await loadCorpus(SEEDS_DIR);
    expect(c.articles.map((a) => a.id)).toEqual([
      '000_a2194fe5ab64c492',
      '001_5caa166e077508a0',
      '002_6deaa98bedeedb28',
      '003_5c35b881f4c27ddf',
      '004_d1618589d34e5fc6',
    ]);
    expect(summary(c)).toBe('5 loaded, 0 skipped');
  });

  it('skips each bad file with one line naming it and what is wrong, and still loads every good one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a_good.txt'), good);
    writeFileSync(join(dir, 'b_noheader.txt'), '[t](https://a.b/)\n------\n<p>x</p>');
    writeFileSync(join(dir, 'c_badtime.txt'), '<!--yesterday-->\n[t](https://a.b/)\n------\n<p>x</p>');
    writeFileSync(join(dir, 'd_badlink.txt'), '<!--1605102900000-->\nt(https://a.b/)\n------\n<p>x</p>');
    writeFileSync(join(dir, 'e_empty.txt'), '');
    writeFileSync(join(dir, 'f_emptybody.txt'), '<!--1605102900000-->\n[t](https://a.b/)\n------\n');
    writeFileSync(join(dir, 'g_binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'h_latin1.txt'), Buffer.concat([good.subarray(0, 60), Buffer.from([0xe9, 0x20, 0xff])]));
    writeFileSync(join(dir, 'i_huge.txt'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    mkdirSync(join(dir, 'j_folder.txt'));
    // Root reads any file whatever its mode, so the permission case only exists for an ordinary user.
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) {
      writeFileSync(join(dir, 'k_unreadable.txt'), good);
      chmodSync(join(dir, 'k_unreadable.txt'), 0o000);
    }
    writeFileSync(join(dir, 'notes.md'), 'not an article');
    writeFileSync(join(dir, 'z_good.TXT'), good);

    const lines: string[] = [];
    const c = await loadCorpus(dir, { onSkip: (s) => lines.push(`${s.file}: ${s.reason}`) });
    expect(c.articles.map((a) => a.file)).toEqual(['a_good.txt', 'z_good.TXT']);
    const reasons = Object.fromEntries(c.skipped.map((s) => [s.file.split('/').at(-1), s.reason]));
    expect(reasons['b_noheader.txt']).toMatch(/line 1: expected <!--EPOCH_MS-->/);
    expect(reasons['c_badtime.txt']).toMatch(/line 1/);
    expect(reasons['d_badlink.txt']).toMatch(/line 2: expected \[title\]\(url\)/);
    expect(reasons['e_empty.txt']).toMatch(/empty/);
    expect(reasons['f_emptybody.txt']).toMatch(/body: no paragraph text/);
    expect(reasons['g_binary.txt']).toMatch(/binary data/);
    expect(reasons['h_latin1.txt']).toMatch(/invalid UTF-8 .*offset 60/);
    expect(reasons['i_huge.txt']).toMatch(/over the 5 MB limit/);
    expect(reasons['j_folder.txt']).toMatch(/not a regular file/);
    if (!asRoot) expect(reasons['k_unreadable.txt']).toMatch(/cannot read the file: EACCES/);
    expect(reasons['notes.md']).toBeUndefined();
    expect(lines).toHaveLength(c.skipped.length);
    expect(summary(c)).toBe(`2 loaded, ${c.skipped.length} skipped`);
  });

  it('reports a missing folder as skipped instead of throwing', async () => {
    const c = await loadCorpus(join(tempDir(), 'nope'));
    expect(c.articles).toEqual([]);
    expect(c.skipped[0]?.reason).toMatch(/cannot read the folder: ENOENT/);
  });

  it('skips a second file of the same name from another folder rather than giving two articles one id', async () => {
    const a = tempDir();
    const b = tempDir();
    writeFileSync(join(a, 'x.txt'), good);
    writeFileSync(join(b, 'x.txt'), good);
    const c = await loadCorpus([a, b]);
    expect(c.articles).toHaveLength(1);
    expect(c.skipped[0]?.reason).toMatch(/duplicate article id x/);
  });
});

describe('loadArticleBytes (property)', () => {
  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const r = loadArticleBytes('p.txt', bytes);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on damaged versions of a real article (bytes cut, flipped or spliced)', () => {
    fc.assert(
      fc.property(fc.nat(good.length), fc.nat(good.length), fc.uint8Array({ maxLength: 16 }), (cut, at, junk) => {
        const damaged = Buffer.concat([good.subarray(0, cut), Buffer.from(junk), good.subarray(Math.min(at, good.length))]);
        const r = loadArticleBytes('p.txt', damaged);
        if (r.ok) expect(r.article.title.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});

describe.skipIf(!HAS_SHARED_CORPUS)('the shared development corpus', () => {
  it('loads every file with clean text: no tags, entities, URLs, promo, footer or artefacts', async () => {
    const c = await loadCorpus(SHARED_CORPUS_DIR);
    expect(c.skipped).toEqual([]);
    expect(c.articles.length).toBeGreaterThanOrEqual(30);
    for (const a of c.articles) {
      expect(a.blocks.length).toBeGreaterThan(0);
      for (const text of [a.title, ...articleParagraphs(a)]) {
        expect(text, `${a.file}: ${text.slice(0, 40)}`).not.toMatch(/<\/?[a-z][^>]*>|&(?:nbsp|amp|lt|gt|quot);|https?:\/\/|获取更多RSS|^Array$|\s{2,}|^\s|\s$/);
      }
    }
  });
});
