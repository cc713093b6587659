/** Who a clause is about: its speaker, a source (据…报道), its topic, and what kind of subject a noun phrase is. */

import { ADVERBS, COLLECTIVE_RE, DOT_RE, GENERIC_MEDIA_RE, OPENERS, OUTLET_RE, OUTLET_VERBS, REPORT_WORDS, ROLE_END_RE, WITH } from './lexicon.ts';
import { isNameString, titleOf } from './names.ts';
import { isNounPhrase, isOpener, isTitledName, locativeOpener, matchMid, meaningfulToks } from './phrases.ts';
import type { Ctx, ParaState, Subject, Tok } from './types.ts';

/**
 * Parses the words before a verb: [openers] subject [adverbs, 在…上, 对…, …时] verb.
 * Returns the subject (undefined when none is written: 还表示…), or 'bad' when the words do not
 * read as someone speaking (美日领导人发表的…联合声明写道, 特朗普要求日本表示…).
 */
export function parseSpeaker(ctx: Ctx, toks: Tok[]): Subject | undefined | 'bad' {
  const t = meaningfulToks(toks);
  let i = 0;
  while (i < t.length && isOpener(t[i] as Tok)) i++;
  i = locativeOpener(t, i);
  if (i === t.length) return undefined;
  // Elided subject: the clause starts with its adverbs, a phrase or an object (向他透露了…).
  const head = t[i] as Tok;
  if (['adv', 'time', 'ppstart', 'objprep', 'speech', 'weak', 'le'].includes(head.cls) && matchMid(t, i, t.length) === 'ok') return undefined;
  // [subject noun phrase][middle]
  let found: Subject | undefined;
  for (let j = t.length; j > i; j--) {
    const np = t.slice(i, j);
    if (!isNounPhrase(np)) continue;
    const mid = matchMid(t, j, t.length);
    if (mid === 'bad') continue;
    const subject = classifyNP(ctx, np);
    // 岸田文雄听取外相林芳正的汇报后表示: a long phrase that names nobody (a verb before 的 kept it whole)
    // gives way to a shorter one that opens it with a person.
    if (found) {
      if (subject.kind === 'person' && mid === 'ok') return subject;
      continue;
    }
    // 担任“投资委员会”主席的卢特尼克: a phrase opening with a verb is a relative clause; its head is read below.
    if (subject.kind !== 'person' && np[0]?.cls === 'verb' && np.some((x) => x.cls === 'de')) break;
    if (mid === 'together') {
      // 特朗普与石破茂在联合声明中强调: said by both, when both are named people.
      const other = t.slice(j + 1).filter((x, k, all) => all.slice(0, k + 1).every((y) => y.cls === 'name' || y.cls === 'role' || y.cls === 'noun'));
      const with_ = other.length ? classifyNP(ctx, other) : undefined;
      return subject.kind === 'person' && with_?.kind === 'person' ? { kind: 'group', members: [subject, with_] } : { kind: 'group' };
    }
    if (subject.kind === 'other' && np.some((x) => x.cls === 'verb')) {
      found = subject;
      continue;
    }
    return subject;
  }
  if (found) return found;
  // A relative clause before the subject: 上周上任的日本首相高市早苗说; 结束与拜登站着交谈的岸田向记者团回顾称.
  for (let d = i; d < t.length; d++) {
    const de = t[d] as Tok;
    if (de.cls !== 'de') continue;
    const rc = t.slice(i, d);
    // (A short quotation there names a thing — 担任“投资委员会”主席的Lutnick —; a long one is someone's words.)
    if (rc.some((x) => x.cls === 'objprep' || x.cls === 'speech' || x.cls === 'quote' && (x.quote?.innerEnd ?? 0) - (x.quote?.innerStart ?? 0) > 12 || x.cls === 'pron' || x.cls === 'ju')) break;
    for (let j = t.length; j > d + 1; j--) {
      const np = t.slice(d + 1, j);
      if (!isNounPhrase(np)) continue;
      if (matchMid(t, j, t.length) !== 'ok') continue;
      const subject = classifyNP(ctx, np);
      if (subject.kind === 'person') return subject;
      // …主席的Lutnick: the head of the phrase is after its last 的; try the next 的.
      break;
    }
  }
  return 'bad';
}

/** What kind of subject a noun phrase is, with the name and title split when it is a person. */
export function classifyNP(ctx: Ctx, np: Tok[]): Subject {
  const toks = np.filter((x) => x.cls !== 'sp');
  const text = toks.map((x) => (x.cls === 'book' ? `《${x.w}》` : x.w)).join('');
  const first = toks[0];
  if (!first) return { kind: 'other' };
  if (toks.length === 1 && first.cls === 'pron') return { kind: 'pron' };
  if (COLLECTIVE_RE.test(text)) return { kind: 'group' };
  if (/^(?:该|这位|这名|此)/.test(text)) {
    const rest = text.replace(/^(?:该|这位|这名|此)/, '');
    if (/^(?:报道|报导|报告|消息)$/.test(rest)) return ctx.lastOutlet ? { kind: 'outlet', name: ctx.lastOutlet } : { kind: 'other' };
    return ROLE_END_RE.test(rest) && !/^(?:官员|人士|消息人士)$/.test(rest) || rest === '' ? { kind: 'pron' } : { kind: 'other' };
  }
  // Names joined by 和/、: several people.
  const names = toks.filter((x) => x.cls === 'name');
  if (names.length >= 2 && toks.some((x) => x.cls === 'dun' || WITH.has(x.w))) return { kind: 'group', ...jointMembers(ctx, toks) };

  const outlet = outletName(keepCase(ctx, first.s, toks[toks.length - 1]?.e ?? first.e).replace(/\s+/g, ' ').trim(), toks);
  if (outlet) return { kind: 'outlet', name: outlet };

  // The head: a name at the end (日本首相岸田文雄), or before a title (拜登总统).
  const atEnd = personEndingAt(ctx, toks, toks.length);
  if (atEnd) return atEnd;
  const last = toks[toks.length - 1] as Tok;
  if (last.cls === 'role' && toks.length >= 2) {
    const p = personEndingAt(ctx, toks, toks.length - 1);
    if (p?.name && !p.role) return { kind: 'person', name: p.name, role: last.w };
    if (p) return p;
  }
  // A title alone (首相强调): the one holder of that office the article names.
  if (last.cls === 'role' && toks.every((x) => x.cls === 'role' || x.cls === 'noun' && x.tag === 'ns')) {
    const title = titleOf(text);
    const holders = title ? ctx.holders.get(title) : undefined;
    if (title && holders && holders.size === 1) {
      const only = [...holders][0] as string;
      return { kind: 'person', name: only, role: text };
    }
    return { kind: 'title' };
  }
  return { kind: 'other' };
}

/**
 * 特朗普和刘鹤, 拜登总统与岸田首相: named people joined by 和/与/、, each a person; undefined members
 * when any part is not (他和菅义伟, 日本政府与拜登): then nobody is given the words.
 */
function jointMembers(ctx: Ctx, toks: Tok[]): { members?: Subject[] } {
  const parts: Tok[][] = [[]];
  for (const x of toks) {
    if (x.cls === 'dun' || x.w === '和' || x.w === '与' || x.w === '及') parts.push([]);
    else (parts[parts.length - 1] as Tok[]).push(x);
  }
  if (parts.length < 2 || parts.length > 4) return {};
  const members: Subject[] = [];
  for (const p of parts) {
    if (p.length === 0 || !p.every((x) => x.cls === 'name' || x.cls === 'role' || x.cls === 'noun')) return {};
    const who = classifyNP(ctx, p);
    if (who.kind !== 'person' || !who.name) return {};
    members.push(who);
  }
  return { members };
}

/** The longest run of name-like tokens ending at `end` that names a person, with the title before it. */
function personEndingAt(ctx: Ctx, toks: Tok[], end: number): Subject | undefined {
  for (let s = 0; s < end; s++) {
    const run = toks.slice(s, end);
    if (!run.every((x) => x.cls === 'name' || x.cls === 'noun' || x.cls === 'adv' || x.cls === 'verb' || x.cls === 'other')) continue;
    const raw = nameText(ctx, run);
    const before = toks.slice(0, s);
    const anchored = before.length > 0 && before[before.length - 1]?.cls === 'role';
    if (!isNameString(raw, anchored, ctx.known)) continue;
    const role = roleText(before);
    if (before.length > 0 && !role) continue; // 日本政府岸田?: what stands before must be a title
    return role ? { kind: 'person', name: raw, role } : { kind: 'person', name: raw };
  }
  return undefined;
}

/** Folded text of [s, e) with Latin letters in their original case (TBS电视台, not tbs电视台). */
function keepCase(ctx: Ctx, s: number, e: number): string {
  const f = ctx.folded.slice(s, e);
  if (!/[a-z]/.test(f)) return f;
  const o = ctx.original.slice(s, e);
  let out = '';
  for (let i = 0; i < f.length; i++) {
    const c = f[i] as string;
    if (!/[a-z]/.test(c)) {
      out += c;
      continue;
    }
    const n = (o[i] ?? c).normalize('NFKC');
    out += n.length === 1 && n.toLowerCase() === c ? n : c;
  }
  return out;
}

/** The name as written: folded Han, Latin with its original case. */
function nameText(ctx: Ctx, run: Tok[]): string {
  const s = run[0]?.s ?? 0;
  const e = run[run.length - 1]?.e ?? s;
  const folded = ctx.folded.slice(s, e).replace(/\s+/g, ' ').trim();
  if (!/[a-z]/.test(folded)) return folded.replace(DOT_RE, '·');
  return ctx.original.slice(s, e).normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** The title before a name: the phrase after the last 的 or 、 (特朗普时期的前白宫国家安全顾问 → 前白宫国家安全顾问). */
function roleText(before: Tok[]): string | undefined {
  if (before.length === 0) return undefined;
  let k = before.length;
  while (k > 0 && before[k - 1]?.cls !== 'de' && before[k - 1]?.cls !== 'quote') k--;
  const words = before.slice(k).map((x) => x.w);
  const role = words.join('').replace(/^、+|、+$/g, '');
  return role && ROLE_END_RE.test(role) ? role : undefined;
}

/** A news outlet's name, when the phrase is one: 共同社, 日本《读卖新闻》, 日媒共同社, TBS电视台, FNN. */
export function outletName(text: string, toks?: Tok[]): string | undefined {
  const book = /《([^《》]{2,20})》/u.exec(text)?.[1];
  if (book) return OUTLET_RE.test(book) ? book : undefined;
  const rest = text.replace(GENERIC_MEDIA_RE, '').trim();
  if (!rest) return undefined;
  // 路透报导, 彭博报道: agencies named without 社 (jieba takes 路透 for a person).
  if (/^(?:路透|彭博|美联|法新|德新|共同|时事|韩联|塔斯|新华|中新|中评|安莎|埃菲)$/u.test(rest)) return rest;
  if (/^[A-Za-z]{2,8}$/.test(rest) && toks && text !== rest) return rest;
  const q = /[「“"]([A-Za-z][A-Za-z .]{1,20})[」”"]/.exec(rest);
  if (q?.[1]) return q[1];
  if (!OUTLET_RE.test(rest) || /^(?:新闻|广播|评论|杂志|网|社|电台)$/.test(rest)) return undefined;
  // 白宫新闻秘书 is a title; 日本政府 is not an outlet: the phrase must end in the outlet word.
  if (ROLE_END_RE.test(rest)) return undefined;
  return rest.length <= 16 ? rest : undefined;
}

/** An outlet named by the words before a reporting verb, adverbs and times aside. */
export function outletBefore(ctx: Ctx, toks: Tok[], v: number): string | undefined {
  const verb = toks[v];
  if (!verb || !OUTLET_VERBS.has(verb.w)) return undefined;
  const t = meaningfulToks(toks.slice(0, v));
  let i = 0;
  while (i < t.length && OPENERS.has((t[i] as Tok).w)) i++;
  let e = t.length;
  while (e > i && ((t[e - 1] as Tok).cls === 'time' || (t[e - 1] as Tok).cls === 'adv' && ADVERBS.has((t[e - 1] as Tok).w))) e--;
  const first = t[i];
  const last = t[e - 1];
  if (!first || !last || e - i > 5) return undefined;
  return outletName(keepCase(ctx, first.s, last.e).trim());
}

/** 据共同社报道 / 根据美联社的报道 / 据该报道 / 据茂木敏充会后证实 / 报道还称: the outlet or person the rest comes from. */
export function sourceClause(ctx: Ctx, toks: Tok[]): Subject | undefined {
  const t = meaningfulToks(toks);
  let i = 0;
  while (i < t.length && isOpener(t[i] as Tok) && t[i]?.cls !== 'ju') i++;
  const first = t[i];
  // 报道称 / 报道还称 / 报道指出: the outlet last named goes on.
  if (first && (first.w === '报道' || first.w === '报导') && i + 1 < t.length) {
    const rest = t.slice(i + 1);
    if (rest.every((x) => x.cls === 'adv' || x.cls === 'speech' || x.cls === 'weak' || x.cls === 'le') && rest.some((x) => x.cls === 'speech' || x.cls === 'weak')) {
      return ctx.lastOutlet ? { kind: 'outlet', name: ctx.lastOutlet } : undefined;
    }
    return undefined;
  }
  // The last 据 of the clause (参考消息网7月9日报道据共同社7月9日报道).
  let j = -1;
  for (let k = t.length - 1; k >= i; k--) if (t[k]?.cls === 'ju') { j = k; break; }
  if (j < 0) return undefined;
  if (j > i && t.slice(i, j).some((x) => x.cls === 'speech' || x.cls === 'name' || x.cls === 'pron')) return undefined;
  let e = t.length;
  // Trailing: [time][的](报道|消息|称|说|指出|证实…)[称|说]
  while (e > j + 1 && (isReport(t[e - 1] as Tok) || (t[e - 1] as Tok).cls === 'adv' && (t[e - 1] as Tok).w !== '该')) e--;
  if (e === t.length) return undefined; // 据日本政府的试算: no word of reporting
  while (e > j + 1 && ['time', 'de', 'ppend', 'adv'].includes((t[e - 1] as Tok).cls) && (t[e - 1] as Tok).w !== '该') e--;
  const np = t.slice(j + 1, e);
  if (np.length === 0) return undefined;
  if (np.length === 1 && (np[0]?.w === '该' || np[0]?.w === '此')) return ctx.lastOutlet ? { kind: 'outlet', name: ctx.lastOutlet } : undefined;
  if (!isNounPhrase(np)) return undefined;
  const s = classifyNP(ctx, np);
  return s.kind === 'outlet' || s.kind === 'person' ? s : { kind: 'other' };
}

function isReport(x: Tok): boolean {
  return REPORT_WORDS.has(x.w) || x.cls === 'speech' || x.cls === 'weak' || x.cls === 'le';
}

/** 据报道, 据悉, 据了解: the writer sourcing a claim to nobody in particular. */
export function isHearsay(toks: Tok[]): boolean {
  const t = meaningfulToks(toks);
  return t.some((x, k) => /^(?:据报道|据报导|据悉|据了解|据称|据说|据介绍|据指出)$/.test(x.w) || x.cls === 'ju' && /^(?:报道|报导|悉|了解|称|说|介绍)$/.test(t[k + 1]?.w ?? ''));
}

/** The subject a narrative clause opens with, if it opens with one. */
export function clauseTopic(ctx: Ctx, toks: Tok[]): Subject | undefined {
  const t = meaningfulToks(toks);
  let i = 0;
  while (i < t.length && isOpener(t[i] as Tok)) i++;
  i = locativeOpener(t, i);
  // 韩国国家安保室第一次长金泰孝17日…: a titled name, whatever jieba made of the title.
  for (let k = t.length - 1; k > i; k--) {
    // (A titled name ends with a name, or with a name and a title.)
    const endCls = t[k - 1]?.cls;
    if (endCls !== 'name' && endCls !== 'role') continue;
    const np = t.slice(i, k);
    if (isTitledName(np)) return classifyNP(ctx, np);
  }
  let j = i;
  while (j < t.length && (t[j]?.cls === 'name' || t[j]?.cls === 'role' || t[j]?.cls === 'noun' || t[j]?.cls === 'pron' || t[j]?.cls === 'dun')) j++;
  if (j === i || j === t.length) return undefined;
  const np = t.slice(i, j);
  const s = classifyNP(ctx, np);
  if (s.kind === 'pron') return { kind: 'pron' };
  return s;
}

/** A pronoun or bare title as the person it stands for in this paragraph; others as they are. */
export function resolve(s: Subject, topic: Subject | undefined, state: ParaState): Subject | undefined {
  if (s.kind === 'person') return s;
  if (s.kind === 'pron') {
    if (topic?.kind === 'person') return topic;
    if (topic && topic.kind !== 'pron') return undefined;
    return state.lastSubject?.kind === 'person' ? state.lastSubject : undefined;
  }
  return s;
}
