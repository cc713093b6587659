/**
 * Answer-quality and latency metrics. Pure functions over plain values: no I/O, no library, so
 * they are unit-tested on hand-made rankings (tests/bench/metrics.test.ts) and shared by
 * bench/eval.ts and bench/bench.ts.
 *
 * A labelled item names a file and an exact substring of one of its passages; a result matches it
 * when the result comes from that file and its text contains the substring.
 */

/** A labelled passage: its file and an exact substring of its text, as parsed. */
export interface Labelled {
  file: string;
  contains: string;
}

/** Anything the library returned with a source: an /ask passage, a statement, an event. */
export interface Found {
  file: string;
  text: string;
}

/**
 * The real files whose text a result's file may carry. Identity for a real corpus; for a
 * synthesised archive (bench/synth.ts) a new article also stands for the articles its
 * paragraphs were taken from, so a verbatim copy of a relevant paragraph counts as relevant.
 */
export type Provenance = (file: string) => Iterable<string>;

export const identityProvenance: Provenance = (file) => [file];

export function matchesLabel(found: Found, label: Labelled, provenance: Provenance = identityProvenance): boolean {
  if (!found.text.includes(label.contains)) return false;
  if (found.file === label.file) return true;
  for (const f of provenance(found.file)) if (f === label.file) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// /ask: a ranking against a set of relevant passages.

export interface AskScore {
  /** 1-based rank of the first relevant result, or null when none of the results is relevant. */
  firstRank: number | null;
  success1: number;
  success5: number;
  /** Reciprocal rank, counting only the top 10 (0 beyond). */
  rr10: number;
  /** Share of the labelled passages found in the top 10. */
  recall10: number;
}

/** 1-based rank of the first result matching any label, or null. */
export function firstRelevantRank(results: readonly Found[], relevant: readonly Labelled[], provenance: Provenance = identityProvenance): number | null {
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as Found;
    if (relevant.some((l) => matchesLabel(r, l, provenance))) return i + 1;
  }
  return null;
}

/** 1 when a relevant result is within the first k, else 0. */
export function successAt(k: number, firstRank: number | null): number {
  return firstRank !== null && firstRank <= k ? 1 : 0;
}

/** 1/rank of the first relevant result when it is within the first k, else 0. */
export function reciprocalRankAt(k: number, firstRank: number | null): number {
  return firstRank !== null && firstRank <= k ? 1 / firstRank : 0;
}

/** Share of the labels matched by at least one of the first k results (1 for no labels). */
export function recallAt(k: number, results: readonly Found[], labels: readonly Labelled[], provenance: Provenance = identityProvenance): number {
  if (labels.length === 0) return 1;
  const top = results.slice(0, k);
  const found = labels.filter((l) => top.some((r) => matchesLabel(r, l, provenance))).length;
  return found / labels.length;
}

export function scoreAsk(results: readonly Found[], relevant: readonly Labelled[], provenance: Provenance = identityProvenance): AskScore {
  const firstRank = firstRelevantRank(results, relevant, provenance);
  return {
    firstRank,
    success1: successAt(1, firstRank),
    success5: successAt(5, firstRank),
    rr10: reciprocalRankAt(10, firstRank),
    recall10: recallAt(10, results, relevant, provenance),
  };
}

export interface AskSummary {
  cases: number;
  success1: number;
  success5: number;
  mrr10: number;
  recall10: number;
}

/** Means over the cases (macro-averages); zeros for no cases. */
export function summarizeAsk(scores: readonly AskScore[]): AskSummary {
  return {
    cases: scores.length,
    success1: mean(scores.map((s) => s.success1)),
    success5: mean(scores.map((s) => s.success5)),
    mrr10: mean(scores.map((s) => s.rr10)),
    recall10: mean(scores.map((s) => s.recall10)),
  };
}

// ---------------------------------------------------------------------------------------------
// /who: statements attributed to a person.

export interface LabelledStatement extends Labelled {
  direct?: boolean | undefined;
}

export interface FoundStatement extends Found {
  direct: boolean;
}

export interface WhoScore {
  /** Labelled statements. */
  labelled: number;
  /** Labelled statements matched by a returned statement. */
  found: number;
  recall: number;
  /** Returned statements whose text holds a quotation of someone else (a not_statements label). */
  misattributions: number;
  /** The misattributed texts, for the report. */
  misattributed: string[];
  returned: number;
  /** Found statements whose direct/reported flag equals the label's (of those labelled with one). */
  directChecked: number;
  directCorrect: number;
  /** The canonical name equals the label's, or null when the label gives none. */
  canonicalOk: boolean | null;
  /** Labelled statements not found, for the report. */
  missing: Labelled[];
}

export function scoreWho(
  result: { person: string | null; statements: readonly FoundStatement[] },
  label: { canonical?: string | undefined; statements: readonly LabelledStatement[]; not_statements: readonly Labelled[] },
  provenance: Provenance = identityProvenance,
): WhoScore {
  let found = 0;
  let directChecked = 0;
  let directCorrect = 0;
  const missing: Labelled[] = [];
  for (const l of label.statements) {
    const match = result.statements.find((s) => matchesLabel(s, l, provenance));
    if (!match) {
      missing.push({ file: l.file, contains: l.contains });
      continue;
    }
    found++;
    if (l.direct !== undefined) {
      directChecked++;
      if (match.direct === l.direct) directCorrect++;
    }
  }
  const misattributed = result.statements.filter((s) => label.not_statements.some((n) => matchesLabel(s, n, provenance)));
  return {
    labelled: label.statements.length,
    found,
    recall: label.statements.length ? found / label.statements.length : 1,
    misattributions: misattributed.length,
    misattributed: misattributed.map((s) => s.text),
    returned: result.statements.length,
    directChecked,
    directCorrect,
    canonicalOk: label.canonical === undefined ? null : result.person === label.canonical,
    missing,
  };
}

export interface WhoSummary {
  cases: number;
  /** Found / labelled over all cases (micro-average). */
  recall: number;
  /** Mean of the per-case recalls. */
  macroRecall: number;
  misattributions: number;
  /** Misattributions / returned statements. */
  misattributionRate: number;
  canonicalAccuracy: number;
  directAccuracy: number;
}

export function summarizeWho(scores: readonly WhoScore[]): WhoSummary {
  const labelled = sum(scores.map((s) => s.labelled));
  const returned = sum(scores.map((s) => s.returned));
  const misattributions = sum(scores.map((s) => s.misattributions));
  const checked = scores.filter((s) => s.canonicalOk !== null);
  const directChecked = sum(scores.map((s) => s.directChecked));
  return {
    cases: scores.length,
    recall: labelled ? sum(scores.map((s) => s.found)) / labelled : 0,
    macroRecall: mean(scores.map((s) => s.recall)),
    misattributions,
    misattributionRate: returned ? misattributions / returned : 0,
    canonicalAccuracy: checked.length ? checked.filter((s) => s.canonicalOk).length / checked.length : 0,
    directAccuracy: directChecked ? sum(scores.map((s) => s.directCorrect)) / directChecked : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// /timeline: dated events in order.

export interface LabelledEvent extends Labelled {
  /** 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY': as precise as the text allows. */
  date: string;
}

export interface FoundEvent extends Found {
  date: string;
}

/**
 * Orders two dates of possibly different precision: -1, 0 or 1, or null when one contains the
 * other (2020-11 and 2020-11-10 cannot be ordered). 'YYYYs' (a decade) is taken as its span.
 */
export function compareDates(a: string, b: string): -1 | 0 | 1 | null {
  const na = normalizeDate(a);
  const nb = normalizeDate(b);
  if (na === nb) return 0;
  if (nb.startsWith(`${na}-`) || na.startsWith(`${nb}-`) || (na.length === 3 && nb.startsWith(na)) || (nb.length === 3 && na.startsWith(nb))) return null;
  return na < nb ? -1 : 1;
}

function normalizeDate(d: string): string {
  // 2010s → "201": a prefix of every year of the decade.
  const decade = /^(\d{3})0s$/.exec(d);
  return decade?.[1] ?? d;
}

/** True when the two dates are equal or one refines the other (2020-11 and 2020-11-10). */
export function datesConsistent(a: string, b: string): boolean {
  const c = compareDates(a, b);
  return c === 0 || c === null;
}

export interface TimelineScore {
  labelled: number;
  found: number;
  recall: number;
  /** Found with exactly the labelled date. */
  dateCorrect: number;
  /** Found with the labelled date or one that refines or contains it. */
  dateConsistent: number;
  /** Pairs of found labels with distinct, comparable dates, and how many are listed in date order. */
  pairs: number;
  pairsInOrder: number;
  /** pairsInOrder / pairs, or null when no pair can be judged. */
  order: number | null;
  missing: Labelled[];
  /** Found with another date: the label and the date given. */
  wrongDates: { contains: string; expected: string; got: string }[];
}

export function scoreTimeline(events: readonly FoundEvent[], labels: readonly LabelledEvent[], provenance: Provenance = identityProvenance): TimelineScore {
  const at = labels.map((l) => events.findIndex((e) => matchesLabel(e, l, provenance)));
  let found = 0;
  let dateCorrect = 0;
  let dateConsistent = 0;
  const missing: Labelled[] = [];
  const wrongDates: TimelineScore['wrongDates'] = [];
  labels.forEach((l, i) => {
    const idx = at[i] as number;
    const e = events[idx];
    if (idx < 0 || !e) {
      missing.push({ file: l.file, contains: l.contains });
      return;
    }
    found++;
    if (e.date === l.date) dateCorrect++;
    else wrongDates.push({ contains: l.contains, expected: l.date, got: e.date });
    if (datesConsistent(e.date, l.date)) dateConsistent++;
  });
  let pairs = 0;
  let pairsInOrder = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const ai = at[i] as number;
      const aj = at[j] as number;
      if (ai < 0 || aj < 0 || ai === aj) continue;
      const c = compareDates((labels[i] as LabelledEvent).date, (labels[j] as LabelledEvent).date);
      if (c === null || c === 0) continue;
      pairs++;
      if (c < 0 === ai < aj) pairsInOrder++;
    }
  }
  return {
    labelled: labels.length,
    found,
    recall: labels.length ? found / labels.length : 1,
    dateCorrect,
    dateConsistent,
    pairs,
    pairsInOrder,
    order: pairs ? pairsInOrder / pairs : null,
    missing,
    wrongDates,
  };
}

export interface TimelineSummary {
  cases: number;
  /** Found / labelled events over all cases. */
  eventRecall: number;
  /** Found with the exact labelled date / labelled events. */
  dateAccuracy: number;
  /** Found with a consistent date / labelled events. */
  dateConsistency: number;
  /** Pairs in order / pairs, over all cases (null when no pair could be judged). */
  order: number | null;
}

export function summarizeTimeline(scores: readonly TimelineScore[]): TimelineSummary {
  const labelled = sum(scores.map((s) => s.labelled));
  const pairs = sum(scores.map((s) => s.pairs));
  return {
    cases: scores.length,
    eventRecall: labelled ? sum(scores.map((s) => s.found)) / labelled : 0,
    dateAccuracy: labelled ? sum(scores.map((s) => s.dateCorrect)) / labelled : 0,
    dateConsistency: labelled ? sum(scores.map((s) => s.dateConsistent)) / labelled : 0,
    order: pairs ? sum(scores.map((s) => s.pairsInOrder)) / pairs : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Latency and throughput.

/**
 * The p-th percentile (0–100) by the nearest-rank method: the smallest value with at least p% of
 * the values at or below it. NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}

export function latency(ms: readonly number[]): Latency {
  return {
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms.length ? Math.max(...ms) : Number.NaN,
    n: ms.length,
  };
}

export function mean(xs: readonly number[]): number {
  return xs.length ? sum(xs) / xs.length : 0;
}

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** UTF-8 size of a text in MB (10^6 bytes): the unit of every "MB of text" figure. */
export function utf8MB(texts: Iterable<string>): number {
  let bytes = 0;
  for (const t of texts) bytes += Buffer.byteLength(t, 'utf8');
  return bytes / 1e6;
}
