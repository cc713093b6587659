import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article } from '../corpus/article.ts';
import { extractDatedSentences, type DatedSentence } from '../answers/events.ts';
import { analyzeArticle, type ArticleAnalysis } from '../answers/statements.ts';
import type { AliasTableJSON } from '../text/aliases.ts';

/** What the index keeps of each article besides its passages: dated sentences and statements. */
export interface Extracted {
  sentences: DatedSentence[][];
  analyses: ArticleAnalysis[];
}

/** One article's extraction: pure, the same in a worker thread as in this one. */
export function extractOne(article: Article): { sentences: DatedSentence[]; analysis: ArticleAnalysis } {
  return { sentences: extractDatedSentences(article), analysis: analyzeArticle(article) };
}

export interface ExtractOptions {
  /** Worker threads besides this one; 0 extracts in this thread only. Default: cores − 1 (at least 1) on a large corpus. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

// Below this many articles the start of a worker (tsx, jieba's dictionaries: about a second) costs more than it saves.
const MIN_ARTICLES_FOR_WORKERS = 1500;
const CHUNK = 100;

/**
 * Extraction of sentences and statements, the dearest step of a build (jieba's tagging: about
 * 2.5 ms an article). Articles go out in chunks to worker threads as they ask for work; this
 * thread indexes passages meanwhile and then takes chunks itself (`finish()`), so both cores stay
 * busy to the end. Results come back in article order.
 */
export class Extraction {
  private readonly chunks: number;
  private nextChunk = 0;
  private readonly results: ({ sentences: DatedSentence[][]; analyses: ArticleAnalysis[] } | undefined)[];
  private done = 0;
  private readonly workers: Worker[] = [];
  private failure: Error | undefined;
  private readonly settled: Promise<void>[] = [];
  private started = false;

  /**
   * Starts the workers at once: loading tsx and jieba's dictionaries (a second or two) overlaps with
   * the caller building the alias table, which the workers need before they can start (`start()`).
   */
  constructor(
    private readonly articles: readonly Article[],
    private readonly options: ExtractOptions = {},
  ) {
    this.chunks = Math.ceil(articles.length / CHUNK);
    this.results = new Array(this.chunks);
    const n = options.workers ?? (articles.length >= MIN_ARTICLES_FOR_WORKERS ? Math.max(1, availableParallelism() - 1) : 0);
    for (let w = 0; w < Math.min(n, this.chunks); w++) this.spawn();
  }

  /** Gives the workers the alias table (jieba must learn the corpus's names first) and lets them work. */
  start(aliases: AliasTableJSON): this {
    this.started = true;
    for (const w of this.workers) w.postMessage({ kind: 'setup', aliases });
    return this;
  }

  /** Works through the remaining chunks in this thread, then waits for the workers' last ones. */
  async finish(): Promise<Extracted> {
    if (!this.started) throw new Error('extract: finish() before start(): the workers would wait for ever');
    for (;;) {
      if (this.failure) break;
      const c = this.take();
      if (c === undefined) break;
      this.store(c, this.extractChunk(c));
      // Let the workers' messages in between two chunks.
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(this.settled);
    if (this.failure) throw this.failure;
    const sentences: DatedSentence[][] = [];
    const analyses: ArticleAnalysis[] = [];
    for (const [i, r] of this.results.entries()) {
      if (!r) throw new Error(`extract: chunk ${i} has no result`);
      sentences.push(...r.sentences);
      analyses.push(...r.analyses);
    }
    return { sentences, analyses };
  }

  private take(): number | undefined {
    return this.nextChunk < this.chunks ? this.nextChunk++ : undefined;
  }

  private slice(c: number): Article[] {
    return this.articles.slice(c * CHUNK, (c + 1) * CHUNK);
  }

  private extractChunk(c: number): { sentences: DatedSentence[][]; analyses: ArticleAnalysis[] } {
    const sentences: DatedSentence[][] = [];
    const analyses: ArticleAnalysis[] = [];
    for (const article of this.slice(c)) {
      const r = extractOne(article);
      sentences.push(r.sentences);
      analyses.push(r.analysis);
    }
    return { sentences, analyses };
  }

  private store(c: number, r: { sentences: DatedSentence[][]; analyses: ArticleAnalysis[] }): void {
    this.results[c] = r;
    this.done += r.analyses.length;
    this.options.onProgress?.(this.done, this.articles.length);
  }

  private spawn(): void {
    // The sources are TypeScript run through tsx: register its loader in the thread, then load the worker.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./extract-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(boot, { eval: true });
    this.workers.push(worker);
    let current: number | undefined;
    const give = (): void => {
      current = this.failure ? undefined : this.take();
      if (current === undefined) worker.postMessage({ kind: 'stop' });
      else worker.postMessage({ kind: 'chunk', chunk: current, articles: this.slice(current) });
    };
    this.settled.push(
      new Promise<void>((resolve) => {
        worker.on('message', (m: WorkerMessage) => {
          if (m.kind === 'ready') give();
          else if (m.kind === 'result') {
            this.store(m.chunk, { sentences: m.sentences, analyses: m.analyses });
            give();
          } else {
            this.fail(new Error(`extract: worker failed: ${m.message}`));
          }
        });
        worker.on('error', (err) => this.fail(new Error(`extract: worker failed: ${err.message}`)));
        worker.on('exit', () => {
          // A chunk the worker took but never returned is done here instead.
          if (current !== undefined && !this.results[current] && !this.failure) this.store(current, this.extractChunk(current));
          current = undefined;
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

type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'result'; chunk: number; sentences: DatedSentence[][]; analyses: ArticleAnalysis[] }
  | { kind: 'error'; message: string };
