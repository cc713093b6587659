/** Statements and named people of one whole article. */

import { type Article, articleParagraphs } from '../../corpus/article.ts';
import { fold } from '../../text/normalize.ts';
import { aboveSpeaker, aboveStatement } from './above.ts';
import { escapeRe, knownNames, titleOf } from './names.ts';
import { dedupe } from './output.ts';
import { headingStatement, paragraphStatements } from './paragraph.ts';
import { ArticleTags, checkTagMemo } from './tagging.ts';
import type { ArticleAnalysis, Ctx, PersonMention, RawStatement } from './types.ts';

/** Statements and named people of one article. Pure (jieba's dictionary is read-only here). */
export function analyzeArticle(article: Article): ArticleAnalysis {
  checkTagMemo();
  const paragraphs = articleParagraphs(article);
  const headingAt = new Set<number>();
  const offset = article.lead ? 1 : 0;
  article.blocks.forEach((b, i) => {
    if (b.kind === 'heading') headingAt.add(i + offset);
  });

  // Every text folded once: the names are found in it, then the statements.
  const texts = [article.title, ...paragraphs];
  const folded = texts.map((t) => fold(t));
  const tags = new ArticleTags();
  const mentions: PersonMention[] = [];
  const known = knownNames(texts, folded, tags, mentions);
  const holders = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (!m.role) continue;
    const t = titleOf(m.role);
    if (!t) continue;
    const set = holders.get(t) ?? new Set<string>();
    set.add(m.name);
    holders.set(t, set);
  }
  const knownRe = known.size
    ? new RegExp([...known].sort((a, b) => b.length - a.length).map((k) => escapeRe(k).replace(/[·・∙•‧]/gu, '[·・∙•‧]')).join('|'), 'gu')
    : undefined;
  const ctx: Ctx = { known, knownRe, holders, lastOutlet: undefined, carry: undefined, paraPerson: undefined, transcript: undefined, original: '', folded: '', tags };

  const statements: RawStatement[] = [];
  paragraphs.forEach((text, index) => {
    ctx.original = text;
    ctx.folded = folded[index + 1] ?? '';
    if (headingAt.has(index)) {
      ctx.carry = undefined;
      ctx.paraPerson = undefined; // a sub-heading starts another part of the story
      ctx.transcript = undefined;
      const h = headingStatement(ctx, index);
      if (h) statements.push(h);
      return;
    }
    for (const st of paragraphStatements(ctx, index)) statements.push(st);
    // X…作出上述表示 opening a paragraph: the paragraph above is X's words, if it gave them to nobody.
    if (index > 0 && !headingAt.has(index - 1)) {
      const who = aboveSpeaker(ctx);
      const above = who ? aboveStatement(who, paragraphs[index - 1] ?? '', index - 1, statements) : undefined;
      if (above) statements.push(above);
    }
  });
  for (const m of mentions) m.paragraph = Math.max(0, m.paragraph - 1); // title was line 0
  const people = mentions.filter((m) => m.paragraph >= 0);
  for (const s of statements) {
    if (s.kind === 'person') people.push(s.role ? { name: s.speaker, role: s.role, paragraph: s.paragraph } : { name: s.speaker, paragraph: s.paragraph });
  }
  return { statements: dedupe(statements), people };
}
