/** A sentence's tokens: quotations whole, known names and titles forced, jieba for the rest, each classified. */

import { ADVERBS, FUNCTION_CHARS, GLUED_TAIL_RE, HAN_RE, isTimePair, MANNER, MEETING_RE, NOT_SAID, NOT_SPEECH_WORDS, OBJ_PREP, OPENERS, PP_END, PP_START, PRONOUNS, ROLE_END_RE, ROLE_RE, SPEECH, WEAK_SPEECH, WITH } from './lexicon.ts';
import { latinName } from './names.ts';
import { quoteAt } from './quotes.ts';
import type { Cls, Ctx, Quote, Tok } from './types.ts';

/** Tokens of f[start, end): quotations are single tokens, known names are forced whole, jieba cuts the rest. */
export function tokenize(ctx: Ctx, f: string, start: number, end: number, quotes: Quote[]): Tok[] {
  const toks: Tok[] = [];
  let i = start;
  let seg = start;
  while (i < end) {
    const q = quotes.length > 0 ? quoteAt(quotes, i) : undefined;
    if (q) {
      if (i > seg) pushAll(toks, cutSegment(ctx, f, seg, i));
      const qEnd = Math.min(q.end, f.length);
      toks.push({ w: f.slice(i, qEnd), tag: 'quote', cls: 'quote', s: i, e: qEnd, quote: q });
      i = qEnd;
      seg = i;
      continue;
    }
    if (f.charCodeAt(i) === 0x300a) {
      // 《…》
      const close = f.indexOf('》', i);
      if (close !== -1 && close < end && close - i <= 30) {
        if (i > seg) pushAll(toks, cutSegment(ctx, f, seg, i));
        toks.push({ w: f.slice(i + 1, close), tag: 'book', cls: 'book', s: i, e: close + 1 });
        i = close + 1;
        seg = i;
        continue;
      }
    }
    i++;
  }
  if (end > seg) pushAll(toks, cutSegment(ctx, f, seg, end));
  return toks;
}

function pushAll(to: Tok[], toks: Tok[]): void {
  for (const t of toks) to.push(t);
}

/** Tokens of f[from, to), a stretch without quotations: known names and titles forced whole, jieba's words between them. */
export function cutSegment(ctx: Ctx, f: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  const text = f.slice(from, to);
  let at = 0;
  // Known names first, then titles (jieba cuts 防卫相 as 防卫/相, 第一次长 as 第一次/长), then jieba.
  const forced: { s: number; e: number; cls: Cls }[] = [];
  if (ctx.knownRe) for (const m of text.matchAll(ctx.knownRe)) forced.push({ s: m.index, e: m.index + m[0].length, cls: 'name' });
  for (const m of text.matchAll(ROLE_RE)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!forced.some((x) => s < x.e && e > x.s)) forced.push({ s, e, cls: 'role' });
  }
  forced.sort((a, b) => a.s - b.s);
  for (const x of forced) {
    if (x.s < at) continue;
    if (x.s > at) cutWords(ctx, text.slice(at, x.s), from + at, out);
    out.push({ w: text.slice(x.s, x.e), tag: x.cls === 'name' ? 'name!' : 'role!', cls: x.cls, s: from + x.s, e: from + x.e });
    at = x.e;
  }
  if (text.length > at) cutWords(ctx, text.slice(at), from + at, out);
  return mergeLatin(out, ctx);
}

const OCCASION_HEAD_RE = /(?:记者|发布|说明|见面|招待|研讨|座谈|茶话|恳谈|欢迎|答谢|酒|晚|宴|峰)$/u;

/** jieba's words of `text` (which stands at `offset`), glued function words split off, classified, onto `out`. */
function cutWords(ctx: Ctx, text: string, offset: number, out: Tok[]): void {
  for (const t of ctx.tags.of(text)) {
    const s = offset + t.start;
    // 记者会称, 发布会说: the end of an occasion's name glued to the speech verb (会 is not "will" here).
    const occasion = /^会(称|说|表示|指出|强调)$/u.exec(t.word);
    const prev = out[out.length - 1];
    if (occasion?.[1] && prev && prev.e === s && (prev.cls === 'noun' || prev.cls === 'role' || prev.cls === 'verb')) {
      out.push({ w: '会', tag: 'n', cls: 'noun', s, e: s + 1 });
      out.push({ w: occasion[1], tag: 'v', cls: 'speech', s: s + 1, e: s + t.word.length });
      continue;
    }
    // 推/文说, 推/文称: jieba cuts the post (推文, how the words were given) from its verb's end.
    const post = /^文(说|称|表示|宣布|指出|写道)$/u.exec(t.word);
    if (post?.[1] && prev && prev.e === s && prev.w === '推') {
      out[out.length - 1] = { w: '推文', tag: 'n', cls: 'noun', s: prev.s, e: s + 1 };
      out.push({ w: post[1], tag: 'v', cls: 'speech', s: s + 1, e: s + t.word.length });
      continue;
    }
    // 记者/会/说道: the 会 of an occasion (记者会, 发布会, 说明会), not the modal "will".
    if (t.word === '会' && prev && prev.e === s && OCCASION_HEAD_RE.test(prev.w)) {
      out.push({ w: '会', tag: 'n', cls: 'noun', s, e: s + 1 });
      continue;
    }
    const pieces = unglue(t.word, t.tag);
    if (!pieces) {
      out.push({ w: t.word, tag: t.tag, cls: classify(t.word, t.tag, ctx), s, e: s + t.word.length });
      continue;
    }
    for (const piece of pieces) {
      const ps = s + piece.offset;
      out.push({ w: piece.word, tag: piece.tag, cls: classify(piece.word, piece.tag, ctx), s: ps, e: ps + piece.word.length });
    }
  }
}

/**
 * Splits a function word or speech verb off a word jieba glued it to (岸田向 → 岸田 向; 发推称 → 发推 称).
 * Undefined when the word stays whole.
 */
function unglue(word: string, t: string): { word: string; tag: string; offset: number }[] | undefined {
  // Only words of two characters or more, of these tags, are ever split.
  // (严厉批评/vn: a verbal noun is only ever split into an adverb and a speech verb.)
  if (word.length < 2 || !(t === 'x' || t === 'nr' || t === 'n' || t === 'v' || t === 'nz' || t === 'vn')) return undefined;
  if (SPEECH.has(word) || WEAK_SPEECH.has(word) || NOT_SPEECH_WORDS.has(word) || ADVERBS.has(word) || OPENERS.has(word) || ROLE_END_RE.test(word)) return undefined;
  // 更大赞 → 更 大赞: an adverb glued to a speech verb.
  for (let k = 1; k < word.length - 1; k++) {
    const head = word.slice(0, k);
    const verb = word.slice(k);
    if (SPEECH.has(verb) && ADVERBS.has(head)) return [{ word: head, tag: 'd', offset: 0 }, { word: verb, tag: 'v', offset: k }];
  }
  if (t === 'vn') return undefined;
  const m = GLUED_TAIL_RE.exec(word);
  // A one-character head only when it is an adverb or ends a phrase (时说 → 时 说; 还称 → 还 称).
  if (m?.[1] && m[2] && HAN_RE.test(word) && ([...m[1]].length >= 2 || ADVERBS.has(m[1]) || PP_END.has(m[1]))) {
    const head = m[1];
    const headTag = t === 'v' && ADVERBS.has(head) ? 'd' : t;
    return [
      { word: head, tag: ADVERBS.has(head) ? 'd' : headTag, offset: 0 },
      { word: m[2], tag: SPEECH.has(m[2]) ? 'v' : 'p', offset: head.length },
    ];
  }
  return undefined;
}

/** Latin words and the spaces between them become one token: Howard Lutnick. */
function mergeLatin(toks: Tok[], ctx: Ctx): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (t.tag === 'eng') {
      let j = i;
      while (toks[j + 2]?.tag === 'eng' && toks[j + 1]?.w === ' ') j += 2;
      const s = t.s;
      const e = (toks[j] as Tok).e;
      const w = ctx.folded.slice(s, e);
      const original = ctx.original.slice(s, e).normalize('NFKC');
      const name = latinName(original) === original.trim() ? original.trim() : undefined;
      out.push({ w, tag: name ? 'eng!' : 'eng', cls: name ? 'name' : 'noun', s, e });
      i = j;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** The class of a word jieba gave with tag `t`: punctuation, a name the article gives, or as wordClass says. */
function classify(w: string, t: string, ctx: Ctx): Cls {
  let words = classMemo.get(t);
  if (!words) {
    words = new Map();
    classMemo.set(t, words);
  }
  let c = words.get(w);
  if (c === undefined) {
    if (++classMemoSize > 100_000) {
      classMemo.clear();
      classMemoSize = 0;
    }
    c = wordClass(w, t);
    words.set(w, c);
  }
  if (c === 'sp' || c === 'comma' || c === 'colon' || c === 'dun' || c === 'punct') return c;
  return ctx.known.has(w) ? 'name' : c;
}

/** Tag → word → wordClass(word, tag): the same words come back in every article. */
const classMemo = new Map<string, Map<string, Cls>>();
let classMemoSize = 0;

/** A side in talks or a dispute: 中方, 日方, 双方, 对方. */
const SIDE_RE = /^[中日美韩朝英法德俄澳印欧台菲越双各三四对官]方$/u;

/** The class of a word by itself (a name the article gives aside, which classify checks after punctuation). */
function wordClass(w: string, t: string): Cls {
  if (/^\s+$/.test(w)) return 'sp';
  if (w === ',' || w === '，') return 'comma';
  if (w === ':' || w === '：') return 'colon';
  if (w === '、') return 'dun';
  if (/^[\p{P}\p{S}]+$/u.test(w)) return 'punct';
  if (NOT_SPEECH_WORDS.has(w)) return w === '据称' || w === '据说' ? 'adv' : 'noun';
  // 中方/日方/双方 (jieba: f, a direction word) head a clause as a side speaking: a noun, so 中方则表示 is theirs.
  if (SIDE_RE.test(w)) return 'noun';
  // 会见/n: 王毅会见日本外相林芳正时表示 is 王毅 meeting someone, never a title of 林芳正's.
  if (MEETING_RE.test(w)) return 'verb';
  if (isTimePair(w)) return 'time'; // 今天上午/nr
  if (SPEECH.has(w)) return 'speech';
  if (WEAK_SPEECH.has(w)) return 'weak';
  // 推文, 旧调重弹: how the words were given, whatever jieba tags it (推文称/x is cut to 推文 称).
  if (MANNER.has(w)) return 'noun';
  if (w === '了' || w === '道' || w === '一句' || w === '过') return 'le';
  if (PRONOUNS.has(w)) return 'pron';
  if (w === '的' || w === '之') return 'de';
  if (w === '据' || w === '根据' || w === '依据' || w === '援引' || w === '引述') return 'ju';
  if (NOT_SAID.has(w)) return 'notsaid';
  if (PP_START.has(w)) return 'ppstart';
  if (OBJ_PREP.has(w) && !WITH.has(w)) return 'objprep';
  if (WITH.has(w)) return 'with';
  if (PP_END.has(w)) return 'ppend';
  if (ROLE_END_RE.test(w)) return 'role';
  if (ADVERBS.has(w) || OPENERS.has(w)) return 'adv';
  if (/^[\d.]+$/.test(w) || /^[\d一二三四五六七八九十]+[日月年号时分]?$/.test(w) || /^(?:月|日|年|号|月间|日晚|时许)$/.test(w) || t === 't') return 'time';
  if (t === 'd') return 'adv';
  // jieba's person tag is a guess: 于本周/nr is not a name.
  if ((t === 'nr' || t === 'nrt' || t === 'nrfg') && !FUNCTION_CHARS.has(w[0] ?? '') && !FUNCTION_CHARS.has(w.at(-1) ?? '')) return 'name';
  // A whole phrase jieba kept as one word: 在会谈中.
  if (/^[在于].{1,6}[上中时后]$/u.test(w)) return 'adv';
  if (t.startsWith('v')) return 'verb';
  if (t.startsWith('n') || t === 'x' || t === 'eng' || t === 'l' || t === 'i' || t === 'b' || t === 'j') return 'noun';
  if (t === 'm' || t === 'q' || t === 'mq') return 'time';
  if (t === 'p' || t === 'c') return 'other';
  return 'other';
}
