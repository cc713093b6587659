import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article } from '../corpus/article.ts';
import { bareSentence, compactSentences, extractDatedSentences, type BareSentence, type DatedSentence } from '../extract/events.ts';
import { analyzeArticle, type ArticleAnalysis } from '../extract/statements.ts';
import type { AliasTableJSON } from '../text/aliases.ts';
import { forwardPassages, type ForwardChunk } from './forward.ts';
import { toPassages } from './passages.ts';
import type { TermMode } from './terms.ts';

/** What one chunk of consecutive articles gives: its passages' terms, dated sentences and statements. */
export interface Chunk {
  index: ForwardChunk;
  sentences: BareSentence[][];
  analyses: ArticleAnalysis[];
}

/** Everything the chunks give, joined in article order. */
export interface Chunks {
  /** Every article's sentences; sentences[sentenceStart[a] .. sentenceStart[a+1]) are article a's. */
  sentences: DatedSentence[];
  sentenceStart: number[];
  analyses: ArticleAnalysis[];
}

/** One chunk's work: pure, the same in a worker thread as in this one. */
export function buildChunk(articles: readonly Article[], mode: TermMode): Chunk {
  const sentences: BareSentence[][] = [];
  const analyses: ArticleAnalysis[] = [];
  for (const article of articles) {
    // Without their text: a worker would send every sentence's text back, only to be sliced again here.
    sentences.push(extractDatedSentences(article).map(bareSentence));
    analyses.push(analyzeArticle(article));
  }
  return { index: forwardPassages(articles, toPassages(articles), mode), sentences, analyses };
}

export interface ChunkOptions {
  termMode: TermMode;
  /** Called with each chunk's articles and passage terms, in article order, as soon as all chunks before it are in. */
  onChunk: (articles: Article[], chunk: ForwardChunk) => void;
  /** Worker threads besides this one; 0 builds in this thread only. Default: cores − 1 (at least 1) on a large corpus. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

// Below this many articles the start of a worker (tsx, jieba's dictionaries: about a second) costs more than it saves.
const MIN_ARTICLES_FOR_WORKERS = 1500;
const CHUNK = 100;
const WORKER_YOUNG_MB = 8;

/**
 * The build's work, cut into chunks of 100 articles: each chunk's passages are indexed and its
 * sentences and statements extracted (jieba's cutting and tagging: about 2.5 ms an article), in
 * worker threads that ask for chunks as they finish and in this thread alike, so both cores stay
 * busy to the end. Chunk results are joined in article order: the same index whatever thread
 * built which chunk.
 */
export class ChunkBuild {
  private readonly chunks: number;
  private nextChunk = 0;
  private readonly results: (Chunk | undefined)[];
  private done = 0;
  private readonly workers: Worker[] = [];
  private failure: Error | undefined;
  private readonly settled: Promise<void>[] = [];
  private started = false;
  // Chunks are put into the engine in order as soon as all before them are in: their vocabularies are then let go.
  private merged = 0;
  private readonly sentences: DatedSentence[] = [];
  private readonly sentenceStart: number[] = [0];
  private readonly analyses: ArticleAnalysis[] = [];

  /**
   * Starts the workers at once: loading tsx and jieba's dictionaries (a second or two) overlaps with
   * the caller building the alias table, which the workers need before they can start (`start()`).
   */
  constructor(
    private readonly articles: readonly Article[],
    private readonly options: ChunkOptions,
  ) {
    this.chunks = Math.ceil(articles.length / CHUNK);
    this.results = new Array(this.chunks);
    const n = options.workers ?? (articles.length >= MIN_ARTICLES_FOR_WORKERS ? Math.max(1, availableParallelism() - 1) : 0);
    for (let w = 0; w < Math.min(n, this.chunks); w++) this.spawn();
  }

  /** Gives the workers the alias table (jieba must learn the corpus's names first) and lets them work. */
  start(aliases: AliasTableJSON): this {
    this.started = true;
    for (const w of this.workers) w.postMessage({ kind: 'setup', aliases, termMode: this.options.termMode });
    return this;
  }

  /** Works through the remaining chunks in this thread, then waits for the workers' last ones. */
  async finish(): Promise<Chunks> {
    if (!this.started) throw new Error('chunks: finish() before start(): the workers would wait for ever');
    for (;;) {
      if (this.failure) break;
      const c = this.take();
      if (c === undefined) break;
      this.buildHere(c);
      // Let the workers' messages in between two chunks.
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(this.settled);
    if (this.failure) throw this.failure;
    if (this.merged !== this.chunks) throw new Error(`chunks: ${this.chunks - this.merged} of ${this.chunks} chunks have no result`);
    return { sentences: this.sentences, sentenceStart: this.sentenceStart, analyses: this.analyses };
  }

  private take(): number | undefined {
    return this.nextChunk < this.chunks ? this.nextChunk++ : undefined;
  }

  private slice(c: number): Article[] {
    return this.articles.slice(c * CHUNK, (c + 1) * CHUNK);
  }

  private buildHere(c: number): void {
    this.store(c, buildChunk(this.slice(c), this.options.termMode));
  }

  private store(c: number, r: Chunk): void {
    this.results[c] = r;
    this.done += r.analyses.length;
    this.options.onProgress?.(this.done, this.articles.length);
    for (let next = this.results[this.merged]; next; next = this.results[this.merged]) {
      // Sentences come without text: slices of this thread's own articles give it back.
      const first = this.merged * CHUNK;
      this.options.onChunk(this.articles.slice(first, first + next.sentences.length), next.index);
      next.sentences.forEach((list, k) => {
        const article = this.articles[first + k];
        if (!article) throw new Error(`chunks: chunk ${this.merged} has more articles than the corpus`);
        for (const s of compactSentences(article, list)) this.sentences.push(s);
        this.sentenceStart.push(this.sentences.length);
      });
      for (const a of next.analyses) this.analyses.push(a);
      this.results[this.merged++] = undefined;
    }
  }

  private spawn(): void {
    // The sources are TypeScript run through tsx: register its loader in the thread, then load the worker.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./chunks-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    // A small young generation: the worker's garbage is short-lived (a chunk's strings), and V8's
    // default let its heap grow to ~90 MB for ~35 MB live (measured at 3k articles: 49 MB with 8).
    const worker = new Worker(boot, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    this.workers.push(worker);
    // Chunks given and not yet returned. A worker always holds one more than the chunk it is
    // working on: this thread answers its messages only between two chunks of its own (a quarter
    // of a second), and an idle worker would wait that long each time.
    const pending: number[] = [];
    const give = (): void => {
      const c = this.failure ? undefined : this.take();
      if (c === undefined) {
        if (pending.length === 0) worker.postMessage({ kind: 'stop' });
        return;
      }
      pending.push(c);
      worker.postMessage({ kind: 'chunk', chunk: c, articles: this.slice(c) });
    };
    this.settled.push(
      new Promise<void>((resolve) => {
        worker.on('message', (m: WorkerMessage) => {
          if (m.kind === 'ready') {
            give();
            give();
          } else if (m.kind === 'result') {
            pending.splice(pending.indexOf(m.chunk), 1);
            this.store(m.chunk, m.result);
            give();
          } else {
            this.fail(new Error(`chunks: worker failed: ${m.message}`));
          }
        });
        worker.on('error', (err) => this.fail(new Error(`chunks: worker failed: ${err.message}`)));
        worker.on('exit', () => {
          // Chunks the worker took but never returned are built here instead.
          for (const c of pending) if (!this.failure) this.buildHere(c);
          pending.length = 0;
          resolve();
        });
      }),
    );
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.workers) void w.terminate();
  }
}

/** The worker's side of the messages (chunks-worker.ts). */
export type WorkerMessage = { kind: 'ready' } | { kind: 'result'; chunk: number; result: Chunk } | { kind: 'error'; message: string };

