import type { Article } from '../corpus/article.ts';
import { PAIR_WORDS, PeopleMemo, type PeopleIndex } from './people.ts';
import type { TopicMemoState } from './person-topics.ts';

/**
 * The people registry's memo as the index snapshot keeps it: each article's name scan and pair
 * filter, the forms scanned for, each person's keywords and topic counts and the keyword cuts of
 * their statements. A library opened from a snapshot then adds articles without folding and
 * scanning the whole archive again, nor cutting every speaker's statements (the first update after
 * a restart).
 */

/**
 * One article's scan as stored: [article number, covered, its Han forms (numbers in hanForms), its
 * Latin set (number in latinSigs, -1 none), its Latin forms, its bracket pairs, its pair filter's slot (-1 none)].
 */
export type StoredScan = [number, number, number[], number, string[], [string, string][], number];

/** PeopleMemo as the snapshot stores it (see memoState). */
export interface PeopleMemoState {
  hanForms: string[];
  /** The Latin sets the scans were made with, as their signatures (sorted forms, one a line). */
  latinSigs: string[];
  lastLatin: number;
  scans: StoredScan[];
  topics: TopicMemoState;
}

/**
 * What the snapshot keeps of the memo, for the articles in this order: a library opened from it
 * then adds articles without folding and scanning the whole archive again (the first update after
 * a restart). Each scan's pair filter goes to `pairs`, PAIR_WORDS words a slot.
 */
export function memoState(memo: PeopleMemo, articles: readonly Article[], people: PeopleIndex): { state: PeopleMemoState; pairs: Uint32Array } {
  const formId = new Map(memo.hanForms.map((f, i) => [f, i]));
  const sigs: string[] = [];
  const sigId = (sig: string | undefined): number => {
    if (sig === undefined) return -1;
    const i = sigs.indexOf(sig);
    return i === -1 ? sigs.push(sig) - 1 : i;
  };
  const scans: StoredScan[] = [];
  const filters: Uint32Array[] = [];
  articles.forEach((a, i) => {
    const s = memo.scans.get(a);
    if (!s) return;
    const han = s.han.map((f) => {
      const id = formId.get(f);
      if (id === undefined) throw new Error(`people: article ${i}'s scan holds ${f}, which is no scanned form`);
      return id;
    });
    scans.push([i, s.covered, han, sigId(s.latinSig), s.latin, s.brackets, s.pairs ? filters.push(s.pairs) - 1 : -1]);
  });
  const pairs = new Uint32Array(filters.length * PAIR_WORDS);
  filters.forEach((f, k) => pairs.set(f, k * PAIR_WORDS));
  const state = { hanForms: memo.hanForms.slice(), latinSigs: sigs, lastLatin: sigId(memo.lastLatin?.sig), scans, topics: memo.topics.state(people.people) };
  return { state, pairs };
}

/** The memo a build left, from its stored state (see memoState); throws when the state does not fit these articles. */
export function restoreMemo(stored: PeopleMemoState, pairs: Uint32Array, articles: readonly Article[], people: PeopleIndex): PeopleMemo {
  const memo = new PeopleMemo();
  const bad = (what: string): never => {
    throw new Error(`people: the stored memo ${what}`);
  };
  for (const f of stored.hanForms) {
    if (memo.hanSeen.has(f)) bad(`lists the form ${f} twice`);
    memo.hanSeen.add(f);
    memo.hanForms.push(f);
  }
  const sig = (i: number): string | undefined => (i === -1 ? undefined : (stored.latinSigs[i] ?? bad(`names Latin set ${i} of ${stored.latinSigs.length}`)));
  const last = sig(stored.lastLatin);
  // The signature is the set's sorted forms, one a line (see buildPeople): the set comes back from it.
  if (last !== undefined) memo.lastLatin = { sig: last, forms: new Set(last === '' ? [] : last.split('\n')) };
  for (const [i, covered, han, latinSig, latin, brackets, slot] of stored.scans) {
    const a = articles[i] ?? bad(`has a scan of article ${i} of ${articles.length}`);
    if (covered > memo.hanForms.length) bad(`covers ${covered} of ${memo.hanForms.length} forms`);
    if (slot !== -1 && (slot + 1) * PAIR_WORDS > pairs.length) bad(`names pair filter ${slot} of ${pairs.length / PAIR_WORDS}`);
    memo.scans.set(a, {
      brackets,
      covered,
      han: han.map((id) => memo.hanForms[id] ?? bad(`names form ${id} of ${memo.hanForms.length}`)),
      latinSig: sig(latinSig),
      latin,
      ...(slot === -1 ? {} : { pairs: pairs.subarray(slot * PAIR_WORDS, (slot + 1) * PAIR_WORDS) }),
    });
  }
  memo.topics.restore(stored.topics, people.people, (i) => articles[i]?.publishedAt ?? '');
  return memo;
}
