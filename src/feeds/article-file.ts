import { createHash, randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Article } from '../corpus/article.ts';
import { parseArticle } from '../corpus/parse.ts';
import { fold } from '../text/normalize.ts';
import type { FeedItem } from './parse.ts';

/**
 * A feed item as an article file in the corpus format (line 1 `<!--epoch ms-->`, line 2
 * `[title](url)`, line 3 `------`, then the item's HTML), named from a hash of its canonical link,
 * checked with the corpus parser before it is written, and written atomically (temp file, rename)
 * so the index never reads half a file.
 */

/** The file name of the article at a canonical link. */
export function articleFileName(link: string): string {
  return `feed_${createHash('sha256').update(link).digest('hex').slice(0, 16)}.txt`;
}

// The title sits inside [..] on one line and is entity-decoded by the parser: one line, & < > escaped.
function titleLine(title: string): string {
  return title.replace(/[\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function render(ms: number, title: string, link: string, html: string): string {
  return `<!--${ms}-->\n[${titleLine(title)}](${link})\n------\n${html.trim()}\n`;
}

export type RenderedItem = { ok: true; file: string; text: string; article: Article } | { ok: false; error: string };

/** The file text of an item, and the article the corpus parser reads from it (or why it reads none). */
export function renderItem(item: FeedItem): RenderedItem {
  const file = articleFileName(item.link);
  let text = render(Math.round(item.publishedMs), item.title || '…', item.link, item.html);
  let parsed = parseArticle(file, text);
  if (parsed.ok && !titleLine(item.title)) {
    // No title in the feed: the opening words of the text stand for it, as a reader would quote it.
    const first = parsed.article.lead ?? parsed.article.blocks.find((b) => b.kind === 'paragraph')?.text ?? '';
    text = render(Math.round(item.publishedMs), [...first].slice(0, 30).join('') || item.link, item.link, item.html);
    parsed = parseArticle(file, text);
  }
  if (!parsed.ok) return { ok: false, error: `${item.link}: ${parsed.error}` };
  return { ok: true, file, text, article: parsed.article };
}

// Simplified characters whose traditional form is itself a simplified character, so fold keeps it:
// 看着 is 看著 in Taiwan, and 著 stays 著 (著名). For dedup only, both sides take one form.
const MERGED: Record<string, string> = { 著: '着' };
const MERGED_IN_TRADITIONAL = new RegExp(`[${Object.keys(MERGED).join('')}]`, 'g');

// What makes two tellings the same text: letters and digits only (no spacing, punctuation or symbols),
// traditional folded to simplified and full-width to half-width (one wire story is printed in both
// scripts, with either punctuation), case ignored; CJK text has no spaces to lean on, so nothing else.
function normalise(text: string): string {
  return fold(text).replace(MERGED_IN_TRADITIONAL, (c) => MERGED[c] ?? c).normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

const hash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 24);

// A paragraph shorter than this (a dateline, "记者报道") says nothing about which story it is.
const MIN_PARAGRAPH = 12;

/** The content fingerprint of an article: a hash of its whole text and one per substantial paragraph. */
export function fingerprint(article: Article): { textHash: string; paragraphs: string[] } {
  const texts = [article.lead ?? '', ...article.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text)].map(normalise).filter(Boolean);
  return { textHash: hash(texts.join('\n')), paragraphs: texts.filter((t) => t.length >= MIN_PARAGRAPH).map(hash) };
}

/** Writes `text` to `dir/file` through a temp file and a rename: readers see the old file or the new, never half. */
export async function writeAtomic(dir: string, file: string, text: string): Promise<string> {
  const path = join(dir, file);
  // Dot-prefixed and not ending in .txt: the corpus loader and the watcher ignore it.
  const temp = join(dir, `.${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  return path;
}
