import { z } from 'zod';
import { PersonProfileSchema, PrecisionSchema } from '../extract/types.ts';

export { PersonProfileSchema, PrecisionSchema, type PersonProfile, type Precision } from '../extract/types.ts';

/**
 * The answers' shapes: the contract between the library (src/answers), the two front ends
 * (src/cli, src/discord) and anyone reading `--json`. Validated where they leave the process.
 */

/** Where a passage, statement or event comes from. */
export const SourceRefSchema = z.object({
  title: z.string(),
  url: z.string(),
  publishedAt: z.string(),
  /** The site's host, e.g. rfi.fr. */
  source: z.string(),
  /** The article's file name, e.g. 000_a2194fe5ab64c492.txt. */
  file: z.string(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** A matched span of a result's text: [start, end) in UTF-16 code units of `text`. */
export const SpanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) });
export type Span = z.infer<typeof SpanSchema>;

export const AskHitSchema = SourceRefSchema.extend({
  rank: z.number().int().min(1),
  text: z.string(),
  highlights: z.array(SpanSchema),
  score: z.number(),
  /** The sub-heading the passage sits under, when any. */
  heading: z.string().optional(),
  /** The sentence before and after, for a passage too short to read alone. */
  before: z.string().optional(),
  after: z.string().optional(),
});
export type AskHit = z.infer<typeof AskHitSchema>;

/** Expected misses are values: `notice` says why nothing (or less) was searched or found. */
export const AskResultSchema = z.object({
  command: z.literal('ask'),
  query: z.string(),
  results: z.array(AskHitSchema),
  /** Total number of matching passages before the limit. */
  total: z.number().int().min(0),
  notice: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
});
export type AskResult = z.infer<typeof AskResultSchema>;

export const StatementOutSchema = SourceRefSchema.extend({
  text: z.string(),
  /** True for a quotation in quotation marks, false for reported speech. */
  direct: z.boolean(),
});
export type StatementOut = z.infer<typeof StatementOutSchema>;


/** What a person spoke about, above their statements: topics with counts and periods, first and last statement. */
export const WhoSummarySchema = z.object({
  /** Statements in all (not only this page), and how many of them are quotations. */
  statements: z.number().int().min(0),
  direct: z.number().int().min(0),
  /** Articles that hold their statements. */
  articles: z.number().int().min(0),
  /** Most statements first; from/to are YYYY-MM. */
  topics: z.array(z.object({ topic: z.string(), count: z.number().int().min(1), from: z.string(), to: z.string() })),
  first: StatementOutSchema.nullable(),
  last: StatementOutSchema.nullable(),
});
export type WhoSummary = z.infer<typeof WhoSummarySchema>;

/** A passage that names someone the corpus never quotes (who 世耕弘成: mentioned, nothing attributed). */
export const MentionOutSchema = SourceRefSchema.extend({ text: z.string() });
export type MentionOut = z.infer<typeof MentionOutSchema>;

export const WhoResultSchema = z.object({
  command: z.literal('who'),
  query: z.string(),
  /** The canonical (fullest) name, or null when nobody of that name is known. */
  person: z.string().nullable(),
  ...PersonProfileSchema.shape,
  summary: WhoSummarySchema.optional(),
  statements: z.array(StatementOutSchema),
  /** When the name is only mentioned: a few of the passages naming it (mentions counts the articles). */
  mentionedIn: z.array(MentionOutSchema).optional(),
  notice: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
});
export type WhoResult = z.infer<typeof WhoResultSchema>;


export const TimelineEventSchema = SourceRefSchema.extend({
  /** 'YYYY-MM-DD', 'YYYY-MM', 'YYYY', or 'YYYYs' for a decade. */
  date: z.string(),
  precision: PrecisionSchema,
  text: z.string(),
  /** True when the sentence carries no date of its own and is placed at its article's publication. */
  reportedOnly: z.boolean(),
  /** Every article that tells the same event (the first is the one above). */
  sources: z.array(SourceRefSchema).optional(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const TimelineResultSchema = z.object({
  command: z.literal('timeline'),
  query: z.string(),
  events: z.array(TimelineEventSchema),
  /** Events beyond the ones listed. */
  more: z.number().int().min(0),
  notice: z.string().optional(),
  suggestions: z.array(z.string()).optional(),
});
export type TimelineResult = z.infer<typeof TimelineResultSchema>;

export type Answer = AskResult | WhoResult | TimelineResult;
