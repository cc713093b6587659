import { sourceRef } from './ask.ts';
import { articleParagraphs } from '../corpus/article.ts';
import type { DatedSentence } from '../extract/events.ts';
import { datesTheReport, type DateMention } from '../extract/dates.ts';
import type { CandidateGroup } from './timeline.ts';
import type { SourceRef } from './types.ts';
import { key } from '../text/aliases.ts';
import { fold } from '../text/normalize.ts';
import { NEWS_VARIANTS } from '../text/variants.ts';
import { passageText, type Passage } from '../index/passages.ts';
import { conceptCoverage, coreConcepts, coverage, peopleNamesOf, storyConcepts, topicForms, topicQuery, topicTerms, type TopicConcept, type TopicQuery } from './topic.ts';
import { memoized } from '../text/memo.ts';
import type { ShijiIndex } from '../index/index.ts';
import { BIGRAM_PREFIX } from '../index/terms.ts';
import { hanBigrams, segment } from '../text/segment.ts';

// How many passages the ranked retrieval offers before the coverage check: a topic's story
// rarely runs to more; on a large archive the best-ranked are the ones that name it most fully.
export const TIMELINE_DEPTH = 2000;

/**
 * When a passage is about the topic, as shares of the topic's weight covered (each concept by
 * its rarity; a near-synonym counts VARIANT_WEIGHT). Calibrated on the labelled cases (see
 * /work/notes/issue-11.md for the figures and the held-out check).
 */
export interface TopicThresholds {
  /** A passage covering this much is about the topic wherever it stands. */
  passage: number;
  /** An article whose title covers this much is about it: its account continues in every passage naming any concept of the topic. */
  title: number;
  /** An article whose whole text covers this much tells the topic's story... */
  article: number;
  /** ...and then a passage of it covering this much is part of that story. */
  within: number;
  /** A sentence of those passages is the topic's when it, or the sentence it follows, covers this much (relevantSentences). */
  sentence: number;
}

export const TOPIC_THRESHOLDS: TopicThresholds = { passage: 0.5, title: 0.75, article: 0.9, within: 0.35, sentence: 0.2 };

/**
 * The sentences /timeline should take for a topic, article by article: the sentences of the
 * passages about the topic (found by ranked retrieval, whatever words they use; admitted by
 * concept coverage, see TopicThresholds), and, in an article whose title is about the topic,
 * those of every passage that names any of its concepts. Each group carries `about`: its
 * sentences are the topic's, named or not.
 */
export function* timelineGroups(
  index: ShijiIndex,
  topic: string,
  q: TopicQuery = topicQuery(index, topic),
  t: TopicThresholds = TOPIC_THRESHOLDS,
): Generator<CandidateGroup> {
  if (q.concepts.length === 0) return;
  const { hits } = index.search.search(topicTerms(q, index.termMode), TIMELINE_DEPTH);
  // Qualified: the topic names what it is about besides acts, countries and people (众议院 of 2024年眾議院選舉).
  const subjects = q.concepts.filter((c) => c.forms.some((f) => NEWS_VARIANTS.isSubject(f))).map((c) => [...c.forms, ...c.variants, ...c.parts.flatMap((p) => [...p.forms, ...p.variants])]);
  // The forms of the topic's story without its countries (防卫费 and its variants of 日本防衛費, not 日本): see CandidateGroup.about.story.
  const story = [...new Set(storyConcepts(q).flatMap((c) => [...c.forms, ...c.variants]))].sort((a, b) => b.length - a.length);
  const about = { forms: topicForms(q), years: q.years, qualified: coreConcepts(q).some((c) => !c.person), subjects, ...(story.length ? { story } : {}), people: peopleNamesOf(index.people) };
  const code = codeName(q);
  // The hits by article, in article order: an article's story is judged as a whole.
  const byArticle = new Map<number, Found[]>();
  for (const hit of hits) {
    const p = index.passages[hit.id];
    if (!p) continue;
    const text = fold(passageText(index.articles, p));
    const entry = { passage: p, coverage: coverage(text, q), names: code !== undefined && conceptCoverage(text, code) > 0 };
    const list = byArticle.get(p.article);
    if (list) list.push(entry);
    else byArticle.set(p.article, [entry]);
  }
  for (const a of [...byArticle.keys()].sort((x, y) => x - y)) {
    const article = index.articles[a];
    const source = sourceOf(index, a);
    if (!article || !source) continue;
    const found = byArticle.get(a) as Found[];
    // An article that never names the code name the topic types (美日2+2会谈) tells of other talks of the same parties.
    if (code && !found.some((f) => f.names) && conceptCoverage(fold([article.title, ...articleParagraphs(article)].join('\n')), code) === 0) continue;
    const whole = coverage(titleKey(article.title), q) >= t.title;
    const best = Math.max(...found.map((f) => f.coverage));
    if (!whole && best < Math.min(t.passage, t.within)) continue;
    // The whole text is read only when a passage of it falls between the two thresholds.
    const story = !whole && found.some((f) => f.coverage >= t.within && f.coverage < t.passage) && coverage(fold([article.title, ...articleParagraphs(article)].join('\n')), q) >= t.article;
    const admitted = found.filter((f) => f.coverage >= t.passage || (story && f.coverage >= t.within)).map((f) => f.passage);
    if (!whole && admitted.length === 0) continue;
    const from = index.sentenceStart[a] ?? 0;
    const to = index.sentenceStart[a + 1] ?? from;
    const sentences: DatedSentence[] = [];
    for (let s = from; s < to; s++) {
      const sentence = index.sentences[s] as DatedSentence;
      const inside = (p: Passage): boolean => p.paragraph === sentence.paragraph && sentence.start < p.end && sentence.end > p.start;
      // In an article about the topic, every passage that names any of its concepts carries the account.
      if ((whole && found.some((f) => f.coverage > 0 && inside(f.passage))) || admitted.some(inside)) sentences.push(sentence);
    }
    const kept = relevantSentences(sentences, q, t.sentence);
    if (kept.length) yield { source, sentences: kept, about };
  }
}

interface Found {
  passage: Passage;
  coverage: number;
  /** Whether the passage names the topic's code name (codeName). */
  names: boolean;
}

// A name of Latin letters or digits, maybe joined by a sign: 2+2, IAEA, G7, TPP, P5+1.
const CODE_NAME = /^[\p{Script=Latin}\d][\p{Script=Latin}\d+&/.\- ]*$/u;

/**
 * The concept of a topic typed as a code name beside other words (2+2 of 美日2+2会谈, IAEA of IAEA
 * 福岛监测): it names the event, where the other words (美日, 会谈) name any of a kind. Undefined when
 * the topic has none, or is the code name alone (every passage must name it then anyway).
 */
function codeName(q: TopicQuery): TopicConcept | undefined {
  if (q.concepts.length < 2) return undefined;
  return q.concepts.find((c) => CODE_NAME.test(c.forms[0] as string));
}

/**
 * The sentences of an admitted stretch that stay on the topic: a whole sentence (its parts cut at a
 * new day judged together) that covers `floor` of the topic itself; the one right after such a
 * sentence in its paragraph, unless it opens with a subject of its own (the account goes on:
 * …姆努钦1月14日表示 before what he said; it does not in 日本首相岸田文雄今天傍晚说…); and one that refers
 * back to a sentence kept right before it, across a paragraph break too (東京方面拒絕了這些裁決…). A dated
 * sentence of the same passage about something else (美中貿易談判自五月以來便陷入僵局 in a tariff
 * story) is dropped. Within a covering sentence, the parts that open a day of their own are judged
 * apart when the topic is not its subject (see topicActs).
 */
export function relevantSentences(sentences: readonly DatedSentence[], q: TopicQuery, floor: number): DatedSentence[] {
  const units: DatedSentence[][] = [];
  for (const s of sentences) {
    const last = units[units.length - 1];
    const head = last?.[0];
    if (last && head && head.paragraph === s.paragraph && head.sentence === s.sentence) last.push(s);
    else units.push([s]);
  }
  // Each unit folded once: coverage and the other-story checks below all read it.
  const folded = units.map((u) => fold(u.map((s) => s.text).join('')));
  const covers = folded.map((f) => coverage(f, q) >= floor);
  const kept = units.map(() => false);
  const others = units.map(() => false);
  const out: DatedSentence[] = [];
  units.forEach((u, i) => {
    const head = u[0] as DatedSentence;
    const text = folded[i] as string;
    const before = units[i - 1]?.[0];
    const next = before !== undefined && before.paragraph === head.paragraph && before.sentence === head.sentence - 1;
    // A sentence that opens with a subject of its own (日本首相岸田文雄今天傍晚说…, 中共政府则宣布自当天起…) starts another account.
    const follows = next && covers[i - 1] === true && !ownSubject(head, q, floor);
    // One that points back (東京方面拒絕了這些裁決…, …該基金會主席表示) goes on with the account kept before it, into the next paragraph too.
    const pointsOn = before !== undefined && kept[i - 1] === true && (next || (head.sentence === 0 && before.paragraph === head.paragraph - 1)) && REFERS_BACK.test(firstClause(head));
    // A person's topic (岸田访美): the same act by someone else (尹錫悅4月底才赴美, 赤澤亮正最快本周將訪美) is theirs, not the topic's.
    // ...and a sentence right after that refers to that someone by a pronoun (下月將是他時隔近4個月再次訪美) goes on with their account.
    const theirs = next && others[i - 1] === true && PRONOUN.test(firstClause(head)) && !namesTopicPerson(text, q);
    if (covers[i] && (theirs || anotherActor(head, text, q))) {
      others[i] = true;
      return;
    }
    // So does one that opens with a pronoun after a sentence led by someone else (高市在首相石破茂表明辭職意向的一個半月後接掌政權。
    // 她當天會立即組建內閣 for 石破辞职), named or not: the pronoun is that sentence's first person, not the topic's.
    if (next && OPENS_WITH_PRONOUN.test(text) && ledByAnother(folded[i - 1] as string, q) && !namesTopicPerson(text, q)) {
      others[i] = true;
      return;
    }
    // A specific topic (日本扇贝…) is not the broader story a sentence tells without it (恢復進口日本水產品).
    if (covers[i] && broaderStory(text, q)) return;
    if (covers[i] && u.length > 1) out.push(...topicActs(u, q, floor));
    else if (covers[i] || follows || pointsOn) out.push(...u);
    else return;
    kept[i] = true;
  });
  return out;
}

// Words that refer to what the account said before: 这些裁决, 该基金会, 上述, 此案 (not 应该).
const REFERS_BACK = /这些|上述|(?<!应)该\p{sc=Han}|此[案事项次举]/u;

function firstClause(s: DatedSentence): string {
  const folded = fold(s.text);
  const end = folded.search(/[,;:]/);
  return end < 0 ? folded : folded.slice(0, end);
}

/**
 * The parts of one sentence that are the topic's, when the sentence lists several acts each on a
 * day of its own (石破茂9月27日当选自民党新任总裁，10月1日当选首相，10月9日宣布解散众议院). When the
 * subject written before the sentence's first day names the topic (日本首相石破茂今天…宣布辭職，…於去年
 * 眾議院大選、今年6月…皆失利), every part is its act; otherwise each part is another act of that
 * subject and must name the topic itself (what someone said is never cut from the saying: see
 * extract/events.ts). A sentence that opens with its day has no subject before it to judge by: its
 * parts are all kept.
 */
export function topicActs(parts: readonly DatedSentence[], q: TopicQuery, floor: number): DatedSentence[] {
  const subject = subjectOf(parts[0] as DatedSentence);
  if (subject === undefined || coverage(subject, q) >= floor) return [...parts];
  return parts.filter((p) => coverage(fold(p.text), q) >= floor);
}

/**
 * Whether a sentence opens with a subject of its own that is not the topic: not a word pointing
 * back (该, 其, 她, 中日双方; 这些/上述 anywhere in it: 2018年,韓國最高法院維持了這些裁決), nor a quotation, whose
 * speaker the sentence before gave (「我認爲,…可能會在8月。」).
 */
function ownSubject(sentence: DatedSentence, q: TopicQuery, floor: number): boolean {
  const subject = subjectOf(sentence);
  return subject !== undefined && !POINTS_BACK.test(subject) && !REFERS_BACK.test(subject) && !QUOTE_OPENS.test(subject) && coverage(subject, q) < floor;
}

/**
 * Whether a sentence of a person's topic tells someone else's act: it names none of the topic's
 * people, and its subject (before its first day) names another person of the registry
 * (尹錫悅4月底才赴美進行國是訪問 for 岸田访美; 盧特尼克和貝森特也在赤澤上一次在8月7日訪美時承諾).
 */
function anotherActor(head: DatedSentence, folded: string, q: TopicQuery): boolean {
  if (!q.people || !q.concepts.some((c) => c.person) || namesTopicPerson(folded, q)) return false;
  // A subject who invites or receives someone (拜登…就已邀請日、韓領袖訪美) hosts the act of others, maybe the topic's person.
  if (HOSTS.test(folded)) return false;
  const subject = subjectOf(head);
  return subject !== undefined && q.people.named(subject).length > 0;
}

/**
 * Whether a sentence tells the broader story around a specific topic: it names a subject matter more
 * general than the topic's own (水产品 for 日本扇贝 恢复出口中国: more passages name it, see
 * TopicQuery.broader) and none of the topic's core concepts (中國6月宣布恢復進口…日本水產品 resumes all sea
 * food, not the scallops).
 */
function broaderStory(folded: string, q: TopicQuery): boolean {
  if (!q.broader) return false;
  if (!q.broader.some((f) => folded.includes(f))) return false;
  return !coreConcepts(q).some((c) => conceptCoverage(folded, c) > 0);
}

// A third person's pronoun.
const PRONOUN = /他|她/u;
// A sentence whose subject is a third person's pronoun, one person (not 他们, 他国, 其他).
const OPENS_WITH_PRONOUN = /^\P{sc=Han}{0,2}(?:他|她)(?![们國国人])/u;

/** Whether the first person a sentence names is someone the topic does not name (高市 of 高市在首相石破茂…接掌政權 for 石破辞职). */
function ledByAnother(folded: string, q: TopicQuery): boolean {
  if (!q.people) return false;
  const first = q.people.named(folded)[0];
  return first !== undefined && !q.concepts.some((c) => c.person && c.forms.some((f) => f.includes(first) || first.includes(f)));
}

function namesTopicPerson(folded: string, q: TopicQuery): boolean {
  return q.concepts.some((c) => c.person && conceptCoverage(folded, c) > 0);
}

// Verbs of inviting or receiving: the act after them is the guest's.
const HOSTS = /邀请|邀|欢迎|接待|迎接/u;

// A sentence that opens with a quotation mark.
const QUOTE_OPENS = /^\s?[“「『"]/u;

/**
 * The subject a sentence writes before its first day (folded), or, when the sentence opens with a
 * phrase of time (今年10月，…; 当晚，…), the clause after it; undefined when it has none to read: no day,
 * or a day that runs straight into the act (10月1日当选首相). A dateline's or an outlet's
 * report date is not the day; a day in an attributive clause (日本2022年的国防预算) belongs to
 * the subject, which runs on to the clause's end.
 */
function subjectOf(sentence: DatedSentence): string | undefined {
  const folded = fold(sentence.text);
  const day = sentence.dates.find((d) => !datesTheReport(folded, d));
  if (!day) return undefined;
  // A sentence that opens with its day has its subject after it: in the clause after a phrase of time closed by a comma
  // (今年10月，日本首相高市早苗在…提出; 当地时间15日，奥斯汀和布林肯抵达东京), none when the act follows the day at once (8日在奈良市…遭到枪杀).
  if ((folded.slice(0, day.start).match(/\p{sc=Han}/gu) ?? []).length < 2) return clauseAfterTime(folded, day);
  let end = day.start;
  if (ATTRIBUTIVE_AFTER.test(folded.slice(day.end, day.end + 8))) {
    const sep = folded.slice(day.end).search(/[,;:]/);
    end = sep < 0 ? folded.length : day.end + sep;
  }
  return folded.slice(0, end);
}

// A phrase of time that opens a sentence: the day, then at most a place or an occasion (在…的联合国大会上), then a comma.
const TIME_PHRASE_END = /^(?:\s?|\s?(?:\([^)]{0,8}\))?\s?的\p{sc=Han}{1,12}[上中时])\s?,/u;

/** The clause after a sentence's opening phrase of time, or undefined when the day runs straight into the act. */
function clauseAfterTime(folded: string, day: DateMention): string | undefined {
  const m = TIME_PHRASE_END.exec(folded.slice(day.end));
  if (!m) return undefined;
  const from = day.end + m[0].length;
  const end = folded.slice(from).search(/[,;:]/);
  const clause = folded.slice(from, end < 0 ? folded.length : from + end);
  return (clause.match(/\p{sc=Han}/gu) ?? []).length >= 2 ? clause : undefined;
}

// Words that point back to the account before (该基金会, 其, 此, 这些, 上述, 双方, 他, 她).
const POINTS_BACK = /^\P{sc=Han}*(?:该|其|此|这|上述|(?:[中美日韩朝俄英法德印澳台欧]{2,3})?双方|他|她|两国|两人)/u;

// A date followed, within its clause, by 的 qualifies a noun (2022年的国防预算, 1月15日公布的协议文件).
const ATTRIBUTIVE_AFTER = /^[^,;:的]{0,4}的/u;

// One source reference per article, made when first asked for and kept: /timeline's lines and
// /who's statements point to them by the hundred thousand on a large archive.
const sourceRefs = new WeakMap<ShijiIndex, (SourceRef | undefined)[]>();

/** The article's source reference, the same object every time (undefined for no such article). */
export function sourceOf(index: ShijiIndex, a: number): SourceRef | undefined {
  const article = index.articles[a];
  if (!article) return undefined;
  let refs = sourceRefs.get(index);
  if (!refs) sourceRefs.set(index, (refs = Array.from({ length: index.articles.length }, () => undefined)));
  return (refs[a] ??= sourceRef(article));
}

// Every query looks at the titles of the articles it touches: their keys are remembered.
const titleKey = memoized(key, 100_000);

/** Passages that may mention one of `forms` (/who's mentions): each form's longest word, or its Han bigrams. */
export function passagesMayMention(index: ShijiIndex, forms: readonly string[]): number[] {
  const lists: number[][] = [];
  for (const form of forms) {
    const words = segment(form).map((w) => w.term);
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
    if (!longest) continue;
    const han = /\p{sc=Han}/u.test(longest);
    const terms = han && index.termMode !== 'words' && longest.length >= 2 ? hanBigrams(longest).map((b) => BIGRAM_PREFIX + b.term) : [longest];
    lists.push(index.search.all(terms));
  }
  return unionSorted(lists);
}

/** The union of lists of ascending passage ids, ascending, each id once. */
function unionSorted(lists: number[][]): number[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const all = nonEmpty.flat().sort((a, b) => a - b);
  return all.filter((id, i) => i === 0 || id !== all[i - 1]);
}
