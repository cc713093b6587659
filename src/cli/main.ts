import { mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UsageError } from './command.ts';
import { checkCorpusDirs, corpusDirs, createContext, help, loadCommands, parseCommandLine, runCommand } from './run.ts';

/**
 * `npm run cli -- <command> [args] [--corpus DIR] [--json]`. With --json, exactly one JSON
 * object on stdout; diagnostics always go to stderr. `batch` reads one command per stdin line.
 */
async function main(argv: string[]): Promise<number> {
  const commands = await loadCommands();
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    const error = err instanceof UsageError ? err.message : String(err);
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error })}\n`);
    else process.stderr.write(`${error}\n\n${help(commands)}\n`);
    return 2;
  }
  const { name, args, flags } = parsed;
  if (name === undefined && flags.json) {
    process.stdout.write(`${JSON.stringify({ error: 'no command given', commands: [...commands.keys(), 'batch'] })}\n`);
    return 2;
  }
  if (name === 'help' || name === undefined) {
    process.stdout.write(`${help(commands)}\n`);
    return name === undefined ? 2 : 0;
  }
  const dirs = corpusDirs(flags);
  if (commands.get(name)?.writesCorpus && dirs[0]) await mkdir(dirs[0], { recursive: true });
  // A mistyped --corpus is a usage error, not an empty archive (and no snapshot is cached for it).
  const missing = await checkCorpusDirs(dirs);
  if (missing) {
    if (flags.json) process.stdout.write(`${JSON.stringify({ command: name, error: missing })}\n`);
    else process.stderr.write(`${missing}\n`);
    return 2;
  }
  const ctx = createContext(dirs, { styled: !flags.json && process.stdout.isTTY === true });

  if (name === 'batch') return batch(commands, ctx);

  const out = await runCommand(commands, ctx, name, args, flags);
  if (flags.json) process.stdout.write(`${JSON.stringify(out.json)}\n`);
  else (out.ok ? process.stdout : process.stderr).write(`${out.text}\n`);
  return out.ok ? 0 : 1;
}

/** One command per line in, one JSON object per line out, in order; the corpus is loaded once. */
async function batch(commands: Awaited<ReturnType<typeof loadCommands>>, ctx: ReturnType<typeof createContext>): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let json: Record<string, unknown>;
    try {
      const words = line.split(/\s+/);
      const { name, args, flags } = parseCommandLine(words);
      json = name === 'batch' ? { command: 'batch', error: 'batch cannot be nested' } : (await runCommand(commands, ctx, name, args, flags)).json;
    } catch (err) {
      json = { error: err instanceof Error ? err.message : String(err) };
    }
    process.stdout.write(`${JSON.stringify({ line, ...json })}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`shiji: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
