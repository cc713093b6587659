import { cpSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../src/open.ts';
import { cutWords } from '../../src/text/segment.ts';
import { SEEDS_DIR } from '../support/corpus.ts';

const root = mkdtempSync(join(tmpdir(), 'shiji-update-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const article = (title: string, body: string): string =>
  `<!--1733400000000-->\n[${title}](https://example.org/${encodeURIComponent(title)})\n------\n<p>${body}</p>\n`;

describe('library.update', () => {
  it('answers over an added article, forgets a removed one, and counts what it did', async () => {
    const dir = join(root, 'corpus');
    cpSync(SEEDS_DIR, dir, { recursive: true });
    const logs: string[] = [];
    const { library } = await openLibrary({ corpusDirs: [dir], indexPath: null, log: (l) => logs.push(l) });
    const before = library.stats().articles;
    expect(library.ask('冰岛渔业配额').results.some((h) => h.text.includes('冰岛'))).toBe(false);

    const added = join(dir, '900_update.txt');
    writeFileSync(added, article('冰岛渔业配额谈判', '冰岛与挪威周三就渔业配额达成协议，冰岛渔业部长表示协议对双方有利。'));
    const report = await library.update([added]);
    expect(report).toMatchObject({ added: 1, replaced: 0, removed: 0 });
    expect(library.stats().articles).toBe(before + 1);
    expect(library.ask('冰岛渔业配额').results[0]?.file).toBe('900_update.txt');

    unlinkSync(added);
    expect(await library.update([added])).toMatchObject({ added: 0, removed: 1 });
    expect(library.stats().articles).toBe(before);
    expect(library.ask('冰岛渔业配额').results.some((h) => h.file === '900_update.txt')).toBe(false);
    expect(readdirSync(dir).length).toBe(before);
    // An article that teaches jieba no new name is put in place, not rebuilt.
    expect(logs.join('\n')).not.toMatch(/rebuilding/);
  });

  it('GIVEN a new article that gives a name with its original (瓦尔德马尔松（Erik Valdemarsson）) THEN jieba learns it, the kept articles that hold it are read again, and the library answers as a rebuild, without one', async () => {
    const dir = join(root, 'learn');
    cpSync(SEEDS_DIR, dir, { recursive: true });
    // Before the name is taught, jieba cuts it in two (瓦尔德 / 马尔松): this kept article must be read again.
    writeFileSync(join(dir, '901_envoy.txt'), article('欧盟特使访问东京', '欧盟特使瓦尔德马尔松周二抵达东京。瓦尔德马尔松表示，欧盟支持日本加强防卫合作。'));
    const logs: string[] = [];
    const { library } = await openLibrary({ corpusDirs: [dir], indexPath: null, log: (l) => logs.push(l) });
    const sentence = '欧盟特使瓦尔德马尔松周二抵达东京';
    const untaught = cutWords(sentence);
    expect(untaught).not.toContain('瓦尔德马尔松');
    const added = join(dir, '902_envoy.txt');
    writeFileSync(added, article('欧盟特使会见日本外相', '欧盟特使瓦尔德马尔松（Erik Valdemarsson）周三会见日本外相，双方讨论了印太局势。'));
    expect(await library.update([added])).toMatchObject({ added: 1, replaced: 0, removed: 0 });
    expect(logs.join('\n')).not.toMatch(/rebuilding/);
    expect(cutWords(sentence)).toContain('瓦尔德马尔松');
    const { library: rebuilt } = await openLibrary({ corpusDirs: [dir], indexPath: null });
    const files = (l: typeof library) => l.ask('瓦尔德马尔松').results.map((h) => h.file);
    expect(files(library)).toContain('901_envoy.txt');
    expect(files(library)).toEqual(files(rebuilt));
    expect(library.who('Erik Valdemarsson')).toEqual(rebuilt.who('Erik Valdemarsson'));
    expect(library.who('瓦尔德马尔松')).toEqual(rebuilt.who('瓦尔德马尔松'));

    // The article that gave the name goes: jieba forgets the name, the kept article is read again, as a rebuild would.
    unlinkSync(added);
    expect(await library.update([added])).toMatchObject({ added: 0, replaced: 0, removed: 1 });
    // As a fresh process would, jieba cuts the name as it did before it was taught.
    expect(cutWords(sentence)).toEqual(untaught);
    const { library: again } = await openLibrary({ corpusDirs: [dir], indexPath: null });
    expect(files(library)).toEqual(files(again));
    expect(library.ask('欧盟特使').results.map((h) => [h.file, h.text])).toEqual(again.ask('欧盟特使').results.map((h) => [h.file, h.text]));
    expect(library.who('瓦尔德马尔松')).toEqual(again.who('瓦尔德马尔松'));
    expect(logs.join('\n')).not.toMatch(/rebuilding/);
  });
});
