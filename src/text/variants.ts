import { fold } from './normalize.ts';

/**
 * News vocabulary that says the same thing in other words, shared by /ask and /timeline. Unlike the
 * alias table (one name, several spellings), a variant is a near-synonym: a query word matches its
 * variants, but a match on a variant weighs less than the word the user typed (VARIANT_WEIGHT).
 * Each group is a class of phrasings seen in the news beat; add a group, never a single article's
 * sentence. Forms are written in simplified Chinese; lookups fold (traditional → simplified).
 */
const GROUPS: readonly (readonly string[])[] = [
  // Meetings between leaders: 会谈 in one outlet is 会晤 / 峰会 / 高峰会 in another.
  ['会谈', '会晤', '会面', '峰会', '高峰会', '首脑会谈', '领袖会谈', '首脑会晤', '领导人会晤', '会见'],
  // Money a government pays: 经费 / 费用 / 开支 / 分担 / 负担 for the same budget line.
  ['经费', '费用', '开支', '支出', '分担', '负担', '预算'],
  // Tariffs: reciprocal tariffs are tariffs.
  ['关税', '对等关税', '报复性关税', '加征关税', '征税'],
  // Talks and negotiations.
  ['谈判', '磋商', '协商', '商谈', '交涉'],
  // Agreements.
  ['协议', '协定', '条约', '共识', '合意'],
  // Visits.
  ['访问', '出访', '访美', '访日', '访华', '到访'],
  // Defence spending.
  ['防卫费', '国防预算', '防卫预算', '国防开支', '军费', '防务开支'],
  // Treated water released from Fukushima.
  ['处理水', '核污染水', '核污水', '污染水', 'ALPS处理水'],
  // Elections of a party leader.
  ['总裁选举', '党首选举', '总裁选', '党魁选举'],
  // Resignation.
  ['辞职', '辞任', '下台', '请辞', '卸任'],
];

/** How much a match on a variant counts against a match on the word typed. */
export const VARIANT_WEIGHT = 0.6;

export class VariantTable {
  private readonly groupOf = new Map<string, readonly string[]>();

  constructor(groups: readonly (readonly string[])[] = GROUPS) {
    for (const g of groups) {
      const folded = g.map((f) => fold(f));
      for (const f of folded) this.groupOf.set(f, folded);
    }
  }

  /** The other forms of `word`'s group (folded), without the word itself; [] when it has none. */
  variantsOf(word: string): string[] {
    const w = fold(word);
    return (this.groupOf.get(w) ?? []).filter((f) => f !== w);
  }

  /** Every form of every group, folded (for the segmenter's dictionary and tests). */
  forms(): string[] {
    return [...this.groupOf.keys()];
  }
}
