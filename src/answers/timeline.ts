import { key, type AliasTable } from '../text/aliases.ts';
import { fold } from '../text/normalize.ts';
import { memoized } from '../text/memo.ts';
import { segment } from '../text/segment.ts';
import { NEWS_VARIANTS as VARIANTS, type VariantTable } from '../text/variants.ts';
import { datesTheReport, isAnchor, precisionRank, publicationDay, type DateMention } from '../extract/dates.ts';
import { runsOn, type DatedSentence } from '../extract/events.ts';
import { isBirth, namesABudget, placesAnEvent, restates, SAID, sinceAnotherStory, statesStandingFact, supposes } from './sentence-dates.ts';
import type { PeopleNames } from './topic.ts';
import type { Precision, SourceRef, TimelineEvent, TimelineResult } from './types.ts';

/**
 * /timeline: what happened to a topic, in date order, one line per event with its source.
 * Pure: the index has already split the articles into dated sentences (extractDatedSentences)
 * and pre-selected the ones that may concern the topic; this decides which do, dates them and
 * merges the same event told by several articles.
 */

/** A sentence offered by the index, with the article it comes from. */
export interface TimelineCandidate {
  sentence: DatedSentence;
  source: SourceRef;
}

export interface TimelineOptions {
  /** Lines per page (default 25, at most 100). */
  limit?: number | undefined;
  /** Lines to skip, for paging. */
  offset?: number | undefined;
  /** Topic forms that exist (the index's frequent terms), for suggestions when nothing matches; the alias table's forms otherwise. */
  knownTopics?: readonly string[] | undefined;
  /**
   * Also take dated sentences that continue an account of the topic without naming it (default
   * true): see contextual() below. They need the article's other sentences among the candidates.
   */
  context?: boolean | undefined;
}

export const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
/** Two tellings of one event: same date and character-bigram Jaccard at least this. */
export const SAME_EVENT_JACCARD = 0.5;
/** A line longer than this is cut to the clauses around its date and its mention of the topic. */
const MAX_LINE = 120;

/** /timeline over sentences offered one by one (any order of articles): see timelineOf. */
export function timeline(query: string, candidates: readonly TimelineCandidate[], aliases: AliasTable, options: TimelineOptions = {}): TimelineResult {
  const groups = new Map<string, CandidateGroup>();
  // The same sentence offered twice (found through two forms of the topic) counts once.
  const offered = new Set<DatedSentence>();
  for (const c of candidates) {
    if (offered.has(c.sentence)) continue;
    offered.add(c.sentence);
    const g = groups.get(c.source.file);
    if (g) g.sentences.push(c.sentence);
    else groups.set(c.source.file, { source: c.source, sentences: [c.sentence] });
  }
  return timelineOf(query, groups.values(), aliases, options);
}

/** The sentences an index offers from one article. */
export interface CandidateGroup {
  source: SourceRef;
  sentences: DatedSentence[];
  /**
   * Set when the index chose these sentences by meaning (their passage covers the topic's
   * concepts): each with a date of its own is an event, named or not. `forms` are the topic's
   * forms and near-synonyms (folded, longest first), to place the mention; `years` the years the
   * topic names, which its events must fall in. `qualified`: the topic names what it is about
   * besides acts, countries and people (众议院 of 2024年眾議院選舉, not 石破茂当选). `subjects`: for each
   * concept of the topic that is a subject matter of the variant table (总裁选举), its forms, variants and
   * the words of the compound (总裁, 选举). `story`: the forms and variants of the topic's concepts that are not countries
   * or pairs (防卫费, 国防开支… of 日本防衛費; 扇贝, 恢复, 出口… of 日本扇贝 恢复出口中国): a stretch that names only 日本 does not tell that story.
   */
  about?:
    | {
        forms: readonly string[];
        years: readonly number[];
        qualified?: boolean;
        subjects?: readonly (readonly string[])[];
        story?: readonly string[];
        /** The people registry's names: a subject's word right before one (自民党总裁石破茂) is a title, not the subject. */
        people?: Pick<PeopleNames, 'nameAt'>;
      }
    | undefined;
}

/**
 * /timeline over the index's offer, one article at a time (an article's file in one group only,
 * each sentence once), taken as it comes (a generator, say): on a large archive the hundreds of
 * thousands of sentences a broad topic touches are never all held at once, only the lines they give.
 */
export function timelineOf(query: string, groups: Iterable<CandidateGroup>, aliases: AliasTable, options: TimelineOptions = {}): TimelineResult {
  const q = query.trim();
  const limit = clampInt(options.limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
  const offset = clampInt(options.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  if (!q) return { command: 'timeline', query: q, events: [], more: 0, notice: '请给出一个话题，例如一个协定、一个地名或一个人名。' };

  const matcher = topicMatcher(q, aliases);
  const ranks = VARIANTS.meetingRanks(fold(q));
  // A meeting of one rank (首脑会谈) is not told by a line of another's (外相…国务卿; 防卫大臣…国防部长) that names none of its titles.
  const lines = collectLines(matcher, groups, options.context !== false).filter((l) => !ranks.length || !ofAnotherRank(l.folded, ranks));
  if (lines.length === 0) {
    const suggestions = suggest(q, options.knownTopics ?? aliases.forms());
    return {
      command: 'timeline',
      query: q,
      events: [],
      more: 0,
      notice: `没有找到提到「${q}」的带日期事件。`,
      ...(suggestions.length ? { suggestions } : {}),
    };
  }

  lines.sort(compareLines);
  const clusters = merge(lines);
  // Only the page's events are made: a broad topic has tens of thousands.
  const page = clusters.slice(offset, offset + limit).map(toEvent);
  const result: TimelineResult = { command: 'timeline', query: q, events: page, more: Math.max(0, clusters.length - offset - page.length) };
  if (page.length === 0) result.notice = `「${q}」共有 ${clusters.length} 条事件，这一页之后没有更多了。`;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Does a sentence mention the topic?

interface Span {
  start: number;
  end: number;
}

interface TopicMatcher {
  /** One list of patterns per term of the query; a sentence must match every term. */
  terms: RegExp[][];
}

// Single-character country abbreviations: 日美 and 美日 name the same pair, each outlet putting its own side first.
const COUNTRY = '中美日韩朝俄英法德印澳台欧菲越';
const SEP = '[\\s·・∙•.\\-]?';
// Between the words of a form, a few Han characters: 驻日美军的驻留经费, 日美两国首脑会谈.
const GAP = '\\p{sc=Han}{0,3}';

function topicMatcher(q: string, aliases: AliasTable): TopicMatcher {
  // "Joe Biden" is one name; "日美 峰会" two terms that must both appear.
  const terms = aliases.has(q) || !/\s/.test(q) ? [q] : q.split(/\s+/).filter(Boolean);
  return {
    terms: terms.map((t) => {
      const forms = new Set<string>([t, ...aliases.equivalents(t)]);
      const out: RegExp[] = [];
      const seen = new Set<string>();
      for (const form of forms) {
        for (const variant of countryOrders(form)) {
          for (const re of formPatterns(variant)) {
            if (seen.has(re.source)) continue;
            seen.add(re.source);
            out.push(re);
          }
        }
      }
      return out;
    }),
  };
}

/** 日美首脑会谈 → also 美日首脑会谈; 美日韩 → every order of the three. */
function countryOrders(form: string): string[] {
  const f = fold(form).trim();
  let n = 0;
  while (n < 3 && n < f.length && COUNTRY.includes(f[n] as string)) n++;
  // A lone leading country character is part of a word (日本, 美军), not a pair.
  if (n < 2 || new Set(f.slice(0, n)).size < n) return [f];
  const rest = f.slice(n);
  return permutations([...f.slice(0, n)]).map((p) => p.join('') + rest);
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\\-]/g, '\\$&');

/**
 * The patterns of one form, on folded text:
 * - the form itself, spaces and name dots optional (唐纳德·特朗普 = 唐纳德特朗普), whole Latin words only (TPP is not CPTPP);
 * - for a Han form of several words, the words in order with up to 3 characters between (驻日美军的驻留经费);
 * - and, when the words before the last make at least 3 characters, the last word by its final
 *   character: Chinese compounds put the head last, so 经费, 费用 and 军费 are all costs
 *   (驻日美军费用, 驻日美军军费).
 */
function formPatterns(form: string): RegExp[] {
  const compact = key(form);
  if (!compact) return [];
  const chars = [...compact];
  const latinStart = /^[a-z0-9]/.test(compact);
  const latinEnd = /[a-z0-9]$/.test(compact);
  const out = [new RegExp(`${latinStart ? '(?<![a-z0-9])' : ''}${chars.map(escape).join(SEP)}${latinEnd ? '(?![a-z0-9])' : ''}`, 'gu')];
  if (!/^\p{sc=Han}+$/u.test(compact) || chars.length < 3) return out;
  const words = segment(compact).map((t) => t.term);
  if (words.length < 2 || words.join('') !== compact) return out;
  out.push(new RegExp(words.map(escape).join(GAP), 'gu'));
  const head = words[words.length - 1] as string;
  const modifiers = words.slice(0, -1);
  if ([...head].length >= 2 && [...modifiers.join('')].length >= 3) {
    out.push(new RegExp(`${modifiers.map(escape).join(GAP)}\\p{sc=Han}{0,4}?${escape(head.slice(-1))}`, 'gu'));
  }
  return out;
}

/** Where the text mentions the topic (every term), or undefined when it does not. */
function mentions(folded: string, matcher: TopicMatcher): Span[] | undefined {
  const spans: Span[] = [];
  for (const patterns of matcher.terms) {
    let found = false;
    for (const re of patterns) {
      re.lastIndex = 0;
      for (const m of folded.matchAll(re)) {
        spans.push({ start: m.index, end: m.index + m[0].length });
        found = true;
      }
    }
    if (!found) return undefined;
  }
  return spans.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Which sentences are events of the topic, and when.

interface Line {
  /** The event's date and precision, as the line's event will show them. */
  date: string;
  precision: Precision;
  /** The excerpt shown. */
  text: string;
  /** No date in the text: the publication day stands in. */
  reportedOnly: boolean;
  /** The first (in answer order) of the tellings below: the one the line stands for when sorted. */
  source: SourceRef;
  unit: DatedSentence;
  /**
   * Every article that gives this same line (reprints: the same excerpt, dated alike): telling k is
   * tellingSources[k] with tellingUnits[k]. Two arrays, not an object a telling: a broad topic has
   * hundreds of thousands on a large archive.
   */
  tellingSources: SourceRef[];
  tellingUnits: DatedSentence[];
  /** Folded text of the line, for comparing tellings. */
  folded: string;
  /** dateKey() of the date, computed once: the sort compares it many times. */
  sortKey: number;
}

interface Telling {
  source: SourceRef;
  unit: DatedSentence;
}

/** A sentence offered, with its article. */
interface Item extends Telling {
  /** What its text gives, shared by every reprint of the same text. */
  facts: TextFacts;
}

/** A sentence text folded, where it names the topic, and (for a mention) where its clauses and parts begin. */
interface TextFacts {
  folded: string;
  spans: Span[] | undefined;
  places?: Places;
}

interface Places {
  /** clause[i]: the clause (between ，；：) position i is in. */
  clause: Int32Array;
  /** part[i]: the part (between ；) position i is in. */
  part: Int32Array;
}

function collectLines(matcher: TopicMatcher, groups: Iterable<CandidateGroup>, withContext: boolean): Line[] {
  // Reprints repeat sentences word for word: fold and match each distinct text once.
  const seen = new Map<string, TextFacts>();
  const lines: Line[] = [];
  const excerpts: ExcerptMemo = new Map();
  for (const { source, sentences, about } of groups) {
    const from = lines.length;
    if (about) {
      for (const sentence of sentences) {
        aboutLines({ source, unit: sentence, facts: factsOf(sentence, seen, matcher) }, about, excerpts, lines);
      }
      dropUndatedBesideDated(lines, from);
      continue;
    }
    const items: Item[] = [];
    let mentioned = false;
    for (const sentence of sentences) {
      const facts = factsOf(sentence, seen, matcher);
      if (facts.spans) mentioned = true;
      items.push({ source, unit: sentence, facts });
    }
    if (!mentioned) continue;
    const inContext = withContext ? contextual(items, matcher) : () => false;
    for (const item of items) {
      if (item.unit.heading) continue;
      // A line told again (a reprint) joins the one already made and is not listed twice.
      const { spans } = item.facts;
      const line = spans ? mentionLine(item, spans, excerpts) : inContext(item.unit.paragraph) ? contextLine(item, excerpts) : undefined;
      if (line) lines.push(line);
    }
    dropUndatedBesideDated(lines, from);
  }
  return lines;
}

/**
 * An article that dates its account of the topic gives no line for its undated sentences of it
 * that nobody says or decides (日本是世界最安全的國家之一,安倍晉三遇刺案是極罕見的槍枝犯罪; 法新社整理…主要议题如下;
 * 同時,日本本身對TPP的態度也不統一): comment, background or a list header, not news of the publication day.
 * What someone says in the report (茂木敏充还指出…, 日本共同社稱…) stays news of its day, and an article
 * with no date for the topic keeps all: its report is the news.
 */
// A party's stance or decision reported (布林肯也確認…適用於釣魚台, 日本希望拜登放弃…, 人们普遍认为…): news of the report's day.
const STANCE = /确认|同意|希望|认为|宣布|决定|要求|呼吁|批评|反对|支持|承诺|警告/u;

function dropUndatedBesideDated(lines: Line[], from: number): void {
  let dated = false;
  for (let i = from; i < lines.length; i++) if (!(lines[i] as Line).reportedOnly) dated = true;
  if (!dated) return;
  let w = from;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i] as Line;
    if (!l.reportedOnly || SAID.test(l.folded) || STANCE.test(l.folded)) lines[w++] = l;
  }
  lines.length = w;
}

/** What a sentence's text gives, once per distinct text. */
function factsOf(sentence: DatedSentence, seen: Map<string, TextFacts>, matcher: TopicMatcher): TextFacts {
  let facts = seen.get(sentence.text);
  if (!facts) {
    const folded = fold(sentence.text);
    facts = { folded, spans: mentions(folded, matcher) };
    seen.set(sentence.text, facts);
  }
  return facts;
}

// A question the writer asks (…会重返TPP吗？) reports no event.
const QUESTION_END = /[?？][”’」』"')）]*$/;

/**
 * A sentence of a passage about the topic: one line per stretch of it that a date of its own
 * opens (…于去年众议院大选、今年6月东京都议会选举、7月参议院大选皆失利 is three events), each
 * dated by its most specific date. Every date that places something counts here, background
 * history and announced steps included (自2018年…以来, 从1978年度起, 2027财年实现): the topic's
 * story is told by them. Not events: headings, questions, approximate report dates (日前, 近日);
 * a sentence with no date of its own is a line only when it names the whole topic (dated by its report).
 */
function aboutLines(item: Item, about: About, excerpts: ExcerptMemo, out: Line[]): void {
  const { unit, facts } = item;
  if (unit.heading || QUESTION_END.test(facts.folded.trim())) return;
  const dates = unit.dates.filter(
    (d, i) => !d.approximate && !datesTheReport(facts.folded, d) && !restates(facts.folded, unit.dates[i - 1], d) && !namesABudget(facts.folded, d) && !isBirth(facts.folded, d) && !sinceAnotherStory(facts.folded, d, about.forms) && placesAnEvent(facts.folded, d),
  );
  const inYears = (l: Line): boolean => about.years.length === 0 || about.years.includes(Number.parseInt(l.date.slice(0, 4), 10));
  if (dates.length === 0) {
    // A sentence that names the topic itself (its every term) but no time is still news of it: dated by its report.
    // Told only by an outlet's report, it is that report's account of others (日经新闻周二则报道,美方敦促…), unless it reports
    // what someone said (据路透社1月15日报道,刘鹤在…签署仪式上致辞时说…): a statement, dated by the report's day (line()).
    const toldByOutlet = unit.dates.some((d) => datesTheReport(facts.folded, d) && !DISPATCH_AFTER.test(facts.folded.slice(d.end, d.end + 3))) && !SAID.test(facts.folded);
    if (facts.spans && !toldByOutlet && !supposes(facts.folded) && !statesStandingFact(facts.folded)) {
      const made = mentionLine(item, facts.spans, excerpts);
      if (made && inYears(made)) out.push(made);
    }
    return;
  }
  const groups = dateGroups(facts.folded, dates);
  // Naming the topic's country or an act of it (日本政府在2022年底正式通过新“安保三文件” for 日本防衛費) is not naming its story.
  const names = groups.map((g) => namesAny(facts.folded.slice(g.start, g.end), about.story ?? about.forms));
  for (const [k, g] of groups.entries()) {
    const stretch = facts.folded.slice(g.start, g.end);
    // A stretch beside one about the topic that names another known concept and nothing of the topic is that concept's event
    // (二〇二二年底制定安保三文件，…，預定在二〇二七年度將防衛費提高… is one line for each topic).
    if (!names[k] && names.some(Boolean) && namesAny(stretch, otherStoriesOf(about).competing)) continue;
    // A stretch that names the topic only inside another subject's name is that subject's event (选举 of 首相指名选举, 当选首相 for 众议院选举).
    if (about.qualified && swallowed(stretch, about)) continue;
    // A stretch that names another kind of the topic's goods and not the topic's kind is that kind's event (海参 for 扇贝).
    if (namesSiblingKind(stretch, about)) continue;
    const best = g.dates.reduce((a, b) => (placeOrder(b, a) < 0 ? b : a));
    const whole = g.start === 0 && g.end >= facts.folded.trimEnd().length;
    const made = whole
      ? line(item, best, excerpts, () => [[...formSpans(facts.folded, about.forms).map((sp) => sp.start), best.start], best.start])
      : line(item, best, excerpts, () => ({ span: [g.start, g.end] }));
    if (made && inYears(made)) out.push(made);
  }
}

// A dateline's date (新华社东京11月11日电, …日讯): the article's own dispatch, not another outlet's account.
const DISPATCH_AFTER = /^\s?专?[电讯]/u;

/** Most specific first; then a point before a bound or fiscal year; then the first written. */
function placeOrder(a: DateMention, b: DateMention): number {
  return precisionRank(b.precision) - precisionRank(a.precision) || Number(!isAnchor(a)) - Number(!isAnchor(b)) || a.start - b.start;
}

// Before a date that frames its clause: a word at most (并在2027财年实现), or a time preposition (预定在二〇二七年度将…).
const FRAME_BEFORE = /^\P{sc=Han}*\p{sc=Han}{0,2}$|[在于从自到至]\s?$/u;

/** Whether a fiscal year or a bound opens its clause's time (并在2027财年实现…) rather than qualifying a noun of it (决定2021年度起5年间…的谈判). */
function framesClause(folded: string, pieceStart: number, d: DateMention): boolean {
  return FRAME_BEFORE.test(folded.slice(pieceStart, d.start));
}


// Where a sentence's stretches may be cut: clause and list separators (，；：、 after fold()).
const STRETCH_SEP = /[,;:、]/;
// A stretch shorter than this (2022年、2023年) is a list of dates, not an event of its own.
const MIN_STRETCH = 6;

/**
 * The stretches of a sentence that each hold dates of one event: a new stretch begins at a
 * clause or list item that brings a date when the stretch so far already has one; undated
 * clauses stay with the stretch before them (the first with the one after).
 */
function dateGroups(folded: string, dates: readonly DateMention[]): { start: number; end: number; dates: DateMention[] }[] {
  const pieces: { start: number; end: number }[] = [];
  let s = 0;
  for (let i = 0; i < folded.length; i++) {
    if (STRETCH_SEP.test(folded[i] as string)) {
      pieces.push({ start: s, end: i + 1 });
      s = i + 1;
    }
  }
  if (s < folded.length) pieces.push({ start: s, end: folded.length });
  const groups: { start: number; end: number; dates: DateMention[] }[] = [];
  let cur: { start: number; end: number; dates: DateMention[] } | undefined;
  for (const p of pieces) {
    const own = dates.filter((d) => d.start >= p.start && d.start < p.end);
    // A new time opens a stretch: not the same date again (2月4日,据报道，…星期五(2月4日)…), nor a fiscal year or
    // an open bound after a point in time (10月15日，已启动决定2021年度起5年间…的谈判: one event, dated 10月15日).
    const opens = own.some((d) => !cur?.dates.some((c) => c.date === d.date) && (isAnchor(d) || !cur?.dates.some(isAnchor) || framesClause(folded, p.start, d)));
    // What someone said (…该基金会主席表示,部分资金将来自受益于1965年条约的韩国公司; 岸信夫在10日的记者会上宣布,…谈判将于本周内举行),
    // what a quotation holds (他说:“日本今年大选后若内阁能稳定执政,明年的日美首脑会谈时,美方就可能…”) and the verb a clause of
    // manner waits for (以追加预算的方式,在今年度采取相关措施) are one event with what comes before: not cut there (runsOn).
    const said = cur !== undefined && runsOn(folded.slice(cur.start, p.start));
    if (cur && opens && !said && cur.dates.length && cur.end - cur.start >= MIN_STRETCH && p.end - p.start >= MIN_STRETCH) {
      groups.push(cur);
      cur = undefined;
    }
    if (!cur) cur = { start: p.start, end: p.end, dates: [...own] };
    else {
      cur.end = p.end;
      cur.dates.push(...own);
    }
  }
  if (cur) groups.push(cur);
  return groups.filter((g) => g.dates.length > 0).map((g) => {
    let { start, end } = g;
    while (end > start && /[,;:、\s]/.test(folded[end - 1] as string)) end--;
    while (start < end && /\s/.test(folded[start] as string)) start++;
    return { start, end, dates: g.dates };
  });
}

function ofAnotherRank(folded: string, ranks: readonly number[]): boolean {
  const named = VARIANTS.ranksNamed(folded);
  return named.length > 0 && !named.some((r) => ranks.includes(r));
}

function namesAny(folded: string, forms: readonly string[]): boolean {
  return forms.some((f) => folded.includes(f));
}

type About = NonNullable<CandidateGroup['about']>;

/** What the other-story checks read from a topic's forms: made once per topic (every group of one query shares its `about`). */
interface OtherStories {
  /** The news concepts the variant table knows that are not the topic's (none of its forms or near-synonyms). */
  competing: string[];
  /** The subject-matter names that hold a word of the topic's (首相指名选举 holds 选举): see swallowed(). */
  rivals: string[];
  /** The kinds the topic names, with their siblings (扇贝 and 海参; 访日 and 访美). */
  kinds: ReturnType<VariantTable['kindsNamed']>;
}

const otherStories = new WeakMap<About, OtherStories>();

function otherStoriesOf(about: About): OtherStories {
  let o = otherStories.get(about);
  if (!o) {
    const { forms, subjects = [] } = about;
    const own = new Set(forms);
    const ownSubject = (f: string): boolean => own.has(f) || VARIANTS.variantsOf(f).some((v) => own.has(v));
    const held = [...forms, ...subjects.flat()];
    // A name made only of the topic's words (众议院选举 of 众议院 + 选举) is the topic's own.
    const onlyTopicWords = (f: string): boolean => held.reduce((rest, x) => rest.split(x).join(''), f).length === 0;
    const rivals = VARIANTS.subjectForms().filter((f) => !ownSubject(f) && !onlyTopicWords(f) && held.some((x) => f.includes(x) && f !== x));
    otherStories.set(about, (o = { competing: VARIANTS.otherSubjects(forms), rivals, kinds: VARIANTS.kindsNamed(forms) }));
  }
  return o;
}

// Being elected to an office (当选自民党新任总裁, 当选日本第103任首相) is that office's election: the office
// (within a few characters, no comma between) and the subject-matter form that names its election.
const ELECTED_TO = /当选(?:为)?[^,;:。]{0,10}?(首相|总裁|党首|党魁)/gu;
const ELECTION_OF: Record<string, string> = { 首相: '首相指名选举', 总裁: '总裁选举', 党首: '总裁选举', 党魁: '总裁选举' };

/**
 * Whether every mention of the topic in folded text lies inside the name of another subject: a
 * subject-matter form that holds a topic form (首相指名选举 holds 选举) or an election to an office
 * whose election the topic is not (当选首相 holds 当选). 总裁选举 keeps 当选…总裁; a topic that types the
 * subject itself (首相指名选举) keeps it. Asked only of a qualified topic: 石破茂当选 is every election he won.
 * A topic's subject matter (总裁选举) named only by one of its words inside another's name (选举 of
 * 众议院选举) is swallowed too, whatever else of the topic (自民党) the stretch names; so is one named only as a person's title
 * (自民党总裁石破茂).
 */
function swallowed(folded: string, about: About): boolean {
  const { forms, subjects = [] } = about;
  let masked = folded;
  const blank = (start: number, end: number): void => {
    masked = masked.slice(0, start) + ' '.repeat(end - start) + masked.slice(end);
  };
  for (const r of otherStoriesOf(about).rivals) for (let at = masked.indexOf(r); at !== -1; at = masked.indexOf(r, at + r.length)) blank(at, at + r.length);
  // A word of the topic's subject right before a person's name is that person's title (自民党总裁石破茂11日晚成立新内阁 for 总裁选举).
  if (about.people) {
    for (const w of new Set(subjects.flat())) {
      for (let at = masked.indexOf(w); at !== -1; at = masked.indexOf(w, at + w.length)) if (about.people.nameAt(folded, at + w.length)) blank(at, at + w.length);
    }
  }
  for (const m of folded.matchAll(ELECTED_TO)) {
    const election = ELECTION_OF[m[1] as string] as string;
    const own = forms.includes(election) || VARIANTS.variantsOf(election).some((v) => forms.includes(v));
    if (!own) blank(m.index, m.index + m[0].length);
  }
  // Swallowed: nothing of the topic left, or its subject matter named only by a word of another's name (选举 of 众议院选举 for 总裁选举).
  if (masked === folded) return false;
  return (namesAny(folded, forms) && !namesAny(masked, forms)) || subjects.some((s) => namesAny(folded, s) && !namesAny(masked, s));
}

/** Whether folded text names a sibling of a kind the topic names (海参 beside 扇贝) and nothing of that kind. */
function namesSiblingKind(folded: string, about: About): boolean {
  return otherStoriesOf(about).kinds.some((k) => !namesAny(folded, k.own) && namesAny(folded, k.siblings));
}

/** Where any of the forms occur in folded text, in order. */
function formSpans(folded: string, forms: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const f of forms) {
    for (let at = folded.indexOf(f); at !== -1; at = folded.indexOf(f, at + f.length)) spans.push({ start: at, end: at + f.length });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** A sentence's excerpt around a date, by sentence text, then date position: reprints cut the same way once. */
type ExcerptMemo = Map<string, Map<number, Excerpt>>;

interface Excerpt {
  text: string;
  folded: string;
  /** The lines made of this excerpt so far, by date and whether only the publication day dates them. */
  lines: Map<number, Line>;
}

// Titles are folded again on every query: remember them.
const foldTitle = memoized(fold, 100_000);

/**
 * Paragraphs that carry on an account of the topic without naming it in every sentence: the
 * paragraphs that name it, the (at most two) paragraphs between two that do with no sub-heading
 * in between (a reporter's account runs over consecutive paragraphs: 博尔顿's memoir between two
 * paragraphs on the host-nation-support talks), and every paragraph of an article whose title
 * names the topic. Only their sentences with a date of their own become lines.
 */
function contextual(items: readonly Item[], matcher: TopicMatcher): (paragraph: number) => boolean {
  const first = items[0];
  if (first && mentions(foldTitle(first.source.title), matcher)) return () => true;
  const named = [...new Set(items.filter((i) => i.facts.spans).map((i) => i.unit.paragraph))].sort((a, b) => a - b);
  const headings = new Set(items.filter((i) => i.unit.heading).map((i) => i.unit.paragraph));
  const inside = new Set(named);
  for (let k = 0; k + 1 < named.length; k++) {
    const a = named[k] as number;
    const b = named[k + 1] as number;
    if (b - a - 1 > 2) continue;
    let clear = true;
    for (let p = a + 1; p < b; p++) if (headings.has(p)) clear = false;
    if (clear) for (let p = a + 1; p < b; p++) inside.add(p);
  }
  return (p) => inside.has(p);
}

// Clause boundaries inside a sentence (，；： after fold()).
const CLAUSE_END = /[,;:]/;

/** Where each clause and part of a text begins, computed once per distinct text. */
function placesOf(facts: TextFacts): Places {
  if (facts.places) return facts.places;
  const { folded } = facts;
  const clause = new Int32Array(folded.length + 1);
  const part = new Int32Array(folded.length + 1);
  let c = 0;
  let p = 0;
  for (let i = 0; i < folded.length; i++) {
    clause[i] = c;
    part[i] = p;
    const ch = folded[i] as string;
    if (CLAUSE_END.test(ch)) c++;
    if (ch === ';') p++;
  }
  clause[folded.length] = c;
  part[folded.length] = p;
  facts.places = { clause, part };
  return facts.places;
}

/**
 * The event's date: among the dates that can place an event (not a fiscal year, an open bound or
 * 日前), in the part of the sentence (between ；) that names the topic, the most specific, then the
 * one in the clause nearest the mention. No such date: the publication day, marked reportedOnly.
 */
function mentionLine(item: Item, spans: Span[], excerpts: ExcerptMemo, datedOnly = false): Line | undefined {
  const unit = item.unit;
  const { clause, part } = placesOf(item.facts);
  // part[] counts the ；before a position: the part it is in.
  const namedParts = new Set(spans.map((s) => part[s.start] ?? 0));
  const distance = (d: DateMention): number => Math.min(...spans.map((s) => Math.abs((clause[d.start] ?? 0) - (clause[s.start] ?? 0))));
  // The most specific, then the nearest to a mention, then the first: the least by this order.
  const order = (a: DateMention, b: DateMention): number => precisionRank(b.precision) - precisionRank(a.precision) || distance(a) - distance(b) || a.start - b.start;
  let best: DateMention | undefined;
  for (const d of unit.dates) {
    if (!isAnchor(d) || !namedParts.has(part[d.start] ?? 0) || datesTheReport(item.facts.folded, d) || !placesAnEvent(item.facts.folded, d)) continue;
    if (!best || order(d, best) < 0) best = d;
  }
  // A supposition is news of no day (its set occasions, if any, are dated above).
  if (!best && supposes(item.facts.folded)) return undefined;
  if (!best && datedOnly) {
    // The topic named in one part, the date in another (…会谈；16日，…): the sentence is still dated.
    return contextLine(item, excerpts, 'year');
  }
  return line(item, best, excerpts, () => [[...spans.map((s) => s.start), ...(best ? [best.start] : [])], best ? best.start : (spans[0]?.start ?? 0)]);
}

/**
 * A sentence of the account that does not name the topic: a line only with a day or a month of
 * its own (a bare year, 2017年至2021年执政时, is background more often than a step of the story).
 */
function contextLine(item: Item, excerpts: ExcerptMemo, least: Precision = 'month'): Line | undefined {
  const best = item.unit.dates
    .filter((d) => isAnchor(d) && precisionRank(d.precision) >= precisionRank(least) && placesAnEvent(item.facts.folded, d))
    .sort((a, b) => precisionRank(b.precision) - precisionRank(a.precision) || a.start - b.start)[0];
  return best ? line(item, best, excerpts, () => [[best.start], best.start]) : undefined;
}

/**
 * The line of a sentence dated by `date` (the publication day when undefined), or undefined when
 * the same line was already made from another article: it is then one more telling of that line.
 * `where` gives the positions the excerpt must keep and the one it is centred on (computed only
 * when the excerpt is not known yet).
 */
function line(item: Item, date: DateMention | undefined, excerpts: ExcerptMemo, where: () => [number[], number] | { span: [number, number] }): Line | undefined {
  const { source, unit } = item;
  let byDate = excerpts.get(unit.text);
  if (!byDate) excerpts.set(unit.text, (byDate = new Map()));
  const at = date ? date.start : -1;
  let cut = byDate.get(at);
  if (!cut) {
    const w = where();
    const { folded } = item.facts;
    // A stretch of a sentence (one of its several events) is shown as it is.
    const [start, end] = 'span' in w ? w.span : excerpt(unit.text, folded, w[0], w[1]);
    // fold() keeps lengths: the excerpt's folded text is the folded sentence's same stretch.
    cut = { text: unit.text.slice(start, end), folded: folded.slice(start, end), lines: new Map() };
    byDate.set(at, cut);
  }
  // No date of its own: the day of the report that tells it (据路透社1月15日报道,刘鹤在…签署仪式上致辞时说; a dateline), else the publication day.
  const told = date ? undefined : reportDay(unit, item.facts.folded);
  const day = date ? date.date : (told ?? publicationDay(source.publishedAt, source.url) ?? source.publishedAt.slice(0, 10));
  const precision: Precision = date ? date.precision : 'day';
  const reportedOnly = date === undefined;
  const sortKey = dateKey(day, precision);
  // dateKey() is one number per date and precision.
  const key = sortKey * 2 + (reportedOnly ? 1 : 0);
  const known = cut.lines.get(key);
  if (known) {
    known.tellingSources.push(source);
    known.tellingUnits.push(unit);
    if (compareTellings(item, known) < 0) {
      known.source = source;
      known.unit = unit;
    }
    return undefined;
  }
  const made: Line = { date: day, precision, text: cut.text, reportedOnly, source, unit, tellingSources: [source], tellingUnits: [unit], folded: cut.folded, sortKey };
  cut.lines.set(key, made);
  return made;
}

/** The day an outlet's report or a dispatch in the sentence gives (据路透社1月15日报道, 新华社东京11月11日电), if it names one. */
function reportDay(unit: DatedSentence, folded: string): string | undefined {
  return unit.dates.find((d) => d.precision === 'day' && !d.approximate && datesTheReport(folded, d))?.date;
}

/**
 * A long sentence cut to the clauses that matter: the one with the date (or the first mention),
 * widened over neighbouring clauses that hold the date or a mention, then to at least a readable
 * length; a quotation left open is closed. [start, end) of the sentence.
 */
function excerpt(text: string, folded: string, keys: number[], core: number): [number, number] {
  const lead = text.length - text.trimStart().length;
  const whole = text.trim();
  if ([...whole].length <= MAX_LINE) return [lead, lead + whole.length];
  const clauses: Span[] = [];
  let s = 0;
  for (let i = 0; i < folded.length; i++) {
    if (CLAUSE_END.test(folded[i] as string)) {
      clauses.push({ start: s, end: i + 1 });
      s = i + 1;
    }
  }
  if (s < folded.length) clauses.push({ start: s, end: folded.length });
  const at = (pos: number): number => Math.max(0, clauses.findIndex((c) => pos >= c.start && pos < c.end));
  const keyClauses = new Set(keys.map(at));
  let lo = at(core);
  let hi = lo;
  for (let grown = true; grown; ) {
    grown = false;
    if (keyClauses.has(lo - 1)) {
      lo--;
      grown = true;
    }
    if (keyClauses.has(hi + 1)) {
      hi++;
      grown = true;
    }
  }
  const span = (): number => (clauses[hi] as Span).end - (clauses[lo] as Span).start;
  // A short window reaches over one clause to the next mention (…退出TPP后，遭到动摇的…，也就是他有可能重返TPP).
  if (span() < MAX_LINE / 2) {
    if (keyClauses.has(hi + 2) && (clauses[hi + 2] as Span).end - (clauses[lo] as Span).start <= MAX_LINE) hi += 2;
    else if (keyClauses.has(lo - 2) && (clauses[hi] as Span).end - (clauses[lo - 2] as Span).start <= MAX_LINE) lo -= 2;
  }
  while (span() < 30 && (lo > 0 || hi < clauses.length - 1)) {
    if (hi < clauses.length - 1) hi++;
    else lo--;
  }
  let start = (clauses[lo] as Span).start;
  let end = (clauses[hi] as Span).end;
  // Close a quotation the cut leaves open (within a short reach).
  const opens = (folded.slice(start, end).match(/[“「『]/g) ?? []).length;
  const closes = (folded.slice(start, end).match(/[”」』]/g) ?? []).length;
  if (opens > closes) {
    const close = folded.slice(end, end + 60).search(/[”」』]/);
    if (close >= 0) end += close + 1;
  }
  while (end > start && /[,;:\s]/.test(folded[end - 1] as string)) end--;
  while (start < end && /\s/.test(folded[start] as string)) start++;
  return [start, end];
}

// ---------------------------------------------------------------------------------------------
// Order and merging.

/**
 * Sort key: a day comes before its month's undated items and a month before its year's; a decade
 * opens its ten years (1960s before 1960…1969), so that every date reads as a prefix order.
 */
function dateKey(date: string, precision: Precision): number {
  const y = Number.parseInt(date.slice(0, 4), 10);
  // (year, month, day) read as one number: months and days stay below 200.
  const key = (year: number, month: number, day: number): number => (year * 200 + month) * 200 + day;
  switch (precision) {
    case 'day':
      return key(y, Number(date.slice(5, 7)), Number(date.slice(8, 10)));
    case 'month':
      return key(y, Number(date.slice(5, 7)), 99);
    case 'year':
      return key(y, 99, 99);
    case 'decade':
      return key(y, 0, 0);
  }
}

function compareLines(a: Line, b: Line): number {
  return a.sortKey - b.sortKey || Number(a.reportedOnly) - Number(b.reportedOnly) || compareTellings(a, b);
}

/** Earlier reports first, then by file and place in the article. */
function compareTellings(a: Telling, b: Telling): number {
  return (
    byCodeUnit(a.source.publishedAt, b.source.publishedAt) ||
    byCodeUnit(a.source.file, b.source.file) ||
    a.unit.paragraph - b.unit.paragraph ||
    a.unit.sentence - b.unit.sentence ||
    (a.unit.part ?? 0) - (b.unit.part ?? 0)
  );
}

/**
 * Plain string order: ISO dates and file names need no collation, and localeCompare asks ICU for
 * every one of the hundreds of thousands of comparisons a large timeline's sort makes.
 */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Character bigrams of the Han, Latin and digit characters of folded text. */
function bigrams(folded: string): Set<string> {
  const chars = [...folded.replace(/[^\p{sc=Han}\p{L}\p{N}]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add((chars[i] as string) + (chars[i + 1] as string));
  if (chars.length === 1) out.add(chars[0] as string);
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** One event: the line that first told it and every line that tells it again, in order. */
interface Cluster {
  line: Line;
  grams: Set<string>;
  members: Line[];
}

/** Lines of the same date that tell the same thing become one event listing every source, earliest report first. */
function merge(sorted: readonly Line[]): Cluster[] {
  const clusters: Cluster[] = [];
  // Reprints give the same line many times: its bigrams once.
  const gramsOf = new Map<string, Set<string>>();
  let dayStart = 0;
  for (const line of sorted) {
    // Clusters of the same date and precision sit at the end of the list (the lines are sorted).
    while (dayStart < clusters.length) {
      const c = clusters[dayStart] as (typeof clusters)[number];
      if (c.line.date === line.date && c.line.precision === line.precision) break;
      dayStart++;
    }
    let grams = gramsOf.get(line.folded);
    if (!grams) gramsOf.set(line.folded, (grams = bigrams(line.folded)));
    let home: Cluster | undefined;
    for (let i = dayStart; i < clusters.length; i++) {
      const c = clusters[i] as (typeof clusters)[number];
      if (c.line.date !== line.date || c.line.precision !== line.precision) continue;
      if (jaccard(c.grams, grams) >= SAME_EVENT_JACCARD) {
        home = c;
        break;
      }
    }
    if (home) home.members.push(line);
    else clusters.push({ line, grams, members: [line] });
  }
  return clusters;
}

/** A cluster as the answer shows it: the first telling, with every article that tells it. */
function toEvent({ line, members }: Cluster): TimelineEvent {
  // Every telling of every line of the event, in answer order (as the lines would sort).
  const tellings = members.flatMap((m) => m.tellingUnits.map((unit, k) => ({ reportedOnly: m.reportedOnly, unit, source: m.tellingSources[k] as SourceRef })));
  tellings.sort((a, b) => Number(a.reportedOnly) - Number(b.reportedOnly) || compareTellings(a, b));
  const files = new Set<string>();
  const sources: SourceRef[] = [];
  for (const t of tellings) {
    if (files.has(t.source.file)) continue;
    files.add(t.source.file);
    sources.push({ ...t.source });
  }
  const { source } = line;
  const event: TimelineEvent = {
    date: line.date,
    precision: line.precision,
    text: line.text,
    title: source.title,
    url: source.url,
    publishedAt: source.publishedAt,
    source: source.source,
    file: source.file,
    // A report counts as reportedOnly only when no telling gives the date.
    reportedOnly: members.every((m) => m.reportedOnly),
  };
  if (sources.length > 1) event.sources = sources;
  return event;
}

// ---------------------------------------------------------------------------------------------
// Suggestions for a topic nobody mentions.

function suggest(q: string, known: readonly string[]): string[] {
  const kq = key(q);
  if (!kq) return [];
  const gq = bigrams(kq);
  const scored: { form: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const form of known) {
    const k = key(form);
    if (!k || k === kq || seen.has(k)) continue;
    seen.add(k);
    let score = 0;
    if (k.includes(kq) || kq.includes(k)) score = 1 + Math.min(k.length, kq.length) / Math.max(k.length, kq.length);
    else if (/^[a-z0-9]+$/.test(kq) && /^[a-z0-9]+$/.test(k)) score = 1 - editDistance(kq, k) / Math.max(kq.length, k.length);
    else score = jaccard(gq, bigrams(k));
    if (score >= 0.34) scored.push({ form, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.form.length - b.form.length).slice(0, 5).map((s) => s.form);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function clampInt(v: number | undefined, fallback: number, min: number, max: number): number {
  if (v === undefined || !Number.isFinite(v)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(v)));
}
