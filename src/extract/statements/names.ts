/** The people an article names (after a title, dotted, or known to jieba), and whether a string is a name. */

import { ADVERBS, COLLECTIVE_RE, DOT_RE, FUNCTION_CHARS, HAN_RE, isTimePair, MANNER, MEETING_RE, NAME_TAGS, NOT_CURRENT_RE, ORG_END_RE, PRONOUNS, ROLE_END_RE, ROLE_RE, SINGLE_HOLDER, SPEECH, WEAK_SPEECH } from './lexicon.ts';
import { maskBrackets } from './quotes.ts';
import { type ArticleTags, tag } from './tagging.ts';
import type { PersonMention } from './types.ts';

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The single-holder office a role ends with (日本首相 → 首相), when it is a current one. */
export function titleOf(role: string): string | undefined {
  for (const t of SINGLE_HOLDER) {
    if (role.endsWith(t) && !NOT_CURRENT_RE.test(role.slice(0, role.length - t.length))) return t;
  }
  return undefined;
}

/** Names the article gives: after a title (美国总统拜登), dotted (乔·拜登), or a person name to jieba; mentions get the titled ones. */
export function knownNames(texts: string[], folded: string[], tags: ArticleTags, mentions: PersonMention[]): Set<string> {
  const known = new Set<string>();
  const all = folded.map((f) => maskBrackets(f));
  all.forEach((f, line) => {
    const original = texts[line] ?? '';
    // A person name jieba knows (its dictionary or the user dictionary), three characters or more.
    for (const t of tags.of(f)) {
      if ((t.tag === 'nr' || t.tag === 'nrfg' || t.tag === 'nrt') && [...t.word].length >= 3 && !ROLE_END_RE.test(t.word) && !SPEECH.has(t.word)) known.add(t.word);
    }
    // Dotted foreign names; the part after the dot is the name's short form (拉姆∙伊曼纽尔 → 伊曼纽尔).
    if (DOT_RE.test(f)) {
      for (const m of f.matchAll(/[\p{sc=Han}]{1,8}(?:[·・∙•‧][\p{sc=Han}]+)+/gu)) {
        const name = dottedName(m[0]);
        if (name) known.add(name);
      }
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
  if (COLLECTIVE_RE.test(name) || ORG_END_RE.test(name) || ROLE_END_RE.test(name) || isTimePair(name)) return false;
  // (兼 after a title joins a second office: 副总理兼中美… names nobody.)
  return !FUNCTION_CHARS.has(name[0] ?? '') && name[0] !== '兼' || /^[A-Za-z]/.test(name);
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
  // Latin names keep their case from the original: Howard Lutnick. (A common Han character there
  // stays first whatever NFKC does to the rest: no need to normalise it.)
  const han = /[\u4e00-\u9fff]/.test(original[i] ?? '');
  const latin = han ? null : /^[A-Za-z][A-Za-z'’.\-]*(?: [A-Za-z][A-Za-z'’.\-]*){0,3}/.exec(original.slice(i).normalize('NFKC'));
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

export function latinName(s: string): string | undefined {
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
    if (SPEECH.has(w.w) || WEAK_SPEECH.has(w.w) || ADVERBS.has(w.w) || isTimePair(w.w) || ROLE_END_RE.test(w.w) && name) break;
    // 推文, 推文称, 旧调重弹: how the words went out ends the name (特朗普推文称 is 特朗普).
    if (name && [...MANNER].some((m) => w.w.startsWith(m))) break;
    // 林佳龙于/x, 金泰/孝在/x, 林佳龙今/x (今(18)日), 王毅同/x: jieba glues 于/在/今/昨 (and 同/与/跟/向 after
    // two characters or more) to a name it does not know. (Not 和: 铃木/宪和/x is a name.)
    if (w.tag === 'x' && HAN_RE.test(w.w) && (len >= 2 && /[于在今昨]$/u.test(w.w) || len >= 3 && /[同与跟向]$/u.test(w.w))) {
      name += w.w.slice(0, -1);
      break;
    }
    const prev = words[i - 1];
    const afterKnownName = name !== '' && prev !== undefined && prev.tag !== 'x';
    // After a whole dictionary name, an unknown word is what the name does (川普/抵日), not more of the name.
    if (afterKnownName && (w.tag === 'x' && /^[抵访到赴来去见会称说表向在与和对将已曾也还则]/u.test(w.w) || !NAME_TAGS.has(w.tag))) break;
    if (NAME_TAGS.has(w.tag) || w.tag === 'ns' && !name) {
      name += w.w;
      continue;
    }
    // One glued character closes a name jieba cut short (赤泽亮/正, 萩生田光/一) when a clear stop follows.
    // (今/昨 there are the day of 今(18)日, 昨(17)日.)
    if (name && prev?.tag === 'x' && len === 1 && !FUNCTION_CHARS.has(w.w) && !/^[今昨]$/u.test(w.w) && HAN_RE.test(w.w)) {
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

function nounLike(w: { word: string; tag: string }): boolean {
  return ROLE_END_RE.test(w.word) || /^(?:n|ns|nt|nz|b|l|j|ng)$/.test(w.tag) || /^(?:前|副|时任|新任|现任|首任|前任|第一|首席|驻美|驻日)$/.test(w.word);
}

/** Is this string a person's name? `anchored`: a title stands right before it. */
export function isNameString(name: string, anchored: boolean, known?: Set<string>): boolean {
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
  // 林芳正会见王毅: two people and a meeting, not one name.
  if (words.some((w) => MEETING_RE.test(w.word))) return false;
  if (words.length === 1) {
    if (first.tag === 'nr' || first.tag === 'nrt' || first.tag === 'nrfg') return true;
    if (first.tag === 'x' || first.tag === 'nz' || first.tag === 'ng') return true;
    return anchored && first.tag === 'ns';
  }
  // Several words: every one name-like or a single character, the first a name-like start.
  // (A last 今/昨 is the day of 今(18)日: 林佳龙/今.)
  const nameLike = words.every((w, k) => NAME_TAGS.has(w.tag) || [...w.word].length === 1 && !FUNCTION_CHARS.has(w.word) && !(k === words.length - 1 && /^[今昨]$/u.test(w.word)) || anchored && w.tag === 'n' && [...w.word].length <= 2);
  return nameLike && (anchored || NAME_TAGS.has(first.tag));
}
