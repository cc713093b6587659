/** Quotations, masked brackets and sentence ends of a folded paragraph. */

import type { Quote } from './types.ts';

const OPEN_CLOSE: Record<string, string> = { '“': '”', '「': '」', '『': '』' };

const CLOSERS = new Set(['”', '」', '』']);

/**
 * Top-level quotations of a paragraph, and closing marks that close nothing (an opening mark the
 * writer left out: 茂木敏充还指出：我们认为…协议。”). Nested quotations stay inside their outer one.
 */
export function findQuotes(f: string): { quotes: Quote[]; orphans: number[] } {
  const quotes: Quote[] = [];
  const orphans: number[] = [];
  const stack: string[] = [];
  let open = -1;
  for (let i = 0; i < f.length; i++) {
    // Only quotation marks move the state: every other character is passed over at once.
    if (!isQuoteMark(f.charCodeAt(i))) continue;
    const c = f[i] as string;
    if (stack.length === 0) {
      if (OPEN_CLOSE[c] || c === '"') {
        stack.push(c);
        open = i;
      } else if (c === '”' && /[:：]$/.test(f.slice(0, i).trimEnd()) && f.indexOf('”', i + 1) > i + 1) {
        // 读出习近平的信件:”…”: a closing mark typed as the opening one, right after a colon.
        stack.push('“');
        open = i;
      } else if (c === '”' || c === '」') {
        orphans.push(i);
      }
      continue;
    }
    const top = stack[stack.length - 1] as string;
    const closer = top === '"' ? '"' : OPEN_CLOSE[top];
    if (c === closer) {
      stack.pop();
      if (stack.length === 0) quotes.push({ open, end: i + 1, innerStart: open + 1, innerEnd: i });
      continue;
    }
    if (c === top && c === '“' && stack.length === 1) {
      // “…回应。“ “应对…”: an opening mark after a full stop closes the quotation it ends.
      const prev = f.slice(open + 1, i).trimEnd().slice(-1);
      if (/[。！？!?…]/.test(prev)) {
        stack.pop();
        quotes.push({ open, end: i + 1, innerStart: open + 1, innerEnd: i });
        continue;
      }
    }
    if (OPEN_CLOSE[c] || c === '"' && top !== '"') stack.push(c);
    else if (CLOSERS.has(c) && stack.length > 1 && stack.includes(c === '”' ? '“' : c === '」' ? '「' : '『')) {
      while (stack.length > 1 && stack[stack.length - 1] !== (c === '”' ? '“' : c === '」' ? '「' : '『')) stack.pop();
      stack.pop();
    }
  }
  // A quotation still open at the paragraph's end runs to it (a long quotation over several paragraphs).
  if (stack.length > 0 && open >= 0 && stack[0] !== '"') quotes.push({ open, end: f.length, innerStart: open + 1, innerEnd: f.length });
  return { quotes, orphans };
}

/** “ ” 「 」 『 』 and ": the characters findQuotes reads. */
function isQuoteMark(c: number): boolean {
  return c === 0x201c || c === 0x201d || c === 0x300c || c === 0x300d || c === 0x300e || c === 0x300f || c === 0x22;
}

const BRACKETS_RE = /\([^()]*\)|〔[^〔〕]*〕|【[^【】]*】/g;

/** Brackets outside quotations become spaces: 长尾贤(Satoru Nagao)认为 reads 长尾贤 认为. */
export function maskBrackets(f: string, quotes: Quote[] = []): string {
  if (!f.includes('(') && !f.includes('〔') && !f.includes('【')) return f;
  // 林佳龙今(18)日表示 → 林佳龙今日    表示: the day stays one word (today), not 今 glued to the name.
  const days = f.replace(DAY_RE, (m, day: string, at: number) => (inQuote(quotes, at) ? m : `${day}日${' '.repeat(m.length - 2)}`));
  return days.replace(BRACKETS_RE, (m, at: number) => (inQuote(quotes, at) ? m : ' '.repeat(m.length)));
}

/** 今(18)日, 昨(17)日, 前(16)日, 明(19)日: a day written with its date in brackets (Taiwanese news). */
const DAY_RE = /([今昨前明])\(\d{1,2}\)日/gu;

function inQuote(quotes: Quote[], i: number): boolean {
  for (const q of quotes) if (i >= q.open && i < q.end) return true;
  return false;
}

/** The quotation that opens at `i`, if one does. */
export function quoteAt(quotes: Quote[], i: number): Quote | undefined {
  for (const q of quotes) if (q.open === i) return q;
  return undefined;
}

/** Whether a paragraph is nothing but quotations (and punctuation between them). */
export function onlyQuotes(f: string, quotes: Quote[]): boolean {
  let rest = '';
  let at = 0;
  for (const q of quotes) {
    rest += f.slice(at, q.open);
    at = q.end;
  }
  rest += f.slice(at);
  return /^[\s\p{P}]*$/u.test(rest);
}

const SENTENCE_END_RE = /[。！？!?；;]/;
const SENTENCE_TAIL_RE = /[。！？!?”」』\s]/;

/** End of the sentence starting at `start`: after 。！？； outside quotations, or after a quotation ending one. */
export function sentenceEnd(f: string, start: number, quotes: Quote[]): number {
  let i = start;
  while (i < f.length) {
    const q = quotes.length > 0 ? quoteAt(quotes, i) : undefined;
    if (q) {
      const inner = f.slice(q.innerStart, q.innerEnd).trimEnd();
      i = q.end;
      // “…。”据分析… : a quotation that ends with a full stop ends its sentence unless a comma follows.
      if (/[。！？!?]$/.test(inner)) {
        let k = i;
        while (f[k] === ' ') k++;
        if (!/[，,、:：)）]/.test(f[k] ?? '') && !quoteAt(quotes, k)) return i;
      }
      continue;
    }
    const c = f[i] as string;
    i++;
    if (SENTENCE_END_RE.test(c)) {
      while (SENTENCE_TAIL_RE.test(f[i] ?? '') && !quoteAt(quotes, i)) i++;
      return i;
    }
  }
  return f.length;
}
