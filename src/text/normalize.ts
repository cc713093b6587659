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

/**
 * Traditional to simplified, length kept. The text is converted clause by clause, cut at marks
 * no rule's source contains (，。 and the like: no rule can match across one), so that only the
 * clauses with a character some rule rewrites go through the converter.
 */
export function toSimplified(text: string): string {
  if (!mayConvert(text)) return text;
  const cuts = separators();
  if (!cuts) return convertWhole(text);
  let out = '';
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !cuts.has(text.charCodeAt(i))) continue;
    const piece = text.slice(start, i);
    out += mayConvert(piece) ? convertWhole(piece) : piece;
    if (i < text.length) out += text[i];
    start = i + 1;
  }
  return out;
}

function convertWhole(text: string): string {
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

// The preset Converter({ from: 'hk', to: 'cn' }) runs (opencc-js picks it by that name).
const PRESET = 'hk2s';
interface Rules {
  /** Characters at which some rule changes its source. */
  bmp: Uint8Array;
  astral: Set<number>;
  /** Every character of every rule's source. */
  sourceChars: Set<string>;
}
let triggers: Rules | undefined | null;

function rules(): Rules | null {
  if (triggers === undefined) triggers = triggerCharacters();
  return triggers;
}

// Clause and sentence marks a text may be cut at, when no rule's source holds them.
const CUT_CANDIDATES = '，。、；：！？,.;:!?\n\t 「」『』“”（）()《》…';
let cutSet: Set<number> | undefined | null;

function separators(): Set<number> | null {
  if (cutSet !== undefined) return cutSet;
  const known = rules();
  cutSet = known ? new Set([...CUT_CANDIDATES].filter((c) => !known.sourceChars.has(c)).map((c) => c.charCodeAt(0))) : null;
  return cutSet;
}

/**
 * Whether the converter could change the text: only a rule whose source differs from its result
 * changes anything, and only where the text holds one of the characters that differ. A text
 * without any of them comes out of every rule of the chain unchanged.
 */
export function mayConvert(text: string): boolean {
  const known = rules();
  if (!known) return /[\u3400-\u9FFF\uF900-\uFAFF\u{20000}-\u{3FFFF}]/u.test(text);
  const { bmp, astral } = known;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const cp = text.codePointAt(i) as number;
      if (astral.has(cp)) return true;
      i++;
    } else if (bmp[c]) {
      return true;
    }
  }
  return false;
}

/** The characters at which some rule of the preset changes its source (every character of a rule that changes the length). */
function triggerCharacters(): Rules | null {
  const config: unknown = OpenCC.Locale.configs[PRESET];
  if (!config || typeof config !== 'object') return null;
  const bmp = new Uint8Array(0x10000);
  const astral = new Set<number>();
  const sourceChars = new Set<string>();
  const mark = (ch: string): void => {
    const cp = ch.codePointAt(0) as number;
    if (cp > 0xffff) astral.add(cp);
    else bmp[cp] = 1;
  };
  const rule = (from: string, to: string): void => {
    const a = [...from];
    const b = [...to];
    for (const ch of a) sourceChars.add(ch);
    a.forEach((ch, i) => {
      if (a.length !== b.length || ch !== b[i]) mark(ch);
    });
  };
  // Dictionaries come as "from to|from to" strings or as [from, to] pairs, nested in groups and chains.
  const walk = (d: unknown): void => {
    if (typeof d === 'string') {
      if (!d.includes(' ')) return;
      for (const line of d.split('|')) {
        const [from = '', to = ''] = line.split(' ');
        rule(from, to);
      }
    } else if (Array.isArray(d)) {
      const [from, to] = d as unknown[];
      if (d.length === 2 && typeof from === 'string' && typeof to === 'string' && !from.includes(' ') && !to.includes(' ')) rule(from, to);
      else for (const x of d) walk(x);
    } else if (d && typeof d === 'object') {
      for (const x of Object.values(d)) walk(x);
    }
  };
  walk(config);
  return bmp.some((x) => x === 1) ? { bmp, astral, sourceChars } : null;
}
