import { fold } from '../text/normalize.ts';
import type { Precision } from './types.ts';

/**
 * Dates written in Chinese news text, resolved against the article's publication date.
 * Pure and synchronous: the index resolves every paragraph once, at build time.
 *
 * Resolution rules (the ones a reader applies without thinking):
 * - A full date (2019年12月3日, 二〇二七年, 2021-11-11, 民国110年, 令和3年) is what it says.
 * - Month-day without a year (11月10日, 12月): the publication's year, or the year before when
 *   that date would fall after publication (by more than 3 days, or 2 months for a month-only
 *   mention) and nothing in its clause speaks of the future. A clause that does (将, 计划, 预计,
 *   可能…) keeps an upcoming date in the publication's year, and moves a date that has just passed
 *   this year to next year when that is at most 4 months ahead (将在1月20日入主白宫, written in
 *   November 2020, is 2021-01-20).
 * - A bare day (24日): the most recent such day on or before publication, with a day's slack for
 *   the clock (24日 in an article of 11 November is 24 October); a day up to 10 days ahead when
 *   its clause announces it (计划14日回国); the month of an earlier full date in the same text when
 *   it continues that account within a week (10月15日…持续至16日).
 * - 今年/去年/明年/前年, 本月/上月/下月, 本周/上周/下周, 今天/昨天/前天/明天 and 今(13)日, 昨天(23号),
 *   今天(7/20): counted from the publication day. Weeks run Monday to Sunday and are given as
 *   their month: a week is not a day the text names.
 * - 稍早/日前/近日/早前: the publication day, marked approximate.
 * - A weekday next to a date (5月24日(周五)) picks, among the possible years or months, the one
 *   where that day is that weekday; a bare weekday (周五) is the nearest such day to publication,
 *   the past preferred.
 * - 2021年度, 2022财年, 2027日本财年, 今年度, 本财年: a fiscal year (Japan's runs April to March),
 *   kept as the year with fiscal set. 20世纪60年代, 90年代: a decade.
 * - Ranges (2日至4日, 2017年至2021年, 从今天到29日, 2021年度起5年间) keep their end in `range`;
 *   open bounds (2021年度以后, 自1969年以来, 到2026年, 2035年前, 年内) are marked `bound`, and so is
 *   the date of a step the clause's event follows (上月就职后…首次正式会谈, 8月10日上任后首度…).
 * Not dates: wire codes (共同社1117日电), amounts (20日元), ordinals (第2日), numbers in a title
 * (《2050年蓝色太平洋大陆战略》), and relative days inside quotation marks (a speaker's 今天 is the
 * day of the speech, not of the article).
 */

export interface DateMention {
  /** [start, end) of the expression in the text, in UTF-16 code units. */
  start: number;
  end: number;
  /** 'YYYY-MM-DD', 'YYYY-MM', 'YYYY', or 'YYYYs' for a decade; the start of a range. */
  date: string;
  precision: Precision;
  /** The end of a span (2日至4日, 2017年至2021年). */
  range?: { date: string; precision: Precision } | undefined;
  /** One side of an open span: from (2021年度起, 自1969年以来) or until (到2026年, 2035年前, 年内). */
  bound?: 'from' | 'until' | undefined;
  /** A fiscal year (2021年度, 2022财年), kept as its year: Japan's runs April to March. */
  fiscal?: boolean | undefined;
  /** Resolved against the publication date rather than written in full. */
  relative?: boolean | undefined;
  /** Only about the given date (稍早, 日前, 近日): the text names no day. */
  approximate?: boolean | undefined;
}

/**
 * The clock of the publication day: the outlet's own. Most Chinese-language outlets date their
 * pages in East Asian time (Beijing, Taipei, Hong Kong, Singapore: UTC+8), so that is the default;
 * those whose newsroom sits elsewhere (RFI in Paris, VOA in Washington, NHK-style Tokyo sites…)
 * date theirs, and mean their 今天, on their own clock. An article stamped 21:15 UTC on 2 Feb is
 * 2 Feb in Paris and already 3 Feb in Beijing.
 */
export const DEFAULT_PUBLICATION_ZONE = 'Asia/Shanghai';

// Host suffix → the newsroom's time zone; the longest matching suffix wins (hk.epochtimes.com is
// Hong Kong, epochtimes.com New York). A class: outlets whose home clock is not UTC+8.
const OUTLET_ZONES: ReadonlyArray<readonly [string, string]> = [
  ['rfi.fr', 'Europe/Paris'],
  ['france24.com', 'Europe/Paris'],
  ['bbc.com', 'Europe/London'],
  ['bbc.co.uk', 'Europe/London'],
  ['ftchinese.com', 'Europe/London'],
  ['dw.com', 'Europe/Berlin'],
  ['swissinfo.ch', 'Europe/Zurich'],
  ['sputniknews.cn', 'Europe/Moscow'],
  ['voachinese.com', 'America/New_York'],
  ['voanews.com', 'America/New_York'],
  ['rfa.org', 'America/New_York'],
  ['ntdtv.com', 'America/New_York'],
  ['epochtimes.com', 'America/New_York'],
  ['hk.epochtimes.com', 'Asia/Hong_Kong'],
  ['worldjournal.com', 'America/New_York'],
  ['nytimes.com', 'America/New_York'],
  ['cn.nytimes.com', 'America/New_York'],
  ['wsj.com', 'America/New_York'],
  ['creaders.net', 'America/New_York'],
  ['ktsf.com', 'America/Los_Angeles'],
  ['nippon.com', 'Asia/Tokyo'],
  ['nikkei.com', 'Asia/Tokyo'],
  ['kantsuu.com', 'Asia/Tokyo'],
  ['jpichiban.com', 'Asia/Tokyo'],
  ['.jp', 'Asia/Tokyo'],
  ['yna.co.kr', 'Asia/Seoul'],
  ['.kr', 'Asia/Seoul'],
];

/** The time zone an outlet dates its pages in, from its article's URL (UTC+8 when unknown). */
export function outletZone(url: string | undefined): string {
  let host = '';
  try {
    host = url ? new URL(url).hostname.toLowerCase().replace(/\.$/, '') : '';
  } catch {
    return DEFAULT_PUBLICATION_ZONE;
  }
  let best: readonly [string, string] | undefined;
  for (const entry of OUTLET_ZONES) {
    const suffix = entry[0];
    const matches = suffix.startsWith('.') ? host.endsWith(suffix) : host === suffix || host.endsWith(`.${suffix}`);
    if (matches && (!best || suffix.length > best[0].length)) best = entry;
  }
  return best ? best[1] : DEFAULT_PUBLICATION_ZONE;
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (as days since 1970-01-01) of an instant on a zone's clock. */
function localEpochDay(ms: number, zone: string): number {
  let format = dayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return Math.round(Date.UTC(get('year'), get('month') - 1, get('day')) / DAY_MS);
}

/** The publication day as 'YYYY-MM-DD' on the outlet's clock (given its URL), or undefined for an unreadable timestamp. */
export function publicationDay(publishedAt: string, url?: string): string | undefined {
  const p = pubOf(publishedAt, outletZone(url));
  return p ? formatDay(p.y, p.m, p.d) : undefined;
}

/** A date that can place an event: a point or the start of a span, not a fiscal year, an open bound or an approximation. */
export function isAnchor(m: DateMention): boolean {
  return !m.fiscal && !m.bound && !m.approximate;
}

const PRECISION_RANK: Record<Precision, number> = { day: 3, month: 2, year: 1, decade: 0 };

/** Higher is more specific: day 3, month 2, year 1, decade 0. */
export function precisionRank(p: Precision): number {
  return PRECISION_RANK[p];
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on whole days (UTC midnights), so that no local time zone leaks in.

const DAY_MS = 86_400_000;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

interface Pub extends Ymd {
  /** Days since 1970-01-01. */
  day: number;
  /** 0 Monday … 6 Sunday. */
  dow: number;
}

function epochDay(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function fromEpochDay(n: number): Ymd {
  const t = new Date(n * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function mondayBased(day: number): number {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return (((day + 3) % 7) + 7) % 7;
}

function pubOf(publishedAt: string, zone: string = DEFAULT_PUBLICATION_ZONE): Pub | undefined {
  const ms = Date.parse(publishedAt);
  if (!Number.isFinite(ms)) return undefined;
  const day = localEpochDay(ms, zone);
  const { y, m, d } = fromEpochDay(day);
  if (y < 1000 || y > 9999) return undefined;
  return { y, m, d, day, dow: mondayBased(day) };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const formatDay = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** A resolved point: a year, a month or a day (or a decade's first year). */
interface Point {
  y: number;
  m?: number;
  d?: number;
  decade?: boolean;
}

function format(p: Point): { date: string; precision: Precision } {
  if (p.decade) return { date: `${p.y}s`, precision: 'decade' };
  if (p.m === undefined) return { date: String(p.y), precision: 'year' };
  if (p.d === undefined) return { date: `${p.y}-${pad(p.m)}`, precision: 'month' };
  return { date: formatDay(p.y, p.m, p.d), precision: 'day' };
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const MIN_YEAR = 1800;
const MAX_YEAR = 2199;

// ---------------------------------------------------------------------------------------------
// Numbers: Arabic (fold() has already made full-width digits half-width) and Chinese numerals.

const CN_DIGITS: Record<string, number> = { 〇: 0, '○': 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 24, 二十四, 十一, 二〇二七 (digit by digit) → the number; NaN when unreadable. */
function num(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 4 && [...s].every((c) => c in CN_DIGITS)) {
    return [...s].reduce((acc, c) => acc * 10 + (CN_DIGITS[c] ?? 0), 0);
  }
  const ten = s.indexOf('十');
  if (ten === -1) return s.length === 1 ? (CN_DIGITS[s] ?? NaN) : NaN;
  const tens = ten === 0 ? 1 : (CN_DIGITS[s.slice(0, ten)] ?? NaN);
  const unit = ten === s.length - 1 ? 0 : (CN_DIGITS[s.slice(ten + 1)] ?? NaN);
  return tens * 10 + unit;
}

// ---------------------------------------------------------------------------------------------
// The expressions, matched on fold()ed text (same length as the original, so offsets carry over).

const CN = '〇○零一二三四五六七八九';
const MONTH = '(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const DAY = '(?:3[01]|[12]\\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])';
// A day standing alone in Chinese numerals needs two characters: 一日/三日 are also "one day"/"three days".
const DAY_ALONE = '(?:3[01]|[12]\\d|0?[1-9]|[二三]十[一二三四五六七八九]?|十[一二三四五六七八九])';
const WD = '[一二三四五六日天]';
const YEAR =
  `(?:(?<y>(?<!\\d)(?:1[89]|2[01])\\d\\d)|(?<yc>[${CN}]{4})|(?<yr>今|去|明|前|后|本)` +
  `|民国(?<roc>\\d{1,3})|(?<era>令和|平成|昭和)(?<eray>\\d{1,2}|元))`;

type Kind = 'iso' | 'ymd' | 'fiscal' | 'md' | 'slash' | 'relmonth' | 'd' | 'relday' | 'anaphor' | 'approx' | 'week' | 'weekday' | 'decade' | 'yearpart';

const RULES: readonly [Kind, RegExp][] = [
  ['iso', /(?<![\d.])(?<y>(?:1[89]|2[01])\d\d)(?<s>[-/.])(?<m>\d{1,2})\k<s>(?<d>\d{1,2})(?![\d.])/gu],
  ['fiscal', /(?<y>(?<!\d)(?:1[89]|2[01])\d\d)(?:日本)?(?:财政年度|会计年度|财年)|(?<yr>本|今|上|下|明|去)个?(?:财政年度|会计年度|财年)/gu],
  ['ymd', new RegExp(`${YEAR}年(?:(?<du>度)|\\s?(?<m>${MONTH})月份?(?:\\s?(?<d>${DAY})[日号])?)?`, 'gu')],
  ['md', new RegExp(`(?<![\\d${CN}十第每])(?<m>${MONTH})月份?(?:\\s?(?<d>${DAY})[日号])?(?![球亮光])`, 'gu')],
  // 上月25日, and the month written out in brackets: 上(9)月27日, 本(10)月1日.
  ['relmonth', new RegExp(`(?<mp>本|这|上|下)个?(?:\\(\\s?(?<pm>1[0-2]|0?[1-9])\\s?\\))?月(?:\\s?(?<d>${DAY})[日号])?(?![球亮光])`, 'gu')],
  // Month/day without a year (7/9, 11/10晚间), as Taiwanese and Hong Kong outlets write it; not a fraction (1/3的) or a score.
  ['slash', /(?<![\d/.:a-z])(?<m>1[0-2]|0?[1-9])\/(?<d>3[01]|[12]\d|0?[1-9])(?![\d/.%:a-z])/gu],
  // A day given by the account before it: 当天/当日/同日 (that day), 翌日/次日/隔天 (the next), 前一天/前日 (the one before).
  ['anaphor', /当天|当日|同日|同天|翌日|次日|隔天|隔日|第二天|前一天|前日/gu],
  // A sentence that opens with a time of day (下午，石破茂…当选; 当晚，…) goes on with the day the account has reached.
  ['anaphor', /(?<=(?:^|[。！？!?；;])\s*)(?:上午|下午|中午|傍晚|晚间|晚上|当晚|凌晨|深夜|早上|清晨)(?=\s*[,，])/gu],
  ['d', new RegExp(`(?<![\\d${CN}十第每月/.])(?<d>${DAY_ALONE})日(?![元圆币内])`, 'gu')],
  // A one-character day (一日…九日) is a day only where a subject's act follows it (川普一日突然推文宣布, 他三日晚间表示): alone it is "one day".
  ['d', new RegExp(`(?<d>[一二三四五六七八九])日(?=(?:晚间|晚上|上午|下午|凌晨|早上|中午|深夜)?(?:突然|正式|也|再|在|于|表示|宣布|说|称|指出|发表|发布|召开|举行|抵达|前往|会见|会晤|访问|出席|签署|公布|通过|批准|致电|举办|推文|晚|起))`, 'gu')],
  [
    'relday',
    /(?<w>今天|今日|今晨|今早|今晚|昨天|昨日|昨晚|昨晨|前天|明天|明日|明晚|后天|今|昨|明)(?:\s?\(\s?(?:(?<pm>\d{1,2})(?:\/|月)(?<pd>\d{1,2})[日号]?|(?<pd2>\d{1,2})[日号]?)\s?\)[日号]?)?/gu,
  ],
  ['approx', /稍早|日前|近日|早前/gu],
  ['week', new RegExp(`(?<wp>本|这|上|下)个?(?:周|星期|礼拜)(?<wd>${WD})?`, 'gu')],
  ['weekday', new RegExp(`(?<![每\\d${CN}十本这上下个])(?:星期|礼拜|周)(?<wd>${WD})`, 'gu')],
  [
    'decade',
    /(?:(?<c>\d{2}|十九|二十|二十一)世纪)?(?<![\d])(?<dec>[1-9]0|[一二三四五六七八九]十)年代|(?<![\d])(?<dy>(?:1[89]|2[01])\d0)年代/gu,
  ],
  ['yearpart', new RegExp(`(?<![\\d${CN}十年今去明前后本])年(?<yp>内|底|末|初)`, 'gu')],
];

interface Hit {
  kind: Kind;
  start: number;
  end: number;
  g: Record<string, string | undefined>;
  /** A weekday written next to the date (0 Monday … 6 Sunday). */
  weekday?: number;
}

const COUNTRY_AFTER = /^[本美中韩俄英法德印澳朝台欧菲越的之]/;
// 本年/本月/本周 unless 本 ends another word: 日本周边, 日本年度预算, 基本月薪, 成本, 一本周刊.
const BEN_WORD = /[日基根资成版样剧课文原书账脚标范副读话绘抄蓝老血一二两三四五六七八九十几每这那]$/;
const FREE_BEFORE = { test: (before: string): boolean => !BEN_WORD.test(before) };

/** Rejects matches that only look like dates in their context. */
function plausible(kind: Kind, f: string, start: number, end: number, g: Record<string, string | undefined>): boolean {
  const before = f.slice(Math.max(0, start - 2), start);
  const after = f.slice(end, end + 2);
  const head = f.slice(start, start + 1);
  switch (kind) {
    case 'ymd':
      if (g.yr === '本' && !FREE_BEFORE.test(before)) return false;
      if (g.yr === '今' && (before.endsWith('如') || (!g.m && !g.du && after.startsWith('轻')))) return false; // 如今年轻人
      if (g.yr === '后' && /[之以最然]$/.test(before)) return false; // 之后年…
      if (g.yr === '前' && /[\d之以]$/.test(before)) return false; // 5年前年…
      return true;
    case 'fiscal':
      return g.yr === undefined || g.yr !== '本' || FREE_BEFORE.test(before);
    case 'relmonth':
      // 日本月球车 (登上月球 is caught by the rule's own 月球 look-ahead; 拜登上月 is a month).
      return head !== '本' || FREE_BEFORE.test(before);
    case 'relday': {
      const w = g.w ?? '';
      const paren = g.pd !== undefined || g.pd2 !== undefined;
      if ((w === '今' || w === '昨' || w === '明') && !paren) return false; // 今 alone is "now"; only 今(13)日 is a day
      if (/^[今明昨]日$/.test(w) && !paren && (COUNTRY_AFTER.test(after) || before.endsWith('如'))) return false; // 至今日本, 今日的乌克兰
      if (/天$/.test(w) && after.startsWith('皇')) return false; // 前天皇 = the former emperor
      return true;
    }
    case 'approx': {
      const w = f.slice(start, end);
      if (w === '日前' && /[\d一二三四五六七八九十节生假今昨明每当某末平工念周前月]$/.test(before)) return false; // 17日前, 节日前
      if (w === '近日' && COUNTRY_AFTER.test(after)) return false; // 最近日本
      return true;
    }
    case 'week':
      if (head === '本' && !FREE_BEFORE.test(before)) return false; // 日本周边
      if (!g.wd && /^[边围年期刊全到旋转知密详济末]/.test(after)) return false;
      return true;
    case 'weekday':
      if (g.wd === '日' && after.startsWith('本')) return false; // 周日本… is 周 + 日本
      return true;
    case 'd':
      // 一日…九日 (the rule above): after a Han character that is no numeral or 第/每/这/那/有/同 (第一日, 有一日).
      if ((g.d ?? '').length === 1 && /[一二三四五六七八九]/.test(g.d ?? '')) return /\p{sc=Han}$/u.test(before) && !/[〇○零一二三四五六七八九十第每月这那有同]$/.test(before);
      return true;
    case 'slash':
      // A share (1/3的, 2/3以上), a score or a ratio is no date.
      return !/^[的之比倍以多左强]/.test(after) && !/[第约近逾超占达为分以]$/.test(before);
    case 'anaphor': {
      const w = f.slice(start, end);
      if (w === '前日' && (COUNTRY_AFTER.test(after) || /[\d一二三四五六七八九十节生假]$/.test(before))) return false; // 前日本首相, 节前日
      if (w === '当日' && COUNTRY_AFTER.test(after)) return false;
      return true;
    }
    default:
      return true;
  }
}

function collect(f: string): Hit[] {
  const hits: Hit[] = [];
  for (const [kind, re] of RULES) {
    re.lastIndex = 0;
    for (const m of f.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) continue;
      const g: Record<string, string | undefined> = { ...(m.groups ?? {}) };
      if (kind === 'week' && g.wd === '日' && f.startsWith('本', end)) {
        // 上周日本首相: the week, then 日本.
        g.wd = undefined;
        if (!plausible(kind, f, start, end - 1, g)) continue;
        hits.push({ kind, start, end: end - 1, g });
        continue;
      }
      if (!plausible(kind, f, start, end, g)) continue;
      hits.push({ kind, start, end, g });
    }
  }
  // Earliest first, then longest: 2019年12月3日 wins over the 12月3日 inside it.
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: Hit[] = [];
  let reach = 0;
  for (const h of hits) {
    if (h.start < reach) continue;
    out.push(h);
    reach = h.end;
  }
  return out;
}

const WEEKDAY_INDEX: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6 };

/** 周五 written in brackets next to a date, or a date in brackets next to 星期五: one mention. */
function attachWeekdays(f: string, hits: Hit[]): Hit[] {
  const out: Hit[] = [];
  const hasDay = (h: Hit): boolean => h.kind === 'iso' || h.kind === 'd' || (h.g.d !== undefined && (h.kind === 'ymd' || h.kind === 'md'));
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i] as Hit;
    const next = hits[i + 1];
    // 5月24日(周五)
    if (hasDay(h)) {
      const m = /^\s?\(\s?(?:星期|礼拜|周)([一二三四五六日天])\s?\)/u.exec(f.slice(h.end));
      if (m) {
        const end = h.end + m[0].length;
        out.push({ ...h, end, weekday: WEEKDAY_INDEX[m[1] ?? ''] ?? -1 });
        // Drop the weekday hit swallowed by the brackets.
        while (hits[i + 1] && (hits[i + 1] as Hit).start < end) i++;
        continue;
      }
    }
    // 星期五(2月4日), 周三(29日)
    if (h.kind === 'weekday' && next && hasDay(next)) {
      const between = f.slice(h.end, next.start);
      const close = /^\s?\)/.exec(f.slice(next.end));
      if (/^\s?\(\s?$/.test(between) && close) {
        out.push({ ...next, start: h.start, end: next.end + close[0].length, weekday: WEEKDAY_INDEX[h.g.wd ?? ''] ?? -1 });
        i++;
        continue;
      }
    }
    out.push(h);
  }
  return out;
}

// Words that put a clause in the future: a date in it may lie ahead of publication.
const FUTURE_RE = /将|计划|预计|预定|预料|预期|拟|准备|即将|有望|力争|打算|定于|届时|可能|会在|要在|下一|若|如果|一旦|能否/;
// A colon ends the clause too: what follows 他说： is someone else's time.
const CLAUSE_DELIM = /[,;:。!?\n]/;

/** The clause holding [start, end); only its part before the date when `beforeOnly`. */
function clauseAround(f: string, start: number, end: number, beforeOnly = false): string {
  let a = start;
  while (a > 0 && !CLAUSE_DELIM.test(f[a - 1] as string)) a--;
  if (beforeOnly) return f.slice(a, end);
  let b = end;
  while (b < f.length && !CLAUSE_DELIM.test(f[b] as string)) b++;
  return f.slice(a, b);
}

/** The sentence holding `start`, up to it. */
function sentenceBefore(f: string, start: number): string {
  let a = start;
  while (a > 0 && !/[。!?\n]/.test(f[a - 1] as string)) a--;
  return f.slice(a, start);
}

/** Where quotation marks and book-title brackets are open, position by position. */
function nesting(f: string): { quote: Uint8Array; title: Uint8Array } {
  const quote = new Uint8Array(f.length + 1);
  const title = new Uint8Array(f.length + 1);
  let q = 0;
  let ascii = false;
  let t = 0;
  for (let i = 0; i < f.length; i++) {
    const c = f[i] as string;
    if (c === '“' || c === '「' || c === '『' || c === '‘') q++;
    else if ((c === '”' || c === '」' || c === '』' || c === '’') && q > 0) q--;
    else if (c === '"') ascii = !ascii;
    else if (c === '《') t++;
    else if (c === '》' && t > 0) t--;
    quote[i + 1] = q > 0 || ascii ? 1 : 0;
    title[i + 1] = t > 0 ? 1 : 0;
  }
  return { quote, title };
}

// A dateline (中新网11月25日电 , 新华社东京9月29日电(记者…), 【…2022年12月17日讯】) dates the dispatch;
// an outlet's own reporting date (读卖新闻28日报道, 美联社1月14日的报道) the report: neither is an event of the story.
const DATELINE_AFTER = /^\s?(?:(?:专)?[电讯](?=[\s()（）【】\[\]/／—\-:：,，]|$)|综合外电报[导道]|综合报[导道])/u;
const REPORT_AFTER = /^\s?(?:则|也|又)?的?(?:报道|报导)/u;
// A source telling the news on a day (多名外交消息人士8日透露,岸田10日起…访问; 知情人士周二披露; 共同社16日引述): that day dates the telling, not the event.
const SOURCE_BEFORE = /(?:消息人士|知情人士|消息来源|媒体|新闻|日报|时报|[^日]报|通讯社|[^会公]社|电视台)\s?$/u;
const REVEALS_AFTER = /^\s?(?:则|也|又)?(?:透露|披露|引述|援引|爆料)/u;

/** Whether the mention in folded text dates a dispatch or an outlet's or a source's report rather than an event. */
export function datesTheReport(folded: string, m: DateMention): boolean {
  const after = folded.slice(m.end, m.end + 8);
  if (DATELINE_AFTER.test(after)) return true;
  if (m.approximate) return false;
  return REPORT_AFTER.test(after) || (REVEALS_AFTER.test(after) && SOURCE_BEFORE.test(folded.slice(Math.max(0, m.start - 8), m.start)));
}

// The reader's clock: kinds that count from "now", which inside a quotation is the speaker's now.
const DEICTIC: ReadonlySet<Kind> = new Set(['approx', 'week', 'weekday', 'relmonth']);

interface Resolved {
  point: Point;
  relative: boolean;
  fiscal?: boolean;
  approximate?: boolean | undefined;
}

interface Context {
  f: string;
  pub: Pub | undefined;
  /** The last full month-day seen before this hit (the account's reference time). */
  last: { y: number; m: number; d: number; explicitYear: boolean } | undefined;
  /** The month of the last written month or day (7月, 7月3日): a bare day later in the account may be of it. */
  lastMonth?: { y: number; m: number } | undefined;
  /** What earlier paragraphs of the same article left: 当天 and 翌日 may follow a day given there. */
  carry?: DateAccount | undefined;
}

/** The reference day an article's account has reached, carried from paragraph to paragraph (resolveDates' third argument). */
export interface DateAccount {
  last?: { y: number; m: number; d: number; explicitYear: boolean } | undefined;
}

/** Years 明年/去年… and the like, counted from the publication year. */
const YEAR_OFFSET: Record<string, number> = { 今: 0, 本: 0, 去: -1, 上: -1, 前: -2, 明: 1, 下: 1, 后: 2 };

function yearOf(g: Record<string, string | undefined>, pub: Pub | undefined): { y: number; relative: boolean } | undefined {
  if (g.y) return { y: Number(g.y), relative: false };
  if (g.yc) return { y: num(g.yc), relative: false };
  if (g.roc) return { y: Number(g.roc) + 1911, relative: false }; // 民国 (Taiwan's Republic era) year 1 is 1912
  if (g.era) {
    const n = g.eray === '元' ? 1 : Number(g.eray); // 元年 = the era's first year
    const base = g.era === '令和' ? 2018 : g.era === '平成' ? 1988 : 1925;
    return { y: base + n, relative: false };
  }
  if (g.yr !== undefined && pub) return { y: pub.y + (YEAR_OFFSET[g.yr] ?? 0), relative: true };
  return undefined;
}

/** The year of a month (and day) written without one. */
function yearForMonthDay(m: number, d: number | undefined, pub: Pub, future: boolean): number {
  if (d !== undefined) {
    const diff = validDay(pub.y, m, d) ? epochDay(pub.y, m, d) - pub.day : NaN;
    if (Number.isNaN(diff)) return pub.y;
    if (diff <= 3) {
      // Past this year; a future clause may mean early next year (将在1月20日入主白宫, in November).
      if (future && validDay(pub.y + 1, m, d) && epochDay(pub.y + 1, m, d) - pub.day <= 122 && diff < -31) return pub.y + 1;
      return pub.y;
    }
    return future ? pub.y : pub.y - 1;
  }
  const ahead = m - pub.m;
  if (ahead <= 0) return future && ahead + 12 <= 4 && ahead < -1 ? pub.y + 1 : pub.y;
  return future || ahead <= 2 ? pub.y : pub.y - 1;
}

/** The date of a day written alone (24日), or undefined when no month has that day nearby. */
function monthForDay(d: number, pub: Pub, future: boolean): Ymd | undefined {
  const shift = (k: number): Ymd | undefined => {
    const t = new Date(Date.UTC(pub.y, pub.m - 1 + k, 1));
    const y = t.getUTCFullYear();
    const m = t.getUTCMonth() + 1;
    return validDay(y, m, d) ? { y, m, d } : undefined;
  };
  const diff = d - pub.d;
  if (diff <= 1 || (future && diff <= 14)) {
    // On or before publication (a day's slack for the clock), or shortly ahead in a future clause.
    const here = shift(0);
    if (here) {
      // 将于2日举行 in an article of the 28th is next month's 2nd.
      const next = shift(1);
      if (future && diff < -20 && next && epochDay(next.y, next.m, d) - pub.day <= 14) return next;
      return here;
    }
  }
  for (let k = -1; k >= -3; k--) {
    const back = shift(k);
    if (back) return back;
  }
  return undefined;
}

/** Among a few candidate dates, the one whose weekday is the written one (else the first). */
function byWeekday(cands: (Ymd | undefined)[], weekday: number | undefined): Ymd | undefined {
  const valid = cands.filter((c): c is Ymd => c !== undefined);
  if (weekday === undefined || weekday < 0) return valid[0];
  return valid.find((c) => mondayBased(epochDay(c.y, c.m, c.d)) === weekday) ?? valid[0];
}

function resolveHit(h: Hit, ctx: Context): Resolved | undefined {
  const { g, kind } = h;
  const pub = ctx.pub;
  // A bare day or weekday is future only when announced before it (计划14日回国, 将于周三); a month
  // also when its clause says so after it (参加11月总统大选的可能性).
  // A month-day is also announced by the sentence before its clause (将接替菅义伟，在10月4日举行的临时国会中当选).
  const future = (): boolean =>
    FUTURE_RE.test(clauseAround(ctx.f, h.start, h.end, kind === 'd' || kind === 'weekday')) || ((kind === 'md' || kind === 'slash') && FUTURE_RE.test(sentenceBefore(ctx.f, h.start)));
  switch (kind) {
    case 'iso': {
      const y = Number(g.y);
      const m = Number(g.m);
      const d = Number(g.d);
      return validDay(y, m, d) ? { point: { y, m, d }, relative: false } : undefined;
    }
    case 'fiscal': {
      if (g.y) return { point: { y: Number(g.y) }, relative: false, fiscal: true };
      if (!pub) return undefined;
      // The fiscal year that holds the publication day: April to March.
      const fy = pub.m >= 4 ? pub.y : pub.y - 1;
      return { point: { y: fy + (YEAR_OFFSET[g.yr ?? ''] ?? 0) }, relative: true, fiscal: true };
    }
    case 'ymd': {
      const yr = yearOf(g, pub);
      if (!yr) return undefined;
      if (g.du) {
        if (g.yr !== undefined && pub) {
          const fy = pub.m >= 4 ? pub.y : pub.y - 1; // 今年度: the current fiscal year
          return { point: { y: fy + (YEAR_OFFSET[g.yr] ?? 0) }, relative: true, fiscal: true };
        }
        return { point: { y: yr.y }, relative: yr.relative, fiscal: true };
      }
      if (!g.m) return { point: { y: yr.y }, relative: yr.relative };
      const m = num(g.m);
      if (!(m >= 1 && m <= 12)) return undefined;
      if (!g.d) return { point: { y: yr.y, m }, relative: yr.relative };
      const d = num(g.d);
      if (!validDay(yr.y, m, d)) return undefined;
      return { point: { y: yr.y, m, d }, relative: yr.relative };
    }
    case 'md':
    case 'slash': {
      const m = num(g.m ?? '');
      if (!(m >= 1 && m <= 12)) return undefined;
      const d = g.d !== undefined ? num(g.d) : undefined;
      if (d !== undefined && !(d >= 1 && d <= 31)) return undefined;
      // Continuing an account that gave a full date with its year (2019年12月3日…12月5日).
      const last = ctx.last;
      if (last?.explicitYear && (!pub || last.y !== pub.y)) {
        const dd = d ?? 1;
        if (validDay(last.y, m, dd)) {
          const gap = epochDay(last.y, m, dd) - epochDay(last.y, last.m, d === undefined ? 1 : last.d);
          if (gap >= 0 && gap <= 120) return { point: d === undefined ? { y: last.y, m } : { y: last.y, m, d }, relative: true };
        }
      }
      if (!pub) return undefined;
      const fut = future();
      if (d === undefined) return { point: { y: yearForMonthDay(m, undefined, pub, fut), m }, relative: true };
      const y0 = yearForMonthDay(m, d, pub, fut);
      const pick = byWeekday(
        [y0, y0 - 1, y0 + 1].map((y) => (validDay(y, m, d) ? { y, m, d } : undefined)),
        h.weekday,
      );
      return pick ? { point: pick, relative: true } : undefined;
    }
    case 'relmonth': {
      if (!pub) return undefined;
      const off = g.mp === '上' ? -1 : g.mp === '下' ? 1 : 0;
      const t = new Date(Date.UTC(pub.y, pub.m - 1 + off, 1));
      let y = t.getUTCFullYear();
      let m = t.getUTCMonth() + 1;
      // 上(9)月: the month written in brackets wins over the count (an article dated on the 1st may still say 上月 for two months back).
      if (g.pm !== undefined && Number(g.pm) !== m) {
        m = Number(g.pm);
        y = yearForMonthDay(m, undefined, pub, off > 0);
      }
      if (g.d === undefined) return { point: { y, m }, relative: true };
      const d = num(g.d);
      return validDay(y, m, d) ? { point: { y, m, d }, relative: true } : undefined;
    }
    case 'd': {
      const d = num(g.d ?? '');
      if (!(d >= 1 && d <= 31)) return undefined;
      const last = ctx.last;
      // 10月15日…持续至16日: a later day of the month just given, within the week.
      if (last && d >= last.d && d - last.d <= 7 && validDay(last.y, last.m, d)) {
        return { point: { y: last.y, m: last.m, d }, relative: true };
      }
      if (!pub) return undefined;
      // 7月…参加19日的活动: a day after a month of the account (this month or the next) is of that month.
      // A day is announced by the sentence before it, not only its clause (将由…率团前往日本，参加19日的活动).
      const announced = FUTURE_RE.test(sentenceBefore(ctx.f, h.start));
      const lm = ctx.lastMonth;
      if (announced && lm && h.weekday === undefined && validDay(lm.y, lm.m, d)) {
        const ahead = (lm.y - pub.y) * 12 + (lm.m - pub.m);
        if ((ahead === 0 && d >= pub.d) || ahead === 1) return { point: { y: lm.y, m: lm.m, d }, relative: true };
      }
      const first = monthForDay(d, pub, announced);
      if (h.weekday === undefined) return first ? { point: first, relative: true } : undefined;
      const around = [-1, 0, 1].map((k) => {
        const t = new Date(Date.UTC(pub.y, pub.m - 1 + k, 1));
        const y = t.getUTCFullYear();
        const m = t.getUTCMonth() + 1;
        return validDay(y, m, d) ? { y, m, d } : undefined;
      });
      const pick = byWeekday([first, ...around], h.weekday);
      return pick ? { point: pick, relative: true } : undefined;
    }
    case 'relday': {
      if (!pub) return undefined;
      const w = g.w ?? '';
      const offset = w.startsWith('昨') ? -1 : w === '前天' ? -2 : w.startsWith('明') ? 1 : w === '后天' ? 2 : 0;
      const base = pub.day + offset;
      const pm = g.pm !== undefined ? Number(g.pm) : undefined;
      const pd = g.pd ?? g.pd2;
      if (pd === undefined) return { point: fromEpochDay(base), relative: true };
      const d = Number(pd);
      // 今(13)日, 昨天(23号), 今天(7/20): the written day, the one nearest the counted day.
      const cands: Ymd[] = [];
      for (let k = -3; k <= 3; k++) {
        const c = fromEpochDay(base + k);
        if (c.d === d && (pm === undefined || c.m === pm)) cands.push(c);
      }
      const exact = cands.sort((a, b) => Math.abs(epochDay(a.y, a.m, a.d) - base) - Math.abs(epochDay(b.y, b.m, b.d) - base))[0];
      if (exact) return { point: exact, relative: true };
      if (pm !== undefined) {
        const y = yearForMonthDay(pm, d, pub, false);
        return validDay(y, pm, d) ? { point: { y, m: pm, d }, relative: true } : undefined;
      }
      return { point: fromEpochDay(base), relative: true };
    }
    case 'anaphor': {
      const w = ctx.f.slice(h.start, h.end);
      const shift = /^(?:翌日|次日|隔天|隔日|第二天)$/.test(w) ? 1 : /^(?:前一天|前日)$/.test(w) ? -1 : 0;
      // The account's last day, in this paragraph or an earlier one of the article.
      const last = ctx.last ?? ctx.carry?.last;
      if (last) return { point: fromEpochDay(epochDay(last.y, last.m, last.d) + shift), relative: true };
      // Nothing dated before it: 前日 is the day before yesterday (as 前天); 当天 and 翌日 have nothing to follow.
      if (w === '前日' && pub) return { point: fromEpochDay(pub.day - 2), relative: true };
      return undefined;
    }
    case 'approx':
      return pub ? { point: { y: pub.y, m: pub.m, d: pub.d }, relative: true, approximate: true } : undefined;
    case 'week': {
      if (!pub) return undefined;
      const wp = g.wp ?? '本';
      const monday = pub.day - pub.dow + (wp === '上' ? -7 : wp === '下' ? 7 : 0);
      if (g.wd !== undefined) return { point: fromEpochDay(monday + (WEEKDAY_INDEX[g.wd] ?? 0)), relative: true };
      // A week names no day: give the month that holds it (this week: the publication's month).
      const mid = wp === '本' || wp === '这' ? pub.day : monday + 3;
      const { y, m } = fromEpochDay(mid);
      return { point: { y, m }, relative: true };
    }
    case 'weekday': {
      if (!pub) return undefined;
      const wd = WEEKDAY_INDEX[g.wd ?? ''] ?? 0;
      const back = (pub.dow - wd + 7) % 7;
      const past = pub.day - back;
      const next = back === 0 ? pub.day : past + 7;
      // The nearest such day, the past preferred (news reports what has happened), the future when the clause says so.
      const pickFuture = future() || next - pub.day < back - 2;
      return { point: fromEpochDay(pickFuture ? next : past), relative: true };
    }
    case 'decade': {
      if (g.dy) return { point: { y: Number(g.dy), decade: true }, relative: false };
      const dec = num(g.dec ?? '');
      if (!(dec >= 0 && dec <= 90)) return undefined;
      if (g.c) {
        const c = num(g.c);
        return { point: { y: (c - 1) * 100 + dec, decade: true }, relative: false };
      }
      // 60年代 without its century: the latest such decade that has begun by publication.
      const now = pub?.y ?? 2100;
      const y = 2000 + dec <= now ? 2000 + dec : 1900 + dec;
      return { point: { y, decade: true }, relative: true };
    }
    case 'yearpart':
      return pub ? { point: { y: pub.y }, relative: true } : undefined;
  }
}

const PART_AFTER_MONTH = /^(?:上旬|中旬|下旬|初|底|末|间)/;
const PART_AFTER_YEAR = /^年?(?:初|底|末|中|内|间)/;
const PART_AFTER_DECADE = /^(?:初期|中期|末期|后期|前期|初|中|末)/;
const BOUND_AFTER = /^(?:以来|以后|之后|开始|起|后(?![来面者])|以前|之前|为止|前(?![往来去进后夕])|止)/;
const BOUND_BEFORE = /(?:截至|截止|直至|直到|至|到|迄|自从|自|从)\s?$/;
// 上月就职后, 8月10日上任后: the date of an earlier step that the clause's own event follows.
const AFTER_STEP = /^\p{sc=Han}{1,4}?(?:以后|之后|后(?![来面者]))/u;
const RANGE_JOIN = /^\s?(?:至|到|~|-|—|–|―)\s?$/;
const DURATION = /^起(\d{1,2}|[一二三四五六七八九十]{1,2})年间?/;

interface Built {
  mention: DateMention;
  hit: Hit;
  point: Point;
  /** Where the next date found in the text starts (Infinity: none). */
  nextStart: number;
}

/**
 * Every date expression in `text`, resolved against the publication date (an ISO timestamp, read
 * on the clock of the outlet at `url`), in text order. Never throws; an unreadable timestamp leaves only the dates written in full.
 */
export function resolveDates(text: string, publishedAt: string, account?: DateAccount, url?: string): DateMention[] {
  if (!text) return [];
  const f = fold(text);
  const pub = pubOf(publishedAt, outletZone(url));
  const { quote, title } = nesting(f);
  const hits = attachWeekdays(f, collect(f)).filter((h) => {
    if (title[h.start]) return false; // a number in a title is part of a name
    const speakerClock = DEICTIC.has(h.kind) || (h.kind === 'relday' && h.g.pd === undefined && h.g.pd2 === undefined);
    return !(speakerClock && quote[h.start]);
  });

  const ctx: Context = { f, pub, last: undefined, carry: account };
  const built: Built[] = [];
  for (const [k, h] of hits.entries()) {
    // What follows a date (年内, 以前, 起5年间) never reaches into the next date (今年前天: 前 is the next date's).
    const nextStart = hits[k + 1]?.start ?? Infinity;
    let r: Resolved | undefined;
    try {
      r = resolveHit(h, ctx);
    } catch {
      r = undefined;
    }
    if (!r) continue;
    const { point } = r;
    if (point.y < MIN_YEAR || point.y > MAX_YEAR) continue;
    let end = h.end;
    const partRe = point.decade ? PART_AFTER_DECADE : point.m === undefined ? PART_AFTER_YEAR : point.d === undefined ? PART_AFTER_MONTH : null;
    const found = partRe?.exec(f.slice(end));
    const part = found && end + found[0].length <= nextStart ? found : null;
    let bound: 'from' | 'until' | undefined;
    if (part) end += part[0].length;
    // 年内, 今年度内: by the end of that year.
    if ((part?.[0] ?? h.g.yp ?? '').endsWith('内')) bound = 'until';
    const fmt = format(point);
    const mention: DateMention = { start: h.start, end, date: fmt.date, precision: fmt.precision };
    if (r.fiscal) mention.fiscal = true;
    if (r.relative) mention.relative = true;
    if (r.approximate) mention.approximate = true;
    if (bound) mention.bound = bound;
    built.push({ mention, hit: h, point, nextStart });
    // Only a date the text writes out sets the account's month: not 今天, 上周五 or 日前.
    const written =
      h.kind === 'iso' || h.kind === 'ymd' || h.kind === 'md' || h.kind === 'slash' || h.kind === 'd' || h.kind === 'anaphor' || (h.kind === 'relmonth' && h.g.d !== undefined) || (h.kind === 'relday' && (h.g.pd !== undefined || h.g.pd2 !== undefined));
    if ((written || h.kind === 'relmonth') && point.m !== undefined && !r.fiscal) ctx.lastMonth = { y: point.y, m: point.m };
    if (written && point.d !== undefined && point.m !== undefined) {
      ctx.last = { y: point.y, m: point.m, d: point.d, explicitYear: h.kind === 'ymd' || h.kind === 'iso' ? !r.relative : ctx.last?.explicitYear === true && ctx.last.y === point.y };
      if (account) account.last = ctx.last;
    }
  }

  const out: DateMention[] = [];
  for (let i = 0; i < built.length; i++) {
    const a = built[i] as Built;
    const b = built[i + 1];
    const m = a.mention;
    // A range: 2日至4日, 2017年至2021年, 从今天到29日.
    if (b && !m.approximate && !b.mention.approximate && RANGE_JOIN.test(f.slice(m.end, b.mention.start))) {
      const endPoint = rangeEnd(a.point, b);
      if (endPoint) {
        const fmt = format(endPoint);
        out.push({ ...m, end: b.mention.end, range: { date: fmt.date, precision: fmt.precision } });
        i++;
        continue;
      }
    }
    // 2021年度起5年间: a start and a length.
    const dur = DURATION.exec(f.slice(m.end));
    if (dur && m.precision === 'year' && m.end + dur[0].length <= a.nextStart) {
      const n = num(dur[1] ?? '');
      if (n >= 1 && n <= 50) {
        out.push({ ...m, end: m.end + dur[0].length, range: { date: String(a.point.y + n - 1), precision: 'year' } });
        continue;
      }
    }
    if (!m.bound && !m.approximate) {
      const after = BOUND_AFTER.exec(f.slice(m.end));
      if (after && m.end + after[0].length <= a.nextStart) {
        m.bound = /^(?:以前|之前|为止|前|止)/.test(after[0]) ? 'until' : 'from';
        m.end += after[0].length;
      } else if (AFTER_STEP.test(f.slice(m.end, m.end + 6)) && !/^\p{sc=Han}*?(?:上午|下午|晚间|晚上|早上|凌晨)/u.test(f.slice(m.end, m.end + 6))) {
        m.bound = 'from';
      } else {
        const before = BOUND_BEFORE.exec(f.slice(Math.max(0, m.start - 3), m.start));
        if (before) m.bound = /^(?:自|从)/.test(before[0]) ? 'from' : 'until';
      }
    }
    out.push(m);
  }
  return out;
}

/** The end of a range, its missing year or month taken from the start (2日至4日, 12月28日至1月3日). */
function rangeEnd(start: Point, b: Built): Point | undefined {
  const e = b.point;
  if (start.decade || e.decade) return e;
  const { kind } = b.hit;
  if (kind === 'd' && start.m !== undefined && e.d !== undefined) {
    let y = start.y;
    let m = start.m;
    if (start.d !== undefined && e.d < start.d) {
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
    return validDay(y, m, e.d) ? { y, m, d: e.d } : undefined;
  }
  if (kind === 'md' && e.m !== undefined) {
    let y = start.y;
    const before = start.m !== undefined && (e.m < start.m || (e.m === start.m && e.d !== undefined && start.d !== undefined && e.d < start.d));
    if (before) y += 1;
    if (e.d !== undefined && !validDay(y, e.m, e.d)) return undefined;
    return e.d === undefined ? { y, m: e.m } : { y, m: e.m, d: e.d };
  }
  return e;
}
