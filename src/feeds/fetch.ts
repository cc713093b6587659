import { httpUrl } from './url.ts';

/**
 * One conditional GET of a feed: only http(s), at most MAX_REDIRECTS hops and never the same URL
 * twice, one deadline for the whole exchange (headers and body), and the body read as a stream
 * and abandoned as soon as it passes the size cap. Every failure is a value with a one-line cause.
 */

export interface FetchOptions {
  /** The whole exchange, redirects and body included (default 20 s). */
  timeoutMs?: number;
  /** Largest body read, in bytes (default 10 MB). */
  maxBytes?: number;
  maxRedirects?: number;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { kind: 'not-modified' }
  | { kind: 'ok'; text: string; url: string; validators: Validators }
  | { kind: 'error'; cause: string };

export const DEFAULT_FETCH: Required<FetchOptions> = { timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5 };

const USER_AGENT = 'shiji-feed-reader/0.1';
const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

export async function fetchFeed(url: string, validators: Validators, options: FetchOptions = {}): Promise<FetchResult> {
  const { timeoutMs, maxBytes, maxRedirects } = { ...DEFAULT_FETCH, ...options };
  const start = httpUrl(url);
  if (!start) return { kind: 'error', cause: 'not an http(s) URL' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no complete answer within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  try {
    const seen = new Set<string>();
    let current = start;
    for (let hop = 0; ; hop++) {
      if (seen.has(current.href)) return { kind: 'error', cause: `redirect loop back to ${current.href}` };
      if (hop > maxRedirects) return { kind: 'error', cause: `more than ${maxRedirects} redirects` };
      seen.add(current.href);
      const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: ACCEPT };
      // Validators belong to the URL the feed was asked for; a redirect target gets them too, as browsers do.
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      const res = await fetch(current, { headers, redirect: 'manual', signal: controller.signal });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        const next = location ? httpUrl(location, current.href) : null;
        if (!next) return { kind: 'error', cause: `HTTP ${res.status} redirect to ${location ? `a non-http(s) URL ${location.slice(0, 80)}` : 'nowhere (no Location)'}` };
        current = next;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        return { kind: 'not-modified' };
      }
      if (!res.ok) {
        await res.body?.cancel();
        return { kind: 'error', cause: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` };
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel();
        return { kind: 'error', cause: `body of ${mb(declared)} is over the ${mb(maxBytes)} limit` };
      }
      const body = await readCapped(res, maxBytes);
      if (!body.ok) {
        controller.abort();
        return { kind: 'error', cause: body.cause };
      }
      return {
        kind: 'ok',
        text: decode(body.bytes, res.headers.get('content-type')),
        url: current.href,
        validators: { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') },
      };
    }
  } catch (err) {
    return { kind: 'error', cause: describeError(err, controller.signal) };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(res: Response, maxBytes: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; cause: string }> {
  if (!res.body) return { ok: true, bytes: new Uint8Array() };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, cause: `body is over the ${mb(maxBytes)} limit (stopped reading)` };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}

// Chinese feeds still come in GB2312/GBK/GB18030 and Big5: honour the declared charset (HTTP header,
// then the XML declaration); Node's full ICU decodes all of them. UTF-8 otherwise.
function decode(bytes: Uint8Array, contentType: string | null): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const fromXml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  for (const label of [fromHeader, fromXml, 'utf-8']) {
    if (!label) continue;
    try {
      return new TextDecoder(label.toLowerCase() === 'gb2312' ? 'gbk' : label).decode(bytes);
    } catch {
      // An unknown label: try the next source.
    }
  }
  return new TextDecoder().decode(bytes);
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

function describeError(err: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason.message;
  const cause = err instanceof Error && err.cause && typeof err.cause === 'object' ? (err.cause as { code?: unknown; message?: unknown }) : null;
  if (cause && typeof cause.code === 'string') {
    const what: Record<string, string> = {
      ECONNREFUSED: 'connection refused',
      ENOTFOUND: 'host not found',
      EAI_AGAIN: 'host not found (DNS)',
      ECONNRESET: 'connection reset',
      ETIMEDOUT: 'connection timed out',
      UND_ERR_SOCKET: 'connection closed by the server',
    };
    return `unreachable: ${what[cause.code] ?? cause.code}`;
  }
  return err instanceof Error ? (typeof cause?.message === 'string' ? `${err.message}: ${cause.message}` : err.message) : String(err);
}
