import { joinLines, KeywordCounts, type KeywordCutsState } from '../text/keywords.ts';
import { BuildCache, keptFor } from '../text/memo.ts';
import { fold } from '../text/normalize.ts';
import { tag } from '../text/segment.ts';
import { key } from '../text/aliases.ts';
import { holdsShorterName, notATopic } from './registry-check.ts';
import type { PersonEntry, StatementRef, TopicStat } from './people.ts';

/**
 * The registry's topic step: what each person talks about (jieba's TF-IDF keywords of their newest
 * statements, names left out), with how many statements name each topic and when. Run for every
 * person at every build; the memo makes an update pay only for the people whose statements or
 * whose keywords' standing as names changed (see TopicMemo).
 */

/** A person's topic step as the snapshot stores it: [n, used, jieba's keywords, the tally as [topic, count, from, to]]; null when none was made. */
export type StoredTopics = [number, number, string[], [string, number, string, string][]] | null;

/** TopicMemo as the snapshot stores it: each person's entry (in the registry's order) and the keyword cuts of their texts. */
export interface TopicMemoState {
  persons: StoredTopics[];
  cuts: KeywordCutsState;
}

/** A keyword of a person's text, with what the name filter needs of it. */
interface Keyword {
  /** As jieba gave it. */
  word: string;
  /** The word as the text writes it (TPP, not tpp). */
  written: string;
  /** Its form key: a keyword that is a registered name is no topic. */
  key: string;
  /** Starts or ends with a particle or pronoun (他将, 的人): never a topic. */
  particle: boolean;
}

/** What the topic step made of one person's statements, to be reused while they stay the same. */
interface PersonTopics {
  /** How many topics were asked for. */
  n: number;
  /** Every statement's text and month (YYYY-MM, '' undated), newest first. */
  texts: string[];
  months: string[];
  /** The first `used` statements made the keyword text. */
  used: number;
  keywords: Keyword[];
  /** The topics found (names out), one a line: the statistics below are theirs. */
  found: string;
  /** Each found topic's statistics over every statement, in the order found (counts of 0 kept): what the next build adds to. */
  tally: TopicStat[];
  topics: string[];
  topicStats: TopicStat[];
}

/** A topic word's checks that do not depend on the registry's names. */
interface TopicWord {
  folded: string;
  /** notATopic(word) with no names: undefined when the word may be a topic. */
  ok: boolean;
  /** A Han word: notATopic then also looks for a registered name inside it. */
  han: boolean;
  trimmed: string;
}

/** The registry's names as the topic step leaves them out. */
interface Names {
  /** Every name's key and parts (see partsOf). */
  all: Set<string>;
  /** Those of two Han characters or more: a topic holding one is no topic. */
  han: Set<string>;
}

const PARTICLE_RE = /^[的了是个他她其于要将使在和与及就都也还又这该等却]|[的了是个他她其于要将使在和与及就都也还又这该等却]$/u;
const HAN_ONLY_RE = /^\p{sc=Han}+$/u;
const TEXT_CAP = 20000;
// More names changed than this and the topic verdicts are all made again (each kept one is checked against every changed name).
const NAME_CHANGES_CHECKED = 64;

/**
 * What earlier builds learnt of each person's topics. A person's topics are a function of their
 * statements' texts and months and of which of their keywords are registered names: the memo keeps
 * the first two and re-checks the names, so a kept result is exactly what a rebuild would compute.
 * A person whose statements and whose keywords' standing as names did not change costs one pass
 * over their statements (no copy); jieba's words of each statement are kept (KeywordCounts), so a
 * person who said something new costs the cut of the new statements only.
 */
export class TopicMemo {
  /** By kind and name, of the last build (a person who leaves the registry leaves the memo). */
  private persons = new Map<string, PersonTopics>();
  private readonly counts = new KeywordCounts();
  private readonly words = new BuildCache<string, TopicWord>();
  private readonly tags = new BuildCache<string, string | undefined>();
  /** Each statement text folded (lower case), kept while some person's statements hold it: a topic new to a person is counted over all their statements. */
  private folded = new Map<string, string>();
  private readonly nameParts = new BuildCache<string, { all: string[]; han: string[] }>();
  /** The last build's names, and topic verdicts under them (notATopic(word, names.han) === undefined). */
  private names: Names | undefined;
  private verdicts = new Map<string, boolean>();

  /** Sets each person's topics and topicStats (most statements first, `limit` of them). */
  assign(people: PersonEntry[], dateOf: (article: number) => string, limit: number): void {
    this.words.next();
    this.tags.next();
    this.nameParts.next();
    const names = this.namesOf(people);
    const sameNames = this.keepVerdicts(names);
    const monthOf = monthsOf(dateOf);
    const n = limit + 4;
    const persons = new Map<string, PersonTopics>();
    let live = 0;
    for (const p of people) {
      const id = personId(p);
      const before = this.persons.get(id) ?? persons.get(id);
      let entry: PersonTopics;
      if (before && before.n === n && sameStatements(before, p.statements, monthOf)) {
        // The same statements: the same keywords; the topics change only with the names.
        const found = sameNames ? before.found : this.found(before.keywords, n, names).join('\n');
        entry = found === before.found ? before : this.withTopics({ ...before, found }, found ? found.split('\n') : [], before.texts, before.months, limit);
      } else {
        entry = this.fresh(p.statements, before, n, limit, names, monthOf);
      }
      persons.set(id, entry);
      live += entry.used;
      p.topics = entry.topics;
      p.topicStats = entry.topicStats;
    }
    this.persons = persons;
    this.counts.prune(keywordTexts(persons.values()), live);
    this.pruneFolded(persons.values());
  }

  /** Forgets the folded texts no person holds, when they are many. */
  private pruneFolded(persons: Iterable<PersonTopics>): void {
    const live = [...persons];
    this.folded = keptFor(this.folded, allTexts(live), live.reduce((n, p) => n + p.texts.length, 0), 1000);
  }

  /** A person whose statements changed: their keywords again when their newest statements changed, their topics again. */
  private fresh(statements: StatementRef[], before: PersonTopics | undefined, n: number, limit: number, names: Names, monthOf: (article: number) => string): PersonTopics {
    const texts = statements.map((s) => s.text);
    const months = statements.map((s) => monthOf(s.article));
    // The newest statements are enough to say what they talk about.
    let used = 0;
    for (let length = 0; used < texts.length && length <= TEXT_CAP; used++) length += (texts[used] as string).length + 1;
    const kept = before && before.n === n && before.used === used && sameUpTo(before.texts, texts, used) ? before.keywords : undefined;
    const kws = kept ?? this.keywordsFor(texts.slice(0, used), n);
    const found = this.found(kws, n, names);
    const foundKey = found.join('\n');
    if (before && kept && before.found === foundKey && sameUpTo(before.texts, texts, texts.length + 1) && sameUpTo(before.months, months, months.length + 1)) return { ...before, texts, months };
    const entry = { n, texts, months, used, keywords: kws, found: foundKey };
    // Only statements added (the usual update): a topic found before has its counts so far, plus the new statements';
    // a topic new to the person is counted over all of them.
    const added = before ? addedTo(before, texts, months) : undefined;
    if (before && added) {
      const was = new Map(before.found ? before.found.split('\n').map((t, k) => [t, before.tally[k] as TopicStat]) : []);
      const known = found.filter((t) => was.has(t));
      const counted = new Map<string, TopicStat>();
      const put = (stats: TopicStat[]): void => stats.forEach((st) => counted.set(st.topic, st));
      put(this.tally(known, added.map((i) => texts[i] as string), added.map((i) => months[i] as string), known.map((t) => was.get(t) as TopicStat)));
      put(this.tally(found.filter((t) => !was.has(t)), texts, months));
      return { ...entry, ...this.ranked(found, found.map((t) => counted.get(t) as TopicStat), limit) };
    }
    return this.withTopics(entry, found, texts, months, limit);
  }

  /** The registry's names and their parts: a name stands for itself, its parts around dots and spaces, and a three-character Han name's surname. */
  private namesOf(people: PersonEntry[]): Names {
    const all = new Set<string>();
    // Looked up by each topic's substrings (a scan of every name per topic was quadratic in the registry).
    const han = new Set<string>();
    const add = (name: string): void => {
      const parts = this.nameParts.get(name, (nm) => {
        const list = [key(nm), ...fold(nm).split(/[·\s]/u).filter((x) => x.length >= 2), ...(/^\p{sc=Han}{3,}$/u.test(nm) ? [fold(nm).slice(0, 2)] : [])];
        return { all: list, han: list.filter((x) => /^\p{sc=Han}{2,}$/u.test(x)) };
      });
      for (const x of parts.all) all.add(x);
      for (const x of parts.han) han.add(x);
    };
    for (const p of people) {
      add(p.name);
      for (const alias of p.aliases) add(alias);
    }
    return { all, han };
  }

  /**
   * Makes the kept topic verdicts those of this build's names: a verdict changes only for a word
   * that holds a Han name that came or went. True when no name came or went at all.
   */
  private keepVerdicts(names: Names): boolean {
    const before = this.names;
    this.names = names;
    if (!before) {
      this.verdicts = new Map();
      return false;
    }
    const changed: string[] = [];
    for (const h of names.han) if (!before.han.has(h)) changed.push(h);
    for (const h of before.han) if (!names.han.has(h)) changed.push(h);
    if (changed.length > NAME_CHANGES_CHECKED) this.verdicts = new Map();
    else if (changed.length) {
      for (const word of [...this.verdicts.keys()]) {
        const w = this.wordOf(word);
        if (changed.some((h) => h.length < w.folded.length && w.folded.includes(h) || w.han && h.length < w.trimmed.length && w.trimmed.includes(h))) this.verdicts.delete(word);
      }
    }
    return changed.length === 0 && sameSet(before.all, names.all);
  }

  /** The topics among a person's keywords: the first n that are no registered name and no particle, then those notATopic lets through. */
  private found(kws: readonly Keyword[], n: number, names: Names): string[] {
    const candidates: string[] = [];
    for (const k of kws) {
      if (names.all.has(k.key) || k.particle) continue;
      candidates.push(k.written);
      if (candidates.length >= n) break;
    }
    return candidates.filter((t) => this.isTopic(t, names.han));
  }

  /** notATopic(t, names) === undefined, its name-free checks memoised: with no names it differs only by the name inside a Han word. */
  private isTopic(t: string, names: ReadonlySet<string>): boolean {
    let yes = this.verdicts.get(t);
    if (yes === undefined) {
      const w = this.wordOf(t);
      yes = !holdsShorterName(w.folded, names) && w.ok && (!w.han || holdsShorterName(w.trimmed, names) === undefined);
      this.verdicts.set(t, yes);
    }
    return yes;
  }

  private wordOf(t: string): TopicWord {
    return this.words.get(t, () => ({ folded: fold(t), ok: notATopic(t) === undefined, han: HAN_ONLY_RE.test(t.trim()), trimmed: t.trim() }));
  }

  /** jieba's keywords of the statements' text, in its order, names not yet taken out. */
  private keywordsFor(texts: string[], n: number): Keyword[] {
    if (texts.length === 0 || n <= 0) return [];
    return keywordsOf(this.counts.keywords(texts, n * 2 + 6), texts);
  }

  /** Each person's entry as the snapshot stores it, in the registry's order (null: none made), and the keyword cuts of their texts. */
  state(people: readonly PersonEntry[]): TopicMemoState {
    const persons = people.map((p): StoredTopics => {
      const e = this.persons.get(personId(p));
      return e ? [e.n, e.used, e.keywords.map((k) => k.word), e.tally.map((t) => [t.topic, t.count, t.from, t.to] as [string, number, string, string])] : null;
    });
    return { persons, cuts: this.counts.state(distinct(keywordTexts(this.ordered(people)))) };
  }

  /**
   * The entries of the build that made `people` (stored by state()): their texts and months are the
   * registry's statements, their keywords and counts as stored, so a person whose statements stay the
   * same costs no keyword cut after a restart. Throws when the stored list is not the registry's.
   */
  restore(state: TopicMemoState, people: readonly PersonEntry[], dateOf: (article: number) => string): void {
    const stored = state.persons;
    if (stored.length !== people.length) throw new Error(`person-topics: ${stored.length} stored entries for ${people.length} people`);
    const monthOf = monthsOf(dateOf);
    const persons = new Map<string, PersonTopics>();
    people.forEach((p, i) => {
      const e = stored[i];
      if (!e) return;
      const [n, used, words, tally] = e;
      const texts = p.statements.map((s) => s.text);
      if (used > texts.length) throw new Error(`person-topics: ${p.name}'s entry uses ${used} of ${texts.length} statements`);
      const stats = tally.map(([topic, count, from, to]) => ({ topic, count, from, to }));
      persons.set(personId(p), {
        n,
        texts,
        months: p.statements.map((s) => monthOf(s.article)),
        used,
        keywords: keywordsOf(words, texts.slice(0, used)),
        found: stats.map((t) => t.topic).join('\n'),
        tally: stats,
        topics: p.topics,
        topicStats: p.topicStats,
      });
    });
    this.persons = persons;
    this.counts.restore(state.cuts, distinct(keywordTexts(this.ordered(people))));
  }

  /** The entries of these people, in their order (those with one). */
  private *ordered(people: readonly PersonEntry[]): Iterable<PersonTopics> {
    for (const p of people) {
      const e = this.persons.get(personId(p));
      if (e) yield e;
    }
  }

  private withTopics<T extends object>(entry: T, found: string[], texts: readonly string[], months: readonly string[], limit: number): T & Pick<PersonTopics, 'tally' | 'topics' | 'topicStats'> {
    return { ...entry, ...this.ranked(found, this.tally(found, texts, months), limit) };
  }

  /** For each topic, the statements whose words hold it: how many, first and last month (added to `base`, the same topics' figures over other statements). */
  private tally(topics: string[], texts: readonly string[], months: readonly string[], base?: readonly TopicStat[]): TopicStat[] {
    if (topics.length === 0) return [];
    const folded = texts.map((text) => {
      let f = this.folded.get(text);
      if (f === undefined) this.folded.set(text, (f = fold(text).toLowerCase()));
      return f;
    });
    return topics.map((topic, k) => {
      const t = fold(topic).toLowerCase();
      let { count, from, to } = base?.[k] ?? { count: 0, from: '', to: '' };
      folded.forEach((text, i) => {
        if (!text.includes(t)) return;
        count++;
        const month = months[i] as string;
        if (!month) return;
        if (!from || month < from) from = month;
        if (!to || month > to) to = month;
      });
      return { topic, count, from, to };
    });
  }

  /** The topics shown, from the tally: most statements first; a word jieba made up (x: 美长, 上奏出) only when more than one statement holds it. */
  private ranked(found: string[], tally: TopicStat[], limit: number): Pick<PersonTopics, 'tally' | 'topics' | 'topicStats'> {
    const stats = tally
      .filter((t) => t.count > 0)
      .sort((a, b) => b.count - a.count || a.from.localeCompare(b.from))
      .filter((t) => t.count >= 2 || this.tagOf(t.topic) !== 'x');
    const topicStatsKept = stats.slice(0, limit);
    const kept = new Set(topicStatsKept.map((t) => t.topic));
    return { tally, topics: found.filter((t) => kept.has(t)), topicStats: topicStatsKept };
  }

  /** jieba's tag of a word it keeps whole ('x' when its dictionary does not know it). */
  private tagOf(word: string): string | undefined {
    return this.tags.get(word, () => {
      if (!/^\p{sc=Han}+$/u.test(word)) return undefined;
      const t = tag(word);
      return t.length === 1 ? t[0]?.tag : 'x';
    });
  }
}

/** jieba's keywords as the topic step holds them; `texts` are those the keywords were made of. */
function keywordsOf(words: readonly string[], texts: readonly string[]): Keyword[] {
  let text: string | undefined;
  return words.map((w) => ({
    word: w,
    // keywords() folds case: show TPP, not tpp.
    written: /^[a-z0-9\-]+$/.test(w) ? (new RegExp(`(?<![A-Za-z])${w.replace(/-/g, '\\-')}(?![A-Za-z])`, 'i').exec((text ??= joinLines(texts).normalize('NFKC')))?.[0] ?? w) : w,
    key: key(w),
    // jieba's leftovers (他将, 的人, 于本周): a topic neither starts nor ends with a particle or pronoun.
    particle: PARTICLE_RE.test(w),
  }));
}

/** Each article's month (YYYY-MM), cut once per build. */
function monthsOf(dateOf: (article: number) => string): (article: number) => string {
  const months: string[] = [];
  return (a) => (months[a] ??= dateOf(a).slice(0, 7));
}

/** The kept person's statements have the same texts and months as these (no list made). */
function sameStatements(before: PersonTopics, statements: readonly StatementRef[], monthOf: (article: number) => string): boolean {
  if (before.texts.length !== statements.length) return false;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i] as StatementRef;
    if (before.texts[i] !== s.text || before.months[i] !== monthOf(s.article)) return false;
  }
  return true;
}

/**
 * The statements (indices into texts) added since `before`, when its statements are all still there
 * in the same order (a subsequence of these); undefined when one went or changed.
 */
function addedTo(before: PersonTopics, texts: readonly string[], months: readonly string[]): number[] | undefined {
  const added: number[] = [];
  let j = 0;
  for (let i = 0; i < texts.length; i++) {
    if (j < before.texts.length && texts[i] === before.texts[j] && months[i] === before.months[j]) j++;
    else added.push(i);
  }
  return j === before.texts.length ? added : undefined;
}

/** Every statement text of these persons (read only when a prune needs them). */
function* allTexts(persons: Iterable<PersonTopics>): Iterable<string> {
  for (const p of persons) yield* p.texts;
}

function* keywordTexts(persons: Iterable<PersonTopics>): Iterable<string> {
  for (const p of persons) for (let i = 0; i < p.used; i++) yield p.texts[i] as string;
}

/** A person's key in the memo: kind and name (an outlet and a person may share a name). */
function personId(p: Pick<PersonEntry, 'kind' | 'name'>): string {
  return `${p.kind}\u0000${p.name}`;
}

/** Each string once, in the order first given. */
function distinct(list: Iterable<string>): string[] {
  return [...new Set(list)];
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** a[0..n) and b[0..n) are the same strings (and both lists end together when n passes their end). */
function sameUpTo(a: readonly string[], b: readonly string[], n: number): boolean {
  if (n > a.length || n > b.length) {
    if (a.length !== b.length) return false;
    n = a.length;
  }
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
