/**
 * One incremental add, timed as the probes report it: wall and CPU seconds (on a shared machine the
 * wall clock measures the run queue as much as the code), with a CPU profile written to `profile` if given.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Article } from '../src/corpus/article.ts';
import type { ShijiIndex } from '../src/index/index.ts';
import { updateIndex } from '../src/index/update.ts';

export async function timedAdd(index: ShijiIndex, fresh: readonly Article[], profile?: string): Promise<{ next: ShijiIndex; seconds: number; cpuSeconds: number }> {
  const session = profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const t = performance.now();
  const cpu = process.cpuUsage();
  const next = await updateIndex(index, { upsert: fresh, remove: [], order: [...index.articles, ...fresh].map((a) => a.id) });
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  if (session && profile) {
    const { profile: taken } = await session.post('Profiler.stop');
    writeFileSync(profile, JSON.stringify(taken));
    session.disconnect();
  }
  return { next, seconds: +seconds.toFixed(3), cpuSeconds: +((used.user + used.system) / 1e6).toFixed(3) };
}
