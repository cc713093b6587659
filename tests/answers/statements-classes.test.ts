import { beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { analyzeArticle, type RawStatement } from '../../src/extract/statements.ts';
import { HAS_SHARED_CORPUS, SEEDS_DIR, SHARED_CORPUS_DIR } from '../support/corpus.ts';

/** An article of these paragraphs, to try a class of phrasings on sentences of its own. */
function article(...paragraphs: string[]): Article {
  return { id: 't', file: 't.txt', title: '测试', url: 'https://example.org/t', source: 'example.org', publishedAt: '2024-01-01T00:00:00.000Z', blocks: paragraphs.map((text) => ({ kind: 'paragraph' as const, text })) };
}
const said = (...paragraphs: string[]): RawStatement[] => analyzeArticle(article(...paragraphs)).statements;
const who = (list: RawStatement[], words: string): string[] => list.filter((s) => s.text.includes(words)).map((s) => s.speaker);

describe('statements: classes of phrasing, on sentences made for them', () => {
  it('他说/这位首相/这位发言人 opening a paragraph: the person whose words filled the paragraph before', () => {
    const list = said(
      '日本首相岸田文雄今天在首相官邸对媒体表示，希望基于科学根据，由专家讨论。',
      '他说，有关风评被害对策、东京电力公司实施的赔偿等，做好所有因应措施。',
      '这位首相还表示，日本将继续要求中方撤销禁令。',
      '外交部发言人林剑在记者会上说，中方坚决反对这种做法。',
      '这位发言人还说，日方应当停止错误做法。',
    );
    expect(who(list, '做好所有因应措施')).toEqual(['岸田文雄']);
    expect(who(list, '继续要求中方撤销禁令')).toEqual(['岸田文雄']);
    expect(who(list, '停止错误做法')).toEqual(['林剑']);
  });

  it('告知/转告: what is passed on is the speaker\'s, after a call or a meeting, with or without the one told before a comma; a recipient or a thing alone is no statement', () => {
    const list = said(
      '商务部长卢特尼克听闻停产计划后，致电美国钢铁执行长伯里特，告知美国政府不允许该厂停止营运。',
      '外相林芳正周三致电韩国外长朴振，告知日本将放宽出口管制。',
      '岸田文雄周二告知记者，政府将提前召开内阁会议。',
      '林芳正转告韩方，日本将放宽出口管制。',
      '防卫省已告知有关部门。',
      '岸田文雄告知媒体。',
      '美方已告知日方的决定。',
    );
    expect(who(list, '不允许该厂停止营运')).toEqual(['卢特尼克']);
    expect(who(list, '放宽出口管制')).toEqual(['林芳正', '林芳正']);
    expect(list.find((x) => x.text.includes('提前召开内阁会议'))).toMatchObject({ speaker: '岸田文雄', text: '政府将提前召开内阁会议' });
    expect(list.filter((x) => x.text.includes('放宽出口管制')).map((x) => x.text)).toEqual(['日本将放宽出口管制', '日本将放宽出口管制']);
    expect(list.some((x) => /有关部门|媒体|的决定/.test(x.text))).toBe(false);
  });

  it('a named person who speaks inside what an informant, an office or a government reports is heard (知情人士说，岸田文雄表示…); their own words, an elided subject and a pronoun stay nobody\'s', () => {
    const list = said(
      '知情人士说，岸田文雄在会上表示，日本将加强防卫能力。',
      '消息人士透露，林芳正已告诉美方，日本将增加防卫预算。',
      '美国国务院表示，布林肯强调美日同盟牢不可破。',
      '白宫说，拜登认为日本是重要盟友。',
      '知情人士说，日本将增加驻军。',
      '日本政府表示，首相将于下月访美。',
      '美方官员说，拜登并未表示支持该计划。',
      '消息人士说，首相将于下周宣布辞职，他表示不会再参选。',
    );
    expect(who(list, '加强防卫能力')).toEqual(['岸田文雄']);
    expect(who(list, '增加防卫预算')).toEqual(['林芳正']);
    expect(who(list, '牢不可破')).toEqual(['布林肯']);
    expect(who(list, '重要盟友')).toEqual(['拜登']);
    for (const words of ['增加驻军', '下月访美', '支持该计划', '不会再参选']) expect(who(list, words), words).toEqual([]);
  });

  it('leaves 他说 unresolved when the paragraph before named two people or had nobody speak', () => {
    expect(who(said('林芳正与王毅举行会谈，双方讨论了地区局势。', '他表示，双方同意加强沟通。'), '加强沟通')).toEqual([]);
    expect(who(said('林芳正表示，日本将加强防卫。美国国务卿布林肯对此表示欢迎。', '他说，日本应当反省历史问题。'), '反省历史')).toEqual([]);
    expect(who(said('东京电力公司今天开始排放处理水。', '他说，排放将持续17天。'), '持续17天')).toEqual([]);
  });

  it('他说 after a paragraph of one speaker whose own words name others (长尾贤认为，石破茂是特朗普…): still that speaker', () => {
    const list = said(
      '日本经济学家木内登英认为，特朗普对日本的要求将持续增加，石破政权必须做好准备。',
      '他说：“日本今年大选后，美方就可能要求日本增加防卫支出。”',
      '华盛顿哈德逊研究所(Hudson Institute)研究员长尾贤认为，拜登政府重视日本。这一判断也得到其他学者支持。',
      '他表示，美日同盟在拜登任内将更加稳固。',
    );
    expect(who(list, '增加防卫支出')).toEqual(['木内登英']);
    expect(who(list, '更加稳固')).toEqual(['长尾贤']);
  });

  it('…but 他说 stays unresolved after a second speaker, a joint view, or a person named outside the words', () => {
    expect(who(said('研究员长尾贤表示，美日同盟将更加稳固。美国总统特朗普则说，日本应当承担更多费用。', '他说：“这将是一个重大转变，各国都必须适应。”'), '重大转变')).toEqual([]);
    expect(who(said('专家谢文生认为，日本将增加防卫预算。日本首相石破茂昨天抵达华盛顿访问。', '他说，这个决定对日本经济影响很大而且深远。'), '影响很大')).toEqual([]);
    expect(who(said('特朗普和石破茂都认为，美日同盟是地区稳定的基石。', '他表示，日本将购买更多美国液化天然气。'), '液化天然气')).toEqual([]);
  });

  it('the clause right after 说 is the speaker’s words even when a country or group speaks in it (他说，中国公开表示，将…)', () => {
    const list = said(
      '美国总统特朗普透过推特指控中国干预选举。他说，中国公开表示，将设法影响美国的选战。',
      '日本首相岸田文雄说，日本政府对此表示强烈抗议。',
      '韩国总统尹锡悦指出，双方同意尽快恢复对话机制。',
    );
    expect(who(list, '影响美国的选战')).toEqual(['特朗普']);
    expect(who(list, '强烈抗议')).toEqual(['岸田文雄']);
    expect(who(list, '恢复对话机制')).toEqual(['尹锡悦']);
  });

  it('…but not a named person speaking there, nor a side answering later in the sentence (中方则表示)', () => {
    const list = said('岸田文雄说，美国总统拜登表示，美国将坚定支持日本。', '日本外相林芳正表示，日本将加强防卫能力，中方则表示坚决反对这种做法。');
    expect(who(list, '坚定支持日本')).toEqual([]);
    expect(who(list, '加强防卫能力').length).toBe(1);
    expect(who(list, '坚决反对')).toEqual([]);
  });

  it('a speech word as the occasion between 在 and 中 (在声明中说, 在回应中指出)', () => {
    expect(who(said('日本首相岸田文雄在声明中说，日本将继续支持乌克兰。'), '继续支持乌克兰')).toEqual(['岸田文雄']);
    expect(who(said('日本外相林芳正在回应中指出，日本将继续要求中方撤销禁令。'), '撤销禁令')).toEqual(['林芳正']);
  });

  it('the act that gave the words between speaker and verb (召开记者会宣布, 接受美联社采访表示, 发表声明说, 以视频方式发表讲话说)', () => {
    expect(who(said('日本首相岸田文雄当天举行记者会表示，日本将继续加强日美同盟。'), '加强日美同盟')).toEqual(['岸田文雄']);
    expect(who(said('日本官房长官林芳正接受美联社采访表示，日本不会改变既定立场。'), '既定立场')).toEqual(['林芳正']);
    expect(who(said('美国总统拜登发表声明说，美国将坚定支持日本。'), '坚定支持日本')).toEqual(['拜登']);
    expect(who(said('日本首相岸田文雄以视频方式发表讲话说，日本将全力支持乌克兰。'), '全力支持乌克兰')).toEqual(['岸田文雄']);
    expect(who(said('中国国家主席习近平发表二〇二五年新年贺词说，中国经济稳中向好。'), '稳中向好')).toEqual(['习近平']);
    // An act announced is kept whole from its subject: 辞职 alone would read as words said.
    expect(said('日本首相岸田文雄14日召开记者会宣布不参加下届自民党总裁选举。').map((s) => [s.speaker, s.text])).toEqual([['岸田文雄', '日本首相岸田文雄14日召开记者会宣布不参加下届自民党总裁选举']]);
  });

  it('…but not an act planned, an office’s or an unnamed official’s statement, or an invitation accepted', () => {
    expect(said('日本首相岸田文雄计划召开记者会宣布辞职。')).toEqual([]);
    expect(said('日本外务省发表声明说，日本对此深表遗憾。')).toEqual([]);
    expect(said('一名美国官员接受美联社采访表示，会谈将在下周举行。')).toEqual([]);
    expect(said('日本首相岸田文雄接受拜登的邀请访问美国。')).toEqual([]);
    expect(who(said('拜登发表声明的当天，日本官房长官林芳正表示，日本欢迎美方的决定。'), '欢迎美方的决定')).toEqual(['林芳正']);
  });

  it('condemning is a statement, its verb kept (强烈谴责…, 严厉谴责…), after a call in the same sentence too; 严厉批评 cut in two', () => {
    expect(said('日本首相岸田文雄强烈谴责朝鲜再次发射弹道导弹，称这是严重的挑衅行为。').map((s) => [s.speaker, s.text])).toEqual([['岸田文雄', '强烈谴责朝鲜再次发射弹道导弹，称这是严重的挑衅行为']]);
    expect(who(said('日本首相岸田文雄与美国总统拜登通电话，严厉谴责俄罗斯入侵乌克兰。'), '俄罗斯入侵乌克兰')).toEqual(['岸田文雄']);
    expect(who(said('中国外交部发言人林剑严厉批评日本政府的做法是完全错误的。'), '完全错误')).toEqual(['林剑']);
  });

  it('…but not condemnation received (遭到/受到…谴责), nor an office’s or an unnamed spokesperson’s', () => {
    expect(said('日本首相岸田文雄遭到中方强烈谴责。')).toEqual([]);
    expect(said('日本首相岸田文雄受到国际社会的谴责，支持率下跌。')).toEqual([]);
    expect(said('日本政府强烈谴责朝鲜再次发射弹道导弹。')).toEqual([]);
    expect(said('中国外交部发言人强烈谴责日本的错误言行。')).toEqual([]);
  });

  it('a message conveyed whose object is an intention or stance (传达了…的意愿, 阐述了…的一贯立场), not greetings or thanks', () => {
    expect(who(said('中国外交部长王毅向日方阐述了中方在台湾问题上的一贯立场。'), '一贯立场')).toEqual(['王毅']);
    expect(who(said('日本外相林芳正转达了日本希望尽快恢复双边对话的意愿。'), '恢复双边对话')).toEqual(['林芳正']);
    expect(said('日本外相林芳正会见美方代表。林芳正转达了首相对总统的问候和感谢。')).toEqual([]);
    expect(said('一名日本官员向美方传达了日本政府坚持自由贸易的立场。')).toEqual([]);
    expect(said('日本首相岸田文雄的意愿已经传达给美方，希望尽快恢复对话。')).toEqual([]);
  });

  it('X…作出上述表示 opening a paragraph: the paragraph above, given to nobody, is X’s (through an outlet, 是…的 too)', () => {
    const list = said(
      '韩国总统尹锡悦将于下月访问美国，与拜登举行首脑会谈，双方将讨论加强延伸威慑的具体方案。',
      '据韩联社报道，韩国国家安保室第一次长金泰孝17日下午在记者会上作出上述表示。',
      '（新华社北京1月1日电）中国将坚定不移推进高水平对外开放，同世界分享发展机遇。',
      '习近平是在新年茶话会上发表讲话时作出上述表示的。',
    );
    expect(list.filter((s) => s.kind === 'person').map((s) => [s.speaker, s.paragraph])).toEqual([['金泰孝', 0], ['习近平', 2]]);
    expect(who(list, '同世界分享发展机遇')).toEqual(['习近平']);
  });

  it('…but not over words already given to someone, nor for a pronoun or an office', () => {
    expect(who(said('拜登表示，美日同盟坚不可摧，两国将加强合作。', '日本首相岸田文雄在记者会上作出上述表示。'), '坚不可摧')).toEqual(['拜登']);
    expect(said('两国将讨论加强延伸威慑的具体方案，并发表联合声明。', '他在记者会上作出上述表示。')).toEqual([]);
    expect(said('日本将加快修订安保三文件，强化反击能力。', '日本政府在记者会上作出上述表示。')).toEqual([]);
  });

  it('a name jieba glues to 于/在 or to the 今/昨 of 今(18)日 keeps its own characters (林佳龙于, 金泰孝在, 林佳龙今(18)日)', () => {
    expect(said('外交部長林佳龍於記者會中表示，台灣將持續深化台美關係。').map((s) => s.speaker)).toEqual(['林佳龙']);
    expect(said('外交部長林佳龍今（18）日表示，台灣將持續深化台美關係。').map((s) => s.speaker)).toEqual(['林佳龙']);
    expect(said('外交部長林佳龍昨（17）日在立法院表示，台灣將持續深化台美關係。').map((s) => s.speaker)).toEqual(['林佳龙']);
    expect(said('韩国国家安保室第一次长金泰孝在简报会上说，三国首脑将发表联合声明。').map((s) => s.speaker)).toEqual(['金泰孝']);
    // A name that ends in 和 is a name (铃木宪和), and 今井 starts one.
    expect(said('日本农林水产大臣铃木宪和表示，日本将继续要求中方撤销禁令。').map((s) => s.speaker)).toEqual(['铃木宪和']);
  });

  it('a speech word inside 在…中/时 is the occasion (在一份声明中说, 在回答记者提问时说); 于 + a time; A与B通电话后 is A’s', () => {
    expect(who(said('美國總統拜登在一份聲明中說，美國將持續支持台灣。'), '持續支持台灣')).toEqual(['拜登']);
    expect(who(said('美國總統拜登在回答記者提問時說，美國將持續支持台灣。'), '持續支持台灣')).toEqual(['拜登']);
    expect(who(said('日本首相石破茂於17日晚間表示，日本將繼續與美方談判。'), '繼續與美方談判')).toEqual(['石破茂']);
    expect(who(said('日本首相石破茂17日與美國總統川普通電話後向媒體表示，雙方同意繼續談判。'), '雙方同意')).toEqual(['石破茂']);
    // Still together when the two speak as one, not after a call: 与…在联合声明中强调.
    expect(who(said('日本首相石破茂与美国总统特朗普在联合声明中强调，双方将加强合作。'), '加强合作').sort()).toEqual(['特朗普', '石破茂'].sort());
  });

  it('one person holding two offices (代表兼副部长李成钢, 副首相兼财务大臣麻生太郎, 国务委员兼外交部长王毅)', () => {
    expect(who(said('商务部国际贸易谈判代表兼副部长李成钢表示，双方同意建立磋商机制。'), '磋商机制')).toEqual(['李成钢']);
    expect(who(said('日本副首相兼财务大臣麻生太郎说，日本经济正在复苏。'), '正在复苏')).toEqual(['麻生太郎']);
    expect(who(said('国务委员兼外交部长王毅表示，中方愿同日方共同努力。'), '共同努力')).toEqual(['王毅']);
    expect(said('外交部兼管此事的官员表示，中方愿同日方共同努力。')).toEqual([]);
  });

  it('A会见B时表示 is A’s, never B’s (会见/n is a meeting, not a title): nor is 林芳正会见王毅 a name', () => {
    expect(said('外交部长王毅会见日本外相林芳正时表示，中日应当相向而行。').map((s) => s.speaker)).toEqual(['王毅']);
    expect(said('日本外相林芳正会见王毅时说，日本希望与中国构建建设性稳定关系。').map((s) => s.speaker)).toEqual(['林芳正']);
    expect(said('外交部长王毅同日本外相林芳正举行会谈时表示，中日应当相向而行。').map((s) => s.speaker)).toEqual(['王毅']);
    expect(said('美国驻日大使伊曼纽尔会晤结束后向记者表示，美日同盟坚如磐石。').map((s) => s.speaker)).toEqual(['伊曼纽尔']);
  });

  it('what the speaker did with someone else before speaking stays the speaker’s (听取…的汇报后, 与到访的…会面后, 在…的陪同下, 致电…表示)', () => {
    expect(said('日本首相岸田文雄听取外相林芳正的汇报后表示，日本将全力支持美国。').map((s) => s.speaker)).toEqual(['岸田文雄']);
    expect(said('日本首相岸田文雄与到访的美国国务卿布林肯会面后表示，日本将全力支持美国。').map((s) => s.speaker)).toEqual(['岸田文雄']);
    expect(said('日本首相岸田文雄在外相林芳正的陪同下表示，日本将全力支持美国。').map((s) => s.speaker)).toEqual(['岸田文雄']);
    expect(said('日本首相岸田文雄致电美国总统拜登表示，日本将全力支持美国。').map((s) => s.speaker)).toEqual(['岸田文雄']);
    // Never the other person: the one quoted, or the one whose words are answered.
    expect(said('日本首相岸田文雄引述美国总统拜登的话说，美国是可靠的盟友。').filter((s) => s.speaker === '拜登')).toEqual([]);
    expect(said('日本首相岸田文雄回应美国总统拜登的说法时表示，日本将全力支持美国。').map((s) => s.speaker)).toEqual(['岸田文雄']);
  });

  it('今天上午 (a person to jieba’s dictionary) is a time, never a name nor part of one', () => {
    expect(said('岸田文雄今天上午在首相官邸接受媒体联访，他表示，政府将审慎应对。').map((s) => s.speaker)).toEqual(['岸田文雄']);
    expect(said('美國駐日大使伊曼紐爾今天上午會見岸田文雄後表示，美國將支持日本。').map((s) => s.speaker)).toEqual(['伊曼纽尔']);
    expect(analyzeArticle(article('拜登今天下午抵达东京。')).people.map((p) => p.name)).not.toContain('今天下午');
  });

  it('a speaker the reader cannot name (让-皮埃尔表示，…): nobody named in those words takes the 她说 after them', () => {
    expect(said('白宫新闻秘书让-皮埃尔表示，拜登将于下月访日，她说这次访问非常重要。')).toEqual([]);
    // A named speaker later in the sentence is still read.
    expect(who(said('白宫新闻秘书让-皮埃尔表示，拜登将于下月访日，日本首相岸田文雄则表示欢迎美方的决定。'), '欢迎美方的决定')).toEqual(['岸田文雄']);
  });

  it('在 + a place or occasion before the verb, with no closing 上/中 (在首相官邸对媒体表示, 在例行记者会称, 在日内瓦告诉记者)', () => {
    expect(who(said('中国外交部发言人毛宁7日在例行记者会称，中方将持续对日本福岛核污染水进行国际监测。'), '持续对日本')).toEqual(['毛宁']);
    expect(who(said('国务院副总理何立峰在日内瓦告诉记者，会谈氛围坦诚、深入、具有建设性。'), '会谈氛围')).toEqual(['何立峰']);
    expect(who(said('日本首相岸田文雄在首相官邸对媒体表示，希望基于科学根据由专家讨论。'), '科学根据')).toEqual(['岸田文雄']);
    // A person is no place: 高市在首相石破茂表明辞职意向的一个半月后接掌政权 says nothing.
    expect(said('自民党总裁高市早苗在首相石破茂表明辞职意向的一个半月后接掌政权。')).toEqual([]);
  });

  it('A表示，…；B表示，…: a semicolon closes one statement and opens the next speaker’s', () => {
    const list = said('美国财政部长贝森特表示，双方已经取得重大进展；国务院副总理何立峰表示，会谈坦诚、深入、具有建设性。');
    expect(who(list, '重大进展')).toEqual(['贝森特']);
    expect(who(list, '具有建设性')).toEqual(['何立峰']);
    const two = said('美国总统特朗普在白宫对记者说，关税将会提高；日本首相岸田文雄则表示，日本将继续谈判。');
    expect(who(two, '关税将会提高')).toEqual(['特朗普']);
    expect(who(two, '继续谈判')).toEqual(['岸田文雄']);
  });

  it('time and manner between the speaker and the verb (胜选后致词说, 会上发言表示, 针对…表示)', () => {
    expect(who(said('前经济安保担当大臣高市早苗当选总裁。高市胜选后致词说，「我更觉得艰巨的工作才刚开始」。'), '艰巨的工作')).toEqual(['高市']);
    expect(who(said('日本外相林芳正在会上发言表示，日本将加强防卫能力。'), '加强防卫能力')).toEqual(['林芳正']);
    expect(who(said('日本首相岸田文雄访问了福岛县的鱼市，针对中国的进口停止表示：“这完全没有科学依据，令人非常遗憾。”'), '没有科学依据')).toEqual(['岸田文雄']);
  });

  it('conveying verbs report speech when punctuation follows (首相也转达，…; 向对方转达，…), not with an object (转达了问候)', () => {
    expect(who(said('日本首相石破茂与韩国总统李在明举行会谈。首相也转达，日本历届内阁在历史认知上的立场「整体上都是继承的」。'), '历史认知')).toEqual(['石破茂']);
    expect(who(said('中国外交部长王毅向对方转达，中方愿同日方加强沟通。'), '加强沟通')).toEqual(['王毅']);
    expect(said('日本外相林芳正会见美方代表。林芳正转达了首相对总统的问候和感谢。')).toEqual([]);
  });

  it('a letter read out or handed over (读出习近平的信件：“…”, 宣读了拜登总统的贺信：「…」): its writer’s words, not the reader’s', () => {
    const one = said('国务院副总理刘鹤就读出习近平的信件：“中美达成第一阶段经贸协议，有利于中美两国，有利于世界。”');
    expect(who(one, '有利于世界')).toEqual(['习近平']);
    expect(who(said('美国驻日大使宣读了拜登总统的贺信：「美日同盟是印太和平的基石。」'), '印太和平的基石')).toEqual(['拜登']);
    // A statement with no writer named is nobody's; the reader is never given it.
    expect(who(said('日本外相林芳正读出了一份声明：「日本将继续努力推动对话。」'), '继续努力')).toEqual([]);
  });

  it('a closing mark typed as the opening one right after a colon (信件:”…”) still opens a quotation', () => {
    const list = said('国务院副总理刘鹤就读出习近平的信件:”中美达成第一阶段经贸协议,有利于中美两国,有利于世界。”');
    expect(list.map((s) => [s.speaker, s.direct, s.text.startsWith('中美达成')])).toEqual([['习近平', true, true]]);
    // An orphan closing mark with no colon before it stays an orphan (茂木敏充还指出：我们认为…协议。”).
    expect(said('日本外相茂木敏充还指出：我们认为这是一项好的协议。”').map((s) => [s.speaker, s.direct])).toEqual([['茂木敏充', true]]);
  });

  it('a transcript (汪文斌：…) with no quotation marks, and its first-person paragraphs; never the question', () => {
    const list = said(
      '中国外交部发言人汪文斌主持例行记者会。',
      '有记者提问：中方对此有何评论？',
      '汪文斌：我们注意到格罗西总干事访日情况。日方理应全面配合国际原子能机构。',
      '我还要指出的是，这种做法是不负责任的。我们再次敦促日方停止强推排海方案。（完）',
      '高市早苗：艰巨工作才刚开始',
    );
    expect(who(list, '格罗西总干事')).toEqual(['汪文斌']);
    expect(who(list, '停止强推排海方案')).toEqual(['汪文斌']);
    expect(who(list, '有何评论')).toEqual([]);
    expect(who(list, '艰巨工作')).toEqual([]); // a sub-title in a paragraph is the outlet's summary
    expect(list.every((s) => !s.direct)).toBe(true); // no marks, no quotation
  });

  it('reported speech that quotes a phrase stays reported: direct is only the words inside the marks', () => {
    const list = said('日本首相高市早苗在施政演说中强调施政主轴为「负责任的积极财政」，以刺激内需为目标。');
    expect(list.map((s) => [s.speaker, s.direct])).toEqual([['高市早苗', false]]);
    const direct = said('日本首相高市早苗表示：「日美是世界上最伟大的同盟。」');
    expect(direct.map((s) => [s.speaker, s.direct])).toEqual([['高市早苗', true]]);
  });
});

describe('statements: how the words went out, between the speaker and the verb', () => {
  it('a post or a refrain (推文说/推文宣布, 旧调重弹指出), a channel (透过推特指控, 通过社群媒体表示)', () => {
    const list = said(
      '美国总统特朗普推文称，墨西哥必须阻止非法移民。',
      '川普一日突然推文宣布，將對歐盟商品加徵關稅。',
      '拜登今天旧调重弹指出，盟友必须增加国防开支。',
      '川普稍早則透過推特指控，中國試圖干預選舉。',
      '石破茂通过社群媒体表示，日本将继续对话。',
    );
    expect(who(list, '阻止非法移民')).toEqual(['特朗普']);
    expect(who(list, '對歐盟商品加徵關稅')).toEqual(['川普']);
    expect(who(list, '增加国防开支')).toEqual(['拜登']);
    expect(who(list, '試圖干預選舉')).toEqual(['川普']);
    expect(who(list, '继续对话')).toEqual(['石破茂']);
  });
  it('but a thing passed through is no channel of speech, and a verb of doing is no speech', () => {
    const list = said('国会通过法案，表示将加强防卫。', '拜登透过白宫发言人与记者见面。', '特朗普推文中的说法引发争议。');
    expect(list.filter((s) => s.kind === 'person')).toEqual([]);
  });
  it('仍/依然 before the verb after a clause of time (在宣布…后，仍声称「…」)', () => {
    const list = said('但川普在宣布對中國商品加徵關稅後，仍聲稱「我們希望繼續正面對話」。', '岸田在会谈结束后依然强调，日本不会让步。');
    expect(who(list, '繼續正面對話')).toEqual(['川普']);
    expect(who(list, '日本不会让步')).toEqual(['岸田']);
  });
  it('「…。」他说。 opening a paragraph: the person of the paragraph before, only when that paragraph names nobody else', () => {
    expect(who(said('印度总理莫迪表示，四方会谈加强了合作。', '「四方会谈将继续存在。」他说。'), '继续存在')).toEqual(['莫迪']);
    expect(who(said('岸田文雄表示，日本将继续合作。', '「我们会继续努力。」他說。'), '继续努力')).toEqual(['岸田文雄']);
    expect(who(said('拜登与岸田会谈。', '「四方会谈将继续存在。」他说。'), '继续存在')).toEqual([]);
    expect(who(said('岸田文雄表示，日本将继续合作。拜登则没有回应。', '「我们会继续努力。」他说。'), '继续努力')).toEqual([]);
  });
});

describe('statements: 表达 (express) reports what was expressed; someone else’s answer ends it', () => {
  it('表达…的决心/立场 is the speaker’s; 获X表示欢迎 after it is X’s act, not part of the words', () => {
    const list = said(
      '滨田在会谈中表达致力彻底强化防卫能力的决心，获奥斯汀表示欢迎。',
      '拜登表达了美国坚定支持日本的立场。',
      '岸田对此表达感谢。',
    );
    expect(list.map((s) => [s.speaker, s.text])).toEqual([['滨田', '致力彻底强化防卫能力的决心'], ['拜登', '美国坚定支持日本的立场']]);
  });
});

describe('statements: a relative clause before the speaker, its head after the last 的', () => {
  it('担任…“委员会”主席的X表示, 会见了拜登的岸田文雄表示: the person after the last 的 speaks', () => {
    const list = said(
      '美国商务部长卢特尼克抵达东京。担任“投资委员会”主席的卢特尼克表示，首个项目将在年底前确定。',
      '岸田文雄抵达华盛顿。会见了拜登的岸田文雄表示，日美同盟坚不可摧。',
      '拜登抵达东京。岸田文雄的发言人表示，会谈很成功。',
    );
    expect(who(list, '首个项目')).toEqual(['卢特尼克']);
    expect(who(list, '坚不可摧')).toEqual(['岸田文雄']);
    expect(who(list, '会谈很成功')).toEqual([]);
  });
});

describe.skipIf(!HAS_SHARED_CORPUS)('statements: the same classes in real articles', () => {
  const byFile = new Map<string, Article>();
  beforeAll(async () => {
    const { articles } = await loadCorpus([SEEDS_DIR, SHARED_CORPUS_DIR]);
    for (const a of articles) byFile.set(a.file.slice(0, 3), a);
  }, 60_000);
  const inArticle = (prefix: string, words: string): RawStatement[] => {
    const a = byFile.get(prefix);
    if (!a) throw new Error(`fixture ${prefix} missing`);
    return analyzeArticle(a).statements.filter((s) => s.text.includes(words));
  };

  it('他说/他表示 after a paragraph of the same person’s words (253, 261, 213, 228)', () => {
    expect(inArticle('253', '做好所有因应措施').map((s) => s.speaker)).toEqual(['岸田']);
    expect(inArticle('261', '適當的時機').map((s) => s.speaker)).toEqual(['石破茂']);
    expect(inArticle('213', '安倍首相確實將這種夥伴關係').map((s) => s.speaker)).toEqual(['布林肯']);
    expect(inArticle('228', '联合投资').map((s) => s.speaker)).toEqual(['Lutnick']);
  });

  it('他说：“…” after an analyst’s paragraph that names the people analysed (003 谢文生, 长尾贤)', () => {
    expect(inArticle('003', '连在野党领袖也几乎都给予正面肯定').map((s) => [s.speaker, s.direct])).toEqual([['谢文生', true]]);
    expect(inArticle('003', '届时讨论防卫支出如何达到').map((s) => s.speaker)).toEqual(['长尾贤']);
    expect(inArticle('003', '都让特朗普').map((s) => s.speaker)).toEqual(['谢文生']);
  });

  it('a spokesperson met once, by title, in a press conference (257 毛宁, 252 汪文斌, 236 赵立坚)', () => {
    expect([...new Set(inArticle('257', '國際監測和中方的獨立取樣監測').map((s) => s.speaker))]).toEqual(['毛宁']);
    expect(inArticle('252', '停止强推排海方案').map((s) => s.speaker)).toEqual(['汪文斌']);
    expect(inArticle('236', '为了维护国家利益').map((s) => s.speaker)).toEqual(['赵立坚']);
  });

  it('a post, a refrain, a channel, 仍 after a clause of time, 「…」他說 (231, 230, 222)', () => {
    expect([...new Set(inArticle('231', '對三千億美元的中國進口商品加徵十%關稅').map((s) => s.speaker))]).toEqual(['川普']);
    expect(inArticle('231', '其餘三千億美元').map((s) => [s.speaker, s.direct])).toEqual([['川普', true]]);
    expect(inArticle('231', '全面性貿易協定正面對話').map((s) => [s.speaker, s.direct])).toEqual([['川普', true]]);
    expect(inArticle('230', '占美國便宜').map((s) => s.speaker)).toEqual(['川普']);
    expect(inArticle('230', '影響美國年底期中選舉').map((s) => s.speaker)).toEqual(['川普']);
    expect(inArticle('230', '因為他們對我很忠心').map((s) => s.speaker)).toEqual(['川普']);
    expect(inArticle('222', '四方會談將繼續存在,以提供').map((s) => s.speaker)).toEqual(['莫迪']);
  });

  it('an act that gave the words, an act announced kept whole (261 召開記者會宣布辭職下台, 259 宣布将不参加)', () => {
    expect(inArticle('261', '召開記者會宣布辭職下台').map((s) => s.speaker)).toEqual(['石破茂']);
    expect(inArticle('259', '宣布将不参加9月举行的该党总裁选举').map((s) => s.speaker)).toEqual(['岸田文雄']);
  });

  it('強烈譴責 after a call inside an outlet’s report (214 濱田靖一跟奧斯汀進行電話會談,強烈譴責…)', () => {
    expect(inArticle('214', '強烈譴責中國8月4日').filter((s) => s.kind === 'person').map((s) => s.speaker)).toEqual(['滨田靖一']);
  });

  it('首相在會談中傳達了…的意願 across a comma, the bare 首相 the article’s one (227)', () => {
    expect(inArticle('227', '爭取在今年度內達成的意願').map((s) => s.speaker)).toEqual(['高市早苗']);
  });

  it('做上述表示 after a paragraph already his changes nothing (230)', () => {
    expect(inArticle('230', '別無選擇').filter((s) => s.paragraph === 0).map((s) => s.speaker)).toEqual(['川普']);
  });

  it('代表兼副部長李成鋼說明 (235)', () => {
    expect(inArticle('235', '定期和不定期溝通').map((s) => s.speaker)).toEqual(['李成钢']);
  });

  it('路透報導 is the agency’s report, not a person named 路透 (240)', () => {
    const list = inArticle('240', '美國強烈反對中國的制裁措施');
    expect(list.map((s) => [s.kind, s.speaker])).toEqual([['outlet', '路透']]);
  });

  it('a relative clause with a short quotation before the speaker (228 担任…“投资委员会”主席的Lutnick表示)', () => {
    expect(inArticle('228', '10至12家日本公司').map((s) => s.speaker)).toEqual(['Lutnick']);
  });

  it('表达…的決心 ends before 獲X表示歡迎 (214)', () => {
    const list = inArticle('214', '強化防衛能力的決心');
    expect(list.map((s) => s.speaker)).toEqual(['滨田']);
    expect(list.every((s) => !s.text.includes('奧斯汀'))).toBe(true);
  });

  it('joint statements belong to both (232 特朗普和劉鶴都認為, 224 盧特尼克和貝森特…承諾), and never to a third', () => {
    expect(inArticle('232', '影響比貿易深遠').map((s) => s.speaker).sort()).toEqual(['刘鹤', '特朗普'].sort());
    expect(inArticle('224', '調降日本汽車關稅').map((s) => s.speaker).sort()).toEqual(['卢特尼克', '贝森特'].sort());
  });
});
