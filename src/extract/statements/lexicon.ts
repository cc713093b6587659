/** Words of the language the extractor reads by (titles, speech verbs, collectives, particles), never names. */

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

export const ROLE_RE = new RegExp(ROLE_WORDS.join('|'), 'gu');

export const ROLE_END_RE = new RegExp(`(?:${ROLE_WORDS.join('|')})$`, 'u');

/** Offices one person holds at a time, so a bare 首相 can stand for the one 首相 the article names. */
export const SINGLE_HOLDER = new Set(['首相', '总统', '总理', '主席', '国务卿', '外相', '外长', '防相', '防长', '防卫相', '秘书长', '官房长官', '外务大臣', '防卫大臣']);

/** A title with one of these before it is someone else's (前首相 is not the 首相). */
export const NOT_CURRENT_RE = /(?:前|副|时任|原|代理|已故|首任|历任|卸任|候任|准)$/u;

/** Verbs that report speech whatever follows them. */
export const SPEECH = new Set([
  '说', '说道', '表示', '指出', '强调', '认为', '称', '声称', '宣称', '号称', '说明', '透露', '呼吁', '写道', '宣布', '回应', '重申', '警告',
  '承诺', '誓言', '矢言', '表态', '证实', '坦言', '直言', '暗示', '批评', '抱怨', '主张', '形容', '称赞', '赞扬', '盛赞', '表明', '披露', '宣示',
  '保证', '发誓', '坦承', '承认', '否认', '断言', '反驳', '质疑', '感叹', '笑称', '直指', '抨击', '辩称', '答道', '问道', '回答', '告诉', '谈道',
  '补充说', '指控', '表达', '明言', '大赞', '痛斥', '直呼', '强调指出', '表示说', '重申说', '回应称', '强调称', '说明称', '指称', '声明', '宣告', '重申称', '表示称', '透露称', '警告称', '认定',
  // 强烈谴责: condemning is a public statement (its text keeps the verb: see sentence.ts).
  '谴责',
]);

/** Verbs that report speech only when a colon, comma or quotation follows (提出 a plan is not speech). */
/** Verbs whose object is the one told (告诉记者，…; 告知韩方，…), not what was said. */
export const RECIPIENT_VERB_RE = /^(?:告诉|告知|转告)$/u;

export const WEAK_SPEECH = new Set(['补', '指', '阐述', '阐明', '传递', '提出', '提及', '提到', '谈到', '谈及', '补充', '回顾', '介绍', '解释', '传达', '转达', '转告', '分析', '报道', '报导', '告知', '写', '答', '回', '讲', '道']);

/** Verbs an outlet reports with. */
export const OUTLET_VERBS = new Set(['报道', '报导', '称', '指', '指出', '说', '透露', '分析', '补充', '写道', '表示', '引述', '披露', '证实', '说明', '援引']);

/** Word-final parts that jieba glues to a name or an adverb (岸田向, 还称, 发推称): split them off. */
export const GLUED_TAIL_RE = /^(.+?)(称|说|表示|指出|强调|向|在|则|也|还|与|和|对|跟|曾|都|又|并|于)$/u;

export const NOT_SPEECH_WORDS = new Set(['据称', '据说', '听说', '小说', '传说', '虽说', '再说', '说服', '说法', '来说', '称为', '称作', '称号', '堪称', '简称', '名称', '自称', '通称', '俗称', '人称', '对称', '相称', '称霸', '称职', '就是说', '比如说', '也就是说', '表示感谢', '表示欢迎', '表达感谢', '表达欢迎', '表达谢意', '表达慰问', '表达哀悼']);

export const PRONOUNS = new Set(['他', '她', '其', '此人', '该人']);

/** Plural, collective or unnamed subjects: never a person. */
export const COLLECTIVE_RE = /^(?:他们|她们|我们|你们|它们|两人|二人|三人|双方|各方|三方|两国|三国|各国|日方|美方|中方|韩方|英方|俄方|台方|官方|当局|人们|外界|舆论|民众|消息|消息人士|知情人士|官员们?|分析人士|观察人士|专家们?|学者们?|与会者|后者|前者|对方|两位领导人|两国领导人|领导人们|[\d一二三四五六七八九十两几多数]+[名位个]|[美日中韩朝英法德俄澳印台欧菲越]{2,4}(?:两国|三国|四国|领袖|领导人|首脑|双方|$)).*/u;

/** Nouns that head a non-person subject: an organisation, a document, a country. */
export const ORG_END_RE = /(?:政府|内阁|当局|官邸|白宫|国务院|外务省|防卫省|国防部|外交部|商务部|财政部|部门|委员会|议会|国会|党|军|队|社|所|院|会|部|局|厅|署|省|府|馆|室|处|公司|集团|银行|大学|中心|组织|机构|声明|协议|协定|文件|报告|报道|报导|新闻稿|公报|条约|媒体|日媒|外媒|国|方|界|团|网|台)$/u;

/** News outlets: 共同社, 路透社, 华尔街日报, 读卖新闻, TBS电视台, 美国之音… */
export const OUTLET_RE = /(?:通讯社|新闻社|社|日报|时报|晚报|早报|邮报|周刊|新闻|电视台|电台|广播公司|广播|之音|评论|杂志|网)$/u;

export const GENERIC_MEDIA_RE = /^(?:日媒|外媒|美媒|韩媒|港媒|台媒|陆媒|官媒|外电|日本媒体|美国媒体|韩国媒体|外国媒体|国际媒体|当地媒体|媒体)\s*/u;

export const REPORT_WORDS = new Set(['报道', '报导', '消息', '称', '说', '指出', '分析', '透露', '披露', '指', '表示', '援引']);

/** Where a prepositional phrase ends: 在记者会上, 在会谈中, 欢迎岸田时, 会晤结束后, 在林芳正的陪同下. */
export const PP_END = new Set(['下', '上', '中', '时', '时候', '后', '之后', '以后', '期间', '之际', '前', '里', '内', '会上', '会后', '席间', '前夕', '当中', '之中', '间', '之时', '之前', '以来']);

export const TEMPORAL_END = new Set(['时', '时候', '后', '之后', '以后', '期间', '之际', '前夕', '之时', '会后', '会上', '前', '之前']);

export const PP_START = new Set(['在', '于', '当', '从', '趁']);

/** Prepositions that put an object before the verb: 对记者说, 向美方表示, 告诉媒体. */
export const OBJ_PREP = new Set(['对', '向', '跟', '给', '朝', '冲', '对着', '告诉', '替', '面向', '同', '针对', '对于', '关于', '围绕', '就着']);

/** How the words were given, between the speaker and 说 (高市胜选后致词说, 他在会上发言表示). */
export const MANNER = new Set(['致词', '致辞', '发言', '演讲', '演说', '讲话', '受访', '答问', '答记者问', '回应', '发帖', '发推文', '贴文', '撰文', '投书', '致函', '写信', '留言',
  // 推文说, 旧调重弹指出: a post or a refrain is how the words were given, not what was done.
  '推文', '发推', '推特', '旧调重弹', '老调重弹', '重弹老调']);

/** Meeting someone, whatever jieba tags it (会见/n, 会晤/vn): a verb between two people. */
export const MEETING_RE = /^(?:会见|会晤|接见|会面|拜会|拜访|召见|约见|宴请|款待|迎接|送别|陪同|致电|通电话)$/u;

export const WITH = new Set(['与', '和', '及', '以及', '同', '跟']);

/** Modal, negative or passive words: 将宣布, 未提及, 被认为 are not statements made. */
export const NOT_SAID = new Set(['被', '将', '会', '要', '可能', '拟', '计划', '打算', '准备', '预计', '预料', '应', '应该', '必须', '不', '没', '没有', '未', '并未', '并不', '从未', '尚未', '未曾', '不会', '无法', '希望', '想', '想要', '或', '或将', '恐', '遭', '受', '预定', '有望', '将于', '将会', '即将', '拟于']);

export const ADVERBS = new Set([
  '还', '也', '则', '又', '再', '更', '都', '均', '亦', '并', '曾', '曾经', '已', '已经', '再度', '再次', '一再', '多次', '屡次', '公开', '明确', '坚定', '坚定地',
  '强烈', '随即', '当即', '立即', '同时', '首先', '最后', '接着', '此前', '稍早', '稍后', '随后', '近日', '日前', '今天', '今日', '昨天', '昨日', '当天',
  '当日', '当时', '日后', '事后', '另', '另外', '此外', '还曾', '也曾', '一度', '特别', '特意', '直接', '正式', '私下', '慎重', '慎重地', '郑重', '严正',
  '打趣', '据理力争', '进一步', '发推', '发文', '撰文', '笑着', '笑', '坦率', '坦率地', '一直', '始终', '反复', '还特别', '则是', '亦曾', '早前', '先前',
  '本周', '上周', '上月', '本月', '今年', '去年', '周一', '周二', '周三', '周四', '周五', '周六', '周日', '星期一', '星期二', '星期三', '星期四',
  '星期五', '星期六', '星期日', '星期天', '上午', '下午', '晚间', '晚上', '早上', '凌晨', '中午', '深夜', '当地时间', '其后', '之后', '后来', '最近',
  '近期', '明天', '昨晚', '今晨', '随之', '一开始', '则称', '亲自', '专门', '主动', '率先', '紧急', '分别', '单独', '再一次', '重点', '详细', '积极', '突然', '仍', '仍然', '依然', '依旧', '严厉', '坚决',
]);

/** Words that open a clause without being its subject. */
/** 今天上午, 今天下午: two time words that jieba's dictionary tags as a person (nr). */
export function isTimePair(w: string): boolean {
  for (let k = 1; k < w.length; k++) if (ADVERBS.has(w.slice(0, k)) && ADVERBS.has(w.slice(k)) && /[天日周年月晚早午]/u.test(w)) return true;
  return false;
}

export const OPENERS = new Set([
  '而', '但', '但是', '不过', '然而', '因此', '所以', '同时', '此外', '另外', '其中', '对此', '随后', '稍早', '此前', '接着', '最后', '首先', '其次',
  '另一方面', '与此同时', '据称', '据悉', '据了解', '据说', '据报道', '据报导', '据介绍', '据分析', '当地时间', '值得注意的是', '事实上', '其实', '尤其',
  '特别是', '总之', '并且', '且', '而且', '况且', '又', '也', '还', '则', '并', '亦', '就此', '为此', '对于此', '另据', '报道还称',
]);

export const FUNCTION_CHARS = new Set([...'在于与和对向跟给同也还则都又再更亦均曾已将会要就才并且及或被把让从到是的了着过说称道等们之其这那该此每各某诸而但']);

export const NAME_TAGS = new Set(['nr', 'nrt', 'nrfg', 'x', 'nz', 'ng']);

export const DOT_RE = /[·・∙•‧]/u;

export const HAN_RE = /\p{sc=Han}/u;
