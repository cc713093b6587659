import { NUMBER_SOURCE } from '../text/numbers.ts';
import { fold } from '../text/normalize.ts';
import { cutWords, tag, type TaggedWord } from '../text/segment.ts';

/**
 * What a question asks for. The question word is the intent, not a search term: 多少 asks for a
 * number, 谁 for a name, 为什么 for a cause. A passage that holds an answer of that shape near the
 * asked concepts answers; one that only names the concepts mentions.
 */
export type Intent = 'number' | 'duration' | 'ordinal' | 'date' | 'person' | 'list' | 'cause' | 'place' | 'yesno' | 'what' | 'none';

export interface Question {
  intent: Intent;
  /** The counter or unit asked for: 票 of 多少票, 任 of 第几任, % of 几%. */
  counter?: string;
  /** The query without its question words: what to search for. */
  topic: string;
  /** Words just before and just after the question word (建立 / 机制 of 建立什么新机制): an answer fills the gap. */
  frame?: { before: string[]; after: string[] };
  /** What a bare 多少 counts, read from the noun asked about: money wants a currency, people a headcount. */
  counts?: 'money' | 'people';
  /** What a list asks for, read from the noun asked about: organisations (哪些企业) or people (哪些官员); else things a list names. */
  members?: 'organisations' | 'people';
  /** The noun right after the question word (都县 of 哪些都县, 机制 of 什么新机制): what the answer is. */
  focus?: string[];
}

// Counters and units that follow 多少 / 几 / 第几 (多少票, 几国, 第几任, 几%).
const COUNTER = '个名位架艘家项人票吨天年月日次届任国份件倍元辆枚套座所条只场轮批种部台岁周%亿万';
// Words that, after 多少, still ask for a number without a counter (多少钱, 金额多少).
const HOW_MANY = '多少|几';

/** The question words, most specific first; each names its class and the intent it asks for. */
const PATTERNS: readonly { re: RegExp; intent: Intent }[] = [
  // Ordinals: 第几任, 第几届, 第几次.
  { re: new RegExp(`第几([${COUNTER}])?`, 'u'), intent: 'ordinal' },
  // Durations: 多久, 多长时间, 多少天 is a number with the counter 天.
  { re: /多久|多长时间|多长/u, intent: 'duration' },
  // Dates: 什么时候, 何时, 哪一年, 哪天, 几月几日.
  { re: /什么时候|什么时间|何时|哪一年|哪年|哪一天|哪天|几月几[日号]|几月|何日|几时/u, intent: 'date' },
  // Causes and origins: 为什么, 为何, 因何, 怎么来的, 原因是什么.
  { re: /为什么|为何|因何|缘何|何以|怎么来的|怎么会|原因是什么|什么原因/u, intent: 'cause' },
  // Places: 在哪里, 哪里, 何地, 什么地方.
  { re: /哪里|哪儿|(?<=在)哪(?![些个位种一])|何地|何处|什么地方/u, intent: 'place' },
  // People: 谁, 哪位, 何人, 哪些人.
  { re: /哪些人|哪位|何人|谁/u, intent: 'person' },
  // Lists: 哪些, 哪几, 哪三份.
  { re: /哪些|哪几|哪家|哪(?=[一二三四五六七八九十两\d])/u, intent: 'list' },
  // Numbers: 多少, 几 (with the counter that follows, when any).
  { re: new RegExp(`(?:${HOW_MANY})([${COUNTER}])?`, 'u'), intent: 'number' },
  // Yes or no: 是否, 有没有, 是不是, 会不会, 能否, a final 吗.
  { re: /是否|有没有|是不是|会不会|能不能|能否|可否|吗(?=[？?。]*$)/u, intent: 'yesno' },
  // What: 什么, 何种, 哪种, 哪个.
  { re: /什么|何种|哪种|哪个|哪一/u, intent: 'what' },
];

// Single characters that carry the frame although they are stop words elsewhere (在…举行, 由…签字).
const FRAME_PREPOSITIONS = new Set(['在', '由', '到', '至', '给', '向', '从', '于', '被', '得', '为']);

/** The question's intent, counter, topic and frame. A query without a question word has intent 'none'. */
export function understand(query: string): Question {
  const q = fold(query);
  // A question word inside a name is no question word (几 of 几内亚): a match inside a word the
  // segmenter tags as a name or does not know is skipped. A counter that begins a noun (人 of 人口)
  // still says what is counted, but the noun stays in the topic; a unit (亿 of 亿美元) goes.
  const words = tag(q);
  const wordAt = (i: number): TaggedWord | undefined => words.find((w) => w.start <= i && i < w.end);
  for (const { re, intent } of PATTERNS) {
    let found: { start: number; end: number; counter: string | undefined } | undefined;
    for (const m of q.matchAll(new RegExp(re.source, 'gu'))) {
      const start = m.index;
      const counter = m[1];
      let end = start + m[0].length;
      const word = wordAt(start);
      if (word && /^(?:n[rstz]|x)/.test(word.tag) && (word.start < start || word.end > end)) continue;
      const after = counter ? wordAt(end - counter.length) : undefined;
      if (counter && after && after.start === end - counter.length && after.end > end && after.tag.startsWith('n')) end -= counter.length;
      found = { start, end, counter };
      break;
    }
    if (!found) continue;
    const { start, end, counter } = found;
    const topic = `${q.slice(0, start)} ${q.slice(end)}`.replace(/[？?]+/gu, ' ').trim();
    const frame = frameAround(q.slice(0, start), q.slice(end));
    const focus = focusAfter(q.slice(end));
    const counted = intent === 'number' && !counter ? countedNoun(q.slice(0, start), q.slice(end)) : undefined;
    const counts = counted === undefined ? undefined : MONEY_NOUN.test(counted) ? 'money' : PEOPLE_NOUN.test(counted) ? 'people' : undefined;
    // The kind a list asks for: the noun phrase after the question word (哪家日本企业 → 企业), else the word before it (军工企业有哪些).
    const kinds = intent !== 'list' ? [] : focus.length ? nounsAfter(q.slice(end)) : [lastWordBefore(q.slice(0, start)) ?? ''];
    const members = kinds.some((k) => ORGANISATION_NOUN.test(k)) ? 'organisations' : kinds.some((k) => PEOPLE_FOCUS.test(k)) ? 'people' : undefined;
    return { intent, ...(counter ? { counter } : {}), ...(counts ? { counts } : {}), ...(members ? { members } : {}), topic, ...(frame ? { frame } : {}), ...(focus.length ? { focus } : {}) };
  }
  return { intent: 'none', topic: q };
}

/** The first content word after the question word, with its head: the kind of thing asked for. */
function focusAfter(after: string): string[] {
  const clause = after.split(/[\s，,。；;：:？?！!]/u)[0] ?? '';
  const words = clause ? cutWords(clause) : [];
  // A counter before the noun (哪几位领导人, 哪些家企业) is not the kind of thing asked for: the noun is.
  const [a = '', b = ''] = words.length >= 2 && (words[0] as string).length === 1 && COUNTER.includes(words[0] as string) && (words[1] as string).length >= 2 ? words.slice(1) : words;
  // A noun the segmenter leaves in single characters (都/县) is taken whole.
  const first = !/^\p{sc=Han}+$/u.test(a) ? undefined : a.length >= 2 ? a : b.length === 1 && /\p{sc=Han}/u.test(b) ? a + b : undefined;
  return first ? (first.length >= 3 ? [first, first.slice(-2)] : [first]) : [];
}

/** The first two words after the question word, past a counter (哪几位领导人): the noun phrase whose head names the kind asked for. */
function nounsAfter(after: string): string[] {
  const clause = after.split(/[\s，,。；;：:？?！!]/u)[0] ?? '';
  const words = clause ? cutWords(clause) : [];
  const from = words.length >= 2 && (words[0] as string).length === 1 && COUNTER.includes(words[0] as string) ? 1 : 0;
  return words.slice(from, from + 2);
}

/** Up to two content words on each side of the question word, within its clause. */
function frameAround(before: string, after: string): Question['frame'] | undefined {
  const clauseBefore = before.split(/[\s，,。；;：:？?！!]/u).at(-1) ?? '';
  const clauseAfter = after.split(/[\s，,。；;：:？?！!]/u)[0] ?? '';
  const keep = (w: string): boolean => /\p{sc=Han}/u.test(w) && (w.length >= 2 || FRAME_PREPOSITIONS.has(w));
  const b = clauseBefore ? cutWords(clauseBefore).filter(keep).slice(-2) : [];
  // Chinese noun phrases end with their head (新机制 → 机制): an answer names the head, not the modifier.
  const a = (clauseAfter ? cutWords(clauseAfter).filter(keep).slice(0, 2) : []).flatMap((w) => (w.length >= 3 ? [w, w.slice(-2)] : [w]));
  return b.length && a.length ? { before: b, after: a } : undefined;
}

const NUM = NUMBER_SOURCE;
// A year written with 年 (2021年, 二〇二五年度) dates something: it is no amount of years.
const YEAR_UNIT = '(?<!(?:\\d{4}|[〇零一二三四五六七八九]{4})\\s*)年';
const UNIT = `(?:美元|日元|日圆|韩圆|美金|元|欧元|韩元|台币|人民币|英镑|吨|公吨|人|名|架|艘|家|项|个|国|票|天|${YEAR_UNIT}|%|倍|辆|枚|套|份|件|座|条|案|亿|万)`;
// Money: a number with a currency (1.1万亿日元, 3.3亿美元, 102亿余元; Taiwan writes 11兆日圆, 50亿美金).
const CURRENCY = '(?:美元|美金|日元|日圆|欧元|韩元|韩圆|新台币|台币|人民币|英镑|卢布|港元|港币|元)';
// People counted: 约6万名美军, 3000人, 两位.
const HEADCOUNT = '(?:名|人|位)';
// A clause: the frame's gap never crosses one of these.
const GAP = '[^，,。；;！？!?：:]{1,15}?';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The shape of an answer of each intent, as it reads in a sentence (folded, simplified). Each is
// written to start from a word (a unit, a role, a mark) and look back for the number or the name
// before it: a pattern that starts with a class of characters is tried at every position and costs
// several times more on every candidate passage.
const AMOUNT = (unit: string): string => `(?<=${NUM}\\s*(?:多|余)?\\s*(?:[万亿兆]\\s*){0,2})${unit}`;
// A person with a role: 外相茂木敏充, 总统 拜登.
const ROLE_NAME = '(?:总统|首相|总理|大臣|部长|长官|大使|国务卿|主席|发言人|司令|代表|议员|外相|防相|农相|财相|法相|长)\\s*[\\u3400-\\u9fff·∙]{2}';
// Who does what: takes office (小泉进次郎担任), acts for others (由…代表 / 支付 / 签字).
const ACTOR = '(?<=[\\u3400-\\u9fff·∙]{2})(?:担任|出任|接任|就任)|由[^，,。；;]{2,20}?(?:代替|代表|负责|担任|支付|签字|签署)';
// An organisation by its suffix (洛克希德·马丁公司); the group `org` marks it for the name check (namedOrganisation).
const ORGANISATION = '(?<=[\\u3400-\\u9fffA-Za-z·∙]{2})(?<org>公司|集团|企业|财团|基金会|协会|机构|银行)';
const LIST = '、[^、，,。；;]{1,20}、|《[^》]{1,30}》[^《]{0,6}《|包括|分别是|分别为|如下';
const SHAPES: Partial<Record<Intent, string>> = {
  // A number with a unit or counter: 80亿美元, 约6万名, 一八五票, 70多项.
  number: AMOUNT(UNIT),
  // A length of time: 90天前, 两年, 3个月内.
  duration: `(?<=${NUM}\\s*(?:个)?\\s*)(?:天|日|周|星期|月|年|小时|分钟)`,
  // A date or a time named relative to the report: 2016年2月, 二〇二五会计年度, 本财年内, 今年.
  date: `(?<=(?:\\d{4}|[〇零一二三四五六七八九]{4})\\s*)(?:年|财年|会计年度)|(?<=${NUM}\\s*)(?:月|日|号)|今年|明年|去年|本财年|年内|年底|年初|月底|上旬|中旬|下旬|届时|之前|以前`,
  // A person with a role, an organisation, or who does what (由…代表, 担任): 外相茂木敏充, 洛克希德·马丁公司.
  person: `${ROLE_NAME}|${ACTOR}|${ORGANISATION}`,
  // A list: A、B、C, 《A》《B》, 包括, 分别是.
  list: LIST,
  // A cause: 因为, 由于, 原因, 导致, 为了.
  cause: '因为|由于|原因|导致|造成|所以|因此|为了|鉴于|理由|出于|源于|之所以|归咎|以便|失利|惨败|不满|丑闻',
  // A place: 在白宫东厅举行, 于东京召开, 会场; 在 or 于 before a town or region (在奈良市, 于广岛县, 在夏威夷州).
  place:
    '在[^，,。；;]{1,15}?(?:举行|召开|举办|进行|签署|会晤|会谈|会面)|于[^，,。；;]{1,12}?(?:举行|召开|举办)|地点|(?<=[\\u3400-\\u9fff])(?:宫|厅|馆|楼|中心|酒店|饭店|会场|庄园)|(?<=[在于]\\p{sc=Han}{1,6})(?:市|县|州|省|岛|镇|村|港)(?!长|民|场|政|议|府)',
};

// What a bare 多少 counts, by the noun asked about (its head, the last word): money (经费, 开支, 预算,
// 金额, 出口额) wants a currency, people (美军, 员工, 人口, 游客) a headcount; anything else any unit.
const MONEY_NOUN = /(?:费|费用|开支|支出|预算|金额|资金|资本|投资|出资|融资|注资|价格|价值|收入|成本|贷款|援助|赔偿|罚款|税收|税款|额|钱|工资|薪水|补贴|款项)$/u;
const PEOPLE_NOUN = /(?:人|人员|人数|人口|员工|雇员|职员|工人|官兵|士兵|兵力|美军|驻军|军人|游客|选民|难民|居民|民众|议员|成员|死者|伤者)$/u;
// Words between the noun and 多少 that do not name what is counted (开支一共多少, 预算是多少, 有多少).
const COUNT_FILLER = /^(?:是|为|有|达|达到|约|共|一共|总共|共计|合计|总计|大约|将|会|要|了|的|都|包括|包含|涉及)$/u;

/** The noun whose amount a bare 多少 / 几 asks for: the last noun after it in its clause, else the word before it. */
function countedNoun(before: string, after: string): string | undefined {
  const clauseAfter = after.split(/[\s，,。；;：:？?！!]/u)[0] ?? '';
  const wordsAfter = clauseAfter ? cutWords(clauseAfter).filter((w) => /\p{sc=Han}/u.test(w)) : [];
  const counted = [...wordsAfter].reverse().find((w) => MONEY_NOUN.test(w) || PEOPLE_NOUN.test(w));
  if (counted) return counted;
  return wordsAfter.length ? undefined : lastWordBefore(before);
}

/** The last content word of the clause before the question word (开支 of 防卫开支一共多少, 军工企业 of 军工企业有哪些). */
function lastWordBefore(before: string): string | undefined {
  const clauseBefore = before.split(/[\s，,。；;：:？?！!]/u).at(-1) ?? '';
  const wordsBefore = clauseBefore ? cutWords(clauseBefore).filter((w) => /\p{sc=Han}/u.test(w) && !COUNT_FILLER.test(w)) : [];
  return wordsBefore.at(-1);
}

/** Where answers of the shape asked for stand in a sentence (folded, without white space). */
export interface AnswerShape {
  test(sentence: string): boolean;
  /** The offsets of each answer found. */
  at(sentence: string): number[];
}

function shapeOf(source: string): AnswerShape {
  const re = new RegExp(source, 'gu');
  const found = (sentence: string, first: boolean): number[] => {
    const out: number[] = [];
    for (const m of sentence.matchAll(re)) {
      if (m.groups?.org !== undefined && !namedOrganisation(sentence, m.index)) continue;
      out.push(m.index);
      if (first) break;
    }
    return out;
  };
  return { test: (s) => found(s, true).length > 0, at: (s) => found(s, false) };
}

// Tags that make the words before the suffix a kind of organisation, not one: numbers and counters
// (20家国防企业, 多家企业), prepositions and conjunctions (机关与企业), pronouns (这些企业, 各公司), particles (的公司).
// Not verbs: a name may end with one (支援财团 of 日本强制动员受害者支援财团).
const KIND_TAG = /^(?:m|mq|q|p|c|r|u|uj|ud|d|f)$/u;

/**
 * Whether an organisation's suffix at `suffixAt` follows its name (洛克希德·马丁公司, 雷神技术公司, 东京电力公司,
 * 波音公司), not the words of a kind of organisation: a count (20家国防企业), a function word (机关与企业,
 * 这些企业), or a country or place alone (美国企业).
 */
function namedOrganisation(sentence: string, suffixAt: number): boolean {
  const from = Math.max(0, suffixAt - 10);
  const words = tag(sentence.slice(from, suffixAt + 2));
  const at = suffixAt - from;
  const own = words.find((w) => w.start <= at && at < w.end);
  // The segmenter knows the whole name (波音公司, 丰田汽车公司).
  if (own && own.start < at && own.tag === 'nt') return true;
  const head = own && own.start < at ? own.start : at;
  const prior = words.filter((w) => w.end <= head && /[\p{sc=Han}A-Za-z]/u.test(w.word));
  const last = prior.at(-1);
  // 电力公司 of 东京电力公司: the word holding the suffix names the trade, the one before the owner.
  const alone = !own || own.start === at;
  if (!last || KIND_TAG.test(last.tag) || (alone && last.tag === 'ns')) return false;
  return !prior.slice(-2).some((w) => /^(?:m|mq|q)$/u.test(w.tag));
}

// A list names its members by the kind asked for: people (哪些官员, 哪几位领导人) by a role and a name,
// organisations (哪些企业, 军工企业有哪些) by a name and a suffix; other kinds (哪些武器, 哪些都县) by a list.
const PEOPLE_FOCUS = /(?:人|员|者|官|领袖|领导人|首脑|元首|部长|大臣|议员|官员|代表)$/u;
const ORGANISATION_NOUN = /(?:企业|公司|厂商|承包商|供应商|集团|机构|银行|财团|组织|团体|单位)$/u;

/** The pattern an answer to the question matches in a sentence, or undefined when its intent has no shape. */
export function answerShape(q: Question): AnswerShape | undefined {
  if (q.intent === 'ordinal') return shapeOf(`第\\s*${NUM}\\s*${q.counter ? escape(q.counter) : '[^\\s，。]'}`);
  // The counter asked for (多少票 → 257票, 几% → 十%); 亿 and 万 may stand before it.
  if (q.intent === 'number' && q.counter) return shapeOf(AMOUNT(escape(q.counter)));
  if (q.intent === 'number' && q.counts === 'money') return shapeOf(AMOUNT(CURRENCY));
  if (q.intent === 'number' && q.counts === 'people') return shapeOf(AMOUNT(HEADCOUNT));
  // A list may name a single member: an organisation (哪些企业 → 洛克希德·马丁公司), a person with a role (哪些官员).
  if (q.intent === 'list') return shapeOf([LIST, ...(q.members === 'organisations' ? [ORGANISATION] : q.members === 'people' ? [ROLE_NAME] : [])].join('|'));
  const source = SHAPES[q.intent];
  return source === undefined ? undefined : shapeOf(source);
}

/** The pattern of the question's frame filled with an answer (建立…机制), or undefined without a frame. */
export function framePattern(q: Question): RegExp | undefined {
  if (!q.frame) return undefined;
  const alt = (ws: string[]): string => ws.map(escape).join('|');
  return new RegExp(`(?:${alt(q.frame.before)})${GAP}(?:${alt(q.frame.after)})`, 'u');
}

/**
 * How well a sentence holds an answer (0–1): the shape asked for (a number with its unit, a name…),
 * better when it fills the question's frame (分4次 for 分几次); the frame filled with anything counts
 * only for a question whose answer has no shape (建立…机制 for 建立什么新机制), since the question's own
 * words standing near each other (东电…处理水) answer nothing.
 */
export function answerFit(s: string, shape: AnswerShape | undefined, frame: RegExp | undefined): number {
  if (!shape) return frame?.test(s) ? 1 : 0;
  const answers = shape.at(s);
  if (answers.length === 0) return 0;
  const filled = frame ? [...s.matchAll(new RegExp(frame.source, 'gu'))].some((m) => answers.some((a) => a >= m.index && a < m.index + m[0].length)) : false;
  return filled || !frame ? 1 : 2 / 3;
}
