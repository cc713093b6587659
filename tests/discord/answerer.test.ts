import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusyError, WorkerAnswerer } from '../../src/discord/answerer.ts';

/**
 * The answer worker as the bot uses it: the index lives in the worker thread, answers come back
 * as views, autocomplete lists live in this thread, and LiveLibrary.update goes through it.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Only seed 000 speaks of the "温馨预算" (the host-nation support budget).
const LATE_SEED = '000_a2194fe5ab64c492.txt';

describe('the answer worker', () => {
  let dir = '';
  let answerer: WorkerAnswerer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shiji-answerer-'));
    for (const f of (await readdir(join(ROOT, 'seeds'))).filter((n) => n.endsWith('.txt') && n !== LATE_SEED)) await copyFile(join(ROOT, 'seeds', f), join(dir, f));
    answerer = new WorkerAnswerer({ corpusDirs: [dir], indexPath: null, queue: { maxLength: 1 } });
    await answerer.ready();
  }, 120_000);

  afterAll(async () => {
    await answerer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers from the index it holds, and holds the autocomplete lists in this thread', async () => {
    expect(answerer.loaded).toBe(true);
    const view = await answerer.render({ command: 'ask', query: '驻日美军经费', page: 0, locale: 'zh-CN' });
    expect(view.kind).toBe('page');
    expect(answerer.suggest('people', '岸')).toContain('岸田文雄');
    // A person is found by an alias too, shown as typed (Latin names of the seeds' speakers).
    expect(answerer.suggest('people', 'stolt')).toEqual(['Jens Stoltenberg']);
    expect(answerer.suggest('people', '川普')).toContain('川普');
    // Traditional typed, simplified known: the same topics.
    expect(answerer.suggest('topics', '美國').length).toBeGreaterThan(0);
    expect(answerer.suggest('topics', '美國')).toEqual(answerer.suggest('topics', '美国'));
  });

  it('refuses at once when its queue is full, and serves what it accepted', async () => {
    const first = answerer.render({ command: 'timeline', query: '日本', page: 0, locale: 'zh-CN' });
    const second = answerer.render({ command: 'who', query: '岸田文雄', page: 0, locale: 'zh-CN' });
    expect(() => answerer.render({ command: 'ask', query: '日本', page: 0, locale: 'zh-CN' })).toThrow(BusyError);
    expect((await first).kind).toBe('page');
    expect((await second).kind).toBe('page');
    expect(answerer.depth()).toBe(0);
  });

  it('forwards update(files): a new article is answered once it resolves', async () => {
    const before = await answerer.render({ command: 'ask', query: '温馨预算', page: 0, locale: 'zh-CN' });
    expect(JSON.stringify(before)).not.toContain('20201111-');
    await copyFile(join(ROOT, 'seeds', LATE_SEED), join(dir, LATE_SEED));
    const report = await answerer.update([join(dir, LATE_SEED)]);
    expect(report.added).toBe(1);
    const after = await answerer.render({ command: 'ask', query: '温馨预算', page: 0, locale: 'zh-CN' });
    expect(after.kind).toBe('page');
    expect(JSON.stringify(after)).toContain('20201111-');
  }, 120_000);

  it('reports a command it has no renderer for as an error, and goes on', async () => {
    await expect(answerer.render({ command: 'nope', query: 'x', page: 0, locale: 'en-US' })).rejects.toThrow(/no renderer for \/nope/);
    expect((await answerer.render({ command: 'ask', query: '日美同盟', page: 0, locale: 'en-US' })).kind).toBe('page');
  });
});
