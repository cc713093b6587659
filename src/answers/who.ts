import { articleParagraphs } from '../corpus/article.ts';
import { closestPeople, resolvePerson, type PeopleIndex, type PersonEntry } from '../extract/people.ts';
import type { ShijiIndex } from '../index/index.ts';
import { fold } from '../text/normalize.ts';
import { passagesMayMention } from './select.ts';
import type { MentionOut, PersonProfile, SourceRef, StatementOut, WhoResult, WhoSummary } from './types.ts';

/** The article behind an index: the articles array itself, or a function over the snapshot. */
export type SourceLookup = readonly SourceRef[] | ((article: number) => SourceRef | undefined);

export interface WhoOptions {
  /** Statements per page (default 10). */
  limit?: number;
  offset?: number;
  /** The articles and passages that name a form (from the search index): for someone only mentioned. */
  mentionsOf?: (name: string) => Mentions;
}

export interface Mentions {
  /** Articles whose text names it. */
  articles: number;
  /** A few passages naming it, newest article first. */
  passages: MentionOut[];
}

export const WHO_DEFAULT_LIMIT = 10;

/**
 * /who: what a person or outlet said across the corpus, newest first, each statement with its
 * article; headed by the profile (full name, aliases, titles, articles naming them, dates, topics).
 * Expected misses (unknown name, nothing said) come back as a notice with suggestions.
 */
export function who(people: PeopleIndex, articles: SourceLookup, query: string, options: WhoOptions = {}): WhoResult {
  const q = query.trim();
  const limit = Math.max(0, Math.floor(options.limit ?? WHO_DEFAULT_LIMIT));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const source = typeof articles === 'function' ? articles : (i: number): SourceRef | undefined => articles[i];

  if (!q) {
    return miss(q, '请输入一个人名或媒体名，例如 岸田文雄、Stoltenberg、共同社。', people.people.slice(0, 5));
  }
  const found = resolvePerson(people, q);
  if (!found.person) {
    if (found.candidates.length > 1) {
      return miss(q, `“${q}”可指语料中的多人，请写出全名。`, found.candidates.slice(0, 5));
    }
    const near = closestPeople(people, q, 5);
    // Named in the corpus but never a speaker (世耕弘成, 白宫): say so, with where it is named.
    const seen = options.mentionsOf?.(q);
    if (seen && seen.articles > 0) {
      const r = miss(q, `语料中有${seen.articles}篇文章提到“${q}”，但没有找到出自其口的发言。`, near);
      return { ...r, mentions: seen.articles, mentionedIn: seen.passages };
    }
    return miss(q, `语料中没有找到“${q}”。`, near);
  }

  const p = found.person;
  // Someone quoted in thousands of articles: count them all, but make only the page's statements.
  const page: StatementOut[] = [];
  let total = 0;
  let direct = 0;
  const articlesSaid = new Set<number>();
  for (const s of p.statements) {
    const ref = source(s.article);
    if (!ref) continue;
    if (total >= offset && page.length < limit) page.push({ ...pickRef(ref), text: s.text, direct: s.direct });
    total++;
    if (s.direct) direct++;
    articlesSaid.add(s.article);
  }
  const { aliases, roles, mentions, firstSeen, lastSeen, topics } = p;
  const profile: PersonProfile = { aliases, roles, mentions, firstSeen, lastSeen, topics };
  const summary: WhoSummary = {
    statements: total,
    direct,
    articles: articlesSaid.size,
    topics: p.topicStats.map((t) => ({ ...t })),
    first: firstStatement(p, source),
    last: statementOut(p.statements[0], source),
  };
  const result: WhoResult = { command: 'who', query: q, person: p.name, ...profile, summary, statements: page };
  const notice = pageNotice(p, total, offset, page.length);
  if (notice) result.notice = notice;
  if (total === 0 && options.mentionsOf) {
    const seen = options.mentionsOf(p.name);
    if (seen.passages.length) result.mentionedIn = seen.passages;
  }
  return result;
}

function statementOut(s: PersonEntry['statements'][number] | undefined, source: (i: number) => SourceRef | undefined): StatementOut | null {
  const ref = s ? source(s.article) : undefined;
  return s && ref ? { ...pickRef(ref), text: s.text, direct: s.direct } : null;
}

/** The oldest article's first statement (statements run newest article first, each article in reading order). */
function firstStatement(p: PersonEntry, source: (i: number) => SourceRef | undefined): StatementOut | null {
  const oldest = p.statements.at(-1);
  if (!oldest) return null;
  return statementOut(p.statements.find((s) => s.article === oldest.article), source);
}

/**
 * The articles and a few passages that name a form, through the search index: candidate passages
 * by postings, each checked on its folded text; at most `cap` passages are read, so a very common
 * word (美国) costs no more than a rare one.
 */
export function corpusMentions(index: ShijiIndex, name: string, limit = 5, cap = 800): Mentions {
  const want = fold(name.trim()).toLowerCase();
  if ([...want].length < 2) return { articles: 0, passages: [] };
  const ids = passagesMayMention(index, [name.trim()]);
  const arts = new Set<number>();
  const first = new Map<number, MentionOut>();
  for (const id of ids.slice(0, cap)) {
    const p = index.passages[id];
    const article = p ? index.articles[p.article] : undefined;
    if (!p || !article) continue;
    const text = (articleParagraphs(article)[p.paragraph] ?? '').slice(p.start, p.end);
    // Most passages hold the form as typed; only the others are folded (traditional text, full-width Latin).
    if (!text.toLowerCase().includes(want) && !fold(text).toLowerCase().includes(want)) continue;
    arts.add(p.article);
    if (!first.has(p.article)) first.set(p.article, { title: article.title, url: article.url, publishedAt: article.publishedAt, source: article.source, file: article.file, text });
  }
  // Beyond the cap, every further candidate article counts: postings of a common name are near exact.
  for (const id of ids.slice(cap)) {
    const p = index.passages[id];
    if (p) arts.add(p.article);
  }
  const passages = [...first.values()].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)).slice(0, limit);
  return { articles: arts.size, passages };
}

function pageNotice(p: PersonEntry, total: number, offset: number, shown: number): string | undefined {
  if (total === 0) {
    return p.kind === 'outlet'
      ? `语料提到${p.name}，但没有找到注明出自${p.name}的报道。`
      : `语料提到${p.name}，但没有找到能确定出自其口的发言。`;
  }
  if (shown === 0) return `共${total}条，已无更多。`;
  if (shown < total) return `共${total}条，此处列出第${offset + 1}–${offset + shown}条。`;
  return undefined;
}

function pickRef(ref: SourceRef): SourceRef {
  return { title: ref.title, url: ref.url, publishedAt: ref.publishedAt, source: ref.source, file: ref.file };
}

/** Every person and outlet of the registry with their forms, titles and topics (`people` command). */
export interface RegistryEntry {
  name: string;
  kind: 'person' | 'outlet';
  aliases: string[];
  roles: string[];
  topics: string[];
  mentions: number;
  statements: number;
}

export function registryListing(people: PeopleIndex): RegistryEntry[] {
  return people.people.map((p) => ({ name: p.name, kind: p.kind, aliases: [...p.aliases], roles: [...p.roles], topics: [...p.topics], mentions: p.mentions, statements: p.statements.length }));
}

function miss(query: string, notice: string, near: PersonEntry[]): WhoResult {
  const nobody: PersonProfile = { aliases: [], roles: [], mentions: 0, firstSeen: null, lastSeen: null, topics: [] };
  const result: WhoResult = { command: 'who', query, person: null, ...nobody, statements: [], notice };
  if (near.length) result.suggestions = near.map((n) => n.name);
  return result;
}
