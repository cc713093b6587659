import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/feeds/ingest.ts';
import { NewsStore, SCHEMA_VERSION } from '../../src/feeds/store.ts';
import { canonicalLink, httpUrl } from '../../src/feeds/url.ts';

const root = mkdtempSync(join(tmpdir(), 'shiji-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('canonical links', () => {
  it('drop tracking parameters (utm_*, click ids), the fragment and parameter order; keep the parameters that name the page', () => {
    expect(canonicalLink('https://www.voachinese.com/a/story/7969986.html?utm_source=rss&utm_medium=feed#comments')).toBe('https://www.voachinese.com/a/story/7969986.html');
    expect(canonicalLink('https://news.example.org/read?id=42&fbclid=IwAR0&gclid=x&page=2')).toBe('https://news.example.org/read?id=42&page=2');
    expect(canonicalLink('https://news.example.org/read?page=2&id=42')).toBe(canonicalLink('https://news.example.org/read?id=42&page=2'));
    expect(canonicalLink('/a/b.html', 'https://news.example.org/feed.xml')).toBe('https://news.example.org/a/b.html');
  });

  it('are only ever http(s)', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://x.org/a', 'data:text/html,hi', '', 'not a url']) {
      expect(canonicalLink(bad)).toBeNull();
      expect(httpUrl(bad)).toBeNull();
    }
  });

  it('property: canonical form is stable, and tracking parameters never change it', () => {
    const param = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/).filter((n) => !/^(utm_|spm$|xtor$)/.test(n));
    const tracking = fc.constantFrom('utm_source', 'utm_medium', 'utm_campaign', 'fbclid', 'gclid', 'mc_cid', 'igshid');
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: true }), fc.array(fc.tuple(param, fc.string()), { maxLength: 4 }), fc.array(fc.tuple(tracking, fc.string()), { maxLength: 3 }), (url, kept, noise) => {
        const base = new URL(url);
        const a = new URL(base);
        for (const [k, v] of kept) a.searchParams.append(k, v);
        const b = new URL(a);
        for (const [k, v] of noise) b.searchParams.append(k, v);
        const ca = canonicalLink(a.href);
        expect(ca).not.toBeNull();
        expect(canonicalLink(b.href)).toBe(ca);
        expect(canonicalLink(ca as string)).toBe(ca);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the news database', () => {
  it('is created at the current schema version and migrates an older file step by step, keeping its rows', () => {
    const path = join(root, 'old.db');
    // A database as the first version left it: feeds only.
    const old = new Database(path);
    old.exec(`CREATE TABLE feeds (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, failures INTEGER NOT NULL DEFAULT 0, retry_at INTEGER NOT NULL DEFAULT 0, last_error TEXT, last_ok INTEGER);
      CREATE TABLE feed_articles (dir TEXT NOT NULL, file TEXT NOT NULL, link TEXT NOT NULL, text_hash TEXT NOT NULL, paragraphs INTEGER NOT NULL, PRIMARY KEY (dir, file));
      CREATE TABLE feed_paragraphs (hash TEXT NOT NULL, dir TEXT NOT NULL, file TEXT NOT NULL);
      CREATE TABLE feed_aliases (dir TEXT NOT NULL, link TEXT NOT NULL, file TEXT NOT NULL, PRIMARY KEY (dir, link));
      INSERT INTO feeds (url, etag) VALUES ('https://a.example/rss', '"v1"');
      PRAGMA user_version = 1;`);
    old.close();
    const store = NewsStore.open(path);
    expect(store.version).toBe(SCHEMA_VERSION);
    expect(store.feed('https://a.example/rss').etag).toBe('"v1"');
    expect(store.follow({ guild: '1', channel: '2', topic: 'TPP', topicKey: 'tpp', createdBy: null }, 0).created).toBe(true);
    store.close();
    const again = NewsStore.open(path);
    expect(again.follows().map((f) => f.topic)).toEqual(['TPP']);
    expect(again.follow({ guild: '1', channel: '2', topic: 'tpp', topicKey: 'tpp', createdBy: null }, 0).created).toBe(false);
    again.close();
  });

  it('refuses a database from a newer program, naming the versions', () => {
    const path = join(root, 'new.db');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => NewsStore.open(path)).toThrow(new RegExp(`feeds/store: .*version ${SCHEMA_VERSION + 1}, newer than this program's ${SCHEMA_VERSION}`));
  });

  it('claims a post once per channel, topic and article', () => {
    const store = NewsStore.open(':memory:');
    expect(store.claimPost('c1', 'tpp', 'feed_a.txt', 1)).toBe(true);
    expect(store.claimPost('c1', 'tpp', 'feed_a.txt', 2)).toBe(false);
    expect(store.claimPost('c2', 'tpp', 'feed_a.txt', 3)).toBe(true);
    expect(store.claimPost('c1', '日美同盟', 'feed_a.txt', 4)).toBe(true);
  });
});

describe('backoff', () => {
  it('doubles from the base after each failure in a row, up to six hours', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 60_000))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffMs(40, 60_000)).toBe(6 * 3600_000);
  });
});
