import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleParagraphs, type Article } from '../../src/corpus/article.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { isAnchor, publicationDay, resolveDates, type DateMention } from '../../src/extract/dates.ts';

const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

/** The mention whose written form is `written` (the first one), with its text for messages. */
function find(text: string, publishedAt: string, written: string): DateMention & { written: string } {
  const at = text.indexOf(written);
  expect(at, `test text holds ${written}`).toBeGreaterThanOrEqual(0);
  const m = resolveDates(text, publishedAt).find((d) => d.start <= at && d.end > at);
  expect(m, `a date at ${written} in ${text}`).toBeDefined();
  return { ...(m as DateMention), written: text.slice((m as DateMention).start, (m as DateMention).end) };
}

// [what the row shows, text, publication, the expression, date, precision, flags]
type Row = [string, string, string, string, string, DateMention['precision'], Partial<DateMention>?];
const NOV_11_2020 = '2020-11-11T13:55:00.000Z';

const TABLE: Row[] = [
  ['a year and month as written', '安倍晋三曾在2016年11月的记者会上慎重地表示', NOV_11_2020, '2016年11月', '2016-11', 'month'],
  ['a full date as written', '2019年12月3日，特朗普在伦敦与斯托尔滕贝格举行会谈', NOV_11_2020, '2019年12月3日', '2019-12-03', 'day'],
  ['a month-day in the article year', '外相茂木敏充在11月10日的记者会上表示', NOV_11_2020, '11月10日', '2020-11-10', 'day', { relative: true }],
  ['a bare day on or before publication', '岸信夫在10日的记者会上宣布', NOV_11_2020, '10日', '2020-11-10', 'day'],
  ['24日 in an article of 11 November as 24 October', '菅义伟还在24日上午与联合国秘书长古特雷斯进行了电话会谈', NOV_11_2020, '24日', '2020-10-24', 'day'],
  ['12月 in an article of January 2021 as 2020-12', '日本议会于12月仍批准了TPP协定', '2021-01-20T12:00:00.000Z', '12月', '2020-12', 'month'],
  ['a past month-day after publication as last year', '他在12月5日的讲话中提到', NOV_11_2020, '12月5日', '2019-12-05', 'day'],
  ['a future 1月20日 in November as next January', '并将在1月20日入主白宫', NOV_11_2020, '1月20日', '2021-01-20', 'day'],
  ['明年1月 as next January', '若拜登获胜并于明年1月就任', NOV_11_2020, '明年1月', '2021-01', 'month'],
  ['an upcoming month in a future clause as this year', '参加11月总统大选的可能性似乎大增', '2024-02-02T21:15:01.000Z', '11月', '2024-11', 'month'],
  ['a bare day ahead in a planning clause as this month', '岸田在访问美国之后，还将访问德国，计划14日回国。', '2024-07-10T01:23:55.000Z', '14日', '2024-07-14', 'day'],
  ['今年 as the publication year', '博尔顿在今年6月出版的回忆录中写道', NOV_11_2020, '今年6月', '2020-06', 'month'],
  ['去年 as the year before', '七大工业国集团去年达成反对经济胁迫的协议', '2024-02-02T21:15:01.000Z', '去年', '2023', 'year'],
  ['明年 as the year after', '明年的日美首脑会谈时', '2025-02-10T22:59:02.000Z', '明年', '2026', 'year'],
  ['前年 as two years before', '前年的选举', '2024-02-02T21:15:01.000Z', '前年', '2022', 'year'],
  ['上月 in February as January', '麻生太郎，上月前往美国试图与特朗普见面', '2024-02-02T21:15:01.000Z', '上月', '2024-01', 'month'],
  ['上月 in January as last December', '上月的会谈', '2021-01-05T12:00:00.000Z', '上月', '2020-12', 'month'],
  ['下月 as next month', '下月的三國峰會意在確立三國合作', '2023-07-20T01:56:00.000Z', '下月', '2023-08', 'month'],
  ['本月 with a day', '本月10日举行', '2024-02-02T21:15:01.000Z', '本月10日', '2024-02-10', 'day'],
  ['本周 as the month of the publication week', '波顿在本周发表的新版回忆录前言中写道', '2024-02-02T21:15:01.000Z', '本周', '2024-02', 'month'],
  ['上周 across a month end as the month of that week', '上周上任的日本首相高市早苗说', '2025-10-27T12:00:00.000Z', '上周', '2025-10', 'month'],
  ['上周五 as last week\'s Friday', '他上周五与习近平通话', '2024-04-11T12:00:00.000Z', '上周五', '2024-04-05', 'day'],
  ['今天 as the publication day on East Asian time', '日本防衛大臣今天跟美國國防部長進行電話會談', '2022-08-16T02:44:00.000Z', '今天', '2022-08-16', 'day'],
  ['昨天 as the day before', '布林肯昨天在印尼峇里島參加完外長會議', '2022-07-10T12:00:00.000Z', '昨天', '2022-07-09', 'day'],
  ['前天 as two days before', '前天的会谈', '2022-07-10T12:00:00.000Z', '前天', '2022-07-08', 'day'],
  ['明天 as the day after', '國務卿布林肯明天將前往日本', '2022-07-10T12:00:00.000Z', '明天', '2022-07-11', 'day'],
  ['稍早 as about publication', '稍早岸田仓促访英拜会拜登', '2021-11-11T14:15:03.000Z', '稍早', '2021-11-11', 'day', { approximate: true }],
  ['日前 as about publication', '路透社日前报道', '2024-02-02T21:15:01.000Z', '日前', '2024-02-03', 'day', { approximate: true }],
  ['近日 as about publication', '中国国家主席习近平近日表示', '2024-04-11T12:00:00.000Z', '近日', '2024-04-11', 'day', { approximate: true }],
  ['2021年度 as a fiscal year', '关于2021年度以后的驻日美军驻留经费负担', NOV_11_2020, '2021年度以后', '2021', 'year', { fiscal: true, bound: 'from' }],
  ['2027财年 as a fiscal year', '计划在2027日本财年将防卫费增至GDP的2%', '2024-04-20T06:45:03.000Z', '2027日本财年', '2027', 'year', { fiscal: true }],
  ['今年度 in October as the fiscal year begun in April', '爭取在今年度內達成', '2025-10-28T12:00:00.000Z', '今年度內', '2025', 'year', { fiscal: true, bound: 'until' }],
  ['本财年 in February as the fiscal year begun the April before', '本财年的预算', '2025-02-10T12:00:00.000Z', '本财年', '2024', 'year', { fiscal: true }],
  ['20世纪60年代初 as the 1960s', '20世纪60年代初，当我住在美国时', '2024-04-20T06:45:03.000Z', '20世纪60年代初', '1960s', 'decade'],
  ['二十世纪九十年代 as the 1990s', '二十世纪九十年代的日美贸易摩擦', '2024-04-20T06:45:03.000Z', '二十世纪九十年代', '1990s', 'decade'],
  ['2021年度起5年间 as a five-year fiscal span', '已启动决定2021年度起5年间驻日美军驻留经费负担的工作谈判', NOV_11_2020, '2021年度起5年间', '2021', 'year', { fiscal: true, range: { date: '2025', precision: 'year' } }],
  ['2日至4日 as a span of days', '美国国防部长詹姆斯·马蒂斯2日至4日进行了上任后的首访', '2017-02-07T12:00:00.000Z', '2日至4日', '2017-02-02', 'day', { range: { date: '2017-02-04', precision: 'day' } }],
  ['2017年至2021年 as a span of years', '基于特朗普在2017年至2021年执政时的公开言论', '2024-02-02T21:15:01.000Z', '2017年至2021年', '2017', 'year', { range: { date: '2021', precision: 'year' } }],
  ['12月28日至1月3日 across the new year', '假期从12月28日至1月3日', '2021-01-05T12:00:00.000Z', '12月28日至1月3日', '2020-12-28', 'day', { range: { date: '2021-01-03', precision: 'day' } }],
  ['从今天到29日 ahead of publication', '川普从今天到29日访问期间', '2025-10-27T12:00:00.000Z', '今天到29日', '2025-10-27', 'day', { range: { date: '2025-10-29', precision: 'day' } }],
  ['星期三 with its date in brackets', '他星期三(4月10日)上午抵达白宫南草坪', '2024-04-10T12:00:00.000Z', '星期三(4月10日)', '2024-04-10', 'day'],
  ['a date with 周六 in brackets', '美國總統拜登周六(9月21日)在他的家鄉召開四方會談', '2024-09-22T12:00:00.000Z', '周六(9月21日)', '2024-09-21', 'day'],
  ['週五 next to a date (traditional)', '於當地時間5月24日(週五)啓程前往日本', '2019-05-28T12:00:00.000Z', '5月24日(週五)', '2019-05-24', 'day'],
  ['a weekday that picks the month of its date', '川普预计将于周三（29日）晚间与丰田董事长共进晚餐', '2025-10-27T12:00:00.000Z', '周三（29日）', '2025-10-29', 'day'],
  ['a bare weekday as the nearest such day', '周五晚上，他首先會見了澳洲總理', '2024-09-22T12:00:00.000Z', '周五', '2024-09-20', 'day'],
  ['a bare weekday on the publication day itself', '總統特朗普週五在白宮和到訪的日本首相安倍晉三會面', '2017-02-10T12:00:00.000Z', '週五', '2017-02-10', 'day'],
  ['今(13)日 in the Taiwan style', '林芳正在今(13)日上午與美國國務卿布林肯進行電話會談', '2021-11-13T07:11:00.000Z', '今(13)日', '2021-11-13', 'day'],
  ['昨天(23號) in the Hong Kong and Taiwan style', '美國總統拜登訪問日本，昨天(23號)與日本首相會談結束後', '2022-05-24T11:58:00.000Z', '昨天(23號)', '2022-05-23', 'day'],
  ['今天(7/20) with a month and day in brackets', '日、韓媒體今天(7/20)報導', '2023-07-20T01:56:00.000Z', '今天(7/20)', '2023-07-20', 'day'],
  ['二○三五年 in Chinese numerals', '現有工廠營運至二○三五年', '2025-09-20T21:30:00.000Z', '二○三五年', '2035', 'year', { bound: 'until' }],
  ['二〇二七年 in Chinese numerals', '格拉尼特廠則運作至二〇二七年', '2025-09-20T21:30:00.000Z', '二〇二七年', '2027', 'year'],
  ['十一月 and 十九日 in Chinese numerals', '美國鋼鐵十九日指出，原訂十一月的停產計畫已取消', '2025-09-20T21:30:00.000Z', '十九日', '2025-09-19', 'day'],
  ['a full-width year', '２０２１年１１月１１日的会谈', NOV_11_2020, '２０２１年１１月１１日', '2021-11-11', 'day'],
  ['an ISO date', '会谈于2021-11-11举行', NOV_11_2020, '2021-11-11', '2021-11-11', 'day'],
  ['a Taiwan (民国) year', '民國110年的國防預算', '2022-01-05T12:00:00.000Z', '民國110年', '2021', 'year'],
  ['a Japanese era year', '令和3年的防卫白皮书', '2022-01-05T12:00:00.000Z', '令和3年', '2021', 'year'],
  ['自1969年以来 as an open start', '這是自1969年以來，美日兩國領導人首次提及台灣', '2021-04-17T12:00:00.000Z', '1969年以來', '1969', 'year', { bound: 'from' }],
  ['到2026年 as an open end', '协定的有效期计划定为到2026年的5年', '2021-11-18T12:00:00.000Z', '2026年', '2026', 'year', { bound: 'until' }],
  ['年内 as a deadline within the year', '力争最快年内访美与拜登进行沟通', '2021-11-11T14:15:03.000Z', '年内', '2021', 'year', { bound: 'until' }],
  ['a date of an earlier step (上月就職後) as an open start', '是特朗普上月就職後日美領導人首次正式會談', '2017-02-10T12:00:00.000Z', '上月', '2017-01', 'month', { bound: 'from' }],
  ['a later bare day continuing the account of a full date', '日美两国政府10月15日，已启动谈判。该谈判计划持续至16日', NOV_11_2020, '16日', '2020-10-16', 'day'],
  ['a month after 拜登 (whose name ends in 登)', '美國總統拜登4月16日在白宮接見日本首相菅義偉', '2021-04-17T12:00:00.000Z', '4月16日', '2021-04-16', 'day'],
  ['a dateline date', '香港中通社8月17日電 美日韓三國領導人將在當地時間18日舉行峰會', '2023-08-18T01:52:00.000Z', '18日', '2023-08-18', 'day'],
  // The month written in brackets after 上/本/下 (Taiwan and Hong Kong outlets).
  ['上(9)月27日 as September', '美方上(9)月27日宣布擴大制裁', '2025-10-24T03:00:00.000Z', '上(9)月27日', '2025-09-27', 'day'],
  ['本(10)月1日 as this October', '新制本(10)月1日正式實施', '2025-10-24T03:00:00.000Z', '本(10)月1日', '2025-10-01', 'day'],
  ['上（11）月5日 with full-width brackets', '雙方上（11）月5日會談', '2025-12-02T03:00:00.000Z', '上（11）月5日', '2025-11-05', 'day'],
  // Month/day without a year.
  ['7/9 as a month and day', '美日7/9再度通話', '2025-07-10T03:00:00.000Z', '7/9', '2025-07-09', 'day'],
  ['11/10晚间 as a month and day', '外交部11/10晚間發布聲明', '2025-11-12T03:00:00.000Z', '11/10', '2025-11-10', 'day'],
  // A one-character day where an act follows it.
  ['川普一日突然推文宣布 as the 1st', '美國總統川普一日突然推文宣布', '2019-08-02T03:00:00.000Z', '一日', '2019-08-01', 'day'],
  ['三日晚间表示 as the 3rd', '韓國外長三日晚間表示', '2019-08-04T03:00:00.000Z', '三日', '2019-08-03', 'day'],
  // A day announced by the sentence before its clause.
  ['a day announced by an earlier clause (將由…前往日本，參加19日的活動)', '美方將由貝森特率團前往日本，參加19日的世博美國國家日活動', '2025-07-09T03:00:00.000Z', '19日', '2025-07-19', 'day'],
  ['a day announced by an earlier clause (将于下周出访，并出席20日的峰会)', '岸田将于下周出访，并出席20日的峰会', '2024-07-09T03:00:00.000Z', '20日', '2024-07-20', 'day'],
  ['a month-day announced by an earlier clause', '岸田文雄将接替菅义伟的位置，在10月4日举行的临时国会中当选首相', '2021-09-29T12:00:00.000Z', '10月4日', '2021-10-04', 'day'],
  ['若…能在十五日 as a coming day', '若高市能在十五日召開的國會臨時會獲指名', '2025-10-04T12:00:00.000Z', '十五日', '2025-10-15', 'day'],
  // A day given by the account before it.
  ['当天 as the day just given', '8月24日，日本开始排放处理水。当天，中方宣布暂停进口', '2023-08-25T03:00:00.000Z', '当天', '2023-08-24', 'day'],
  ['同日 as the day just given', '两国外长11月7日会谈。同日，双方发表声明', '2025-11-09T03:00:00.000Z', '同日', '2025-11-07', 'day'],
  ['翌日 as the day after the one just given', '首相10月21日当选，翌日召开记者会', '2025-10-25T03:00:00.000Z', '翌日', '2025-10-22', 'day'],
  ['前一天 as the day before the one just given', '18日，特朗普发推称。前一天，安倍抵达海湖庄园', '2018-04-18T12:00:00.000Z', '前一天', '2018-04-17', 'day'],
  ['a sentence opening with 下午 as the day the account reached', '9月27日，自民党举行总裁选举。下午，石破茂当选', '2024-09-28T03:00:00.000Z', '下午', '2024-09-27', 'day'],
  ['a sentence opening with 当晚 as the day the account reached', '两国首脑11月7日会谈。当晚，双方发表声明', '2025-11-09T03:00:00.000Z', '当晚', '2025-11-07', 'day'],
  ['前日 alone as the day before yesterday', '外交部前日表示', '2024-02-02T03:00:00.000Z', '前日', '2024-01-31', 'day'],
];

describe('resolveDates', () => {
  for (const [what, text, published, written, date, precision, flags] of TABLE) {
    it(`resolves ${what}: ${written} in an article of ${published.slice(0, 10)} is ${date}`, () => {
      const m = find(text, published, written);
      expect(m.written).toBe(written);
      expect({ date: m.date, precision: m.precision }).toEqual({ date, precision });
      if (flags) expect(m).toMatchObject(flags);
    });
  }

  it('resolves 1月20日 to this January when nothing in its clause speaks of the future', () => {
    expect(find('1月20日，拜登宣誓就职', '2021-11-11T12:00:00.000Z', '1月20日').date).toBe('2021-01-20');
  });

  it('reads a weekday in brackets as part of its date, not as a second mention', () => {
    const ms = resolveDates('於當地時間5月24日(週五)啓程', '2019-05-28T12:00:00.000Z');
    expect(ms).toHaveLength(1);
  });

  it('uses the weekday to choose the year of a month-day', () => {
    // 2019-12-06 was a Friday; the 2020 candidate is a Sunday.
    expect(find('特朗普12月6日(周五)在推特上说', '2020-11-11T13:55:00.000Z', '12月6日(周五)').date).toBe('2019-12-06');
  });

  it('takes no wire code for a date: 1117日电 is dispatch 11/17, not day 1117 or 17', () => {
    const ms = resolveDates('共同社1117日电 关于2022财年起的驻日美军驻留经费负担', '2021-11-18T12:00:00.000Z');
    expect(ms.map((m) => m.date)).toEqual(['2022']);
    expect(ms[0]).toMatchObject({ fiscal: true, bound: 'from' });
  });

  it('finds no date in shares, "one day" or a former Japanese premier: 1/3的, 一日之内, 有一日, 前日本首相', () => {
    for (const text of ['约1/3的议员反对', '一日之内完成', '有一日他说', '前日本首相安倍', '比分2/1领先']) expect(resolveDates(text, '2024-02-02T21:15:01.000Z'), text).toEqual([]);
  });

  it('leaves 当天 and 翌日 undated when nothing dated comes before them', () => {
    expect(resolveDates('当天，马蒂斯与安倍会谈，翌日离开', '2017-02-07T12:00:00.000Z')).toEqual([]);
    expect(resolveDates('下午，石破茂当选首相', '2024-10-01T12:00:00.000Z')).toEqual([]);
  });

  it('never lets what follows a date reach into the next date (今年前天: 前 belongs to 前天, not to 今年以前)', () => {
    const ms = resolveDates('今年前天', '1995-01-01T00:00:00.000Z');
    ms.forEach((m, i) => expect(m.start).toBeGreaterThanOrEqual(i ? (ms[i - 1] as { end: number }).end : 0));
    expect(ms.some((m) => m.bound === 'until')).toBe(false);
  });

  it('reads a time of day inside a sentence (他下午表示, 今天下午) as no day of its own', () => {
    const said = (text: string): string[] => resolveDates(text, '2024-09-28T03:00:00.000Z').map((m) => text.slice(m.start, m.end));
    expect(said('9月27日举行选举，石破茂下午表示感谢')).toEqual(['9月27日']);
    expect(said('9月27日举行选举。今天下午，石破茂表示感谢')).toEqual(['9月27日', '今天']);
  });

  it('carries the account\'s day from one paragraph to the next when given the article\'s account', () => {
    const account = {};
    resolveDates('11月5日，首批扇贝出货。', '2025-11-07T12:00:00.000Z', account);
    expect(resolveDates('当天，外务省宣布。', '2025-11-07T12:00:00.000Z', account).map((m) => m.date)).toEqual(['2025-11-05']);
  });

  it('finds no date in words that only contain date characters', () => {
    const text = '日本周边局势，日本年度预算，最近日本，基本月薪，如今年轻人，前天皇，至今日本政府，花了20日元，第2日，每周一，登上月球，75周年，5年前';
    expect(resolveDates(text, '2024-02-02T21:15:01.000Z')).toEqual([]);
  });

  it('leaves a speaker\'s 今天 and 明天 inside quotation marks unresolved: they are the day of the speech', () => {
    const text = '拜登说：“今天能够与日本首相岸田文雄站在一起，我感到非常荣幸。明天，我们二人将参加三边峰会”。';
    expect(resolveDates(text, '2024-04-20T06:45:03.000Z')).toEqual([]);
  });

  it('still resolves a year named inside a quotation', () => {
    const text = '岸田说：“我们欢迎在去年8月日美韩首脑会谈成果的基础上取得的进展”';
    expect(find(text, '2024-04-20T06:45:03.000Z', '去年8月').date).toBe('2023-08');
  });

  it('skips a year that is part of a document title', () => {
    expect(resolveDates('我们有意支持《2050年蓝色太平洋大陆战略》阐明的优先事项', '2024-04-20T06:45:03.000Z')).toEqual([]);
  });

  it('marks fiscal years, open bounds and approximations as dates that cannot place an event', () => {
    const ms = resolveDates('日前，2021年度以后的经费，到2026年为止；10月15日启动谈判', NOV_11_2020);
    expect(ms.map((m) => [m.date, isAnchor(m)])).toEqual([
      ['2020-11-11', false],
      ['2021', false],
      ['2026', false],
      ['2020-10-15', true],
    ]);
  });

  it('gives offsets in the original text, traditional characters and full-width digits included', () => {
    const text = '據日本共同社報導，當地時間１５日，奧斯汀抵達東京';
    const [m] = resolveDates(text, '2021-03-16T12:00:00.000Z');
    expect(m && text.slice(m.start, m.end)).toBe('１５日');
    expect(m?.date).toBe('2021-03-15');
  });

  it('keeps only fully written dates when the publication timestamp is unreadable', () => {
    const ms = resolveDates('2019年12月3日特朗普在伦敦；24日；今天', 'not a date');
    expect(ms.map((m) => m.date)).toEqual(['2019-12-03']);
  });
});

describe('publicationDay', () => {
  it('reads the publication day on East Asian time (UTC+8)', () => {
    expect(publicationDay('2024-02-02T21:15:01.000Z')).toBe('2024-02-03');
    expect(publicationDay('2022-08-16T02:44:00.000Z')).toBe('2022-08-16');
    expect(publicationDay('garbage')).toBeUndefined();
  });
});

describe('resolveDates on the seed articles', () => {
  let articles: Article[] = [];
  beforeAll(async () => {
    articles = (await loadCorpus(SEEDS)).articles;
  });
  const paragraph = (file: string, contains: string): { text: string; publishedAt: string } => {
    const a = articles.find((x) => x.file === file);
    const text = a && articleParagraphs(a).find((p) => p.includes(contains));
    expect(text, `${file} has a paragraph with ${contains}`).toBeDefined();
    return { text: text as string, publishedAt: (a as Article).publishedAt };
  };

  it('resolves every date of the host-nation-support paragraph of seed 000', () => {
    const { text, publishedAt } = paragraph('000_a2194fe5ab64c492.txt', '温馨预算');
    const ms = resolveDates(text, publishedAt);
    expect(ms.map((m) => [text.slice(m.start, m.end), m.date, m.precision])).toEqual([
      ['10月15日', '2020-10-15', 'day'],
      ['2021年度起5年间', '2021', 'year'],
      ['16日', '2020-10-16', 'day'],
      ['11月', '2020-11', 'month'],
      ['2019年12月3日', '2019-12-03', 'day'],
    ]);
  });

  it('resolves 10日 and 本周 in 岸信夫\'s announcement of 10 November 2020', () => {
    const { text, publishedAt } = paragraph('000_a2194fe5ab64c492.txt', '岸信夫');
    expect(resolveDates(text, publishedAt).map((m) => [m.date, m.precision])).toEqual([
      ['2020-11-10', 'day'],
      ['2021', 'year'],
      ['2020-11', 'month'],
    ]);
  });

  it('resolves 1月31日 and 上月 in an article of February 2024', () => {
    const a = paragraph('002_6deaa98bedeedb28.txt', '1月31日');
    expect(find(a.text, a.publishedAt, '1月31日').date).toBe('2024-01-31');
    const b = paragraph('002_6deaa98bedeedb28.txt', '上月前往美国');
    expect(find(b.text, b.publishedAt, '上月').date).toBe('2024-01');
  });
});

describe.skipIf(!existsSync(CORPUS))('resolveDates on traditional and other-outlet text of ../shared/corpus', () => {
  let articles: Article[] = [];
  beforeAll(async () => {
    articles = (await loadCorpus(CORPUS)).articles;
  });
  const all = (file: string): { written: string; date: string; precision: string }[] => {
    const a = articles.find((x) => x.file === file);
    if (!a) return [];
    return articleParagraphs(a).flatMap((p) => resolveDates(p, a.publishedAt).map((m) => ({ written: p.slice(m.start, m.end), date: m.date, precision: m.precision })));
  };

  it('reads 2022财年 as a fiscal year and skips the wire code 1117日电 (210)', () => {
    const ms = all('210_fe6d5931ad247279.txt');
    expect(ms.length).toBeGreaterThan(0);
    expect(ms).toContainEqual({ written: '2022财年起', date: '2022', precision: 'year' });
    expect(ms).toContainEqual({ written: '17日', date: '2021-11-17', precision: 'day' });
    expect(ms).toContainEqual({ written: '8月上旬', date: '2021-08', precision: 'month' });
    expect(ms.some((m) => m.written.includes('1117'))).toBe(false);
  });

  it('reads 今(13)日 and 10日 in a Taiwanese report (209)', () => {
    const ms = all('209_afd3f46dbeba51c2.txt');
    expect(ms).toContainEqual({ written: '今(13)日', date: '2021-11-13', precision: 'day' });
    expect(ms).toContainEqual({ written: '10日', date: '2021-11-10', precision: 'day' });
  });

  it('reads 十一月, 十九日, 今年六月 and 二○三五年 in a traditional report of September 2025 (225)', () => {
    const ms = all('225_c047f9facc991bed.txt');
    expect(ms).toContainEqual({ written: '十一月', date: '2025-11', precision: 'month' });
    expect(ms).toContainEqual({ written: '十九日', date: '2025-09-19', precision: 'day' });
    expect(ms).toContainEqual({ written: '今年六月', date: '2025-06', precision: 'month' });
    expect(ms).toContainEqual({ written: '二○三五年', date: '2035', precision: 'year' });
  });

  it('reads 12月 in an article of January 2017 as December 2016 (200)', () => {
    expect(all('200_3132755ce1d9c176.txt')).toContainEqual({ written: '12月', date: '2016-12', precision: 'month' });
  });

  it('reads 周一 and 周二 in an article of Tuesday 26 August 2025 (224)', () => {
    const ms = all('224_b13ecb1bedeb0c50.txt');
    expect(ms.filter((m) => m.written === '周一').map((m) => m.date)).toEqual(['2025-08-25', '2025-08-25']);
    expect(ms).toContainEqual({ written: '周二', date: '2025-08-26', precision: 'day' });
  });
});

describe('resolveDates (property)', () => {
  const DATEY = [...'0123456789０１２３年月日号號度财年世纪代至到起前后今去明昨本上下周週星期一二三四五六七八九十〇○天()（）“”《》,，。 -/:'];
  const datey = fc.array(fc.constantFrom(...DATEY), { maxLength: 40 }).map((cs) => cs.join(''));
  const published = fc.date({ min: new Date('1995-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

  it('never throws and keeps every mention inside the text, in order, without overlaps', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }), datey), fc.oneof(published, fc.string()), (text, pub) => {
        const ms = resolveDates(text, pub);
        let last = 0;
        for (const m of ms) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(text.length);
          expect(m.date).toMatch(m.precision === 'day' ? /^\d{4}-\d\d-\d\d$/ : m.precision === 'month' ? /^\d{4}-\d\d$/ : m.precision === 'year' ? /^\d{4}$/ : /^\d{4}s$/);
          last = m.end;
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe("the publication day is the outlet's own", () => {
  // 21:15 UTC on 2 Feb: 22:15 in Paris, 16:15 in Washington, 05:15 on 3 Feb in Beijing and Taipei, 06:15 in Tokyo.
  const LATE = '2024-02-02T21:15:01.000Z';
  const today = (url: string): string | undefined => resolveDates('日本政府今天表示将继续谈判', LATE, undefined, url)[0]?.date;

  it('reads 今天 and the publication day on the clock of the newsroom: Paris, Washington, Beijing, Taipei, Tokyo', () => {
    expect(today('https://www.rfi.fr/cn/a')).toBe('2024-02-02');
    expect(today('https://www.voachinese.com/a/1.html')).toBe('2024-02-02');
    expect(today('https://www.bjnews.com.cn/detail/1')).toBe('2024-02-03');
    expect(today('https://www.cna.com.tw/news/1')).toBe('2024-02-03');
    expect(today('https://www.nippon.com/cn/1')).toBe('2024-02-03');
    expect(publicationDay(LATE, 'https://www.rfi.fr/cn/a')).toBe('2024-02-02');
    expect(publicationDay(LATE)).toBe('2024-02-03');
  });

  it('takes the most specific host: Hong Kong edition of a New York outlet', () => {
    const evening = '2024-02-02T12:00:00.000Z'; // 20:00 in Beijing: a URL that cannot be read falls back to that clock
    expect(publicationDay('2024-02-03T02:00:00.000Z', 'https://www.epochtimes.com/gb/1.htm')).toBe('2024-02-02');
    expect(publicationDay('2024-02-03T02:00:00.000Z', 'https://hk.epochtimes.com/news/1')).toBe('2024-02-03');
    expect(publicationDay(evening, 'not a url')).toBe('2024-02-02');
  });
});
