import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The live-news state in one SQLite file beside the index snapshot (better-sqlite3: synchronous,
 * so each tiny statement is done before anything else runs, and it builds from source on Node 20
 * where node:sqlite does not exist). Feeds' validators and backoff, what each feed wrote (for
 * dedup by content), the /follow subscriptions and what was already posted. The schema is created
 * and migrated at open through PRAGMA user_version.
 */

/** One step per schema version: MIGRATIONS[n] takes version n to n + 1. Append, never edit. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE feeds (
     url TEXT PRIMARY KEY,
     etag TEXT, last_modified TEXT,
     failures INTEGER NOT NULL DEFAULT 0,
     retry_at INTEGER NOT NULL DEFAULT 0,
     last_error TEXT, last_ok INTEGER
   );
   CREATE TABLE feed_articles (
     dir TEXT NOT NULL, file TEXT NOT NULL, link TEXT NOT NULL,
     text_hash TEXT NOT NULL, paragraphs INTEGER NOT NULL,
     PRIMARY KEY (dir, file)
   );
   CREATE INDEX feed_articles_text ON feed_articles (dir, text_hash);
   CREATE TABLE feed_paragraphs (hash TEXT NOT NULL, dir TEXT NOT NULL, file TEXT NOT NULL);
   CREATE INDEX feed_paragraphs_hash ON feed_paragraphs (dir, hash);
   CREATE INDEX feed_paragraphs_file ON feed_paragraphs (dir, file);
   CREATE TABLE feed_aliases (dir TEXT NOT NULL, link TEXT NOT NULL, file TEXT NOT NULL, PRIMARY KEY (dir, link));`,
  `CREATE TABLE follows (
     id INTEGER PRIMARY KEY,
     guild TEXT, channel TEXT NOT NULL,
     topic TEXT NOT NULL, topic_key TEXT NOT NULL,
     created_by TEXT, created_at INTEGER NOT NULL,
     UNIQUE (channel, topic_key)
   );
   CREATE TABLE posted (
     channel TEXT NOT NULL, topic_key TEXT NOT NULL, article TEXT NOT NULL, posted_at INTEGER NOT NULL,
     PRIMARY KEY (channel, topic_key, article)
   );`,
  // The links of article files already in the folder (exports, hand-made), read once per file version.
  `CREATE TABLE corpus_files (dir TEXT NOT NULL, file TEXT NOT NULL, sig TEXT NOT NULL, PRIMARY KEY (dir, file));`,
  // Folder files are now fingerprinted too (on folded text): read them all again once.
  `DELETE FROM corpus_files;`,
  // Feed files removed from the folder by hand: not written again while the feed carries the item.
  `CREATE TABLE feed_removed (dir TEXT NOT NULL, file TEXT NOT NULL, removed_at INTEGER NOT NULL, PRIMARY KEY (dir, file));`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface FeedState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  failures: number;
  /** Epoch ms before which the poller leaves the feed alone (backoff). */
  retryAt: number;
  lastError: string | null;
}

export interface RecordedArticle {
  dir: string;
  file: string;
  link: string;
  textHash: string;
  paragraphs: number;
}

export interface Follow {
  id: number;
  guild: string | null;
  channel: string;
  topic: string;
  topicKey: string;
  createdAt: number;
}

/** Where the database lives: beside the index snapshot. */
export function newsDatabasePath(indexPath: string): string {
  return join(dirname(indexPath), 'shiji.db');
}

export class NewsStore {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (creating the folder and file) and migrates; ':memory:' for a throwaway store. */
  static open(path: string): NewsStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    // WAL: the CLI's ingest and the bot may share the file; readers never wait for a writer.
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const store = new NewsStore(db);
    store.migrate();
    return store;
  }

  private migrate(): void {
    const version = Number(this.db.pragma('user_version', { simple: true }));
    if (version > MIGRATIONS.length) {
      throw new Error(`feeds/store: the database is at schema version ${version}, newer than this program's ${MIGRATIONS.length}`);
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v] as string);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  get version(): number {
    return Number(this.db.pragma('user_version', { simple: true }));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- feeds ------------------------------------------------------------------------------

  feed(url: string): FeedState {
    const row = this.db.prepare('SELECT * FROM feeds WHERE url = ?').get(url) as Record<string, unknown> | undefined;
    return {
      url,
      etag: (row?.etag as string | null) ?? null,
      lastModified: (row?.last_modified as string | null) ?? null,
      failures: Number(row?.failures ?? 0),
      retryAt: Number(row?.retry_at ?? 0),
      lastError: (row?.last_error as string | null) ?? null,
    };
  }

  feedOk(url: string, validators: { etag: string | null; lastModified: string | null } | null, now: number): void {
    this.db
      .prepare(
        `INSERT INTO feeds (url, etag, last_modified, failures, retry_at, last_error, last_ok) VALUES (@url, @etag, @lm, 0, 0, NULL, @now)
         ON CONFLICT (url) DO UPDATE SET failures = 0, retry_at = 0, last_error = NULL, last_ok = @now,
           etag = CASE WHEN @keep THEN etag ELSE @etag END, last_modified = CASE WHEN @keep THEN last_modified ELSE @lm END`,
      )
      .run({ url, etag: validators?.etag ?? null, lm: validators?.lastModified ?? null, now, keep: validators ? 0 : 1 });
  }

  feedFailed(url: string, error: string, retryAt: number): number {
    const row = this.db
      .prepare(
        `INSERT INTO feeds (url, failures, retry_at, last_error) VALUES (?, 1, ?, ?)
         ON CONFLICT (url) DO UPDATE SET failures = failures + 1, retry_at = excluded.retry_at, last_error = excluded.last_error
         RETURNING failures`,
      )
      .get(url, retryAt, error) as { failures: number };
    return row.failures;
  }

  // ---- what feeds wrote --------------------------------------------------------------------

  article(dir: string, file: string): RecordedArticle | null {
    const row = this.db.prepare('SELECT dir, file, link, text_hash AS textHash, paragraphs FROM feed_articles WHERE dir = ? AND file = ?').get(dir, file);
    return (row as RecordedArticle | undefined) ?? null;
  }

  alias(dir: string, link: string): string | null {
    const row = this.db.prepare('SELECT file FROM feed_aliases WHERE dir = ? AND link = ?').get(dir, link) as { file: string } | undefined;
    return row?.file ?? null;
  }

  addAlias(dir: string, link: string, file: string): void {
    this.db.prepare('INSERT OR REPLACE INTO feed_aliases (dir, link, file) VALUES (?, ?, ?)').run(dir, link, file);
  }

  /** Files of `dir` whose whole text hashes to `textHash`. */
  sameText(dir: string, textHash: string): string[] {
    return (this.db.prepare('SELECT file FROM feed_articles WHERE dir = ? AND text_hash = ?').all(dir, textHash) as { file: string }[]).map((r) => r.file);
  }

  /** For each file of `dir` sharing any of `hashes`: how many it shares and how many paragraphs it has. */
  sharedParagraphs(dir: string, hashes: readonly string[]): Array<{ file: string; shared: number; paragraphs: number }> {
    if (hashes.length === 0) return [];
    const unique = [...new Set(hashes)];
    const placeholders = unique.map(() => '?').join(',');
    return this.db
      .prepare(
        `SELECT p.file AS file, COUNT(DISTINCT p.hash) AS shared, a.paragraphs AS paragraphs
         FROM feed_paragraphs p JOIN feed_articles a ON a.dir = p.dir AND a.file = p.file
         WHERE p.dir = ? AND p.hash IN (${placeholders}) GROUP BY p.file`,
      )
      .all(dir, ...unique) as Array<{ file: string; shared: number; paragraphs: number }>;
  }

  recordArticle(a: RecordedArticle, paragraphHashes: readonly string[]): void {
    this.db.transaction(() => {
      this.forget(a.dir, a.file);
      this.db.prepare('INSERT INTO feed_articles (dir, file, link, text_hash, paragraphs) VALUES (?, ?, ?, ?, ?)').run(a.dir, a.file, a.link, a.textHash, a.paragraphs);
      const insert = this.db.prepare('INSERT INTO feed_paragraphs (hash, dir, file) VALUES (?, ?, ?)');
      for (const h of new Set(paragraphHashes)) insert.run(h, a.dir, a.file);
    })();
  }

  /** Whether the feed file `file` was removed from `dir` by hand (a tombstone). */
  removed(dir: string, file: string): boolean {
    return this.db.prepare('SELECT 1 FROM feed_removed WHERE dir = ? AND file = ?').get(dir, file) !== undefined;
  }

  /** Leaves a tombstone for a feed file removed by hand and drops its record. */
  markRemoved(dir: string, file: string, now: number): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO feed_removed (dir, file, removed_at) VALUES (?, ?, ?)').run(dir, file, now);
      this.forget(dir, file);
    })();
  }

  /** Drops what was recorded about a file (it was removed from the folder). */
  forget(dir: string, file: string): void {
    this.db.prepare('DELETE FROM feed_articles WHERE dir = ? AND file = ?').run(dir, file);
    this.db.prepare('DELETE FROM feed_paragraphs WHERE dir = ? AND file = ?').run(dir, file);
    this.db.prepare('DELETE FROM feed_aliases WHERE dir = ? AND file = ?').run(dir, file);
  }

  /** size:mtime of each article file whose link was read, by file name. */
  corpusFiles(dir: string): Map<string, string> {
    const rows = this.db.prepare('SELECT file, sig FROM corpus_files WHERE dir = ?').all(dir) as Array<{ file: string; sig: string }>;
    return new Map(rows.map((r) => [r.file, r.sig]));
  }

  /** Records a folder file's version and its canonical link (null: no readable link) as an alias of the file. */
  recordCorpusFile(dir: string, file: string, sig: string, link: string | null): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO corpus_files (dir, file, sig) VALUES (?, ?, ?)').run(dir, file, sig);
      this.db.prepare('DELETE FROM feed_aliases WHERE dir = ? AND file = ?').run(dir, file);
      if (link) this.db.prepare('INSERT OR REPLACE INTO feed_aliases (dir, link, file) VALUES (?, ?, ?)').run(dir, link, file);
    })();
  }

  forgetCorpusFile(dir: string, file: string): void {
    this.db.prepare('DELETE FROM corpus_files WHERE dir = ? AND file = ?').run(dir, file);
    this.db.prepare('DELETE FROM feed_aliases WHERE dir = ? AND file = ?').run(dir, file);
  }

  // ---- /follow ------------------------------------------------------------------------------

  follow(f: { guild: string | null; channel: string; topic: string; topicKey: string; createdBy: string | null }, now: number): { created: boolean; follow: Follow } {
    const info = this.db
      .prepare('INSERT OR IGNORE INTO follows (guild, channel, topic, topic_key, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(f.guild, f.channel, f.topic, f.topicKey, f.createdBy, now);
    const row = this.db.prepare(`${FOLLOW_SELECT} WHERE channel = ? AND topic_key = ?`).get(f.channel, f.topicKey) as Follow;
    return { created: info.changes > 0, follow: row };
  }

  /** Removes a subscription; `channel` null removes the topic from every channel of the guild. */
  unfollow(guild: string | null, topicKey: string, channel: string | null): number {
    const info =
      channel === null
        ? this.db.prepare('DELETE FROM follows WHERE guild IS ? AND topic_key = ?').run(guild, topicKey)
        : this.db.prepare('DELETE FROM follows WHERE guild IS ? AND topic_key = ? AND channel = ?').run(guild, topicKey, channel);
    return info.changes;
  }

  follows(guild?: string | null): Follow[] {
    return (
      guild === undefined
        ? this.db.prepare(`${FOLLOW_SELECT} ORDER BY id`).all()
        : this.db.prepare(`${FOLLOW_SELECT} WHERE guild IS ? ORDER BY id`).all(guild)
    ) as Follow[];
  }

  /**
   * Claims the right to post `article` for a topic in a channel: true once, false ever after
   * (across restarts). Claimed before sending, so a crash can lose a post but never double it.
   */
  claimPost(channel: string, topicKey: string, article: string, now: number): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO posted (channel, topic_key, article, posted_at) VALUES (?, ?, ?, ?)').run(channel, topicKey, article, now).changes > 0;
  }

  posted(channel?: string): Array<{ channel: string; topicKey: string; article: string }> {
    const sql = 'SELECT channel, topic_key AS topicKey, article FROM posted';
    return (channel === undefined ? this.db.prepare(sql).all() : this.db.prepare(`${sql} WHERE channel = ?`).all(channel)) as Array<{ channel: string; topicKey: string; article: string }>;
  }
}

const FOLLOW_SELECT = 'SELECT id, guild, channel, topic, topic_key AS topicKey, created_at AS createdAt FROM follows';
