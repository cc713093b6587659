import type { Article } from '../corpus/article.ts';
import type { EntryCore, StatementRef } from './people.ts';
import type { ArticleAnalysis } from './statements.ts';

/** A form of a name as the corpus gives it, summed over the articles. */
export interface Form {
  display: string;
  kind: 'person' | 'outlet';
  roles: Map<string, number>;
  /** Times seen as a speaker or named person (not counting alias-table forms). */
  seen: number;
  /** Statements given to this form. */
  said: number;
}

/** What steps 1b and 2 of buildPeople made of the forms (see shapeOf in people.ts). */
export interface Shape {
  /** The form keys that are no name, left out of the registry. */
  deleted: readonly string[];
  /** A form key that is a name with a scrap → the key of that name. */
  glued: ReadonlyMap<string, string>;
  /** Forms the alias table or a romanisation joined that no article gives as a name. */
  extra: ReadonlyMap<string, { display: string; kind: 'person' | 'outlet' }>;
  /** Each group's root → its keys. */
  groups: ReadonlyMap<string, readonly string[]>;
  /** Each key → its group's root. */
  roots: ReadonlyMap<string, string>;
}

/** What one article gives the registry's forms (in order) and each of its statements' speaker key. */
export interface ArticleGives {
  forms: readonly { k: string; d: string; kind: 'person' | 'outlet'; roles: readonly string[]; said: number }[];
  speakers: readonly string[];
}

/** What the registry's mention count needs of an article's scan: the forms found in it (Han ones only grow; Latin ones are replaced whole). */
export interface ScanFound {
  han: readonly string[];
  latin: readonly string[];
}

/**
 * The registry's sums over a run of articles, kept from one build to the next: every pass of
 * buildPeople that would read every article reads these instead, and an update that only appends
 * articles (a feed's new files take the next numbers) adds the new articles to them. Sums made in
 * article order stay exact under appending: the first article to give a form still gives it first.
 * Anything else (an article removed, replaced or moved) starts new sums, so a build over any
 * articles is the same whichever way its sums were made.
 */
export class RegistrySums {
  private readonly articles: Article[] = [];
  private readonly analyses: ArticleAnalysis[] = [];
  /** Step 1: every form by key, in the order the articles first give it. */
  readonly forms = new Map<string, Form>();
  /** The bracketed Han + Latin pairs (木内登英, Takahide Kiuchi), each once, in the order first written: a pair repeated joins nothing new. */
  readonly brackets: [string, string][] = [];
  private readonly bracketSeen = new Set<string>();
  /** Speaker key → the articles (ascending) with a statement given to it. */
  readonly speakers = new Map<string, number[]>();
  /** Scanned form → the articles whose scan found it (each once, in no set order). */
  private readonly hanHits = new Map<string, number[]>();
  private latinHits = new Map<string, number[]>();
  /** Per article: how many of its scan's Han forms, and which Latin list, the hits hold. */
  private readonly hanHeld: number[] = [];
  private readonly latinHeld: (readonly string[])[] = [];
  /** Bumped whenever a sum that decides the shape changes: a new form, a form's first statement or a new title of it, a new bracketed pair. */
  private shapeChanges = 0;
  private shape: { shape: Shape; at: number; aliases: string } | undefined;
  /** Form keys given again, and scanned forms found in more articles, since the last build (all: the Latin scans were made again). */
  private readonly changedKeys = new Set<string>();
  private readonly changedForms = new Set<string>();
  private allChanged = false;
  private entries: { shape: Shape; byRoot: ReadonlyMap<string, EntryCore> } | undefined;
  /** The last build's articles newest first, and whether every date was an ISO instant (toISOString). */
  private order: { order: number[]; iso: boolean } | undefined;
  /** The last build's statements of each speaker set (its speaker keys, sorted, joined), over these articles. */
  said = new Map<string, StatementRef[]>();

  /** How many articles the sums hold. */
  get count(): number {
    return this.articles.length;
  }

  /** The sums hold a prefix of these articles, each with the same analysis (the same objects). */
  holdsPrefixOf(articles: readonly Article[], analyses: readonly ArticleAnalysis[]): boolean {
    if (this.articles.length > articles.length) return false;
    for (let i = 0; i < this.articles.length; i++) if (this.articles[i] !== articles[i] || this.analyses[i] !== analyses[i]) return false;
    return true;
  }

  /** Adds articles[count ..) to the forms, brackets and speakers (the hits follow the scans: see noteScans). */
  append(articles: readonly Article[], analyses: readonly ArticleAnalysis[], gives: (an: ArticleAnalysis) => ArticleGives, bracketsOf: (a: Article) => readonly [string, string][]): void {
    for (let i = this.articles.length; i < articles.length; i++) {
      const a = articles[i] as Article;
      const an = analyses[i];
      if (!an) throw new Error(`people-sums: article ${a.id} (${i}) has no analysis`);
      const g = gives(an);
      for (const given of g.forms) {
        this.changedKeys.add(given.k);
        let f = this.forms.get(given.k);
        if (!f) {
          f = { display: given.d, kind: given.kind, roles: new Map(), seen: 0, said: 0 };
          this.forms.set(given.k, f);
          this.shapeChanges++;
        }
        f.seen++;
        if (f.said === 0 && given.said > 0) this.shapeChanges++;
        f.said += given.said;
        for (const r of given.roles) {
          const n = f.roles.get(r);
          if (n === undefined) this.shapeChanges++;
          f.roles.set(r, (n ?? 0) + 1);
        }
      }
      for (const k of new Set(g.speakers)) push(this.speakers, k, i);
      for (const pair of bracketsOf(a)) {
        const id = `${pair[0]}\u0000${pair[1]}`;
        if (this.bracketSeen.has(id)) continue;
        this.bracketSeen.add(id);
        this.brackets.push(pair);
        this.shapeChanges++;
      }
      this.articles.push(a);
      this.analyses.push(an);
    }
  }

  /**
   * The shape the last build made, when nothing that decides it changed since: the same forms (key,
   * display, kind), each with the same titles and quoted or not, the same bracketed pairs, and the
   * same alias table (`aliases`: its groups as JSON). Most updates bring no new name.
   */
  keptShape(aliases: string): Shape | undefined {
    return this.shape && this.shape.at === this.shapeChanges && this.shape.aliases === aliases ? this.shape.shape : undefined;
  }

  keepShape(shape: Shape, aliases: string): void {
    this.shape = { shape, at: this.shapeChanges, aliases };
  }

  /**
   * newestFirst(count, dateOf) (see people.ts), the articles held before merged with the new ones:
   * an article's place among the others it was held with does not change when articles are appended.
   */
  newestFirst(count: number, dateOf: (i: number) => string): number[] {
    const last = this.order;
    const from = last?.order.length ?? 0;
    let order: number[];
    const iso = (i: number): boolean => ISO_INSTANT_RE.test(dateOf(i));
    const added = Array.from({ length: Math.max(0, count - from) }, (_, k) => from + k);
    if (last?.iso && from <= count && added.every(iso)) {
      // Newest first, then in index order: the new articles sorted, then merged in (an old one first on the same date).
      added.sort((a, b) => (dateOf(a) > dateOf(b) ? -1 : dateOf(a) < dateOf(b) ? 1 : a - b));
      order = [];
      let i = 0;
      let j = 0;
      while (i < last.order.length || j < added.length) {
        const a = last.order[i];
        const b = added[j];
        if (a !== undefined && (b === undefined || dateOf(a) >= dateOf(b))) {
          order.push(a);
          i++;
        } else {
          order.push(b as number);
          j++;
        }
      }
      this.order = { order, iso: true };
    } else {
      order = newestFirst(count, dateOf);
      this.order = { order, iso: order.every(iso) };
    }
    return order;
  }

  /** The entries the last build made of its groups, when it had this shape (the same groups, the same alias table). */
  entriesOf(shape: Shape): ReadonlyMap<string, EntryCore> | undefined {
    return this.entries?.shape === shape && !this.allChanged ? this.entries.byRoot : undefined;
  }

  /** A form key whose sums (times seen, titles, statements) and whose articles (its scanned form's) did not change since the last build. */
  unchanged(key: string, scanned: { text: string } | undefined): boolean {
    return !this.changedKeys.has(key) && (scanned === undefined || !this.changedForms.has(scanned.text));
  }

  /** This build's entries: the changes so far are now the last build's. */
  keepEntries(shape: Shape, byRoot: ReadonlyMap<string, EntryCore>): void {
    this.entries = { shape, byRoot };
    this.changedKeys.clear();
    this.changedForms.clear();
    this.allChanged = false;
  }

  /** Brings the hits up to the articles' scans (after the build's scan step has covered every article). */
  noteScans(articles: readonly Article[], scanOf: (a: Article) => ScanFound): void {
    let latinMoved = false;
    for (let i = 0; i < articles.length; i++) {
      const scan = scanOf(articles[i] as Article);
      for (let k = this.hanHeld[i] ?? 0; k < scan.han.length; k++) {
        push(this.hanHits, scan.han[k] as string, i);
        this.changedForms.add(scan.han[k] as string);
      }
      this.hanHeld[i] = scan.han.length;
      const held = this.latinHeld[i];
      if (held === scan.latin) continue;
      // A Latin scan is made again whole when the Latin forms change: its old finds leave the hits with it.
      if (held) latinMoved = true;
      else {
        for (const form of scan.latin) {
          push(this.latinHits, form, i);
          this.changedForms.add(form);
        }
      }
      this.latinHeld[i] = scan.latin;
    }
    if (!latinMoved) return;
    this.allChanged = true;
    this.latinHits = new Map();
    this.latinHeld.forEach((list, i) => {
      for (const form of list) push(this.latinHits, form, i);
    });
  }

  /** The articles whose scan found a form (each once). */
  hits(form: string, latin: boolean): readonly number[] {
    return (latin ? this.latinHits : this.hanHits).get(form) ?? [];
  }
}

function push(map: Map<string, number[]>, k: string, i: number): void {
  const list = map.get(k);
  if (list) list.push(i);
  else map.set(k, [i]);
}

/** A group's mentions so far, with the first and last date among them. */
export interface Seen {
  group: number;
  mentions: number;
  first: string | null;
  last: string | null;
}

/** Counts an article for a group once (mark holds the last group that counted each article). */
export function countIn(seen: Seen, a: number, mark: Int32Array, dateOf: (i: number) => string): void {
  if (mark[a] === seen.group) return;
  mark[a] = seen.group;
  seen.mentions++;
  const d = dateOf(a);
  if (!d) return;
  if (seen.first === null || d < seen.first) seen.first = d;
  if (seen.last === null || d > seen.last) seen.last = d;
}

/**
 * Each group's statements (by root), newest first, then in article order; within an article as
 * refsOf gives them. A group whose speakers are the last build's (the same speaker keys, sorted,
 * give the same list of the articles then held) keeps that list, with the statements of the
 * articles added since (`before` on) merged in: an append costs what it adds. Any other group
 * reads the articles its speakers speak in.
 */
export function statementsByGroup(
  count: number,
  before: number,
  sums: RegistrySums,
  dateOf: (i: number) => string,
  rootOf: (speaker: string) => string,
  refsOf: (article: number, root: string) => StatementRef[],
): Map<string, StatementRef[]> {
  const rank = new Int32Array(count);
  const order = sums.newestFirst(count, dateOf);
  order.forEach((a, r) => {
    rank[a] = r;
  });
  const speakersOf = new Map<string, string[]>(); // root → its speaker keys
  for (const k of sums.speakers.keys()) {
    const root = rootOf(k);
    if (!root) continue;
    const list = speakersOf.get(root);
    if (list) list.push(k);
    else speakersOf.set(root, [k]);
  }
  const mark = new Int32Array(count).fill(-1);
  let g = 0;
  // The statements of the articles from `from` on, in rank order.
  const read = (root: string, keys: string[], from: number): StatementRef[] => {
    g++;
    const arts: number[] = [];
    for (const k of keys) {
      const list = sums.speakers.get(k) ?? [];
      // Ascending: the articles from `from` on are its tail.
      for (let j = list.length - 1; j >= 0 && (list[j] as number) >= from; j--) {
        const a = list[j] as number;
        if (mark[a] === g) continue;
        mark[a] = g;
        arts.push(a);
      }
    }
    arts.sort((a, b) => (rank[a] as number) - (rank[b] as number));
    const out: StatementRef[] = [];
    for (const a of arts) for (const ref of refsOf(a, root)) out.push(ref);
    return out;
  };
  const said = new Map<string, StatementRef[]>();
  const kept = new Map<string, StatementRef[]>();
  for (const [root, keys] of speakersOf) {
    const sig = keys.slice().sort().join('\u0000');
    const last = sums.said.get(sig);
    const list = (last && merged(last, read(root, keys, before), rank)) ?? read(root, keys, 0);
    said.set(root, list);
    kept.set(sig, list);
  }
  sums.said = kept;
  return said;
}

/** The kept list with the added statements merged in by rank; undefined when the kept list is not in rank order (then it is read again). */
function merged(kept: StatementRef[], added: StatementRef[], rank: Int32Array): StatementRef[] | undefined {
  let prev = -1;
  for (const s of kept) {
    const r = rank[s.article] as number;
    if (r < prev) return undefined;
    prev = r;
  }
  if (added.length === 0) return kept;
  const out: StatementRef[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < added.length) {
    const a = kept[i];
    const b = added[j];
    if (a && (!b || (rank[a.article] as number) < (rank[b.article] as number))) {
      out.push(a);
      i++;
    } else {
      out.push(b as StatementRef);
      j++;
    }
  }
  return out;
}

const ISO_INSTANT_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * The articles' indices by date, newest first, then in index order (dates compared by localeCompare).
 * Dates all written alike (toISOString) differ first at a digit, where localeCompare orders as the
 * code units do: compared as such, without a collator call per comparison.
 */
export function newestFirst(count: number, dateOf: (i: number) => string): number[] {
  const dates = Array.from({ length: count }, (_, i) => dateOf(i));
  const order = [...dates.keys()];
  if (dates.every((d) => ISO_INSTANT_RE.test(d))) return order.sort((a, b) => (dates[a] as string) > (dates[b] as string) ? -1 : (dates[a] as string) < (dates[b] as string) ? 1 : a - b);
  return order.sort((a, b) => (dates[b] as string).localeCompare(dates[a] as string) || a - b);
}
