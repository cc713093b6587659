import {
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  type APIApplicationCommandOptionChoice,
} from 'discord.js';
import type { AskHit, AskResult, Precision, Span, StatementOut, TimelineEvent, TimelineResult, WhoResult } from '../answers/types.ts';
import { publicationDay } from '../extract/dates.ts';
import { pageButtonId, pageIndicatorId } from './pagination.ts';
import { strings, type Strings } from './strings.ts';

/**
 * Every piece of Discord formatting: escaping corpus text, highlights, links, timestamps, the
 * embeds of /ask, /who and /timeline, the paging buttons, and Discord's size limits. Pure
 * functions over the library's answers; nothing here talks to Discord.
 */

/** Discord's limits, in characters (measured here in UTF-16 units, which is never fewer). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  embeds: 10,
  content: 2000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  buttonLabel: 80,
} as const;

export const ELLIPSIS = '…';
const COLOR = 0xa61b29;

/** Passages, statements and events per page. */
export const PAGE_SIZE = { ask: 3, who: 4, timeline: 5 } as const;

/** Nobody is ever pinged: corpus text may say @everyone. */
export const NO_MENTIONS = { parse: [] as never[] };

// ---------------------------------------------------------------------------------------------
// Cutting text

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// Units our own markup is made of, never to be cut: an escape with its character, a masked link,
// a timestamp, a mention-shaped tag, a bold marker.
const ATOM_RE = /\\[\s\S]|\[(?:\\[\s\S]|[^\]\\\n])*\]\([^()\s]*\)|<[^\s<>]{1,80}>|\*\*/uy;
const ATOM_START = new Set(['\\', '[', '<', '*']);

/** The atoms of formatted text, lazily: markup units whole, everything else by grapheme. */
function* atoms(text: string): Generator<string> {
  let i = 0;
  while (i < text.length) {
    if (ATOM_START.has(text[i] ?? '')) {
      ATOM_RE.lastIndex = i;
      const m = ATOM_RE.exec(text);
      if (m) {
        yield m[0];
        i += m[0].length;
        continue;
      }
    }
    let j = i + 1;
    while (j < text.length && !ATOM_START.has(text[j] ?? '')) j++;
    for (const { segment } of graphemeSegmenter.segment(text.slice(i, j))) yield segment;
    i = j;
  }
}

/**
 * Fits formatted text into `max` characters, ending with an ellipsis when cut: never inside a
 * grapheme (so never inside a surrogate pair), an escape, a link or a timestamp, and bold is closed.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  const room = max - ELLIPSIS.length;
  let out = '';
  let bold = false;
  let openedAt = -1;
  for (const atom of atoms(text)) {
    const isMarker = atom === '**';
    const boldAfter = isMarker ? !bold : bold;
    if (out.length + atom.length + (boldAfter ? 2 : 0) > room) break;
    if (isMarker && !bold) openedAt = out.length;
    out += atom;
    if (isMarker) bold = !bold;
  }
  if (bold) {
    out = out.trimEnd();
    out = out.length === openedAt + 2 ? out.slice(0, openedAt) : `${out}**`;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Fits plain (unescaped) text by grapheme, for labels escaped afterwards. */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return '';
  let out = '';
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (out.length + segment.length > max - ELLIPSIS.length) break;
    out += segment;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

// ---------------------------------------------------------------------------------------------
// Escaping corpus text

/** Stops pings and mention rendering: @everyone, @here, <@id>, <#id>, </cmd:id>, <t:…>. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(?=[@#/]|a?:|t:)/g, '<\u200b');
}

// escapeMarkdown leaves a few characters alone in some contexts (inside URLs, lone markers,
// brackets); escaping them all means the only markup in our output is the markup we put there.
const LEFTOVER = new Set(['*', '_', '~', '|', '`', '[', ']']);

function escapeLeftovers(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\') {
      out += c + (text[i + 1] ?? '');
      i++;
    } else out += LEFTOVER.has(c) ? `\\${c}` : c;
  }
  // Block quotes and subtext at the start.
  return out.replace(/^(\s*)(>|-#)/, '$1\\$2');
}

// escapeMarkdown's lookbehinds make it quadratic on text without spaces (Chinese): escape in
// slices. Every markup character ends up escaped either way, so slice edges change nothing.
const ESCAPE_SLICE = 256;
// Nothing longer is ever shown (a description holds 4096); the rest only costs time.
const MAX_RAW = 8000;

/** Cuts raw text to at most `max` units without splitting a surrogate pair. */
function capRaw(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}

// C0/C1 controls (tabs and newlines included: echoed text is one line) and the invisible
// direction marks and overrides (U+202E turns "txt.exe" into "exe.txt"); lone surrogates too.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as it may be echoed: no control or bidi characters, no lone surrogates (each becomes a space or U+FFFD). */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(UNSAFE_CHARS, (c) => (c === '\t' || c === '\n' || c === '\r' ? ' ' : ''));
}

/** Corpus or user text made inert: controls dropped, Markdown escaped, mentions neutralised, whitespace collapsed. */
export function escapeText(text: string): string {
  const flat = cleanText(capRaw(text, MAX_RAW)).replace(/\s+/g, ' ');
  let escaped = '';
  for (let i = 0; i < flat.length; ) {
    const slice = capRaw(flat.slice(i), ESCAPE_SLICE);
    escaped += escapeMarkdown(slice, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
    i += slice.length;
  }
  return neutraliseMentions(escapeLeftovers(escaped));
}

/** Sorted, merged, clamped spans on grapheme boundaries with no whitespace at their edges. */
export function normaliseSpans(text: string, spans: readonly Span[]): Array<[number, number]> {
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end));
  if (valid.length === 0) return [];
  const boundary = new Uint8Array(text.length + 1);
  for (const { index } of graphemeSegmenter.segment(text)) boundary[index] = 1;
  boundary[text.length] = 1;
  const ranges: Array<[number, number]> = [];
  for (const s of valid) {
    let start = Math.min(Math.max(s.start, 0), text.length);
    let end = Math.min(Math.max(s.end, 0), text.length);
    while (start > 0 && !boundary[start]) start--;
    while (end < text.length && !boundary[end]) end++;
    if (start < end) ranges.push([start, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  // Bold cannot start or end on a space in Discord's Markdown.
  const out: Array<[number, number]> = [];
  for (let [start, end] of merged) {
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    if (start < end) out.push([start, end]);
  }
  return out;
}

/** Escaped text with the matched spans (UTF-16 offsets into the raw text) in bold. */
export function highlight(full: string, spans: readonly Span[]): string {
  const text = capRaw(full, MAX_RAW);
  let out = '';
  let at = 0;
  for (const [start, end] of normaliseSpans(text, spans)) {
    out += escapeText(text.slice(at, start));
    out += `**${escapeText(text.slice(start, end))}**`;
    at = end;
  }
  return out + escapeText(text.slice(at));
}

// ---------------------------------------------------------------------------------------------
// Links and dates

/** An http(s) URL safe inside a masked link, or null. */
export function safeUrl(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return u.href.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A masked link [label](url); just the label when the URL is unusable. */
export function link(label: string, url: string, maxLabel = 80): string {
  const text = escapeText(truncatePlain(label.trim(), maxLabel));
  const href = safeUrl(url);
  if (!href) return text;
  return `[${text || escapeText(new URL(href).hostname)}](${href})`;
}

/** Unix seconds of a date; plain dates are taken at noon UTC so every time zone sees the same day. */
export function unixSeconds(date: string): number | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12) : Date.parse(date);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/**
 * A Discord timestamp tag (<t:unix:D>, shown in the reader's language). A day (style D or d) of an
 * article's publication is the outlet's own day, as /timeline and the console date it (an RFI
 * story of 21:15 UTC is 2 Feb in Paris, not 3 Feb): it is given as that day's noon UTC, which every
 * reader's zone shows as the same day. Relative times (R) keep the instant.
 */
export function discordDate(date: string, style: 'D' | 'd' | 'R' = 'D', url?: string): string {
  const day = style === 'R' ? undefined : publicationDay(date, url);
  const t = unixSeconds(day ?? date);
  return t === null ? escapeText(date) : `<t:${t}:${style}>`;
}

/** An event's date at its precision: a timestamp for a day, words for a month, year or decade. */
export function eventDate(date: string, precision: Precision, locale: string): string {
  const zh = locale.startsWith('zh');
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(date);
  if (precision === 'day') return discordDate(date);
  if (!m) return escapeText(date);
  const year = m[1] ?? '';
  if (precision === 'decade') return zh ? `${year}年代` : `${year}s`;
  if (precision === 'year' || !m[2]) return zh ? `${year}年` : year;
  const when = new Date(Date.UTC(Number(year), Number(m[2]) - 1, 15));
  return new Intl.DateTimeFormat(zh ? locale : 'en-US', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(when);
}

// ---------------------------------------------------------------------------------------------
// Limits

/** What Discord counts towards an embed's 6000 characters. */
export function embedLength(e: APIEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** The embed cut to every per-part limit, then to the 6000 total (description first, then fields). */
export function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (e.title !== undefined) out.title = truncate(e.title, LIMITS.title);
  if (e.description !== undefined) out.description = truncate(e.description, LIMITS.description);
  if (e.footer) out.footer = { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) };
  if (e.author) out.author = { ...e.author, name: truncate(e.author.name, LIMITS.author) };
  if (e.fields) {
    out.fields = e.fields.slice(0, LIMITS.fields).map((f): APIEmbedField => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || '\u200b',
      value: truncate(f.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  let over = embedLength(out) - LIMITS.embedTotal;
  if (over > 0 && out.description) {
    out.description = truncate(out.description, Math.max(0, out.description.length - over));
    over = embedLength(out) - LIMITS.embedTotal;
  }
  while (over > 0 && out.fields && out.fields.length > 0) {
    out.fields = out.fields.slice(0, -1);
    over = embedLength(out) - LIMITS.embedTotal;
  }
  if (over > 0 && out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, Math.max(1, out.footer.text.length - over)) };
  // Discord rejects empty strings where it accepts absent parts.
  if (out.description === '') delete out.description;
  if (out.footer?.text === '') delete out.footer;
  return out;
}

/** At most 10 embeds whose parts add up to at most 6000 characters, each within its own limits. */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const out: APIEmbed[] = [];
  let used = 0;
  for (const e of embeds.slice(0, LIMITS.embeds)) {
    const fitted = fitEmbed(e);
    if (used + embedLength(fitted) > LIMITS.embedTotal) break;
    used += embedLength(fitted);
    out.push(fitted);
  }
  return out;
}

export function fitContent(content: string): string {
  return truncate(content, LIMITS.content);
}

// ---------------------------------------------------------------------------------------------
// Answers

/** A page of an answer, or a short private notice (nothing found, an error, a suggestion). */
export type AnswerView =
  | { kind: 'page'; embed: APIEmbed; page: number; pageCount: number | null; hasNext: boolean }
  | { kind: 'notice'; content: string };

interface Entry {
  /** Markup that must stay whole (the link line). */
  head: string;
  /** Markup that may be cut to fit. */
  body: string;
  /** Extra markup shown only when it fits whole (more links). */
  tail?: string;
}

/** Joins entries into a description, sharing the room between them so each keeps its link. */
function describe(lead: string, entries: readonly Entry[], max: number = LIMITS.description): string {
  const sep = '\n\n';
  const leadPart = lead ? truncate(lead, Math.floor(max / 4)) : '';
  const free = max - leadPart.length - (leadPart && entries.length ? sep.length : 0) - sep.length * Math.max(0, entries.length - 1);
  const each = entries.length ? Math.floor(free / entries.length) : 0;
  const parts = entries.map(({ head, body, tail }) => {
    const headFit = truncate(head, Math.max(0, Math.floor((each * 2) / 3)));
    const whole = `${headFit}\n${body}${tail ? `\n${tail}` : ''}`;
    if (whole.length <= each) return whole;
    const room = each - headFit.length - 1;
    return body && room > ELLIPSIS.length + 2 ? `${headFit}\n${truncate(body, room)}` : headFit;
  });
  return truncate([leadPart, ...parts].filter(Boolean).join(sep), max);
}

function notice(query: string, noticeText: string | undefined, suggestions: readonly string[] | undefined, s: Strings): AnswerView {
  const lines = [noticeText ? escapeText(noticeText) : s.nothingFound(escapeText(truncatePlain(query, 200)))];
  const tips = (suggestions ?? []).filter((x) => x.trim()).slice(0, 10);
  if (tips.length) lines.push(`${s.tryThese} ${tips.map((x) => `**${escapeText(truncatePlain(x, 100))}**`).join(' · ')}`);
  return { kind: 'notice', content: fitContent(lines.join('\n')) };
}

function sourcesOf(items: ReadonlyArray<{ source: string }>): string {
  return [...new Set(items.map((i) => i.source))].slice(0, 5).join(' · ');
}

function footer(parts: ReadonlyArray<string | null | false>): { text: string } {
  return { text: truncate(parts.filter(Boolean).join(' — '), LIMITS.footer) };
}

function pageCountOf(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

function askEntry(hit: AskHit): Entry {
  const head = `**${hit.rank}.** ${link(hit.title, hit.url)} · ${escapeText(hit.source)} · ${discordDate(hit.publishedAt, 'D', hit.url)}`;
  const heading = hit.heading ? `_${escapeText(truncatePlain(hit.heading, 80))}_\n` : '';
  const text = `${escapeText(hit.before ?? '')}${highlight(hit.text, hit.highlights)}${escapeText(hit.after ?? '')}`;
  return { head: heading ? `${head}\n${heading.trimEnd()}` : head, body: `> ${text}` };
}

/** One page of /ask: the passages with their highlights, each linked to its article. */
export function askView(result: AskResult, page: number, locale: string): AnswerView {
  const s = strings(locale);
  if (result.results.length === 0) {
    if (page === 0) return notice(result.query, result.notice, result.suggestions, s);
  }
  const hits = result.results.slice(0, PAGE_SIZE.ask);
  const pageCount = pageCountOf(Math.max(result.total, page * PAGE_SIZE.ask + hits.length), PAGE_SIZE.ask);
  return listPage(result.query, result.notice, hits.map(askEntry), [sourcesOf(hits), s.passages(result.total), pageCount > 1 && s.page(page + 1, pageCount)], page, pageCount);
}

/** A numbered page of entries (ask, timeline): the query as title, the notice as lead. */
function listPage(query: string, noticeText: string | undefined, entries: Entry[], foot: Parameters<typeof footer>[0], page: number, pageCount: number): AnswerView {
  return {
    kind: 'page',
    page,
    pageCount,
    hasNext: page + 1 < pageCount,
    embed: fitEmbed({
      title: truncate(escapeText(query) || '\u200b', LIMITS.title),
      color: COLOR,
      description: describe(noticeText ? `_${escapeText(noticeText)}_` : '', entries),
      footer: footer(foot),
    }),
  };
}

function statementEntry(st: StatementOut): Entry {
  return {
    head: `${link(st.title, st.url)} · ${escapeText(st.source)} · ${discordDate(st.publishedAt, 'D', st.url)}`,
    body: `> ${escapeText(st.text)}`,
  };
}

/**
 * One page of /who: who the person is, then their statements. Ask the library for one statement
 * more than PAGE_SIZE.who: the extra one only tells whether there is a next page.
 */
export function whoView(result: WhoResult, page: number, locale: string): AnswerView {
  const s = strings(locale);
  // Named but never quoted: the notice says so, and a few passages naming them stand in for statements.
  const mentioned = result.statements.length === 0 ? (result.mentionedIn ?? []) : [];
  if (result.person === null && result.statements.length === 0 && mentioned.length === 0) {
    return notice(result.query, result.notice, result.suggestions, s);
  }
  const statements = result.statements.length ? result.statements.slice(0, PAGE_SIZE.who) : mentioned.slice(0, PAGE_SIZE.who).map((m) => ({ ...m, direct: false }));
  const hasNext = result.statements.length > PAGE_SIZE.who;
  const name = result.person ?? result.query;
  const aliases = result.aliases.filter((a) => a !== name);
  const lead = [
    result.notice ? `_${escapeText(result.notice)}_` : '',
    aliases.length ? `**${s.aliases}:** ${aliases.slice(0, 15).map((a) => escapeText(a)).join(' · ')}` : '',
    result.roles.length ? `**${s.roles}:** ${result.roles.slice(0, 10).map((r) => escapeText(r)).join(' · ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const fields: APIEmbedField[] = [{ name: s.mentions, value: s.mentionsValue(result.mentions), inline: true }];
  if (result.firstSeen) fields.push({ name: s.firstSeen, value: discordDate(result.firstSeen), inline: true });
  if (result.lastSeen) fields.push({ name: s.lastSeen, value: discordDate(result.lastSeen), inline: true });
  // The summary's topics with their months and statement counts (关税 2025-07 ×4), else the bare keywords.
  const topics = result.summary?.topics.length
    ? result.summary.topics.map((t) => `${escapeText(t.topic)} ${t.from === t.to ? t.from : `${t.from}–${t.to}`} ×${t.count}`)
    : result.topics.map((t) => escapeText(t));
  if (topics.length) {
    fields.push({ name: s.topics, value: truncate(topics.slice(0, 20).join(' · '), LIMITS.fieldValue) });
  }
  const shown = page * PAGE_SIZE.who + statements.length;
  const title = truncate(escapeText(name) || '\u200b', LIMITS.title);
  const foot = footer([
    sourcesOf(statements),
    hasNext ? `${s.statements(shown)}+` : s.statements(shown),
    (page > 0 || hasNext) && s.page(page + 1, hasNext ? null : page + 1),
  ]);
  const rest = embedLength({ title, fields, footer: foot });
  return {
    kind: 'page',
    page,
    pageCount: hasNext ? null : page + 1,
    hasNext,
    embed: fitEmbed({
      title,
      color: COLOR,
      description: describe(lead, statements.map(statementEntry), Math.min(LIMITS.description, LIMITS.embedTotal - rest)),
      fields,
      footer: foot,
    }),
  };
}

function eventEntry(ev: TimelineEvent, s: Strings, locale: string): Entry {
  const when = eventDate(ev.date, ev.precision, locale);
  const others = (ev.sources ?? []).slice(1, 4).map((o) => link(o.source, o.url, 40));
  return {
    // An event several outlets report is one line, with how many on it.
    head: `**${when}** · ${link(ev.source, ev.url, 40)} · ${ev.reportedOnly ? `${s.reported} ` : ''}${discordDate(ev.publishedAt, 'D', ev.url)}${ev.sources && ev.sources.length > 1 ? ` · ×${ev.sources.length}` : ''}`,
    body: `> ${escapeText(ev.text)}`,
    ...(others.length ? { tail: `${s.alsoIn} ${others.join(', ')}` } : {}),
  };
}

/** One page of /timeline: dated events in order, each with its article. */
export function timelineView(result: TimelineResult, page: number, locale: string): AnswerView {
  const s = strings(locale);
  if (result.events.length === 0 && page === 0) return notice(result.query, result.notice, result.suggestions, s);
  const events = result.events.slice(0, PAGE_SIZE.timeline);
  const total = page * PAGE_SIZE.timeline + result.events.length + result.more;
  const pageCount = pageCountOf(total, PAGE_SIZE.timeline);
  const entries = events.map((e) => eventEntry(e, s, locale));
  return listPage(result.query, result.notice, entries, [sourcesOf(events), s.events(total), pageCount > 1 && s.page(page + 1, pageCount)], page, pageCount);
}

// ---------------------------------------------------------------------------------------------
// Components and small replies

/** Previous · page n/m · Next; every button disabled once the session is over. */
export function pageButtons(
  sessionId: string,
  view: { page: number; pageCount: number | null; hasNext: boolean },
  locale: string,
  disabled = false,
): APIActionRowComponent<APIButtonComponent> {
  const s = strings(locale);
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: pageButtonId(sessionId, 'prev', view.page),
        label: truncatePlain(`◀ ${s.previous}`, LIMITS.buttonLabel),
        disabled: disabled || view.page === 0,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: pageIndicatorId(sessionId),
        label: truncatePlain(s.page(view.page + 1, view.pageCount), LIMITS.buttonLabel),
        disabled: true,
      },
      {
        type: ComponentType.Button,
        style: ButtonStyle.Primary,
        custom_id: pageButtonId(sessionId, 'next', view.page),
        label: truncatePlain(`${s.next} ▶`, LIMITS.buttonLabel),
        disabled: disabled || !view.hasNext,
      },
    ],
  };
}

/** Autocomplete choices: distinct, non-empty, values Discord accepts, at most 25. */
export function choices(names: readonly string[]): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const out: APIApplicationCommandOptionChoice<string>[] = [];
  for (const raw of names) {
    const value = raw.trim();
    // A cut value would search for something else: skip it rather than shorten it.
    if (!value || value.length > LIMITS.choiceValue || seen.has(value)) continue;
    seen.add(value);
    out.push({ name: truncatePlain(value, LIMITS.choiceName), value });
    if (out.length === LIMITS.choices) break;
  }
  return out;
}
