import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseNumberValue, numberForms } from '../../src/text/numbers.ts';

describe('numbers in every spelling', () => {
  it('reads Chinese numerals, positional and digit by digit', () => {
    expect(chineseNumberValue('三千')).toBe(3000);
    expect(chineseNumberValue('一百四十一')).toBe(141);
    expect(chineseNumberValue('一四一')).toBe(141);
    expect(chineseNumberValue('二〇二五')).toBe(2025);
    expect(chineseNumberValue('卅六')).toBe(36);
    expect(chineseNumberValue('廿九')).toBe(29);
    expect(chineseNumberValue('十')).toBe(10);
    expect(chineseNumberValue('五千五百')).toBe(5500);
    expect(chineseNumberValue('美国')).toBeUndefined();
  });

  it('gives a typed number with and without thousands separators and in Chinese numerals', () => {
    expect(numberForms('5500')).toEqual(expect.arrayContaining(['5500', '5,500', '五千五百']));
    expect(numberForms('5,500')).toEqual(expect.arrayContaining(['5500', '5,500']));
    expect(numberForms('3000')).toContain('三千');
    expect(numberForms('141')).toEqual(expect.arrayContaining(['一百四十一', '一四一']));
    expect(numberForms('102')).toContain('一百零二');
    expect(numberForms('三千')).toContain('3000');
    expect(numberForms('27.5')).toEqual(['27.5']);
  });

  it('every Chinese form of a number reads back as that number (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (n) => {
        for (const f of numberForms(String(n))) {
          const value = /^\d/.test(f) ? Number(f.replace(/,/g, '')) : chineseNumberValue(f);
          expect(value).toBe(n);
        }
      }),
    );
  });
});
