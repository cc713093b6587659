/**
 * The bot's queue of answers waiting for the answer worker. Bounded by the wait a user would
 * face, not only by a count: a request whose estimated wait is longer than `maxWaitMs` is refused
 * at once (the user reads "busy, try again in a moment" within Discord's 3 s), and so is any
 * request past `maxLength`.
 *
 * Shortest expected job first: each command's cost is learned from its recent durations, so a
 * burst of slow /timeline calls does not hold up the quick /ask behind it (it minimises the mean
 * wait). A job waiting longer than `agingMs` goes first whatever its cost, so none starves.
 */

export interface QueueOptions {
  /** The longest estimated wait accepted (default 30 s). */
  maxWaitMs?: number;
  /** Most jobs waiting at once (default 500). */
  maxLength?: number;
  /** A job waiting this long goes first (default 60 s). */
  agingMs?: number;
  /** A command's cost before any sample (default 100 ms). */
  defaultCostMs?: number;
  now?: () => number;
}

export const DEFAULT_MAX_WAIT_MS = 30_000;
export const DEFAULT_MAX_LENGTH = 500;

interface Job<T> {
  key: string;
  enqueuedAt: number;
  seq: number;
  item: T;
}

export class AnswerQueue<T> {
  private readonly waiting: Job<T>[] = [];
  private readonly cost = new Map<string, number>();
  private readonly running = new Map<number, { key: string; startedAt: number }>();
  private seq = 0;
  private readonly maxWaitMs: number;
  private readonly maxLength: number;
  private readonly agingMs: number;
  private readonly defaultCostMs: number;
  private readonly now: () => number;

  constructor(options: QueueOptions = {}) {
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    this.agingMs = options.agingMs ?? 60_000;
    this.defaultCostMs = options.defaultCostMs ?? 100;
    this.now = options.now ?? Date.now;
  }

  get length(): number {
    return this.waiting.length;
  }

  /** Jobs waiting plus jobs running. */
  get depth(): number {
    return this.waiting.length + this.running.size;
  }

  /** The expected cost of one job of `key` (ms). */
  costOf(key: string): number {
    let c = this.cost.get(key) ?? this.defaultCostMs;
    // A job of this kind running longer than its estimate says the estimate is low (learnt before it ends).
    const t = this.now();
    for (const r of this.running.values()) if (r.key === key) c = Math.max(c, t - r.startedAt);
    return c;
  }

  /** How long a new job of `key` would wait: the running work, then every waiting job that goes before it. */
  estimatedWait(key: string): number {
    // One estimate per command for this call: the queue may hold hundreds of jobs of a few kinds.
    const costs = new Map<string, number>();
    const costOf = (k: string): number => {
      let c = costs.get(k);
      if (c === undefined) costs.set(k, (c = this.costOf(k)));
      return c;
    };
    const mine = costOf(key);
    const t = this.now();
    let wait = 0;
    for (const r of this.running.values()) {
      const c = costOf(r.key);
      const elapsed = t - r.startedAt;
      // A job past its estimate is expected to run about as long again (it is a slow one).
      wait += elapsed >= c ? elapsed : c - elapsed;
    }
    for (const j of this.waiting) {
      const c = costOf(j.key);
      if (c <= mine || t - j.enqueuedAt >= this.agingMs) wait += c;
    }
    return wait;
  }

  /** Queues a job, or returns false (busy) when it would wait too long or the queue is full. */
  offer(key: string, item: T): boolean {
    if (this.waiting.length >= this.maxLength) return false;
    if (this.estimatedWait(key) > this.maxWaitMs) return false;
    this.waiting.push({ key, item, enqueuedAt: this.now(), seq: this.seq++ });
    return true;
  }

  /** The next job to run (the oldest past aging, else the cheapest, oldest first among equals). */
  take(): { key: string; item: T } | undefined {
    if (!this.waiting.length) return undefined;
    const t = this.now();
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) {
      const a = this.waiting[i] as Job<T>;
      const b = this.waiting[best] as Job<T>;
      const aOld = t - a.enqueuedAt >= this.agingMs;
      const bOld = t - b.enqueuedAt >= this.agingMs;
      if (aOld !== bOld) {
        if (aOld) best = i;
        continue;
      }
      if (aOld) continue; // both old: the earlier stays first
      const ca = this.costOf(a.key);
      const cb = this.costOf(b.key);
      if (ca < cb) best = i;
    }
    const [job] = this.waiting.splice(best, 1);
    return job ? { key: job.key, item: job.item } : undefined;
  }

  /** Marks job `id` (of `key`) as running. */
  started(id: number, key: string): void {
    this.running.set(id, { key, startedAt: this.now() });
  }

  /** A job finished after `ms` of work: the command's estimate moves towards it. */
  finished(id: number, ms?: number): void {
    const r = this.running.get(id);
    this.running.delete(id);
    if (!r) return;
    const took = ms ?? this.now() - r.startedAt;
    const old = this.cost.get(r.key);
    // Recent calls weigh most: the corpus and the queries change.
    this.cost.set(r.key, old === undefined ? took : old * 0.7 + took * 0.3);
  }

  /** Every waiting job, removed (at shutdown or when the worker dies). */
  drainWaiting(): T[] {
    return this.waiting.splice(0).map((j) => j.item);
  }
}
