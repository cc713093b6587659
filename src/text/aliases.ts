import { articleParagraphs, type Article } from '../corpus/article.ts';
import { fold } from './normalize.ts';
import { memoized } from './memo.ts';
import { tag } from './segment.ts';

/**
 * One table of equivalent names and terms, shared by /ask, /who and /timeline: the hand-written
 * groups below, plus every "name (original)" pair the corpus itself gives, such as
 * 斯托尔滕贝格（Jens Stoltenberg） or 尖阁诸岛（中国称钓鱼岛）.
 */

// The first form of each group is the one shown. Only equivalences a reader of the beat would
// expect and the corpus cannot teach (it never writes 温馨预算（驻日美军驻留经费）).
const BUILT_IN: readonly string[][] = [
  ['特朗普', '川普', '唐纳德·特朗普', 'Donald Trump', 'Trump'],
  ['拜登', '乔·拜登', '约瑟夫·拜登', 'Joe Biden', 'Biden'],
  ['TPP', '跨太平洋伙伴关系协定', '环太平洋伙伴关系协定', '跨太平洋伙伴关系', 'Trans-Pacific Partnership'],
  ['CPTPP', '全面与进步跨太平洋伙伴关系协定'],
  ['驻日美军经费', '驻日美军驻留经费', '驻日美军驻留经费负担', '温馨预算', '同情预算', '驻军经费', '美军驻留经费'],
  ['日美同盟', '美日同盟'],
  ['日美安保条约', '美日安保条约', '日美安全保障条约', '美日安全保障条约'],
  ['北约', '北大西洋公约组织', 'NATO'],
  ['G7', '七国集团', '七大工业国'],
  ['印太', '印度太平洋', '印度-太平洋'],
  ['钓鱼岛', '钓鱼台', '尖阁诸岛', '尖阁列岛'],
  ['四方会谈', '四方安全对话', 'Quad'],
  ['AUKUS', '澳英美三边安全伙伴关系'],
  ['LNG', '液化天然气'],
  ['共同社', '日本共同社', 'Kyodo'],
  ['美国之音', 'VOA'],
  ['法广', '法国国际广播电台', 'RFI'],
];

/** Parentheses that give an original or another name: X（Y）, X(Y). */
const BRACKET_RE = /([\p{sc=Han}·・∙•]{2,40})[（(]([^（）()]{2,60})[）)]/gu;
const LATIN_NAME_RE = /^[A-Za-z][A-Za-z.'\- ]*[A-Za-z.]$/;
const ACRONYM_RE = /^[A-Z][A-Z0-9&\-]{1,9}$/;
// "中国称钓鱼岛": another party's name for the same thing.
const CALLED_RE = /^(?:[\p{sc=Han}]{1,4})?[称稱]([\p{sc=Han}]{2,12})$/u;
// Titles and roles that stand before a name and are not part of it (总统, 秘书长, 理事长, 外相…).
const ROLE_END_RE = /(?:长|相|臣|统|理|使|官|席|员|卿|秘书|商|书记|主任|司令|发言人|代表|专家|学者|教授|博士|总裁|董事|顾问|议长|议员|委员|候选人|记者|主播|编辑|国|省|州|市|部|社|会|院|党|所|局|署|厅|府|军|队|大学)$/u;

export interface AliasTableJSON {
  groups: string[][];
}

export class AliasTable {
  /** Folded form → group number. */
  private readonly groupOf = new Map<string, number>();
  private readonly groups: string[][] = [];
  // The longest form key: groupsWithin looks up no longer substring.
  private longestKey = 0;
  private changes = 0;
  private surnameIndex: { version: number; byLastWord: Map<string, Set<number>>; keysOf: Map<number, string[]> } | undefined;

  static builtIn(): AliasTable {
    const table = new AliasTable();
    for (const g of BUILT_IN) table.addGroup(g);
    return table;
  }

  /** The built-in groups plus every bracketed original the articles give. */
  /** `memo` keeps each article's pairs (its text alone decides them): an update reads only new articles. */
  static build(articles: readonly Article[], memo?: WeakMap<Article, [string, string][]>): AliasTable {
    const table = AliasTable.builtIn();
    table.addPairsOf(articles, memo);
    return table;
  }

  /**
   * build(articles) when `base` is build(articles before `from`) (same memo): a copy of it with the
   * pairs of the articles from `from` on added, as build() adds them, one article after another.
   */
  static extend(base: AliasTable, articles: readonly Article[], from: number, memo?: WeakMap<Article, [string, string][]>): AliasTable {
    const table = new AliasTable();
    for (const [k, g] of base.groupOf) table.groupOf.set(k, g);
    for (const g of base.groups) table.groups.push([...g]);
    table.longestKey = base.longestKey;
    table.changes = base.changes;
    table.addPairsOf(articles.slice(from), memo);
    return table;
  }

  /** Each article's bracket pairs as groups, in order, read once per article when `memo` keeps them. */
  private addPairsOf(articles: readonly Article[], memo?: WeakMap<Article, [string, string][]>): void {
    for (const article of articles) {
      let pairs = memo?.get(article);
      if (!pairs) {
        pairs = articlePairs(article);
        memo?.set(article, pairs);
      }
      for (const [a, b] of pairs) this.addGroup([a, b]);
    }
  }

  static fromJSON(json: AliasTableJSON): AliasTable {
    const table = new AliasTable();
    for (const g of json.groups) table.addGroup(g);
    return table;
  }

  toJSON(): AliasTableJSON {
    return { groups: this.groups.filter((g) => g.length > 0) };
  }

  /**
   * Every form equivalent to `term`, as written in the table (just the term when unknown).
   * A lone Latin surname (Stoltenberg) finds the one group whose Latin name ends with it.
   */
  equivalents(term: string): string[] {
    const g = this.groupOf.get(key(term)) ?? this.bySurname(term);
    return g === undefined ? [term] : [...(this.groups[g] ?? [term])];
  }

  private bySurname(term: string): number | undefined {
    const t = term.trim().toLowerCase();
    if (!/^[a-z][a-z'\-]{2,}$/.test(t)) return undefined;
    // The one group with a form whose last word it is and a Latin key ending with it (two: unclear).
    let found: number | undefined;
    for (const g of this.surnames().byLastWord.get(t) ?? []) {
      if (!(this.surnames().keysOf.get(g) ?? []).some((k) => k.endsWith(t))) continue;
      if (found !== undefined && found !== g) return undefined; // two people share it: unclear
      found = g;
    }
    return found;
  }

  /** The groups by the last word of each form (lower case), and each group's keys that start with a Latin letter: made once per version of the table (bySurname was a scan of every key per term). */
  private surnames(): { byLastWord: Map<string, Set<number>>; keysOf: Map<number, string[]> } {
    if (this.surnameIndex?.version === this.changes) return this.surnameIndex;
    const byLastWord = new Map<string, Set<number>>();
    this.groups.forEach((forms, g) => {
      for (const f of forms) {
        const last = f.toLowerCase().split(/\s+/).at(-1) ?? '';
        const set = byLastWord.get(last);
        if (set) set.add(g);
        else byLastWord.set(last, new Set([g]));
      }
    });
    const keysOf = new Map<number, string[]>();
    for (const [k, g] of this.groupOf) {
      if (!/^[a-z]/.test(k)) continue;
      const list = keysOf.get(g);
      if (list) list.push(k);
      else keysOf.set(g, [k]);
    }
    this.surnameIndex = { version: this.changes, byLastWord, keysOf };
    return this.surnameIndex;
  }

  /** The form shown for `term`: the first of its group. */
  canonical(term: string): string {
    return this.equivalents(term)[0] ?? term;
  }

  has(term: string): boolean {
    return this.groupOf.has(key(term));
  }

  /** All forms, for autocomplete and suggestions. */
  forms(): string[] {
    return this.groups.flat();
  }

  all(): string[][] {
    return this.groups.filter((g) => g.length > 0).map((g) => [...g]);
  }

  /**
   * The groups (in all()'s order) with a form whose key, two characters or more, occurs in the
   * text's key: found by looking the key's substrings up, not by folding every form of the table
   * (which grows with the corpus) for each query.
   */
  groupsWithin(text: string): string[][] {
    const k = key(text);
    const found = new Set<number>();
    for (let len = 2; len <= Math.min(k.length, this.longestKey); len++) {
      for (let at = 0; at + len <= k.length; at++) {
        const g = this.groupOf.get(k.slice(at, at + len));
        if (g !== undefined && (this.groups[g]?.length ?? 0) > 0) found.add(g);
      }
    }
    return [...found].sort((a, b) => a - b).map((g) => [...(this.groups[g] as string[])]);
  }

  /** Joins the forms into one group (merging groups that already hold any of them). */
  addGroup(forms: readonly string[]): void {
    const clean = forms.map((f) => f.trim()).filter((f) => f.length > 0);
    if (clean.length === 0) return;
    const existing = [...new Set(clean.map((f) => this.groupOf.get(key(f))).filter((g): g is number => g !== undefined))];
    const target = existing[0] ?? this.groups.push([]) - 1;
    const into = this.groups[target] as string[];
    for (const g of existing.slice(1)) {
      for (const f of this.groups[g] ?? []) this.place(into, target, f);
      this.groups[g] = [];
    }
    for (const f of clean) this.place(into, target, f);
  }

  /** Bumped by every change: what a caller derives from the table stays valid while it holds. */
  get version(): number {
    return this.changes;
  }

  private place(into: string[], target: number, form: string): void {
    const k = key(form);
    this.changes++;
    this.longestKey = Math.max(this.longestKey, k.length);
    // A key points at a group only once a form of it was placed there (groups are emptied only when merged away).
    if (this.groupOf.get(k) === target) return;
    this.groupOf.set(k, target);
    into.push(form);
  }
}

/** Matching key: folded (simplified, half-width, lower case), without spaces and name dots. */
export function key(term: string): string {
  // Names are keyed again and again (the registry keys every form and suffix at each update): short terms are remembered.
  return term.length > 40 ? keyUncached(term) : keyShort(term);
}

const keyShort = memoized((term) => keyUncached(term), 200_000);

function keyUncached(term: string): string {
  return fold(term).replace(/[\s·・∙•.\-]/g, '');
}

/**
 * An article's (name, other name) pairs, title first. They depend on jieba's dictionary (the name
 * before a bracket is its last word), which the table's names then teach: a snapshot keeps each
 * article's pairs as the build read them, so an update after a restart reads only new articles.
 */
export function articlePairs(article: Article): [string, string][] {
  const pairs: [string, string][] = [];
  for (const text of [article.title, ...articleParagraphs(article)]) for (const pair of bracketPairs(text)) pairs.push(pair);
  return pairs;
}

/**
 * The (name, other name) pairs that a text gives in brackets. Only pairs whose two sides are
 * clearly names: a Latin name or acronym after a Han name, or 中国称… Titles before the
 * name are dropped (北约秘书长斯托尔滕贝格（Jens Stoltenberg） gives 斯托尔滕贝格).
 */
export function bracketPairs(text: string): [string, string][] {
  // Most paragraphs have no brackets at all: skip them before any folding.
  if (!/[（(]/.test(text)) return [];
  const out: [string, string][] = [];
  // Jieba and the name rules work on simplified text; fold keeps offsets, so the original's
  // Latin (with its capitals) is read at the same place.
  const folded = fold(text);
  for (const m of folded.matchAll(BRACKET_RE)) {
    const before = m[1] ?? '';
    const at = m.index + before.length + 1;
    const inside = text.slice(at, at + (m[2] ?? '').length).normalize('NFKC').trim();
    for (const pair of pairCache.get(`${before}\u0000${inside}`) ?? remember(`${before}\u0000${inside}`, pairFor(before, inside))) out.push(pair);
  }
  return out;
}

// Wire stories repeat the same "name (original)" many times: decide each distinct one once. (Kept across
// jieba learning the names on purpose: a text reads as it did when first met. A new text is read with
// the names learnt, which may give another pair than a build from scratch: see articlePairs.)
const pairCache = new Map<string, [string, string][]>();
function remember(k: string, pairs: [string, string][]): [string, string][] {
  if (pairCache.size > 50_000) pairCache.clear();
  pairCache.set(k, pairs);
  return pairs;
}

function pairFor(before: string, inside: string): [string, string][] {
  const called = CALLED_RE.exec(fold(inside));
  if (called?.[1]) {
    const last = tag(before).at(-1)?.word;
    return last && [...last].length >= 2 ? [[last, called[1]]] : [];
  }
  if (ACRONYM_RE.test(inside)) {
    const name = termAtEnd(before);
    return name ? [[name, inside]] : [];
  }
  if (LATIN_NAME_RE.test(inside) && /[a-z]/.test(inside) && inside.split(/\s+/).length <= 4) {
    const name = nameAtEnd(before);
    return name ? [[name, inside]] : [];
  }
  return [];
}

/** The last word of a Han run when it is a proper term (东盟（ASEAN）), not a common noun (会议（COP26）). */
function termAtEnd(run: string): string | undefined {
  const last = tag(run).at(-1);
  if (!last) return undefined;
  const len = [...last.word].length;
  return len >= 2 && (PROPER_TAGS.has(last.tag) || len >= 5) ? last.word : undefined;
}

const PROPER_TAGS = new Set(['nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz', 'x']);
// Words that end a name from the left: prepositions, conjunctions, particles, verbs, numbers, places.
const NOT_NAME_TAGS = new Set(['p', 'c', 'u', 'uj', 'ul', 'ud', 'uz', 'ug', 'v', 'vn', 'vd', 'd', 'r', 'm', 'mq', 'q', 'f', 't', 'ns', 'nt', 'a', 'ad']);


/** The personal name at the end of a Han run, titles before it dropped; undefined when unclear. */
export function nameAtEnd(run: string): string | undefined {
  // A dotted foreign name (唐纳德·特朗普) is one name.
  const dotted = /([\p{sc=Han}]{1,4}(?:[·・∙•][\p{sc=Han}]{1,5})+)$/u.exec(run);
  if (dotted?.[1]) {
    // 大使拉姆∙伊曼纽尔: the title glued to the first part is not the name.
    const name = dotted[1];
    for (let k = name.search(/[·・∙•]/) - 1; k > 0; k--) {
      if (ROLE_END_RE.test(name.slice(0, k))) return name.slice(k);
    }
    return name;
  }
  const words = tag(run);
  // 福斯新闻（Fox News）, 波音…分公司（Boeing in St. Louis）: a run ending in a common noun jieba knows names a thing, not a person.
  const last = words.at(-1);
  if (last && last.tag === 'n' && [...last.word].length >= 2) return undefined;
  let i = words.length;
  while (i > 0) {
    const w = words[i - 1] as { word: string; tag: string };
    if (ROLE_END_RE.test(w.word) && [...w.word].length >= 2) break;
    if (NOT_NAME_TAGS.has(w.tag)) break;
    // 经济学家木内登英, 研究员长尾贤: a common noun before the name is a calling, not part of it.
    if (w.tag === 'n' && [...w.word].length >= 2 && i < words.length) break;
    i--;
  }
  const name = words.slice(i).map((w) => w.word).join('');
  const len = [...name].length;
  return len >= 2 && len <= 8 ? name : undefined;
}

// The sound each character stands for in transliterated foreign names (Xinhua's table, by initial):
// a Latin name and a Han name are compared by their consonant skeletons, so 卢特尼克 ~ Lutnick.
const HAN_SOUNDS: Record<string, string> = {
  b: '巴布比贝波伯博拜班本邦宝保鲍彼毕宾滨别柏', p: '帕普皮佩珀蓬庞潘裴彭朴',
  m: '马玛迈曼芒毛梅美蒙孟米密明莫默姆穆麦门敏', f: '法菲费芬丰佛弗夫福范方',
  t: '达大代戴丹道德登迪蒂丁东杜多敦顿塔泰坦汤陶特滕提廷通图托唐汀', n: '纳娜奈南瑙内尼宁努诺纽涅聂',
  l: '拉莱兰朗劳勒雷里利莉林琳隆卢鲁路伦罗洛吕列廉良', k: '加伽盖甘冈高戈格根贡古瓜圭果卡凯坎康考柯科克肯孔库夸奎昆基吉奇齐契',
  h: '哈海汉杭豪赫亨洪胡华怀霍惠', s: '萨塞桑森斯索苏孙西希锡谢辛欣休修沙莎舍施什舒泽宗祖佐察采扎詹珍查杰简金京久居乔琴丘思斯钦森',
  w: '瓦万旺威韦维温沃乌伍', '': '阿艾安昂奥欧厄恩尔亚雅扬耶伊因英尤于约',
};
const SOUND_OF = new Map<string, string>();
for (const [s, chars] of Object.entries(HAN_SOUNDS)) for (const c of chars) SOUND_OF.set(c, s);

/** Latin consonants in the classes HAN_SOUNDS uses (r is l; d is t; g, c, q are k; v is w; z, j, x are s). */
function latinSkeleton(name: string): string {
  const s = name.toLowerCase().replace(/[^a-z]/g, '').replace(/ck/g, 'k').replace(/ph/g, 'f').replace(/th/g, 't').replace(/(?:sh|ch)/g, 's');
  let out = '';
  for (const ch of s) {
    const c = ({ r: 'l', d: 't', g: 'k', c: 'k', q: 'k', v: 'w', z: 's', j: 's', x: 's' } as Record<string, string>)[ch] ?? ch;
    if ('aeiouyh'.includes(c) && !(c === 'h' && out === '')) continue;
    if (out.at(-1) !== c) out += c;
  }
  return out;
}

/**
 * Whether a Latin surname and a Han transliteration sound alike: every Han character is a known
 * transliteration sound and the consonant skeletons agree at the start, in 3/4 of the shorter one and
 * half the longer (Han syllables drop final n: 拜登 ~ Biden). False for Japanese or Chinese names.
 */
export function soundsAlike(latin: string, han: string): boolean {
  const last = fold(han).split('·').at(-1) ?? '';
  let hs = '';
  for (const c of last) {
    const s = SOUND_OF.get(c);
    if (s === undefined) return false;
    if (s && hs.at(-1) !== s) hs += s;
  }
  const ls = latinSkeleton(latin.trim().split(/\s+/).at(-1) ?? '');
  if (hs.length < 2 || ls.length < 2 || hs[0] !== ls[0]) return false;
  // Longest common subsequence of the two skeletons.
  const dp: number[] = new Array(ls.length + 1).fill(0);
  for (const h of hs) {
    let prev = 0;
    for (let j = 1; j <= ls.length; j++) {
      const tmp = dp[j] as number;
      dp[j] = h === ls[j - 1] ? prev + 1 : Math.max(dp[j] as number, dp[j - 1] as number);
      prev = tmp;
    }
  }
  const common = dp[ls.length] as number;
  return common * 4 >= Math.min(hs.length, ls.length) * 3 && common * 2 >= Math.max(hs.length, ls.length);
}
