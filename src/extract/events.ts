import { articleParagraphs, type Article } from '../corpus/article.ts';
import { fold } from '../text/normalize.ts';
import { isAnchor, resolveDates, type DateAccount, type DateMention } from './dates.ts';

/**
 * The sentences of an article with the dates resolved in them: built once per article at index
 * time and stored in the index snapshot, so it is plain JSON and holds no article metadata (the
 * article is referenced by id; its title, URL and date stay in the article table).
 */
export interface DatedSentence {
  /** The article's id (its file name without the extension). */
  article: string;
  /** Index into articleParagraphs(article): the lead, when there is one, is 0. */
  paragraph: number;
  /** Index of the sentence within its paragraph. */
  sentence: number;
  /** Set when the sentence was cut where a clause opens a new time (…举行会谈，4日，…): the clause group's index. */
  part?: number | undefined;
  /** [start, end) of `text` within the paragraph. */
  start: number;
  end: number;
  text: string;
  /** The dates in `text`, offsets relative to `text`. */
  dates: readonly DateMention[];
  /** The paragraph is a sub-heading. */
  heading?: boolean | undefined;
}

// Sentence ends: the full stop, question and exclamation marks (fold() makes ！？ into !?). Not ……,
// which trails off inside a sentence as often as it ends one.
const TERMINATOR = /[。!?]/;
// Closing quotation marks and brackets that belong to the sentence they close: “…。”
const CLOSER = /[”’」』)\]】》"']/;
// Clause separators inside a sentence (，；, ; after fold()).
const CLAUSE_SEP = /[,;]/;

/** Sentence spans of a paragraph: cut after 。！？ (and any closing quotes), whitespace trimmed. */
export function splitSentences(text: string): { start: number; end: number }[] {
  const f = fold(text);
  const out: { start: number; end: number }[] = [];
  let start = 0;
  let i = 0;
  const push = (a: number, b: number): void => {
    while (a < b && /\s/.test(f[a] as string)) a++;
    while (b > a && /\s/.test(f[b - 1] as string)) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  while (i < f.length) {
    const c = f[i] as string;
    if (c === '\n') {
      push(start, i);
      start = ++i;
      continue;
    }
    if (!TERMINATOR.test(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < f.length && TERMINATOR.test(f[j] as string)) j++;
    while (j < f.length && CLOSER.test(f[j] as string)) j++;
    push(start, j);
    start = j;
    i = j;
  }
  push(start, f.length);
  return out;
}

// A clause that opens with its own date (4日，马蒂斯…; 2019年12月3日，特朗普…) starts a new time frame
// when the date stands within its first few characters: after a short subject at most.
const OPENING_WINDOW = 8;
// A leading connective (第三，此外，稍早，据报道) is not a clause worth keeping alone.
const MIN_GROUP = 8;
/**
 * Verbs of saying or proposing (表示, 说, 称, 指出, 强调, 透露, 提出), announcing or confirming (宣布, 证实, 披露: 川普一日突然推文宣布，
 * 将自九月一日起…): a clause that ends in one has what was said after it.
 */
export const SAYING_VERB = '(?:表示|说|称|指出|强调|透露|提出|宣布|证实|披露)';
const SAYS_END = new RegExp(`${SAYING_VERB}$`, 'u');

/** Whether text opens more quotations (“「『) than it closes: what follows is still inside one, still what was said. */
function quoteOpen(text: string): boolean {
  return (text.match(/[“「『]/g) ?? []).length > (text.match(/[”」』]/g) ?? []).length;
}

// A clause of manner that waits for its verb (並打算以追加預算的方式，在今年度採取相關措施; 通过视频连线的形式，于15日举行会谈).
const MANNER_END = /(?:以|通过|透过|借由|藉由|采取|採取)[^,;:]{0,20}(?:方式|形式|名义|途径|手段)$/u;

/**
 * Whether the text before a clause (folded, up to a comma or colon) leaves that clause part of its own event: it ends in a
 * verb of saying (姆努钦1月14日表示，1月15日公布的协议…), inside a quotation (防长8日表示:「部队将在9日出发,12日抵达。」), or in a
 * clause of manner that waits for its verb (以追加预算的方式，在今年度采取相关措施).
 */
export function runsOn(before: string): boolean {
  const text = before.replace(/[\s,:]+$/u, '');
  return SAYS_END.test(text) || MANNER_END.test(text) || quoteOpen(text);
}

/**
 * Cuts a sentence where a clause opens a new time frame with a date different from the dates
 * before it, so that "当天，A与B会谈，4日，A与C会谈" gives two dated events, while
 * "日美两国政府10月15日，已启动决定2021年度起…的谈判" stays whole (2021年度 is no time frame).
 */
function clauseGroups(f: string, s: { start: number; end: number }, dates: readonly DateMention[]): { start: number; end: number }[] {
  const own = dates.filter((d) => d.start >= s.start && d.end <= s.end);
  if (!own.some(isAnchor)) return [s];
  const groups: { start: number; end: number }[] = [];
  let groupStart = s.start;
  for (let i = s.start; i < s.end; i++) {
    if (!CLAUSE_SEP.test(f[i] as string)) continue;
    let k = i + 1;
    while (k < s.end && /\s/.test(f[k] as string)) k++;
    const opening = own.find((d) => isAnchor(d) && d.start >= k && d.start - k <= OPENING_WINDOW && !CLAUSE_SEP.test(f.slice(k, d.start)));
    if (!opening) continue;
    const before = f.slice(groupStart, i).trim();
    if ([...before].length < MIN_GROUP) continue;
    // After a verb of saying comes what was said, a quotation goes on to its close, a clause of manner to its verb (runsOn):
    // the same event, not a new frame.
    if (runsOn(before)) continue;
    const earlier = own.filter((d) => isAnchor(d) && d.start >= groupStart && d.end <= i);
    if (earlier.length === 0) {
      // Nothing dated before: cut only where the date stands alone as the clause's frame (…会谈，4日，马蒂斯…),
      // not at 计划在2027年… or between a subject and its predicate (…麻生太郎，上月前往美国).
      if (!/^[在于]?$/.test(f.slice(k, opening.start)) || !/^\s?[,;]/.test(f.slice(opening.end))) continue;
    } else if (earlier.some((d) => d.date.startsWith(opening.date))) {
      // The same time again, or a span holding it (10日…，有意包括今年在内): the same frame.
      continue;
    }
    groups.push({ start: groupStart, end: i + 1 });
    groupStart = k;
  }
  groups.push({ start: groupStart, end: s.end });
  return groups;
}

/** The article's sentences (lead and headings included), each with its resolved dates. Pure. */
export function extractDatedSentences(article: Article): DatedSentence[] {
  const paragraphs: { text: string; heading: boolean }[] = [];
  if (article.lead) paragraphs.push({ text: article.lead, heading: false });
  for (const b of article.blocks) paragraphs.push({ text: b.text, heading: b.kind === 'heading' });

  const out: DatedSentence[] = [];
  // 当天 / 翌日 at the start of a paragraph follow the day the paragraphs before reached.
  const account: DateAccount = {};
  paragraphs.forEach((p, paragraph) => {
    // Resolved over the whole paragraph: a bare 16日 may continue the 10月15日 of the sentence before.
    const dates = resolveDates(p.text, article.publishedAt, account, article.url);
    const f = fold(p.text);
    splitSentences(p.text).forEach((s, sentence) => {
      const groups = clauseGroups(f, s, dates);
      groups.forEach((g, part) => {
        let start = g.start;
        let end = g.end;
        while (start < end && /\s/.test(f[start] as string)) start++;
        while (end > start && /\s/.test(f[end - 1] as string)) end--;
        if (end <= start) return;
        const unit: DatedSentence = {
          article: article.id,
          paragraph,
          sentence,
          start,
          end,
          text: p.text.slice(start, end),
          dates: dates.filter((d) => d.start >= start && d.end <= end).map((d) => shift(d, start)),
        };
        if (groups.length > 1) unit.part = part;
        if (p.heading) unit.heading = true;
        out.push(unit);
      });
    });
  });
  return out;
}

/** A sentence without what its article gives back (its text, its article's id): as workers send it and the snapshot stores it. */
export type BareSentence = Omit<DatedSentence, 'text' | 'article'>;

export function bareSentence({ text: _text, article: _article, ...rest }: DatedSentence): BareSentence {
  return rest;
}

// Most sentences have no date: they all share this one empty list.
const NO_DATES: readonly DateMention[] = Object.freeze([]);

/**
 * The sentences of an article as the index keeps them, a few million of them on a large archive:
 * every one of one shape, its text a slice of the article's own paragraph and its article id the
 * article's own string (not copies, as sentences sent from a worker thread or read from disk are),
 * and the empty date lists shared. Measured at 10,000 articles: 475 bytes a sentence before, 170 after.
 */
export function compactSentences(article: Article, sentences: readonly BareSentence[]): DatedSentence[] {
  const paragraphs = articleParagraphs(article);
  return sentences.map((s) => ({
    article: article.id,
    paragraph: s.paragraph,
    sentence: s.sentence,
    part: s.part,
    start: s.start,
    end: s.end,
    text: (paragraphs[s.paragraph] ?? '').slice(s.start, s.end),
    dates: s.dates.length ? s.dates : NO_DATES,
    heading: s.heading,
  }));
}

function shift(d: DateMention, by: number): DateMention {
  return { ...d, start: d.start - by, end: d.end - by, ...(d.range ? { range: { ...d.range } } : {}) };
}
