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
  ['防卫费', '国防预算', '防卫预算', '国防开支', '军费', '防务开支', '防卫开支', '国防支出', '国防经费', '防卫支出', '国防投资'],
  // Treated water released from Fukushima.
  ['处理水', '核污染水', '核污水', '污染水', 'ALPS处理水'],
  // Elections of a party leader.
  ['总裁选举', '党首选举', '总裁选', '党魁选举'],
  // Resignation.
  ['辞职', '辞任', '下台', '请辞', '卸任'],
  // Transliterations of one place name that outlets spell differently.
  ['戴维营', '大卫营'],
  // A minister's title and its short forms (Japanese 防卫相, Chinese 防长): one office.
  ['防卫大臣', '防卫相', '防长', '国防部长', '国防部长官'],
  ['外务大臣', '外相', '外长', '外交部长'],
  ['财务大臣', '财务相', '财相', '财政部长', '财长'],
  ['农林水产大臣', '农相', '农水相'],
  // GDP and its Chinese names (mainland 国内生产总值, Taiwan 国内生产毛额).
  ['GDP', '国内生产总值', '国内生产毛额'],
  // Arms sales to Taiwan, as Beijing and Taipei outlets word them.
  ['军售', '售台武器', '对台军售', '出售武器', '武器销售'],
  // Signing an agreement.
  ['签署', '签字', '签订', '签约'],
  // Lifting or withdrawing a measure.
  ['取消', '撤销', '撤除', '废除', '解除'],
  // Stopping a trade or a measure.
  ['暂停', '停止', '中止', '叫停'],
  // Sea products.
  ['水产品', '水产', '海产品', '海鲜'],
  // The first phase of a deal: mainland 第一阶段, Taiwan and Hong Kong 首阶段.
  ['第一阶段', '首阶段'],
  // The run-off of a party vote.
  ['决选', '决选投票', '第二轮投票'],
  // Votes won.
  ['得票', '获得', '拿到'],
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
