/** One sentence's statements: its clauses read in order, each speech verb given its speaker and words. */

import { OUTLET_VERBS, RECIPIENT_VERB_RE } from './lexicon.ts';
import { cleanText, type ParagraphOut, personStatement } from './output.ts';
import { afterVerb, clausesOf, findVerb, isNounPhrase, isOpener, isQuoteNext, meaningfulToks } from './phrases.ts';
import { sentenceEnd } from './quotes.ts';
import { classifyNP, clauseTopic, isHearsay, outletBefore, parseSpeaker, resolve, sourceClause } from './subjects.ts';
import { tokenize } from './tokens.ts';
import type { Clause, Ctx, Open, ParaState, Quote, Subject, Tok } from './types.ts';

/** Adverbs that say a subjectless speech verb goes on with the same speaker (还表示…, 并强调…). */
const GOES_ON = ['还', '并', '也', '又', '同时', '另', '亦', '更', '再', '此外', '另外', '则'];
const MADE_RE = /^(?:作出|做出|给出|发出)$/;
/** Verbs of condemning: their object is what was condemned, not the words. */
const CONDEMN_RE = /^(?:谴责|强烈谴责|严厉谴责)$/u;

export function sentenceStatements(
  ctx: Ctx,
  f: string,
  items: Tok[],
  quotes: Quote[],
  orphans: number[],
  state: ParaState,
  out: ParagraphOut,
  sentenceEndAt: number,
): void {
  new SentenceReader(ctx, f, items, quotes, orphans, state, out, sentenceEndAt).read();
}

/** The reading of one sentence: what it has settled so far, and the steps that move it on. */
class SentenceReader {
  /** The person of the last event in this sentence. */
  private lastPerson: Subject | undefined;
  private lastWasDirect = false;
  /** The subject of this sentence's narrative so far. */
  private topic: Subject | undefined;
  private open: Open | undefined;
  /** The rest of the sentence is someone's nested speech: attribute nothing more. */
  private dead = false;
  /**
   * Someone this reader cannot name is speaking (白宫新闻秘书让-皮埃尔表示，…): people named in those words
   * are no topic, and a 她说/并说 after them is that unnamed speaker, not someone else.
   */
  private unheard = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly f: string,
    private items: Tok[],
    private readonly quotes: Quote[],
    private readonly orphans: number[],
    private readonly state: ParaState,
    private readonly out: ParagraphOut,
    private readonly sentenceEndAt: number,
  ) {}

  read(): void {
    if (this.leadingQuotes()) return;
    this.clauses();
  }

  private sayPerson(who: Subject, text: string, direct: boolean, end?: number): void {
    if (who.members) {
      for (const m of who.members) this.sayPerson(m, text, direct);
      return;
    }
    if (who.kind !== 'person' || !who.name) return;
    this.out.emit(personStatement(who, text, direct));
    if (end !== undefined) {
      this.state.lastQuoteBy = who;
      this.state.lastQuoteEnd = end;
    }
  }

  private quoteText(q: Quote): string {
    return this.ctx.original.slice(q.innerStart, q.innerEnd);
  }

  /**
   * A person opening a clause becomes the one 他 refers to; another subject (双方, 日本政府) clears it,
   * but only at the sentence's start: later clauses usually go on with the same subject, unwritten.
   */
  private noteTopic(np: Subject | undefined, first: boolean): void {
    if (!np || this.unheard) return;
    const state = this.state;
    if (np.kind === 'person') {
      this.topic = np;
      state.lastSubject = np;
    } else if (np.kind === 'pron') {
      const r = resolve(np, this.topic, state);
      this.topic = r;
      state.lastSubject = r;
    } else if (first || np.kind === 'group' || np.kind === 'outlet') {
      this.topic = np;
      state.lastSubject = undefined;
    }
  }

  private closeOpen(at: number): void {
    const open = this.open;
    if (!open) return;
    // Reported speech stays reported even when it quotes a phrase of the speaker's (她重申競選口號「讓日本…」):
    // direct is only for a statement that is the words inside the marks.
    this.sayPerson(open.speaker, cleanText(this.ctx.original.slice(open.from, at), false), false);
    this.open = undefined;
  }

  /**
   * A sentence that opens with quotations: its speaker comes after them (“…，”拜登说。) or before them
   * (a run). True when nothing follows the quotations, so the sentence is done.
   */
  private leadingQuotes(): boolean {
    const { ctx, f, quotes, state } = this;
    const items = this.items;
    const firstMeaningful = items.find((x) => x.cls !== 'sp' && x.cls !== 'punct');
    if (firstMeaningful?.cls !== 'quote') return false;
    const lead: Quote[] = [];
    let k = 0;
    while (k < items.length && (items[k]?.cls === 'quote' || items[k]?.cls === 'sp' || items[k]?.cls === 'punct' && !/[。！？!?]/.test(items[k]?.w ?? ''))) {
      const q = items[k]?.quote;
      if (q) lead.push(q);
      k++;
    }
    const rest = items.slice(k).filter((x) => x.cls !== 'sp' && x.cls !== 'punct');
    let speaker: Subject | undefined;
    const restStart = k;
    if (rest.length > 0) {
      // “…，”伊曼纽尔会晤结束后向记者表示。 / 「…」拜登说，「…」
      const after = clausesOf(items.slice(k).filter((x) => !(x.cls === 'comma' && x === items[k])));
      const c0 = after[0];
      if (c0) {
        const v = findVerb(c0, after[1]);
        if (v >= 0 && afterVerb(c0, v).kind === 'end' && c0.delim?.cls !== 'colon') {
          const who = parseSpeaker(ctx, c0.toks.slice(0, v));
          if (who && who !== 'bad') speaker = resolve(who, this.topic, state);
        }
      }
    } else {
      // The attribution may open the next sentence: 「…可能会在8月。」川普说，日本同意…
      const nextStart = this.sentenceEndAt;
      if (nextStart < f.length) {
        const nextEnd = sentenceEnd(f, nextStart, quotes);
        const nextItems = tokenize(ctx, f, nextStart, nextEnd, quotes);
        // The paragraph reads that sentence next: its tokens need not be cut again.
        state.peeked = { start: nextStart, end: nextEnd, items: nextItems };
        const nc = clausesOf(nextItems);
        const c0 = nc[0];
        if (c0) {
          const v = findVerb(c0, nc[1]);
          if (v >= 0 && afterVerb(c0, v).kind === 'end' && c0.delim?.cls !== 'colon') {
            const who = parseSpeaker(ctx, c0.toks.slice(0, v));
            if (who && who !== 'bad' && who.kind === 'person') speaker = who;
            // 「…。」他说。 : the pronoun is whoever 他 stands for here (the paragraph's or the one before's person).
            else if (who && who !== 'bad' && who.kind === 'pron') {
              const r = resolve(who, this.topic, state);
              if (r?.kind === 'person') speaker = r;
            }
          }
        }
      }
      // Or it continues the quotations of the sentence before (a run keeps its speaker).
      if (!speaker && state.prevSentencePerson) speaker = state.prevSentencePerson;
    }
    if (speaker?.kind === 'person') {
      for (const q of lead) this.sayPerson(speaker, this.quoteText(q), true, q.end);
      this.lastPerson = speaker;
      this.lastWasDirect = true;
      state.lastSubject = speaker;
    }
    if (rest.length === 0) {
      state.prevSentencePerson = speaker?.kind === 'person' ? speaker : undefined;
      return true;
    }
    this.items = items.slice(restStart);
    return false;
  }

  /** The clauses of the sentence (after its leading quotations), in order. */
  private clauses(): void {
    const { ctx, quotes, orphans, state, out, sentenceEndAt } = this;
    const cls = clausesOf(this.items);
    for (let ci = 0; ci < cls.length; ci++) {
      const c = cls[ci] as Clause;
      const next = cls[ci + 1];
      const toks = c.toks;
      const meaningfulHere = meaningfulToks(toks);
      if (meaningfulHere.length === 0) continue;
      if (this.dead) break;
      const clauseStart = meaningfulHere[0]?.s ?? 0;

      // 据共同社报道， / 据岸田称，: the source of what follows.
      const ju = sourceClause(ctx, toks);
      if (ju) {
        const restFrom = c.delim ? c.delim.e : (toks[toks.length - 1]?.e ?? clauseStart);
        if (ju.kind === 'outlet' && ju.name) {
          if (!this.open) {
            ctx.lastOutlet = ju.name;
            out.emit({ speaker: ju.name, text: ctx.original.slice(restFrom, sentenceEndAt), direct: false, kind: 'outlet' });
          }
          continue;
        }
        if (ju.kind === 'person' && !this.open) {
          this.open = { speaker: ju, from: restFrom, sawName: false };
          this.lastPerson = ju;
          this.lastWasDirect = false;
          state.lastSubject = ju;
          continue;
        }
        continue;
      }

      // 据报道/据悉 inside what someone says is the writer sourcing something else: the statement ends there.
      if (this.open && (isHearsay(toks) || sourceClause(ctx, toks)?.kind === 'outlet')) {
        this.closeOpen(clauseStart);
        this.dead = true;
        break;
      }
      // …的决心，获奥斯汀表示欢迎 / 受到拜登肯定: someone else's answer to it ends what was said.
      if (this.open && /^(?:获|获得|受到|得到|获致)$/u.test(meaningfulHere[0]?.w ?? '') && meaningfulHere.slice(1, 4).some((x) => x.cls === 'name')) {
        this.closeOpen(clauseStart);
        this.dead = true;
        break;
      }
      const v = findVerb(c, next, c.delim ? this.f.slice(c.delim.e, sentenceEndAt) : '');
      // 美国总统 拜登:「…」 — a name and a colon before a quotation, as in a transcript.
      if (v < 0 && !this.open && c.delim?.cls === 'colon' && isQuoteNext(next)) {
        const np = meaningfulHere.filter((x) => !isOpener(x));
        const who = isNounPhrase(np) ? classifyNP(ctx, np) : undefined;
        if (who?.kind === 'person') {
          for (const q of next?.toks ?? []) {
            if (q.cls === 'sp') continue;
            if (q.cls !== 'quote' || !q.quote) break;
            this.sayPerson(who, this.quoteText(q.quote), true, q.quote.end);
          }
          this.lastPerson = who;
          this.lastWasDirect = true;
          state.lastSubject = who;
          ci++;
          continue;
        }
      }
      // 刘鹤读出习近平的信件：“…” / 宣读了拜登的贺信：「…」: the words are the letter's writer's.
      if (v < 0 && !this.open && c.delim?.cls === 'colon' && isQuoteNext(next)) {
        const writer = letterWriter(ctx, meaningfulHere);
        if (writer) {
          for (const q of next?.toks ?? []) {
            if (q.cls === 'sp') continue;
            if (q.cls !== 'quote' || !q.quote) break;
            this.sayPerson(writer, this.quoteText(q.quote), true, q.quote.end);
          }
          this.lastPerson = undefined;
          ci++;
          continue;
        }
      }
      if (v < 0) {
        if (this.open) {
          if (toks.some((x) => x.cls === 'name')) this.open.sawName = true;
          continue;
        }
        // Narrative: its subject is the one 他 and an elided subject refer to.
        this.noteTopic(clauseTopic(ctx, toks), ci === 0);
        continue;
      }

      const before = toks.slice(0, v);
      const parsed = parseSpeaker(ctx, before);
      let tail = afterVerb(c, v);
      // 告诉媒体，…, 告知韩方，…: the object of 告诉 is not what was said.
      if (RECIPIENT_VERB_RE.test((toks[v] as Tok).w) && tail.kind === 'words' && (c.delim?.cls === 'comma' || c.delim?.cls === 'colon')) tail = { kind: 'end' };
      const quoteNext = tail.kind === 'quote' || tail.kind === 'end' && isQuoteNext(next);
      const colonNext = tail.kind === 'end' && c.delim?.cls === 'colon';
      const adverbBefore = before.some((x) => GOES_ON.includes(x.w));

      let speaker: Subject | undefined;
      if (parsed === 'bad') {
        // 日经新闻周二则报导: jieba may not see the outlet's name as a noun; read the words themselves.
        const outlet = this.open ? undefined : outletBefore(ctx, toks, v);
        if (outlet) {
          ctx.lastOutlet = outlet;
          const from = tail.kind === 'end' ? (c.delim ? c.delim.e : (toks[v] as Tok).e) : (c.toks[tail.at] as Tok).s;
          out.emit({ speaker: outlet, text: ctx.original.slice(from, sentenceEndAt), direct: false, kind: 'outlet' });
          continue;
        }
        if (this.open) {
          if (toks.some((x) => x.cls === 'name')) this.open.sawName = true;
          continue;
        }
        // X表示，… with an X that reads as no one: an unnamed speaker's words follow.
        if (tail.kind === 'quote' || tail.kind === 'end' && (c.delim?.cls === 'comma' || c.delim?.cls === 'colon')) {
          this.unheard = true;
          this.topic = undefined;
          state.lastSubject = undefined;
          continue;
        }
        // Not a speech clause after all; if it has a plain subject, it is the topic.
        this.noteTopic(clauseTopic(ctx, toks), ci === 0);
        continue;
      }
      const topic = this.topic;
      if (parsed === undefined) {
        // No subject written: the same speaker continuing (还表示…), or the sentence's subject.
        if (this.unheard && !this.open) {
          speaker = undefined;
        } else if (this.open) {
          if (!adverbBefore) continue; // part of what is being said
          this.closeOpen(clauseStart);
          speaker = this.lastPerson;
        } else if (this.lastPerson && (this.lastWasDirect || adverbBefore)) {
          speaker = this.lastPerson;
        } else if (!this.lastPerson && topic) {
          speaker = topic.kind === 'person' ? topic : topic.kind === 'pron' ? resolve(topic, undefined, state) : undefined;
        } else {
          speaker = undefined;
        }
      } else {
        if (this.open) {
          // 他说，中国公开表示，将…: the clause right after 说 is what he said, whatever its verb; a country,
          // a government or a group speaking there is his report of them (a named person is left out).
          const nothingYet = this.f.slice(this.open.from, clauseStart).trim() === '';
          if (nothingYet && ['group', 'other', 'title'].includes(parsed.kind) && !quoteNext && !colonNext) continue;
          // Someone else speaking inside what is being said: cut there; only a new quotation or colon is a new statement.
          const sameSpeaker = parsed.kind === 'pron' && !this.open.sawName;
          // A表示，…；B表示，…: a semicolon closes one statement, and the next speaker opens another.
          const afterSemicolon = /^[;；]$/.test(cls[ci - 1]?.delim?.w ?? '');
          this.closeOpen(clauseStart);
          if (sameSpeaker) speaker = this.lastPerson;
          else if (quoteNext || colonNext || afterSemicolon) speaker = resolve(parsed, afterSemicolon ? undefined : topic, state);
          else {
            this.dead = true;
            continue;
          }
        } else {
          speaker = this.unheard && parsed.kind === 'pron' ? undefined : resolve(parsed, topic, state);
        }
      }

      if (parsed !== undefined && parsed.kind === 'outlet' && parsed.name) {
        const verb = toks[v] as Tok;
        if (OUTLET_VERBS.has(verb.w) || verb.w.endsWith('称') || verb.w.endsWith('说')) {
          ctx.lastOutlet = parsed.name;
          const from = tail.kind === 'end' ? (c.delim ? c.delim.e : verb.e) : (c.toks[tail.at] as Tok).s;
          out.emit({ speaker: parsed.name, text: ctx.original.slice(from, sentenceEndAt), direct: false, kind: 'outlet' });
          this.topic = undefined;
          continue;
        }
      }

      if (!speaker || speaker.kind !== 'person' && !speaker.members) {
        // A group, an office or an organisation spoke: their words are nobody's here.
        state.lastSubject = undefined;
        this.topic = parsed ?? topic;
        this.lastPerson = undefined;
        // 知情人士说，卢特尼克…告知…; 国务院表示，布林肯强调…: a named person who speaks inside their report is heard, as after an unnamed speaker.
        if (!quoteNext && tail.kind === 'end' && (c.delim?.cls === 'comma' || c.delim?.cls === 'colon') && next) {
          this.unheard = true;
          this.topic = undefined;
          continue;
        }
        if (!quoteNext) this.dead = true;
        continue;
      }

      this.lastPerson = speaker;
      state.lastSubject = speaker;
      if (tail.kind === 'quote' || tail.kind === 'end' && isQuoteNext(next)) {
        // Direct: this quotation and any that follow it at once.
        const qToks = tail.kind === 'quote' ? c.toks.slice(tail.at) : (next?.toks ?? []);
        for (const q of qToks) {
          if (q.cls === 'sp') continue;
          if (q.cls !== 'quote' || !q.quote) break;
          this.sayPerson(speaker, this.quoteText(q.quote), true, q.quote.end);
        }
        this.lastWasDirect = true;
        if (tail.kind === 'end' && next) ci++; // the quotation's clause is consumed
        continue;
      }
      this.lastWasDirect = false;
      // 石破茂向美方作出一系列积极承诺，包括…: the promise is the sentence itself, kept whole from its subject.
      const made = before.findIndex((x) => MADE_RE.test(x.w));
      // 石破茂召开记者会宣布辞职下台: an act announced is what was done, kept whole from its subject
      // (辞职下台 alone would read as words said).
      const announced = parsed !== undefined && (toks[v] as Tok).w === '宣布' && tail.kind === 'words';
      // 特朗普和刘鹤都认为…: a joint view is kept whole from its subjects, so each reads as shared.
      if (made >= 0 || announced || speaker.members) {
        const subjectAt = meaningfulHere.find((x) => !isOpener(x));
        this.open = { speaker, from: subjectAt?.s ?? clauseStart, sawName: false };
        continue;
      }
      if (tail.kind === 'end') {
        if (!next) continue;
        const from = c.delim ? c.delim.e : (toks[v] as Tok).e;
        if (colonNext) {
          // 茂木敏充还指出：我们认为…协议。” — the opening mark was left out; the closing one ends it.
          const orphan = orphans.find((o) => o > from);
          if (orphan !== undefined && !quotes.some((q) => q.open > from && q.open < orphan)) {
            this.sayPerson(speaker, ctx.original.slice(from, orphan), true, orphan + 1);
            state.skipTo = orphan + 1;
            this.lastWasDirect = true;
            state.prevSentencePerson = speaker;
            return;
          }
        }
        this.open = { speaker, from, sawName: false };
      } else {
        // 强烈谴责中国…: what is condemned is no words said; the statement keeps its verb (and adverbs).
        let at = tail.at;
        if (CONDEMN_RE.test((toks[v] as Tok).w)) for (at = v; at > 0 && toks[at - 1]?.cls === 'adv' && !GOES_ON.includes(toks[at - 1]?.w ?? ''); ) at--;
        const from = (c.toks[at] as Tok).s;
        this.open = { speaker, from, sawName: false };
        if (c.toks.slice(tail.at).some((x) => x.cls === 'name')) this.open.sawName = true;
      }
    }
    this.closeOpen(sentenceEndAt);
    state.prevSentencePerson = this.lastPerson;
  }
}

// A message someone wrote, read out or handed over by another: 信, 信件, 贺信, 贺电, 口信, 书面致辞.
const LETTER_RE = /^(?:信|信件|信函|亲笔信|贺信|贺电|口信|书面致辞|书面讲话|致辞|声明)$/u;
const READ_RE = /(?:读|宣读|读出|代读|朗读|转交|转达|递交)(?:出|了)?$/u;

/** 就读出习近平的信件 → 习近平: the writer of a letter that is read out just before a quotation. */
function letterWriter(ctx: Ctx, toks: Tok[]): Subject | undefined {
  const n = toks.length;
  if (n < 3 || !LETTER_RE.test(toks[n - 1]?.w ?? '') || toks[n - 2]?.cls !== 'de') return undefined;
  // The writer: the name run before 的; a reading verb right before it.
  let k = n - 2;
  while (k > 0 && (toks[k - 1]?.cls === 'name' || toks[k - 1]?.cls === 'role' || toks[k - 1]?.cls === 'noun')) k--;
  if (k === n - 2 || k === 0) return undefined;
  const before = toks.slice(0, k).map((x) => x.w).join('');
  if (!READ_RE.test(before)) return undefined;
  const who = classifyNP(ctx, toks.slice(k, n - 2));
  return who.kind === 'person' && who.name ? who : undefined;
}
