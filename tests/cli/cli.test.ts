import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { pruneSnapshotCache } from '../../src/cli/run.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Each test starts a process or two that load the corpus: on a shared 2-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });
const cache = mkdtempSync(join(tmpdir(), 'shiji-cli-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

function run(script: string, args: string[], input = '', env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: ROOT, env: { ...process.env, INDEX_PATH: join(cache, 'index.snapshot'), DISCORD_TOKEN: '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}
const cli = (args: string[], input = '', env: Record<string, string> = {}) => run('src/cli/main.ts', args, input, env);

// Each test spawns the command line up to three times: on a loaded machine that takes more than the default 30 s.
describe('npm run cli', { timeout: 120_000 }, () => {
  it('stats --json prints exactly one JSON object: 5 articles from 2020-11-11 to 2025-02-10', async () => {
    const r = await cli(['stats', '--json']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json).toMatchObject({ command: 'stats', articles: 5, skipped: 0 });
    expect(json.from.slice(0, 10)).toBe('2020-11-11');
    expect(json.to.slice(0, 10)).toBe('2025-02-10');
    expect(r.stderr).toMatch(/5 loaded, 0 skipped/);
  });

  it('show <id> prints the article as parsed, and says so when there is no such id', async () => {
    const r = await cli(['show', '002_6deaa98bedeedb28', '--json']);
    expect(JSON.parse(r.stdout).article.author).toBe('肖曼');
    const text = await cli(['show', '002_6deaa98bedeedb28.txt']);
    expect(text.stdout).toContain('## 日本忐忑不安');
    const missing = await cli(['show', 'nope', '--json']);
    expect(JSON.parse(missing.stdout).notice).toMatch(/No article with id nope/);
  });

  it('ask --json gives ranked results with their sources; text output marks the matches', async () => {
    const r = await cli(['ask', '驻日美军经费', '--limit', '2', '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.command).toBe('ask');
    expect(json.results).toHaveLength(2);
    expect(json.results[0]).toMatchObject({ rank: 1, file: '000_a2194fe5ab64c492.txt' });
    const text = await cli(['ask', 'TPP', '--limit', '1']);
    expect(text.stdout).toMatch(/^1\. /);
    expect(text.stdout).toContain('【TPP】');
  });

  it('batch answers one JSON object per line, in order, with an error object for a bad line, and goes on', async () => {
    const r = await cli(['batch'], 'stats\nask 驻日美军经费\nfrobnicate x\nask\nwho 石破茂\ntimeline TPP\n');
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.command)).toEqual(['stats', 'ask', 'frobnicate', 'ask', 'who', 'timeline']);
    expect(out[0].articles).toBe(5);
    expect(out[1].results.length).toBeGreaterThan(0);
    expect(out[2].error).toMatch(/unknown command "frobnicate"/);
    expect(out[3].error).toMatch(/ask: what to search for/);
  });

  it('rejects an unknown flag with a usage line and exit code 2', async () => {
    const r = await cli(['stats', '--frob']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--frob'/);
    const json = await cli(['ask', 'x', '--limit', 'many', '--json']);
    expect(JSON.parse(json.stdout).error).toMatch(/--limit takes a whole number/);
  });
});

describe('npm run cli, as a new user finds it', () => {
  it('calls a missing corpus folder an error in one line (exit 2) and caches nothing for it', async () => {
    const index = join(cache, 'missing', 'index.snapshot');
    const missing = join(cache, 'no-such-folder');
    const r = await cli(['stats', '--corpus', missing], '', { INDEX_PATH: index });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`corpus folder not found: ${missing}`);
    const json = await cli(['ask', 'TPP', '--corpus', missing, '--json'], '', { INDEX_PATH: index });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toContain('corpus folder not found');
    expect(existsSync(index)).toBe(false);
  });

  it('says an empty corpus is empty instead of suggesting words from nothing', async () => {
    const empty = join(cache, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = await cli(['ask', '日本', '--corpus', empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no articles to answer from/);
    expect(r.stdout + r.stderr).not.toMatch(/Did you mean|你是不是/i);
    const json = await cli(['who', '岸田文雄', '--corpus', empty, '--json']);
    expect(JSON.parse(json.stdout).error).toMatch(/no articles to answer from/);
  });

  it('answers usage errors in JSON under --json, a missing command included', async () => {
    const none = await cli(['--json']);
    expect(none.code).toBe(2);
    expect(JSON.parse(none.stdout).error).toBe('no command given');
    const unknown = await cli(['frobnicate', '--json']);
    expect(JSON.parse(unknown.stdout).error).toMatch(/unknown command/);
  });

  it('keeps the cached snapshots of the last 3 corpora only, never the one in use', async () => {
    const dir = join(cache, 'snapshots');
    mkdirSync(dir, { recursive: true });
    const names = ['a', 'b', 'c', 'd', 'e'].map((x) => `index-${x.repeat(12)}.snapshot`);
    names.forEach((n, i) => {
      writeFileSync(join(dir, n), 'x');
      utimesSync(join(dir, n), 1000 + i * 100, 1000 + i * 100);
    });
    // A removed snapshot's year partitions go with it; a kept one's stay.
    writeFileSync(join(dir, `${names[1]}.part-2024`), 'p');
    writeFileSync(join(dir, `${names[4]}.part-2024`), 'p');
    // Files the cache did not name stay whatever their age.
    writeFileSync(join(dir, 'notes.txt'), 'keep');
    utimesSync(join(dir, 'notes.txt'), 10, 10);
    // The oldest one is opened now: it becomes the newest.
    await pruneSnapshotCache(join(dir, names[0]!));
    expect(readdirSync(dir).sort()).toEqual([names[0], names[3], names[4], `${names[4]}.part-2024`, 'notes.txt'].sort());
  });
});

describe('npm start without a Discord token', () => {
  it('answers piped lines in the terminal, one answer per line, and exits at the end of the input', async () => {
    const r = await run('src/main.ts', [], 'ask TPP --limit 1\n温馨预算\nstats\n');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/No DISCORD_TOKEN set/);
    // It says what it loads before the first answer.
    expect(r.stderr).toMatch(/loading 5 articles…/);
    expect(r.stdout).toContain('【TPP】');
    expect(r.stdout).toContain('【温馨预算】');
    expect(r.stdout).toMatch(/5 articles, \d+ paragraphs/);
  });

  it('refuses a CORPUS_DIR that does not exist in one line, exit 2', async () => {
    const r = await run('src/main.ts', [], '', { CORPUS_DIR: join(cache, 'nowhere') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('corpus folder not found');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
