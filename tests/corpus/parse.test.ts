import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleParagraphs } from '../../src/corpus/article.ts';
import { parseArticle } from '../../src/corpus/parse.ts';
import { byFile, seedArticles, SEEDS_DIR } from '../support/corpus.ts';

const seed = (name: string): string => readFileSync(join(SEEDS_DIR, name), 'utf8');
const header = '<!--1605102900000-->\n[标题](https://www.rfi.fr/cn/x)\n------\n';

describe('parseArticle on the seeds', () => {
  it('reads title, url, source, publication time and id of seed 000 (RFI, date div in d/m/y style)', async () => {
    const a = byFile(await seedArticles(), '000');
    expect(a.id).toBe('000_a2194fe5ab64c492');
    expect(a.file).toBe('000_a2194fe5ab64c492.txt');
    expect(a.title).toBe('拜登当选美国总统 日本最希望他做些什么？ - 东京专栏');
    expect(a.url.startsWith('http://www.rfi.fr//cn/')).toBe(true);
    expect(a.source).toBe('rfi.fr');
    expect(a.publishedAt).toBe('2020-11-11T13:55:00.000Z');
    expect(a.author).toBeUndefined();
    expect(a.lead).toBe('民主党候选人乔·拜登已经获得足够选举人票，赢得了一场极其激烈的总统大选。并将在1月20日入主白宫，而拜登当选，日本最希望他做些什么呢？');
    expect(a.blocks.filter((b) => b.kind === 'heading')).toHaveLength(0);
    expect(a.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(11);
    expect(a.blocks[0]?.text.startsWith('首先，是放弃“美国第一主义”，回归“多边主义”')).toBe(true);
    expect(a.blocks.at(-1)?.text).toBe('拜登重视与同盟国之间的关系，不会像特朗普那样欺压同盟国，因此日本希望拜登放弃要求日本增加驻日美军军费的要求。');
  });

  it('drops the stray "Array" of seed 001 and keeps its bold lead', async () => {
    const a = byFile(await seedArticles(), '001');
    expect(a.publishedAt).toBe('2021-11-11T14:15:03.000Z');
    expect(a.lead?.startsWith('日本首相岸田文雄11日与美国印度太平洋司令部司令阿奎利诺在官邸举行会谈')).toBe(true);
    expect(a.lead?.endsWith('与美国总统拜登举行会谈。')).toBe(true);
    expect(articleParagraphs(a).some((t) => /\bArray\b/.test(t))).toBe(false);
    expect(a.blocks[0]?.text.startsWith('据共同社今天报道称，11月11日下午')).toBe(true);
  });

  it('finds the author block and the sub-headings of seed 002, and stops at the RSS footer', async () => {
    const a = byFile(await seedArticles(), '002');
    expect(a.author).toBe('肖曼');
    expect(a.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['日本忐忑不安', '北约据理力争']);
    expect(a.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(12);
    expect(a.blocks.at(-1)?.text.startsWith('斯托尔滕贝格还说：“北约为国防销售创造了市场。')).toBe(true);
    const all = articleParagraphs(a).join('\n');
    expect(all).not.toMatch(/获取更多RSS|feedx|作者：/);
  });

  it('reads the VOA style of seed 003: GMT date in <i>, caption in <small> dropped, dateline kept with its paragraph', async () => {
    const a = byFile(await seedArticles(), '003');
    expect(a.source).toBe('voachinese.com');
    expect(a.publishedAt).toBe('2025-02-10T22:59:02.000Z');
    expect(a.lead).toBeUndefined();
    expect(a.blocks[0]?.text.startsWith('台北 — 日本首相石破茂2月7日与美国总统唐纳德·特朗普(Donald Trump)')).toBe(true);
    expect(a.blocks.filter((b) => b.kind === 'heading')).toHaveLength(5);
    const all = articleParagraphs(a).join('\n');
    expect(all).not.toContain('椭圆形办公室会见日本首相石破茂。(2025年2月7日)');
    expect(all).not.toMatch(/Mon, 10 Feb 2025|https?:|weserv/);
  });

  it('keeps the long quotations of seed 004 whole, with no tags or entities left', async () => {
    const a = byFile(await seedArticles(), '004');
    expect(a.author).toBe('弗林');
    expect(a.blocks.some((b) => b.kind === 'heading' && b.text === '岸田文雄：我们正处于关键的十字路口，日美合作无比重要')).toBe(true);
    for (const text of articleParagraphs(a)) {
      expect(text).not.toMatch(/<[a-z/][^>]*>|&[a-z]+;|&#\d+;|\s{2,}|^\s|\s$/);
    }
    expect(articleParagraphs(a).some((t) => t.includes('美日同盟是全世界的灯塔'))).toBe(true);
  });

  it('never lets an image URL, a promo block or a date line into any text of any seed', async () => {
    for (const a of await seedArticles()) {
      for (const text of [a.title, ...articleParagraphs(a)]) {
        expect(text).not.toMatch(/\.(jpe?g|png|gif)\b|selfpromo|^\d{2}\/\d{2}\/\d{4} - \d{2}:\d{2}$/i);
      }
    }
  });
});

describe('parseArticle on odd input', () => {
  it('decodes entities and folds full-width and no-break spaces, keeping Chinese punctuation', () => {
    const r = parseArticle('x.txt', `${header}<p>日本&nbsp;&amp;美国\u3000\u3000同盟，“牢固”。</p>`);
    expect(r.ok && r.article.blocks[0]?.text).toBe('日本 &美国 同盟，“牢固”。');
  });

  it('reads a file with Windows line ends and a byte-order mark', () => {
    const r = parseArticle('x.txt', `\uFEFF${header.replace(/\n/g, '\r\n')}<p>正文。</p>`);
    expect(r.ok).toBe(true);
  });

  it.each([
    ['no header', '[t](https://a.b/)\n------\n<p>x</p>', /line 1: expected <!--EPOCH_MS-->/],
    ['a bad timestamp', '<!--abc-->\n[t](https://a.b/)\n------\n<p>x</p>', /line 1/],
    ['a timestamp out of range', '<!--99999999999999-->\n[t](https://a.b/)\n------\n<p>x</p>', /line 1: timestamp 99999999999999/],
    ['a bad link line', '<!--1605102900000-->\n标题 https://a.b/\n------\n<p>x</p>', /line 2: expected \[title\]\(url\)/],
    ['a link that is not http', '<!--1605102900000-->\n[t](javascript:alert(1))\n------\n<p>x</p>', /line 2/],
    ['no rule line', '<!--1605102900000-->\n[t](https://a.b/)\n<p>x</p>', /line 3: expected ------/],
    ['an empty body', `${header}\n\n`, /body: no paragraph text/],
    ['a body of only furniture', `${header}<div>11/11/2020 - 14:27</div><img src="a.jpg">Array<div>获取更多RSS：<a href="https://feedx.net">x</a></div>`, /body: no paragraph text/],
  ])('rejects a file with %s, saying what is wrong and where', (_what, text, message) => {
    const r = parseArticle('bad.txt', text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('parses seed text unchanged by a second read (the parser is pure)', () => {
    const text = seed('002_6deaa98bedeedb28.txt');
    expect(parseArticle('002_6deaa98bedeedb28.txt', text)).toEqual(parseArticle('002_6deaa98bedeedb28.txt', text));
  });
});
