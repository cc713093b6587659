import { Worker } from 'node:worker_threads';
import type { Library, UpdateReport } from '../library.ts';
import { fold } from '../text/normalize.ts';
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

/** Forms that start with the typed text, then those that contain it (folded: simplified = traditional). */
export class SuggestionList {
  private entries: Array<{ form: string; key: string }> = [];

  set(forms: readonly string[]): void {
    this.entries = forms.map((form) => ({ form, key: suggestionKey(form) }));
  }

  get size(): number {
    return this.entries.length;
  }

  match(prefix: string, limit = 25): string[] {
    const p = suggestionKey(prefix);
    if (!p) return this.entries.slice(0, limit).map((e) => e.form);
    const starts: string[] = [];
    const contains: string[] = [];
    for (const e of this.entries) {
      if (e.key.startsWith(p)) starts.push(e.form);
      else if (contains.length < limit && e.key.includes(p)) contains.push(e.form);
      if (starts.length >= limit) break;
    }
    return [...new Set([...starts, ...contains])].slice(0, limit);
  }
}

// The alias table's key: folded (traditional → simplified, full width → half) without separators.
function suggestionKey(text: string): string {
  return fold(text.trim()).replace(/[\s·・∙•.\-]/g, '');
}

/** The lists a library gives for autocomplete (its most frequent names and topics). */
export function suggestionLists(library: Library): { people: string[]; topics: string[] } {
  return { people: library.people('', SUGGESTION_LIST_SIZE), topics: library.topics('', SUGGESTION_LIST_SIZE) };
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
    const lib = (await this.loading, this.library);
    if (!lib || !('update' in lib) || typeof lib.update !== 'function') throw new Error('answerer: this library cannot be updated (not a LiveLibrary)');
    const report = (await (lib.update as (f: readonly string[]) => Promise<UpdateReport>)(files));
    this.refresh(lib);
    return report;
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
  maxQueue?: number;
  /** Diagnostics of the worker's library (skipped files, snapshot rebuilt…). */
  log?: (line: string) => void;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Called when the worker dies unexpectedly (it is restarted once the pending requests failed). */
  onCrash?: (error: Error) => void;
}

/** Messages from the worker (answer-worker.ts). */
export type FromWorker =
  | { kind: 'loaded'; info: LoadedInfo; people: string[]; topics: string[] }
  | { kind: 'failed'; message: string }
  | { kind: 'view'; id: number; view: AnswerView }
  | { kind: 'error'; id: number; message: string; unavailable?: boolean }
  | { kind: 'updated'; id: number; report: UpdateReport; people: string[]; topics: string[] }
  | { kind: 'log'; line: string }
  | { kind: 'progress'; phase: string; done: number; total: number };

/** Messages to the worker. */
export type ToWorker =
  | { kind: 'render'; id: number; request: AnswerRequest }
  | { kind: 'update'; id: number; files: string[] };

export interface WorkerData {
  corpusDirs: string[];
  indexPath: string | null;
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
  isUpdate: boolean;
}

// A worker that dies this often is broken, not unlucky: stop restarting it.
const MAX_RESTARTS = 3;

export class WorkerAnswerer implements Answerer {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly lists = { people: new SuggestionList(), topics: new SuggestionList() };
  private info: LoadedInfo | null = null;
  private loading!: Promise<LoadedInfo>;
  private closing = false;
  private restarts = 0;
  private readonly maxQueue: number;

  constructor(private readonly options: WorkerAnswererOptions) {
    this.maxQueue = options.maxQueue ?? DEFAULT_MAX_QUEUE;
    this.spawn();
  }

  get loaded(): boolean {
    return this.info !== null;
  }

  ready(): Promise<LoadedInfo> {
    return this.loading;
  }

  depth(): number {
    let n = 0;
    for (const p of this.pending.values()) if (!p.isUpdate) n++;
    return n;
  }

  render(request: AnswerRequest): Promise<AnswerView> {
    if (this.closing) return Promise.reject(new Error('answerer: closed'));
    const depth = this.depth();
    if (depth >= this.maxQueue) throw new BusyError(`answerer: ${depth} requests queued`);
    return this.send<AnswerView>({ kind: 'render', id: this.nextId++, request }, false);
  }

  suggest(kind: SuggestionKind, prefix: string, limit = 25): string[] {
    return this.lists[kind].match(prefix, limit);
  }

  update(files: readonly string[]): Promise<UpdateReport> {
    if (this.closing) return Promise.reject(new Error('answerer: closed'));
    return this.send<UpdateReport>({ kind: 'update', id: this.nextId++, files: [...files] }, true);
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('answerer: closed'));
    if (worker) await worker.terminate();
  }

  private send<T>(message: ToWorker, isUpdate: boolean): Promise<T> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('answerer: the answer worker is not running'));
    return new Promise<T>((resolve, reject) => {
      this.pending.set(message.id, { resolve: resolve as (v: never) => void, reject, isUpdate });
      worker.postMessage(message);
    });
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
          break;
        case 'failed':
          // Requests sent meanwhile come back from the worker as 'unavailable' errors.
          settle.reject(new LibraryUnavailableError(`the library failed to load: ${m.message}`));
          break;
        case 'view':
          this.take(m.id)?.resolve(m.view as never);
          break;
        case 'updated':
          this.lists.people.set(m.people);
          this.lists.topics.set(m.topics);
          this.take(m.id)?.resolve(m.report as never);
          break;
        case 'error':
          this.take(m.id)?.reject(m.unavailable ? new LibraryUnavailableError(m.message) : new Error(m.message));
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
    this.failAll(error);
    this.options.onCrash?.(error);
    if (this.restarts++ < MAX_RESTARTS) {
      this.info = null;
      this.spawn();
    } else {
      this.loading = Promise.reject(error);
      this.loading.catch(() => {});
    }
  }

  private take(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}
