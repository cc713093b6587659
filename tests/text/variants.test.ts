import { fold } from '../../src/text/normalize.ts';
import { describe, expect, it } from 'vitest';
import { VariantTable } from '../../src/text/variants.ts';

describe('variant table', () => {
  it('gives the other words of a class of phrasings, traditional or simplified, never the word itself', () => {
    const table = new VariantTable();
    expect(table.variantsOf('会谈')).toEqual(expect.arrayContaining(['会晤', '峰会', '高峰会']));
    expect(table.variantsOf('會談')).toEqual(table.variantsOf('会谈'));
    expect(table.variantsOf('经费')).toContain('分担');
    expect(table.variantsOf('关税')).toContain('对等关税');
    expect(table.variantsOf('会谈')).not.toContain('会谈');
  });

  it('gives a word that stands in two classes the forms of both', () => {
    const table = new VariantTable([
      ['暂停', '禁运'],
      ['暂停', '中止'],
    ]);
    expect(table.variantsOf('暂停').sort()).toEqual(['中止', '禁运'].sort());
    expect(table.variantsOf('禁运')).toEqual(['暂停']);
  });

  it('keeps the direction of a visit: a visit to one country is a visit, never a visit to another (訪日 is not 访美)', () => {
    const table = new VariantTable();
    for (const [to, same, other] of [['访日', '赴日', '访美'], ['訪美', '赴美', '访日'], ['访华', '来华', '访韩'], ['访韩', '访问韩国', '访华']] as const) {
      expect(table.variantsOf(to), to).toEqual(expect.arrayContaining(['访问', same]));
      expect(table.variantsOf(to), to).not.toContain(other);
    }
    // Arriving in the country, its capital or its seat of government tells the visit too, and only that country's.
    expect(table.variantsOf('访美')).toEqual(expect.arrayContaining(['抵达白宫', '飞抵华盛顿', '抵美']));
    expect(table.variantsOf('訪日')).toEqual(expect.arrayContaining(['抵达东京', '飞抵日本']));
    expect(table.variantsOf('访日')).not.toContain('抵达白宫');
    // An undirected visit is any of them.
    expect(table.variantsOf('访问')).toEqual(expect.arrayContaining(['访日', '访美', '访华', '访韩']));
  });

  it('tells the groups that name a subject matter (a budget line, a document, a good) from acts that run through every story', () => {
    const subjects = new VariantTable().subjectForms();
    expect(subjects).toEqual(expect.arrayContaining(['防卫费', '国防预算', '安保三文件', '三份安保文件', '水产品', '处理水', '关税', '众议院选举', '参议院选举']));
    // Each house's election is its own subject: neither is a variant of the other, nor of a party's.
    expect(new VariantTable().variantsOf('众议院选举')).not.toContain('参议院选举');
    expect(new VariantTable().variantsOf('众议院选举')).not.toContain('总裁选举');
    for (const act of ['访问', '出口', '出货', '恢复', '签署', '会谈', '禁止']) expect(subjects, act).not.toContain(act);
  });

  it("gives a topic's other stories: the subject matters that are none of its forms and hold none of them", () => {
    const table = new VariantTable();
    const others = table.otherSubjects(['防卫费', '日本']);
    expect(others).toEqual(expect.arrayContaining(['安保三文件', '水产品', '关税']));
    expect(others).not.toContain('防卫费');
    // A subject holding a form of the topic, or inside one, is the topic's own wording (选举 of 总裁选举).
    expect(table.otherSubjects(['选举'])).not.toContain('众议院选举');
    expect(table.otherSubjects(['众议院选举'])).not.toContain('众议院选举');
    expect(table.otherSubjects(['众议院选举'])).toContain('参议院选举');
    // Every other subject is a subject form.
    for (const f of others) expect(table.isSubject(f), f).toBe(true);
  });

  it('knows kinds of one sort of goods as siblings, not near-synonyms (扇贝 and 海参; 牛肉 and 猪肉)', () => {
    const table = new VariantTable();
    const [scallops] = table.kindsNamed(['扇贝', '出口']);
    expect(scallops?.own).toContain('扇贝');
    expect(scallops?.siblings).toEqual(expect.arrayContaining(['海参', '鲍鱼']));
    expect(scallops?.siblings).not.toContain('牛肉');
    expect(table.kindsNamed(['牛肉'])[0]?.siblings).toContain('猪肉');
    expect(table.variantsOf('扇贝')).not.toContain('海参');
    expect(table.kindsNamed(['水产品', '出口'])).toEqual([]);
    // A trip to one country and a trip to another.
    const [japan] = table.kindsNamed(['访日']);
    expect(japan?.own).toEqual(expect.arrayContaining(['访日', '抵达东京']));
    expect(japan?.siblings).toEqual(expect.arrayContaining(['访美', '抵达白宫', '访华']));
    expect(table.kindsNamed(['访问'])).toEqual([]);
  });

  it('reads the rank of a meeting topic in either script, and none from a topic that names no meeting', () => {
    const table = new VariantTable();
    const [leaders] = table.meetingRanks(fold('日韓首腦會談'));
    const [defence] = table.meetingRanks(fold('日美防長會談'));
    expect(leaders).toBeDefined();
    expect(defence).toBeDefined();
    expect(leaders).not.toBe(defence);
    expect(table.ranksNamed(fold('美國國防部長奧斯汀'))).toEqual([defence]);
    // A 2+2 is both ministers' meeting; 首相指名选举 names a title but no meeting.
    expect(table.meetingRanks('美日2+2会谈')).toHaveLength(2);
    expect(table.meetingRanks('首相指名选举')).toEqual([]);
  });

  it('knows nothing of a word outside every group', () => {
    expect(new VariantTable().variantsOf('石破茂')).toEqual([]);
  });
});
