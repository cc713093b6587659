/** One paragraph's statements: dateline, quotations carried over from the paragraph before, then sentence by sentence; and a heading's. */

import { cleanText, meaningful, ParagraphOut, personStatement } from './output.ts';
import { isNounPhrase, meaningfulToks } from './phrases.ts';
import { findQuotes, maskBrackets, onlyQuotes, sentenceEnd } from './quotes.ts';
import { sentenceStatements } from './sentence.ts';
import { escapeRe } from './names.ts';
import { classifyNP, outletName } from './subjects.ts';
import { cutSegment, tokenize } from './tokens.ts';
import type { Ctx, ParaState, RawStatement, Subject } from './types.ts';

const DATELINE_RE = /^\s*([^\s，,。:：“「]{2,16}?)[\d一二三四五六七八九十]{1,4}(?:月[\d一二三四五六七八九十]{1,3})?日(?:电|专电)\s*/u;

export function paragraphStatements(ctx: Ctx, index: number): RawStatement[] {
  const { quotes, orphans } = findQuotes(ctx.folded);
  let f = maskBrackets(ctx.folded, quotes);
  const out = new ParagraphOut(index);

  // A dateline (共同社11月17日电) makes the first sentence that outlet's report.
  const dl = DATELINE_RE.exec(f);
  if (dl?.[1]) {
    const outlet = outletName(dl[1].replace(/[(（【〔]/g, ''));
    const start = dl[0].length;
    f = ' '.repeat(start) + f.slice(start);
    if (outlet) {
      ctx.lastOutlet = outlet;
      const end = sentenceEnd(f, start, quotes);
      out.emit({ speaker: outlet, text: ctx.original.slice(start, end), direct: false, kind: 'outlet' });
    }
  }

  // A transcript: 汪文斌：我们注意到… (no quotation marks), and the first-person paragraphs after it.
  const answer = transcriptAnswer(ctx, f);
  if (answer) {
    ctx.carry = undefined;
    ctx.paraPerson = undefined;
    // One answer, one statement: what is said there hangs together.
    out.emit(personStatement(answer.who, ctx.original.slice(answer.from).replace(/[（(]完[）)]\s*$/u, ''), false));
    ctx.transcript = answer.who;
    return out.list;
  }
  ctx.transcript = undefined;

  // A paragraph that is one quotation goes on with the quotation that closed the paragraph before
  // (a long quotation runs over paragraphs: 斯托尔滕贝格…说：…”。 / “自乌克兰战争爆发以来…”。).
  const carried = ctx.carry;
  ctx.carry = undefined;
  if (carried && quotes.length > 0 && onlyQuotes(f, quotes)) {
    for (const q of quotes) out.emit(personStatement(carried, ctx.original.slice(q.innerStart, q.innerEnd), true));
    ctx.carry = carried;
    ctx.paraPerson = carried;
    return out.list;
  }

  // 他说/该部长表示 opening a paragraph: the person the paragraph before was about.
  const state: ParaState = { lastSubject: ctx.paraPerson, prevSentencePerson: undefined, skipTo: 0, lastQuoteBy: undefined, lastQuoteEnd: 0, peeked: undefined };
  let start = 0;
  while (start < f.length) {
    if (start < state.skipTo) start = state.skipTo;
    if (start >= f.length) break;
    const end = sentenceEnd(f, start, quotes);
    const peeked = state.peeked;
    state.peeked = undefined;
    const items = peeked && peeked.start === start && peeked.end === end ? peeked.items : tokenize(ctx, f, start, end, quotes);
    sentenceStatements(ctx, f, items, quotes, orphans, state, out, end);
    start = Math.max(end, start + 1);
  }
  // Only a quotation that closes the paragraph can go on in the next one.
  if (state.lastQuoteBy && /^[\s\p{P}]*$/u.test(f.slice(state.lastQuoteEnd).replace(/[“「『"]/gu, 'x'))) ctx.carry = state.lastQuoteBy;
  // Only a paragraph of that person's words hands them on (X与Y会谈。/他表示… stays unresolved).
  ctx.paraPerson = soleSpeaker(ctx, f, state.lastSubject, out.list);
  return out.list;
}

/**
 * The one person whose words fill a paragraph, for a 他说 opening the next. People named inside that
 * person's own words (长尾贤认为，石破茂是特朗普…会晤的…) are what was talked about, not who 他 can be;
 * anyone named outside them, or a second speaker, leaves 他 unresolved.
 */
function soleSpeaker(ctx: Ctx, f: string, last: Subject | undefined, list: RawStatement[]): Subject | undefined {
  const said = list.filter((st) => st.kind === 'person');
  const first = said[0];
  if (!first || !said.every((st) => samePerson(st.speaker, first.speaker))) return undefined;
  // A person the paragraph's narrative ended on who never spoke is another candidate for 他.
  if (last?.kind === 'person' && !samePerson(last.name ?? '', first.speaker)) return undefined;
  const final = said[said.length - 1] as RawStatement;
  const who: Subject = last?.kind === 'person' ? last : { kind: 'person', name: final.speaker, ...(final.role ? { role: final.role } : {}) };
  // (The title is theirs too: the 哈德逊 of 哈德逊研究所研究员长尾贤 is no one.)
  let outside = f;
  const blank = (at: number, n: number): void => {
    if (at >= 0) outside = outside.slice(0, at) + ' '.repeat(n) + outside.slice(at + n);
  };
  for (const st of said) {
    blank(ctx.original.indexOf(st.text), st.text.length);
    // (A bracket masked inside the title, 哈德逊研究所(Hudson Institute)研究员, is white space in f.)
    if (st.role) for (const m of f.matchAll(new RegExp([...st.role].map(escapeRe).join('\\s*'), 'gu'))) blank(m.index, m[0].length);
  }
  return onlyPersonNamed(ctx, outside, who) ? who : undefined;
}

/**
 * Whether `who` is the only person the paragraph names (its short and long forms are one person):
 * with anyone else named, a 他 in the next paragraph could be either, so it stays unresolved.
 */
function onlyPersonNamed(ctx: Ctx, f: string, who: Subject): boolean {
  const name = who.name ?? '';
  if (!name) return false;
  const same = (n: string): boolean => samePerson(n, name);
  if (ctx.knownRe) {
    ctx.knownRe.lastIndex = 0;
    for (const m of f.matchAll(ctx.knownRe)) if (!same(m[0])) return false;
  }
  // Names the article gives only once (not in its known names) count too: jieba's person tags.
  for (const t of ctx.tags.of(f)) {
    if ((t.tag === 'nr' || t.tag === 'nrfg' || t.tag === 'nrt') && [...t.word].length >= 2 && !same(t.word) && !ctx.known.has(t.word)) return false;
  }
  return true;
}

/** 岸田 and 岸田文雄, 伊曼纽尔 and 拉姆·伊曼纽尔: one person's short and full forms. */
function samePerson(a: string, b: string): boolean {
  const x = a.replace(/[·・∙•‧]/gu, '·');
  const y = b.replace(/[·・∙•‧]/gu, '·');
  return x === y || x.startsWith(y) || y.startsWith(x) || x.split('·').at(-1) === y.split('·').at(-1);
}

const TRANSCRIPT_RE = /^\s*([^:：“”「」"，,。！？]{2,24})[:：]\s*(?=[^\s“「"『])/u;
// 问：/ 记者：/ 有记者提问：the question, not the answer.
const QUESTION_RE = /^\s*(?:问|记者|答问|主持人|[^:：，,。]{0,12}(?:记者|媒体)[^:：，,。]{0,6}(?:问|提问))/u;

/**
 * A paragraph of a press-conference transcript: 名字：话 (汪文斌：我们注意到…) with no quotation marks,
 * or a paragraph that goes on in the first person (我还要指出的是…) after one.
 */
function transcriptAnswer(ctx: Ctx, f: string): { who: Subject; from: number } | undefined {
  const m = TRANSCRIPT_RE.exec(f);
  if (m?.[1]) {
    // A sub-title in a paragraph (高市早苗：艰巨工作才刚开始) is the outlet's summary: an answer is sentences.
    if (QUESTION_RE.test(m[1]) || !/[。！？!?]/u.test(f.slice(m[0].length))) return undefined;
    const toks = meaningfulToks(cutSegment(ctx, f, 0, m[1].length + (m[0].length - m[0].trimStart().length)));
    if (!isNounPhrase(toks)) return undefined;
    const who = classifyNP(ctx, toks);
    return who.kind === 'person' && who.name ? { who, from: m[0].length } : undefined;
  }
  const prev = ctx.transcript;
  if (prev && /^\s*(?:我们?|此外|另外|同时)?\s*我/u.test(f)) return { who: prev, from: 0 };
  return undefined;
}

/**
 * A sub-heading of the form 名字：话 (拜登：美日致力于捍卫和推进人权和法治) is the outlet's summary of
 * what that person said: reported speech. Any other heading says nothing of anyone.
 */
export function headingStatement(ctx: Ctx, index: number): RawStatement | undefined {
  const m = /^\s*([^:：“”「」"，,。]{2,24})[:：]\s*(\S.*)$/u.exec(ctx.folded);
  if (!m?.[1] || !m[2]) return undefined;
  const toks = meaningfulToks(cutSegment(ctx, maskBrackets(ctx.folded), 0, m[1].length));
  if (!isNounPhrase(toks)) return undefined;
  const who = classifyNP(ctx, toks);
  if (who.kind !== 'person' || !who.name) return undefined;
  const text = cleanText(ctx.original.slice(m[0].length - m[2].length), false);
  if (!meaningful(text)) return undefined;
  return { speaker: who.name, ...(who.role ? { role: who.role } : {}), text, direct: false, paragraph: index, kind: 'person' };
}
