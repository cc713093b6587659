import { fold } from './normalize.ts';

/**
 * News vocabulary that says the same thing in other words, shared by /ask and /timeline. Unlike the
 * alias table (one name, several spellings), a variant is a near-synonym: a query word matches its
 * variants, but a match on a variant weighs less than the word the user typed (VARIANT_WEIGHT).
 * Each group is a class of phrasings seen in the news beat; add a group, never a single article's
 * sentence. Forms are written in simplified Chinese; lookups fold (traditional → simplified).
 */
/**
 * Visits, by the country visited: each as a visit to it, a trip there, the arrival in the country,
 * its capital or its seat of government (抵达白宫, 飞抵东京), or attending something there (在日本参加G7峰会).
 * Trips to two countries are two stories.
 */
const VISITS: readonly (readonly string[])[] = [
  ['访美', '赴美', '访问美国', '抵美', '抵达美国', '飞抵美国', '抵达华盛顿', '飞抵华盛顿', '抵达白宫', '到白宫', '在美国参加', '在美国出席'],
  ['访日', '赴日', '访问日本', '抵日', '抵达日本', '飞抵日本', '抵达东京', '飞抵东京', '在日本参加', '在日本出席'],
  ['访华', '赴华', '访问中国', '来华', '抵华', '抵达中国', '飞抵中国', '抵达北京', '飞抵北京', '在中国参加', '在中国出席'],
  ['访韩', '赴韩', '访问韩国', '抵韩', '抵达韩国', '飞抵韩国', '抵达首尔', '飞抵首尔', '在韩国参加', '在韩国出席'],
];

const GROUPS: readonly (readonly string[])[] = [
  // Meetings between leaders: 会谈 in one outlet is 会晤 / 峰会 / 高峰会 in another.
  ['会谈', '会晤', '会面', '峰会', '高峰会', '首脑会谈', '领袖会谈', '首脑会晤', '领导人会晤', '会见'],
  // Money a government pays: 经费 / 费用 / 开支 / 分担 / 负担 for the same budget line.
  ['经费', '费用', '开支', '支出', '分担', '负担', '预算'],
  // Tariffs: reciprocal tariffs are tariffs.
  ['关税', '对等关税', '报复性关税', '加征关税', '征税', '课征关税', '课税', '征收关税', '加税'],
  // Talks and negotiations.
  ['谈判', '磋商', '协商', '商谈', '交涉'],
  // Agreements.
  ['协议', '协定', '条约', '共识', '合意'],
  // Birth, in a profile: 出生 in a question is 生于 / 出生于 in a biography line.
  ['出生', '生于', '出生于', '诞生'],
  // Visits: an undirected visit is any visit, but a visit to one country is no visit to another (访日 is not 访美).
  ...VISITS.map((to) => ['访问', '出访', '到访', ...to]),
  // Defence spending.
  ['防卫费', '国防预算', '防卫预算', '国防开支', '军费', '防务开支', '防卫开支', '防卫支出', '国防支出', '国防费', '防卫经费', '国防经费', '国防投资'],
  // Treated water released from Fukushima.
  ['处理水', '核污染水', '核污水', '污染水', 'ALPS处理水', '核处理水', '核废水', '废水'],
  // Elections of a party leader.
  ['总裁选举', '党首选举', '总裁选', '党魁选举'],
  // Resignation.
  ['辞职', '辞任', '下台', '请辞', '卸任', '集体辞职', '辞去'],
  // Halting trade: a ban is also a suspension or an embargo.
  ['禁止', '暂停', '停止', '中止', '禁令', '禁运', '叫停', '全面停止'],
  // Lifting it again.
  ['恢复', '解禁', '重启', '放宽', '重新进口', '恢复进口'],
  // Goods leaving a country: 出口 / 输出 / 出货 / 输华.
  ['出口', '输出', '出货', '输华', '对华出口'],
  // Sea food.
  ['水产品', '水产', '海鲜', '海产品', '渔产品'],
  // Release into the sea.
  ['排海', '排放入海', '排入海洋', '排入大海', '排入海', '排放'],
  // Monitoring and inspection.
  ['监测', '监督', '检测', '取样', '核查', '审查'],
  // Votes: 选举 in one outlet is 大选 / 选战 / 投票 in another.
  ['选举', '大选', '选战', '投票', '改选', '当选', '参选', '角逐', '投开票'],
  // Elections of a house of parliament: the lower house's is not the upper house's, nor a party's.
  ['众议院选举', '众院选举', '众议院大选', '众院大选', '众议院议员选举', '众议员选举'],
  ['参议院选举', '参院选举', '参议院大选', '参院大选', '参议院议员选举', '参议员选举'],
  // A prime minister elected by parliament.
  ['首相指名选举', '首相指名', '指名选举', '当选首相'],
  // A leader's policy speech to parliament.
  ['施政演说', '施政方针演说', '施政方针演讲', '施政演讲'],
  // Court rulings.
  ['判决', '裁决', '裁定', '判处', '判令', '胜诉'],
  // Highest courts: 大法院 (Korea) is a supreme court.
  ['大法院', '最高法院', '最高法院'],
  // Compensation and claims.
  ['赔偿', '索赔', '补偿', '赔款'],
  // Forced labour of the war years, as outlets name it.
  ['强征劳工', '强制劳工', '强制劳动', '强迫劳动', '被征用劳工', '征用工'],
  // Arms sales to Taiwan.
  ['对台军售', '售台武器', '对台售武', '对台出售武器', '对台湾出售武器', '军售', '出售武器', '武器销售'],
  // Japan's three security documents, as outlets name them.
  ['安保三文件', '三份安保文件', '安保文件', '国安战略文件', '三份国防文件', '国家安全保障战略'],
  // The Korea–Japan intelligence pact (GSOMIA), in its long and short names.
  ['军情协定', '军事情报保护协定', '军事情报协定', 'gsomia'],
  // Places and names transliterated two ways (Camp David: 戴维营 on the mainland, 大卫营 in Taiwan).
  ['戴维营', '大卫营'],
  // Trade talks: 经贸 / 贸易.
  ['经贸', '贸易', '经济贸易'],
  // A minister's title and its short forms (Japanese 防卫相, Chinese 防长): one office.
  ['防卫大臣', '防卫相', '防长', '国防部长', '国防部长官'],
  ['外务大臣', '外相', '外长', '外交部长'],
  ['财务大臣', '财务相', '财相', '财政部长', '财长'],
  ['农林水产大臣', '农相', '农水相'],
  // GDP and its Chinese names (mainland 国内生产总值, Taiwan 国内生产毛额).
  ['GDP', '国内生产总值', '国内生产毛额'],
  // Signing an agreement.
  ['签署', '签字', '签订', '签约'],
  // Lifting or withdrawing a measure.
  ['取消', '撤销', '撤除', '废除', '解除'],
  // The first phase of a deal: mainland 第一阶段, Taiwan and Hong Kong 首阶段.
  ['第一阶段', '首阶段'],
  // The run-off of a party vote.
  ['决选', '决选投票', '第二轮投票'],
  // Votes won.
  ['得票', '获得', '拿到'],
];

/**
 * The groups (by their first form) that name a subject matter of the news rather than an act: a
 * budget line, a document, a good, a court, a vote. A clause that names one of them and nothing of
 * a topic tells that subject's story (防卫费 beside 安保三文件); acts (访问, 出口, 恢复, 签署) run
 * through every story and say nothing of whose it is.
 */
const SUBJECT_MATTER = new Set(['防卫费', '处理水', '水产品', '关税', '对台军售', '安保三文件', '军情协定', '强征劳工', '大法院', '戴维营', '施政演说', '首相指名选举', '总裁选举', '众议院选举', '参议院选举']);

/**
 * Kinds of one sort of goods or acts: siblings, not near-synonyms (each inner list is one kind in its
 * spellings). A topic that names one kind (扇贝) is not told by a line about another (海参): both
 * are 水产品 shipped on the same days, and outlets list them side by side.
 */
const KINDS: readonly (readonly (readonly string[])[])[] = [
  // Sea food.
  [['扇贝', '帆立贝', '干贝'], ['海参'], ['鲍鱼'], ['牡蛎', '生蚝'], ['海胆'], ['螃蟹', '帝王蟹', '毛蟹'], ['金枪鱼', '鲔鱼'], ['三文鱼', '鲑鱼'], ['鳗鱼'], ['海带', '昆布'], ['鱿鱼'], ['虾']],
  // Meat and farm produce.
  [['牛肉'], ['猪肉'], ['鸡肉'], ['大米', '稻米'], ['小麦'], ['大豆'], ['玉米']],
  // Industrial goods a tariff names.
  [['汽车', '车辆'], ['钢铁', '钢材'], ['铝'], ['半导体', '芯片'], ['药品', '医药品'], ['木材']],
  // Trips by destination (岸田访美 is not told by an invitation to 访日).
  VISITS,
];

/** How much a match on a variant counts against a match on the word typed. */
export const VARIANT_WEIGHT = 0.6;

/**
 * Who meets whom, by rank: a meeting of leaders (首脑会谈, 峰会) is not one of foreign or defence
 * ministers (外长会谈, 防长会谈, 2+2) or of commanders, and the other way round. Each list is one rank
 * in its titles (a 2+2 is both ministers' meeting).
 */
const RANKS: readonly (readonly string[])[] = [
  ['首脑', '峰会', '高峰会', '领导人', '领袖', '元首', '首相', '总统', '总理', '国家主席'],
  ['外长', '外相', '外务大臣', '外交部长', '国务卿', '2+2'],
  ['防长', '防卫相', '防卫大臣', '国防部长', '国防部长官', '2+2'],
  ['司令', '参谋长', '幕僚长'],
];
// A topic that names a rank names a meeting only with one of these (首相指名选举 names no meeting).
const MEETING_RE = /会谈|会晤|会面|会见|峰会|通话|对话/u;

export class VariantTable {
  // A word may stand in two classes (暂停: halting trade, and stopping a measure): it gets both.
  private readonly groupOf = new Map<string, Set<string>>();

  // Folded forms of the subject-matter groups (SUBJECT_MATTER).
  private readonly subjects = new Set<string>();

  // Folded titles of each rank (RANKS).
  private readonly ranks = RANKS.map((titles) => titles.map((t) => fold(t)));

  // Folded forms of each kind (KINDS), with its sort.
  private readonly kinds: { sort: number; forms: string[] }[] = [];

  constructor(groups: readonly (readonly string[])[] = GROUPS) {
    KINDS.forEach((sort, k) => {
      for (const kind of sort) this.kinds.push({ sort: k, forms: kind.map((f) => fold(f)) });
    });
    for (const g of groups) {
      const folded = g.map((f) => fold(f));
      if (SUBJECT_MATTER.has(g[0] as string)) for (const f of folded) this.subjects.add(f);
      for (const f of folded) {
        const set = this.groupOf.get(f) ?? new Set<string>();
        for (const other of folded) set.add(other);
        this.groupOf.set(f, set);
      }
    }
  }

  /** The other forms of `word`'s groups (folded), without the word itself; [] when it has none. */
  variantsOf(word: string): string[] {
    const w = fold(word);
    return [...(this.groupOf.get(w) ?? [])].filter((f) => f !== w);
  }

  /** The forms of the groups that name a subject matter rather than an act (SUBJECT_MATTER), folded. */
  subjectForms(): string[] {
    return [...this.subjects];
  }

  /**
   * The subject-matter forms that are none of `forms` and neither hold nor sit inside one of them: the
   * other stories a topic's sentence may name (安保三文件 beside 防卫费; not 选举 beside 总裁选举).
   */
  otherSubjects(forms: Iterable<string>): string[] {
    const own = [...new Set(forms)];
    return this.subjectForms().filter((f) => !own.some((o) => o.includes(f) || f.includes(o)));
  }

  /** Whether a folded form names a subject matter (SUBJECT_MATTER) rather than an act. */
  isSubject(form: string): boolean {
    return this.subjects.has(form);
  }

  /**
   * The kinds (each as its forms, folded) that `forms` name: a topic that names 扇贝 names that kind of
   * sea food. Each comes with its siblings' forms (海参, 鲍鱼…), which name another story.
   */
  kindsNamed(forms: readonly string[]): { own: string[]; siblings: string[] }[] {
    const out: { own: string[]; siblings: string[] }[] = [];
    for (const kind of this.kinds) {
      if (!kind.forms.some((f) => forms.includes(f))) continue;
      const siblings = this.kinds.filter((o) => o.sort === kind.sort && o !== kind).flatMap((o) => o.forms);
      out.push({ own: kind.forms, siblings });
    }
    return out;
  }

  /** The ranks (indices of RANKS) whose titles a folded text names. */
  ranksNamed(folded: string): number[] {
    const out: number[] = [];
    this.ranks.forEach((titles, r) => {
      if (titles.some((t) => folded.includes(t))) out.push(r);
    });
    return out;
  }

  /** The ranks of a meeting a folded topic names (首脑会谈: leaders; 日美防长会谈: defence ministers), [] when it names no meeting or no rank. */
  meetingRanks(folded: string): number[] {
    return MEETING_RE.test(folded) ? this.ranksNamed(folded) : [];
  }

  /** Every form of every group, folded (for the segmenter's dictionary and tests). */
  forms(): string[] {
    return [...this.groupOf.keys()];
  }
}

/** The table of GROUPS, folded once: what /ask and /timeline share. */
export const NEWS_VARIANTS = new VariantTable();
