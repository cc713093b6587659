import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, watch } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesize, writeCorpus } from '../../bench/synth.ts';
import { loadCorpus } from '../../src/corpus/load.ts';

/**
 * A real `npm run cli` killed with SIGKILL while it writes its snapshot (as the OOM killer or a
 * pulled plug would): the next start leaves no temp file behind and answers. The kill lands when a
 * `*.tmp` appears beside the snapshot; an attempt whose write finished first is retried, a bounded
 * number of times. Deadlines, not timings.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Enough articles that writing the snapshot takes a while to catch.
const ARTICLES = 400;
const BLOCKS_PER_ARTICLE = 6;
const ATTEMPTS = 4;
const QUESTION = '驻日美军经费';

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function cli(args: string[], env: Record<string, string>): Run {
  // Its own process group, so the kill reaches npm, tsx and the node process writing the file.
  const child = spawn('npm', ['run', '-s', 'cli', '--', ...args], { cwd: ROOT, env: { ...process.env, DISCORD_TOKEN: '', ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += String(d)));
  child.stderr?.on('data', (d: Buffer) => (stderr += String(d)));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const temps = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('npm run cli killed while writing its snapshot', () => {
  let dir = '';
  let corpus = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shiji-kill-'));
    corpus = join(dir, 'corpus');
    const seeds = await loadCorpus([join(ROOT, 'seeds')]);
    const { articles } = synthesize(seeds.articles, { size: ARTICLES });
    await writeCorpus(
      articles.map((a) => ({ ...a, blocks: a.blocks.slice(0, BLOCKS_PER_ARTICLE) })),
      corpus,
    );
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('leaves no temp file after the next start, which answers', async () => {
    let caught = 0;
    let cache = '';
    for (let attempt = 0; attempt < ATTEMPTS && caught === 0; attempt++) {
      cache = join(dir, `cache-${attempt}`);
      await rm(cache, { recursive: true, force: true });
      mkdirSync(cache, { recursive: true });
      const env = { INDEX_PATH: join(cache, 'index.snapshot') };
      const run = cli(['ask', QUESTION, '--corpus', corpus, '--limit', '1'], env);
      let killed = false;
      const kill = () => {
        if (killed || temps(cache).length === 0) return;
        killed = true;
        process.kill(-(run.child.pid ?? 0), 'SIGKILL');
      };
      // inotify reports the temp file as it is created; the poll is a fallback.
      const watcher = watch(cache, () => kill());
      const poll = setInterval(kill, 5);
      const result = await Promise.race([run.done, new Promise<null>((r) => setTimeout(() => r(null), 180_000))]);
      watcher.close();
      clearInterval(poll);
      expect(result, 'the first run neither finished nor was killed within 180 s').not.toBeNull();
      if (killed) expect(result?.signal).toBe('SIGKILL');
      // Killed mid-write: the half-written temp file is still there.
      if (killed && temps(cache).length > 0) caught++;
    }
    expect(caught, `no attempt of ${ATTEMPTS} was killed while a temp file existed`).toBe(1);
    expect(temps(cache).length).toBeGreaterThan(0);

    const again = await cli(['ask', QUESTION, '--corpus', corpus, '--limit', '1', '--json'], { INDEX_PATH: join(cache, 'index.snapshot') }).done;
    expect(again.code, again.stderr).toBe(0);
    const answer = JSON.parse(again.stdout) as unknown;
    expect(JSON.stringify(answer)).toContain('http');
    expect(temps(cache)).toEqual([]);
    expect(existsSync(join(cache, 'index.snapshot'))).toBe(true);

    // And the snapshot it wrote serves the start after it.
    const third = await cli(['ask', QUESTION, '--corpus', corpus, '--limit', '1', '--json'], { INDEX_PATH: join(cache, 'index.snapshot') }).done;
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toBe(again.stdout);
    expect(temps(cache)).toEqual([]);
  }, 600_000);
});
