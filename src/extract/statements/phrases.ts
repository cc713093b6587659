/** The shape of a clause: its speech verb, what follows it, noun phrases and the words between a subject and its verb. */

import { ADVERBS, FUNCTION_CHARS, MANNER, OPENERS, RECIPIENT_VERB_RE, TEMPORAL_END } from './lexicon.ts';
import type { Clause, Tok } from './types.ts';

export function clausesOf(items: Tok[]): Clause[] {
  const out: Clause[] = [];
  let cur: Tok[] = [];
  for (const t of items) {
    if (t.cls === 'comma' || t.cls === 'colon' || t.w === ';' || t.w === '；') {
      out.push({ toks: cur, delim: t });
      cur = [];
    } else cur.push(t);
  }
  out.push({ toks: cur, delim: undefined });
  return out;
}

export const meaningfulToks = (toks: Tok[]): Tok[] => toks.filter((t) => t.cls !== 'sp');

/** The first speech verb of a clause that is a statement verb here (not 被认为, 的承诺, 表示感谢). */
export function findVerb(c: Clause, next: Clause | undefined, rest = ''): number {
  const toks = c.toks;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (t.cls !== 'speech' && t.cls !== 'weak') continue;
    const prev = prevTok(toks, i);
    if (prev && (prev.w === '被' || prev.cls === 'de' || prev.w === '所')) continue;
    const after = nextTok(toks, i);
    if (after && after.cls === 'de') continue;
    // 在声明中说, 在一份声明中说, 在回答记者提问时说: a speech word inside 在…中/时 is the occasion, not the verb.
    if (insideOccasion(toks, i)) continue;
    // 发表声明说, 发表讲话指出: the statement given out is the act's object; the verb comes after it.
    if (prev && ACT_RE.test(prev.w) && after && (after.cls === 'speech' || after.cls === 'weak')) continue;
    // 作出上述表示 / 此番表示: points back to words given elsewhere.
    if (prev && /^(?:上述|此番|这番|该番|以上|前述)$/.test(prev.w)) continue;
    // 对美国来说 and the like were weeded out as words; a weak verb needs punctuation or a quotation next.
    const tail = afterVerb(c, i);
    if (t.cls === 'weak' || t.w === '告诉') {
      const ok = tail.kind === 'quote' || tail.kind === 'end' && (c.delim?.cls === 'comma' || c.delim?.cls === 'colon') && next !== undefined;
      if (!ok) {
        // 传达了日本将…提前达成的意愿: a message conveyed whose object, to the sentence's end, is an intention or view.
        if (CONVEY_RE.test(t.w) && tail.kind === 'words') {
          const object = toks.slice(tail.at).map((x) => x.w).join('') + (c.delim ? c.delim.w + rest : '');
          if (ATTITUDE_RE.test(object)) return i;
        }
        // 致电伯里特，告知美国政府不允许该厂停止营运: what an inform verb passes on is a whole clause (a subject and its verb), not a recipient.
        if (t.w !== '告诉' && RECIPIENT_VERB_RE.test(t.w) && tail.kind === 'words') {
          const object = meaningfulToks(toks.slice(tail.at));
          if (object.length >= 3 && object.some((x, k) => k > 0 && (x.cls === 'verb' || x.cls === 'notsaid')) && !object.some((x) => x.cls === 'de')) return i;
        }
        if (RECIPIENT_VERB_RE.test(t.w)) {
          // 告诉媒体，…, 告知记者，…: the object, then a comma, then what was said.
          const rest = meaningfulToks(toks.slice(i + 1));
          if (rest.length > 0 && rest.length <= 3 && rest.every((x) => x.cls === 'noun' || x.cls === 'name' || x.cls === 'pron' || x.cls === 'role') && (c.delim?.cls === 'comma' || c.delim?.cls === 'colon')) return i;
        }
        continue;
      }
    }
    return i;
  }
  return -1;
}

/** Whether toks[i] stands in a frame 在 … 中/上/时 (with only nouns, numbers or a verb's object around it). */
function insideOccasion(toks: Tok[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (toks[j]?.cls === 'sp' || toks[j]?.cls === 'time' || toks[j]?.cls === 'noun' || toks[j]?.cls === 'de') && i - j <= 4) j--;
  if (toks[j]?.cls !== 'ppstart') return false;
  for (let k = i + 1; k < toks.length && k - i <= 5; k++) {
    const x = toks[k] as Tok;
    if (x.cls === 'ppend' && /^(?:中|上|里|时|时候|之际|期间)$/u.test(x.w) || x.cls !== 'ppend' && k > i + 1 && /^\p{sc=Han}{2,}时$/u.test(x.w)) return true;
    if (!['noun', 'role', 'name', 'sp', 'time', 'verb'].includes(x.cls)) return false;
  }
  return false;
}

function prevTok(toks: Tok[], i: number): Tok | undefined {
  for (let k = i - 1; k >= 0; k--) if (toks[k]?.cls !== 'sp') return toks[k];
  return undefined;
}

function nextTok(toks: Tok[], i: number): Tok | undefined {
  for (let k = i + 1; k < toks.length; k++) if (toks[k]?.cls !== 'sp') return toks[k];
  return undefined;
}

/** What follows the verb inside its clause: nothing, a quotation, or the words said. */
export function afterVerb(c: Clause, v: number): { kind: 'end' } | { kind: 'quote'; at: number } | { kind: 'words'; at: number } {
  let k = v + 1;
  while (k < c.toks.length) {
    const t = c.toks[k] as Tok;
    if (t.cls === 'sp' || t.cls === 'le' || t.w === '称' || t.w === '说' || t.w === '道' || t.cls === 'punct' && /^[。！？!?.…]+$/.test(t.w)) k++;
    else break;
  }
  const t = c.toks[k];
  if (!t) return { kind: 'end' };
  if (t.cls === 'quote') return { kind: 'quote', at: k };
  return { kind: 'words', at: k };
}

export function isQuoteNext(next: Clause | undefined): boolean {
  const first = next ? meaningfulToks(next.toks)[0] : undefined;
  return first?.cls === 'quote';
}

/** 电话中布林肯…: a place or occasion in a bare noun before the subject. */
export function locativeOpener(t: Tok[], i: number): number {
  const a = t[i];
  const b = t[i + 1];
  const c = t[i + 2];
  if (a?.cls === 'noun' && b?.cls === 'ppend' && /^(?:中|上|里|期间|会上)$/.test(b.w) && (c?.cls === 'name' || c?.cls === 'role')) return i + 2;
  return i;
}

export function isOpener(t: Tok): boolean {
  return OPENERS.has(t.w) || t.cls === 'time' || t.cls === 'adv' && ADVERBS.has(t.w) || t.w === '对此';
}

export function isNounPhrase(np: Tok[]): boolean {
  if (np.length === 0) return false;
  const last = np[np.length - 1] as Tok;
  if (last.cls === 'de' || last.cls === 'dun') return false;
  if (isTitledName(np)) return true;
  for (let k = 0; k < np.length; k++) {
    const x = np[k] as Tok;
    // 胜选后, 会谈时: a clause of time, never part of who spoke; 致词, 发言: how it was said.
    if (x.cls === 'noun' && k > 0 && ([...x.w].length >= 3 && /[后时]$/u.test(x.w) || MANNER.has(x.w) || isActWord(x.w))) return false;
    if (x.cls === 'name' || x.cls === 'role' || x.cls === 'noun' || x.cls === 'pron' || x.cls === 'book' || x.cls === 'dun') continue;
    if (/^(?:前|副|时任|新任|现任|首任|前任|原)$/.test(x.w) && k < np.length - 1) continue; // 美国前总统助理
    // 国际贸易谈判代表兼副部长, 副总理兼财政部长: one person holding two offices.
    if (x.w === '兼' && np[k - 1]?.cls === 'role' && (np[k + 1]?.cls === 'role' || np[k + 1]?.cls === 'noun')) continue;
    // 6名…官员, 第一次长: numbers and measure words inside a noun phrase.
    if (x.cls === 'time' && k < np.length - 1) continue;
    if (x.cls === 'de' && k > 0) continue;
    // 该官员, 这位首相; a short quotation naming a medium (美国媒体「Axios」).
    if ((x.w === '该' || x.w === '这位' || x.w === '这名' || x.w === '此') && k === 0) continue;
    if (x.cls === 'quote' && x.quote && x.quote.innerEnd - x.quote.innerStart <= 12) continue;
    // Single characters jieba left alone inside a name (萩生/田光/一; 赤泽亮/正).
    // (以/为/由 there open a phrase of manner or cause: 岸田文雄以视频方式发表讲话说.)
    if ((x.cls === 'adv' || x.cls === 'verb' || x.cls === 'other') && [...x.w].length === 1 && k > 0 && !FUNCTION_CHARS.has(x.w) && !/^[以为因由凭按依经]$/u.test(x.w) && (np[k - 1]?.cls === 'name' || np[k - 1]?.cls === 'noun')) continue;
    if (x.cls === 'verb' && np.slice(k + 1).some((y) => y.cls === 'de')) continue; // 特朗普执政时期的…
    return false;
  }
  return true;
}

/**
 * A title and a name closing the phrase (和平安全保障研究所理事长德地秀士; 特朗普时期的前白宫国家安全顾问波顿):
 * the words before the title are the title's, whatever jieba tags them, if they name nobody
 * (特朗普要求日本首相岸田文雄… is not a phrase: 特朗普 is followed by a verb, not by 的).
 */
export function isTitledName(np: Tok[]): boolean {
  let k = np.length - 1;
  if (np[k]?.cls === 'role') k--;
  if (np[k]?.cls !== 'name') return false;
  while (k > 0 && np[k - 1]?.cls === 'name') k--;
  if (np[k - 1]?.cls !== 'role') return false;
  const before = np.slice(0, k);
  for (let i = 0; i < before.length; i++) {
    const x = before[i] as Tok;
    if (['ppstart', 'objprep', 'ju', 'notsaid', 'speech', 'weak', 'pron', 'comma', 'colon', 'punct'].includes(x.cls)) return false;
    if (x.cls === 'with' && x.w !== '与' && x.w !== '和') return false;
    if (x.cls === 'quote' && (x.quote?.innerEnd ?? 0) - (x.quote?.innerStart ?? 0) > 12) return false;
    // A name before the title only as a modifier: 特朗普时期的…
    // (or a word jieba took for a name inside an organisation's: 国家/安保/室).
    if (x.cls === 'name' && !before.slice(i + 1).some((y) => y.cls === 'de') && !['noun', 'role'].includes(before[i + 1]?.cls ?? '')) return false;
    // 岸田文雄与到访的美国国务卿布林肯: a person joined to another by 与/和 is no title's modifier.
    if (x.cls === 'name' && before[i + 1]?.cls === 'with') return false;
  }
  return true;
}

/** Verbs that pass a message on: 传达, 转达, 阐述. */
const CONVEY_RE = /^(?:传达|转达|转告|阐述|阐明|传递)$/u;
/** An intention, view or stance closing the object: 的意愿, 的想法, 的一贯立场 (not 的问候, 的感谢). */
const ATTITUDE_RE = /的[^，,。的]{0,4}(?:意愿|意向|想法|看法|立场|决心|方针|愿望|意见|关切|担忧|态度|主张|观点|期望|期待)[\s。！？!?]*$/u;

/** Verbs of the act that gave the words: 召开/举行 a press conference, 接受 an interview, 发表 a statement, 以…方式. */
const ACT_RE = /^(?:召开|举行|接受|发表|发布|出席|以)$/u;
/** What that act is done to: a press conference, an interview, a statement, a speech, a video. */
const OCCASION_RE = /(?:会|会议|采访|专访|访问|访谈|声明|讲话|谈话|演说|演讲|致辞|致词|贺词|献词|发言|文章|贴文|视频|影片|方式|形式)$/u;
/** An act and its occasion that jieba keeps as one word: 发表声明, 接受采访, 召开记者会. */
function isActWord(w: string): boolean {
  return /^(?:召开|举行|接受|发表|发布|出席)./u.test(w) && OCCASION_RE.test(w);
}
const ACT_OBJECT = new Set(['noun', 'role', 'name', 'time', 'book', 'quote', 'verb', 'de', 'speech']);

/** 欢迎岸田时, 发表演讲时, 会晤结束后: the end of a clause of time. */
function isTemporalEnd(w: string): boolean {
  if (TEMPORAL_END.has(w)) return true;
  return [...w].length >= 2 && /[时后]$/u.test(w) && !/^(?:同时|当时|及时|随时|暂时|按时|准时|届时|此时|那时|平时|适时|小时|有时|然后|最后|此后|今后|其后|之后|以后|随后|落后|背后|幕后|前后|先后)$/u.test(w);
}

/**
 * The words between a subject and its verb: adverbs and times, 在…上/中/时, 对/向/告诉 + object,
 * 与…会谈时. 'together' when the subject speaks with another named person (特朗普与石破茂在联合声明中强调).
 */
export function matchMid(t: Tok[], from: number, to: number, depth = 0): 'ok' | 'bad' | 'together' {
  if (from >= to) return 'ok';
  if (depth > 12) return 'bad';
  const x = t[from] as Tok;
  if (x.cls === 'adv' || x.cls === 'time' || x.cls === 'le' || x.w === '地' || x.w === '亲口' || x.w === '对此' || x.w === '就此') return matchMid(t, from + 1, to, depth + 1);
  if (x.cls === 'ppend' && from > 0) return matchMid(t, from + 1, to, depth + 1);
  // 致词说, 发言表示: how the words were given.
  if (MANNER.has(x.w)) return matchMid(t, from + 1, to, depth + 1);
  // 召开记者会宣布, 接受美联社采访表示, 发表声明说, 以视频方式发表讲话说: the act that gave the words
  // (a verb and its occasion, one to six words), then the verb.
  if (isActWord(x.w)) return matchMid(t, from + 1, to, depth + 1); // 发表声明, 召开记者会 cut as one word
  // 致电美国总统拜登表示, 致函…说: the call or letter to someone, then the verb.
  if (/^(?:致电|致函|致信|去电|去信|写信给|打电话给)$/u.test(x.w)) {
    for (let e = from + 2; e <= Math.min(to, from + 6); e++) {
      if (!t.slice(from + 1, e).every((y) => y.cls === 'name' || y.cls === 'role' || y.cls === 'noun')) break;
      if (matchMid(t, e, to, depth + 1) === 'ok') return 'ok';
    }
    return 'bad';
  }
  if (ACT_RE.test(x.w)) {
    for (let e = from + 2; e <= Math.min(to, from + 7); e++) {
      const obj = t.slice(from + 1, e);
      if (obj.some((y) => !ACT_OBJECT.has(y.cls) || y.cls === 'quote' && (y.quote?.innerEnd ?? 0) - (y.quote?.innerStart ?? 0) > 12)) break;
      if (!OCCASION_RE.test(obj.map((y) => y.w).join(''))) continue;
      if (matchMid(t, e, to, depth + 1) === 'ok') return 'ok';
    }
  }
  // 胜选后致词说, 会谈后表示: one word that is a clause of time by itself.
  if ((x.cls === 'noun' || x.cls === 'verb') && [...x.w].length >= 3 && isTemporalEnd(x.w.slice(-1)) && /[后时]$/u.test(x.w)) return matchMid(t, from + 1, to, depth + 1);
  // 当地时间11日晚: jieba cuts the opener 当地时间 in two.
  if (x.w === '当地' && t[from + 1]?.w === '时间') return matchMid(t, from + 2, to, depth + 1);
  // 透过推特指控, 通过发言人表示: the channel the words went through (one to three nouns, then the verb).
  if (/^(?:透过|通过|经由|借由|藉由)$/u.test(x.w)) {
    for (let e = from + 2; e <= Math.min(to, from + 4); e++) {
      if (!t.slice(from + 1, e).every((y) => y.cls === 'noun' || y.cls === 'other' && !/^\p{P}+$/u.test(y.w))) break;
      if (matchMid(t, e, to, depth + 1) === 'ok') return 'ok';
    }
    return 'bad';
  }
  if (x.cls === 'notsaid') return 'bad';
  // Another speech verb right before the verb: 回应/称, 分析/认为, 指/认为, 补充/说.
  if ((x.cls === 'speech' || x.cls === 'weak') && t.slice(from + 1, to).every((y) => y.cls === 'adv' || y.cls === 'le' || y.cls === 'speech' || y.cls === 'weak')) return 'ok';
  if (x.cls === 'ppstart') {
    // 在首相官邸对媒体表示, 在例行记者会称, 在日内瓦告诉记者: a place or occasion with no closing 上/中.
    // 于17日晚间表示, 在18日说: a time alone.
    for (let e = Math.min(to, from + 5); e > from + 1; e--) {
      const when = t.slice(from + 1, e);
      if (when.every((y) => y.cls === 'time' || y.cls === 'adv' && ADVERBS.has(y.w)) && when.some((y) => y.cls === 'time') && matchMid(t, e, to, depth + 1) === 'ok') return 'ok';
    }
    for (let e = Math.min(to, from + 5); e > from + 1; e--) {
      const place = t.slice(from + 1, e);
      // (例行记者会: a verb may modify the place, never end it.)
      // (在首相石破茂表明…: a person is no place; the place ends with a noun.)
      if (!place.every((y, k) => y.cls === 'noun' || y.cls === 'role' || y.cls === 'verb' && k < place.length - 1) || place.at(-1)?.cls !== 'noun') continue;
      const after = t[e];
      if (e === to || after?.cls === 'objprep' || after?.w === '告诉' || after?.cls === 'adv') {
        if (matchMid(t, e, to, depth + 1) === 'ok') return 'ok';
      }
    }
    for (let e = to - 1; e > from; e--) {
      if ((t[e] as Tok).cls === 'ppend' || (t[e] as Tok).w.endsWith('上') || (t[e] as Tok).w.endsWith('中') || (t[e] as Tok).w.endsWith('时')) {
        if (matchMid(t, e + 1, to, depth + 1) === 'ok') return 'ok';
      }
    }
    return 'bad';
  }
  if (x.cls === 'with') {
    // 与拜登(在…)强调: two people speaking together.
    let k = from + 1;
    let named = false;
    while (k < to && (t[k]?.cls === 'name' || t[k]?.cls === 'role' || t[k]?.cls === 'noun' || t[k]?.cls === 'pron')) {
      if (t[k]?.cls === 'name' || t[k]?.cls === 'pron') named = true;
      k++;
    }
    // 与岸田文雄会谈后宣布, 与岸田在白宫举行会谈后宣布: a clause of time; the subject alone speaks after it.
    // (盧特尼克和貝森特也在赤澤訪美時承諾 is both: the clause of time is not their meeting each other.)
    for (let e = to - 1; e >= k; e--) {
      if (!isTemporalEnd((t[e] as Tok).w) || matchMid(t, e + 1, to, depth + 1) !== 'ok') continue;
      if (t.slice(from + 1, e + 1).some((y) => /^(?:会谈|会晤|会面|会见|通话|通电话|电话会谈|视频会谈|视讯会议|见面|磋商|谈判|峰会|举行会谈)$/u.test(y.w))) return 'ok';
    }
    // 与石破茂在联合声明中强调, 与他一起表示: said together (joint when both are named people).
    if (named && matchMid(t, k, to, depth + 1) === 'ok') return 'together';
    for (let e = to - 1; e > from; e--) {
      if (isTemporalEnd((t[e] as Tok).w) && matchMid(t, e + 1, to, depth + 1) === 'ok') return 'ok';
    }
    return 'bad';
  }
  if (x.cls === 'objprep' || x.w === '告诉') {
    // The object runs to the verb, or to a phrase that is followed by the verb.
    for (let e = to; e > from + 1; e--) {
      const obj = t.slice(from + 1, e);
      if (obj.some((y) => y.cls === 'speech' || y.cls === 'quote' || y.cls === 'notsaid')) continue;
      if (e === to || matchMid(t, e, to, depth + 1) === 'ok') return 'ok';
    }
    return 'bad';
  }
  // A clause of time without 在: 欢迎岸田时, 会晤结束后, 接受…采访时.
  if (x.cls === 'verb' || x.cls === 'noun' || x.cls === 'name') {
    for (let e = to - 1; e > from; e--) {
      if (isTemporalEnd((t[e] as Tok).w) && matchMid(t, e + 1, to, depth + 1) === 'ok') {
        const inner = t.slice(from, e);
        if (inner.some((y) => y.cls === 'speech' || y.cls === 'notsaid')) return 'bad';
        return 'ok';
      }
    }
  }
  return 'bad';
}
