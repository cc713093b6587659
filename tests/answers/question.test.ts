import { describe, expect, it } from 'vitest';
import { answerFit, answerShape, framePattern, understand, type Intent } from '../../src/answers/question.ts';
import { fold } from '../../src/text/normalize.ts';

const intent = (q: string): Intent => understand(q).intent;
// Answers are matched on folded text with white space taken out, as /ask matches them.
const fits = (q: string, sentence: string): boolean => answerShape(understand(q))?.test(fold(sentence).replace(/\s+/g, '')) ?? false;

describe('understand: the question word is the intent', () => {
  it('reads 多少 / 几 as a number, with the counter that follows when there is one', () => {
    expect(understand('日本要买多少架F-35？')).toMatchObject({ intent: 'number', counter: '架' });
    expect(understand('申請對華出口水產品登記的日本企業有多少家')).toMatchObject({ intent: 'number', counter: '家' });
    expect(understand('對3000億美元中國貨加徵幾%關稅')).toMatchObject({ intent: 'number', counter: '%' });
    expect(understand('川普第二任期第一次對台軍售 金額多少')).toMatchObject({ intent: 'number' });
  });

  it('reads 第几 as an ordinal, 多久 as a duration, 什么时候 / 何时 / 哪一年 as a date', () => {
    expect(understand('石破茂是第几任首相')).toMatchObject({ intent: 'ordinal', counter: '任' });
    expect(intent('韩国总统第几次访日')).toBe('ordinal');
    expect(intent('要提前多久通知对方')).toBe('duration');
    for (const q of ['美國什麼時候才會取消對華關稅', '协定何时生效', 'TPP是哪一年签署的', '提前到什么时候达成']) expect(intent(q), q).toBe('date');
  });

  it('reads 谁 / 哪位 as a person, 哪些 / 哪几 / 哪三 as a list, 在哪里 / 何地 as a place', () => {
    for (const q of ['高市内阁的防卫大臣是谁', '由谁代表两国签字', '哪位官员出席']) expect(intent(q), q).toBe('person');
    for (const q of ['IPEF有哪些成员国？', '哪几个国家参加', '日本安保三文件指的是哪三份文件']) expect(intent(q), q).toBe('list');
    for (const q of ['签字仪式在哪里举行', '峰会在哪举行', '会谈在何地进行']) expect(intent(q), q).toBe('place');
  });

  it('reads 为什么 / 为何 / 怎么来的 as a cause, 是否 / 有没有 / a final 吗 as yes or no', () => {
    for (const q of ['Ishiba 为什么宣布辞职', '第二屆石破內閣為何成了少數派內閣', '温馨预算这个名字是怎么来的']) expect(intent(q), q).toBe('cause');
    for (const q of ['钓鱼岛适用美日安保条约第五条吗？', '日本是否同意增加经费', '美国有没有回应']) expect(intent(q), q).toBe('yesno');
  });

  it('does not take a question word inside a longer word for one (几内亚, 何立峰)', () => {
    expect(understand('几内亚')).toEqual({ intent: 'none', topic: '几内亚' });
    expect(understand('几内亚有多少人口')).toMatchObject({ intent: 'number', topic: '几内亚有 人口' });
    // 多少亿美元: 亿 is the unit asked for.
    expect(understand('对多少亿美元的中国商品征收关税')).toMatchObject({ intent: 'number', counter: '亿' });
    expect(understand('对多少亿美元的中国商品征收关税').topic).toContain('美元');
    expect(understand('何立峰说了什么')).toMatchObject({ intent: 'what' });
    expect(understand('何立峰说了什么').topic).toContain('何立峰');
  });

  it('leaves the question words out of the topic and keeps the rest', () => {
    expect(understand('日本要买多少架F-35？').topic).not.toMatch(/多少|架|？/);
    expect(understand('日本要买多少架F-35？').topic).toContain('f-35');
    expect(understand('高市内阁的防卫大臣是谁').topic).toBe('高市内阁的防卫大臣是');
    // 哪三份文件 asks for a list; 三份文件 is still what to look for.
    expect(understand('日本安保三文件指的是哪三份文件').topic).toContain('三份文件');
    expect(understand('萨德反导系统')).toEqual({ intent: 'none', topic: '萨德反导系统' });
  });
});

describe('understand: the focus, the kind of thing asked for', () => {
  it('is the noun right after the question word, with its head', () => {
    expect(understand('中國恢復進口日本水產 哪些都縣仍然被排除在外').focus).toContain('都县');
    expect(understand('中美同意建立什么新机制').focus).toEqual(expect.arrayContaining(['新机制', '机制']));
    expect(understand('IPEF有哪些成员国？').focus).toEqual(expect.arrayContaining(['成员国']));
    expect(understand('高市内阁的防卫大臣是谁').focus).toBeUndefined();
  });
});

describe('answerShape: what an answer of each intent looks like', () => {
  it('finds the counter asked for, in Arabic or Chinese numerals', () => {
    expect(fits('高市早苗拿到多少票', '高市獲國會議員票一四九票、都道府縣地方黨部票卅六票')).toBe(true);
    expect(fits('岸田和河野各得多少票', '最终岸田文雄以257票战胜获得170票的河野太郎')).toBe(true);
    expect(fits('日本要买多少架F-35？', '日本同意從美國購買105架F-35隱形戰機')).toBe(true);
    expect(fits('加徵幾%關稅', '對三千億美元的中國進口商品加徵十%關稅')).toBe(true);
    expect(fits('高市早苗拿到多少票', '高市早苗擊敗小泉進次郎，當選總裁')).toBe(false);
  });

  it('finds an amount with its unit for a bare 多少', () => {
    expect(fits('特朗普要求日本每年负担多少驻日美军经费？', '特朗普要求日本负担每年80亿美元')).toBe(true);
    expect(fits('金額多少', '總價值約3.3億美元')).toBe(true);
    expect(fits('五年间防卫费总额计划多少', '五年防卫费将共计达到约43万亿日元')).toBe(true);
    expect(fits('金額多少', '美國國務院旋即批准數個軍售案')).toBe(false);
  });

  it('finds an ordinal with the counter asked for', () => {
    expect(fits('石破茂是第几任首相', '当选日本第103任首相')).toBe(true);
    expect(fits('高市是第几任总裁', '高市早苗今天当选自民党第 29 任总裁')).toBe(true);
    expect(fits('石破茂是第几任首相', '第一次与外国领导人会谈')).toBe(false);
  });

  it('finds dates written in digits, in Chinese numerals or relative to the report', () => {
    for (const s of ['由12國代表於2016年2月簽訂', '目標提前至二〇二五會計年度實現', '目標提前至本財年內達成', '將於8月18日舉行']) expect(fits('什么时候签订', s), s).toBe(true);
    expect(fits('什么时候签订', '双方确认部署萨德系统')).toBe(false);
  });

  it('finds people with their role, organisations, and 由…代表 / 担任', () => {
    for (const s of ['韩国国防部长官韩民求和日本驻韩国大使长岭安政将代表两国签字', '讓農相小泉進次郎擔任防衛相', '由“日本强制动员受害者支援财团”将代替日本企业支付'])
      expect(fits('由谁代表两国签字', s), s).toBe(true);
    expect(fits('哪些企业', '对主要承包商洛克希德·马丁公司实施制裁')).toBe(true);
  });

  it('finds lists, causes and places', () => {
    expect(fits('哪三份文件', '分別是新版《國家安全保障戰略》、《國家防衛戰略》以及《防衛力整備計畫》')).toBe(true);
    expect(fits('哪些都县', '10個都縣為福島縣、群馬縣、栃木縣')).toBe(true);
    for (const s of ['是因为自民党“黑金”丑闻不断发酵', '由于执政联盟在众议院选举中遭遇惨败', '7月參議院大選皆失利']) expect(fits('为什么辞职', s), s).toBe(true);
    expect(fits('签字仪式在哪里举行', '儀式在白宮東廳舉行')).toBe(true);
    expect(fits('为什么辞职', '石破茂今天晚间召开记者会')).toBe(false);
  });

  it('finds a place named by its town or region after 在 / 于, whatever happened there', () => {
    for (const s of ['8日在奈良市一場助選活動遭到槍殺', '首脑于广岛县会面后', '两人在夏威夷州检阅部队', '渔船在石垣岛附近被扣']) expect(fits('在哪里发生的', s), s).toBe(true);
    // A town's office or people is no place answer (市长, 县民), nor a town with no 在 / 于 before it.
    for (const s of ['在东京都市长选举中', '广岛县民表示欢迎', '奈良市警方表示']) expect(fits('在哪里发生的', s), s).toBe(false);
  });

  it('has no shape for yes-or-no and open questions (the frame and the concepts decide)', () => {
    expect(answerShape(understand('钓鱼岛适用美日安保条约第五条吗？'))).toBeUndefined();
    expect(answerShape(understand('萨德反导系统'))).toBeUndefined();
  });
});

describe('framePattern: the words around the question word, with an answer between them', () => {
  it('matches the gap filled in the same clause, not across one', () => {
    const p = (q: string): RegExp => framePattern(understand(q)) as RegExp;
    expect(p('中美同意建立什么新机制').test('双方一致同意建立中美经贸磋商机制')).toBe(true);
    expect(p('伊曼纽尔送给岸田什么礼物').test('伊曼纽尔还给岸田送了两件特别的礼物')).toBe(true);
    expect(p('签字仪式在哪里举行').test('仪式在白宫东厅举行')).toBe(true);
    expect(p('中美同意建立什么新机制').test('双方同意建立，对话机制')).toBe(false);
    expect(framePattern(understand('高市内阁的防卫大臣是谁'))).toBeUndefined();
  });
});

describe('answerShape: a bare 多少 counts what the noun asked about counts', () => {
  it('reads money nouns (经费, 开支, 预算, 金额) as money and people nouns (美军, 员工, 人口) as people, before or after 多少', () => {
    for (const q of ['2021财年日本负担了多少驻日美军驻留经费？', '加上補充預算 日本2025財年防衛開支一共多少', '日本2024年的国防预算是多少', '川普第二任期第一次對台軍售 金額多少'])
      expect(understand(q).counts, q).toBe('money');
    for (const q of ['日本有多少驻日美军？', '美国钢铁格拉尼特厂有多少员工', '该党在众议院有多少议员', '驻日美军人数是多少']) expect(understand(q).counts, q).toBe('people');
    // Seafood, or a counter typed (多少架), say nothing of money or people.
    for (const q of ['2022年日本向中国出口了多少海鲜', '日本要买多少架F-35？']) expect(understand(q).counts, q).toBeUndefined();
  });

  it('wants a currency for money: not a share, a year or a count of years', () => {
    const q = '日本2025财年防卫开支一共多少';
    for (const s of ['2025財年防衛開支合計達到約11萬億日元', '2021财年预算中计入2017亿日元(约合人民币112亿元)日方负担', '總價值約3.3億美元（換算約莫新台幣102億餘元）', '预算总额为8,500亿韩元', '防衛費將達約11兆日圓'])
      expect(fits(q, s), s).toBe(true);
    for (const s of ['使本財年防衛開支佔國內生產總值（GDP）的比例提升到2%', '已启动决定2021年度起5年间驻日美军驻留经费负担', '日本向美国采购了105架战机']) expect(fits(q, s), s).toBe(false);
  });

  it('wants a headcount for people', () => {
    const q = '日本有多少驻日美军';
    for (const s of ['希望东京为目前约6万名驻日美军支付更多费用', '目前約有6萬名美軍', '相关基地驻扎约5万4000名美军', '工厂约有800人']) expect(fits(q, s), s).toBe(true);
    for (const s of ['2021财年预算中计入2017亿日元', '已启动决定2021年度起5年间驻日美军驻留经费负担']) expect(fits(q, s), s).toBe(false);
  });

  it('takes no year for an amount, whatever is counted', () => {
    for (const s of ['2022年日本向中国出口', '二〇二五年度的计划']) expect(fits('出口了多少海鲜', s), s).toBe(false);
    for (const s of ['向中国出口了600吨', '合作已经5年']) expect(fits('出口了多少海鲜', s), s).toBe(true);
  });
});

describe('answerShape: a list answers with members of the kind asked for', () => {
  const companies = ['哪些企业受到制裁', '因为对台军售被北京制裁的美国军工企业有哪些', '北京制裁了哪些美国公司'];
  it('reads 哪家 as a list, its kind from the head of the noun after it (哪家日本企业 → 企业)', () => {
    for (const q of ['美国钢铁公司被哪家公司收购', '韩国大法院判决哪家日本企业赔偿']) expect(understand(q), q).toMatchObject({ intent: 'list', members: 'organisations' });
    expect(understand('哪家媒体最先报道')).toMatchObject({ intent: 'list' });
    expect(understand('哪家媒体最先报道').members).toBeUndefined();
  });

  it('reads the kind from the noun after 哪些, or before it', () => {
    for (const q of companies) expect(understand(q).members, q).toBe('organisations');
    for (const q of ['哪些官员出席了会议', '哪几位领导人参加']) expect(understand(q).members, q).toBe('people');
    for (const q of ['111亿美元对台军售都卖了哪些武器', 'IPEF有哪些成员国？'.replace('成员国', '国家'), '中國恢復進口日本水產 哪些都縣仍然被排除在外']) expect(understand(q).members, q).toBeUndefined();
  });

  it('takes an organisation by its name before the suffix, not a kind of organisation', () => {
    for (const q of companies) {
      for (const s of ['中方决定对美国近期售台武器的主要承包商洛克希德·马丁公司实施制裁', '其他受制裁企業，還有諾斯洛普格拉曼公司', '雷神技术公司也在名单上', '波音公司表示遗憾'])
        expect(fits(q, s), `${q}: ${s}`).toBe(true);
      for (const s of ['引發中國制裁美國10名個人與20家國防企業作為反制', '並與相關政府機關與企業協調細節', '我們強烈反對美國企業因支持對台軍售而遭報復', '凍結這些企業與個人在中國的所有資產'])
        expect(fits(q, s), `${q}: ${s}`).toBe(false);
    }
  });

  it('takes a person with a role only when the list asks for people', () => {
    expect(fits('哪些官员出席了会议', '美国国务卿布林肯出席会议')).toBe(true);
    for (const q of ['IPEF有哪些成员国？', '中方禁止进口哪些地区的水产品']) {
      expect(fits(q, '美國總統 拜登表示'), q).toBe(false);
      expect(fits(q, '日本企业东京电力公司福岛第一核电厂'), q).toBe(false);
      expect(fits(q, '包含美、日、韓、澳、紐、印度、新加坡等國'), q).toBe(true);
    }
  });
});

describe('answerFit: the frame counts with the answer in it', () => {
  const fit = (q: string, sentence: string): number => {
    const u = understand(q);
    return answerFit(fold(sentence).replace(/\s+/g, ''), answerShape(u), framePattern(u));
  };
  it('gives nothing to the question’s own words standing near each other without the answer asked for', () => {
    expect(fit('东电打算分几次把福岛处理水排完', '东电今天在排放的福岛核处理水氚浓度已稀释到预期水准以下')).toBe(0);
    expect(fit('美国打算向日本出售多少架F-35战机', '美国打算尽快向日本出售先进战机')).toBe(0);
  });

  it('gives the shape alone less than the shape filling the frame', () => {
    const alone = fit('东电打算分几次把福岛处理水排完', '东电表示，处理水将分4次排放');
    expect(alone).toBeGreaterThan(0);
    expect(fit('东电打算分几次把福岛处理水排完', '东电打算分4次把福岛处理水排放入海')).toBeGreaterThan(alone);
    expect(fit('美国打算向日本出售多少架F-35战机', '美国打算向日本出售105架F-35战机')).toBe(1);
  });

  it('lets the frame alone answer a question whose answer has no shape (什么)', () => {
    expect(fit('中美同意建立什么新机制', '双方一致同意建立中美经贸磋商机制')).toBe(1);
    expect(fit('中美同意建立什么新机制', '双方同意加强沟通')).toBe(0);
  });
});
