import { SAYING_VERB } from '../extract/events.ts';
import type { DateMention } from '../extract/dates.ts';

/**
 * /timeline: which dates of a sentence place an event of it, and which undated sentences are no news of
 * their day. Each check is a class of phrasings (a condition, an anniversary, a birth, a "since" clause,
 * a budget's name, a date restated in brackets, a standing rule). Pure, on folded text.
 */

// A rule or a lasting state rather than a step (根据日本宪法,日本实施…; 日本宪法规定,…必须…; 根据美日安保条约,美国有义务…;
// 多年来,…曾使…; 长期以来奉行和平主义的日本…): with no time of its own it is nobody's news of the day.
const STANDING_FACT = /^(?:据了解,\s?)?(?:根据|依据|依照|按照)[^,]{0,24}(?:宪法|法|条约|协定|公约|规定)|^[^,]{0,16}(?:宪法|法律|条约|协定|公约)(?:第\S{1,4}条)?规定|^(?:多年来|长期以来|一直以来|历来)/u;
// ...unless someone is saying it (赵立坚表示,…恪守…公报规定): a statement is an event of its day.
export const SAID = /表示|指出|强调|重申|称|说|声明/u;

export function statesStandingFact(folded: string): boolean {
  const text = folded.trimStart();
  return STANDING_FACT.test(text) && !SAID.test(text);
}

/**
 * A date in brackets right after another restates it (2023年度内(2024年3月底前), 2025财年(2025年4月至2026年3月),
 * 90天前(即8月24日)): the date before the brackets is the one the sentence gives.
 */
export function restates(folded: string, before: DateMention | undefined, d: DateMention): boolean {
  if (!before) return false;
  return /^\p{sc=Han}{0,2}\s?\(\s?(?:即|也就是)?$/u.test(folded.slice(before.end, d.start));
}

// A fiscal year that names a budget (2025年度补充预算案, 2025财年(…)预算申请) is part of the budget's name, not a time the sentence places anything at.
const BUDGET_AFTER = /^\s?(?:\([^)]{0,30}\))?\s?的?(?:补充|追加|正式|总)?预算/u;

export function namesABudget(folded: string, d: DateMention): boolean {
  return d.fiscal === true && BUDGET_AFTER.test(folded.slice(d.end, d.end + 40));
}

// A date that opens a "since" clause (自2012年重新上台后首次…, 李在明自6月就任以來首次…, 继6月在加拿大会谈后再次…,
// 是2023年8月中国发出禁令以来…): what happened then is the clause between the date and 以来/后.
const SINCE_BEFORE = /(?:自|从|自从|继)\s?$/u;
const SINCE_CLAUSE = /^([^,;:。]{1,30}?)(?:以来|以后|之后|后)/u;

/**
 * Whether the date dates a "since" clause that tells another story: a reference point
 * (自2012年重新上台后首次失去…, 自6月就任以來首次訪日) that names none of the topic's forms, while the
 * sentence's news is its main clause. A since clause about the topic (自2018年韩国大法院判处…以来) stays.
 */
export function sinceAnotherStory(folded: string, d: DateMention, forms: readonly string[]): boolean {
  const after = folded.slice(d.end, d.end + 34);
  const clause = SINCE_CLAUSE.exec(after)?.[1];
  if (!clause || !(SINCE_BEFORE.test(folded.slice(Math.max(0, d.start - 3), d.start)) || /^[^,;:。]{1,30}?以来/u.test(after))) return false;
  // A bare bound (自2018年以来) or a clause of dates tells nothing to judge by.
  if ((clause.match(/\p{sc=Han}/gu) ?? []).length < 2) return false;
  return !namesAny(clause, forms);
}

// A person's birth (岸田文雄生于1957年, 出生於1954年) is biography, not a step of the topic's story.
const BIRTH_BEFORE = /(?:生于|出生于|出生在|生在)\s?$/u;

export function isBirth(folded: string, d: DateMention): boolean {
  return BIRTH_BEFORE.test(folded.slice(Math.max(0, d.start - 4), d.start));
}

// A clause that opens a condition (若有一方不愿续约,则需…; 若高市能在十五日…获指名,将成为…; 如果…, 假如, 倘若, 一旦, 万一):
// what follows in its part is what would happen, not what did. (若 not of a name: 若林, 若宫, 若田.)
const CONDITION_WORD = '(?:若(?![林宫田松山槻狭尾月叶菜])|如果|假如|倘若|如若|要是|一旦|万一)';
const CONDITION = new RegExp(`(?:^|[,;:])\\s?${CONDITION_WORD}`, 'gu');
const OPENS_CONDITION = new RegExp(`^\\s?\\P{sc=Han}{0,2}${CONDITION_WORD}`, 'u');
// ...unless someone says or threatens it (川普今天说,如果中国敢…,美国…准备启动…; 川普还警告中国,若敢…): a threat or a
// promise is the event of its day.
const SAID_OR_WARNED = new RegExp(`${SAYING_VERB}|警告|威胁|声明|承诺`, 'u');

/** Whether a position lies after a condition nobody is said to state, in its part of the sentence: a hypothetical's. */
function supposed(folded: string, at: number): boolean {
  const partStart = folded.lastIndexOf(';', at - 1) + 1;
  for (const m of folded.matchAll(CONDITION)) {
    if (m.index > at) break;
    if (m.index + 1 < partStart) continue;
    return !SAID_OR_WARNED.test(folded.slice(0, m.index));
  }
  return false;
}

// A date that dates a noun inside the condition (若高市能在十五日召开的国会临时会获指名): that occasion is set, whatever the outcome.
const NAMES_AN_OCCASION = /^[^,;:的]{0,4}的/u;

/** Whether a sentence is a supposition from its first word (如果特朗普在第二任期继续秉持这种观点,他不太可能支持…) that nobody says: no news of its report's day either. */
export function supposes(folded: string): boolean {
  return OPENS_CONDITION.test(folded) && !SAID_OR_WARNED.test(folded);
}

// A date that names what an anniversary commemorates (1965年日韩邦交正常化60周年, 纪念1945年抗战胜利80周年):
// the anniversary falls N years later, and the date places nothing that happens in the sentence.
// (No other date between: 9月3日举行纪念1945年…80周年 dates the ceremony.)
const ANNIVERSARY_AFTER = /^(?:(?!\d{2,4}年|\d{1,2}月|[〇零一二三四五六七八九]{4}年)[^,;:。]){0,24}?(?:\d+|[一二三四五六七八九十百]+)\s?周年/u;

/** Whether a date can place an event of the sentence: not a hypothetical's, not an anniversary's origin. */
export function placesAnEvent(folded: string, d: DateMention): boolean {
  return !(supposed(folded, d.start) && !NAMES_AN_OCCASION.test(folded.slice(d.end, d.end + 12))) && !ANNIVERSARY_AFTER.test(folded.slice(d.end, d.end + 40));
}

function namesAny(folded: string, forms: readonly string[]): boolean {
  return forms.some((f) => folded.includes(f));
}
