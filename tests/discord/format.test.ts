import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AskHit, AskResult, StatementOut, TimelineEvent, TimelineResult, WhoResult } from '../../src/answers/types.ts';
import {
  ELLIPSIS,
  LIMITS,
  PAGE_SIZE,
  askView,
  cleanText,
  choices,
  discordDate,
  embedLength,
  escapeText,
  eventDate,
  fitEmbed,
  fitEmbeds,
  highlight,
  link,
  normaliseSpans,
  pageButtons,
  timelineView,
  truncate,
  truncatePlain,
  whoView,
} from '../../src/discord/format.ts';
import { parsePageButtonId } from '../../src/discord/pagination.ts';
import { embedProblems } from './limits.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const URL_A = 'https://www.rfi.fr/cn/%E4%BA%9A%E6%B4%B2/20211111-%E6%97%A5%E6%9C%AC';
const FAMILY = '👨‍👩‍👧';
const FLAG = '🇯🇵';
const CHINESE = '日美两国政府已启动驻日美军驻留经费负担（温馨预算）的工作谈判。';

/** Removes our escapes and the zero-width spaces that neutralise mentions. */
function unescape(text: string): string {
  return text.replace(/\\([\s\S])/g, '$1').replace(/\u200b/g, '');
}

/** Characters that would format if left unescaped. */
function unescapedMarkup(text: string): string[] {
  return (text.replace(/\\[\s\S]/g, '').match(/[*_~|`]/g) ?? []);
}

function hit(over: Partial<AskHit> = {}): AskHit {
  return {
    rank: 1,
    title: '日本岸田新政府拟开打亲美牌',
    url: URL_A,
    publishedAt: '2021-11-11T14:15:03.000Z',
    source: 'rfi.fr',
    file: '001_5caa166e077508a0.txt',
    text: CHINESE,
    highlights: [{ start: 9, end: 17 }],
    score: 1,
    ...over,
  };
}

function ask(results: AskHit[], over: Partial<AskResult> = {}): AskResult {
  return { command: 'ask', query: '驻日美军经费', results, total: results.length, ...over };
}

function statement(over: Partial<StatementOut> = {}): StatementOut {
  return { title: '石破首访特朗普', url: 'https://www.voachinese.com/a/7969986.html', publishedAt: '2025-02-10T22:59:02.000Z', source: 'voachinese.com', file: '004.txt', text: '“我们坚定地致力于日美同盟。”', direct: true, ...over };
}

function who(over: Partial<WhoResult> = {}): WhoResult {
  return {
    command: 'who',
    query: '石破',
    person: '石破茂',
    aliases: ['石破茂', '石破', 'Ishiba'],
    roles: ['日本首相'],
    mentions: 3,
    firstSeen: '2024-10-01T00:00:00.000Z',
    lastSeen: '2025-02-10',
    topics: ['日美同盟', '关税'],
    statements: [statement()],
    ...over,
  };
}

function event(over: Partial<TimelineEvent> = {}): TimelineEvent {
  return { title: '拜登会见岸田文雄', url: URL_A, publishedAt: '2024-04-18T00:00:00.000Z', source: 'rfi.fr', file: '003.txt', date: '2024-04-10', precision: 'day', text: '拜登在白宫会见岸田文雄。', reportedOnly: false, ...over };
}

function timeline(events: TimelineEvent[], over: Partial<TimelineResult> = {}): TimelineResult {
  return { command: 'timeline', query: '日美同盟', events, more: 0, ...over };
}

describe('truncate', () => {
  it('leaves text that fits untouched', () => {
    expect(truncate(CHINESE, CHINESE.length)).toBe(CHINESE);
  });

  it('cuts long Chinese text to the limit and ends with an ellipsis', () => {
    const out = truncate(CHINESE.repeat(20), 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
  });

  it('never splits a surrogate pair or a grapheme, at any limit', () => {
    const text = `${CHINESE}😀${FAMILY}${FLAG}🎌${CHINESE}${'😀'.repeat(10)}`;
    for (let max = 0; max <= text.length; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(LONE_SURROGATE.test(out)).toBe(false);
      // A ZWJ family or a flag is there whole or not at all.
      const body = out.replace(ELLIPSIS, '');
      if (body.includes('👨')) expect(body).toContain(FAMILY);
      if (body.includes('🇯')) expect(body).toContain(FLAG);
    }
  });

  it('never cuts inside a markdown link, an escape or a timestamp', () => {
    const text = `前文 ${link('标题[1]', URL_A)} \\*注\\* <t:1636640103:D> 后文${CHINESE}`;
    for (let max = 0; max <= text.length; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(/\[[^\]]*\]\([^)]*$/.test(out)).toBe(false);
      if (out.includes('](')) expect(out).toContain(`(${URL_A})`);
      expect(/(^|[^\\])(\\\\)*\\…$/.test(out)).toBe(false);
      expect(/<t:[^>]*$/.test(out.replace(ELLIPSIS, ''))).toBe(false);
    }
  });

  it('closes bold it cuts through, and drops bold it cannot fill', () => {
    const text = `开头**${CHINESE}**结尾`;
    for (let max = 1; max <= text.length; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect((out.match(/\*\*/g) ?? []).length % 2).toBe(0);
      expect(out).not.toContain('****');
    }
  });

  it('fits plain labels by grapheme', () => {
    expect(truncatePlain(`${FAMILY}${FAMILY}`, FAMILY.length + 1)).toBe(`${FAMILY}${ELLIPSIS}`);
  });
});

describe('escapeText', () => {
  it('neutralises @everyone, @here and mention tags from corpus text', () => {
    const out = escapeText('大家 @everyone 和 @here 看 <@123456789012345678> <@&123456789012345678> <#123456789012345678>');
    expect(out).not.toMatch(/@everyone|@here|<@\d|<@&|<#\d/);
    expect(unescape(out)).toContain('@everyone');
  });

  it('escapes every markdown character of corpus text, and nothing is lost', () => {
    const raw = '# 标题 **粗** __下划线__ ~~删除~~ ||剧透|| `代码` ```块``` *斜* _斜_ [链接](https://evil.example) > 引用 -# 小字 1. 列表 - 项 \\ 反斜杠';
    const out = escapeText(raw);
    expect(unescapedMarkup(out)).toEqual([]);
    expect(out).not.toMatch(/(^|[^\\])\[链接\]\(/);
    expect(unescape(out)).toBe(raw);
  });

  it('escapes brackets inside link labels', () => {
    expect(link('a]b[c', URL_A)).toBe(`[a\\]b\\[c](${URL_A})`);
  });

  it('collapses line breaks so corpus text cannot start a heading or a quote', () => {
    expect(escapeText('第一行\n# 第二行\n> 第三行')).not.toContain('\n');
  });
});

describe('highlight', () => {
  it('puts the matched spans in bold', () => {
    expect(highlight(CHINESE, [{ start: 9, end: 17 }])).toBe('日美两国政府已启动**驻日美军驻留经费**负担（温馨预算）的工作谈判。');
  });

  it('keeps offsets right when escaping lengthens the text before a span', () => {
    const text = '*注* @everyone [x](y) 驻日美军经费';
    const start = text.indexOf('驻日');
    const out = highlight(text, [{ start, end: start + 6 }]);
    expect(out).toContain('**驻日美军经费**');
    expect(unescapedMarkup(out.replace('**驻日美军经费**', ''))).toEqual([]);
    expect(out).not.toContain('@everyone');
  });

  it('widens a span that splits an emoji instead of breaking it', () => {
    const text = `看😀这${FAMILY}里`;
    const out = highlight(text, [{ start: 2, end: 3 }, { start: 5, end: 6 }]);
    expect(LONE_SURROGATE.test(out)).toBe(false);
    expect(out).toContain('**😀**');
    expect(out).toContain(`**${FAMILY}**`);
  });

  it('merges overlapping, unsorted and out-of-range spans and trims their whitespace', () => {
    expect(normaliseSpans('ab cd ef', [{ start: 4, end: 99 }, { start: 1, end: 3 }, { start: 2, end: 5 }, { start: -5, end: 0 }])).toEqual([[1, 8]]);
    expect(normaliseSpans('  日本  ', [{ start: 0, end: 6 }])).toEqual([[2, 4]]);
  });

  it('bolds nothing when there are no spans', () => {
    expect(highlight(CHINESE, [])).toBe(CHINESE);
  });
});

describe('links and dates', () => {
  it('encodes parentheses in URLs so they cannot end the link early', () => {
    expect(link('标题', 'https://example.com/a_(b)')).toBe('[标题](https://example.com/a_%28b%29)');
  });

  it('shows a non-http URL as plain text, not a link', () => {
    expect(link('标题', 'javascript:alert(1)')).toBe('标题');
  });

  it('renders dates as Discord timestamps, plain days at noon UTC', () => {
    // A publication instant is shown as the outlet's own day (East Asian by default), at noon UTC.
    expect(discordDate('2021-11-11T14:15:03.000Z')).toBe(`<t:${Date.UTC(2021, 10, 11, 12) / 1000}:D>`);
    expect(discordDate('2021-11-11T17:15:03.000Z')).toBe(`<t:${Date.UTC(2021, 10, 12, 12) / 1000}:D>`);
    // Relative times keep the instant.
    expect(discordDate('2021-11-11T14:15:03.000Z', 'R')).toBe('<t:1636640103:R>');
    expect(discordDate('2020-10-15')).toBe(`<t:${Date.UTC(2020, 9, 15, 12) / 1000}:D>`);
    expect(discordDate('not a date')).toBe('not a date');
  });

  it('dates an article by the clock of its outlet: Paris and Washington newsrooms late in their evening, Beijing by default', () => {
    const lateEvening = '2024-02-02T21:15:01.000Z'; // 22:15 in Paris, 16:15 in Washington, 05:15 on the 3rd in Beijing
    const feb = (d: number): string => `<t:${Date.UTC(2024, 1, d, 12) / 1000}:D>`;
    expect(discordDate(lateEvening, 'D', 'https://www.rfi.fr/cn/a')).toBe(feb(2));
    expect(discordDate(lateEvening, 'D', 'https://www.voachinese.com/a/1.html')).toBe(feb(2));
    expect(discordDate(lateEvening, 'D', 'https://udn.com/news/story/1')).toBe(feb(3));
    expect(discordDate(lateEvening, 'D', 'https://hk.epochtimes.com/news/1')).toBe(feb(3));
    expect(discordDate(lateEvening)).toBe(feb(3));
  });

  it('shows months, years and decades in words', () => {
    expect(eventDate('2021-10', 'month', 'en-US')).toBe('October 2021');
    expect(eventDate('2021-10', 'month', 'zh-CN')).toBe('2021年10月');
    expect(eventDate('2021', 'year', 'zh-CN')).toBe('2021年');
    expect(eventDate('2010s', 'decade', 'en-US')).toBe('2010s');
    expect(eventDate('2021-10-15', 'day', 'en-US')).toMatch(/^<t:\d+:D>$/);
  });
});

describe('askView', () => {
  it('titles the embed with the query and links every passage to its article with its date', () => {
    const view = askView(ask([hit(), hit({ rank: 2, url: 'https://www.voachinese.com/a/1.html', source: 'voachinese.com' })], { total: 2 }), 0, 'zh-CN');
    expect(view.kind).toBe('page');
    if (view.kind !== 'page') return;
    expect(view.embed.title).toBe('驻日美军经费');
    expect(view.embed.description).toContain(`(${URL_A})`);
    expect(view.embed.description).toContain('(https://www.voachinese.com/a/1.html)');
    expect(view.embed.description).toContain(`<t:${Date.UTC(2021, 10, 11, 12) / 1000}:D>`);
    expect(view.embed.description).toContain('**驻日美军驻留经费**');
    expect(view.embed.footer?.text).toContain('rfi.fr');
    expect(view.embed.footer?.text).toContain('voachinese.com');
    expect(view.embed.footer?.text).toContain('2');
  });

  it('counts pages from the total and says whether there is a next one', () => {
    const view = askView(ask([hit(), hit(), hit()], { total: 7 }), 1, 'en-US');
    expect(view).toMatchObject({ kind: 'page', page: 1, pageCount: 3, hasNext: true });
    if (view.kind === 'page') expect(view.embed.footer?.text).toContain('page 2/3');
  });

  it('stays within every limit with huge Chinese passages, emoji, long titles and a long query', () => {
    const long = `${CHINESE}😀${FAMILY}`.repeat(400);
    const hits = [1, 2, 3].map((rank) =>
      hit({ rank, title: `标题${'很长'.repeat(200)}`, text: long, highlights: [{ start: 3, end: 40 }, { start: 5000, end: 5100 }], heading: '小标题'.repeat(100), before: '前一句。'.repeat(100), after: '后一句。'.repeat(100) }),
    );
    const view = askView(ask(hits, { query: `问${'题'.repeat(400)}😀`, total: 3 }), 0, 'zh-CN');
    expect(view.kind).toBe('page');
    if (view.kind !== 'page') return;
    expect(embedProblems([view.embed])).toEqual([]);
    expect(view.embed.title?.length).toBeLessThanOrEqual(LIMITS.title);
    // Each passage keeps its link even when its text is cut.
    expect(view.embed.description?.match(/\]\(https:\/\/www\.rfi\.fr/g)?.length).toBe(3);
  });

  it('keeps @everyone and markdown from the corpus inert in the embed', () => {
    const view = askView(ask([hit({ text: '@everyone **快看** [假链接](https://evil.example) ||剧透||', highlights: [] , title: '标题 @here *x*' })]), 0, 'en-US');
    if (view.kind !== 'page') throw new Error('expected a page');
    expect(view.embed.description).not.toMatch(/@everyone|@here/);
    expect(view.embed.description).not.toMatch(/(^|[^\\])\[假链接\]\(/);
    expect(view.embed.description).toContain('\\*\\*快看\\*\\*');
  });

  it('turns an empty result into a short private notice with the suggestions', () => {
    const view = askView(ask([], { notice: '没有找到 @everyone', suggestions: ['日美同盟', '驻日美军经费'] }), 0, 'zh-CN');
    expect(view.kind).toBe('notice');
    if (view.kind !== 'notice') return;
    expect(view.content).toContain('日美同盟');
    expect(view.content).toContain('驻日美军经费');
    expect(view.content).not.toContain('@everyone');
  });

  it('keeps a notice within 2000 characters however many suggestions there are', () => {
    const view = askView(ask([], { suggestions: Array.from({ length: 500 }, (_, i) => `建议${i}${'长'.repeat(300)}`) }), 0, 'en-US');
    if (view.kind !== 'notice') throw new Error('expected a notice');
    expect(view.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(view.content).toContain('Nothing found');
  });
});

describe('whoView', () => {
  it('shows the person, aliases, roles, mentions, dates and linked statements', () => {
    const view = whoView(who(), 0, 'en-US');
    if (view.kind !== 'page') throw new Error('expected a page');
    expect(view.embed.title).toBe('石破茂');
    expect(view.embed.description).toContain('Ishiba');
    expect(view.embed.description).toContain('日本首相');
    expect(view.embed.description).toContain('(https://www.voachinese.com/a/7969986.html)');
    expect(view.embed.fields?.map((f) => f.value)).toContain('3 articles');
    expect(view.embed.fields?.some((f) => /^<t:\d+:D>$/.test(f.value))).toBe(true);
    expect(view.hasNext).toBe(false);
  });

  it('uses the extra statement only to know there is a next page', () => {
    const view = whoView(who({ statements: Array.from({ length: PAGE_SIZE.who + 1 }, (_, i) => statement({ text: `言论${i}` })) }), 0, 'en-US');
    if (view.kind !== 'page') throw new Error('expected a page');
    expect(view.hasNext).toBe(true);
    expect(view.pageCount).toBeNull();
    expect(view.embed.description).not.toContain(`言论${PAGE_SIZE.who}`);
  });

  it('stays within every limit with many aliases, topics and long statements', () => {
    const view = whoView(
      who({
        aliases: Array.from({ length: 200 }, (_, i) => `别名${i}😀`),
        roles: Array.from({ length: 50 }, (_, i) => `身份${i}`.repeat(20)),
        topics: Array.from({ length: 300 }, (_, i) => `话题${i}${'长'.repeat(50)}`),
        statements: Array.from({ length: 5 }, () => statement({ text: `${CHINESE}${FAMILY}`.repeat(300), title: '题'.repeat(500) })),
      }),
      0,
      'zh-TW',
    );
    if (view.kind !== 'page') throw new Error('expected a page');
    expect(embedProblems([view.embed])).toEqual([]);
    expect(view.embed.description?.match(/\]\(https:\/\/www\.voachinese/g)?.length).toBe(PAGE_SIZE.who);
  });

  it('shows the summary’s topics with their months and statement counts', () => {
    const summary = { statements: 4, direct: 1, articles: 2, topics: [{ topic: '关税', count: 4, from: '2025-07', to: '2025-07' }, { topic: '防卫', count: 2, from: '2024-11', to: '2025-02' }], first: statement(), last: statement() };
    const view = whoView(who({ summary }), 0, 'en-US');
    if (view.kind !== 'page') throw new Error('expected a page');
    expect(view.embed.fields?.some((f) => f.value.includes('关税 2025-07 ×4') && f.value.includes('防卫 2024-11–2025-02 ×2'))).toBe(true);
  });

  it('someone only mentioned: the notice, and the passages naming them, escaped', () => {
    const mention = { ...statement({ text: '日本防卫大臣稻田朋美为马蒂斯准备了晚餐会 @everyone' }) } as Record<string, unknown>;
    delete mention.direct;
    const view = whoView(who({ person: null, statements: [], notice: '语料中有1篇文章提到“稻田朋美”', mentions: 1, mentionedIn: [mention as never] }), 0, 'zh-CN');
    if (view.kind !== 'page') throw new Error('expected a page');
    expect(view.embed.description).toContain('稻田朋美为马蒂斯');
    expect(view.embed.description).toContain('提到');
    expect(view.embed.description).not.toContain('@everyone');
  });

  it('answers an unknown person with a notice and suggestions', () => {
    const view = whoView(who({ person: null, statements: [], notice: '不认识这个人', suggestions: ['石破茂'] }), 0, 'zh-CN');
    expect(view).toMatchObject({ kind: 'notice' });
    if (view.kind === 'notice') expect(view.content).toContain('石破茂');
  });
});

describe('timelineView', () => {
  it('lists events with their date, article link and publication timestamp', () => {
    const view = timelineView(
      timeline([
        event(),
        event({ date: '2021-10', precision: 'month', reportedOnly: true, sources: [event(), event({ source: 'voachinese.com', url: 'https://www.voachinese.com/a/2.html' })] }),
      ], { more: 8 }),
      0,
      'en-US',
    );
    if (view.kind !== 'page') throw new Error('expected a page');
    expect(view.embed.description).toContain(`<t:${Date.UTC(2024, 3, 10, 12) / 1000}:D>`);
    expect(view.embed.description).toContain('October 2021');
    expect(view.embed.description).toContain('reported');
    expect(view.embed.description).toContain('(https://www.voachinese.com/a/2.html)');
    expect(view).toMatchObject({ pageCount: 2, hasNext: true });
    expect(view.embed.footer?.text).toContain('10 events');
  });

  it('stays within every limit with long events and many sources', () => {
    const events = Array.from({ length: PAGE_SIZE.timeline }, () =>
      event({ text: `${CHINESE}😀`.repeat(500), sources: Array.from({ length: 10 }, () => event()) }),
    );
    const view = timelineView(timeline(events, { query: '话'.repeat(300) }), 0, 'zh-CN');
    if (view.kind !== 'page') throw new Error('expected a page');
    expect(embedProblems([view.embed])).toEqual([]);
  });

  it('turns no events into a notice', () => {
    expect(timelineView(timeline([], { notice: '没有事件' }), 0, 'zh-CN')).toEqual({ kind: 'notice', content: '没有事件' });
  });
});

describe('fitEmbed and fitEmbeds', () => {
  it('cuts every part to its limit, keeps 25 fields and the 6000 total', () => {
    const e = fitEmbed({
      title: '标'.repeat(300),
      description: `${CHINESE}😀`.repeat(300),
      footer: { text: '脚'.repeat(3000) },
      author: { name: '作'.repeat(300) },
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `字段${i}`.repeat(100), value: `值${FAMILY}`.repeat(500) })),
    });
    expect(embedProblems([e])).toEqual([]);
    expect(e.title?.length).toBe(LIMITS.title);
    expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('leaves out empty parts, which Discord would reject', () => {
    expect(fitEmbed({ title: 'x', description: '', footer: { text: '' } })).toEqual({ title: 'x' });
    const beyond = askView(ask([], { total: 3 }), 2, 'en-US');
    if (beyond.kind !== 'page') throw new Error('expected a page');
    expect('description' in beyond.embed).toBe(false);
  });

  it('keeps at most 10 embeds and 6000 characters across them', () => {
    const embeds = fitEmbeds(Array.from({ length: 12 }, () => ({ description: '文'.repeat(1000) })));
    expect(embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
    expect(embedProblems(embeds)).toEqual([]);
  });
});

describe('buttons and choices', () => {
  it('draws Previous/Next with short custom ids that parse back to the neighbouring pages', () => {
    const row = pageButtons('abc123', { page: 0, pageCount: 3, hasNext: true }, 'zh-CN');
    const [prev, indicator, next] = row.components;
    expect(prev).toMatchObject({ disabled: true });
    expect(indicator).toMatchObject({ disabled: true, label: '第 1/3 页' });
    expect(next).toMatchObject({ disabled: false, label: '下一页 ▶' });
    for (const b of row.components) if ('custom_id' in b) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    const id = next && 'custom_id' in next ? next.custom_id : '';
    expect(parsePageButtonId(id)).toEqual({ sessionId: 'abc123', direction: 'next', from: 0, to: 1 });
  });

  it('disables every button of an expired session', () => {
    const row = pageButtons('abc123', { page: 1, pageCount: 3, hasNext: true }, 'en-US', true);
    expect(row.components.every((b) => b.disabled)).toBe(true);
  });

  it('offers at most 25 distinct choices of at most 100 characters', () => {
    const names = ['岸田文雄', '岸田文雄', '  ', 'x'.repeat(101), ...Array.from({ length: 40 }, (_, i) => `人物${i}`)];
    const out = choices(names);
    expect(out.length).toBe(25);
    expect(out[0]).toEqual({ name: '岸田文雄', value: '岸田文雄' });
    expect(out.every((c) => c.name.length <= 100 && c.value.length <= 100 && c.value.trim() !== '')).toBe(true);
    expect(new Set(out.map((c) => c.value)).size).toBe(out.length);
  });
});

describe('echoed text', () => {
  const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

  it('drops bidi overrides and isolates, C0/C1 controls and lone surrogates; keeps Chinese, emoji and spaces', () => {
    expect(cleanText('岸田\u202e文雄\u2067 said\u0007 \ud800x 👍 日美\t同盟')).toBe('岸田文雄 said \ufffdx 👍 日美 同盟');
    expect(cleanText('驻日美军经費')).toBe('驻日美军经費');
  });

  it('never lets an unsafe character through, whatever the input (also through escapeText)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(cleanText(text)).not.toMatch(UNSAFE);
        expect(escapeText(text)).not.toMatch(UNSAFE);
      }),
    );
  });

  it('shows a query with a right-to-left override as typed, minus the override, in the answer title', () => {
    const view = askView({ query: '\u202e驻日美军经费', results: [], total: 0 } as unknown as AskResult, 0, 'en-US');
    expect(JSON.stringify(view)).not.toMatch(/\\u202e|\u202e/);
  });
});
