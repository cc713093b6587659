import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildPeople, formKey, type PeopleIndex } from '../../src/extract/people.ts';
import { notAName, notARole, notATopic } from '../../src/extract/registry-check.ts';
import { AliasTable } from '../../src/text/aliases.ts';
import { fold } from '../../src/text/normalize.ts';
import { HAS_SHARED_CORPUS, SEEDS_DIR, SHARED_CORPUS_DIR } from '../support/corpus.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cache = mkdtempSync(join(tmpdir(), 'shiji-people-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, INDEX_PATH: join(cache, 'index.snapshot'), DISCORD_TOKEN: '' }, timeout: 60_000 },
      (err, stdout) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout }),
    );
  });
}

describe('the registry’s shapes: what is a name, a title, a topic', () => {
  it('rejects the leftovers the issue found (a word, a name with a scrap, a cut name, a clause, a keyword scrap)', () => {
    const others = new Set(['石破茂', '文在寅', '赤泽亮正', '三村淳', '安倍晋三']);
    for (const bad of ['荣幸', '汇报', '石破茂却', '文在寅于', '赤泽亮', '安倍晋三力挺', '团刚', '韩媒', '/共同社']) {
      expect(notAName(bad, others), bad).toBeDefined();
    }
    // 达约: met once, untitled and quoted never, unknown to jieba as a name.
    expect(notAName('达约', others, { titled: false, statements: 0 })).toBeDefined();
    for (const bad of ['白宫会见美国总统', '为美国总统', '效法前首相', '手官房长官', '会见国际货币基金组织总裁']) expect(notARole(bad), bad).toBeDefined();
    for (const bad of ['战等', '官三村淳', '27.5', '所说']) expect(notATopic(bad, ['三村淳']), bad).toBeDefined();
  });

  it('keeps real names, titles and topics of several kinds', () => {
    const others = new Set(['岸田', '岸田文雄', '石破', '石破茂', '小泉', '小泉进次郎', '铃木宪和']);
    for (const good of ['岸田文雄', '岸田', '石破茂', '小泉进次郎', '铃木宪和', '林剑', '毛宁', '王毅', '汪洋', '普京', '斯特凡', '拉姆·伊曼纽尔', 'Howard Lutnick']) {
      expect(notAName(good, others, { titled: true, statements: 1 }), good).toBeUndefined();
    }
    for (const good of ['日本首相', '美国国务院发言人', '前白宫国家安全顾问', '自民党代理干事长', '韩国国家安保室第一次长', '经济再生担当相', '我外交部发言人', '和平安全保障研究所理事长']) {
      expect(notARole(good), good).toBeUndefined();
    }
    for (const good of ['关税', '美日同盟', '第一阶段', 'TPP', '核污染']) expect(notATopic(good), good).toBeUndefined();
  });
});

describe('a Latin name joins the Han one only on a shared full title and a matching sound', () => {
  const art = (id: string, ...paragraphs: string[]): Article => ({ id, file: `${id}.txt`, title: '测试', url: `https://example.org/${id}`, source: 'example.org', publishedAt: '2025-01-01T00:00:00.000Z', blocks: paragraphs.map((text) => ({ kind: 'paragraph' as const, text })) });
  const ofForm = (articles: Article[], form: string): string[][] =>
    buildPeople(articles, AliasTable.build(articles)).people.filter((p) => [p.name, ...p.aliases].some((f) => formKey(f) === formKey(form))).map((p) => [p.name, ...p.aliases]);
  it('joins a title-sharing transliteration (美国财政部长贝森特 / 美国财政部长Scott Bessent), in either script', () => {
    const list = [art('a', '美国财政部长贝森特表示，谈判取得进展。'), art('b', '美國財政部長Scott Bessent表示，協議將在本月簽署。')];
    expect(ofForm(list, 'Scott Bessent')[0]).toContain('贝森特');
  });
  it('keeps them apart when the sound differs, the title differs, or two people fit', () => {
    const differ = [art('a', '美国财政部长耶伦表示，谈判取得进展。'), art('b', '美国财政部长Scott Bessent表示，协议将在本月签署。')];
    expect(ofForm(differ, 'Scott Bessent')[0]).not.toContain('耶伦');
    const otherTitle = [art('a', '美国商务部长贝森特表示，谈判取得进展。'), art('b', '美国财政部长Scott Bessent表示，协议将在本月签署。')];
    expect(ofForm(otherTitle, 'Scott Bessent')[0]).not.toContain('贝森特');
    const two = [art('a', '美国财政部长贝森特表示，谈判取得进展。'), art('c', '美国财政部长贝桑特表示，关税不变。'), art('b', '美国财政部长Scott Bessent表示，协议将在本月签署。')];
    expect(ofForm(two, 'Scott Bessent')[0]?.some((f) => /\p{sc=Han}/u.test(f))).toBe(false);
  });
});

describe.skipIf(!HAS_SHARED_CORPUS)('the registry over seeds/ and ../shared/corpus', () => {
  let people: PeopleIndex;
  beforeAll(async () => {
    const { articles } = await loadCorpus([SEEDS_DIR, SHARED_CORPUS_DIR]);
    people = buildPeople(articles, AliasTable.build(articles));
  }, 120_000);

  it('holds only names, titles and topics', () => {
    const forms = new Set(people.people.filter((p) => p.kind === 'person').flatMap((p) => [p.name, ...p.aliases]));
    const names = [...forms].map((n) => fold(n)).filter((n) => /^\p{sc=Han}{2,}$/u.test(n));
    const bad: string[] = [];
    for (const p of people.people) {
      if (p.kind === 'person') {
        for (const f of [p.name, ...p.aliases]) {
          const others = new Set(forms);
          others.delete(f);
          const why = notAName(f, others, { titled: p.roles.length > 0, statements: p.statements.length });
          if (why) bad.push(`name ${f}: ${why}`);
        }
      }
      for (const r of p.roles) if (notARole(r)) bad.push(`role ${r} (${p.name}): ${notARole(r)}`);
      for (const t of p.topics) if (notATopic(t, names)) bad.push(`topic ${t} (${p.name}): ${notATopic(t, names)}`);
    }
    expect(bad).toEqual([]);
  });

  it('never merges two people who share a surname, and joins a name’s other forms', () => {
    const of = (form: string) => people.people.filter((p) => [p.name, ...p.aliases].some((f) => formKey(f) === formKey(form)));
    expect(of('岸田文雄').map((p) => p.name)).toEqual(['岸田文雄']);
    expect(of('Fumio Kishida').map((p) => p.name)).toEqual(['岸田文雄']);
    expect(of('Takahide Kiuchi').map((p) => p.name)).toEqual(['木内登英']);
    // 228 writes only "Howard Lutnick", with the title 224 gives 卢特尼克 (美国商务部长).
    expect(of('Howard Lutnick').map((p) => p.name)).toEqual(['卢特尼克']);
    // 野田佳彦 and 野田圣子 are two people: the bare 野田 belongs to neither.
    expect(of('野田').length).toBeLessThanOrEqual(1);
    expect(people.people.find((p) => p.name === '野田佳彦')?.roles ?? []).not.toContain('自民党代理干事长');
  });

  it('people --json lists every entry with aliases, roles and topics; the text form one a line', async () => {
    // The command on the seeds (the registry over both folders is checked above, without a second build).
    const r = await cli(['people', '--json', '--corpus', SEEDS_DIR]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { command: string; count: number; people: { name: string; aliases: string[]; roles: string[]; topics: string[] }[] };
    expect(json.command).toBe('people');
    expect(json.count).toBe(json.people.length);
    expect(json.people.find((p) => p.name === '岸田文雄')).toMatchObject({ aliases: expect.arrayContaining(['岸田']), roles: expect.arrayContaining(['日本首相']) });
    const text = await cli(['people', '--corpus', SEEDS_DIR]);
    expect(text.stdout.split('\n').some((l) => l.startsWith('岸田文雄 (岸田'))).toBe(true);
    expect(text.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ people and outlets\.$/);
  }, 120_000);
});
