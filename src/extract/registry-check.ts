/**
 * What may stand in the people registry as a name, a title or a topic. The registry drops what
 * fails (people.ts), and the `people` command's test holds the built registry to the same shapes:
 * jieba's and the extractor's leftovers (石破茂却, 白宫会见美国总统, 战等) must never reach
 * autocomplete or an embed.
 */

import { tag } from '../text/segment.ts';
import { ROLE_END_RE } from './statements/lexicon.ts';

const HAN_ONLY_RE = /^\p{sc=Han}+$/u;
// Function words and verbs' endings jieba glues to a name (石破茂却, 文在寅于) or leaves on a keyword (战等).
const GLUE_CHARS = '却于在和与也还又都就将等对向了的是称说则并及或被把让从到着过之其而但';
const GLUE_END_RE = new RegExp(`[${GLUE_CHARS}]$`, 'u');
const GLUE_START_RE = new RegExp(`^[${GLUE_CHARS}]`, 'u');
// The last character of an office or body that the extractor may cut into the name after it (代表团刚 → 团刚, 外交官三村淳).
const OFFICE_END_RE = /^[团官员臣部局厅署院党社处]/u;
// jieba's tags of words that are never a name, a title's head or a topic by themselves.
const FUNCTION_TAGS = new Set(['c', 'p', 'u', 'uj', 'ul', 'ud', 'uz', 'ug', 'r', 'd', 'm', 'q', 'mq', 'y', 'e', 'o']);
const NOT_NAME_TAGS = new Set([...FUNCTION_TAGS, 'v', 'vn', 'vd', 'a', 'ad', 'an', 'nz', 'n', 'f', 't', 'l', 'i']);
// Words inside a title that read as verbs to jieba but belong to it (代理干事长, 执行长, 发言人, 主持人).
const TITLE_VERBS = /^(?:代理|执行|发言|主持|创办|创始|候任|时任|现任|兼任|兼|主管|负责|分管|驻|常驻|访问|经济|安保|防卫|外交|国防|谈判|研究|担当|政调|监察|审议|管理|统筹|协调|总务|干事|特命)$/u;
// One-character words that may open a title: 前首相, 副总统, 美国防长's 美, 我外交部.
const TITLE_OPENERS = /^[前副原现新美日中韩朝英法德俄澳台港印欧我驻总首第]$/u;

// Meeting and contact verbs of the narration around a title (会见…总统, 与…热线, 效法前首相).
const NARRATION_VERBS = /^(?:会见|会晤|接见|拜会|拜访|致电|通话|热线|效法|感谢|欢迎|邀请|陪同|会谈|出席|宣布|表示|批评|称赞|对话|见面)$/u;

/** The one word jieba makes of a form, with its tag, when it makes one (undefined when it cuts the form). */
function wholeWord(form: string): string | undefined {
  const t = tag(form);
  return t.length === 1 && t[0]?.word === form ? t[0].tag : undefined;
}

// Feelings and acts that open a speech clause (很荣幸地表示, 向他汇报说): the extractor may take them for a speaker.
const SPEECH_OPENERS = new Set(['荣幸', '高兴', '遗憾', '感谢', '欢迎', '汇报', '报告', '感激', '荣获', '期待', '希望', '担心', '关切']);
const NAME_TAGS = new Set(['nr', 'nrfg', 'nrt']);

/** How the registry knows a form: titled somewhere, quoted how often. */
export interface NameEvidence {
  titled: boolean;
  statements: number;
}

/**
 * The registry's forms, with each form found by the form one character shorter (赤泽亮 → 赤泽亮正)
 * without a scan of them all: the registry checks every form against all the others, which a scan
 * made quadratic (a 30k-article archive has tens of thousands of names).
 */
export class NameSet extends Set<string> {
  private shorter: Map<string, string> | undefined;

  override add(form: string): this {
    super.add(form);
    if (this.shorter) {
      const cut = [...form].slice(0, -1).join('');
      if (!this.shorter.has(cut)) this.shorter.set(cut, form);
    }
    return this;
  }

  override delete(form: string): boolean {
    this.shorter = undefined;
    return super.delete(form);
  }

  /** The first form (in insertion order) that is `form` plus one character. */
  longerByOne(form: string): string | undefined {
    if (!this.shorter) {
      this.shorter = new Map();
      for (const o of this) {
        const cut = [...o].slice(0, -1).join('');
        if (!this.shorter.has(cut)) this.shorter.set(cut, o);
      }
    }
    return this.shorter.get(form);
  }
}

/** Whether `text` holds one of `names` (of 2 characters or more) that is shorter than it; a set is looked up by the text's own substrings. */
export function holdsShorterName(text: string, names: readonly string[] | ReadonlySet<string>): string | undefined {
  if (!(names instanceof Set)) return (names as readonly string[]).find((n) => n.length >= 2 && n.length < text.length && text.includes(n));
  for (let len = 2; len < text.length; len++) {
    for (let at = 0; at + len <= text.length; at++) {
      const sub = text.slice(at, at + len);
      if (names.has(sub)) return sub;
    }
  }
  return undefined;
}

/** Why a person's form is not a name, or undefined when it is one. `others` are the registry's other forms (a NameSet finds longer forms without a scan). */
export function notAName(form: string, others: ReadonlySet<string> = new Set(), evidence?: NameEvidence): string | undefined {
  const f = form.trim();
  if (!f) return 'empty';
  if (/[\/\\|<>{}[\]【】《》“”"「」:：，,。!！?？;；]/u.test(f)) return 'punctuation';
  if (/^\d/.test(f)) return 'starts with a digit';
  if (/^(?:日媒|外媒|美媒|韩媒|港媒|台媒|陆媒|官媒|外电|媒体|当地媒体)$/u.test(f)) return 'media in general, nobody in particular';
  if (!HAN_ONLY_RE.test(f.replace(/·/g, ''))) return undefined; // Latin and mixed forms are the texts' own
  const chars = [...f.replace(/·/g, '')];
  if (chars.length > 12) return 'too long';
  // A registered name with a scrap after it: 石破茂却 (a function word), 安倍晋三力挺 (two more after a
  // full name; 岸田 + 文雄 is a surname and a given name).
  const base = scrapBase(chars, others);
  if (base) return `${base} + ${chars.slice([...base].length).join('')}`;
  // 赤泽亮 for 赤泽亮正: a name cut one character short of a registered one (a surname is two characters at most here).
  if (chars.length >= 3) {
    const longer = others instanceof NameSet ? others.longerByOne(f) : [...others].find((o) => [...o].length === chars.length + 1 && o.startsWith(f));
    if (longer !== undefined) return `${longer} cut short`;
  }
  if (chars.length >= 3 && OFFICE_END_RE.test(f) && others.has(chars.slice(1).join(''))) return 'an office’s last character before a name';
  // 候选人无一超过半数, 两国均未, 双方皆: a negation or quantifier after a group (none of these opens a name).
  if (chars.length <= 3 && /^[无没未均皆各俱]/u.test(f)) return 'a negation or quantifier after a group';
  if (chars.length === 2) {
    if (SPEECH_OPENERS.has(f)) return 'a feeling or act before a speech verb';
    const t = wholeWord(f);
    if (t && NOT_NAME_TAGS.has(t)) return `a common word (${t})`;
    if (GLUE_START_RE.test(f) && !t) return 'starts with a function word';
    if (OFFICE_END_RE.test(f) && !NAME_TAGS.has(t ?? '')) return 'an office’s last character and one more';
    // Met once, untitled, never quoted, unknown to jieba as a name: nothing says it is one.
    if (evidence && !evidence.titled && evidence.statements === 0 && !NAME_TAGS.has(t ?? '')) return 'an untitled two-character word nobody quotes';
  }
  return undefined;
}

/** The registered name a form is that name plus a scrap of (see notAName), if it is. */
export function scrapBase(chars: string[], others: ReadonlySet<string>): string | undefined {
  const one = chars.slice(0, -1).join('');
  if (chars.length >= 3 && GLUE_END_RE.test(chars.at(-1) ?? '') && others.has(one)) return one;
  const two = chars.slice(0, -2).join('');
  if (chars.length >= 5 && others.has(two)) return two;
  return undefined;
}

/** Why a title is not one, or undefined when it is (日本首相, 美国国务院发言人, 前白宫国家安全顾问). */
export function notARole(role: string): string | undefined {
  const r = role.trim();
  if (!r) return 'empty';
  if ([...r].length > 24) return 'too long';
  if (/[，,。:：“”「」"]/u.test(r)) return 'punctuation';
  if (!ROLE_END_RE.test(r)) return 'no title at its end';
  const words = tag(r);
  const first = words[0];
  if (first && [...first.word].length === 1 && !TITLE_OPENERS.test(first.word) && words.length > 1) return `opens with ${first.word}`;
  if (first && !TITLE_OPENERS.test(first.word) && (FUNCTION_TAGS.has(first.tag) || first.tag === 'v' && !TITLE_VERBS.test(first.word)) && words.length > 1) return `opens with ${first.word} (${first.tag})`;
  // 白宫会见美国总统: a verb inside is a clause, not a title (jieba's tags inside a phrase are unsure: the narration verbs by name too).
  const head = r.length - (ROLE_END_RE.exec(r)?.[0].length ?? 0);
  let at = 0;
  for (const w of words) {
    if (at + w.word.length > head) break;
    if (NARRATION_VERBS.test(w.word)) return `a verb inside (${w.word})`;
    at += w.word.length;
  }
  return undefined;
}

/** Why a topic is not one, or undefined when it is. `names` are the registry's names (folded). */
export function notATopic(topic: string, names: readonly string[] | ReadonlySet<string> = []): string | undefined {
  const t = topic.trim();
  if ([...t].length < 2) return 'too short';
  if (/^[\d.,%，。]+$/u.test(t)) return 'a number';
  if (!HAN_ONLY_RE.test(t)) return /^[A-Za-z][A-Za-z0-9\-]*$/.test(t) ? undefined : 'mixed';
  if (GLUE_END_RE.test(t) || GLUE_START_RE.test(t)) return 'a function word at an end';
  const held = holdsShorterName(t, names);
  if (held !== undefined) return `holds the name ${held}`;
  const tg = wholeWord(t);
  if (tg && FUNCTION_TAGS.has(tg)) return `a function word (${tg})`;
  return undefined;
}
