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
        // A stored vocabulary (its terms in id order) finds every term where the one it was saved from did.
        const stored = Vocabulary.of(v.terms);
        expect(stored.terms).toEqual(v.terms);
        for (const w of distinct) expect(stored.get(w)).toBe(v.get(w));
        expect(stored.get('\u0000never')).toBeUndefined();
        expect(stored.intern('\u0000new')).toBe(distinct.length);
      }),
    );
  });

  it('keeps finding every term as its table grows past thousands of terms', () => {
    const words = Array.from({ length: 20_000 }, (_, k) => String.fromCharCode(0x4e00 + (k % 500), 0x4e00 + Math.floor(k / 500)));
    const v = new Vocabulary();
    words.forEach((w) => v.intern(w));
    expect(words.every((w, k) => v.get(w) === k && v.intern(w) === k)).toBe(true);
    const stored = Vocabulary.of(words);
    expect(words.every((w, k) => stored.get(w) === k)).toBe(true);
    expect(v.size).toBe(20_000);
  });

  it('refuses a stored vocabulary that lists a term twice', () => {
    expect(() => Vocabulary.of(['美军', '驻日', '美军'])).toThrow(/美军.*twice/);
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
