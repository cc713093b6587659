import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grown, Vocabulary } from '../../src/index/vocabulary.ts';

describe('vocabulary and growable arrays', () => {
  it('gives each term one id, in order of first sight, and knows only the terms it saw', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 })), (words) => {
        const v = new Vocabulary();
        const ids = words.map((w) => v.intern(w));
        const distinct = [...new Set(words)];
        expect(v.terms).toEqual(distinct);
        expect(ids).toEqual(words.map((w) => distinct.indexOf(w)));
        for (const w of distinct) expect(v.get(w)).toBe(distinct.indexOf(w));
        expect(v.get('\u0000never')).toBeUndefined();
      }),
    );
  });

  it('grows an array to hold what is asked, keeping its values and its type, and returns it untouched when it fits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 50 }), fc.nat(500), (values, need) => {
        const a = Uint16Array.from(values);
        const g = grown(a, need);
        expect(g).toBeInstanceOf(Uint16Array);
        expect(g.length).toBeGreaterThanOrEqual(Math.max(need, a.length));
        expect([...g.subarray(0, a.length)]).toEqual(values);
        if (need <= a.length) expect(g).toBe(a);
      }),
    );
  });
});
