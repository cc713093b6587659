import type { AskResult, Span, TimelineResult, WhoResult, WhoSummary } from '../answers/types.ts';
import type { RegistryEntry } from '../answers/who.ts';
import { publicationDay } from '../extract/dates.ts';
import type { CorpusStats } from '../library.ts';
import type { Article } from '../corpus/article.ts';

/** Text for a person in a terminal: the console front end. Formatting only, no logic. */

const BOLD = ['\u001b[1m', '\u001b[22m'] as const;
const DIM = ['\u001b[2m', '\u001b[22m'] as const;

function style(on: boolean, pair: readonly [string, string], s: string): string {
  return on ? `${pair[0]}${s}${pair[1]}` : s;
}

/** Marks matched spans: bold on a terminal, 【】 in plain text. */
export function mark(text: string, spans: readonly Span[], styled: boolean): string {
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    if (start < at || end > text.length) continue;
    out += text.slice(at, start);
    out += styled ? style(true, BOLD, text.slice(start, end)) : `【${text.slice(start, end)}】`;
    at = end;
  }
  return out + text.slice(at);
}

/** The publication day on the outlet's own clock (the one /timeline dates by), not UTC's. */
export function day(iso: string, url?: string): string {
  return publicationDay(iso, url) ?? iso.slice(0, 10);
}

function notice(r: { notice?: string | undefined; suggestions?: string[] | undefined }): string[] {
  const lines: string[] = [];
  if (r.notice) lines.push(r.notice);
  if (r.suggestions?.length) lines.push(`Did you mean: ${r.suggestions.join(', ')}?`);
  return lines;
}

export function formatAsk(r: AskResult, styled: boolean): string {
  const lines = notice(r);
  for (const hit of r.results) {
    lines.push('');
    lines.push(`${hit.rank}. ${style(styled, BOLD, hit.title)}  ${day(hit.publishedAt, hit.url)} · ${hit.source}`);
    if (hit.heading) lines.push(`   ${style(styled, DIM, `§ ${hit.heading}`)}`);
    if (hit.before) lines.push(`   ${style(styled, DIM, hit.before)}`);
    lines.push(`   ${mark(hit.text, hit.highlights, styled)}`);
    if (hit.after) lines.push(`   ${style(styled, DIM, hit.after)}`);
    lines.push(`   ${hit.url}`);
  }
  if (r.results.length) lines.push('', `${r.results.length} of ${r.total} matching passages.`);
  return lines.join('\n').trim();
}

export function formatWho(r: WhoResult, styled: boolean): string {
  const lines = notice(r);
  if (r.person) {
    lines.push(style(styled, BOLD, r.person) + (r.aliases.length ? ` (${r.aliases.join(', ')})` : ''));
    if (r.roles.length) lines.push(`Roles: ${r.roles.join('、')}`);
    lines.push(`Mentioned in ${r.mentions} article(s)${r.firstSeen ? `, ${day(r.firstSeen)} to ${day(r.lastSeen ?? r.firstSeen)}` : ''}.`);
    if (r.summary) lines.push(...summaryLines(r.summary));
    else if (r.topics.length) lines.push(`Spoke most about: ${r.topics.join('、')}`);
    for (const s of r.statements) {
      lines.push('');
      lines.push(`${day(s.publishedAt, s.url)} ${s.direct ? '“' : ''}${s.text}${s.direct ? '”' : ''}`);
      lines.push(`   ${s.title} · ${s.source} · ${s.url}`);
    }
    if (!r.statements.length) lines.push('No statements of theirs in the corpus.');
  }
  for (const m of r.mentionedIn ?? []) {
    lines.push('');
    lines.push(`${day(m.publishedAt, m.url)} ${m.text}`);
    lines.push(`   ${m.title} · ${m.source} · ${m.url}`);
  }
  return lines.join('\n').trim();
}

/** What they spoke about: topic · period · statements, then the first and the last statement. */
function summaryLines(s: WhoSummary): string[] {
  if (s.statements === 0) return [];
  const lines = [`${s.statements} statement(s) in ${s.articles} article(s), ${s.direct} quoted.`];
  if (s.topics.length) {
    const period = (t: WhoSummary['topics'][number]): string => (t.from === t.to ? t.from : `${t.from}–${t.to}`);
    lines.push(`Topics: ${s.topics.map((t) => `${t.topic} · ${period(t)} · ${t.count}`).join('; ')}`);
  }
  if (s.first && s.last && s.statements > 1) {
    lines.push(`First: ${day(s.first.publishedAt, s.first.url)} ${s.first.text.slice(0, 60)}`);
    lines.push(`Last:  ${day(s.last.publishedAt, s.last.url)} ${s.last.text.slice(0, 60)}`);
  }
  return lines;
}

/** The registry, one person or outlet a line: name (aliases) — titles — topics. */
export function formatPeople(people: readonly RegistryEntry[], styled: boolean): string {
  const lines = people.map((p) => {
    const parts = [style(styled, BOLD, p.name) + (p.aliases.length ? ` (${p.aliases.join(', ')})` : '')];
    parts.push(p.kind === 'outlet' ? 'outlet' : p.roles.join('、') || '—');
    if (p.topics.length) parts.push(p.topics.join('、'));
    parts.push(`${p.mentions} article(s), ${p.statements} statement(s)`);
    return parts.join(' — ');
  });
  lines.push('', `${people.length} people and outlets.`);
  return lines.join('\n').trim();
}

export function formatTimeline(r: TimelineResult, styled: boolean): string {
  const lines = notice(r);
  let year = '';
  for (const e of r.events) {
    const y = e.date.slice(0, 4);
    if (r.events.length > 8 && y !== year) {
      lines.push('', style(styled, BOLD, y));
      year = y;
    }
    const when = e.reportedOnly ? `${e.date} (reported)` : e.date;
    // An event several outlets report is one line: how many, on the line itself.
    const count = e.sources && e.sources.length > 1 ? ` [${e.sources.length} sources]` : '';
    lines.push(`${when.padEnd(12)} ${e.text}${count}`);
    lines.push(`${' '.repeat(13)}${style(styled, DIM, `${e.title} · ${e.url}`)}${e.sources && e.sources.length > 1 ? ` (+${e.sources.length - 1} more)` : ''}`);
  }
  if (r.more > 0) lines.push('', `… and ${r.more} more event(s).`);
  return lines.join('\n').trim();
}

export function formatStats(s: CorpusStats): string {
  const sources = Object.entries(s.sources)
    .sort((a, b) => b[1] - a[1])
    .map(([host, n]) => `${host} (${n})`)
    .join(', ');
  return [
    `${s.articles} articles, ${s.paragraphs} paragraphs, ${s.headings} headings, ${s.passages} passages, ${s.characters} characters.`,
    s.from && s.to ? `From ${day(s.from)} to ${day(s.to)}.` : 'No dated articles.',
    `Sources: ${sources || 'none'}.`,
  ].join('\n');
}

export function formatArticle(a: Article, styled: boolean): string {
  const lines = [style(styled, BOLD, a.title), `${a.publishedAt} · ${a.source}${a.author ? ` · 作者：${a.author}` : ''}`, a.url, ''];
  if (a.lead) lines.push(style(styled, BOLD, a.lead), '');
  for (const b of a.blocks) lines.push(b.kind === 'heading' ? `## ${b.text}` : b.text, '');
  return lines.join('\n').trim();
}
