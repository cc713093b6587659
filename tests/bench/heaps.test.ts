import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedTerms, fitHeaps, heapsCurve, measureHeaps } from '../../bench/heaps.ts';

describe("Heaps' law fit", () => {
  it('recovers K and β from points on a made-up curve V = K·N^β', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 100, noNaN: true }), fc.double({ min: 0.2, max: 0.95, noNaN: true }), (K, beta) => {
        const points = [100, 300, 1_000, 5_000, 20_000, 100_000].map((tokens) => ({ tokens, terms: K * tokens ** beta }));
        const fit = fitHeaps(points);
        expect(fit.beta).toBeCloseTo(beta, 6);
        expect(fit.K / K).toBeCloseTo(1, 6);
        expect(fit.r2).toBeCloseTo(1, 6);
        expect(expectedTerms(fit, 1e6) / (K * 1e6 ** beta)).toBeCloseTo(1, 6);
      }),
    );
  });

  it('finds β of made-up documents whose vocabulary grows as a square root', () => {
    // Token i is a new term exactly when floor(sqrt(i)) grows: V ≈ sqrt(N), β = 0.5.
    const docs: string[][] = [];
    let i = 0;
    for (let d = 0; d < 400; d++) {
      const doc: string[] = [];
      for (let k = 0; k < 50; k++, i++) doc.push(`t${Math.floor(Math.sqrt(i))}`);
      docs.push(doc);
    }
    const m = measureHeaps(docs, 0);
    expect(m.tokens).toBe(20_000);
    expect(m.terms).toBe(Math.floor(Math.sqrt(19_999)) + 1);
    expect(m.beta).toBeGreaterThan(0.45);
    expect(m.beta).toBeLessThan(0.55);
  });

  it('counts tokens and distinct terms over growing prefixes, thinned in N', () => {
    const curve = heapsCurve([['a', 'b'], ['a'], ['c', 'c', 'd']], 0);
    expect(curve).toEqual([
      { tokens: 2, terms: 2 },
      { tokens: 3, terms: 2 },
      { tokens: 6, terms: 4 },
    ]);
    const thin = heapsCurve(Array.from({ length: 100 }, (_, k) => [`w${k}`]), 0.5);
    for (let k = 1; k < thin.length - 1; k++) expect(thin[k]!.tokens).toBeGreaterThanOrEqual(thin[k - 1]!.tokens * 1.5);
    expect(thin.at(-1)).toEqual({ tokens: 100, terms: 100 });
  });

  it('refuses a fit without two different prefix sizes', () => {
    expect(() => fitHeaps([{ tokens: 10, terms: 5 }])).toThrow(/heaps/);
  });
});
