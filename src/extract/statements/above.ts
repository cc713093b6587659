/**
 * 金泰孝17日在记者会上作出上述表示 / 习近平是在…时作出上述表示的: a sentence that names who said the
 * paragraph before it. That paragraph's words are that person's, when the paragraph gave them to nobody.
 */

import { cleanText, meaningful, personStatement } from './output.ts';
import { clausesOf, isOpener, meaningfulToks } from './phrases.ts';
import { findQuotes, maskBrackets, sentenceEnd } from './quotes.ts';
import { parseSpeaker, sourceClause } from './subjects.ts';
import { tokenize } from './tokens.ts';
import type { Ctx, RawStatement, Subject, Tok } from './types.ts';

/** 作出上述表示, 做上述表示, 作了上述讲话: the words given just before. */
const ABOVE_RE = /^(?:作出|做出|作了|做了|作|做)$/u;
const ABOVE_WHAT = '上述(?:表示|讲话|发言|谈话|表态|评论|言论)?';
const ABOVE_WHAT_RE = new RegExp(`^${ABOVE_WHAT}$`, 'u');
// …的 closes a 是…的 frame (习近平是在…时作出上述表示的).
const ABOVE_WHAT_END_RE = new RegExp(`^${ABOVE_WHAT}的?$`, 'u');

/**
 * The person named by the sentence opening the paragraph in ctx (ctx.original / ctx.folded) as the
 * one who said the words above it, or undefined.
 */
export function aboveSpeaker(ctx: Ctx): Subject | undefined {
  const { quotes } = findQuotes(ctx.folded);
  const f = maskBrackets(ctx.folded, quotes);
  const end = sentenceEnd(f, 0, quotes);
  if (!/上述/u.test(f.slice(0, end))) return undefined;
  const clauses = clausesOf(tokenize(ctx, f, 0, end, quotes));
  // 据韩联社报道，X…作出上述表示: the outlet that tells it is not the speaker.
  const rest = clauses.filter((c) => !sourceClause(ctx, c.toks));
  if (rest.length !== 1) return undefined;
  const toks = meaningfulToks((rest[0] as (typeof rest)[number]).toks).filter((x) => x.cls !== 'punct');
  const at = toks.findIndex((x, k) => ABOVE_RE.test(x.w) && ABOVE_WHAT_RE.test(toks.slice(k + 1, k + 3).map((y) => y.w).join('')));
  if (at <= 0) return undefined;
  // 是在…时作出上述表示的: 是…的 frames the occasion.
  const before = toks.slice(0, at).filter((x, k) => !(x.w === '是' && k > 0));
  const after = toks.slice(at + 1).map((x) => x.w).join('');
  if (!ABOVE_WHAT_END_RE.test(after)) return undefined;
  if (before.length === 0 || isOpener(before[0] as Tok) && before.length === 1) return undefined;
  const who = parseSpeaker(ctx, before);
  return who && who !== 'bad' && who.kind === 'person' && who.name ? who : undefined;
}

/** The words of the paragraph above, as `who`'s statement: datelines and brackets aside. */
export function aboveStatement(who: Subject, paragraph: string, index: number, given: readonly RawStatement[]): RawStatement | undefined {
  // Words already given to someone there: to the same person they need nothing; to another, 上述 is unclear.
  if (given.some((s) => s.paragraph === index && s.kind === 'person')) return undefined;
  const text = cleanText(paragraph.replace(/^\s*[(（【〔][^)）】〕]{0,40}[)）】〕]\s*/u, '').replace(/^\s*[^\s，,。:：“「]{2,16}?[\d一二三四五六七八九十]{1,4}(?:月[\d一二三四五六七八九十]{1,3})?日(?:电|專電|专电|電)\s*/u, ''), false);
  if (!meaningful(text)) return undefined;
  return { ...personStatement(who, text, false), paragraph: index };
}
