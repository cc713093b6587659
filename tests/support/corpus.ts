import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Article } from '../../src/corpus/article.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
/** The shared development corpus beside the repository; tests that need it skip when it is absent. */
export const SHARED_CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const HAS_SHARED_CORPUS = existsSync(SHARED_CORPUS_DIR);

let seeds: Promise<Article[]> | undefined;

/** The five bundled seed articles, parsed once per test worker. */
export function seedArticles(): Promise<Article[]> {
  seeds ??= loadCorpus(SEEDS_DIR).then((c) => c.articles);
  return seeds;
}

export function byFile(articles: readonly Article[], prefix: string): Article {
  const a = articles.find((x) => x.file.startsWith(prefix));
  if (!a) throw new Error(`test fixture: no article ${prefix}`);
  return a;
}
