import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Library } from '../library.ts';
import { openLibrary } from '../open.ts';
import { UsageError, type CliCommand, type CliContext, type CliOutput, type Flags } from './command.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_CORPUS = resolve(PROJECT_ROOT, 'seeds');

/** Every command of src/cli/commands/, by name: one file each. */
export async function loadCommands(): Promise<Map<string, CliCommand>> {
  const dir = new URL('./commands/', import.meta.url);
  const commands = new Map<string, CliCommand>();
  for (const file of (await readdir(dir)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort()) {
    const mod: unknown = await import(new URL(file, dir).href);
    const command = mod && typeof mod === 'object' && 'default' in mod ? mod.default : undefined;
    if (!isCommand(command)) throw new Error(`cli: ${file} does not export a command ({ name, usage, summary, run })`);
    commands.set(command.name, command);
  }
  return commands;
}

function isCommand(x: unknown): x is CliCommand {
  return !!x && typeof x === 'object' && 'name' in x && typeof x.name === 'string' && 'run' in x && typeof x.run === 'function';
}

/** Splits a command line's words into the command, its arguments and the flags. */
export function parseCommandLine(argv: string[]): { name: string | undefined; args: string[]; flags: Flags } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        corpus: { type: 'string', multiple: true },
        limit: { type: 'string' },
        offset: { type: 'string' },
        feed: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  const flags: Flags = { json: values.json ?? false, corpus: values.corpus ?? [] };
  if (values.limit !== undefined) flags.limit = positiveInt('--limit', values.limit);
  if (values.offset !== undefined) flags.offset = positiveInt('--offset', values.offset, 0);
  if (values.feed !== undefined) flags.feed = values.feed;
  const [name, ...args] = positionals;
  return { name: values.help ? 'help' : name, args, flags };
}

function positiveInt(flag: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > 1000) throw new UsageError(`${flag} takes a whole number from ${min} to 1000, not ${JSON.stringify(value)}`);
  return n;
}

/** Where a corpus's snapshot lives: INDEX_PATH, or a cache file named after the folders. */
export function snapshotPath(dirs: string[]): string {
  if (process.env.INDEX_PATH) return resolve(process.env.INDEX_PATH);
  const id = createHash('sha256').update(dirs.join('\n')).digest('hex').slice(0, 12);
  return resolve(PROJECT_ROOT, '.cache', `index-${id}.snapshot`);
}

export function corpusDirs(flags: Flags): string[] {
  if (flags.corpus.length) return flags.corpus.map((d) => resolve(d));
  return [resolve(process.env.CORPUS_DIR ?? DEFAULT_CORPUS)];
}

/** A context whose library is opened once, on first use, with progress and diagnostics on stderr. */
export function createContext(dirs: string[], options: { styled: boolean; quiet?: boolean }): CliContext {
  let opening: Promise<Library> | undefined;
  const err = process.stderr;
  const log = (line: string): void => {
    if (!options.quiet) err.write(`${line}\n`);
  };
  let lastLine = 0;
  const progress = (phase: string, done: number, total: number): void => {
    if (options.quiet || total < 5000) return;
    if (err.isTTY) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      err.write(`\r${phase.padEnd(6)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
    } else if (Date.now() - lastLine > 5000 || done === total) {
      lastLine = Date.now();
      log(`${phase}: ${done}/${total}`);
    }
  };
  return {
    styled: options.styled,
    library: () =>
      (opening ??= openLibrary({ corpusDirs: dirs, indexPath: snapshotPath(dirs), log, onProgress: progress }).then((opened) => {
        log(`${opened.loaded} loaded, ${opened.skipped.length} skipped${opened.fromSnapshot ? ' (index from snapshot)' : ''}`);
        return opened.library;
      })),
  };
}

/** Runs one command; a usage mistake or a failure becomes a value with an `error` field. */
export async function runCommand(
  commands: Map<string, CliCommand>,
  ctx: CliContext,
  name: string | undefined,
  args: string[],
  flags: Flags,
): Promise<CliOutput & { ok: boolean }> {
  const command = name ? commands.get(name) : undefined;
  if (!command) {
    const error = name ? `unknown command ${JSON.stringify(name)}; commands: ${[...commands.keys()].join(', ')}` : 'no command given';
    return { ok: false, json: { error, ...(name ? { command: name } : {}) }, text: `${error}\n\n${help(commands)}` };
  }
  try {
    return { ok: true, ...(await command.run(ctx, args, flags)) };
  } catch (err) {
    const error = err instanceof UsageError ? `${err.message} (usage: ${command.usage})` : `${command.name} failed: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, json: { command: command.name, error }, text: error };
  }
}

export function help(commands: Map<string, CliCommand>): string {
  const rows = [...commands.values()].map((c) => `  ${c.usage.padEnd(30)} ${c.summary}`);
  return [
    'usage: npm run cli -- <command> [args] [--corpus DIR]... [--json]',
    '',
    ...rows,
    `  ${'batch'.padEnd(30)} one command per line on stdin, one JSON object per line out`,
  ].join('\n');
}
