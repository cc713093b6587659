import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { NewsLibrary, UpdateReport } from '../library.ts';
import type { Logger } from '../log.ts';
import type { FetchOptions } from './fetch.ts';
import { ingestFeed, learnFolderLinks, type IngestReport } from './ingest.ts';
import type { NewsStore } from './store.ts';

/**
 * The live corpus: polls the feeds every interval (a feed that failed waits out its backoff),
 * watches the corpus folders for files added, changed or removed by hand (fs.watch, debounced,
 * plus a content check of the folders on every poll for what the watcher missed), and hands
 * every change to `library.update`, one batch at a time. Interactions never wait for it: the
 * library answers over the old index until an update resolves. Articles new to the library are
 * then handed to `onAdded` (the /follow notifier).
 */

export interface LiveNewsOptions {
  library: NewsLibrary | Promise<NewsLibrary>;
  /** The corpus folders; new feed articles go to the first. */
  corpusDirs: string[];
  feeds: readonly string[];
  intervalMs: number;
  store: NewsStore;
  logger: Logger;
  /** Watch the folders between polls (default true). */
  watch?: boolean;
  /** Quiet time after the last file event before the update (default 1 s: an editor saves in bursts). */
  debounceMs?: number;
  fetch?: FetchOptions;
  /** Called after an update with the file names of the articles it added. */
  onAdded?: (library: NewsLibrary, files: string[]) => Promise<void>;
}

export interface PassReport {
  feeds: IngestReport[];
  /** Paths handed to library.update (empty: no update). */
  changed: string[];
  added: string[];
  update: UpdateReport | null;
}

/** size:mtime of a file, enough to tell whether it changed since the library last saw it. */
type Signature = string;

export class LiveNews {
  private readonly dirs: string[];
  private readonly known = new Map<string, Signature>();
  private readonly watchers: FSWatcher[] = [];
  private readonly touched = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private started: Promise<void> | null = null;
  private stock: Promise<unknown> | null = null;
  /** Whether the folder's other files' links must be read again before the next ingest. */
  private linksStale = true;
  private stopped = false;
  private readonly log: Logger;

  constructor(private readonly options: LiveNewsOptions) {
    this.dirs = options.corpusDirs.map((d) => resolve(d));
    this.log = options.logger.child({ component: 'feeds' });
  }

  /** Takes stock of the folders, starts watching, and polls now and every interval. Returns at once. */
  start(): void {
    if (this.started) return;
    this.started = (async () => {
      await this.takeStock();
      if (this.stopped) return;
      if (this.options.watch ?? true) this.watchFolders();
      this.timer = setInterval(() => void this.pass().catch((err: unknown) => this.log.error({ err }, 'feed pass failed')), this.options.intervalMs);
      this.timer.unref?.();
      this.log.info({ feeds: this.options.feeds.length, intervalMinutes: this.options.intervalMs / 60_000, dirs: this.dirs }, 'live news started');
      await this.pass();
    })().catch((err: unknown) => this.log.error({ err }, 'live news could not start'));
  }

  /** Resolves once start()'s stock-taking and first pass are done (at once before start()). */
  async whenStarted(): Promise<void> {
    await this.started;
  }

  /** Stops the timer and watchers and waits for the batch in progress. Safe to call more than once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.timer = null;
    this.debounce = null;
    for (const w of this.watchers.splice(0)) w.close();
    await this.started;
    await this.queue.catch(() => undefined);
  }

  /** One poll of every feed that is due, plus the folders' content check, then one library update. */
  pass(): Promise<PassReport> {
    return this.exclusive(async () => {
      await this.takeStock();
      const changed = new Set<string>();
      const added = new Set<string>();
      // Hand edits first, so a file a feed rewrites in this pass is not mistaken for one.
      const local = await this.scan(false);
      for (const p of local.changed) changed.add(p);
      for (const p of local.added) added.add(p);
      const reports: IngestReport[] = [];
      if (local.changed.length) this.linksStale = true;
      for (const feed of this.options.feeds) {
        if (this.stopped) break;
        const state = this.options.store.feed(feed);
        if (state.retryAt > Date.now()) continue;
        if (this.linksStale) {
          await learnFolderLinks(this.dirs[0] as string, this.options.store);
          this.linksStale = false;
        }
        const report = await ingestFeed(feed, {
          learnLinks: false,
          dir: this.dirs[0] as string,
          store: this.options.store,
          backoffBaseMs: this.options.intervalMs,
          ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
        });
        reports.push(report);
        this.logReport(report);
        for (const p of report.added) {
          changed.add(p);
          added.add(p);
        }
        for (const p of report.replaced) changed.add(p);
      }
      await this.remember([...changed]);
      const update = await this.apply([...changed], [...added]);
      return { feeds: reports, changed: [...changed], added: [...added], update };
    });
  }

  private logReport(r: IngestReport): void {
    if (r.status === 'failed') {
      this.log.warn({ feed: r.feed, retryAt: r.retryAt ? new Date(r.retryAt).toISOString() : undefined }, `feed ${r.feed} failed: ${r.error ?? 'unknown cause'}`);
    } else if (r.added.length || r.replaced.length || r.skipped.length) {
      this.log.info({ feed: r.feed, added: r.added.length, replaced: r.replaced.length, duplicates: r.duplicates, skipped: r.skipped.length }, `feed ${r.feed}: ${r.added.length} new, ${r.replaced.length} updated`);
      if (r.skipped.length) this.log.info({ feed: r.feed, skipped: r.skipped.slice(0, 5) }, `feed ${r.feed}: ${r.skipped.length} item(s) left out`);
    } else this.log.debug({ feed: r.feed, status: r.status }, 'nothing new');
  }

  /** Runs `work` after every batch before it: two updates never overlap, and none is lost. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(changed: string[], added: string[]): Promise<UpdateReport | null> {
    if (changed.length === 0 || this.stopped) return null;
    const library = await this.options.library;
    const report = await library.update(changed);
    this.log.info({ files: changed.length, added: report.added, replaced: report.replaced, removed: report.removed, seconds: Number(report.seconds.toFixed(2)) }, 'library updated');
    if (added.length && this.options.onAdded) {
      try {
        await this.options.onAdded(library, added.map((p) => basename(p)));
      } catch (err) {
        this.log.error({ err }, 'could not announce the new articles');
      }
    }
    return report;
  }

  /** What the folders hold when the service begins (the library was opened over it): once. */
  private takeStock(): Promise<unknown> {
    this.stock ??= this.scan(true);
    return this.stock;
  }

  private async signature(path: string): Promise<Signature | null> {
    try {
      const s = await stat(path);
      return s.isFile() ? `${s.size}:${s.mtimeMs}` : null;
    } catch {
      return null;
    }
  }

  /** Records what the library now has for these paths. */
  private async remember(paths: readonly string[]): Promise<void> {
    for (const p of paths) {
      const sig = await this.signature(p);
      if (sig === null) this.known.delete(p);
      else this.known.set(p, sig);
    }
  }

  /** Compares the folders with what the library has: `baseline` only takes stock. */
  private async scan(baseline: boolean): Promise<{ changed: string[]; added: string[] }> {
    const seen = new Set<string>();
    const changed: string[] = [];
    const added: string[] = [];
    for (const dir of this.dirs) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (!isArticleName(name)) continue;
        const path = join(dir, name);
        const sig = await this.signature(path);
        if (sig === null) continue;
        seen.add(path);
        const before = this.known.get(path);
        if (before === sig) continue;
        this.known.set(path, sig);
        if (baseline) continue;
        changed.push(path);
        if (before === undefined) added.push(path);
      }
    }
    for (const path of [...this.known.keys()]) {
      if (seen.has(path)) continue;
      this.known.delete(path);
      if (!baseline) changed.push(path);
    }
    return { changed, added };
  }

  private watchFolders(): void {
    for (const dir of this.dirs) {
      try {
        const w = watch(dir, { persistent: false }, (_event, name) => {
          if (!name || !isArticleName(String(name))) return;
          this.touched.add(join(dir, String(name)));
          if (this.debounce) clearTimeout(this.debounce);
          this.debounce = setTimeout(() => void this.flushTouched(), this.options.debounceMs ?? 1000);
        });
        w.on('error', (err) => {
          // The poll's content check still sees every change, a little later.
          this.log.warn({ err, dir }, 'stopped watching a corpus folder');
          w.close();
        });
        this.watchers.push(w);
      } catch (err) {
        this.log.warn({ err, dir }, 'cannot watch a corpus folder; changes are picked up at each poll');
      }
    }
  }

  private flushTouched(): Promise<unknown> {
    this.debounce = null;
    const paths = [...this.touched];
    this.touched.clear();
    return this.exclusive(async () => {
      const changed: string[] = [];
      const added: string[] = [];
      for (const p of paths) {
        const sig = await this.signature(p);
        const before = this.known.get(p);
        // Our own writes (already given to the library) and spurious events change nothing.
        if (sig === before) continue;
        if (sig === null) this.known.delete(p);
        else this.known.set(p, sig);
        this.linksStale = true;
        changed.push(p);
        if (before === undefined && sig !== null) added.push(p);
      }
      if (changed.length) this.log.info({ files: changed.length }, 'corpus folder changed');
      await this.apply(changed, added);
    }).catch((err: unknown) => this.log.error({ err }, 'could not apply a corpus folder change'));
  }

  /** Resolves once start() has taken stock, begun watching and made its first pass. */
  async ready(): Promise<void> {
    await this.started;
  }

  /** Resolves once the watcher's pending changes (if any) have reached the library. */
  async settled(): Promise<void> {
    await this.queue;
  }
}

// Article files: *.txt, not hidden (the atomic writer's temp files start with a dot).
function isArticleName(name: string): boolean {
  return name.toLowerCase().endsWith('.txt') && !name.startsWith('.');
}
