import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { LiveLibrary } from '../library.ts';
import { openLibrary } from '../open.ts';
import { suggestionLists, type FromWorker, type Renderer, type ToWorker, type WorkerData } from './answerer.ts';
import { loadCommands } from './load-commands.ts';

/**
 * The answer worker: holds the index and runs every library call of the bot, one at a time, in
 * the order asked, so the main thread's event loop stays free for acknowledgements and edits.
 * Renders are synchronous; updates (LiveLibrary.update) run while renders go on over the old index.
 */

// Below the main thread: on a busy machine the acknowledgements (3 s deadline) must win the CPU
// over answers (15 min). On Linux a thread's nice value is its own (threads it starts inherit it).
try {
  setPriority(10);
} catch {
  // Not permitted or not supported: answers simply run at the same priority.
}

const port = parentPort;
if (!port) throw new Error('answer-worker: must run in a worker thread');
const data = workerData as WorkerData;
const post = (m: FromWorker): void => port.postMessage(m);

const renderers = new Map<string, Renderer>();
for (const c of await loadCommands()) if (c.render) renderers.set(c.data.name, c.render);

let lastProgress = 0;
const opening: Promise<LiveLibrary> = openLibrary({
  corpusDirs: data.corpusDirs,
  indexPath: data.indexPath,
  log: (line) => post({ kind: 'log', line }),
  onProgress: (phase, done, total) => {
    // At most a few messages a second: the main thread only logs them now and then.
    if (done !== total && Date.now() - lastProgress < 250) return;
    lastProgress = Date.now();
    post({ kind: 'progress', phase, done, total });
  },
}).then((opened) => {
  const stats = opened.library.stats();
  const partitions = (stats as { partitions?: unknown }).partitions;
  post({
    kind: 'loaded',
    info: {
      articles: opened.loaded,
      passages: stats.passages,
      skipped: opened.skipped.length,
      fromSnapshot: opened.fromSnapshot,
      ...(typeof partitions === 'number' ? { partitions } : {}),
    },
    ...suggestionLists(opened.library),
  });
  return opened.library;
});
opening.catch((error: unknown) => post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }));

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

port.on('message', (m: ToWorker) => {
  void (async () => {
    let library: LiveLibrary;
    try {
      library = await opening;
    } catch (error) {
      post({ kind: 'error', id: m.id, message: `the library failed to load: ${message(error)}`, unavailable: true });
      return;
    }
    if (m.kind === 'render') {
      const renderer = renderers.get(m.request.command);
      const t0 = performance.now();
      try {
        if (!renderer) throw new Error(`answer-worker: no renderer for /${m.request.command}`);
        const view = renderer(library, m.request.query, m.request.page, m.request.locale);
        post({ kind: 'view', id: m.id, view, ms: performance.now() - t0 });
      } catch (error) {
        post({ kind: 'error', id: m.id, message: message(error), ms: performance.now() - t0 });
      }
    } else if (m.kind === 'timeline') {
      try {
        post({ kind: 'timeline', id: m.id, result: library.timeline(m.topic, m.options) });
      } catch (error) {
        post({ kind: 'error', id: m.id, message: message(error) });
      }
    } else {
      try {
        const report = await library.update(m.files);
        post({ kind: 'updated', id: m.id, report, ...suggestionLists(library) });
      } catch (error) {
        post({ kind: 'error', id: m.id, message: message(error) });
      }
    }
  })();
});
