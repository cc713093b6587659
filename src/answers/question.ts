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
  { re: /哪些|哪几|哪(?=[一二三四五六七八九十两\d])/u, intent: 'list' },
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
    return { intent, ...(counter ? { counter } : {}), topic, ...(frame ? { frame } : {}), ...(focus.length ? { focus } : {}) };
  }
  return { intent: 'none', topic: q };
}

/** The first content word after the question word, with its head: the kind of thing asked for. */
function focusAfter(after: string): string[] {
  const clause = after.split(/[\s，,。；;：:？?！!]/u)[0] ?? '';
  const words = clause ? cutWords(clause) : [];
  const [a = '', b = ''] = words;
  // A noun the segmenter leaves in single characters (都/县) is taken whole.
  const first = !/^\p{sc=Han}+$/u.test(a) ? undefined : a.length >= 2 ? a : b.length === 1 && /\p{sc=Han}/u.test(b) ? a + b : undefined;
  return first ? (first.length >= 3 ? [first, first.slice(-2)] : [first]) : [];
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
const UNIT = '(?:美元|日元|元|欧元|韩元|台币|人民币|英镑|吨|公吨|人|名|架|艘|家|项|个|国|票|天|年|%|倍|辆|枚|套|份|件|座|条|案|亿|万)';
// A clause: the frame's gap never crosses one of these.
const GAP = '[^，,。；;！？!?：:]{1,15}?';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// The shape of an answer of each intent, as it reads in a sentence (folded, simplified). Each is
// written to start from a word (a unit, a role, a mark) and look back for the number or the name
// before it: a pattern that starts with a class of characters is tried at every position and costs
// several times more on every candidate passage.
const AMOUNT = (unit: string): string => `(?<=${NUM}\\s*(?:多|余)?\\s*(?:[万亿]\\s*)?)${unit}`;
const SHAPES: Partial<Record<Intent, RegExp>> = {
  // A number with a unit or counter: 80亿美元, 约6万名, 一八五票, 70多项.
  number: new RegExp(AMOUNT(UNIT), 'u'),
  // A length of time: 90天前, 两年, 3个月内.
  duration: new RegExp(`(?<=${NUM}\\s*(?:个)?\\s*)(?:天|日|周|星期|月|年|小时|分钟)`, 'u'),
  // A date or a time named relative to the report: 2016年2月, 二〇二五会计年度, 本财年内, 今年.
  date: new RegExp(`(?<=(?:\\d{4}|[〇零一二三四五六七八九]{4})\\s*)(?:年|财年|会计年度)|(?<=${NUM}\\s*)(?:月|日|号)|今年|明年|去年|本财年|年内|年底|年初|月底|上旬|中旬|下旬|届时|之前|以前`, 'u'),
  // A person with a role, an organisation, or who does what (由…代表, 担任): 外相茂木敏充, 洛克希德·马丁公司.
  person: /(?:总统|首相|总理|大臣|部长|长官|大使|国务卿|主席|发言人|司令|代表|议员|外相|防相|农相|财相|法相|长)\s*[\u3400-\u9fff·∙]{2}|(?<=[\u3400-\u9fff·∙]{2})(?:担任|出任|接任|就任)|由[^，,。；;]{2,20}?(?:代替|代表|负责|担任|支付|签字|签署)|(?<=[\u3400-\u9fffA-Za-z·∙]{2})(?:公司|集团|企业|财团|基金会|协会|机构|银行)/u,
  // A list: A、B、C, 《A》《B》, 包括, 分别是.
  list: /、[^、，,。；;]{1,20}、|《[^》]{1,30}》[^《]{0,6}《|包括|分别是|分别为|如下/u,
  // A cause: 因为, 由于, 原因, 导致, 为了.
  cause: /因为|由于|原因|导致|造成|所以|因此|为了|鉴于|理由|出于|源于|之所以|归咎|以便|失利|惨败|不满|丑闻/u,
  // A place: 在白宫东厅举行, 于东京召开, 会场; 在 or 于 before a town or region (在奈良市, 于广岛县, 在夏威夷州).
  place: /在[^，,。；;]{1,15}?(?:举行|召开|举办|进行|签署|会晤|会谈|会面)|于[^，,。；;]{1,12}?(?:举行|召开|举办)|地点|(?<=[\u3400-\u9fff])(?:宫|厅|馆|楼|中心|酒店|饭店|会场|庄园)|(?<=[在于]\p{sc=Han}{1,6})(?:市|县|州|省|岛|镇|村|港)(?!长|民|场|政|议|府)/u,
};

/** The pattern an answer to the question matches in a sentence, or undefined when its intent has no shape. */
export function answerShape(q: Question): RegExp | undefined {
  if (q.intent === 'ordinal') return new RegExp(`第\\s*${NUM}\\s*${q.counter ? escape(q.counter) : '[^\\s，。]'}`, 'u');
  // The counter asked for (多少票 → 257票, 几% → 十%); 亿 and 万 may stand before it.
  if (q.intent === 'number' && q.counter) return new RegExp(AMOUNT(escape(q.counter)), 'u');
  // A list may name a single company or person (哪些企业 → 洛克希德·马丁公司).
  if (q.intent === 'list') return new RegExp(`${(SHAPES.list as RegExp).source}|${(SHAPES.person as RegExp).source}`, 'u');
  return SHAPES[q.intent];
}

/** The pattern of the question's frame filled with an answer (建立…机制), or undefined without a frame. */
export function framePattern(q: Question): RegExp | undefined {
  if (!q.frame) return undefined;
  const alt = (ws: string[]): string => ws.map(escape).join('|');
  return new RegExp(`(?:${alt(q.frame.before)})${GAP}(?:${alt(q.frame.after)})`, 'u');
}
