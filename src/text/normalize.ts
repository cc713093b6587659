import * as OpenCC from 'opencc-js';

/**
 * Folds text for matching without changing its length, so that offsets found in the folded
 * text are offsets in the original (the front ends highlight the original, as written).
 * - Full-width forms to half-width (NFKC on U+3000 and U+FF01–U+FFEF): ＴＰＰ/１０月 become TPP/10月.
 * - Traditional to simplified (OpenCC): 駐日美軍 finds 驻日美军.
 * - Latin case folded: tpp finds TPP.
 */
export function fold(text: string): string {
  // The same paragraph is often folded by several stages in a row (sentences, dates, words): keep the last few.
  for (const entry of recent) if (entry[0] === text) return entry[1];
  const out = foldUncached(text);
  recent[next] = [text, out];
  next = (next + 1) % recent.length;
  return out;
}

const recent: [string, string][] = [['', ''], ['', ''], ['', ''], ['', '']];
let next = 0;

function foldUncached(text: string): string {
  // NFKC on the whole text would also rewrite ㈱ or ①, changing lengths; full-width forms map 1:1.
  const half = text.replace(/[\u3000\uFF01-\uFFEF]/g, (c) => {
    const n = c.normalize('NFKC');
    return n.length === 1 ? n : c;
  });
  // ASCII only: toLowerCase on other scripts can change the length (İ → i̇).
  return toSimplified(half).replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

let converter: ((s: string) => string) | undefined;

function toSimplified(text: string): string {
  // Only text with a CJK character can need conversion.
  if (!/[\u3400-\u9FFF\uF900-\uFAFF]/.test(text)) return text;
  // The Hong Kong preset also maps the Taiwan variants seen in the corpus (臺, 裏, 爲) and is the fastest of the three.
  const convert = (converter ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));
  const out = convert(text);
  if (out.length === text.length) return out;
  // A phrase rule changed the length: convert one character at a time instead.
  let safe = '';
  for (const ch of text) {
    const c = convert(ch);
    safe += c.length === ch.length ? c : ch;
  }
  return safe;
}
