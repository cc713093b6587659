import { parseFeed } from 'feedsmith';
import { XMLValidator } from 'fast-xml-parser';
import { canonicalLink } from './url.ts';

/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom through feedsmith, a maintained, typed parser: the feed's items
 * as plain values, or one line saying why the text is not a feed. Items without a usable link or
 * date are left out and counted with their reason; the others still come through.
 */

export interface FeedItem {
  /** The canonical link (the article's identity). */
  link: string;
  title: string;
  /** Publication time, epoch ms. */
  publishedMs: number;
  /** The item's HTML: full content (content:encoded, atom:content) when the feed carries it, else its summary. */
  html: string;
}

export type ParsedFeed =
  | { ok: true; format: 'rss' | 'atom' | 'rdf'; title: string; items: FeedItem[]; skipped: string[] }
  | { ok: false; error: string };

const HTML_PAGE = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i;

type Text = string | { value?: string | undefined; type?: string | undefined } | undefined;

function textOf(t: Text): string {
  if (t === undefined) return '';
  return typeof t === 'string' ? t : (t.value ?? '');
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Atom text constructs: html and xhtml are markup, text is escaped into a paragraph. */
function atomHtml(t: Text): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  const value = t.value ?? '';
  if (t.type === 'text') return `<p>${escapeHtml(value)}</p>`;
  // No type is text by the spec, but many feeds leave it out around HTML: markup is taken as markup.
  return t.type === undefined && !value.includes('<') ? `<p>${escapeHtml(value)}</p>` : value;
}

function dateMs(...candidates: Array<string | undefined>): number | null {
  for (const c of candidates) {
    if (!c) continue;
    const ms = Date.parse(c.trim());
    if (Number.isFinite(ms)) return ms;
  }
  return null;
}

/** Parses a feed document; `base` (the feed's URL) resolves relative item links. */
export function parseFeedText(xml: string, base: string): ParsedFeed {
  if (!xml.trim()) return { ok: false, error: 'the body is empty' };
  if (HTML_PAGE.test(xml)) return { ok: false, error: 'an HTML page, not a feed' };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, error: `invalid XML at line ${valid.err.line}: ${valid.err.msg}` };
  let parsed: ReturnType<typeof parseFeed<string>>;
  try {
    parsed = parseFeed(xml);
  } catch (err) {
    return { ok: false, error: `not an RSS or Atom feed (${err instanceof Error ? err.message : String(err)})` };
  }
  const items: FeedItem[] = [];
  const skipped: string[] = [];
  const take = (title: string, link: string | undefined, date: number | null, html: string): void => {
    const canonical = link ? canonicalLink(link, base) : null;
    if (!canonical) return void skipped.push(link ? `an item with a link that is not http(s): ${link.slice(0, 80)}` : `an item without a link (${title.slice(0, 40) || 'untitled'})`);
    if (date === null) return void skipped.push(`an item without a date: ${canonical}`);
    items.push({ link: canonical, title: title.trim(), publishedMs: date, html });
  };
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed;
      for (const item of feed.items ?? []) {
        const guid = item.guid && (item.guid.isPermaLink ?? true) ? item.guid.value : undefined;
        take(
          item.title ?? '',
          item.link ?? (guid && /^https?:/i.test(guid) ? guid : undefined),
          dateMs(item.pubDate, item.dc?.dates?.[0], item.atom?.updated),
          item.content?.encoded ?? item.description ?? '',
        );
      }
      return { ok: true, format: 'rss', title: feed.title ?? '', items, skipped };
    }
    case 'atom': {
      const feed = parsed.feed;
      for (const entry of feed.entries ?? []) {
        const links = entry.links ?? [];
        const alternate = links.find((l) => (l.rel ?? 'alternate') === 'alternate') ?? links[0];
        take(
          textOf(entry.title),
          alternate?.href,
          dateMs(entry.published, entry.updated),
          atomHtml(entry.content) || atomHtml(entry.summary),
        );
      }
      return { ok: true, format: 'atom', title: textOf(feed.title), items, skipped };
    }
    case 'rdf': {
      const feed = parsed.feed;
      for (const item of feed.items ?? []) {
        take(item.title ?? '', item.link, dateMs(item.dc?.dates?.[0]), item.content?.encoded ?? item.description ?? '');
      }
      return { ok: true, format: 'rdf', title: feed.title ?? '', items, skipped };
    }
    default:
      return { ok: false, error: `a ${parsed.format} feed, not RSS or Atom` };
  }
}
