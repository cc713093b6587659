import { z } from 'zod';
import type { Article } from '../corpus/article.ts';
import { fold } from '../text/normalize.ts';
import { type AliasTable, key, soundsAlike } from '../text/aliases.ts';
import { analyzeArticle, type ArticleAnalysis } from './statements.ts';
import { NameSet, notAName, notARole, scrapBase } from './registry-check.ts';
import { countIn, RegistrySums, statementsByGroup, type Form, type Seen, type Shape } from './people-sums.ts';

export { newestFirst } from './people-sums.ts';
import { TopicMemo } from './person-topics.ts';
import { PersonProfileSchema } from './types.ts';

/**
 * The registry of people and outlets: who is named in the corpus, under which forms and titles,
 * in how many articles, and what they said. Built once with the index, stored in its snapshot as
 * plain JSON (PeopleIndex), queried by who() and autocomplete.
 */

export const StatementRefSchema = z.object({
  text: z.string(),
  direct: z.boolean(),
  /** Index into the articles array the registry was built from. */
  article: z.number().int().min(0),
  paragraph: z.number().int().min(0),
});
export type StatementRef = z.infer<typeof StatementRefSchema>;

/** One thing a person spoke about: in how many statements, from which month to which (YYYY-MM). */
export const TopicStatSchema = z.object({
  topic: z.string().min(1),
  count: z.number().int().min(1),
  from: z.string(),
  to: z.string(),
});
export type TopicStat = z.infer<typeof TopicStatSchema>;

export const PersonEntrySchema = z.object({
  /** The fullest form the corpus gives (石破茂, not 石破). */
  name: z.string().min(1),
  kind: z.enum(['person', 'outlet']),
  ...PersonProfileSchema.shape,
  /** The topics with the statements that name them, most statements first. */
  topicStats: z.array(TopicStatSchema),
  /** Newest first; within an article, in reading order. */
  statements: z.array(StatementRefSchema),
});
export type PersonEntry = z.infer<typeof PersonEntrySchema>;

export const PeopleIndexSchema = z.object({
  version: z.literal(1),
  people: z.array(PersonEntrySchema),
});
/** Plain data: JSON.stringify() stores it, parsePeopleIndex() reads it back. */
export type PeopleIndex = z.infer<typeof PeopleIndexSchema>;

/** Reads a stored registry, or throws when it is not one (the caller rebuilds). */
export function parsePeopleIndex(json: unknown): PeopleIndex {
  return PeopleIndexSchema.parse(json);
}

export interface BuildOptions {
  /** Analyses already made for these articles (same order), to avoid a second pass. */
  analyses?: readonly ArticleAnalysis[];
  /** How many topics to keep per person. */
  topics?: number;
  /** What earlier builds learnt of these articles (see PeopleMemo): an update re-reads only what changed. */
  memo?: PeopleMemo;
}

/** One article's mention scan: the forms (folded) it holds, of those scanned for so far. */
export interface ArticleScan {
  /** Han + Latin name pairs written in brackets (木内登英(Takahide Kiuchi)): the article's text alone decides them. */
  brackets: [string, string][];
  /** The scan covers memo.hanForms[0 .. covered). */
  covered: number;
  han: string[];
  /** The Latin forms the Latin scan was made with (their regex consumes text: the result depends on the whole set). */
  latinSig: string | undefined;
  latin: string[];
  /** The adjacent character pairs of its folded text (see PairFilter), made at its first full scan. */
  pairs?: Uint32Array;
}

/**
 * What buildPeople learns of each article that stays true while the article does: the forms its
 * text holds and its bracketed romanisations; and the keywords of each statement text. An update
 * then scans only the new articles, and the old ones only for forms no build scanned for before, so
 * adding 100 articles costs no pass over the whole corpus. The registry is the same as without it.
 */
export class PeopleMemo {
  /** Keyed by the Article object: a changed file is parsed into a new one. */
  readonly scans = new WeakMap<Article, ArticleScan>();
  /** Every Han form (folded) ever scanned for, in the order first scanned. */
  readonly hanForms: string[] = [];
  readonly hanSeen = new Set<string>();
  /** The Latin forms of the last build's scan, with their signature: a kept article's scan under them needs no new read for forms it cannot hold. */
  lastLatin: { sig: string; forms: ReadonlySet<string> } | undefined;
  /** Each person's topics, reused while their statements and their keywords' standing as names stay the same. */
  topics = new TopicMemo();
  /** The last build's sums over its articles (see RegistrySums). */
  private sums: RegistrySums | undefined;
  private readonly norms = new Map<string, { d: string; k: string }>();
  private readonly roleLists = new Map<string, string[]>();
  private contributions = new WeakMap<ArticleAnalysis, Contribution>();
  private readonly suffixes = new Map<string, string[]>();
  private readonly scanForms = new Map<string, { text: string; latin: boolean } | undefined>();

  /** A speaker or name as the registry writes it (d) and its key (k). */
  norm(display: string, kind: 'person' | 'outlet'): { d: string; k: string } {
    const id = `${kind}\u0000${display}`;
    let n = this.norms.get(id);
    if (!n) {
      // /共同社, 中国官方的新华社: the outlet's name is what follows the punctuation or the last 的.
      let d = display.replace(DOTS_RE, '·').trim().replace(/^[\p{P}\s]+/u, '');
      if (kind === 'outlet') d = d.slice(d.lastIndexOf('的') + 1);
      this.norms.set(id, (n = { d, k: formKey(d) }));
    }
    return n;
  }

  /** The sums to build on: the last build's when these articles start with its (the same objects, the same analyses), else new ones. Taken: a build that fails leaves none. */
  sumsFor(articles: readonly Article[], analyses: readonly ArticleAnalysis[]): RegistrySums {
    const sums = this.sums;
    this.sums = undefined;
    return sums?.holdsPrefixOf(articles, analyses) ? sums : new RegistrySums();
  }

  /** The sums of the build just made, for the next. */
  keepSums(sums: RegistrySums): void {
    this.sums = sums;
  }

  /** scanForm() of a display form, remembered (every form of the registry is looked at by every build). */
  scanForm(display: string): { text: string; latin: boolean } | undefined {
    if (this.scanForms.has(display)) return this.scanForms.get(display);
    const form = scanForm(display);
    this.scanForms.set(display, form);
    return form;
  }

  /** suffixKeys() of a bracketed Han run, remembered (every article's brackets are looked at by every build). */
  suffixKeys(han: string): string[] {
    let list = this.suffixes.get(han);
    if (!list) this.suffixes.set(han, (list = suffixKeys(han)));
    return list;
  }

  /**
   * jieba learnt words: what was made of its cuts and tags (each analysis's titles, each person's
   * keywords and topics) is made again at the next build; the scans (the text alone) stay.
   */
  forgetCuts(): void {
    this.topics = new TopicMemo();
    // The sums hold each form's titles, read with jieba's tags.
    this.sums = undefined;
    this.contributions = new WeakMap();
    this.roleLists.clear();
  }

  /** The articles whose text (title, lead, blocks; folded) holds one of these Han words: their pair filters rule out most unread. */
  holdingAny(articles: readonly Article[], words: readonly string[]): Article[] {
    const folded = words.map((w) => fold(w));
    const bits = folded.map(pairBits);
    return articles.filter((article) => {
      const pairs = this.scans.get(article)?.pairs;
      if (pairs && !bits.some((b) => mayHold(pairs, b))) return false;
      return paragraphsOf(article).some((text) => {
        const f = fold(text);
        return folded.some((w) => f.includes(w));
      });
    });
  }

  /** What an article's analysis gives the registry's forms and statements, made once per analysis. */
  contribution(an: ArticleAnalysis): Contribution {
    let c = this.contributions.get(an);
    if (!c) {
      const forms: Contribution['forms'] = [];
      const give = (display: string, kind: 'person' | 'outlet', role: string | undefined, said: number): void => {
        const { d, k } = this.norm(display, kind);
        forms.push({ k, d, kind, roles: role ? this.roles(role) : [], said });
      };
      for (const s of an.statements) give(s.speaker, s.kind, s.role, 1);
      for (const p of an.people) give(p.name, 'person', p.role, 0);
      // A statement is filed under its speaker as a person's form (an outlet's name is what follows its last 的).
      const speakers = an.statements.map((s) => this.norm(s.kind === 'outlet' ? s.speaker.slice(s.speaker.lastIndexOf('的') + 1) : s.speaker, 'person').k);
      this.contributions.set(an, (c = { forms, speakers }));
    }
    return c;
  }

  /** The titles a role string gives that are titles (时任外相 → 外相). */
  roles(role: string): string[] {
    let list = this.roleLists.get(role);
    if (!list) this.roleLists.set(role, (list = splitRoles(role).filter((r) => notARole(r) === undefined)));
    return list;
  }
}

/** One article's part of the registry's step 1 (forms given, in order) and step 4 (each statement's speaker key before gluing). */
interface Contribution {
  forms: { k: string; d: string; kind: 'person' | 'outlet'; roles: string[]; said: number }[];
  speakers: string[];
}

const DOTS_RE = /[·・∙•‧]/gu;

/** Builds the registry from the corpus. Pure; one pass of statement extraction per article. */
export function buildPeople(articles: readonly Article[], aliases: AliasTable, options: BuildOptions = {}): PeopleIndex {
  const analyses = options.analyses ?? articles.map((a) => analyzeArticle(a));
  const memo = options.memo ?? new PeopleMemo();
  const scanOf = (a: Article): ArticleScan => {
    let s = memo.scans.get(a);
    if (!s) {
      const brackets: [string, string][] = [];
      for (const text of paragraphsOf(a)) for (const pair of latinInBrackets(text)) brackets.push(pair);
      s = { brackets, covered: 0, han: [], latinSig: undefined, latin: [] };
      memo.scans.set(a, s);
    }
    return s;
  };

  // The sums over every article (see RegistrySums): the last build's, when these articles only add to its, else new ones.
  const sums = memo.sumsFor(articles, analyses);
  const before = sums.count;
  sums.append(articles, analyses, (an) => memo.contribution(an), (a) => scanOf(a).brackets);

  // 1. Every form a person or outlet is written in, with the titles given to it.
  const forms = new Map<string, Form>(sums.forms);

  // 1b-2. Which forms are names and which stand for one person: the last build's answer while what decides it stayed the same.
  const aliasKey = JSON.stringify(aliases.toJSON());
  let shape = sums.keptShape(aliasKey);
  if (shape) for (const k of shape.deleted) forms.delete(k);
  else sums.keepShape((shape = shapeOf(forms, sums.brackets, aliases, memo)), aliasKey);
  const { glued, extra, roots } = shape;
  // Each build its own key lists (canonicalForm may sort one).
  const groups = new Map([...shape.groups].map(([root, keys]) => [root, keys.slice()]));
  const displayOf = (k: string): string => forms.get(k)?.display ?? extra.get(k)?.display ?? k;
  // Every form as scanned (folded): the Latin ones of this build, the Han ones of every build.
  const latinForms = new Set<string>();
  for (const keys of groups.values()) {
    for (const k of keys) {
      const form = memo.scanForm(displayOf(k));
      if (!form) continue;
      if (form.latin) latinForms.add(form.text);
      else if (!memo.hanSeen.has(form.text)) {
        memo.hanSeen.add(form.text);
        memo.hanForms.push(form.text);
      }
    }
  }
  const latinSig = [...latinForms].sort().join('\n');
  const latinScanner = new LatinScanner(latinForms);
  const hanScanners = new Map<number, HanScanner>(); // by the first form not yet scanned for
  const pairChecks = new Map<number, number[][]>(); // the pair bits of the forms from the first not yet scanned for
  // The pair bits of the Latin forms that came or went since a scan made with another Latin set (undefined: that set is forgotten).
  const latinDiffs = new Map<string | undefined, number[][] | undefined>();
  const latinChecks = (sig: string | undefined): number[][] | undefined => {
    if (latinDiffs.has(sig)) return latinDiffs.get(sig);
    const before = sig !== undefined && memo.lastLatin?.sig === sig ? memo.lastLatin.forms : undefined;
    const diff = before ? [...latinForms].filter((f) => !before.has(f)).concat([...before].filter((f) => !latinForms.has(f))).map(pairBits) : undefined;
    latinDiffs.set(sig, diff);
    return diff;
  };
  const pairChecksFrom = (covered: number): number[][] => {
    const list = memo.hanForms.slice(covered).map(pairBits);
    pairChecks.set(covered, list);
    return list;
  };
  articles.forEach((a) => {
    const scan = scanOf(a);
    const newHan = scan.covered < memo.hanForms.length;
    const newLatin = scan.latinSig !== latinSig;
    // New forms none of which the article can hold (a character pair of each is missing from its text): covered without
    // reading it. The Latin scan's result depends only on which of its forms occur, so forms that came or went unseen change nothing.
    const pairs = scan.pairs;
    const hanUnseen = !newHan || (pairs !== undefined && !(pairChecks.get(scan.covered) ?? pairChecksFrom(scan.covered)).some((f) => mayHold(pairs, f)));
    const latinChange = newLatin && pairs !== undefined ? latinChecks(scan.latinSig) : undefined;
    const latinUnseen = !newLatin || (latinChange !== undefined && pairs !== undefined && !latinChange.some((f) => mayHold(pairs, f)));
    if ((newHan || newLatin) && hanUnseen && latinUnseen) {
      scan.covered = memo.hanForms.length;
      scan.latinSig = latinSig;
    } else if (newHan || newLatin) {
      let han = hanScanners.get(scan.covered);
      if (newHan && !han) hanScanners.set(scan.covered, (han = new HanScanner(memo.hanForms.slice(scan.covered))));
      const hanFound = new Set<string>();
      const latinFound = new Set<string>();
      // Paragraph by paragraph (no form spans two): most fold without the converter (see mayConvert).
      const pairs = scan.pairs ? undefined : new Uint32Array(PAIR_WORDS);
      for (const text of paragraphsOf(a)) {
        const f = fold(text).replace(DOTS_RE, '·');
        if (newHan) han?.scan(f, hanFound);
        if (newLatin) latinScanner.scan(f, latinFound);
        if (pairs) addPairs(pairs, f);
      }
      if (pairs) scan.pairs = pairs;
      if (newHan) {
        for (const form of hanFound) scan.han.push(form);
        scan.covered = memo.hanForms.length;
      }
      if (newLatin) {
        scan.latin = [...latinFound];
        scan.latinSig = latinSig;
      }
    }
  });
  sums.noteScans(articles, scanOf);
  // Each form's articles: those whose scan found it.
  const formSeen = new Map<string, number>(); // form key → articles
  for (const keys of groups.values()) {
    for (const k of keys) {
      const form = memo.scanForm(displayOf(k));
      const n = form ? sums.hits(form.text, form.latin).length : 0;
      if (n) formSeen.set(k, n);
    }
  }

  memo.lastLatin = { sig: latinSig, forms: latinForms };
  // 4. Statements by group, newest first (then in article order, then by paragraph).
  const dateOf = (i: number): string => articles[i]?.publishedAt ?? '';
  // A speaker's group, once per speaker (most say several things); '' for a form that is no name.
  const rootOfSpeaker = new Map<string, string>();
  const rootOf = (k: string): string => {
    let root = rootOfSpeaker.get(k);
    if (root === undefined) {
      root = roots.get(glued.get(k) ?? k) ?? '';
      rootOfSpeaker.set(k, root);
    }
    return root;
  };
  const said = statementsByGroup(articles.length, before, sums, dateOf, rootOf, (i, root) => {
    const an = analyses[i] as ArticleAnalysis;
    const speakers = memo.contribution(an).speakers;
    const given: StatementRef[] = [];
    for (const [j, s] of an.statements.entries()) {
      if (rootOf(speakers[j] as string) !== root) continue; // another's, or given to a form that is no name
      // Said twice in one article (a quote repeated in its summary): once.
      if (given.some((g) => g.text === s.text)) continue;
      given.push({ text: s.text, direct: s.direct, article: i, paragraph: s.paragraph });
    }
    // Within an article by paragraph, else in reading order (a stable sort).
    if (given.some((g, k) => k > 0 && g.paragraph < (given[k - 1] as StatementRef).paragraph)) given.sort((a, b) => a.paragraph - b.paragraph);
    return given;
  });

  const people: PersonEntry[] = [];
  // Each group's articles counted once: marked with the group's number.
  const mark = new Int32Array(articles.length).fill(-1);
  let g = 0;
  // A group whose forms and their sums did not change since the last build (of the same shape) keeps what was made of them.
  const kept = sums.entriesOf(shape);
  const made = new Map<string, EntryCore>();
  for (const [root, keys] of groups) {
    g++;
    const own = keys.filter((k) => forms.has(k));
    if (own.length === 0) continue;
    const statements = said.get(root) ?? [];
    let core = kept && keys.every((k) => sums.unchanged(k, memo.scanForm(displayOf(k)))) ? kept.get(root) : undefined;
    if (!core) {
      const kind = forms.get(own[0] as string)?.kind ?? 'person';
      const name = canonicalForm(keys, kind, displayOf, formSeen, forms, aliases);
      // The articles that name the group: those holding one of its forms (else those it speaks in, counted below).
      // The first and last date in code-unit order, as sort() would give them: no sort of every mention's date.
      const seen: Seen = { group: g, mentions: 0, first: null, last: null };
      for (const k of keys) {
        const form = memo.scanForm(displayOf(k));
        if (form) for (const a of sums.hits(form.text, form.latin)) countIn(seen, a, mark, dateOf);
      }
      const formsShown = [...new Set(keys.map(displayOf))];
      core = {
        name,
        kind,
        aliases: formsShown.filter((f) => f !== name).sort(byScriptThenLength),
        roles: kind === 'person' ? topRoles(own.map((k) => forms.get(k)?.roles ?? new Map<string, number>())) : [],
        mentions: seen.mentions,
        firstSeen: seen.first,
        lastSeen: seen.last,
      };
    }
    made.set(root, core);
    let { mentions, firstSeen, lastSeen } = core;
    if (mentions === 0) {
      const seen: Seen = { group: g, mentions: 0, first: null, last: null };
      for (const s of statements) countIn(seen, s.article, mark, dateOf);
      ({ mentions, first: firstSeen, last: lastSeen } = seen);
    }
    people.push({ name: core.name, kind: core.kind, aliases: core.aliases.slice(), roles: core.roles.slice(), mentions, firstSeen, lastSeen, topics: [], topicStats: [], statements });
  }
  sums.keepEntries(shape, made);
  memo.keepSums(sums);
  memo.topics.assign(people, dateOf, options.topics ?? 8);
  people.sort((a, b) => b.mentions - a.mentions || b.statements.length - a.statements.length || a.name.localeCompare(b.name));
  return { version: 1, people };
}

/**
 * Steps 1b and 2 of buildPeople: the forms that are no name leave `forms` (some glued to the name they
 * hold), the others are joined into groups. A function of each form's key, display, kind, titles and
 * whether it is quoted, of the bracketed romanisations and of the alias table (see RegistrySums.keptShape).
 */
function shapeOf(forms: Map<string, Form>, brackets: readonly [string, string][], aliases: AliasTable, memo: PeopleMemo): Shape {
  // 1b. Forms that are no name: a registered name with a scrap (石破茂却) stands for that name; the
  // rest (荣幸, 团刚, 韩媒) leave the registry, and whatever was given to them with it.
  const glued = new Map<string, string>(); // form key → the key it stands for
  const deleted: string[] = [];
  // Every check looks up forms shorter or longer than the form itself, so the set of all forms serves as "the others".
  const others = new NameSet([...forms.values()].filter((f) => f.kind === 'person').map((f) => f.display));
  for (const [k, f] of [...forms]) {
    if (f.kind !== 'person') continue;
    const why = notAName(f.display, others, { titled: f.roles.size > 0, statements: f.said });
    const base = why ? scrapBase([...f.display], others) : undefined;
    if (!why) continue;
    if (base) glued.set(k, formKey(base));
    forms.delete(k);
    deleted.push(k);
  }

  // 2. Forms of one person or outlet joined: the alias table, dotted names, surnames, Latin surnames.
  const uf = new UnionFind();
  const personKeys = [...forms.entries()].filter(([, f]) => f.kind === 'person').map(([k]) => k);
  const extra = new Map<string, { display: string; kind: 'person' | 'outlet' }>(); // alias-table forms not seen as names
  for (const [k, f] of forms) {
    uf.add(k);
    const group = aliases.equivalents(f.display);
    if (group.length <= 1) continue;
    for (const g of group) {
      const gk = formKey(g);
      const other = forms.get(gk);
      if (other && other.kind !== f.kind) continue; // 共同社 the outlet is never a person's alias
      if (!other && !extra.has(gk)) extra.set(gk, { display: g.replace(DOTS_RE, '·'), kind: f.kind });
      uf.add(gk);
      uf.union(k, gk);
    }
  }
  // An agency written with and without 社 or 通讯社 (路透社 and 路透, 法新社 and 法新, 共同通讯社 and 共同社) is one outlet.
  for (const [k, f] of forms) {
    if (f.kind !== 'outlet') continue;
    const bare = /^(\p{sc=Han}{2,}?)(?:通讯社|社)$/u.exec(f.display)?.[1];
    if (!bare) continue;
    for (const other of [bare, `${bare}社`]) {
      const ok = formKey(other);
      if (ok !== k && forms.get(ok)?.kind === 'outlet') uf.union(k, ok);
    }
  }
  // Romanised names: the one a text gives in brackets (木内登英(Takahide Kiuchi)), or the usual
  // Hepburn form of a Japanese leader a reader of the beat types (Kishida, Ishiba).
  const addLatin = (personKey: string, latin: string): void => {
    const lk = formKey(latin);
    const other = forms.get(lk);
    if (other && other.kind !== 'person') return;
    if (!other && !extra.has(lk)) extra.set(lk, { display: latin, kind: 'person' });
    uf.add(lk);
    uf.union(personKey, lk);
  };
  for (const [k, f] of forms) {
    const latin = f.kind === 'person' ? ROMANISED.get(fold(f.display)) : undefined;
    if (latin) addLatin(k, latin);
  }
  for (const [han, latin] of brackets) {
    const k = memo.suffixKeys(han).find((x) => forms.get(x)?.kind === 'person');
    if (k) addLatin(k, latin);
  }
  const extraPersons = [...extra.entries()].filter(([, e]) => e.kind === 'person').map(([k]) => k);
  joinShortForms(uf, personKeys.concat(extraPersons), (k) => forms.get(k)?.display ?? extra.get(k)?.display ?? k);
  joinLatinByTitle(uf, personKeys, forms);

  const groups = new Map<string, string[]>(); // root → keys
  for (const k of uf.keys()) {
    const r = uf.find(k);
    const list = groups.get(r) ?? [];
    list.push(k);
    groups.set(r, list);
  }
  const roots = new Map<string, string>();
  for (const [root, keys] of groups) for (const k of keys) roots.set(k, root);
  return { deleted, glued, extra, groups, roots };
}

/** What a registry entry takes from its group's forms alone (mentions: of the forms; 0 when no article holds one). */
export type EntryCore = Pick<PersonEntry, 'name' | 'kind' | 'aliases' | 'roles' | 'mentions' | 'firstSeen' | 'lastSeen'>;

// Usual romanisations of Japanese leaders the corpus writes only in Han (the corpus cannot teach them).
const ROMANISED = new Map<string, string>([
  ['岸田文雄', 'Fumio Kishida'], ['石破茂', 'Shigeru Ishiba'], ['高市早苗', 'Sanae Takaichi'], ['菅义伟', 'Yoshihide Suga'],
  ['安倍晋三', 'Shinzo Abe'], ['野田佳彦', 'Yoshihiko Noda'], ['茂木敏充', 'Toshimitsu Motegi'], ['林芳正', 'Yoshimasa Hayashi'],
  ['岩屋毅', 'Takeshi Iwaya'], ['上川阳子', 'Yoko Kamikawa'], ['小泉进次郎', 'Shinjiro Koizumi'], ['岸信夫', 'Nobuo Kishi'],
  ['中谷元', 'Gen Nakatani'], ['赤泽亮正', 'Ryosei Akazawa'], ['河野太郎', 'Taro Kono'], ['麻生太郎', 'Taro Aso'],
]);

const LATIN_BRACKET_RE = /([\p{sc=Han}·]{2,40})\s*[（(]([A-Za-z][A-Za-z.'’\- ]{2,40}[A-Za-z.])[)）]/gu;

/** Han run + Latin name in brackets, as written: 经济学家木内登英(Takahide Kiuchi). */
function latinInBrackets(text: string): [string, string][] {
  if (!/[（(]/.test(text)) return [];
  const f = fold(text).replace(DOTS_RE, '·');
  const out: [string, string][] = [];
  for (const m of f.matchAll(LATIN_BRACKET_RE)) {
    const at = m.index + (m[1] as string).length;
    const open = f.indexOf(m[2] as string, at);
    const latin = text.slice(open, open + (m[2] as string).length).normalize('NFKC').trim();
    if (latin.split(/\s+/).length <= 4) out.push([m[1] as string, latin]);
  }
  return out;
}

/** The keys of the Han run's endings, longest first (12 characters down to 2): the longest person form among them names the bracket (title before it aside). */
function suffixKeys(han: string): string[] {
  const chars = [...han];
  const out: string[] = [];
  for (let n = Math.min(chars.length, 12); n >= 2; n--) out.push(formKey(chars.slice(chars.length - n).join('')));
  return out;
}

/** Matching key of a form: folded, no spaces or name dots, Latin in lower case. */
export function formKey(form: string): string {
  return key(form);
}

/** 日中关系专家、台湾国家政策研究协会秘书长: two titles. */
function splitRoles(role: string): string[] {
  return role
    .split(/[、，,]/u)
    // 时任外相, 新任首相: when, relative to the article's date, not another office.
    .map((r) => r.replace(/时任|现任|新任|当时的/gu, '').trim())
    .filter((r) => r.length >= 2 && r.length <= 20);
}

function topRoles(maps: Map<string, number>[]): string[] {
  const total = new Map<string, number>();
  for (const m of maps) for (const [r, n] of m) total.set(r, (total.get(r) ?? 0) + n);
  const list = [...total.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length).map(([r]) => r);
  // 总统 says less than 美国总统: keep a title only when no longer one ends with it.
  return list.filter((r) => !list.some((o) => o !== r && o.endsWith(r))).slice(0, 6);
}

/**
 * The name shown: the alias table's display form when it has one (拜登 for 乔·拜登 and Joe Biden;
 * 共同社 for 日本共同社), else the fullest Han form the corpus gives (石破茂 over 石破, 詹姆斯·马蒂斯
 * over 马蒂斯).
 */
function canonicalForm(
  keys: string[],
  kind: 'person' | 'outlet',
  displayOf: (k: string) => string,
  formSeen: Map<string, number>,
  forms: Map<string, Form>,
  aliases: AliasTable,
): string {
  const present = keys.filter((k) => (formSeen.get(k) ?? 0) > 0 || forms.has(k));
  const pool = present.length ? present : keys;
  if (kind === 'outlet') {
    // The alias table's display form when it has one for a form of the group (共同社 for 日本共同社).
    for (const k of pool) {
      const canon = aliases.canonical(displayOf(k));
      if (canon !== displayOf(k) && pool.includes(formKey(canon))) return canon;
    }
    // An agency by a name with 社 (路透社, not 路透) when the corpus writes one; the form seen most, then the shorter (共同社, not 共同通讯社).
    const full = pool.filter((k) => /社$/u.test(displayOf(k)));
    return displayOf((full.length ? full : pool).slice().sort((a, b) => (forms.get(b)?.seen ?? 0) - (forms.get(a)?.seen ?? 0) || displayOf(a).length - displayOf(b).length)[0] as string);
  }
  // The alias table names how a foreign name is shown (拜登, not 约瑟夫·拜登): its choice comes first.
  for (const k of pool) {
    const shown = aliases.canonical(displayOf(k));
    if (shown !== displayOf(k) || aliases.equivalents(shown).length <= 1 || !/\p{sc=Han}/u.test(shown)) continue;
    if (pool.includes(formKey(shown))) return shown;
  }
  const han = pool.filter((k) => /\p{sc=Han}/u.test(displayOf(k)));
  const list = han.length ? han : pool;
  const len = (k: string): number => [...displayOf(k).replace(DOTS_RE, '').replace(/\s+/g, '')].length;
  list.sort((a, b) => len(b) - len(a) || (formSeen.get(b) ?? 0) - (formSeen.get(a) ?? 0) || a.localeCompare(b));
  return displayOf(list[0] as string);
}

function byScriptThenLength(a: string, b: string): number {
  const ha = /\p{sc=Han}/u.test(a) ? 0 : 1;
  const hb = /\p{sc=Han}/u.test(b) ? 0 : 1;
  return ha - hb || b.length - a.length || a.localeCompare(b);
}

/**
 * Joins short forms to the one full form they stand for in the corpus: 岸田 → 岸田文雄,
 * 伊曼纽尔 → 拉姆·伊曼纽尔, Lutnick → Howard Lutnick. Only when exactly one person fits.
 */
function joinShortForms(uf: UnionFind, keys: string[], display: (k: string) => string): void {
  const han = keys.filter((k) => /^\p{sc=Han}+$/u.test(display(k)));
  const dotted = keys.filter((k) => display(k).includes('·'));
  const latin = keys.filter((k) => /^[A-Za-z][A-Za-z'’.\- ]+$/.test(display(k)));
  const joinIfOne = (short: string, candidates: string[]): void => {
    const roots = new Set(candidates.map((c) => uf.find(c)));
    roots.delete(uf.find(short));
    if (roots.size === 1) uf.union(short, candidates[0] as string);
  };
  // The candidates are found through indexes built once (in the keys' order), not by a scan of every
  // key per key: quadratic in the registry, which grows with the archive.
  const group = (keysIn: string[], by: (k: string) => Iterable<string>): Map<string, string[]> => {
    const out = new Map<string, string[]>();
    for (const k of keysIn) {
      for (const at of new Set(by(k))) {
        const list = out.get(at);
        if (list) list.push(k);
        else out.set(at, [k]);
      }
    }
    return out;
  };
  // A Japanese or Chinese surname: a proper prefix of one longer name (one to three characters more).
  const byPrefix = group(han, (l) => {
    const cl = [...display(l)];
    const out: string[] = [];
    for (let p = 2; p <= 3; p++) if (p < cl.length && cl.length - p <= 3) out.push(cl.slice(0, p).join(''));
    return out;
  });
  for (const s of han) {
    const ds = display(s);
    if ([...ds].length < 2 || [...ds].length > 3) continue;
    const longer = byPrefix.get(ds) ?? [];
    if (longer.length) joinIfOne(s, longer);
  }
  // The last part of a dotted name: 伊曼纽尔 → 拉姆·伊曼纽尔; 马蒂斯 → 詹姆斯·马蒂斯.
  const byLastPart = group(dotted, (d) => [display(d).split('·').at(-1) ?? '']);
  for (const s of han) {
    const full = byLastPart.get(display(s)) ?? [];
    if (full.length) joinIfOne(s, full);
  }
  // A Latin surname: Lutnick → Howard Lutnick.
  const byLastWord = group(latin, (l) => [display(l).toLowerCase().split(/\s+/).at(-1) ?? '']);
  for (const s of latin) {
    const ds = display(s).toLowerCase();
    if (ds.includes(' ')) continue;
    const full = (byLastWord.get(ds) ?? []).filter((l) => l !== s);
    if (full.length) joinIfOne(s, full);
  }
}

/**
 * A Latin name the corpus never brackets (美国商务部长Howard Lutnick) joins the one Han-written person
 * who holds the same full title (国家+office, ≥4 chars) somewhere in the corpus and whose name is its
 * transliteration (卢特尼克 ~ Lutnick). Two such people, or none, and the forms stay apart.
 */
function joinLatinByTitle(uf: UnionFind, keys: string[], forms: Map<string, Form>): void {
  const isLatin = (d: string): boolean => /^[A-Za-z][A-Za-z'’.\- ]+$/.test(d);
  const folded = new Map<string, string>(); // roles repeat across forms: each folded once
  const foldRole = (r: string): string => {
    let f = folded.get(r);
    if (f === undefined) folded.set(r, (f = fold(r)));
    return f;
  };
  const titles = (f: Form): Set<string> => new Set([...f.roles.keys()].map(foldRole).filter((r) => [...r].length >= 4));
  const han = keys.filter((k) => /^[\p{sc=Han}·]+$/u.test(forms.get(k)?.display ?? ''));
  // The Han forms by full title, made once (in the keys' order): no scan of every Han form per Latin one.
  const hanByTitle = new Map<string, number[]>();
  han.forEach((h, i) => {
    for (const t of titles(forms.get(h) as Form)) {
      const list = hanByTitle.get(t);
      if (list) list.push(i);
      else hanByTitle.set(t, [i]);
    }
  });
  for (const l of keys) {
    const lf = forms.get(l);
    if (!lf || !isLatin(lf.display)) continue;
    const held = [...new Set([...titles(lf)].flatMap((t) => hanByTitle.get(t) ?? []))].sort((a, b) => a - b);
    const fits = held.map((i) => han[i] as string).filter((h) => soundsAlike(lf.display, (forms.get(h) as Form).display));
    const roots = new Set(fits.map((h) => uf.find(h)));
    roots.delete(uf.find(l));
    if (roots.size === 1) uf.union(fits[0] as string, l);
  }
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  add(k: string): void {
    if (!this.parent.has(k)) this.parent.set(k, k);
  }
  find(k: string): string {
    let up = this.parent.get(k);
    if (up === undefined) {
      this.parent.set(k, k);
      return k;
    }
    let r = k;
    while (up !== r) {
      r = up as string;
      up = this.parent.get(r);
    }
    // Path compression keeps later finds short.
    let c = k;
    while (c !== r) {
      const n = this.parent.get(c) as string;
      this.parent.set(c, r);
      c = n;
    }
    return r;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
  keys(): string[] {
    return [...this.parent.keys()];
  }
}

function paragraphsOf(a: Article): string[] {
  return [a.title, a.lead ?? '', ...a.blocks.map((b) => b.text)];
}

/** A form as the scan looks for it (folded, name dots unified), or undefined when too short to look for. */
function scanForm(display: string): { text: string; latin: boolean } | undefined {
  const f = fold(display).replace(DOTS_RE, '·');
  if (/^[a-z][a-z'’.\- ]*$/.test(f)) return f.length >= 4 ? { text: f, latin: true } : undefined;
  return [...f.replace(/·/g, '')].length < 2 ? undefined : { text: f, latin: false };
}

/**
 * A Bloom filter of the adjacent character pairs of an article's folded text (4,096 bits): a form with
 * a pair the filter lacks is not in the text. New names come with most updates, and every kept article
 * would otherwise be folded and read again for them. No false negatives: a kept article is read again
 * whenever one new form may be in it. Only Han pairs and lower-case letter pairs are recorded and
 * checked (digits, spaces and punctuation would fill the filter and tell little).
 */
export const PAIR_WORDS = 128;

function pairBit(a: number, b: number): number {
  return Math.imul((a << 16) ^ b, 0x9e3779b1) >>> 20;
}

/** Pairs the filter records: two non-ASCII characters (Han), or two lower-case letters (folded Latin). */
function recorded(a: number, b: number): boolean {
  return (a >= 0x80 && b >= 0x80) || (a >= 0x61 && a <= 0x7a && b >= 0x61 && b <= 0x7a);
}

function addPairs(filter: Uint32Array, text: string): void {
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    if (!recorded(a, b)) continue;
    const bit = pairBit(a, b);
    filter[bit >>> 5] = (filter[bit >>> 5] as number) | (1 << (bit & 31));
  }
}

/** The filter bits of a form's recorded pairs. */
function pairBits(form: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < form.length; i++) {
    const a = form.charCodeAt(i);
    const b = form.charCodeAt(i + 1);
    if (recorded(a, b)) out.push(pairBit(a, b));
  }
  return out;
}

function mayHold(filter: Uint32Array, bits: readonly number[]): boolean {
  for (const bit of bits) if (((filter[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
  return true;
}

/** Finds Han forms in folded text fast enough for tens of thousands of articles: by their first two characters. */
class HanScanner {
  private readonly byBigram = new Map<string, string[]>();

  constructor(forms: readonly string[]) {
    for (const f of forms) {
      const head = f.slice(0, 2);
      const list = this.byBigram.get(head) ?? [];
      list.push(f);
      this.byBigram.set(head, list);
    }
  }

  scan(f: string, out: Set<string>): void {
    if (this.byBigram.size === 0) return;
    for (let i = 0; i + 1 < f.length; i++) {
      const list = this.byBigram.get(f.slice(i, i + 2));
      if (!list) continue;
      for (const form of list) if (f.startsWith(form, i)) out.add(form);
    }
  }
}

/** Finds Latin forms in folded text as whole words, the longest first where two start at one place. */
class LatinScanner {
  private readonly re: RegExp | undefined;

  constructor(forms: ReadonlySet<string>) {
    this.re = forms.size ? new RegExp(`(?<![a-z])(?:${[...forms].sort((a, b) => b.length - a.length).map(esc).join('|')})(?![a-z])`, 'g') : undefined;
  }

  scan(f: string, out: Set<string>): void {
    if (!this.re) return;
    for (const m of f.matchAll(this.re)) out.add(m[0]);
  }
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Looking people up

interface Lookup {
  /** Form key → indices into people. */
  byKey: Map<string, number[]>;
}

const lookups = new WeakMap<PeopleIndex, Lookup>();

function lookup(people: PeopleIndex): Lookup {
  let l = lookups.get(people);
  if (l) return l;
  const byKey = new Map<string, number[]>();
  people.people.forEach((p, i) => {
    for (const f of [p.name, ...p.aliases]) {
      const k = formKey(f);
      const list = byKey.get(k) ?? [];
      if (!list.includes(i)) list.push(i);
      byKey.set(k, list);
    }
  });
  l = { byKey };
  lookups.set(people, l);
  return l;
}

export interface Resolution {
  /** The one person or outlet the query names. */
  person?: PersonEntry;
  /** Several fit (an ambiguous surname), or none did and these are the closest. */
  candidates: PersonEntry[];
}

const TITLE_BEFORE_RE = /^.{0,12}?(?:首相|总理|总统|外相|外长|防相|防长|防卫相|大臣|部长|国务卿|秘书长|主席|大使|发言人|长官|议员|委员|代表|研究员|专家|教授)/u;
const TITLE_AFTER_RE = /^(\p{sc=Han}{1,4}|[A-Za-z][A-Za-z .'\-]+?)\s*(首相|总理|总统|外相|外长|防相|防卫相|国务卿|部长|大臣|官房长官|长官|主席|大使|发言人|先生|女士|议员|教授|博士)$/u;

/**
 * Which person or outlet a query names: a full name, a surname (岸田), an alias (Satoru Nagao),
 * traditional characters (石破茂 / 岸田文雄 as 岸田文雄), a Latin surname (Stoltenberg), or a name
 * with its title (日本首相岸田文雄, 拜登总统).
 */
export function resolvePerson(people: PeopleIndex, query: string): Resolution {
  const q = formKey(query.trim());
  if (!q) return { candidates: [] };
  const l = lookup(people);
  const pick = (idx: number[]): Resolution => {
    const list = idx.map((i) => people.people[i]).filter((p): p is PersonEntry => p !== undefined);
    if (list.length === 1) return { person: list[0] as PersonEntry, candidates: [] };
    return { candidates: list.sort((a, b) => b.mentions - a.mentions) };
  };
  const exact = l.byKey.get(q);
  if (exact?.length) return pick(exact);
  // A Latin surname: the one person whose Latin name ends with it.
  if (/^[a-z][a-z'\-]{2,}$/.test(q)) {
    const idx = people.people.flatMap((p, i) => ([p.name, ...p.aliases].some((f) => /^[A-Za-z]/.test(f) && f.toLowerCase().split(/\s+/).at(-1) === q) ? [i] : []));
    if (idx.length) return pick(idx);
  }
  // A Han prefix (茂木 → 茂木敏充) or the part after the dot (特朗普 → 唐纳德·特朗普): a person's
  // surname, never the start of an outlet's name (美国 is not 美国之音).
  if (/^\p{sc=Han}{2,}$/u.test(q)) {
    const idx = people.people.flatMap((p, i) =>
      p.kind === 'person' && [p.name, ...p.aliases].some((f) => {
        const fk = formKey(f);
        return fk.length > q.length && (fk.startsWith(q) || fold(f).split(/[·・∙•]/u).at(-1) === q);
      })
        ? [i]
        : [],
    );
    if (idx.length) return pick(idx);
  }
  // A title around the name: 日本首相岸田文雄, 拜登总统, 石破首相, 菅首相 (a surname of one character
  // is enough once a title says who is meant).
  const folded = fold(query.trim());
  const title = TITLE_AFTER_RE.exec(folded);
  if (title?.[1] && title[2]) {
    const r = bySurnameAndTitle(people, title[1], title[2]);
    if (r.person || r.candidates.length) return r;
  }
  const bare = folded.replace(TITLE_BEFORE_RE, '');
  if (bare && bare !== folded && [...bare].length >= 2) {
    const r = resolvePerson(people, bare);
    if (r.person || r.candidates.length) return r;
  }
  return { candidates: [] };
}

/** 石破首相 / 菅首相 / 拜登总统: the people whose name is or starts with the first part; the title settles a tie. */
function bySurnameAndTitle(people: PeopleIndex, name: string, title: string): Resolution {
  if ([...name].length >= 2) {
    const r = resolvePerson(people, name);
    if (r.person) return r;
  }
  const q = formKey(name);
  const fits = people.people.filter(
    (p) => p.kind === 'person' && [p.name, ...p.aliases].some((f) => formKey(f).startsWith(q) && /\p{sc=Han}/u.test(f) || fold(f).split(/[·・∙•]/u).at(-1) === q),
  );
  const titled = fits.filter((p) => p.roles.some((r) => r.endsWith(title)));
  const list = titled.length ? titled : [...name].length >= 2 ? fits : [];
  if (list.length === 1) return { person: list[0] as PersonEntry, candidates: [] };
  return { candidates: list.sort((a, b) => b.mentions - a.mentions) };
}

/** The closest known names to a query that names nobody: a typo, a partial or longer name. */
export function closestPeople(people: PeopleIndex, query: string, limit = 5): PersonEntry[] {
  const q = formKey(query.trim());
  if (!q) return people.people.slice(0, limit);
  const scored: { p: PersonEntry; score: number }[] = [];
  for (const p of people.people) {
    let best = Infinity;
    // Whole forms, and their parts: a Latin surname, the name after the dot.
    const keys = [p.name, ...p.aliases].flatMap((f) => [formKey(f), ...fold(f).split(/[\s·・∙•]+/u).filter((x) => x.length >= 2)]);
    for (const fk of new Set(keys)) {
      let score = editDistance(q, fk);
      const room = Math.max(1, Math.floor(Math.min(q.length, fk.length) / 3));
      if (score > room) score = Infinity;
      // A part of the name, or the name inside a longer query.
      if (q.length >= 2 && (fk.includes(q) || q.includes(fk) && fk.length >= 2)) score = Math.min(score, 0.5);
      best = Math.min(best, score);
    }
    if (best < Infinity) scored.push({ p, score: best });
  }
  scored.sort((a, b) => a.score - b.score || b.p.mentions - a.p.mentions);
  return scored.slice(0, limit).map((s) => s.p);
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 3) return Infinity;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

/**
 * Known people and outlets for autocomplete: names and aliases that start with (first) or contain
 * `prefix`, most-mentioned first, one entry per person (the canonical name when it matches).
 */
export function peopleNames(people: PeopleIndex, prefix: string, limit = 25): string[] {
  const q = formKey(prefix.trim());
  const out: { form: string; rank: number; mentions: number; said: number }[] = [];
  for (const p of people.people) {
    if (!q) {
      out.push({ form: p.name, rank: 0, mentions: p.mentions, said: p.statements.length });
      continue;
    }
    let best: { form: string; rank: number } | undefined;
    for (const f of [p.name, ...p.aliases]) {
      const fk = formKey(f);
      const rank = fk.startsWith(q) ? 0 : fk.includes(q) ? 1 : -1;
      if (rank < 0) continue;
      if (!best || rank < best.rank) best = { form: f, rank };
    }
    if (best) out.push({ ...best, mentions: p.mentions, said: p.statements.length });
  }
  out.sort((a, b) => a.rank - b.rank || b.mentions - a.mentions || b.said - a.said || a.form.length - b.form.length);
  return [...new Set(out.map((o) => o.form))].slice(0, Math.max(0, limit));
}
