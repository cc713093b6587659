import type { Article } from '../corpus/article.ts';
import type { StatementRef } from './people.ts';
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
        let f = this.forms.get(given.k);
        if (!f) {
          f = { display: given.d, kind: given.kind, roles: new Map(), seen: 0, said: 0 };
          this.forms.set(given.k, f);
        }
        f.seen++;
        f.said += given.said;
        for (const r of given.roles) f.roles.set(r, (f.roles.get(r) ?? 0) + 1);
      }
      for (const k of new Set(g.speakers)) push(this.speakers, k, i);
      for (const pair of bracketsOf(a)) {
        const id = `${pair[0]}\u0000${pair[1]}`;
        if (this.bracketSeen.has(id)) continue;
        this.bracketSeen.add(id);
        this.brackets.push(pair);
      }
      this.articles.push(a);
      this.analyses.push(an);
    }
  }

  /** Brings the hits up to the articles' scans (after the build's scan step has covered every article). */
  noteScans(articles: readonly Article[], scanOf: (a: Article) => ScanFound): void {
    let latinMoved = false;
    for (let i = 0; i < articles.length; i++) {
      const scan = scanOf(articles[i] as Article);
      for (let k = this.hanHeld[i] ?? 0; k < scan.han.length; k++) push(this.hanHits, scan.han[k] as string, i);
      this.hanHeld[i] = scan.han.length;
      const held = this.latinHeld[i];
      if (held === scan.latin) continue;
      // A Latin scan is made again whole when the Latin forms change: its old finds leave the hits with it.
      if (held) latinMoved = true;
      else for (const form of scan.latin) push(this.latinHits, form, i);
      this.latinHeld[i] = scan.latin;
    }
    if (!latinMoved) return;
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
