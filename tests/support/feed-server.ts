import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { SEEDS_DIR } from './corpus.ts';

/**
 * A feed server on 127.0.0.1 for the live-news tests: RSS 2.0 and Atom documents built from the
 * seed articles, served with ETag and Last-Modified (and 304 to a matching conditional GET), plus
 * the bad cases a feed reader meets: HTTP errors, a 50 MB body, invalid XML, an HTML page, items
 * without links or dates, a redirect loop. Every request is counted per path.
 */

export interface SeedItem {
  title: string;
  link: string;
  publishedMs: number;
  html: string;
}

/** The seed articles as feed items (title, link, date and HTML body of each export file). */
export function seedItems(): SeedItem[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const lines = readFileSync(join(SEEDS_DIR, f), 'utf8').split('\n');
      const m = /^\[(.+)\]\((\S+)\)$/.exec(lines[1]?.trim() ?? '');
      if (!m) throw new Error(`feed-server: ${f} line 2 is not [title](url)`);
      return { title: m[1] as string, link: m[2] as string, publishedMs: Number(/\d+/.exec(lines[0] ?? '')?.[0]), html: lines.slice(3).join('\n').trim() };
    });
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cdata = (s: string): string => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** An RSS 2.0 document; `full` puts the HTML in content:encoded (with a short description), else in description. */
export function rss(items: ReadonlyArray<Partial<SeedItem>>, options: { full?: boolean } = {}): string {
  const body = items
    .map((it) => {
      const parts = ['<item>'];
      if (it.title !== undefined) parts.push(`<title>${xmlEscape(it.title)}</title>`);
      if (it.link !== undefined) parts.push(`<link>${xmlEscape(it.link)}</link>`);
      if (it.publishedMs !== undefined) parts.push(`<pubDate>${new Date(it.publishedMs).toUTCString()}</pubDate>`);
      if (options.full) {
        parts.push(`<description>${xmlEscape((it.html ?? '').replace(/<[^>]+>/g, '').slice(0, 60))}</description>`);
        parts.push(`<content:encoded>${cdata(it.html ?? '')}</content:encoded>`);
      } else parts.push(`<description>${cdata(it.html ?? '')}</description>`);
      parts.push('</item>');
      return parts.join('');
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Seeds</title><link>http://127.0.0.1/</link><description>seed articles</description>\n${body}\n</channel></rss>\n`;
}

/** An Atom 1.0 document with the HTML in <content type="html">. */
export function atom(items: ReadonlyArray<Partial<SeedItem>>): string {
  const entries = items
    .map((it, i) => {
      const date = it.publishedMs === undefined ? '' : `<published>${new Date(it.publishedMs).toISOString()}</published><updated>${new Date(it.publishedMs).toISOString()}</updated>`;
      const link = it.link === undefined ? '' : `<link rel="alternate" type="text/html" href="${xmlEscape(it.link)}"/>`;
      return `<entry><id>urn:seed:${i}</id><title>${xmlEscape(it.title ?? '')}</title>${link}${date}<content type="html">${xmlEscape(it.html ?? '')}</content></entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:seeds</id><title>Seeds</title><updated>2025-02-10T00:00:00Z</updated>\n${entries}\n</feed>\n`;
}

type Route = { kind: 'feed'; body: string; type: string; lastModified: string } | { kind: 'handler'; handle: (req: IncomingMessage, res: ServerResponse) => void };

export class FeedServer {
  readonly hits = new Map<string, number>();
  /** Requests answered 304. */
  readonly notModified = new Map<string, number>();
  private readonly routes = new Map<string, Route>();
  private port = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FeedServer> {
    const server = createServer();
    const fs = new FeedServer(server);
    server.on('request', (req, res) => fs.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fs.port = (server.address() as AddressInfo).port;
    fs.addBadCases();
    return fs;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Serves `body` at `path` (replacing what was there: a new ETag and Last-Modified). */
  serve(path: string, body: string, type = 'application/rss+xml; charset=utf-8'): void {
    this.routes.set(path, { kind: 'feed', body, type, lastModified: new Date(Math.floor(Date.now() / 1000) * 1000).toUTCString() });
  }

  handle(path: string, handle: (req: IncomingMessage, res: ServerResponse) => void): void {
    this.routes.set(path, { kind: 'handler', handle });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private addBadCases(): void {
    this.handle('/404', (_req, res) => res.writeHead(404).end('not here'));
    this.handle('/500', (_req, res) => res.writeHead(500).end('boom'));
    // 50 MB of a feed that never ends, streamed without a Content-Length.
    this.handle('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
      let sent = 0;
      const pump = (): void => {
        while (sent < 50) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('</title></channel></rss>');
      };
      res.on('error', () => undefined);
      pump();
    });
    this.serve('/invalid', '<?xml version="1.0"?><rss version="2.0"><channel><title>broken</title><item><title>x</item></channel>');
    this.serve('/html', '<!DOCTYPE html><html><head><title>News</title></head><body><p>Not a feed</p></body></html>', 'text/html; charset=utf-8');
    this.serve('/nolinks', rss([{ title: '无链接', publishedMs: Date.UTC(2025, 0, 1), html: '<p>这一条没有链接。</p>' }, { title: '无日期', link: 'https://example.org/no-date', html: '<p>这一条没有日期。</p>' }]));
    this.handle('/loop-a', (_req, res) => res.writeHead(302, { location: '/loop-b' }).end());
    this.handle('/loop-b', (_req, res) => res.writeHead(301, { location: this.url('/loop-a') }).end());
    this.handle('/to-file', (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
    const route = this.routes.get(path);
    if (!route) return void res.writeHead(404).end();
    if (route.kind === 'handler') return route.handle(req, res);
    const etag = `"${createHash('sha1').update(route.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      this.notModified.set(path, (this.notModified.get(path) ?? 0) + 1);
      return void res.writeHead(304, { etag }).end();
    }
    res.writeHead(200, { 'content-type': route.type, etag, 'last-modified': route.lastModified }).end(route.body);
  }
}

/**
 * One feed server and one scratch folder for a test file: started before its tests, closed and
 * removed after them. `server` is read inside a test (it exists once beforeAll has run).
 */
export function useFeedServer(prefix: string): { readonly root: string; readonly server: FeedServer } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let server: FeedServer | undefined;
  beforeAll(async () => {
    server = await FeedServer.start();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    root,
    get server(): FeedServer {
      if (!server) throw new Error('feed-server: the server is read before beforeAll started it');
      return server;
    },
  };
}
