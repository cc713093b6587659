import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AliasTable, key } from '../../src/text/aliases.ts';
import { seedArticles } from '../support/corpus.ts';

describe('AliasTable.groupsWithin', () => {
  it('GIVEN any text made of forms of the table and other characters THEN it finds exactly the groups a scan of every form finds, in the same order', async () => {
    const table = AliasTable.build(await seedArticles());
    const groups = table.all();
    const forms = groups.flat();
    expect(forms.length).toBeGreaterThan(10);
    const scan = (text: string): string[][] => groups.filter((g) => g.some((f) => key(f).length >= 2 && key(text).includes(key(f))));
    const piece = fc.oneof(fc.constantFrom(...forms), fc.constantFrom('的', '会谈', '和', ' ', '·', '问题', 'Ｔ', '美'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const text = pieces.join('');
        expect(table.groupsWithin(text)).toEqual(scan(text));
      }),
      { numRuns: 300 },
    );
  });
});
