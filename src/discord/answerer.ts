import { Worker } from 'node:worker_threads';
import type { TimelineResult } from '../answers/types.ts';
import type { Library, LiveLibrary, UpdateReport } from '../library.ts';
import { fold } from '../text/normalize.ts';
import { AnswerQueue, type QueueOptions } from './answer-queue.ts';
import type { AnswerView } from './format.ts';

/**
 * Who computes answers for the bot. The main thread only acknowledges, dispatches and edits; the
 * index and every library call live behind this interface, in an answer worker thread in
 * production (WorkerAnswerer) or inline over a Library object (tests, small tools). Requests go
 * through one bounded queue: when it is full, render() throws BusyError at once, so the user gets
 * "busy, try again" within Discord's 3 s instead of a missed deadline.
 */

/** One page of one command's answer: what the worker needs to render it (plain data, cloneable). */
export interface AnswerRequest {
  command: string;
  query: string;
  page: number;
  locale: string;
}

export type SuggestionKind = 'people' | 'topics';

/** What the bot learns once the index is loaded, for the log and for autocomplete. */
export interface LoadedInfo {
  articles: number;
  passages: number;
  skipped: number;
  fromSnapshot: boolean | null;
  /** Partitions of the index, when the engine reports them. */
  partitions?: number;
}

export interface Answerer {
  /** Resolves once the library is loaded; rejects when it could not be. */
  ready(): Promise<LoadedInfo>;
  readonly loaded: boolean;
  /** Renders one page (throws BusyError synchronously when the queue is full). */
  render(request: AnswerRequest): Promise<AnswerView>;
  /** Autocomplete from lists this thread holds: never waits for the worker. */
  suggest(kind: SuggestionKind, prefix: string, limit?: number): string[];
  /** Forwards LiveLibrary.update(files) and refreshes the autocomplete lists afterwards. */
  update(files: readonly string[]): Promise<UpdateReport>;
  /** A topic's timeline as data (live news matches new articles against followed topics), outside the answer queue. */
  timeline(topic: string, options?: { limit?: number; offset?: number }): Promise<TimelineResult>;
  /** Requests waiting or running. */
  depth(): number;
  close(): Promise<void>;
}

/** Renders page `page` of a command's answer from a library (a command's `render`). */
export type Renderer = (library: Library, query: string, page: number, locale: string) => AnswerView;

export class BusyError extends Error {
  override name = 'BusyError';
}

/** The library never loaded: the user gets "index unavailable", not the generic apology. */
export class LibraryUnavailableError extends Error {
  override name = 'LibraryUnavailableError';
}

/** The queue is full: more would wait longer than a user should (and past token lifetimes). */
export const DEFAULT_MAX_QUEUE = 200;
/** Names and topics kept on the main thread for autocomplete. */
const SUGGESTION_LIST_SIZE = 5000;

/**
 * Names or topics for autocomplete, best first; each entry may have other forms (a person's
 * aliases) that match too. Entries whose form starts with the typed text come first, then those
 * that contain it; the form shown is the one that matched (folded: simplified = traditional).
 */
export class SuggestionList {
  private entries: Array<{ forms: string[]; keys: string[] }> = [];

  set(entries: ReadonlyArray<string | readonly string[]>): void {
    this.entries = entries.map((e) => {
      const forms = (typeof e === 'string' ? [e] : [...e]).filter((f) => f.trim());
      return { forms, keys: forms.map(suggestionKey) };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  match(prefix: string, limit = 25): string[] {
    const p = suggestionKey(prefix);
    if (!p) return this.entries.slice(0, limit).flatMap((e) => e.forms.slice(0, 1));
    const starts: string[] = [];
    const contains: string[] = [];
    for (const e of this.entries) {
      const s = e.keys.findIndex((k) => k.startsWith(p));
      if (s >= 0) starts.push(e.forms[s] as string);
      else if (contains.length < limit) {
        const c = e.keys.findIndex((k) => k.includes(p));
        if (c >= 0) contains.push(e.forms[c] as string);
      }
      if (starts.length >= limit) break;
    }
    return [...new Set([...starts, ...contains])].slice(0, limit);
  }
}

// The alias table's key: folded (traditional → simplified, full width → half) without separators.
function suggestionKey(text: string): string {
  return fold(text.trim()).replace(/[\s·・∙•.\-]/g, '');
}

// Aliases are looked up for the best-known people only: one /who call each, at load and after updates.
const PEOPLE_WITH_ALIASES = 2000;

/** The lists a library gives for autocomplete: its most frequent people (with their aliases) and topics. */
export function suggestionLists(library: Library): { people: string[][]; topics: string[] } {
  const people = library.people('', SUGGESTION_LIST_SIZE).map((name, i) => {
    if (i >= PEOPLE_WITH_ALIASES) return [name];
    try {
      return [name, ...library.who(name, { limit: 0 }).aliases];
    } catch {
      return [name];
    }
  });
  return { people, topics: library.topics('', SUGGESTION_LIST_SIZE) };
}

// ---------------------------------------------------------------------------------------------
// Inline: over a Library object in this thread (tests; a library handed in by a caller).

/**
 * Answers in this thread. Library calls still block the event loop here, so this is for small
 * libraries and tests; the bot's entry point (start.ts) uses the worker.
 */
export class InlineAnswerer implements Answerer {
  private library: Library | null = null;
  private readonly loading: Promise<LoadedInfo>;
  private inFlight = 0;
  private readonly lists = { people: new SuggestionList(), topics: new SuggestionList() };

  constructor(
    library: Library | Promise<Library>,
    private readonly renderers: ReadonlyMap<string, Renderer>,
    private readonly maxQueue = DEFAULT_MAX_QUEUE,
  ) {
    this.loading = Promise.resolve(library).then(
      (lib) => {
      this.library = lib;
      this.refresh(lib);
      const stats = lib.stats();
      return { articles: stats.articles, passages: stats.passages, skipped: stats.skipped, fromSnapshot: null };
      },
      (error: unknown) => {
        throw new LibraryUnavailableError('the library failed to load', { cause: error });
      },
    );
    // Reported to each asker; not an unhandled rejection meanwhile.
    this.loading.catch(() => {});
  }

  get loaded(): boolean {
    return this.library !== null;
  }

  ready(): Promise<LoadedInfo> {
    return this.loading;
  }

  depth(): number {
    return this.inFlight;
  }

  render(request: AnswerRequest): Promise<AnswerView> {
    const renderer = this.renderers.get(request.command);
    if (!renderer) return Promise.reject(new Error(`answerer: no renderer for /${request.command}`));
    if (this.inFlight >= this.maxQueue) throw new BusyError(`answerer: ${this.inFlight} requests queued`);
    this.inFlight++;
    // setImmediate: the caller may send its acknowledgement before the (blocking) call runs.
    return this.loading
      .then(() => new Promise<AnswerView>((resolve, reject) => setImmediate(() => {
        try {
          resolve(renderer(this.library as Library, request.query, request.page, request.locale));
        } catch (error) {
          reject(error as Error);
        }
      })))
      .finally(() => this.inFlight--);
  }

  suggest(kind: SuggestionKind, prefix: string, limit = 25): string[] {
    return this.lists[kind].match(prefix, limit);
  }

  async update(files: readonly string[]): Promise<UpdateReport> {
    await this.loading;
    const lib = this.library as Library | (Library & Pick<LiveLibrary, 'update'>);
    if (!('update' in lib) || typeof lib.update !== 'function') throw new Error('answerer: this library cannot be updated (not a LiveLibrary)');
    const report = await lib.update(files);
    this.refresh(lib);
    return report;
  }

  async timeline(topic: string, options: { limit?: number; offset?: number } = {}): Promise<TimelineResult> {
    await this.loading;
    return (this.library as Library).timeline(topic, options);
  }

  private refresh(lib: Library): void {
    const lists = suggestionLists(lib);
    this.lists.people.set(lists.people);
    this.lists.topics.set(lists.topics);
  }

  async close(): Promise<void> {}
}

// ---------------------------------------------------------------------------------------------
// The answer worker.

export interface WorkerAnswererOptions {
  corpusDirs: string[];
  indexPath: string | null;
  /** How the queue is bounded (the longest estimated wait, the most jobs). */
  queue?: QueueOptions;
  /** Diagnostics of the worker's library (skipped files, snapshot rebuilt…). */
  log?: (line: string) => void;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Called when the worker dies unexpectedly (it is restarted once the pending requests failed). */
  onCrash?: (error: Error) => void;
}

/** Messages from the worker (answer-worker.ts). */
export type FromWorker =
  | { kind: 'loaded'; info: LoadedInfo; people: string[][]; topics: string[] }
  | { kind: 'failed'; message: string }
  | { kind: 'view'; id: number; view: AnswerView; ms: number }
  | { kind: 'error'; id: number; message: string; unavailable?: boolean; ms?: number }
  | { kind: 'updated'; id: number; report: UpdateReport; people: string[][]; topics: string[] }
  | { kind: 'timeline'; id: number; result: TimelineResult }
  | { kind: 'log'; line: string }
  | { kind: 'progress'; phase: string; done: number; total: number };

/** Messages to the worker. */
export type ToWorker =
  | { kind: 'render'; id: number; request: AnswerRequest }
  | { kind: 'update'; id: number; files: string[] }
  | { kind: 'timeline'; id: number; topic: string; options: { limit?: number; offset?: number } };

export interface WorkerData {
  corpusDirs: string[];
  indexPath: string | null;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

interface Job extends Pending {
  id: number;
  request: AnswerRequest;
}

// A worker that dies this often is broken, not unlucky: stop restarting it.
const MAX_RESTARTS = 3;

/**
 * The answer worker seen from the main thread. Renders wait in this thread's AnswerQueue (so it
 * can refuse or reorder them) and go to the worker one at a time; updates go straight through.
 */
export class WorkerAnswerer implements Answerer {
  private worker: Worker | null = null;
  private readonly queue: AnswerQueue<Job>;
  /** The render in the worker now (one at a time: the queue decides what comes next). */
  private current: Job | null = null;
  // Updates and timelines for live news: straight to the worker, outside the answer queue.
  private readonly direct = new Map<number, Pending>();
  private nextId = 1;
  private readonly lists = { people: new SuggestionList(), topics: new SuggestionList() };
  private info: LoadedInfo | null = null;
  private loading!: Promise<LoadedInfo>;
  private closing = false;
  private restarts = 0;
  /** Why the library is unavailable (it failed to load): every request gets this at once. */
  private failed: Error | null = null;

  constructor(private readonly options: WorkerAnswererOptions) {
    this.queue = new AnswerQueue<Job>(options.queue);
    this.spawn();
  }

  get loaded(): boolean {
    return this.info !== null;
  }

  ready(): Promise<LoadedInfo> {
    return this.loading;
  }

  depth(): number {
    return this.queue.depth;
  }

  render(request: AnswerRequest): Promise<AnswerView> {
    if (this.closing) return Promise.reject(new Error('answerer: closed'));
    if (this.failed) return Promise.reject(this.failed);
    let job!: Job;
    const promise = new Promise<AnswerView>((resolve, reject) => {
      job = { id: this.nextId++, request, resolve: resolve as (v: never) => void, reject };
    });
    if (!this.queue.offer(request.command, job)) {
      throw new BusyError(`answerer: ${this.queue.depth} requests queued`);
    }
    this.pump();
    return promise;
  }

  suggest(kind: SuggestionKind, prefix: string, limit = 25): string[] {
    return this.lists[kind].match(prefix, limit);
  }

  update(files: readonly string[]): Promise<UpdateReport> {
    if (this.closing) return Promise.reject(new Error('answerer: closed'));
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('answerer: the answer worker is not running'));
    const id = this.nextId++;
    return new Promise<UpdateReport>((resolve, reject) => {
      this.direct.set(id, { resolve: resolve as (v: never) => void, reject });
      worker.postMessage({ kind: 'update', id, files: [...files] } satisfies ToWorker);
    });
  }

  timeline(topic: string, options: { limit?: number; offset?: number } = {}): Promise<TimelineResult> {
    if (this.closing) return Promise.reject(new Error('answerer: closed'));
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('answerer: the answer worker is not running'));
    const id = this.nextId++;
    return new Promise<TimelineResult>((resolve, reject) => {
      this.direct.set(id, { resolve: resolve as (v: never) => void, reject });
      worker.postMessage({ kind: 'timeline', id, topic, options } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('answerer: closed'));
    if (worker) await worker.terminate();
  }

  /** Sends the next job when the worker is free. */
  private pump(): void {
    // Not before the index is loaded: a job waiting in the worker would look like a slow one.
    if (this.current || !this.worker || !this.info) return;
    const next = this.queue.take();
    if (!next) return;
    this.current = next.item;
    this.queue.started(next.item.id, next.key);
    this.worker.postMessage({ kind: 'render', id: next.item.id, request: next.item.request } satisfies ToWorker);
  }

  private settle(id: number, ms: number | undefined, outcome: (job: Pending) => void): void {
    if (this.current?.id === id) {
      const job = this.current;
      this.current = null;
      this.queue.finished(id, ms);
      outcome(job);
      this.pump();
      return;
    }
    const update = this.direct.get(id);
    this.direct.delete(id);
    if (update) outcome(update);
  }

  private spawn(): void {
    // The sources are TypeScript run through tsx: register its loader in the thread, then load the worker.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./answer-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    const data: WorkerData = { corpusDirs: this.options.corpusDirs, indexPath: this.options.indexPath };
    const worker = new Worker(boot, { eval: true, workerData: data });
    this.worker = worker;
    let settle!: { resolve: (i: LoadedInfo) => void; reject: (e: Error) => void };
    this.loading = new Promise<LoadedInfo>((resolve, reject) => (settle = { resolve, reject }));
    this.loading.catch(() => {});
    worker.on('message', (m: FromWorker) => {
      switch (m.kind) {
        case 'loaded':
          this.info = m.info;
          this.lists.people.set(m.people);
          this.lists.topics.set(m.topics);
          settle.resolve(m.info);
          this.pump();
          break;
        case 'failed': {
          const error = new LibraryUnavailableError(`the library failed to load: ${m.message}`);
          this.failed = error;
          settle.reject(error);
          this.failAll(error);
          break;
        }
        case 'view':
          this.settle(m.id, m.ms, (p) => p.resolve(m.view as never));
          break;
        case 'updated':
          this.lists.people.set(m.people);
          this.lists.topics.set(m.topics);
          this.settle(m.id, undefined, (p) => p.resolve(m.report as never));
          break;
        case 'timeline':
          this.settle(m.id, undefined, (p) => p.resolve(m.result as never));
          break;
        case 'error':
          this.settle(m.id, m.ms, (p) => p.reject(m.unavailable ? new LibraryUnavailableError(m.message) : new Error(m.message)));
          break;
        case 'log':
          this.options.log?.(m.line);
          break;
        case 'progress':
          this.options.onProgress?.(m.phase, m.done, m.total);
          break;
      }
    });
    worker.on('error', (error) => this.onExit(worker, error));
    worker.on('exit', (code) => this.onExit(worker, new Error(`answerer: the answer worker exited with code ${code}`)));
  }

  private onExit(worker: Worker, error: Error): void {
    if (this.worker !== worker || this.closing) return;
    this.worker = null;
    // The job in the worker may be what killed it: it fails; those waiting go to the new worker.
    const killer = this.current;
    this.current = null;
    if (killer) {
      this.queue.finished(killer.id);
      killer.reject(error);
    }
    for (const u of this.direct.values()) u.reject(error);
    this.direct.clear();
    this.options.onCrash?.(error);
    if (this.restarts++ < MAX_RESTARTS) {
      this.info = null;
      this.spawn();
      this.pump();
    } else {
      this.failed = new LibraryUnavailableError(`the answer worker keeps dying: ${error.message}`);
      this.failAll(this.failed);
      this.loading = Promise.reject(this.failed);
      this.loading.catch(() => {});
    }
  }

  private failAll(error: Error): void {
    const jobs = this.queue.drainWaiting();
    if (this.current) jobs.push(this.current);
    this.current = null;
    for (const j of jobs) j.reject(error);
    for (const u of this.direct.values()) u.reject(error);
    this.direct.clear();
  }
}
