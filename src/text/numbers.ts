/**
 * Numbers as Chinese news writes them: 5,500亿 and 5500亿, 三千亿 and 3000亿, 一四一亿 and 141亿,
 * 卅六 and 36. Text is matched as written; the query's numbers are given in every spelling instead
 * (numberForms), so nothing in the index changes.
 */

const DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const TENS: Record<string, number> = { 廿: 20, 卅: 30 };
const CN_DIGITS = '〇一二三四五六七八九';

/** A run of Chinese numerals (digits, 十百千万亿, 廿卅). */
export const CN_NUMERAL = '[〇零一二两三四五六七八九十廿卅百千万亿]';
/** A number as written in the text: Arabic with separators and decimals, or Chinese numerals. */
export const NUMBER_SOURCE = String.raw`(?:\d+(?:[.,]\d+)*|${CN_NUMERAL}+)`;

/**
 * The value of a run of Chinese numerals: positional (三千, 一百四十一, 卅六) or digit by digit
 * (一四一, 二〇二五). undefined for anything else.
 */
export function chineseNumberValue(s: string): number | undefined {
  if (!s || !new RegExp(`^${CN_NUMERAL}+$`, 'u').test(s)) return undefined;
  // Digit by digit: only digits, two or more of them (一四一, 二〇二五).
  if (s.length >= 2 && [...s].every((c) => c in DIGIT)) return Number([...s].map((c) => DIGIT[c]).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of s) {
    if (c in DIGIT) digit = DIGIT[c] as number;
    else if (c in TENS) section += TENS[c] as number;
    else if (c in SMALL_UNIT) {
      section += (digit || 1) * (SMALL_UNIT[c] as number);
      digit = 0;
    } else if (c === '万' || c === '亿') {
      total = (total + section + digit) * (c === '万' ? 1e4 : 1e8);
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

/** Positional Chinese numerals for a whole number below 10^4 (三千, 一百零二, 十五). */
function positional(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e4) return '';
  if (n === 0) return '零';
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i] as string;
    if (d === 0) {
      zero = out.length > 0;
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (CN_DIGITS[d] as string) + unit;
  });
  // 一十五 is written 十五.
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** 5500 → 5,500 (the thousands separators Taiwan and Hong Kong outlets write). */
function grouped(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Every spelling of a number a text may use, for a number as typed (Arabic or Chinese, with or
 * without separators; a decimal stays Arabic): 5500 → 5500, 5,500, 五千五百; 141 → 一百四十一, 一四一.
 */
export function numberForms(written: string): string[] {
  const forms = new Set<string>([written]);
  let value: number | undefined;
  if (/^\d+(?:,\d{3})*$/.test(written)) value = Number(written.replace(/,/g, ''));
  else if (/^\d+(?:,\d{3})*\.\d+$/.test(written)) {
    forms.add(written.replace(/,/g, ''));
    return [...forms];
  } else value = chineseNumberValue(written);
  if (value === undefined || !Number.isFinite(value)) return [...forms];
  const plain = String(value);
  forms.add(plain);
  if (value >= 1000) forms.add(grouped(plain));
  const cn = positional(value);
  if (cn) forms.add(cn);
  // Digit by digit for numbers of three or more digits (一四一亿, 二〇二五年).
  if (plain.length >= 3) forms.add([...plain].map((d) => CN_DIGITS[Number(d)]).join(''));
  return [...forms];
}
