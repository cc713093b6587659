import { describe, expect, it } from 'vitest';
import { answerShape, framePattern, understand, type Intent } from '../../src/answers/question.ts';
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
