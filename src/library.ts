import type { Article } from './corpus/article.ts';
import type { Skipped } from './corpus/load.ts';
import type { AskResult, TimelineResult, WhoResult } from './answers/types.ts';
import type { RegistryEntry } from './answers/who.ts';

/**
 * What both front ends (the command line and the Discord bot) call. One object, built once from
 * the corpus (or loaded from its snapshot); every method is synchronous, pure over the index, and
 * returns expected misses ("nothing found", "no such person") as values, never as exceptions.
 */
export interface Library {
  ask(query: string, options?: { limit?: number; offset?: number }): AskResult;
  who(name: string, options?: { limit?: number; offset?: number }): WhoResult;
  timeline(topic: string, options?: { limit?: number; offset?: number }): TimelineResult;
  /** Known people, speakers and their aliases that start with or contain `prefix`, best first (autocomplete). */
  people(prefix: string, limit?: number): string[];
  /** Every person and outlet the registry knows, with aliases, titles and topics, most mentioned first. */
  registry(): RegistryEntry[];
  /** Frequent topics and aliases that start with or contain `prefix`, best first (autocomplete). */
  topics(prefix: string, limit?: number): string[];
  stats(): CorpusStats;
  /** An article as parsed, by id (file name without extension) or file name. */
  article(id: string): Article | undefined;
}

export interface CorpusStats {
  articles: number;
  paragraphs: number;
  headings: number;
  passages: number;
  characters: number;
  from: string | null;
  to: string | null;
  sources: Record<string, number>;
  skipped: number;
}

/** What `update` did: counts of article files added, replaced and removed, and files it could not read. */
export interface UpdateReport {
  added: number;
  replaced: number;
  removed: number;
  skipped: Skipped[];
  seconds: number;
}

/**
 * A library that follows its corpus folders: `update(files)` takes the paths of article files that
 * were added, changed or removed (a path that no longer exists is a removal) and, once it resolves,
 * every answer reflects them. The front ends (console, CLI, bot, feed ingest) call only this.
 */
export interface LiveLibrary extends Library {
  update(files: readonly string[]): Promise<UpdateReport>;
}

/**
 * What live news needs of a library, wherever it lives (in this thread, or in the bot's answer
 * worker behind an Answerer): updates, and the topic timelines that decide what /follow posts.
 */
export interface NewsLibrary {
  update(files: readonly string[]): Promise<UpdateReport>;
  timeline(topic: string, options?: { limit?: number; offset?: number }): TimelineResult | Promise<TimelineResult>;
}
