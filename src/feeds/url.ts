/**
 * Feed and article links: only http(s) is ever fetched or written, and an article's identity is
 * its canonical link (tracking parameters and the fragment removed), so the same story shared
 * through a newsletter and through a social network is one article.
 */

// Parameters that say who sent the reader, never which article: utm_*, click ids, mail-list ids.
const TRACKING_PARAM = /^(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|mkt_tok|oly_[a-z_]+|vero_[a-z_]+|spm|share_from|ref_src|ref_url|at_medium|at_campaign|at_custom\d*|xtor)$/i;

/** An http(s) URL, or null: feeds never fetch file:, data:, ftp: or anything else. */
export function httpUrl(raw: string, base?: string): URL | null {
  const text = raw.trim();
  if (!text) return null;
  let u: URL;
  try {
    u = base === undefined ? new URL(text) : new URL(text, base);
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
}

/** The canonical form of an article link: no fragment, no tracking parameters, the rest sorted. */
export function canonicalLink(raw: string, base?: string): string | null {
  const u = httpUrl(raw, base);
  if (!u) return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  const kept = [...u.searchParams].filter(([name]) => !TRACKING_PARAM.test(name));
  // Parameter order is not meaning: ?a=1&b=2 and ?b=2&a=1 are one page.
  kept.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  u.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  return u.href;
}
