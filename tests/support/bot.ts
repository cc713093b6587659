import { Writable } from 'node:stream';
import type { Answerer } from '../../src/discord/answerer.ts';

/** Helpers the Discord fault, rate-limit and gateway tests share. */

export type Json = Record<string, unknown>;

/** A bot token of the right shape (nothing it opens is real). */
export const TEST_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

/** An answerer whose answers take `ms` (without blocking): longer than the bot's wait for a direct reply, it defers, then edits. */
export function slowAnswerer(inner: Answerer, ms: number): Answerer {
  return {
    ready: () => inner.ready(),
    get loaded() {
      return inner.loaded;
    },
    render: (request) => {
      const p = inner.render(request);
      return new Promise((resolve, reject) => setTimeout(() => p.then(resolve, reject), ms));
    },
    suggest: (kind, prefix, limit) => inner.suggest(kind, prefix, limit),
    update: (files) => inner.update(files),
    timeline: (topic, options) => inner.timeline(topic, options),
    depth: () => inner.depth(),
    close: () => inner.close(),
  };
}

/** A pino destination kept in memory: the log lines as parsed JSON objects. */
export function memoryLog(): { stream: Writable; lines: () => Json[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json) };
}
