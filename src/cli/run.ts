import { readdir, stat, unlink, utimes } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, readEnv, snapshotPathFor, type Config } from '../config.ts';
import type { Library } from '../library.ts';
import { openLibrary } from '../open.ts';
import { UsageError, type CliCommand, type CliContext, type CliOutput, type Flags } from './command.ts';


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

/** Where a corpus's snapshot lives: INDEX_PATH, or the cache file named after the folders (config.ts's one rule). */
export function snapshotPath(dirs: string[]): string {
  const config = cliConfig();
  // INDEX_PATH unset (the config's path is the rule's): the rule, for the folders actually opened.
  return config.indexPath === snapshotPathFor(config.corpusDirs) ? snapshotPathFor(dirs) : config.indexPath;
}

/** How many corpora keep a snapshot in the cache (the most recently used ones). */
export const CACHED_CORPORA = 3;
const CACHE_NAME_RE = /^index-[0-9a-f]{12}\.snapshot$/;

/**
 * Keeps the snapshots of the last CACHED_CORPORA corpora used in the cache folder and removes the
 * others (only files this cache names: never INDEX_PATH, never a snapshot being written).
 */
export async function pruneSnapshotCache(current: string, keep = CACHED_CORPORA): Promise<string[]> {
  const dir = dirname(current);
  const now = new Date();
  // Using a snapshot makes it the most recent.
  await utimes(current, now, now).catch(() => undefined);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => CACHE_NAME_RE.test(n));
  } catch {
    return [];
  }
  const dated = await Promise.all(names.map(async (n) => ({ path: join(dir, n), mtime: (await stat(join(dir, n)).catch(() => null))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.mtime - a.mtime);
  const removed: string[] = [];
  const all = await readdir(dir).catch(() => [] as string[]);
  for (const old of dated.slice(keep)) {
    if (basename(old.path) === basename(current)) continue;
    await unlink(old.path).then(() => removed.push(old.path), () => undefined);
    // Its year partitions and any leftover temp files go with it (index-….snapshot.part-2024, ….tmp).
    const prefix = `${basename(old.path)}.`;
    for (const name of all) if (name.startsWith(prefix)) await unlink(join(dir, name)).catch(() => undefined);
  }
  return removed;
}

/** A corpus folder that does not exist or is not a folder: a usage error (exit 2). */
export async function checkCorpusDirs(dirs: readonly string[]): Promise<string | null> {
  for (const dir of dirs) {
    const s = await stat(dir).catch(() => null);
    if (!s) return `corpus folder not found: ${dir}`;
    if (!s.isDirectory()) return `corpus is not a folder: ${dir}`;
  }
  return null;
}

/** Article files (*.txt) in the folders. */
export async function countArticleFiles(dirs: readonly string[]): Promise<number> {
  let n = 0;
  for (const dir of dirs) n += (await readdir(dir).catch(() => [] as string[])).filter((f) => f.toLowerCase().endsWith('.txt')).length;
  return n;
}

/** Raised for a corpus with no article to answer from: said plainly rather than "did you mean" over nothing. */
export class EmptyCorpusError extends Error {
  override name = 'EmptyCorpusError';
}

/** The folders of --corpus (relative to the working directory, as a shell user means them), else CORPUS_DIR's. */
export function corpusDirs(flags: Flags): string[] {
  if (flags.corpus.length) return flags.corpus.map((d) => resolve(d));
  return cliConfig().corpusDirs;
}

// The CLI reads the environment and .env through loadConfig, like the bot.
function cliConfig(): Config {
  const loaded = loadConfig(readEnv());
  if (!loaded.ok) throw new UsageError(loaded.error);
  return loaded.config;
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
    // Small corpora load in a blink: a bar would only flicker.
    if (options.quiet || total < 200) return;
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
    library: () => (opening ??= open()),
  };

  async function open(): Promise<Library> {
    const files = await countArticleFiles(dirs);
    if (files === 0) throw new EmptyCorpusError(`no articles to answer from: ${dirs.join(', ')} holds no article files (*.txt)`);
    log(`loading ${files} article${files === 1 ? '' : 's'}…`);
    const indexPath = snapshotPath(dirs);
    const opened = await openLibrary({ corpusDirs: dirs, indexPath, log, onProgress: progress });
    log(`${opened.loaded} loaded, ${opened.skipped.length} skipped${opened.fromSnapshot ? ' (index from snapshot)' : ''}`);
    if (!process.env.INDEX_PATH) await pruneSnapshotCache(indexPath);
    if (opened.loaded === 0) throw new EmptyCorpusError(`no articles to answer from: none of the ${files} files in ${dirs.join(', ')} could be read (see the lines above)`);
    return opened.library;
  }
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
    const error =
      err instanceof UsageError
        ? `${err.message} (usage: ${command.usage})`
        : err instanceof EmptyCorpusError
          ? err.message
          : `${command.name} failed: ${err instanceof Error ? err.message : String(err)}`;
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
