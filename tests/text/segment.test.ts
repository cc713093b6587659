import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { fold, mayConvert, toSimplified } from '../../src/text/normalize.ts';
import { cutWords, hanBigrams, indexTerms, keywords, segment, tag } from '../../src/text/segment.ts';
import { isStopWord } from '../../src/text/stopwords.ts';
import { seedArticles } from '../support/corpus.ts';

const terms = (s: string): string[] => segment(s).map((t) => t.term);

describe('fold', () => {
  it('turns traditional into simplified, full-width into half-width and Latin into lower case, keeping the length', () => {
    expect(fold('駐日美軍經費')).toBe('驻日美军经费');
    expect(fold('ＴＰＰ與１０月')).toBe('tpp与10月');
    expect(fold('爲釣魚臺')).toBe('为钓鱼台');
    for (const s of ['駐日美軍經費', 'ＴＰＰ與１０月', '美國總統川普(特朗普)', '㈱①İ😀']) expect(fold(s)).toHaveLength(s.length);
  });

  it('keeps every length, for any text (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => fold(s).length === s.length), { numRuns: 300 });
  });
});

describe('mayConvert (the converter skipped on text no rule can change)', () => {
  const convert = OpenCC.Converter({ from: 'hk', to: 'cn' });
  // Simplified and traditional characters of the beat, rewritten and round-tripped ones (台 → 臺 → 台, 坏 → 坯), compatibility ideographs, Latin.
  const pool = [...'日美同盟驻军经费首相说会谈台湾税收秘密温度坏么打土坯乾隆著名駐軍經費與臺灣會談國總統爲裏豈更車F-35 ，。“”'];

  it('GIVEN any text THEN the converter changes it only where mayConvert says it may (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 30 }), (chars) => {
        const text = chars.join('');
        return mayConvert(text) || convert(text) === text;
      }),
      { numRuns: 2000 },
    );
  });

  it('GIVEN any text THEN converting it clause by clause gives what the converter gives for the whole (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const whole = convert(text);
        // Where a phrase rule changes the length, toSimplified keeps the length instead (see fold()).
        return whole.length !== text.length || toSimplified(text) === whole;
      }),
      { numRuns: 2000 },
    );
    expect(toSimplified('臺灣的稅收，打坏了。乾隆年間')).toBe(convert('臺灣的稅收，打坏了。乾隆年間'));
  });

  it('GIVEN the seed articles THEN every paragraph folds as the converter alone would fold it', async () => {
    const articles = await seedArticles();
    const paragraphs = articles.flatMap((a) => [a.title, ...a.blocks.map((b) => b.text)]);
    expect(paragraphs.some((p) => !mayConvert(p))).toBe(true);
    for (const p of paragraphs) if (!mayConvert(p)) expect(convert(p)).toBe(p);
    expect(mayConvert('美國')).toBe(true);
    expect(mayConvert('美国')).toBe(false);
  });
});

describe('segment', () => {
  it('keeps Latin words, acronyms and numbers whole and case-folded', () => {
    expect(terms('TPP G7 F-35 LNG AUKUS 2% 3.5% COVID-19 80亿')).toEqual(['tpp', 'g7', 'f-35', 'lng', 'aukus', '2%', '3.5%', 'covid-19', '80亿']);
    expect(terms('5,500億美元')).toEqual(['5,500亿', '美元']);
  });

  it('keeps the domain terms of the user dictionary whole (驻日美军, not 驻/日美军)', () => {
    expect(terms('驻日美军经费')).toEqual(['驻日美军', '经费']);
    expect(terms('日本首相岸田文雄')).toContain('岸田文雄');
    expect(terms('石破茂')).toEqual(['石破茂']);
  });

  it('cuts traditional text like its simplified form', () => {
    expect(terms('駐日美軍經費')).toEqual(terms('驻日美军经费'));
    expect(terms('ＴＰＰ')).toEqual(['tpp']);
  });

  it('leaves stop words, punctuation and spaces out', () => {
    expect(terms('的了，。！  ')).toEqual([]);
    expect(terms('日本的立场')).toEqual(['日本', '立场']);
  });

  it('gives offsets into the original text (property: each token is its text, folded)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom('駐日美軍', 'TPP', '岸田文雄說', '３．５％', '😀'), (s, w) => {
        const text = s + w + s;
        const folded = fold(text);
        for (const t of segment(text)) {
          if (folded.slice(t.start, t.end) !== t.term) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it('gives Han bigrams that find a word jieba cut inside a longer one (美军 in 驻日美军基地)', () => {
    expect(hanBigrams('驻日美军基地').map((t) => t.term)).toContain('美军');
    expect(hanBigrams('TPP')).toEqual([]);
  });
});

describe('segment cuts all Han runs of a text in one jieba call', () => {
  it('GIVEN any text THEN each Han run is cut as a call of its own would cut it (property)', () => {
    const pool = [...'驻日美军基地经费日美同盟岸田文雄说是的，。、：“”TPP F-35 3.5%\n臺灣'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        // segment() drops stop words; so does the reference here.
        const perRun = (fold(text).match(/\p{sc=Han}+/gu) ?? []).flatMap((run) => cutWords(run)).filter((w) => !isStopWord(w));
        const got = segment(text).map((t) => t.term).filter((w) => /^\p{sc=Han}+$/u.test(w));
        expect(got).toEqual(perRun);
      }),
      { numRuns: 300 },
    );
  });
});

describe('indexTerms', () => {
  it('GIVEN any text THEN the index stores the words segment() gives, then the bigrams hanBigrams() gives (property)', () => {
    const pool = [...'驻日美军基地经费的是TPP与F-35日美同盟，。 3.5%臺灣'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const expected = [...segment(text).map((t) => t.term), ...hanBigrams(text).map((b) => `#${b.term}`)];
        expect(indexTerms(text, { jiebaWords: true, bigramPrefix: '#' })).toEqual(expected);
        expect(indexTerms(text, { jiebaWords: true, bigramPrefix: undefined })).toEqual(segment(text).map((t) => t.term));
      }),
      { numRuns: 300 },
    );
  });

  it('without jieba keeps Latin words, numbers and a lone Han character, and bigrams', () => {
    expect(indexTerms('日，TPP与美国', { jiebaWords: false, bigramPrefix: '#' })).toEqual(['日', 'tpp', '#与美', '#美国']);
  });
});

describe('tag and keywords', () => {
  it('tags every character of the text, offsets adding up', () => {
    const text = '拜登说，美日同盟是灯塔。';
    const tags = tag(text);
    expect(tags.map((t) => t.word).join('')).toBe(text);
    expect(tags.find((t) => t.word === '拜登')?.tag).toMatch(/^nr/);
  });

  it('gives keywords without stop words or one-character words', () => {
    const k = keywords('美日同盟是全世界的灯塔。我们两国和两国人民通过一致努力所能取得的成就是无止境的', 5);
    expect(k.length).toBeGreaterThan(0);
    expect(k.every((w) => [...w].length > 1 && w !== '我们')).toBe(true);
  });
});
