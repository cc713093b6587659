import * as cheerio from 'cheerio';
import { isTag, isText, type AnyNode } from 'domhandler';
import { ArticleSchema, type Article, type Block } from './article.ts';

/** A parse either gives an article or says, in one line, what is wrong with the file. */
export type ParseResult = { ok: true; article: Article } | { ok: false; error: string };

// Publication times outside this window are corrupt headers, not news.
const MIN_EPOCH_MS = Date.UTC(1990, 0, 1);
const MAX_EPOCH_MS = Date.UTC(2100, 0, 1);

const HEADER_RE = /^<!--\s*(-?\d+)\s*-->$/;
const LINK_RE = /^\[(.+)\]\((\S+)\)$/;
const RULE_RE = /^-{3,}$/;

/** Parses one export file (its name and decoded text) into an Article. Pure: no I/O. */
export function parseArticle(file: string, raw: string): ParseResult {
  const fail = (error: string): ParseResult => ({ ok: false, error });
  const text = raw.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').trim();
  const link = (lines[1] ?? '').trim();
  const rule = (lines[2] ?? '').trim();

  const epoch = HEADER_RE.exec(header);
  if (!epoch) return fail(`line 1: expected <!--EPOCH_MS-->, got ${preview(header)}`);
  const ms = Number(epoch[1]);
  if (!Number.isSafeInteger(ms) || ms < MIN_EPOCH_MS || ms > MAX_EPOCH_MS) {
    return fail(`line 1: timestamp ${epoch[1]} is not a publication time between 1990 and 2100`);
  }

  const linkMatch = LINK_RE.exec(link);
  if (!linkMatch) return fail(`line 2: expected [title](url), got ${preview(link)}`);
  const title = cleanText(decodeEntities(linkMatch[1] ?? ''));
  const url = parseUrl(linkMatch[2] ?? '');
  if (!title) return fail('line 2: the title is empty');
  if (!url) return fail(`line 2: ${preview(linkMatch[2] ?? '')} is not an http(s) URL`);

  if (!RULE_RE.test(rule)) return fail(`line 3: expected ------, got ${preview(rule)}`);

  const body = extractBody(lines.slice(3).join('\n'));
  if (!body.lead && body.blocks.every((b) => b.kind === 'heading')) {
    return fail('body: no paragraph text after the header');
  }

  const candidate = {
    id: file.replace(/\.[^.]+$/, ''),
    file,
    title,
    url: url.href,
    source: url.hostname.replace(/^www\d*\./, '').replace(/\.$/, ''),
    publishedAt: new Date(ms).toISOString(),
    ...(body.author ? { author: body.author } : {}),
    ...(body.lead ? { lead: body.lead } : {}),
    blocks: body.blocks,
  };
  const parsed = ArticleSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`article: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`);
  }
  return { ok: true, article: parsed.data };
}

function preview(s: string): string {
  if (s === '') return 'an empty line';
  const cut = [...s].slice(0, 40).join('');
  return JSON.stringify(cut.length < s.length ? `${cut}…` : cut);
}

function parseUrl(s: string): URL | undefined {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

function decodeEntities(s: string): string {
  return s.includes('&') ? cheerio.load(`<p>${s}</p>`)('p').text() : s;
}

/**
 * Folds every kind of white space (full-width U+3000, no-break U+00A0, zero-width, newlines)
 * into one ASCII space and trims; CJK punctuation is left exactly as written.
 */
export function cleanText(s: string): string {
  return s
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\s\u00A0\u3000]+/g, ' ')
    .trim();
}

// Elements that never carry article text.
const DROP_SELECTOR = [
  'script', 'style', 'noscript', 'iframe', 'img', 'picture', 'video', 'audio', 'svg', 'figure',
  'figcaption', 'small', 'hr', 'button', 'form', 'input', 'select', 'nav', 'aside',
  '[data-selfpromo-newsletter]', '[data-selfpromo-app]', '[class*="self-promo"]', '[class*="promo"]',
].join(',');

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'td', 'th', 'dd', 'dt']);

// RSS date lines: "11/11/2020 - 14:27" (RFI) and "Mon, 10 Feb 2025 22:51:04 GMT" (VOA).
const DATE_LINE_RE = /^(?:\d{1,2}\/\d{1,2}\/\d{4}\s*-\s*\d{1,2}:\d{2}|[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|[+-]\d{4}))$/;
// Feed-export artefacts: a PHP array printed as text, and similar placeholders.
const ARTEFACT_RE = /^(?:Array|undefined|null|NaN|\[object Object\])$/;
const AUTHOR_RE = /^(?:作者|作者\s*\/|撰稿|撰文|文)\s*[：:／/]\s*(\S.{0,30})$/;
const FOOTER_RE = /^(?:获取更多RSS|獲取更多RSS)/;
// A trailing photo credit such as （新华/路透） or (圖/ 路透社), or a ▲ caption marker.
const CAPTION_RE = /(?:^[▲△▼]|[（(][^（()）]{0,24}[／/][^（()）]{0,24}[)）]$)/;
const LINK_ONLY_RE = /^(?:https?:\/\/\S+\s*)+$/;
// A wire service's closing credit: (譯者:李晉緯/核稿:蔡佳敏)1110710, （编辑：…）.
const CREDIT_TAIL_RE = /\s*[（(](?:[^（()）]*(?:譯者|译者|核稿|編輯|编辑|責任編輯|责任编辑|校對|校对)\s*[:：][^（()）]*)[)）]\s*\d*$/;

interface Body {
  author?: string;
  lead?: string;
  blocks: Block[];
}

interface RawBlock {
  text: string;
  /** The block's text is all inside <strong>/<b>: a lead or a sub-heading. */
  bold: boolean;
  heading: boolean;
  /** Loose text that sat outside any <p>. */
  loose: boolean;
}

function extractBody(html: string): Body {
  const $ = cheerio.load(html, {}, false);
  $(DROP_SELECTOR).remove();

  const raw: RawBlock[] = [];
  let loose = '';
  const flush = (): void => {
    const text = cleanText(loose);
    loose = '';
    if (text) raw.push({ text, bold: false, heading: false, loose: true });
  };
  const walk = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      if (isText(node)) {
        loose += node.data;
        continue;
      }
      if (!isTag(node)) continue;
      const el = node;
      const tag = el.tagName.toLowerCase();
      if (tag === 'br') {
        flush();
      } else if (BLOCK_TAGS.has(tag) && !$(el).find('p,div,li').length) {
        flush();
        const text = cleanText($(el).text());
        if (!text) continue;
        const boldText = cleanText($(el).find('strong,b').text());
        raw.push({ text, bold: boldText === text, heading: /^h\d$/.test(tag), loose: false });
      } else if (tag === 'div' || BLOCK_TAGS.has(tag) || ['section', 'article', 'main', 'header', 'footer', 'ul', 'ol', 'table', 'tbody', 'tr', 'center'].includes(tag)) {
        flush();
        walk(el.children);
        flush();
      } else {
        loose += $(el).text();
      }
    }
  };
  walk($.root().contents().toArray());
  flush();
  return shapeBlocks(raw);
}

/** Turns raw text blocks into lead, headings and paragraphs, dropping the feed's furniture. */
function shapeBlocks(raw: RawBlock[]): Body {
  const body: Body = { blocks: [] };
  let prefix = '';
  for (const block of raw) {
    const text = block.text.replace(CREDIT_TAIL_RE, '');
    if (FOOTER_RE.test(text)) break; // everything after the RSS footer is links
    if (DATE_LINE_RE.test(text) || ARTEFACT_RE.test(text) || LINK_ONLY_RE.test(text)) continue;
    if (!/[\p{L}\p{N}]/u.test(text)) continue; // lone punctuation or symbols
    const author = AUTHOR_RE.exec(text);
    if (author?.[1] && block.loose) {
      body.author = author[1].trim();
      continue;
    }
    if (CAPTION_RE.test(text) && [...text].length < 160) continue;
    // A short loose line before the first paragraph is a dateline (台北 —, 【華盛頓時事】): it opens that paragraph.
    if (block.loose && [...text].length <= 40 && !/[。！？!?]$/.test(text)) {
      prefix = prefix ? `${prefix} ${text}` : text;
      continue;
    }
    const isFirst = !body.lead && body.blocks.length === 0;
    const short = [...text].length <= 40 && !/[。！？!?]$/.test(text);
    if (block.heading || (block.bold && short && !isFirst)) {
      body.blocks.push({ kind: 'heading', text });
      continue;
    }
    const full = prefix ? `${prefix} ${text}` : text;
    prefix = '';
    if (block.bold && isFirst) body.lead = full;
    else body.blocks.push({ kind: 'paragraph', text: full });
  }
  if (prefix) body.blocks.push({ kind: 'paragraph', text: prefix });
  return body;
}
