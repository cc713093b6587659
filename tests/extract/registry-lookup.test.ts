import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdsShorterName, NameSet, notAName, notATopic } from '../../src/extract/registry-check.ts';

// Names of 1–5 characters from a small alphabet, so that prefixes and substrings collide often.
const name = fc.array(fc.constantFrom('石', '破', '茂', '赤', '泽', '亮', '正', '岸', '田', '文', '雄', '却', '团'), { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));

describe('the registry checks’ lookups (a set instead of a scan of every name)', () => {
  it('GIVEN any names and any form THEN a NameSet and a plain set give the same verdict on the form', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), name, fc.boolean(), fc.nat(3), (names, form, titled, statements) => {
        const plain = new Set(names);
        const indexed = new NameSet(names);
        const evidence = { titled, statements };
        expect(notAName(form, indexed, evidence) === undefined).toBe(notAName(form, plain, evidence) === undefined);
        // Changes after the first lookup are seen too.
        indexed.longerByOne(form);
        indexed.add(`${form}正`);
        plain.add(`${form}正`);
        expect(notAName(form, indexed, evidence) === undefined).toBe(notAName(form, plain, evidence) === undefined);
        indexed.delete(`${form}正`);
        plain.delete(`${form}正`);
        expect(notAName(form, indexed, evidence) === undefined).toBe(notAName(form, plain, evidence) === undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN any names and any topic THEN looking the topic’s substrings up in a set finds a held name exactly when a scan does', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), name, (names, topic) => {
        const scan = holdsShorterName(topic, names);
        const found = holdsShorterName(topic, new Set(names));
        expect(found === undefined).toBe(scan === undefined);
        if (found !== undefined) expect(topic.includes(found) && found.length >= 2 && found.length < topic.length && names.includes(found)).toBe(true);
        expect(notATopic(topic, new Set(names)) === undefined).toBe(notATopic(topic, names) === undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('a negation or quantifier after a group (候选人无一, 两国均未, 双方皆, 各自, 没人) is no name, even titled; names that share no such opener stay', () => {
    for (const form of ['无一', '无人', '均未', '皆为', '各自', '没人', '未有', '俱为']) expect(notAName(form, new Set(), { titled: true, statements: 0 }), form).toBe('a negation or quantifier after a group');
    for (const form of ['武一', '岸田', '吴江浩', '全斗焕', '金泰孝']) expect(notAName(form, new Set(), { titled: true, statements: 1 }), form).toBeUndefined();
  });

  it('GIVEN 赤泽亮正 registered THEN 赤泽亮 is a name cut short, and 石破茂却 is a name with a scrap', () => {
    const others = new NameSet(['赤泽亮正', '石破茂']);
    expect(notAName('赤泽亮', others)).toBe('赤泽亮正 cut short');
    expect(notAName('石破茂却', others)).toBeDefined();
    expect(notAName('岸田文雄', others)).toBeUndefined();
  });
});
