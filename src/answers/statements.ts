import { articleParagraphs, type Article } from '../corpus/article.ts';
import { fold } from '../text/normalize.ts';
import { tag as jiebaTag, segmenterFingerprint, type TaggedWord } from '../text/segment.ts';

/**
 * Who said what: quotations and reported speech of one article, each with its speaker, found
 * once when the index is built. Precision first: a statement whose speaker is unclear is left out.
 *
 * The text is folded (traditional → simplified, full-width → half-width) for every decision, and
 * fold() keeps lengths, so offsets found there cut the original text, which is what is stored.
 */

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

/** Bump when the extraction rules change: part of the index snapshot's fingerprint, so old statements are rebuilt. */
export const STATEMENTS_VERSION = 1;

export function extractStatements(article: Article): RawStatement[] {
  return analyzeArticle(article).statements;
}

/** jieba's tags, remembered for short strings: the same names and titles are tagged again and again. */
const tagMemo = new Map<string, TaggedWord[]>();
let tagMemoFor = '';
/** Forgets remembered tags when the segmenter learnt a word (addWord) since they were made. */
function checkTagMemo(): void {
  const fp = segmenterFingerprint();
  if (fp !== tagMemoFor) {
    tagMemo.clear();
    tagMemoFor = fp;
  }
}
function tag(text: string): TaggedWord[] {
  if (text.length > 24) return jiebaTag(text);
  let t = tagMemo.get(text);
  if (!t) {
    if (tagMemo.size > 50_000) tagMemo.clear();
    t = jiebaTag(text);
    tagMemo.set(text, t);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Lexicons. These are words of the language (titles, speech verbs, particles), never names.

/** Titles that stand before (日本首相岸田文雄) or after (拜登总统) a name. Longest first when matched. */
const ROLE_WORDS = [
  '首席执行官', '经济再生担当相', '官房副长官', '官房长官', '国务委员', '副国务卿', '国务卿', '副总统', '总统', '首相', '总理', '副主席',
  '主席', '总书记', '书记', '外务大臣', '防卫大臣', '财务大臣', '大臣', '外相', '外长', '防卫相', '防相', '防长', '财相', '财务相', '经产相',
  '国防部长', '副部长', '部长', '秘书长', '新闻秘书', '秘书', '发言人', '总领事', '大使', '公使', '领事', '司令官', '司令', '指挥官', '参谋长',
  '副长官', '长官', '审议官', '次官', '次长', '局长', '处长', '署长', '厅长', '院长', '会长', '社长', '理事长', '董事长', '总裁', '总经理',
  '执行长', '主任', '委员长', '委员', '众议员', '参议员', '议员', '议长', '州长', '市长', '知事', '党首', '干事长', '首席代表', '代表', '特使',
  '顾问', '助理', '研究员', '学者', '教授', '专家', '分析师', '经济学家', '评论员', '记者', '主播', '编辑', '候选人', '领导人', '领袖',
  '首脑', '元首', '国王', '天皇', '王储', '将军', '上将', '中将', '少将', '上校', '负责人', '所长', '校长', '董事', '创办人', '创始人',
  '主持人', '法官', '律师', '第一夫人', '夫人', '先生', '女士', '博士',
];
const ROLE_RE = new RegExp(ROLE_WORDS.join('|'), 'gu');
const ROLE_END_RE = new RegExp(`(?:${ROLE_WORDS.join('|')})$`, 'u');
/** Offices one person holds at a time, so a bare 首相 can stand for the one 首相 the article names. */
const SINGLE_HOLDER = new Set(['首相', '总统', '总理', '主席', '国务卿', '外相', '外长', '防相', '防长', '防卫相', '秘书长', '官房长官', '外务大臣', '防卫大臣']);
/** A title with one of these before it is someone else's (前首相 is not the 首相). */
const NOT_CURRENT_RE = /(?:前|副|时任|原|代理|已故|首任|历任|卸任|候任|准)$/u;

/** Verbs that report speech whatever follows them. */
const SPEECH = new Set([
  '说', '说道', '表示', '指出', '强调', '认为', '称', '声称', '宣称', '号称', '说明', '透露', '呼吁', '写道', '宣布', '回应', '重申', '警告',
  '承诺', '誓言', '矢言', '表态', '证实', '坦言', '直言', '暗示', '批评', '抱怨', '主张', '形容', '称赞', '赞扬', '盛赞', '表明', '披露', '宣示',
  '保证', '发誓', '坦承', '承认', '否认', '断言', '反驳', '质疑', '感叹', '笑称', '直指', '抨击', '辩称', '答道', '问道', '回答', '告诉', '谈道',
  '补充说', '明言', '大赞', '痛斥', '直呼', '强调指出', '表示说', '重申说', '回应称', '强调称', '说明称', '指称', '声明', '宣告', '重申称', '表示称', '透露称', '警告称', '认定',
]);
/** Verbs that report speech only when a colon, comma or quotation follows (提出 a plan is not speech). */
const WEAK_SPEECH = new Set(['补', '指', '提出', '提及', '提到', '谈到', '谈及', '补充', '回顾', '介绍', '解释', '传达', '分析', '报道', '报导', '告知', '写', '答', '回', '讲', '道']);
/** Verbs an outlet reports with. */
const OUTLET_VERBS = new Set(['报道', '报导', '称', '指', '指出', '说', '透露', '分析', '补充', '写道', '表示', '引述', '披露', '证实', '说明', '援引']);
/** Word-final parts that jieba glues to a name or an adverb (岸田向, 还称, 发推称): split them off. */
const GLUED_TAIL_RE = /^(.+?)(称|说|表示|指出|强调|向|在|则|也|还|与|和|对|跟|曾|都|又|并|于)$/u;
const NOT_SPEECH_WORDS = new Set(['据称', '据说', '听说', '小说', '传说', '虽说', '再说', '说服', '说法', '来说', '称为', '称作', '称号', '堪称', '简称', '名称', '自称', '通称', '俗称', '人称', '对称', '相称', '称霸', '称职', '就是说', '比如说', '也就是说', '表示感谢', '表示欢迎']);

const PRONOUNS = new Set(['他', '她', '其', '此人', '该人']);
/** Plural, collective or unnamed subjects: never a person. */
const COLLECTIVE_RE = /^(?:他们|她们|我们|你们|它们|两人|二人|三人|双方|各方|三方|两国|三国|各国|日方|美方|中方|韩方|英方|俄方|台方|官方|当局|人们|外界|舆论|民众|消息|消息人士|知情人士|官员们?|分析人士|观察人士|专家们?|学者们?|与会者|后者|前者|对方|两位领导人|两国领导人|领导人们|[\d一二三四五六七八九十两几多数]+[名位个]|[美日中韩朝英法德俄澳印台欧菲越]{2,4}(?:两国|三国|四国|领袖|领导人|首脑|双方|$)).*/u;
/** Nouns that head a non-person subject: an organisation, a document, a country. */
const ORG_END_RE = /(?:政府|内阁|当局|官邸|白宫|国务院|外务省|防卫省|国防部|外交部|商务部|财政部|部门|委员会|议会|国会|党|军|队|社|所|院|会|部|局|厅|署|省|府|馆|室|处|公司|集团|银行|大学|中心|组织|机构|声明|协议|协定|文件|报告|报道|报导|新闻稿|公报|条约|媒体|日媒|外媒|国|方|界|团|网|台)$/u;
/** News outlets: 共同社, 路透社, 华尔街日报, 读卖新闻, TBS电视台, 美国之音… */
const OUTLET_RE = /(?:通讯社|新闻社|社|日报|时报|晚报|早报|邮报|周刊|新闻|电视台|电台|广播公司|广播|之音|评论|杂志|网)$/u;
const GENERIC_MEDIA_RE = /^(?:日媒|外媒|美媒|韩媒|港媒|台媒|陆媒|官媒|外电|日本媒体|美国媒体|韩国媒体|外国媒体|国际媒体|当地媒体|媒体)\s*/u;
const REPORT_WORDS = new Set(['报道', '报导', '消息', '称', '说', '指出', '分析', '透露', '披露', '指', '表示', '援引']);

/** Where a prepositional phrase ends: 在记者会上, 在会谈中, 欢迎岸田时, 会晤结束后. */
const PP_END = new Set(['上', '中', '时', '时候', '后', '之后', '以后', '期间', '之际', '前', '里', '内', '会上', '会后', '席间', '前夕', '当中', '之中', '间', '之时', '之前', '以来']);
const TEMPORAL_END = new Set(['时', '时候', '后', '之后', '以后', '期间', '之际', '前夕', '之时', '会后', '会上', '前', '之前']);
const PP_START = new Set(['在', '于', '当', '从', '趁']);
/** Prepositions that put an object before the verb: 对记者说, 向美方表示, 告诉媒体. */
const OBJ_PREP = new Set(['对', '向', '跟', '给', '朝', '冲', '对着', '告诉', '替', '面向', '同']);
const WITH = new Set(['与', '和', '及', '以及', '同', '跟']);
/** Modal, negative or passive words: 将宣布, 未提及, 被认为 are not statements made. */
const NOT_SAID = new Set(['被', '将', '会', '要', '可能', '拟', '计划', '打算', '准备', '预计', '预料', '应', '应该', '必须', '不', '没', '没有', '未', '并未', '并不', '从未', '尚未', '未曾', '不会', '无法', '希望', '想', '想要', '或', '或将', '恐', '遭', '受', '预定', '有望', '将于', '将会', '即将', '拟于']);
const ADVERBS = new Set([
  '还', '也', '则', '又', '再', '更', '都', '均', '亦', '并', '曾', '曾经', '已', '已经', '再度', '再次', '一再', '多次', '屡次', '公开', '明确', '坚定', '坚定地',
  '强烈', '随即', '当即', '立即', '同时', '首先', '最后', '接着', '此前', '稍早', '稍后', '随后', '近日', '日前', '今天', '今日', '昨天', '昨日', '当天',
  '当日', '当时', '日后', '事后', '另', '另外', '此外', '还曾', '也曾', '一度', '特别', '特意', '直接', '正式', '私下', '慎重', '慎重地', '郑重', '严正',
  '打趣', '据理力争', '进一步', '发推', '发文', '撰文', '笑着', '笑', '坦率', '坦率地', '一直', '始终', '反复', '还特别', '则是', '亦曾', '早前', '先前',
  '本周', '上周', '上月', '本月', '今年', '去年', '周一', '周二', '周三', '周四', '周五', '周六', '周日', '星期一', '星期二', '星期三', '星期四',
  '星期五', '星期六', '星期日', '星期天', '上午', '下午', '晚间', '晚上', '早上', '凌晨', '中午', '深夜', '当地时间', '其后', '之后', '后来', '最近',
  '近期', '明天', '昨晚', '今晨', '随之', '一开始', '则称', '亲自', '专门', '主动', '率先', '紧急', '分别', '单独', '再一次', '重点', '详细', '积极',
]);
/** Words that open a clause without being its subject. */
const OPENERS = new Set([
  '而', '但', '但是', '不过', '然而', '因此', '所以', '同时', '此外', '另外', '其中', '对此', '随后', '稍早', '此前', '接着', '最后', '首先', '其次',
  '另一方面', '与此同时', '据称', '据悉', '据了解', '据说', '据报道', '据报导', '据介绍', '据分析', '当地时间', '值得注意的是', '事实上', '其实', '尤其',
  '特别是', '总之', '并且', '且', '而且', '况且', '又', '也', '还', '则', '并', '亦', '就此', '为此', '对于此', '另据', '报道还称',
]);
const FUNCTION_CHARS = new Set([...'在于与和对向跟给同也还则都又再更亦均曾已将会要就才并且及或被把让从到是的了着过说称道等们之其这那该此每各某诸而但']);
const NAME_TAGS = new Set(['nr', 'nrt', 'nrfg', 'x', 'nz', 'ng']);
const DOT_RE = /[·・∙•‧]/u;
const HAN_RE = /\p{sc=Han}/u;

// ---------------------------------------------------------------------------------------------
// Tokens

type Cls =
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

interface Tok {
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

interface Quote {
  open: number;
  /** Offset after the closing mark (the paragraph's end when the quote is never closed). */
  end: number;
  innerStart: number;
  innerEnd: number;
}

interface Subject {
  kind: 'person' | 'outlet' | 'pron' | 'title' | 'group' | 'other';
  name?: string;
  role?: string;
}

interface Ctx {
  known: Set<string>;
  /** Known names, longest first, as one alternation. */
  knownRe: RegExp | undefined;
  /** Title → names the article gives with that title (for a bare 首相). */
  holders: Map<string, Set<string>>;
  lastOutlet: string | undefined;
  /** The person whose quotation closed the previous paragraph. */
  carry: Subject | undefined;
  original: string;
  folded: string;
}

// ---------------------------------------------------------------------------------------------

/** Statements and named people of one article. Pure (jieba's dictionary is read-only here). */
export function analyzeArticle(article: Article): ArticleAnalysis {
  checkTagMemo();
  const paragraphs = articleParagraphs(article);
  const headingAt = new Set<number>();
  const offset = article.lead ? 1 : 0;
  article.blocks.forEach((b, i) => {
    if (b.kind === 'heading') headingAt.add(i + offset);
  });

  const mentions: PersonMention[] = [];
  const known = knownNames([article.title, ...paragraphs], mentions);
  const holders = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (!m.role) continue;
    const t = titleOf(m.role);
    if (!t) continue;
    const set = holders.get(t) ?? new Set<string>();
    set.add(m.name);
    holders.set(t, set);
  }
  const knownRe = known.size
    ? new RegExp([...known].sort((a, b) => b.length - a.length).map((k) => escapeRe(k).replace(/[·・∙•‧]/gu, '[·・∙•‧]')).join('|'), 'gu')
    : undefined;
  const ctx: Ctx = { known, knownRe, holders, lastOutlet: undefined, carry: undefined, original: '', folded: '' };

  const statements: RawStatement[] = [];
  paragraphs.forEach((text, index) => {
    ctx.original = text;
    ctx.folded = fold(text);
    if (headingAt.has(index)) {
      ctx.carry = undefined;
      const h = headingStatement(ctx, index);
      if (h) statements.push(h);
      return;
    }
    for (const st of paragraphStatements(ctx, index)) statements.push(st);
  });
  for (const m of mentions) m.paragraph = Math.max(0, m.paragraph - 1); // title was line 0
  const people = mentions.filter((m) => m.paragraph >= 0);
  for (const s of statements) {
    if (s.kind === 'person') people.push(s.role ? { name: s.speaker, role: s.role, paragraph: s.paragraph } : { name: s.speaker, paragraph: s.paragraph });
  }
  return { statements: dedupe(statements), people };
}

/**
 * A sub-heading of the form 名字：话 (拜登：美日致力于捍卫和推进人权和法治) is the outlet's summary of
 * what that person said: reported speech. Any other heading says nothing of anyone.
 */
function headingStatement(ctx: Ctx, index: number): RawStatement | undefined {
  const m = /^\s*([^:：“”「」"，,。]{2,24})[:：]\s*(\S.*)$/u.exec(ctx.folded);
  if (!m?.[1] || !m[2]) return undefined;
  const toks = meaningfulToks(cutSegment(ctx, maskBrackets(ctx.folded), 0, m[1].length));
  if (!isNounPhrase(toks)) return undefined;
  const who = classifyNP(ctx, toks);
  if (who.kind !== 'person' || !who.name) return undefined;
  const text = cleanText(ctx.original.slice(m[0].length - m[2].length), false);
  if (!meaningful(text)) return undefined;
  return { speaker: who.name, ...(who.role ? { role: who.role } : {}), text, direct: false, paragraph: index, kind: 'person' };
}

function dedupe(list: RawStatement[]): RawStatement[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = `${s.kind}|${s.speaker}|${s.paragraph}|${s.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The single-holder office a role ends with (日本首相 → 首相), when it is a current one. */
function titleOf(role: string): string | undefined {
  for (const t of SINGLE_HOLDER) {
    if (role.endsWith(t) && !NOT_CURRENT_RE.test(role.slice(0, role.length - t.length))) return t;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Names the article gives: after a title (美国总统拜登), dotted (乔·拜登), or a person name to jieba.

function knownNames(texts: string[], mentions: PersonMention[]): Set<string> {
  const known = new Set<string>();
  const all = texts.map((t) => maskBrackets(fold(t)));
  all.forEach((f, line) => {
    const original = texts[line] ?? '';
    // A person name jieba knows (its dictionary or the user dictionary), three characters or more.
    for (const t of tag(f)) {
      if ((t.tag === 'nr' || t.tag === 'nrfg' || t.tag === 'nrt') && [...t.word].length >= 3 && !ROLE_END_RE.test(t.word) && !SPEECH.has(t.word)) known.add(t.word);
    }
    // Dotted foreign names; the part after the dot is the name's short form (拉姆∙伊曼纽尔 → 伊曼纽尔).
    for (const m of f.matchAll(/[\p{sc=Han}]{1,8}(?:[·・∙•‧][\p{sc=Han}]+)+/gu)) {
      const name = dottedName(m[0]);
      if (name) known.add(name);
    }
    // A title followed by a name: 日本首相岸田文雄, 国务卿布林肯, 商务部长Howard Lutnick.
    for (const m of f.matchAll(ROLE_RE)) {
      const after = m.index + m[0].length;
      const name = nameAfter(f, original, after);
      if (!name) continue;
      known.add(name);
      const role = roleBefore(f, after);
      mentions.push(role ? { name, role, paragraph: line } : { name, paragraph: line });
    }
  });
  // Short forms the article also uses: 岸田 for 岸田文雄, 石破 for 石破茂 (a prefix that stands alone).
  const joined = all.join('\n');
  for (const name of [...known]) {
    if (DOT_RE.test(name)) {
      const tail = name.split(DOT_RE).at(-1) ?? '';
      if ([...tail].length >= 2) known.add(tail);
      continue;
    }
    if (!/^\p{sc=Han}{3,6}$/u.test(name)) continue;
    for (let p = 2; p < name.length; p++) {
      const prefix = name.slice(0, p);
      const rest = name.slice(p);
      let i = joined.indexOf(prefix);
      while (i !== -1) {
        if (!joined.startsWith(rest, i + p)) {
          known.add(prefix);
          break;
        }
        i = joined.indexOf(prefix, i + 1);
      }
    }
  }
  for (const k of [...known]) if (!validKnown(k)) known.delete(k);
  return known;
}

function validKnown(name: string): boolean {
  const len = [...name.replace(DOT_RE, '')].length;
  if (len < 2 || len > 12) return false;
  if (COLLECTIVE_RE.test(name) || ORG_END_RE.test(name) || ROLE_END_RE.test(name)) return false;
  return !FUNCTION_CHARS.has(name[0] ?? '') || /^[A-Za-z]/.test(name);
}

/** 部长詹姆斯·马蒂斯2日 → 詹姆斯·马蒂斯: titles before the first part dropped, the last part cut by jieba. */
function dottedName(run: string): string | undefined {
  const parts = run.split(DOT_RE);
  const first = parts[0] ?? '';
  const lastRun = parts.at(-1) ?? '';
  // The first part: what stands after the last title in it.
  let head = first;
  for (const m of first.matchAll(ROLE_RE)) head = first.slice(m.index + m[0].length);
  const words = tag(head);
  // Keep the trailing name-like words (总统唐纳德 → 唐纳德; 候选人乔 → 乔).
  let k = words.length;
  while (k > 0) {
    const w = words[k - 1];
    if (!w || !(NAME_TAGS.has(w.tag) || [...w.word].length <= 3) || ROLE_END_RE.test(w.word) || w.tag === 'ns' && k < words.length) break;
    k--;
    if ([...words.slice(k).map((x) => x.word).join('')].length >= 4) break;
  }
  const firstName = words.slice(k).map((w) => w.word).join('');
  const tail = tag(lastRun);
  const lastName = tail[0] && (NAME_TAGS.has(tail[0].tag) || tail[0].tag.startsWith('n')) ? tail[0].word : '';
  if (!firstName || !lastName) return undefined;
  const mid = parts.slice(1, -1);
  return [firstName, ...mid, lastName].join('·');
}

/** The name that follows a title at `at`, or undefined (首相官邸, 总统大选 are not names). */
function nameAfter(f: string, original: string, at: number): string | undefined {
  let i = at;
  while (f[i] === ' ') i++;
  // A real space, not a bracket masked out (第一次长(国安副助理)金泰孝).
  const spaced = i > at && !/[(（〔【]/.test(original.slice(at, i));
  // Latin names keep their case from the original: Howard Lutnick.
  const latin = /^[A-Za-z][A-Za-z'’.\-]*(?: [A-Za-z][A-Za-z'’.\-]*){0,3}/.exec(original.slice(i).normalize('NFKC'));
  if (latin && /^[A-Z]/.test(latin[0])) {
    const name = latinName(latin[0]);
    return name;
  }
  const run = /^[\p{sc=Han}·・∙•‧]{2,12}/u.exec(f.slice(i))?.[0];
  if (!run) return undefined;
  const words = tag(run);
  const name = nameRun(words.map((w) => ({ w: w.word, tag: w.tag })), 0);
  if (!name) return undefined;
  // 美国总统 日本最希望… (a headline's space): after a space only a word jieba knows as a person.
  if (spaced && !/^(?:nr|nrt|nrfg)$/.test(words[0]?.tag ?? '')) return undefined;
  return isNameString(name, true) ? name : undefined;
}

function latinName(s: string): string | undefined {
  const words = s.trim().split(/\s+/).filter((w) => /^[A-Z][a-z'’.\-]*[a-z.]?$/.test(w) || /^(?:Mc|Mac|O')[A-Z][a-z]+$/.test(w));
  if (words.length === 0) return undefined;
  const joined = words.join(' ');
  // An acronym (IPEF, NATO) is not a person's name.
  return /^[A-Z][a-z]/.test(joined) ? joined : undefined;
}

/** Name-like words from `from`: names, unknown words, and a single glued character (萩生/田光/一). */
function nameRun(words: { w: string; tag: string }[], from: number): string | undefined {
  let name = '';
  let i = from;
  for (; i < words.length; i++) {
    const w = words[i];
    if (!w) break;
    if (DOT_RE.test(w.w)) {
      name += '·';
      continue;
    }
    const len = [...w.w].length;
    if (SPEECH.has(w.w) || WEAK_SPEECH.has(w.w) || ADVERBS.has(w.w) || ROLE_END_RE.test(w.w) && name) break;
    const prev = words[i - 1];
    const afterKnownName = name !== '' && prev !== undefined && prev.tag !== 'x';
    // After a whole dictionary name, an unknown word is what the name does (川普/抵日), not more of the name.
    if (afterKnownName && (w.tag === 'x' && /^[抵访到赴来去见会称说表向在与和对将已曾也还则]/u.test(w.w) || !NAME_TAGS.has(w.tag))) break;
    if (NAME_TAGS.has(w.tag) || w.tag === 'ns' && !name) {
      name += w.w;
      continue;
    }
    // One glued character closes a name jieba cut short (赤泽亮/正, 萩生田光/一) when a clear stop follows.
    if (name && prev?.tag === 'x' && len === 1 && !FUNCTION_CHARS.has(w.w) && HAN_RE.test(w.w)) {
      const next = words[i + 1];
      if (!next || isStop(next)) {
        name += w.w;
        i++;
      }
    }
    break;
  }
  name = name.replace(/·+$/u, '');
  const len = [...name.replace(DOT_RE, '')].length;
  return len >= 2 && len <= 8 ? name : undefined;
}

function isStop(w: { w: string; tag: string }): boolean {
  return (
    /^[pcdtmfuqr]/.test(w.tag) ||
    w.tag === 'x' && !HAN_RE.test(w.w) ||
    SPEECH.has(w.w) ||
    ADVERBS.has(w.w) ||
    w.tag.startsWith('v')
  );
}

/** The title before a name: the noun phrase that ends at `at` (华盛顿哈德逊研究所研究员). */
function roleBefore(f: string, at: number): string | undefined {
  const before = f.slice(Math.max(0, at - 24), at);
  // A title's phrase never crosses punctuation, 的 or a verb-like boundary: keep the last stretch.
  const stretch = /[^\s\p{P}\p{S}的与和及在对向于]+$/u.exec(before)?.[0] ?? '';
  if (!stretch) return undefined;
  const words = tag(stretch);
  const nounLike = (w: { word: string; tag: string }): boolean =>
    ROLE_END_RE.test(w.word) || /^(?:n|ns|nt|nz|b|l|j|ng)$/.test(w.tag) || /^(?:前|副|时任|新任|现任|首任|前任|第一|首席|驻美|驻日)$/.test(w.word);
  let k = words.length;
  while (k > 0) {
    const w = words[k - 1];
    if (!w) break;
    // A place jieba took for a person (乌克兰/nr 总统): only right before a title word.
    const placeLike = /^(?:nr|nrt)$/.test(w.tag) && words[k] !== undefined && ROLE_END_RE.test(words[k]?.word ?? '');
    if (!nounLike(w) && !placeLike) {
      // A verb or adjective inside an organisation's name (安全保障研究所, 政策研究协会): a noun on both sides, no place after.
      const left = words[k - 2];
      const right = words[k];
      const inside = /^(?:v|vn|an|a)$/.test(w.tag) && left && nounLike(left) && right && right.tag !== 'ns' && !ROLE_END_RE.test(right.word);
      if (!inside) break;
    }
    k--;
  }
  const role = words.slice(k).map((w) => w.word).join('').trim();
  return role && ROLE_END_RE.test(role) && [...role].length <= 20 ? role : undefined;
}

/** Is this string a person's name? `anchored`: a title stands right before it. */
function isNameString(name: string, anchored: boolean, known?: Set<string>): boolean {
  if (known?.has(name)) return true;
  if (/^[A-Z][a-z]/.test(name)) return latinName(name) === name;
  const bare = name.replace(DOT_RE, '');
  const len = [...bare].length;
  if (!/^\p{sc=Han}+$/u.test(bare) || len < 2 || len > 8) return false;
  if (DOT_RE.test(name)) return true;
  if (COLLECTIVE_RE.test(name) || ORG_END_RE.test(name) || ROLE_END_RE.test(name) || PRONOUNS.has(name)) return false;
  if (FUNCTION_CHARS.has(bare[0] ?? '') || SPEECH.has(name) || /^[一二三四五六七八九十两几每某本该此这那]/u.test(bare)) return false;
  const words = tag(name);
  const first = words[0];
  if (!first) return false;
  if (words.length === 1) {
    if (first.tag === 'nr' || first.tag === 'nrt' || first.tag === 'nrfg') return true;
    if (first.tag === 'x' || first.tag === 'nz' || first.tag === 'ng') return true;
    return anchored && first.tag === 'ns';
  }
  // Several words: every one name-like or a single character, the first a name-like start.
  const nameLike = words.every((w) => NAME_TAGS.has(w.tag) || [...w.word].length === 1 && !FUNCTION_CHARS.has(w.word) || anchored && w.tag === 'n' && [...w.word].length <= 2);
  return nameLike && (anchored || NAME_TAGS.has(first.tag));
}

// ---------------------------------------------------------------------------------------------
// Quotations

const OPEN_CLOSE: Record<string, string> = { '“': '”', '「': '」', '『': '』' };
const CLOSERS = new Set(['”', '」', '』']);

/**
 * Top-level quotations of a paragraph, and closing marks that close nothing (an opening mark the
 * writer left out: 茂木敏充还指出：我们认为…协议。”). Nested quotations stay inside their outer one.
 */
function findQuotes(f: string): { quotes: Quote[]; orphans: number[] } {
  const quotes: Quote[] = [];
  const orphans: number[] = [];
  const stack: string[] = [];
  let open = -1;
  for (let i = 0; i < f.length; i++) {
    const c = f[i] as string;
    if (stack.length === 0) {
      if (OPEN_CLOSE[c] || c === '"') {
        stack.push(c);
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

/** Brackets outside quotations become spaces: 长尾贤(Satoru Nagao)认为 reads 长尾贤 认为. */
function maskBrackets(f: string, quotes: Quote[] = []): string {
  const inQuote = (i: number): boolean => quotes.some((q) => i >= q.open && i < q.end);
  return f.replace(/\([^()]*\)|〔[^〔〕]*〕|【[^【】]*】/g, (m, at: number) => (inQuote(at) ? m : ' '.repeat(m.length)));
}

// ---------------------------------------------------------------------------------------------
// Paragraphs and sentences

const DATELINE_RE = /^\s*([^\s，,。:：“「]{2,16}?)[\d一二三四五六七八九十]{1,4}(?:月[\d一二三四五六七八九十]{1,3})?日(?:电|专电)\s*/u;

function paragraphStatements(ctx: Ctx, index: number): RawStatement[] {
  const { quotes, orphans } = findQuotes(ctx.folded);
  let f = maskBrackets(ctx.folded, quotes);
  const out: RawStatement[] = [];
  const emit = (s: Omit<RawStatement, 'paragraph'>): void => {
    const text = cleanText(s.text, s.direct);
    if (!meaningful(text)) return;
    out.push({ ...s, text, paragraph: index });
  };

  // A dateline (共同社11月17日电) makes the first sentence that outlet's report.
  const dl = DATELINE_RE.exec(f);
  if (dl?.[1]) {
    const outlet = outletName(dl[1].replace(/[(（【〔]/g, ''));
    const start = dl[0].length;
    f = ' '.repeat(start) + f.slice(start);
    if (outlet) {
      ctx.lastOutlet = outlet;
      const end = sentenceEnd(f, start, quotes);
      emit({ speaker: outlet, text: ctx.original.slice(start, end), direct: false, kind: 'outlet' });
    }
  }

  // A paragraph that is one quotation goes on with the quotation that closed the paragraph before
  // (a long quotation runs over paragraphs: 斯托尔滕贝格…说：…”。 / “自乌克兰战争爆发以来…”。).
  const carried = ctx.carry;
  ctx.carry = undefined;
  if (carried && quotes.length > 0 && onlyQuotes(f, quotes)) {
    for (const q of quotes) emit(personStatement(carried, ctx.original.slice(q.innerStart, q.innerEnd), true));
    ctx.carry = carried;
    return out;
  }

  const state: ParaState = { lastSubject: undefined, prevSentencePerson: undefined, skipTo: 0, lastQuoteBy: undefined, lastQuoteEnd: 0 };
  let start = 0;
  while (start < f.length) {
    if (start < state.skipTo) start = state.skipTo;
    if (start >= f.length) break;
    const end = sentenceEnd(f, start, quotes);
    const items = tokenize(ctx, f, start, end, quotes);
    sentenceStatements(ctx, f, items, quotes, orphans, state, emit, end);
    start = Math.max(end, start + 1);
  }
  // Only a quotation that closes the paragraph can go on in the next one.
  if (state.lastQuoteBy && /^[\s\p{P}]*$/u.test(f.slice(state.lastQuoteEnd).replace(/[“「『"]/gu, 'x'))) ctx.carry = state.lastQuoteBy;
  return out;
}

/** Whether a paragraph is nothing but quotations (and punctuation between them). */
function onlyQuotes(f: string, quotes: Quote[]): boolean {
  let rest = '';
  let at = 0;
  for (const q of quotes) {
    rest += f.slice(at, q.open);
    at = q.end;
  }
  rest += f.slice(at);
  return /^[\s\p{P}]*$/u.test(rest);
}

function personStatement(who: Subject, text: string, direct: boolean): Omit<RawStatement, 'paragraph'> {
  return { speaker: who.name ?? '', ...(who.role ? { role: who.role } : {}), text, direct, kind: 'person' };
}

interface ParaState {
  /** The last named subject in this paragraph (a person), for 他/她/该官员. */
  lastSubject: Subject | undefined;
  /** The person whose statement ended the previous sentence, for a run of quotations. */
  prevSentencePerson: Subject | undefined;
  /** A colon's quotation closed by an orphan mark ran to here: sentences before it are consumed. */
  skipTo: number;
  /** The person of the last quotation given to someone, and where that quotation ends. */
  lastQuoteBy: Subject | undefined;
  lastQuoteEnd: number;
}

/** End of the sentence starting at `start`: after 。！？； outside quotations, or after a quotation ending one. */
function sentenceEnd(f: string, start: number, quotes: Quote[]): number {
  let i = start;
  while (i < f.length) {
    const q = quotes.find((x) => x.open === i);
    if (q) {
      const inner = f.slice(q.innerStart, q.innerEnd).trimEnd();
      i = q.end;
      // “…。”据分析… : a quotation that ends with a full stop ends its sentence unless a comma follows.
      if (/[。！？!?]$/.test(inner)) {
        let k = i;
        while (f[k] === ' ') k++;
        if (!/[，,、:：)）]/.test(f[k] ?? '') && !quotes.some((x) => x.open === k)) return i;
      }
      continue;
    }
    const c = f[i] as string;
    i++;
    if (/[。！？!?；;]/.test(c)) {
      while (/[。！？!?”」』\s]/.test(f[i] ?? '') && !quotes.some((x) => x.open === i)) i++;
      return i;
    }
  }
  return f.length;
}

/** Tokens of f[start, end): quotations are single tokens, known names are forced whole, jieba cuts the rest. */
function tokenize(ctx: Ctx, f: string, start: number, end: number, quotes: Quote[]): Tok[] {
  const toks: Tok[] = [];
  let i = start;
  let seg = start;
  const flush = (to: number): void => {
    if (to > seg) for (const t of cutSegment(ctx, f, seg, to)) toks.push(t);
  };
  while (i < end) {
    const q = quotes.find((x) => x.open === i);
    if (q) {
      flush(i);
      const qEnd = Math.min(q.end, f.length);
      toks.push({ w: f.slice(i, qEnd), tag: 'quote', cls: 'quote', s: i, e: qEnd, quote: q });
      i = qEnd;
      seg = i;
      continue;
    }
    if (f[i] === '《') {
      const close = f.indexOf('》', i);
      if (close !== -1 && close < end && close - i <= 30) {
        flush(i);
        toks.push({ w: f.slice(i + 1, close), tag: 'book', cls: 'book', s: i, e: close + 1 });
        i = close + 1;
        seg = i;
        continue;
      }
    }
    i++;
  }
  flush(end);
  return toks;
}

function cutSegment(ctx: Ctx, f: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  const text = f.slice(from, to);
  let at = 0;
  const jiebaPart = (a: number, b: number): void => {
    if (b <= a) return;
    for (const t of tag(text.slice(a, b))) {
      const s = from + a + t.start;
      for (const piece of unglue(t.word, t.tag)) {
        const ps = s + piece.offset;
        out.push(classify(piece.word, piece.tag, ps, ps + piece.word.length, ctx));
      }
    }
  };
  // Known names first, then titles (jieba cuts 防卫相 as 防卫/相, 第一次长 as 第一次/长), then jieba.
  const forced: { s: number; e: number; cls: Cls }[] = [];
  if (ctx.knownRe) for (const m of text.matchAll(ctx.knownRe)) forced.push({ s: m.index, e: m.index + m[0].length, cls: 'name' });
  for (const m of text.matchAll(ROLE_RE)) {
    const s = m.index;
    const e = s + m[0].length;
    if (!forced.some((x) => s < x.e && e > x.s)) forced.push({ s, e, cls: 'role' });
  }
  forced.sort((a, b) => a.s - b.s);
  for (const x of forced) {
    if (x.s < at) continue;
    jiebaPart(at, x.s);
    out.push({ w: text.slice(x.s, x.e), tag: x.cls === 'name' ? 'name!' : 'role!', cls: x.cls, s: from + x.s, e: from + x.e });
    at = x.e;
  }
  jiebaPart(at, text.length);
  return mergeLatin(out, ctx);
}

/** Splits a function word or speech verb off a word jieba glued it to (岸田向 → 岸田 向; 发推称 → 发推 称). */
function unglue(word: string, t: string): { word: string; tag: string; offset: number }[] {
  if (SPEECH.has(word) || WEAK_SPEECH.has(word) || NOT_SPEECH_WORDS.has(word) || ADVERBS.has(word) || OPENERS.has(word) || ROLE_END_RE.test(word)) return [{ word, tag: t, offset: 0 }];
  if (t === 'x' || t === 'nr' || t === 'n' || t === 'v' || t === 'nz') {
    // 更大赞 → 更 大赞: an adverb glued to a speech verb.
    for (let k = 1; k < word.length - 1; k++) {
      const head = word.slice(0, k);
      const verb = word.slice(k);
      if (SPEECH.has(verb) && ADVERBS.has(head)) return [{ word: head, tag: 'd', offset: 0 }, { word: verb, tag: 'v', offset: k }];
    }
    const m = GLUED_TAIL_RE.exec(word);
    // A one-character head only when it is an adverb or ends a phrase (时说 → 时 说; 还称 → 还 称).
    if (m?.[1] && m[2] && HAN_RE.test(word) && ([...m[1]].length >= 2 || ADVERBS.has(m[1]) || PP_END.has(m[1]))) {
      const head = m[1];
      const headTag = t === 'v' && ADVERBS.has(head) ? 'd' : t;
      return [
        { word: head, tag: ADVERBS.has(head) ? 'd' : headTag, offset: 0 },
        { word: m[2], tag: SPEECH.has(m[2]) ? 'v' : 'p', offset: head.length },
      ];
    }
  }
  return [{ word, tag: t, offset: 0 }];
}

/** Latin words and the spaces between them become one token: Howard Lutnick. */
function mergeLatin(toks: Tok[], ctx: Ctx): Tok[] {
  const out: Tok[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (t.tag === 'eng') {
      let j = i;
      while (toks[j + 2]?.tag === 'eng' && toks[j + 1]?.w === ' ') j += 2;
      const s = t.s;
      const e = (toks[j] as Tok).e;
      const w = ctx.folded.slice(s, e);
      const original = ctx.original.slice(s, e).normalize('NFKC');
      const name = latinName(original) === original.trim() ? original.trim() : undefined;
      out.push({ w, tag: name ? 'eng!' : 'eng', cls: name ? 'name' : 'noun', s, e });
      i = j;
      continue;
    }
    out.push(t);
  }
  return out;
}

function classify(w: string, t: string, s: number, e: number, ctx: Ctx): Tok {
  const tok = (cls: Cls): Tok => ({ w, tag: t, cls, s, e });
  if (/^\s+$/.test(w)) return tok('sp');
  if (w === ',' || w === '，') return tok('comma');
  if (w === ':' || w === '：') return tok('colon');
  if (w === '、') return tok('dun');
  if (/^[\p{P}\p{S}]+$/u.test(w)) return tok('punct');
  if (ctx.known.has(w)) return tok('name');
  if (NOT_SPEECH_WORDS.has(w)) return tok(w === '据称' || w === '据说' ? 'adv' : 'noun');
  if (SPEECH.has(w)) return tok('speech');
  if (WEAK_SPEECH.has(w)) return tok('weak');
  if (w === '了' || w === '道' || w === '一句' || w === '过') return tok('le');
  if (PRONOUNS.has(w)) return tok('pron');
  if (w === '的' || w === '之') return tok('de');
  if (w === '据' || w === '根据' || w === '依据' || w === '援引' || w === '引述') return tok('ju');
  if (NOT_SAID.has(w)) return tok('notsaid');
  if (PP_START.has(w)) return tok('ppstart');
  if (OBJ_PREP.has(w) && !WITH.has(w)) return tok('objprep');
  if (WITH.has(w)) return tok('with');
  if (PP_END.has(w)) return tok('ppend');
  if (ROLE_END_RE.test(w)) return tok('role');
  if (ADVERBS.has(w) || OPENERS.has(w)) return tok('adv');
  if (/^[\d.]+$/.test(w) || /^[\d一二三四五六七八九十]+[日月年号时分]?$/.test(w) || /^(?:月|日|年|号|月间|日晚|时许)$/.test(w) || t === 't') return tok('time');
  if (t === 'd') return tok('adv');
  // jieba's person tag is a guess: 于本周/nr is not a name.
  if ((t === 'nr' || t === 'nrt' || t === 'nrfg') && !FUNCTION_CHARS.has(w[0] ?? '') && !FUNCTION_CHARS.has(w.at(-1) ?? '')) return tok('name');
  // A whole phrase jieba kept as one word: 在会谈中.
  if (/^[在于].{1,6}[上中时后]$/u.test(w)) return tok('adv');
  if (t.startsWith('v')) return tok('verb');
  if (t.startsWith('n') || t === 'x' || t === 'eng' || t === 'l' || t === 'i' || t === 'b' || t === 'j') return tok('noun');
  if (t === 'm' || t === 'q' || t === 'mq') return tok('time');
  if (t === 'p' || t === 'c') return tok('other');
  return tok('other');
}

// ---------------------------------------------------------------------------------------------
// Clauses: who speaks

interface Clause {
  toks: Tok[];
  /** The comma, colon or semicolon that ends it (undefined at the sentence's end). */
  delim: Tok | undefined;
}

function clausesOf(items: Tok[]): Clause[] {
  const out: Clause[] = [];
  let cur: Tok[] = [];
  for (const t of items) {
    if (t.cls === 'comma' || t.cls === 'colon' || t.w === ';' || t.w === '；') {
      out.push({ toks: cur, delim: t });
      cur = [];
    } else cur.push(t);
  }
  out.push({ toks: cur, delim: undefined });
  return out;
}

const meaningfulToks = (toks: Tok[]): Tok[] => toks.filter((t) => t.cls !== 'sp');

/** The first speech verb of a clause that is a statement verb here (not 被认为, 的承诺, 表示感谢). */
function findVerb(c: Clause, next: Clause | undefined): number {
  const toks = c.toks;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (t.cls !== 'speech' && t.cls !== 'weak') continue;
    const prev = prevTok(toks, i);
    if (prev && (prev.w === '被' || prev.cls === 'de' || prev.w === '所')) continue;
    const after = nextTok(toks, i);
    if (after && after.cls === 'de') continue;
    // 作出上述表示 / 此番表示: points back to words given elsewhere.
    if (prev && /^(?:上述|此番|这番|该番|以上|前述)$/.test(prev.w)) continue;
    // 对美国来说 and the like were weeded out as words; a weak verb needs punctuation or a quotation next.
    const tail = afterVerb(c, i);
    if (t.cls === 'weak' || t.w === '告诉') {
      const ok = tail.kind === 'quote' || tail.kind === 'end' && (c.delim?.cls === 'comma' || c.delim?.cls === 'colon') && next !== undefined;
      if (!ok) {
        if (t.w === '告诉') {
          // 告诉媒体，…: the object, then a comma, then what was said.
          const rest = meaningfulToks(toks.slice(i + 1));
          if (rest.length > 0 && rest.length <= 3 && rest.every((x) => x.cls === 'noun' || x.cls === 'name' || x.cls === 'pron') && c.delim?.cls === 'comma') return i;
        }
        continue;
      }
    }
    return i;
  }
  return -1;
}

function prevTok(toks: Tok[], i: number): Tok | undefined {
  for (let k = i - 1; k >= 0; k--) if (toks[k]?.cls !== 'sp') return toks[k];
  return undefined;
}
function nextTok(toks: Tok[], i: number): Tok | undefined {
  for (let k = i + 1; k < toks.length; k++) if (toks[k]?.cls !== 'sp') return toks[k];
  return undefined;
}

/** What follows the verb inside its clause: nothing, a quotation, or the words said. */
function afterVerb(c: Clause, v: number): { kind: 'end' } | { kind: 'quote'; at: number } | { kind: 'words'; at: number } {
  let k = v + 1;
  while (k < c.toks.length) {
    const t = c.toks[k] as Tok;
    if (t.cls === 'sp' || t.cls === 'le' || t.w === '称' || t.w === '说' || t.w === '道' || t.cls === 'punct' && /^[。！？!?.…]+$/.test(t.w)) k++;
    else break;
  }
  const t = c.toks[k];
  if (!t) return { kind: 'end' };
  if (t.cls === 'quote') return { kind: 'quote', at: k };
  return { kind: 'words', at: k };
}

/**
 * Parses the words before a verb: [openers] subject [adverbs, 在…上, 对…, …时] verb.
 * Returns the subject (undefined when none is written: 还表示…), or 'bad' when the words do not
 * read as someone speaking (美日领导人发表的…联合声明写道, 特朗普要求日本表示…).
 */
function parseSpeaker(ctx: Ctx, toks: Tok[]): Subject | undefined | 'bad' {
  const t = meaningfulToks(toks);
  let i = 0;
  while (i < t.length && isOpener(t[i] as Tok)) i++;
  i = locativeOpener(t, i);
  if (i === t.length) return undefined;
  // Elided subject: the clause starts with its adverbs, a phrase or an object (向他透露了…).
  const head = t[i] as Tok;
  if (['adv', 'time', 'ppstart', 'objprep', 'speech', 'weak', 'le'].includes(head.cls) && matchMid(t, i, t.length) === 'ok') return undefined;
  // [subject noun phrase][middle]
  for (let j = t.length; j > i; j--) {
    const np = t.slice(i, j);
    if (!isNounPhrase(np)) continue;
    const mid = matchMid(t, j, t.length);
    if (mid === 'bad') continue;
    const subject = classifyNP(ctx, np);
    if (mid === 'together') return { kind: 'group' };
    return subject;
  }
  // A relative clause before the subject: 上周上任的日本首相高市早苗说; 结束与拜登站着交谈的岸田向记者团回顾称.
  for (let d = i; d < t.length; d++) {
    const de = t[d] as Tok;
    if (de.cls !== 'de') continue;
    const rc = t.slice(i, d);
    if (rc.some((x) => x.cls === 'objprep' || x.cls === 'speech' || x.cls === 'quote' || x.cls === 'pron' || x.cls === 'ju')) break;
    for (let j = t.length; j > d + 1; j--) {
      const np = t.slice(d + 1, j);
      if (!isNounPhrase(np)) continue;
      if (matchMid(t, j, t.length) !== 'ok') continue;
      const subject = classifyNP(ctx, np);
      return subject.kind === 'person' ? subject : 'bad';
    }
  }
  return 'bad';
}

/** 电话中布林肯…: a place or occasion in a bare noun before the subject. */
function locativeOpener(t: Tok[], i: number): number {
  const a = t[i];
  const b = t[i + 1];
  const c = t[i + 2];
  if (a?.cls === 'noun' && b?.cls === 'ppend' && /^(?:中|上|里|期间|会上)$/.test(b.w) && (c?.cls === 'name' || c?.cls === 'role')) return i + 2;
  return i;
}

function isOpener(t: Tok): boolean {
  return OPENERS.has(t.w) || t.cls === 'time' || t.cls === 'adv' && ADVERBS.has(t.w) || t.w === '对此';
}

function isNounPhrase(np: Tok[]): boolean {
  if (np.length === 0) return false;
  const last = np[np.length - 1] as Tok;
  if (last.cls === 'de' || last.cls === 'dun') return false;
  if (isTitledName(np)) return true;
  for (let k = 0; k < np.length; k++) {
    const x = np[k] as Tok;
    if (x.cls === 'name' || x.cls === 'role' || x.cls === 'noun' || x.cls === 'pron' || x.cls === 'book' || x.cls === 'dun') continue;
    if (/^(?:前|副|时任|新任|现任|首任|前任|原)$/.test(x.w) && k < np.length - 1) continue; // 美国前总统助理
    // 6名…官员, 第一次长: numbers and measure words inside a noun phrase.
    if (x.cls === 'time' && k < np.length - 1) continue;
    if (x.cls === 'de' && k > 0) continue;
    // 该官员, 这位首相; a short quotation naming a medium (美国媒体「Axios」).
    if ((x.w === '该' || x.w === '这位' || x.w === '这名' || x.w === '此') && k === 0) continue;
    if (x.cls === 'quote' && x.quote && x.quote.innerEnd - x.quote.innerStart <= 12) continue;
    // Single characters jieba left alone inside a name (萩生/田光/一; 赤泽亮/正).
    if ((x.cls === 'adv' || x.cls === 'verb' || x.cls === 'other') && [...x.w].length === 1 && k > 0 && !FUNCTION_CHARS.has(x.w) && (np[k - 1]?.cls === 'name' || np[k - 1]?.cls === 'noun')) continue;
    if (x.cls === 'verb' && np.slice(k + 1).some((y) => y.cls === 'de')) continue; // 特朗普执政时期的…
    return false;
  }
  return true;
}

/**
 * A title and a name closing the phrase (和平安全保障研究所理事长德地秀士; 特朗普时期的前白宫国家安全顾问波顿):
 * the words before the title are the title's, whatever jieba tags them, if they name nobody
 * (特朗普要求日本首相岸田文雄… is not a phrase: 特朗普 is followed by a verb, not by 的).
 */
function isTitledName(np: Tok[]): boolean {
  let k = np.length - 1;
  if (np[k]?.cls === 'role') k--;
  if (np[k]?.cls !== 'name') return false;
  while (k > 0 && np[k - 1]?.cls === 'name') k--;
  if (np[k - 1]?.cls !== 'role') return false;
  const before = np.slice(0, k);
  for (let i = 0; i < before.length; i++) {
    const x = before[i] as Tok;
    if (['ppstart', 'objprep', 'ju', 'notsaid', 'speech', 'weak', 'pron', 'comma', 'colon', 'punct'].includes(x.cls)) return false;
    if (x.cls === 'with' && x.w !== '与' && x.w !== '和') return false;
    if (x.cls === 'quote' && (x.quote?.innerEnd ?? 0) - (x.quote?.innerStart ?? 0) > 12) return false;
    // A name before the title only as a modifier: 特朗普时期的…
    // (or a word jieba took for a name inside an organisation's: 国家/安保/室).
    if (x.cls === 'name' && !before.slice(i + 1).some((y) => y.cls === 'de') && !['noun', 'role'].includes(before[i + 1]?.cls ?? '')) return false;
  }
  return true;
}

/** 欢迎岸田时, 发表演讲时, 会晤结束后: the end of a clause of time. */
function isTemporalEnd(w: string): boolean {
  if (TEMPORAL_END.has(w)) return true;
  return [...w].length >= 2 && /[时后]$/u.test(w) && !/^(?:同时|当时|及时|随时|暂时|按时|准时|届时|此时|那时|平时|适时|小时|有时|然后|最后|此后|今后|其后|之后|以后|随后|落后|背后|幕后|前后|先后)$/u.test(w);
}

/**
 * The words between a subject and its verb: adverbs and times, 在…上/中/时, 对/向/告诉 + object,
 * 与…会谈时. 'together' when the subject speaks with another named person (特朗普与石破茂在联合声明中强调).
 */
function matchMid(t: Tok[], from: number, to: number, depth = 0): 'ok' | 'bad' | 'together' {
  if (from >= to) return 'ok';
  if (depth > 12) return 'bad';
  const x = t[from] as Tok;
  if (x.cls === 'adv' || x.cls === 'time' || x.cls === 'le' || x.w === '地' || x.w === '亲口' || x.w === '对此' || x.w === '就此') return matchMid(t, from + 1, to, depth + 1);
  if (x.cls === 'ppend' && from > 0) return matchMid(t, from + 1, to, depth + 1);
  if (x.cls === 'notsaid') return 'bad';
  // Another speech verb right before the verb: 回应/称, 分析/认为, 指/认为, 补充/说.
  if ((x.cls === 'speech' || x.cls === 'weak') && t.slice(from + 1, to).every((y) => y.cls === 'adv' || y.cls === 'le' || y.cls === 'speech' || y.cls === 'weak')) return 'ok';
  if (x.cls === 'ppstart') {
    for (let e = to - 1; e > from; e--) {
      if ((t[e] as Tok).cls === 'ppend' || (t[e] as Tok).w.endsWith('上') || (t[e] as Tok).w.endsWith('中') || (t[e] as Tok).w.endsWith('时')) {
        if (matchMid(t, e + 1, to, depth + 1) === 'ok') return 'ok';
      }
    }
    return 'bad';
  }
  if (x.cls === 'with') {
    // 与拜登(在…)强调: two people speaking together.
    let k = from + 1;
    let named = false;
    while (k < to && (t[k]?.cls === 'name' || t[k]?.cls === 'role' || t[k]?.cls === 'noun' || t[k]?.cls === 'pron')) {
      if (t[k]?.cls === 'name' || t[k]?.cls === 'pron') named = true;
      k++;
    }
    // 与岸田在白宫举行会谈后宣布, 与他一起表示: said by both, so by neither alone.
    if (named && matchMid(t, k, to, depth + 1) === 'ok') return 'together';
    for (let e = to - 1; e > from; e--) {
      if (isTemporalEnd((t[e] as Tok).w) && matchMid(t, e + 1, to, depth + 1) === 'ok') return 'ok';
    }
    return 'bad';
  }
  if (x.cls === 'objprep' || x.w === '告诉') {
    // The object runs to the verb, or to a phrase that is followed by the verb.
    for (let e = to; e > from + 1; e--) {
      const obj = t.slice(from + 1, e);
      if (obj.some((y) => y.cls === 'speech' || y.cls === 'quote' || y.cls === 'notsaid')) continue;
      if (e === to || matchMid(t, e, to, depth + 1) === 'ok') return 'ok';
    }
    return 'bad';
  }
  // A clause of time without 在: 欢迎岸田时, 会晤结束后, 接受…采访时.
  if (x.cls === 'verb' || x.cls === 'noun' || x.cls === 'name') {
    for (let e = to - 1; e > from; e--) {
      if (isTemporalEnd((t[e] as Tok).w) && matchMid(t, e + 1, to, depth + 1) === 'ok') {
        const inner = t.slice(from, e);
        if (inner.some((y) => y.cls === 'speech' || y.cls === 'notsaid')) return 'bad';
        return 'ok';
      }
    }
  }
  return 'bad';
}

/** What kind of subject a noun phrase is, with the name and title split when it is a person. */
function classifyNP(ctx: Ctx, np: Tok[]): Subject {
  const toks = np.filter((x) => x.cls !== 'sp');
  const text = toks.map((x) => (x.cls === 'book' ? `《${x.w}》` : x.w)).join('');
  const first = toks[0];
  if (!first) return { kind: 'other' };
  if (toks.length === 1 && first.cls === 'pron') return { kind: 'pron' };
  if (COLLECTIVE_RE.test(text)) return { kind: 'group' };
  if (/^(?:该|这位|这名|此)/.test(text)) {
    const rest = text.replace(/^(?:该|这位|这名|此)/, '');
    if (/^(?:报道|报导|报告|消息)$/.test(rest)) return ctx.lastOutlet ? { kind: 'outlet', name: ctx.lastOutlet } : { kind: 'other' };
    return ROLE_END_RE.test(rest) && !/^(?:官员|人士|消息人士)$/.test(rest) || rest === '' ? { kind: 'pron' } : { kind: 'other' };
  }
  // Names joined by 和/、: several people.
  const names = toks.filter((x) => x.cls === 'name');
  if (names.length >= 2 && toks.some((x) => x.cls === 'dun' || WITH.has(x.w))) return { kind: 'group' };

  const outlet = outletName(keepCase(ctx, first.s, toks[toks.length - 1]?.e ?? first.e).replace(/\s+/g, ' ').trim(), toks);
  if (outlet) return { kind: 'outlet', name: outlet };

  // The head: a name at the end (日本首相岸田文雄), or before a title (拜登总统).
  const pick = (end: number): Subject | undefined => {
    // Longest run of name-like tokens ending at `end`.
    for (let s = 0; s < end; s++) {
      const run = toks.slice(s, end);
      if (!run.every((x) => x.cls === 'name' || x.cls === 'noun' || x.cls === 'adv' || x.cls === 'verb' || x.cls === 'other')) continue;
      const raw = nameText(ctx, run);
      const before = toks.slice(0, s);
      const anchored = before.length > 0 && before[before.length - 1]?.cls === 'role';
      if (!isNameString(raw, anchored, ctx.known)) continue;
      const role = roleText(before);
      if (before.length > 0 && !role) continue; // 日本政府岸田?: what stands before must be a title
      return role ? { kind: 'person', name: raw, role } : { kind: 'person', name: raw };
    }
    return undefined;
  };
  const atEnd = pick(toks.length);
  if (atEnd) return atEnd;
  const last = toks[toks.length - 1] as Tok;
  if (last.cls === 'role' && toks.length >= 2) {
    const p = pick(toks.length - 1);
    if (p?.name && !p.role) return { kind: 'person', name: p.name, role: last.w };
    if (p) return p;
  }
  // A title alone (首相强调): the one holder of that office the article names.
  if (last.cls === 'role' && toks.every((x) => x.cls === 'role' || x.cls === 'noun' && x.tag === 'ns')) {
    const title = titleOf(text);
    const holders = title ? ctx.holders.get(title) : undefined;
    if (title && holders && holders.size === 1) {
      const only = [...holders][0] as string;
      return { kind: 'person', name: only, role: text };
    }
    return { kind: 'title' };
  }
  return { kind: 'other' };
}

/** Folded text of [s, e) with Latin letters in their original case (TBS电视台, not tbs电视台). */
function keepCase(ctx: Ctx, s: number, e: number): string {
  const f = ctx.folded.slice(s, e);
  const o = ctx.original.slice(s, e);
  let out = '';
  for (let i = 0; i < f.length; i++) {
    const c = f[i] as string;
    const n = (o[i] ?? c).normalize('NFKC');
    out += /[a-z]/.test(c) && n.length === 1 && n.toLowerCase() === c ? n : c;
  }
  return out;
}

/** The name as written: folded Han, Latin with its original case. */
function nameText(ctx: Ctx, run: Tok[]): string {
  const s = run[0]?.s ?? 0;
  const e = run[run.length - 1]?.e ?? s;
  const folded = ctx.folded.slice(s, e).replace(/\s+/g, ' ').trim();
  if (!/[a-z]/.test(folded)) return folded.replace(DOT_RE, '·');
  return ctx.original.slice(s, e).normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** The title before a name: the phrase after the last 的 or 、 (特朗普时期的前白宫国家安全顾问 → 前白宫国家安全顾问). */
function roleText(before: Tok[]): string | undefined {
  if (before.length === 0) return undefined;
  let k = before.length;
  while (k > 0 && before[k - 1]?.cls !== 'de' && before[k - 1]?.cls !== 'quote') k--;
  const words = before.slice(k).map((x) => x.w);
  const role = words.join('').replace(/^、+|、+$/g, '');
  return role && ROLE_END_RE.test(role) ? role : undefined;
}

/** A news outlet's name, when the phrase is one: 共同社, 日本《读卖新闻》, 日媒共同社, TBS电视台, FNN. */
function outletName(text: string, toks?: Tok[]): string | undefined {
  const book = /《([^《》]{2,20})》/u.exec(text)?.[1];
  if (book) return OUTLET_RE.test(book) ? book : undefined;
  const rest = text.replace(GENERIC_MEDIA_RE, '').trim();
  if (!rest) return undefined;
  if (/^[A-Za-z]{2,8}$/.test(rest) && toks && text !== rest) return rest;
  const q = /[「“"]([A-Za-z][A-Za-z .]{1,20})[」”"]/.exec(rest);
  if (q?.[1]) return q[1];
  if (!OUTLET_RE.test(rest) || /^(?:新闻|广播|评论|杂志|网|社|电台)$/.test(rest)) return undefined;
  // 白宫新闻秘书 is a title; 日本政府 is not an outlet: the phrase must end in the outlet word.
  if (ROLE_END_RE.test(rest)) return undefined;
  return rest.length <= 16 ? rest : undefined;
}

// ---------------------------------------------------------------------------------------------
// Sentences: events in order

interface Open {
  speaker: Subject;
  /** Offset where the words said begin. */
  from: number;
  /** A person name inside the words said so far (a later 他 may be that person). */
  sawName: boolean;
}

function sentenceStatements(
  ctx: Ctx,
  f: string,
  items: Tok[],
  quotes: Quote[],
  orphans: number[],
  state: ParaState,
  emit: (s: Omit<RawStatement, 'paragraph'>) => void,
  sentenceEndAt: number,
): void {
  const sayPerson = (who: Subject, text: string, direct: boolean, end?: number): void => {
    if (who.kind !== 'person' || !who.name) return;
    emit(personStatement(who, text, direct));
    if (end !== undefined) {
      state.lastQuoteBy = who;
      state.lastQuoteEnd = end;
    }
  };
  const quoteText = (q: Quote): string => ctx.original.slice(q.innerStart, q.innerEnd);
  let lastPerson: Subject | undefined; // the person of the last event in this sentence
  let lastWasDirect = false;
  let topic: Subject | undefined; // the subject of this sentence's narrative so far
  let open: Open | undefined;
  let dead = false; // the rest of the sentence is someone's nested speech: attribute nothing more

  // A person opening a clause becomes the one 他 refers to; another subject (双方, 日本政府) clears it,
  // but only at the sentence's start: later clauses usually go on with the same subject, unwritten.
  const noteTopic = (np: Subject | undefined, first: boolean): void => {
    if (!np) return;
    if (np.kind === 'person') {
      topic = np;
      state.lastSubject = np;
    } else if (np.kind === 'pron') {
      const r = resolve(np, topic, state);
      topic = r;
      state.lastSubject = r;
    } else if (first || np.kind === 'group' || np.kind === 'outlet') {
      topic = np;
      state.lastSubject = undefined;
    }
  };
  const closeOpen = (at: number): void => {
    if (!open) return;
    // Reported speech that quotes the speaker's own words (…“决心直接面对”朝鲜…) holds a quotation; a quoted
    // term of a few characters (“现实外交”, “失血”) does not make it one.
    const from = open.from;
    const quoted = items.some((x) => x.cls === 'quote' && x.s >= from && x.e <= at && x.quote !== undefined && [...x.w].length - 2 >= 6);
    sayPerson(open.speaker, cleanText(ctx.original.slice(from, at), false), quoted);
    open = undefined;
  };

  // A sentence that is only quotations: its speaker comes after it (“…，”拜登说。) or before it (a run).
  const firstMeaningful = items.find((x) => x.cls !== 'sp' && x.cls !== 'punct');
  if (firstMeaningful?.cls === 'quote') {
    const lead: Quote[] = [];
    let k = 0;
    while (k < items.length && (items[k]?.cls === 'quote' || items[k]?.cls === 'sp' || items[k]?.cls === 'punct' && !/[。！？!?]/.test(items[k]?.w ?? ''))) {
      const q = items[k]?.quote;
      if (q) lead.push(q);
      k++;
    }
    const rest = items.slice(k).filter((x) => x.cls !== 'sp' && x.cls !== 'punct');
    let speaker: Subject | undefined;
    const restStart = k;
    if (rest.length > 0) {
      // “…，”伊曼纽尔会晤结束后向记者表示。 / 「…」拜登说，「…」
      const after = clausesOf(items.slice(k).filter((x) => !(x.cls === 'comma' && x === items[k])));
      const c0 = after[0];
      if (c0) {
        const v = findVerb(c0, after[1]);
        if (v >= 0 && afterVerb(c0, v).kind === 'end' && c0.delim?.cls !== 'colon') {
          const who = parseSpeaker(ctx, c0.toks.slice(0, v));
          if (who && who !== 'bad') speaker = resolve(who, topic, state);
        }
      }
    } else {
      // The attribution may open the next sentence: 「…可能会在8月。」川普说，日本同意…
      const nextStart = sentenceEndAt;
      if (nextStart < f.length) {
        const nextEnd = sentenceEnd(f, nextStart, quotes);
        const nextItems = tokenize(ctx, f, nextStart, nextEnd, quotes);
        const nc = clausesOf(nextItems);
        const c0 = nc[0];
        if (c0) {
          const v = findVerb(c0, nc[1]);
          if (v >= 0 && afterVerb(c0, v).kind === 'end' && c0.delim?.cls !== 'colon') {
            const who = parseSpeaker(ctx, c0.toks.slice(0, v));
            if (who && who !== 'bad' && who.kind === 'person') speaker = who;
          }
        }
      }
      // Or it continues the quotations of the sentence before (a run keeps its speaker).
      if (!speaker && state.prevSentencePerson) speaker = state.prevSentencePerson;
    }
    if (speaker?.kind === 'person') {
      for (const q of lead) sayPerson(speaker, quoteText(q), true, q.end);
      lastPerson = speaker;
      lastWasDirect = true;
      state.lastSubject = speaker;
    }
    if (rest.length === 0) {
      state.prevSentencePerson = speaker?.kind === 'person' ? speaker : undefined;
      return;
    }
    items = items.slice(restStart);
  }

  const cls = clausesOf(items);
  for (let ci = 0; ci < cls.length; ci++) {
    const c = cls[ci] as Clause;
    const next = cls[ci + 1];
    const toks = c.toks;
    if (meaningfulToks(toks).length === 0) continue;
    if (dead) break;
    const clauseStart = meaningfulToks(toks)[0]?.s ?? 0;

    // 据共同社报道， / 据岸田称，: the source of what follows.
    const ju = sourceClause(ctx, toks);
    if (ju) {
      const restFrom = c.delim ? c.delim.e : (toks[toks.length - 1]?.e ?? clauseStart);
      if (ju.kind === 'outlet' && ju.name) {
        if (!open) {
          ctx.lastOutlet = ju.name;
          emit({ speaker: ju.name, text: ctx.original.slice(restFrom, sentenceEndAt), direct: false, kind: 'outlet' });
        }
        continue;
      }
      if (ju.kind === 'person' && !open) {
        open = { speaker: ju, from: restFrom, sawName: false };
        lastPerson = ju;
        lastWasDirect = false;
        state.lastSubject = ju;
        continue;
      }
      continue;
    }

    // 据报道/据悉 inside what someone says is the writer sourcing something else: the statement ends there.
    if (open && (isHearsay(toks) || sourceClause(ctx, toks)?.kind === 'outlet')) {
      closeOpen(clauseStart);
      dead = true;
      break;
    }
    const v = findVerb(c, next);
    // 美国总统 拜登:「…」 — a name and a colon before a quotation, as in a transcript.
    if (v < 0 && !open && c.delim?.cls === 'colon' && isQuoteNext(next)) {
      const np = meaningfulToks(toks).filter((x) => !isOpener(x));
      const who = isNounPhrase(np) ? classifyNP(ctx, np) : undefined;
      if (who?.kind === 'person') {
        for (const q of next?.toks ?? []) {
          if (q.cls === 'sp') continue;
          if (q.cls !== 'quote' || !q.quote) break;
          sayPerson(who, quoteText(q.quote), true, q.quote.end);
        }
        lastPerson = who;
        lastWasDirect = true;
        state.lastSubject = who;
        ci++;
        continue;
      }
    }
    if (v < 0) {
      if (open) {
        if (toks.some((x) => x.cls === 'name')) open.sawName = true;
        continue;
      }
      // Narrative: its subject is the one 他 and an elided subject refer to.
      noteTopic(clauseTopic(ctx, toks), ci === 0);
      continue;
    }

    const parsed = parseSpeaker(ctx, toks.slice(0, v));
    let tail = afterVerb(c, v);
    // 告诉媒体，…: the object of 告诉 is not what was said.
    if ((toks[v] as Tok).w === '告诉' && tail.kind === 'words' && c.delim?.cls === 'comma') tail = { kind: 'end' };
    const quoteNext = tail.kind === 'quote' || tail.kind === 'end' && isQuoteNext(next);
    const colonNext = tail.kind === 'end' && c.delim?.cls === 'colon';
    const adverbBefore = toks.slice(0, v).some((x) => ['还', '并', '也', '又', '同时', '另', '亦', '更', '再', '此外', '另外', '则'].includes(x.w));

    let speaker: Subject | undefined;
    if (parsed === 'bad') {
      // 日经新闻周二则报导: jieba may not see the outlet's name as a noun; read the words themselves.
      const outlet = open ? undefined : outletBefore(ctx, toks, v);
      if (outlet) {
        ctx.lastOutlet = outlet;
        const from = tail.kind === 'end' ? (c.delim ? c.delim.e : (toks[v] as Tok).e) : (c.toks[tail.at] as Tok).s;
        emit({ speaker: outlet, text: ctx.original.slice(from, sentenceEndAt), direct: false, kind: 'outlet' });
        continue;
      }
      if (open) {
        if (toks.some((x) => x.cls === 'name')) open.sawName = true;
        continue;
      }
      // Not a speech clause after all; if it has a plain subject, it is the topic.
      noteTopic(clauseTopic(ctx, toks), ci === 0);
      continue;
    }
    if (parsed === undefined) {
      // No subject written: the same speaker continuing (还表示…), or the sentence's subject.
      if (open) {
        if (!adverbBefore) continue; // part of what is being said
        closeOpen(clauseStart);
        speaker = lastPerson;
      } else if (lastPerson && (lastWasDirect || adverbBefore)) {
        speaker = lastPerson;
      } else if (!lastPerson && topic) {
        speaker = topic.kind === 'person' ? topic : topic.kind === 'pron' ? resolve(topic, undefined, state) : undefined;
      } else {
        speaker = undefined;
      }
    } else {
      if (open) {
        // Someone else speaking inside what is being said: cut there; only a new quotation or colon is a new statement.
        const sameSpeaker = parsed.kind === 'pron' && !open.sawName;
        closeOpen(clauseStart);
        if (sameSpeaker) speaker = lastPerson;
        else if (quoteNext || colonNext) speaker = resolve(parsed, topic, state);
        else {
          dead = true;
          continue;
        }
      } else {
        speaker = resolve(parsed, topic, state);
      }
    }

    if (parsed !== undefined && parsed.kind === 'outlet' && parsed.name) {
      const verb = toks[v] as Tok;
      if (OUTLET_VERBS.has(verb.w) || verb.w.endsWith('称') || verb.w.endsWith('说')) {
        ctx.lastOutlet = parsed.name;
        const from = tail.kind === 'end' ? (c.delim ? c.delim.e : verb.e) : (c.toks[tail.at] as Tok).s;
        emit({ speaker: parsed.name, text: ctx.original.slice(from, sentenceEndAt), direct: false, kind: 'outlet' });
        topic = undefined;
        continue;
      }
    }

    if (!speaker || speaker.kind !== 'person') {
      // A group, an office or an organisation spoke: their words are nobody's here.
      state.lastSubject = undefined;
      topic = parsed ?? topic;
      lastPerson = undefined;
      if (!quoteNext) dead = true;
      continue;
    }

    lastPerson = speaker;
    state.lastSubject = speaker;
    if (tail.kind === 'quote' || tail.kind === 'end' && isQuoteNext(next)) {
      // Direct: this quotation and any that follow it at once.
      const qToks = tail.kind === 'quote' ? c.toks.slice(tail.at) : (next?.toks ?? []);
      for (const q of qToks) {
        if (q.cls === 'sp') continue;
        if (q.cls !== 'quote' || !q.quote) break;
        sayPerson(speaker, quoteText(q.quote), true, q.quote.end);
      }
      lastWasDirect = true;
      if (tail.kind === 'end' && next) ci++; // the quotation's clause is consumed
      continue;
    }
    lastWasDirect = false;
    // 石破茂向美方作出一系列积极承诺，包括…: the promise is the sentence itself, kept whole from its subject.
    const made = toks.slice(0, v).findIndex((x) => /^(?:作出|做出|给出|发出)$/.test(x.w));
    if (made >= 0) {
      const subjectAt = meaningfulToks(toks).find((x) => !isOpener(x));
      open = { speaker, from: subjectAt?.s ?? clauseStart, sawName: false };
      continue;
    }
    if (tail.kind === 'end') {
      if (!next) continue;
      const from = c.delim ? c.delim.e : (toks[v] as Tok).e;
      if (colonNext) {
        // 茂木敏充还指出：我们认为…协议。” — the opening mark was left out; the closing one ends it.
        const orphan = orphans.find((o) => o > from);
        if (orphan !== undefined && !quotes.some((q) => q.open > from && q.open < orphan)) {
          sayPerson(speaker, ctx.original.slice(from, orphan), true, orphan + 1);
          state.skipTo = orphan + 1;
          lastWasDirect = true;
          state.prevSentencePerson = speaker;
          return;
        }
      }
      open = { speaker, from, sawName: false };
    } else {
      const from = (c.toks[tail.at] as Tok).s;
      open = { speaker, from, sawName: false };
      if (c.toks.slice(tail.at).some((x) => x.cls === 'name')) open.sawName = true;
    }
  }
  closeOpen(sentenceEndAt);
  state.prevSentencePerson = lastPerson;
}

/** An outlet named by the words before a reporting verb, adverbs and times aside. */
function outletBefore(ctx: Ctx, toks: Tok[], v: number): string | undefined {
  const verb = toks[v];
  if (!verb || !OUTLET_VERBS.has(verb.w)) return undefined;
  const t = meaningfulToks(toks.slice(0, v));
  let i = 0;
  while (i < t.length && OPENERS.has((t[i] as Tok).w)) i++;
  let e = t.length;
  while (e > i && ((t[e - 1] as Tok).cls === 'time' || (t[e - 1] as Tok).cls === 'adv' && ADVERBS.has((t[e - 1] as Tok).w))) e--;
  const first = t[i];
  const last = t[e - 1];
  if (!first || !last || e - i > 5) return undefined;
  return outletName(keepCase(ctx, first.s, last.e).trim());
}

function isQuoteNext(next: Clause | undefined): boolean {
  const first = next ? meaningfulToks(next.toks)[0] : undefined;
  return first?.cls === 'quote';
}

/** 据共同社报道 / 根据美联社的报道 / 据该报道 / 据茂木敏充会后证实 / 报道还称: the outlet or person the rest comes from. */
function sourceClause(ctx: Ctx, toks: Tok[]): Subject | undefined {
  const t = meaningfulToks(toks);
  let i = 0;
  while (i < t.length && isOpener(t[i] as Tok) && t[i]?.cls !== 'ju') i++;
  const first = t[i];
  // 报道称 / 报道还称 / 报道指出: the outlet last named goes on.
  if (first && (first.w === '报道' || first.w === '报导') && i + 1 < t.length) {
    const rest = t.slice(i + 1);
    if (rest.every((x) => x.cls === 'adv' || x.cls === 'speech' || x.cls === 'weak' || x.cls === 'le') && rest.some((x) => x.cls === 'speech' || x.cls === 'weak')) {
      return ctx.lastOutlet ? { kind: 'outlet', name: ctx.lastOutlet } : undefined;
    }
    return undefined;
  }
  // The last 据 of the clause (参考消息网7月9日报道据共同社7月9日报道).
  let j = -1;
  for (let k = t.length - 1; k >= i; k--) if (t[k]?.cls === 'ju') { j = k; break; }
  if (j < 0) return undefined;
  if (j > i && t.slice(i, j).some((x) => x.cls === 'speech' || x.cls === 'name' || x.cls === 'pron')) return undefined;
  let e = t.length;
  const isReport = (x: Tok): boolean => REPORT_WORDS.has(x.w) || x.cls === 'speech' || x.cls === 'weak' || x.cls === 'le';
  // Trailing: [time][的](报道|消息|称|说|指出|证实…)[称|说]
  while (e > j + 1 && (isReport(t[e - 1] as Tok) || (t[e - 1] as Tok).cls === 'adv' && (t[e - 1] as Tok).w !== '该')) e--;
  if (e === t.length) return undefined; // 据日本政府的试算: no word of reporting
  while (e > j + 1 && ['time', 'de', 'ppend', 'adv'].includes((t[e - 1] as Tok).cls) && (t[e - 1] as Tok).w !== '该') e--;
  const np = t.slice(j + 1, e);
  if (np.length === 0) return undefined;
  if (np.length === 1 && (np[0]?.w === '该' || np[0]?.w === '此')) return ctx.lastOutlet ? { kind: 'outlet', name: ctx.lastOutlet } : undefined;
  if (!isNounPhrase(np)) return undefined;
  const s = classifyNP(ctx, np);
  return s.kind === 'outlet' || s.kind === 'person' ? s : { kind: 'other' };
}

/** 据报道, 据悉, 据了解: the writer sourcing a claim to nobody in particular. */
function isHearsay(toks: Tok[]): boolean {
  const t = meaningfulToks(toks);
  return t.some((x, k) => /^(?:据报道|据报导|据悉|据了解|据称|据说|据介绍|据指出)$/.test(x.w) || x.cls === 'ju' && /^(?:报道|报导|悉|了解|称|说|介绍)$/.test(t[k + 1]?.w ?? ''));
}

/** The subject a narrative clause opens with, if it opens with one. */
function clauseTopic(ctx: Ctx, toks: Tok[]): Subject | undefined {
  const t = meaningfulToks(toks);
  let i = 0;
  while (i < t.length && isOpener(t[i] as Tok)) i++;
  i = locativeOpener(t, i);
  // 韩国国家安保室第一次长金泰孝17日…: a titled name, whatever jieba made of the title.
  for (let k = t.length - 1; k > i; k--) {
    const np = t.slice(i, k);
    if (isTitledName(np)) return classifyNP(ctx, np);
  }
  let j = i;
  while (j < t.length && (t[j]?.cls === 'name' || t[j]?.cls === 'role' || t[j]?.cls === 'noun' || t[j]?.cls === 'pron' || t[j]?.cls === 'dun')) j++;
  if (j === i || j === t.length) return undefined;
  const np = t.slice(i, j);
  const s = classifyNP(ctx, np);
  if (s.kind === 'pron') return { kind: 'pron' };
  return s;
}

/** A pronoun or bare title as the person it stands for in this paragraph; others as they are. */
function resolve(s: Subject, topic: Subject | undefined, state: ParaState): Subject | undefined {
  if (s.kind === 'person') return s;
  if (s.kind === 'pron') {
    if (topic?.kind === 'person') return topic;
    if (topic && topic.kind !== 'pron') return undefined;
    return state.lastSubject?.kind === 'person' ? state.lastSubject : undefined;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------

function cleanText(text: string, direct: boolean): string {
  let t = text.trim().replace(/^[，,：:、；;\s]+/u, '');
  t = t.replace(/[，,：:、；;\s]+$/u, '');
  if (!direct) t = t.replace(/[。．.]+$/u, '').replace(/^[“「"]([^“”「」"]*)[”」"]$/u, '$1');
  return t.trim();
}

/** Too little to be a statement: 表示感谢, 作出上述表示, an empty colon. */
function meaningful(text: string): boolean {
  const han = (text.match(/\p{sc=Han}/gu) ?? []).length;
  if (han < 4 && text.length < 8) return false;
  if (/^(?:上述|此|这|该)/u.test(text) && han < 8) return false;
  return true;
}
