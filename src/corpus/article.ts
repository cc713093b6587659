import { z } from 'zod';

/** One block of an article body, in reading order. */
export const BlockSchema = z.object({
  kind: z.enum(['heading', 'paragraph']),
  text: z.string().min(1),
});

/** An article as parsed from one export file: clean text, no markup. */
export const ArticleSchema = z.object({
  /** Stable id: the file name without its extension. */
  id: z.string().min(1),
  /** The file name, e.g. 000_a2194fe5ab64c492.txt. */
  file: z.string().min(1),
  title: z.string().min(1),
  url: z.url(),
  /** The site's host, without a leading www. */
  source: z.string().min(1),
  /** ISO 8601, UTC, from the file's first line. */
  publishedAt: z.iso.datetime(),
  author: z.string().min(1).optional(),
  /** The standfirst (a bold first paragraph), when the page has one. */
  lead: z.string().min(1).optional(),
  blocks: z.array(BlockSchema),
});

export type Block = z.infer<typeof BlockSchema>;
export type Article = z.infer<typeof ArticleSchema>;

/** Lead first, then every block: the text a reader sees, in order. */
export function articleParagraphs(article: Article): string[] {
  const out = article.lead ? [article.lead] : [];
  for (const b of article.blocks) out.push(b.text);
  return out;
}
