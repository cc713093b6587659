import { loadConfig, readEnv } from '../../config.ts';
import type { IngestReport } from '../../feeds/ingest.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { corpusDirs, snapshotPath } from '../run.ts';

/** One line per feed: what the pass did, or why the feed failed. */
export function reportLine(r: IngestReport): string {
  if (r.status === 'failed') return `feed ${r.feed}: failed: ${r.error ?? 'unknown cause'}`;
  if (r.status === 'not-modified') return `feed ${r.feed}: not modified (304), nothing new`;
  const parts = [`${r.added.length} new`, `${r.replaced.length} updated`, `${r.unchanged} unchanged`];
  if (r.duplicates) parts.push(`${r.duplicates} duplicate${r.duplicates > 1 ? 's' : ''}`);
  if (r.removed) parts.push(`${r.removed} removed by hand`);
  if (r.skipped.length) parts.push(`${r.skipped.length} skipped (${r.skipped[0]}${r.skipped.length > 1 ? ', …' : ''})`);
  return `feed ${r.feed}: ${parts.join(', ')}`;
}

export default {
  name: 'ingest',
  usage: 'ingest [--feed URL]... [--corpus DIR]',
  summary: 'one pass over RSS/Atom feeds (--feed, else FEEDS): new articles into the first corpus folder',
  writesCorpus: true,
  async run(_ctx, _args, flags) {
    let feeds = flags.feed ?? [];
    if (feeds.length === 0) {
      const loaded = loadConfig(readEnv());
      if (!loaded.ok) throw new UsageError(loaded.error);
      feeds = loaded.config.feeds;
    }
    if (feeds.length === 0) throw new UsageError('ingest: which feed? Give --feed URL (or set FEEDS in .env)');
    // Loaded here, not at start-up: every other command starts without SQLite and the feed parser.
    const [{ ingestFeed }, { NewsStore, newsDatabasePath }] = await Promise.all([import('../../feeds/ingest.ts'), import('../../feeds/store.ts')]);
    const dirs = corpusDirs(flags);
    const dir = dirs[0] as string;
    const store = NewsStore.open(newsDatabasePath(snapshotPath(dirs)));
    const reports: IngestReport[] = [];
    try {
      // One feed after another: a pass is small, and one slow feed must not hold the others' files back long.
      for (const feed of feeds) reports.push(await ingestFeed(feed, { dir, store }));
    } finally {
      store.close();
    }
    const text = reports.map(reportLine).join('\n');
    const failed = reports.filter((r) => r.status === 'failed');
    // A failed feed is the command's failure (exit 1) with its one line; the others' files stay written.
    if (failed.length) throw new Error(`${failed.length} of ${reports.length} feed${reports.length > 1 ? 's' : ''} failed\n${text}`);
    return { json: { command: 'ingest', dir, feeds: reports }, text };
  },
} satisfies CliCommand;
