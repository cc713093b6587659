/** The shapes shared by the statement extractor: what it returns, and its tokens, quotations, subjects and per-paragraph state. */

import type { ArticleTags } from './tagging.ts';

export interface RawStatement {
  /** The speaker's name as written (simplified, Latin case kept), titles split off. */
  speaker: string;
  /** The title written before (or after) the name: 日本首相, 外相, 总统… */
  role?: string;
  /** What was said, whole, as written in the article. */
  text: string;
  /** True for a quotation in quotation marks, false for reported speech. */
  direct: boolean;
  /** Index into articleParagraphs(article). */
  paragraph: number;
  /** A person's statement, or what a news outlet reported (据共同社报道…). */
  kind: 'person' | 'outlet';
}

/** A person the article names, with the title it gives them there (if any). */
export interface PersonMention {
  name: string;
  role?: string;
  paragraph: number;
}

export interface ArticleAnalysis {
  statements: RawStatement[];
  people: PersonMention[];
}

export type Cls =
  | 'name' // a name: known in the article, or name-like to jieba
  | 'role'
  | 'speech'
  | 'weak'
  | 'pron'
  | 'de'
  | 'ppstart'
  | 'ppend'
  | 'objprep'
  | 'with'
  | 'ju' // 据 / 根据
  | 'notsaid'
  | 'adv'
  | 'time'
  | 'verb'
  | 'noun'
  | 'comma'
  | 'colon'
  | 'dun' // 、
  | 'punct'
  | 'sp'
  | 'le' // 了 / 道 / 一句 after a verb
  | 'quote'
  | 'book' // 《…》
  | 'other';

export interface Tok {
  /** Folded form. */
  w: string;
  /** jieba's tag ('name!' for a name forced from the article's known names). */
  tag: string;
  cls: Cls;
  /** Offsets in the paragraph. */
  s: number;
  e: number;
  quote?: Quote;
}

export interface Quote {
  open: number;
  /** Offset after the closing mark (the paragraph's end when the quote is never closed). */
  end: number;
  innerStart: number;
  innerEnd: number;
}

export interface Subject {
  kind: 'person' | 'outlet' | 'pron' | 'title' | 'group' | 'other';
  name?: string;
  role?: string;
  /** A group of named people speaking together (特朗普和刘鹤都认为…): each of them said it. */
  members?: Subject[];
}

export interface Ctx {
  known: Set<string>;
  /** Known names, longest first, as one alternation. */
  knownRe: RegExp | undefined;
  /** Title → names the article gives with that title (for a bare 首相). */
  holders: Map<string, Set<string>>;
  lastOutlet: string | undefined;
  /** The person whose quotation closed the previous paragraph. */
  carry: Subject | undefined;
  /** The speaker of a transcript's answer (汪文斌：…) that a first-person paragraph (我还要指出…) goes on with. */
  transcript: Subject | undefined;
  /** The one person the previous paragraph was about (its last subject, and nobody else named), for a 他说 that opens this one. */
  paraPerson: Subject | undefined;
  original: string;
  folded: string;
  /** jieba's tags for this article. */
  tags: ArticleTags;
}

export interface ParaState {
  /** The last named subject in this paragraph (a person), for 他/她/该官员. */
  lastSubject: Subject | undefined;
  /** The person whose statement ended the previous sentence, for a run of quotations. */
  prevSentencePerson: Subject | undefined;
  /** A colon's quotation closed by an orphan mark ran to here: sentences before it are consumed. */
  skipTo: number;
  /** The person of the last quotation given to someone, and where that quotation ends. */
  lastQuoteBy: Subject | undefined;
  lastQuoteEnd: number;
  /** The next sentence's tokens, when this one looked ahead for its speaker (they are not cut twice). */
  peeked: { start: number; end: number; items: Tok[] } | undefined;
}

export interface Clause {
  toks: Tok[];
  /** The comma, colon or semicolon that ends it (undefined at the sentence's end). */
  delim: Tok | undefined;
}

export interface Open {
  speaker: Subject;
  /** Offset where the words said begin. */
  from: number;
  /** A person name inside the words said so far (a later 他 may be that person). */
  sawName: boolean;
}
