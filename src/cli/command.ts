import type { Library } from '../library.ts';

/** Flags every command line accepts; each command reads the ones it needs. */
export interface Flags {
  json: boolean;
  corpus: string[];
  limit?: number;
  offset?: number;
  /** Feed URLs (ingest --feed). */
  feed?: string[];
}

/** What a command gives back: one JSON object (for --json and batch) and text for a person. */
export interface CliOutput {
  json: Record<string, unknown>;
  text: string;
}

export interface CliContext {
  /** The library over the chosen corpus, opened on first use and shared by a batch. */
  library(): Promise<Library>;
  /** Colour and bold on a terminal, plain text in a pipe. */
  styled: boolean;
}

/**
 * One file per command in src/cli/commands/: the name, a line of usage, and run(). Adding a
 * command is adding a file; the command line and `batch` find it there.
 */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** The command writes into the first corpus folder (ingest): a missing one is created, not a usage error. */
  writesCorpus?: boolean;
  run(ctx: CliContext, args: string[], flags: Flags): Promise<CliOutput>;
}

/** A mistake in how the command was called: shown as a one-line usage error, not a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
