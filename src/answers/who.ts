import { closestPeople, resolvePerson, type PeopleIndex, type PersonEntry } from '../extract/people.ts';
import type { PersonProfile, SourceRef, StatementOut, WhoResult } from './types.ts';

/** The article behind an index: the articles array itself, or a function over the snapshot. */
export type SourceLookup = readonly SourceRef[] | ((article: number) => SourceRef | undefined);

export interface WhoOptions {
  /** Statements per page (default 10). */
  limit?: number;
  offset?: number;
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
    return miss(q, `语料中没有找到“${q}”。`, near);
  }

  const p = found.person;
  // Someone quoted in thousands of articles: count them all, but make only the page's statements.
  const page: StatementOut[] = [];
  let total = 0;
  for (const s of p.statements) {
    const ref = source(s.article);
    if (!ref) continue;
    if (total >= offset && page.length < limit) page.push({ ...pickRef(ref), text: s.text, direct: s.direct });
    total++;
  }
  const { aliases, roles, mentions, firstSeen, lastSeen, topics } = p;
  const profile: PersonProfile = { aliases, roles, mentions, firstSeen, lastSeen, topics };
  const result: WhoResult = { command: 'who', query: q, person: p.name, ...profile, statements: page };
  const notice = pageNotice(p, total, offset, page.length);
  if (notice) result.notice = notice;
  return result;
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

function miss(query: string, notice: string, near: PersonEntry[]): WhoResult {
  const nobody: PersonProfile = { aliases: [], roles: [], mentions: 0, firstSeen: null, lastSeen: null, topics: [] };
  const result: WhoResult = { command: 'who', query, person: null, ...nobody, statements: [], notice };
  if (near.length) result.suggestions = near.map((n) => n.name);
  return result;
}
