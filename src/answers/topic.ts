import type { ShijiIndex } from '../index/index.ts';
import type { WeightedTerm } from '../index/inverted.ts';
import { passageText } from '../index/passages.ts';
import { BIGRAM_PREFIX } from '../index/terms.ts';
import { key, type AliasTable } from '../text/aliases.ts';
import { fold } from '../text/normalize.ts';
import { hanBigrams, segment } from '../text/segment.ts';
import { NEWS_VARIANTS as VARIANTS, VARIANT_WEIGHT } from '../text/variants.ts';
import { resolvePerson, type PeopleIndex } from '../extract/people.ts';

/**
 * A /timeline topic read as a query: the concepts a user typed ("日韩首脑会谈" → 日韩, 首脑, 会谈),
 * each with the forms that say the same thing (aliases: the same name; variants: a near-synonym,
 * 会谈/会晤/峰会, worth less) and a weight by rarity. A passage is about the topic when it covers
 * enough of that weight (coverage()).
 */
export interface TopicConcept {
  /** Folded forms that count fully: the word typed and its aliases (and, for 日韩, 韩日). */
  forms: string[];
  /** Folded near-synonyms from the variant table: they count VARIANT_WEIGHT. */
  variants: string[];
  /** A country pair spelled out (日韩 → 日本 + 韩国): all of them together count fully. */
  spelled: string[];
  /**
   * The words of a compound the user typed (总裁选举 → 总裁, 选举), each with its variants: a
   * text that holds them apart (当选自民党新任总裁) covers the concept in part.
   */
  parts: { forms: string[]; variants: string[] }[];
  /** Inverse passage frequency of the concept's most findable form. */
  weight: number;
  /** True when the concept names one person of the people registry (岸田 of 岸田访美). */
  person?: boolean;
}

/** How much a compound's words found apart count, against the compound whole. */
export const PART_CREDIT = 0.8;

export interface TopicQuery {
  concepts: TopicConcept[];
  /** Years the topic names (2024年自民党总裁选举): its events are of those years. */
  years: number[];
  /** The people the registry knows, to find them in a text: set when a concept names a person. */
  people?: PeopleNames;
  /**
   * Subject matters of the variant table more general than the topic's own (水产品 for 日本扇贝: more
   * passages name them than any core concept of the topic): a sentence that names one of them and no core
   * concept tells the general story, not the topic's.
   */
  broader?: string[];
}

/**
 * Finds the names of the registry's people in folded text (full names and the short forms the
 * registry knows: 岸田文雄, 岸田, 尹锡悦). Made once per registry.
 */
export class PeopleNames {
  // Forms by their first character, longest first.
  private readonly byFirst = new Map<string, string[]>();

  constructor(people: PeopleIndex) {
    for (const p of people.people) {
      if (p.kind !== 'person') continue;
      for (const form of [p.name, ...p.aliases]) {
        const f = fold(form);
        // A Han name of two characters or more, or a Latin one of three letters or more (a lone surname character names nobody).
        if (!(/^\p{sc=Han}{2,}/u.test(f) || /^[a-z][a-z .'-]{2,}$/i.test(f))) continue;
        const first = f[0] as string;
        const list = this.byFirst.get(first) ?? [];
        if (!list.includes(f)) list.push(f);
        this.byFirst.set(first, list);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
  }

  /** The person form that begins at position i of the folded text, if any (the longest). */
  nameAt(folded: string, i: number): string | undefined {
    return this.byFirst.get(folded[i] as string)?.find((f) => folded.startsWith(f, i));
  }

  /** The person forms that occur in the folded text. */
  named(folded: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < folded.length; i++) {
      const list = this.byFirst.get(folded[i] as string);
      if (!list) continue;
      const hit = list.find((f) => folded.startsWith(f, i));
      if (hit) {
        out.push(hit);
        i += hit.length - 1;
      }
    }
    return out;
  }
}

const peopleNames = new WeakMap<PeopleIndex, PeopleNames>();

/** The registry's names, made once per registry. */
export function peopleNamesOf(people: PeopleIndex): PeopleNames {
  let names = peopleNames.get(people);
  if (!names) peopleNames.set(people, (names = new PeopleNames(people)));
  return names;
}


// Single-character country abbreviations (日韩, 中美, 美日韩): jieba cuts them apart; each names its country.
const COUNTRY: Record<string, string[]> = {
  中: ['中国', '中方'],
  美: ['美国', '美方'],
  日: ['日本', '日方'],
  韩: ['韩国', '韩方'],
  朝: ['朝鲜'],
  俄: ['俄罗斯'],
  英: ['英国'],
  法: ['法国'],
  德: ['德国'],
  印: ['印度'],
  澳: ['澳大利亚', '澳洲'],
  台: ['台湾'],
  欧: ['欧盟', '欧洲'],
  菲: ['菲律宾'],
  越: ['越南'],
};

/** The topic's concepts and years. Words that occur in no passage are left out: they can weigh nothing. */
export function topicQuery(index: ShijiIndex, topic: string): TopicQuery {
  const folded = fold(topic).trim();
  const years: number[] = [];
  const concepts: TopicConcept[] = [];
  const seen = new Set<string>();
  // `weighed`: the forms the concept's rarity is read from, when not all of them (对美 weighs as 美国).
  const add = (forms: string[], variants: string[] = [], spelled: string[] = [], person = false, weighed?: string[]): void => {
    const clean = [...new Set(forms.map((f) => fold(f)).filter((f) => f.length > 0))];
    const id = [...clean].sort().join('|');
    if (!clean.length || seen.has(id)) return;
    seen.add(id);
    const vs = [...new Set(variants.flatMap((v) => [v, ...VARIANTS.variantsOf(v)]).concat(clean.flatMap((f) => VARIANTS.variantsOf(f))))].filter((v) => !clean.includes(v));
    const weight = conceptWeight(index, weighed ?? [...clean, ...spelled]);
    const typed = clean[0] as string;
    const words = spelled.length ? [] : segment(typed).map((w) => w.term);
    const parts = words.length >= 2 && words.every((w) => [...w].length >= 2) ? words.map((w) => ({ forms: [w], variants: VARIANTS.variantsOf(w) })) : [];
    if (weight > 0) concepts.push({ forms: clean, variants: vs, spelled, parts, weight, ...(person ? { person } : {}) });
  };

  // A year typed in the topic (2024年…, … 2025) dates the topic rather than naming a concept.
  let rest = folded.replace(/(?<!\d)((?:19|20)\d\d)(?!\d)年?/g, (_, y: string) => {
    years.push(Number(y));
    return ' ';
  });
  // A token of digits or Latin letters joined by a sign (2+2, 3+3, p5+1) is one name: jieba would cut it to bare numbers.
  rest = rest.replace(/(?<![\p{Script=Latin}\d])[\p{Script=Latin}\d]+(?:[+&/][\p{Script=Latin}\d]+)+(?![\p{Script=Latin}\d])/gu, (tok: string) => {
    add([tok]);
    return ' ';
  });
  // Alias and variant forms typed whole are concepts before jieba cuts them (处理水 of 福岛处理水排海 is not 处理 + 水排).
  for (const f of wholeForms(index.aliases)) {
    if (!rest.includes(f)) continue;
    // Within a longer word the user typed (防卫费 of 日本防卫费用) the longer one was taken first.
    rest = rest.split(f).join(' ');
    const named = personForms(index, f);
    add([f, ...index.aliases.equivalents(f), ...named], [], [], named.length > 0);
  }
  for (const run of rest.split(/\s+/).filter(Boolean)) {
    const words = segment(run).map((w) => w.term);
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      // Runs of single country characters are one pair: 日 + 韩 → 日韩 (and 韩日).
      if (w.length === 1 && COUNTRY[w]) {
        let j = i;
        while (j + 1 < words.length && (words[j + 1] as string).length === 1 && COUNTRY[words[j + 1] as string]) j++;
        if (j > i) {
          const chars = words.slice(i, j + 1);
          add(permutations(chars).map((p) => p.join('')), [], chars.map((c) => (COUNTRY[c] as string[])[0] as string));
          i = j;
          continue;
        }
      }
      // A preposition glued to a one-character country (对美 of 对美投资, 对华, 赴日) names that country: outlets
      // write it out (在美国投资, 对美国的投资), and it is no rarer than the country's usual name.
      const glued = /^[对在赴向与和跟同]([中华美日韩朝俄英法德印澳台欧菲越])$/u.exec(w);
      if (glued) {
        const country = COUNTRY[glued[1] === '华' ? '中' : (glued[1] as string)] as string[];
        add([...country, w], [], [], false, country.slice(0, 1));
        continue;
      }
      const pair = [...w];
      if (pair.length >= 2 && pair.length <= 3 && pair.every((c) => COUNTRY[c]) && new Set(pair).size === pair.length) {
        add(permutations(pair).map((p) => p.join('')), [], pair.map((c) => (COUNTRY[c] as string[])[0] as string));
        continue;
      }
      // A lone Han character (三 of 安保三文件, 大 of 大法院) says too little to count.
      if (w.length === 1 && /\p{sc=Han}/u.test(w)) continue;
      if (/^\d+$/.test(w)) continue;
      // An amount (5500亿, 5,500亿) names the deal or the sale: outlets write it with or without thousands separators.
      if (AMOUNT.test(w)) {
        add(amountForms(w));
        continue;
      }
      const named = personForms(index, w);
      add([w, ...index.aliases.equivalents(w), ...named], [], [], named.length > 0);
    }
  }
  const q: TopicQuery = concepts.some((c) => c.person) ? { concepts, years, people: peopleNamesOf(index.people) } : { concepts, years };
  const broader = broaderSubjects(index, q);
  return broader.length ? { ...q, broader } : q;
}

/** The subject-matter forms, not the topic's, that more passages name than name any core concept of it (see TopicQuery.broader). */
function broaderSubjects(index: ShijiIndex, q: TopicQuery): string[] {
  const core = coreConcepts(q);
  if (core.length === 0) return [];
  const least = Math.min(...core.map((c) => c.weight));
  return VARIANTS.otherSubjects(topicForms(q)).filter((f) => conceptWeight(index, [f]) < least);
}

/**
 * The names the people registry knows one person by (高市早苗 and 高市; 岸田文雄 and 岸田), when a word of
 * the topic names exactly one person: after the first mention a report calls them by the short name.
 */
function personForms(index: ShijiIndex, word: string): string[] {
  if ([...key(word)].length < 2) return [];
  const { person } = resolvePerson(index.people, word);
  if (!person || person.kind !== 'person') return [];
  return [person.name, ...person.aliases].filter((f) => [...key(f)].length >= 2);
}

// The alias and variant forms, folded, longest first: made once per alias table (it grows with the corpus), not per query.
const wholeFormsOf = new WeakMap<AliasTable, { version: number; forms: string[] }>();

function wholeForms(aliases: AliasTable): string[] {
  const known = wholeFormsOf.get(aliases);
  if (known && known.version === aliases.version) return known.forms;
  const forms = [...aliases.all().flat(), ...VARIANTS.forms()]
    .map((f) => fold(f))
    .filter((f) => [...key(f)].length >= 2)
    .sort((a, b) => b.length - a.length);
  wholeFormsOf.set(aliases, { version: aliases.version, forms });
  return forms;
}

// A number with a unit of ten thousands or hundreds of millions, as jieba keeps it whole (5500亿, 5,500亿, 1.1万).
const AMOUNT = /^\d[\d,]*(?:\.\d+)?[万亿]$/u;

/** An amount as typed, without separators, and with a comma every three digits. */
function amountForms(w: string): string[] {
  const plain = w.replace(/,/g, '');
  const [, int = '', rest = ''] = /^(\d+)(.*)$/u.exec(plain) ?? [];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + rest;
  return [...new Set([w, plain, grouped])];
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Inverse passage frequency of the concept's most findable form; 0 when no form occurs anywhere. */
function conceptWeight(index: ShijiIndex, forms: readonly string[]): number {
  const n = index.passages.length;
  let best = 0;
  for (const form of forms.slice(0, 8)) {
    const df = passageDf(index, form);
    if (df > 0) best = Math.max(best, Math.log(1 + n / (df + 0.5)));
  }
  return best;
}

/** In how many passages a form may occur: for Han text, its rarest bigram (an upper bound, whatever jieba's cut). */
function passageDf(index: ShijiIndex, form: string): number {
  const compact = key(form);
  // (A form with one Han character, 5500亿, has no Han bigram: its words tell.)
  const bigrams = /\p{sc=Han}/u.test(compact) && index.termMode !== 'words' ? hanBigrams(compact) : [];
  if (bigrams.length) return Math.min(...bigrams.map((b) => index.search.df(BIGRAM_PREFIX + b.term)));
  const words = segment(compact);
  if (!words.length) return 0;
  // A sign the index drops (the + of 2+2) leaves bare numbers, found everywhere: count the passages that hold the form itself.
  if (words.map((w) => w.term).join('') !== compact) return signedDf(index, compact, [...new Set(words.map((w) => w.term))]);
  return Math.min(...words.map((w) => index.search.df(w.term)));
}

// How many passages holding a signed form's pieces are read to count it; past that, the count is scaled up.
const SIGNED_SAMPLE = 5000;

function signedDf(index: ShijiIndex, form: string, pieces: string[]): number {
  const ids = index.search.all(pieces);
  const step = Math.max(1, Math.ceil(ids.length / SIGNED_SAMPLE));
  let found = 0;
  for (let k = 0; k < ids.length; k += step) {
    const p = index.passages[ids[k] as number];
    if (p && key(passageText(index.articles, p)).includes(form)) found++;
  }
  return found * step;
}

/** The weighted terms that retrieve the topic's passages: forms fully, variants and spelled-out names less. */
export function topicTerms(q: TopicQuery, termMode: ShijiIndex['termMode']): WeightedTerm[] {
  const weights = new Map<string, number>();
  const put = (form: string, weight: number): void => {
    const terms =
      termMode === 'words'
        ? segment(form).map((w) => w.term)
        : [...segment(form).map((w) => w.term), ...hanBigrams(form).map((b) => BIGRAM_PREFIX + b.term)];
    for (const t of terms) if (weight > (weights.get(t) ?? 0)) weights.set(t, weight);
  };
  for (const c of q.concepts) {
    for (const f of c.forms.slice(0, 8)) put(f, 1);
    for (const f of c.spelled) put(f, 0.5);
    for (const f of c.variants.slice(0, 12)) put(f, VARIANT_WEIGHT * 0.6);
  }
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

/** How much of one concept a folded text holds: 1 for a form or the whole spelled-out pair, VARIANT_WEIGHT for a variant. */
export function conceptCoverage(folded: string, c: TopicConcept): number {
  if (c.forms.some((f) => folded.includes(f))) return 1;
  if (c.spelled.length && c.spelled.every((f) => folded.includes(f) || (COUNTRY_FORMS.get(f) ?? []).some((g) => folded.includes(g)))) return 1;
  const whole = c.variants.some((f) => folded.includes(f)) ? VARIANT_WEIGHT : 0;
  if (c.parts.length === 0) return whole;
  let found = 0;
  for (const p of c.parts) found += p.forms.some((f) => folded.includes(f)) ? 1 : p.variants.some((f) => folded.includes(f)) ? VARIANT_WEIGHT : 0;
  return Math.max(whole, (PART_CREDIT * found) / c.parts.length);
}

// 日本 also as 日方 (the Japanese side), from COUNTRY.
const COUNTRY_FORMS = new Map(Object.values(COUNTRY).map((forms) => [forms[0] as string, forms]));

/** The share of the topic's weight a folded text covers, 0…1. */
export function coverage(folded: string, q: TopicQuery): number {
  let total = 0;
  let covered = 0;
  for (const c of q.concepts) {
    total += c.weight;
    covered += c.weight * conceptCoverage(folded, c);
  }
  return total ? covered / total : 0;
}

/**
 * The concepts that name what the topic is about, not an act done to it nor a country where:
 * 扇贝 of 日本扇贝 恢复出口中国 (恢复 and 出口 are acts of the variant table, 日本 and 中国 countries),
 * 强征劳工 and 赔偿 of 强征劳工 赔偿, 岸田 of 岸田访美.
 */
export function coreConcepts(q: TopicQuery): TopicConcept[] {
  return q.concepts.filter((c) => c.spelled.length === 0 && !c.forms.some((f) => ACTS.has(f) || COUNTRIES.has(f)));
}

/** The concepts that are not a country or a pair of them: what a topic is about and the acts it names (扇贝, 恢复, 出口; not 日本, 中国). */
export function storyConcepts(q: TopicQuery): TopicConcept[] {
  return q.concepts.filter((c) => c.spelled.length === 0 && !c.forms.some((f) => COUNTRIES.has(f)));
}

// The variant table's acts (访问, 出口, 恢复…) and the countries: what a topic does and where, not what it is about.
const ACTS = new Set(VARIANTS.forms().filter((f) => !VARIANTS.isSubject(f)));
const COUNTRIES = new Set(Object.values(COUNTRY).flat());

/** Every form and variant of the topic, folded, longest first: where a sentence names it. */
export function topicForms(q: TopicQuery): string[] {
  const all = q.concepts.flatMap((c) => [...c.forms, ...c.variants, ...c.spelled]);
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}
