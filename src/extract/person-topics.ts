import { createHash } from 'node:crypto';
import { fold } from '../text/normalize.ts';
import { keywords, tag } from '../text/segment.ts';
import { key } from '../text/aliases.ts';
import { holdsShorterName, notATopic } from './registry-check.ts';
import type { PersonEntry, StatementRef, TopicStat } from './people.ts';

/**
 * The registry's topic step: what each person talks about (jieba's TF-IDF keywords of their newest
 * statements, names left out), with how many statements name each topic and when. Run for every
 * person at every build; the memo makes an update pay only for the people whose statements or
 * whose keywords' standing as names changed (see TopicMemo).
 */

/** A keyword of a person's text, with what the name filter needs of it. */
interface Keyword {
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

const PARTICLE_RE = /^[的了是个他她其于要将使在和与及就都也还又这该等却]|[的了是个他她其于要将使在和与及就都也还又这该等却]$/u;
const HAN_ONLY_RE = /^\p{sc=Han}+$/u;
const TEXT_CAP = 20000;

/**
 * What earlier builds learnt of each person's topics. A person's topics are a function of their
 * statements' texts and months and of which of their keywords are registered names: the memo keeps
 * the first two and re-checks the names, so a kept result is exactly what a rebuild would compute.
 * Maps of the last build only (a person who leaves the registry leaves the memo).
 */
export class TopicMemo {
  private persons = new Map<string, PersonTopics>();
  private keywordLists = new Map<string, string[]>();
  private foldedTexts = new Map<string, string>();
  private words = new Map<string, TopicWord>();
  private tags = new Map<string, string | undefined>();
  private nameParts = new Map<string, string[]>();

  /** Sets each person's topics and topicStats (most statements first, `limit` of them). */
  assign(people: PersonEntry[], dateOf: (article: number) => string, limit: number): void {
    // Topics: what they talk about, not whom: every registered name is left out.
    const previous = { persons: this.persons, keywordLists: this.keywordLists, foldedTexts: this.foldedTexts, words: this.words, nameParts: this.nameParts };
    this.nameParts = new Map();
    // A name stands for itself, its parts around dots and spaces, and a three-character Han name's surname.
    const partsOf = (n: string): string[] => {
      let parts = previous.nameParts.get(n) ?? this.nameParts.get(n);
      if (!parts) parts = [key(n), ...fold(n).split(/[·\s]/u).filter((x) => x.length >= 2), ...(/^\p{sc=Han}{3,}$/u.test(n) ? [fold(n).slice(0, 2)] : [])];
      this.nameParts.set(n, parts);
      return parts;
    };
    const allNames = new Set<string>();
    for (const p of people) {
      for (const part of partsOf(p.name)) allNames.add(part);
      for (const alias of p.aliases) for (const part of partsOf(alias)) allNames.add(part);
    }
    // Looked up by each topic's substrings (a scan of every name per topic was quadratic in the registry).
    const nameList = new Set([...allNames].filter((n) => /^\p{sc=Han}{2,}$/u.test(n)));
    this.persons = new Map();
    this.keywordLists = new Map();
    this.foldedTexts = new Map();
    this.words = new Map();
    const keywordsOf = (text: string, n: number): string[] => {
      const h = `${n}:${createHash('sha1').update(text).digest('base64')}`;
      const list = previous.keywordLists.get(h) ?? this.keywordLists.get(h) ?? keywords(text, n);
      this.keywordLists.set(h, list);
      return list;
    };
    const foldedOf = (text: string): string => {
      const f = previous.foldedTexts.get(text) ?? this.foldedTexts.get(text) ?? fold(text).toLowerCase();
      this.foldedTexts.set(text, f);
      return f;
    };
    const wordOf = (t: string): TopicWord => {
      let w = previous.words.get(t) ?? this.words.get(t);
      if (!w) w = { folded: fold(t), ok: notATopic(t) === undefined, han: HAN_ONLY_RE.test(t.trim()), trimmed: t.trim() };
      this.words.set(t, w);
      return w;
    };
    // notATopic(t, nameList) === undefined, its name-free checks memoised: with no names it differs only by the name inside a Han word.
    const verdicts = new Map<string, boolean>(); // of this build's names
    const isTopic = (t: string): boolean => {
      let yes = verdicts.get(t);
      if (yes === undefined) {
        const w = wordOf(t);
        yes = !holdsShorterName(w.folded, nameList) && w.ok && (!w.han || holdsShorterName(w.trimmed, nameList) === undefined);
        verdicts.set(t, yes);
      }
      return yes;
    };
    const n = limit + 4;
    for (const p of people) {
      const id = `${p.kind}\u0000${p.name}`;
      const texts = p.statements.map((s) => s.text);
      const months = p.statements.map((s) => dateOf(s.article).slice(0, 7));
      const before = previous.persons.get(id) ?? this.persons.get(id);
      // The newest statements are enough to say what they talk about.
      let used = 0;
      for (let length = 0; used < texts.length && length <= TEXT_CAP; used++) length += (texts[used] as string).length + 1;
      const kept = before && before.n === n && before.used === used && sameUpTo(before.texts, texts, used) ? before.keywords : undefined;
      const kws = kept ?? this.keywordsFor(texts.slice(0, used), n, keywordsOf);
      const candidates: string[] = [];
      for (const k of kws) {
        if (allNames.has(k.key) || k.particle) continue;
        candidates.push(k.written);
        if (candidates.length >= n) break;
      }
      const found = candidates.filter(isTopic);
      const foundKey = found.join('\n');
      const entry: PersonTopics =
        before && kept && before.found === foundKey && sameUpTo(before.texts, texts, texts.length + 1) && sameUpTo(before.months, months, months.length + 1)
          ? { ...before, texts, months }
          : { n, texts, months, used, keywords: kws, found: foundKey, ...this.topicsOf(found, p.statements, months, limit, foldedOf) };
      this.persons.set(id, entry);
      p.topics = entry.topics;
      p.topicStats = entry.topicStats;
    }
  }

  /** jieba's keywords of the statements' text, in its order, names not yet taken out. */
  private keywordsFor(texts: string[], n: number, keywordsOf: (text: string, n: number) => string[]): Keyword[] {
    if (texts.length === 0 || n <= 0) return [];
    let text = '';
    for (const t of texts) text += `${t}\n`;
    return keywordsOf(text, n * 2 + 6).map((w) => ({
      // keywords() folds case: show TPP, not tpp.
      written: /^[a-z0-9\-]+$/.test(w) ? (new RegExp(`(?<![A-Za-z])${w.replace(/-/g, '\\-')}(?![A-Za-z])`, 'i').exec(text.normalize('NFKC'))?.[0] ?? w) : w,
      key: key(w),
      // jieba's leftovers (他将, 的人, 于本周): a topic neither starts nor ends with a particle or pronoun.
      particle: PARTICLE_RE.test(w),
    }));
  }

  private topicsOf(found: string[], statements: StatementRef[], months: string[], limit: number, foldedOf: (text: string) => string): { topics: string[]; topicStats: TopicStat[] } {
    // A word jieba made up (x: 美长, 上奏出) is a topic only when more than one statement holds it.
    const stats = topicStats(found, statements, months, foldedOf).filter((t) => t.count >= 2 || this.tagOf(t.topic) !== 'x');
    const topicStatsKept = stats.slice(0, limit);
    const kept = new Set(topicStatsKept.map((t) => t.topic));
    return { topics: found.filter((t) => kept.has(t)), topicStats: topicStatsKept };
  }

  /** jieba's tag of a word it keeps whole ('x' when its dictionary does not know it). */
  private tagOf(word: string): string | undefined {
    if (this.tags.has(word)) return this.tags.get(word);
    let out: string | undefined;
    if (/^\p{sc=Han}+$/u.test(word)) {
      const t = tag(word);
      out = t.length === 1 ? t[0]?.tag : 'x';
    }
    this.tags.set(word, out);
    return out;
  }
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

/** For each topic, the statements whose words hold it: how many, first and last month. */
function topicStats(topics: string[], statements: StatementRef[], months: string[], folded: (text: string) => string): TopicStat[] {
  if (topics.length === 0) return [];
  const texts = statements.map((s) => folded(s.text));
  const out: TopicStat[] = [];
  for (const topic of topics) {
    const t = fold(topic).toLowerCase();
    let count = 0;
    let from = '';
    let to = '';
    texts.forEach((text, i) => {
      if (!text.includes(t)) return;
      count++;
      const month = months[i] as string;
      if (!month) return;
      if (!from || month < from) from = month;
      if (!to || month > to) to = month;
    });
    if (count > 0) out.push({ topic, count, from, to });
  }
  return out.sort((a, b) => b.count - a.count || a.from.localeCompare(b.from));
}
