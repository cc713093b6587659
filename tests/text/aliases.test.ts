import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AliasTable, bracketPairs, key, nameAtEnd, soundsAlike } from '../../src/text/aliases.ts';
import { HAS_SHARED_CORPUS, seedArticles, SEEDS_DIR, SHARED_CORPUS_DIR } from '../support/corpus.ts';
import { loadCorpus } from '../../src/corpus/load.ts';

describe('AliasTable', () => {
  it('treats the built-in forms as one another, in any script', () => {
    const t = AliasTable.builtIn();
    expect(t.equivalents('川普')).toContain('特朗普');
    expect(t.equivalents('駐日美軍經費')).toContain('温馨预算');
    expect(t.canonical('環太平洋夥伴關係協定')).toBe('TPP');
    expect(t.equivalents('不存在的词')).toEqual(['不存在的词']);
  });

  it('learns a name and its original from the brackets of the seeds, titles dropped', async () => {
    const t = AliasTable.build(await seedArticles());
    expect(t.equivalents('Jens Stoltenberg')).toContain('斯托尔滕贝格');
    expect(t.equivalents('Stoltenberg')).toContain('斯托尔滕贝格');
    expect(t.equivalents('Satoru Nagao')).toContain('长尾贤');
    expect(t.equivalents('Hideshi Tokuchi')).toContain('德地秀士');
    expect(t.forms()).not.toContain('北约秘书长斯托尔滕贝格');
  });

  // An update that appends articles extends the last table: the same table as a build over all of them.
  it('GIVEN a table built on the first articles WHEN extended by the rest THEN it answers as one built on all', async () => {
    const articles = (await loadCorpus(HAS_SHARED_CORPUS ? [SEEDS_DIR, SHARED_CORPUS_DIR] : [SEEDS_DIR])).articles;
    const whole = AliasTable.build(articles);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: articles.length }), (from) => {
        const base = AliasTable.build(articles.slice(0, from));
        const extended = AliasTable.extend(base, articles, from);
        expect(extended.toJSON()).toEqual(whole.toJSON());
        for (const form of [...whole.forms(), 'Stoltenberg', 'Kiuchi']) expect(extended.equivalents(form)).toEqual(whole.equivalents(form));
        // The base is left as it was.
        expect(base.toJSON()).toEqual(AliasTable.build(articles.slice(0, from)).toJSON());
      }),
      { numRuns: 8 },
    );
  });

  it('round-trips through JSON', async () => {
    const t = AliasTable.build(await seedArticles());
    expect(AliasTable.fromJSON(JSON.parse(JSON.stringify(t.toJSON()))).all()).toEqual(t.all());
  });

  it('merges groups that a new pair joins', () => {
    const t = AliasTable.builtIn();
    t.addGroup(['甲', 'A']);
    t.addGroup(['乙', 'B']);
    t.addGroup(['A', 'B']);
    expect(t.equivalents('甲').sort()).toEqual(['A', 'B', '乙', '甲'].sort());
  });
});

describe('AliasTable: a Latin surname alone', () => {
  /** What equivalents() gives a surname no group holds as a form: the one group with a form ending in that word and a Latin key ending in it. */
  const bySurname = (t: AliasTable, term: string): string[] => {
    const s = term.trim().toLowerCase();
    if (!/^[a-z][a-z'\-]{2,}$/.test(s)) return [term];
    const fits = t.all().filter((g) => g.some((f) => f.toLowerCase().split(/\s+/).at(-1) === s) && g.some((f) => /^[a-z]/.test(key(f)) && key(f).endsWith(s)));
    return fits.length === 1 ? (fits[0] as string[]) : [term];
  };
  const surname = fc.constantFrom('Smith', 'Lee', 'Kim', 'Stoltenberg', 'Biden', 'Trump', 'Park', 'Nagao');
  const given = fc.constantFrom('John', 'Jens', 'Joe', 'Mary', 'Satoru', 'Ann', 'Donald');
  const han = fc.constantFrom('史密斯', '李', '金', '斯托尔滕贝格', '朴', '长尾贤', '约翰', '玛丽');

  it('GIVEN tables of random name pairs (surnames shared by several people, groups merged) THEN a surname finds the one group it ends, else itself', async () => {
    const seeds = AliasTable.build(await seedArticles());
    fc.assert(
      fc.property(fc.array(fc.tuple(han, given, surname), { maxLength: 12 }), fc.array(surname, { minLength: 1, maxLength: 6 }), fc.boolean(), (pairs, asked, withSeeds) => {
        const t = withSeeds ? AliasTable.fromJSON(seeds.toJSON()) : AliasTable.builtIn();
        for (const [h, g, s] of pairs) {
          t.addGroup([h, `${g} ${s}`]);
          // Asked between additions too: what it learnt of the table must follow its changes.
          for (const a of asked) if (!t.has(a)) expect(t.equivalents(a)).toEqual(bySurname(t, a));
        }
        for (const a of asked) if (!t.has(a)) expect(t.equivalents(a)).toEqual(bySurname(t, a));
      }),
      { numRuns: 200 },
    );
  });
});

describe('bracketPairs', () => {
  it('pairs a Han name with the Latin name or the other party’s name after it', () => {
    expect(bracketPairs('美国国务卿布林肯(Antony Blinken)表示')).toEqual([['布林肯', 'Antony Blinken']]);
    expect(bracketPairs('新任驻日本大使拉姆∙伊曼纽尔(Rahman Emanuel)星期五')).toEqual([['拉姆∙伊曼纽尔', 'Rahman Emanuel']]);
    expect(bracketPairs('尖阁诸岛（中国称钓鱼岛）')).toEqual([['尖阁诸岛', '钓鱼岛']]);
    expect(bracketPairs('美國國防部長奧斯汀(Lloyd Austin)')).toEqual([['奥斯汀', 'Lloyd Austin']]);
  });

  it('ignores brackets that hold dates, numbers or remarks', () => {
    expect(bracketPairs('蓬佩奥今(6日)凌晨抵达')).toEqual([]);
    expect(bracketPairs('日本（例如）中国')).toEqual([]);
  });

  it('pairs no person with a run that ends in a common noun (an outlet, a branch, a school): 福斯新闻（Fox News）, 分公司（Boeing in St. Louis）', () => {
    expect(bracketPairs('卢特尼克周一晚间在福斯新闻（Fox News）节目上说')).toEqual([]);
    expect(bracketPairs('以及专注于国防业务的波音密苏里州圣路易斯市分公司（Boeing in St. Louis）')).toEqual([]);
    expect(bracketPairs('他曾在哈佛大学（Harvard University）任教')).toEqual([]);
    // Names still pair, whatever precedes them.
    expect(bracketPairs('美国商务部长卢特尼克（Howard Lutnick）周一表示')).toEqual([['卢特尼克', 'Howard Lutnick']]);
    expect(bracketPairs('日本经济学家木内登英(Takahide Kiuchi)认为')).toEqual([['木内登英', 'Takahide Kiuchi']]);
  });

  it('drops a title before a name', () => {
    expect(nameAtEnd('北约秘书长斯托尔滕贝格')).toBe('斯托尔滕贝格');
  });
});

describe.skipIf(!HAS_SHARED_CORPUS)('aliases over the shared corpus', () => {
  it('links traditional-text names to their originals', async () => {
    const t = AliasTable.build((await loadCorpus(SHARED_CORPUS_DIR)).articles);
    expect(t.equivalents('Pete Hegseth')).toContain('赫格塞思');
    expect(t.equivalents('Mike Pompeo')).toContain('蓬佩奥');
  });
});

describe('soundsAlike (a Latin surname and its Han transliteration)', () => {
  it('hears the usual transliterations, in both scripts and with a given name or a dotted Han name', () => {
    for (const [latin, han] of [['Howard Lutnick', '卢特尼克'], ['Lutnick', '盧特尼克'], ['Wilbur Ross', '罗斯'], ['Bessent', '贝森特'], ['Biden', '拜登'], ['Rahm Emanuel', '拉姆·伊曼纽尔'], ['Blinken', '布林肯'], ['Lloyd Austin', '奥斯汀']] as [string, string][])
      expect(soundsAlike(latin, han), `${latin} ~ ${han}`).toBe(true);
  });
  it('tells other names apart, and never takes a Japanese or Chinese name for a transliteration', () => {
    for (const [latin, han] of [['Lutnick', '罗斯'], ['Lutnick', '贝森特'], ['Lutnick', '鲁比奥'], ['Fumio Kishida', '岸田文雄'], ['Xi', '习近平'], ['Biden', '布林肯']] as [string, string][])
      expect(soundsAlike(latin, han), `${latin} ≁ ${han}`).toBe(false);
  });
});
