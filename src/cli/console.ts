import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CliCommand, CliContext } from './command.ts';
import { help, parseCommandLine, runCommand } from './run.ts';

/**
 * The bot's answers in a terminal, for when no Discord token is configured: an interactive prompt
 * on a terminal; with piped input, one answer per line, ending with the input. A line that is not
 * a command is a question for /ask.
 */
export async function runConsole(
  commands: Map<string, CliCommand>,
  ctx: CliContext,
  io: { input: Readable; output: Writable; interactive: boolean },
): Promise<void> {
  const rl = createInterface({ input: io.input, ...(io.interactive ? { output: io.output, prompt: 'shiji> ' } : {}), crlfDelay: Infinity });
  const say = (text: string): void => {
    io.output.write(`${text}\n`);
  };
  if (io.interactive) {
    say('Ask away: ask <question>, who <name>, timeline <topic>, stats, help, quit. A bare line is a question.');
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === 'quit' || line === 'exit') break;
    if (line) {
      const words = line.split(/\s+/);
      // Typed as in Discord (/timeline TPP, or ／ from a Chinese keyboard): the slash is not part of the name.
      const slashed = /^[/／]/.exec(words[0] ?? '') && commands.has((words[0] ?? '').slice(1));
      if (slashed) words[0] = (words[0] ?? '').slice(1);
      const first = words[0] ?? '';
      if (first === 'help') {
        say(help(commands));
      } else {
        try {
          const { name, args, flags } = commands.has(first) ? parseCommandLine(words) : { name: 'ask', args: [line], flags: { json: false, corpus: [] } };
          const out = await runCommand(commands, ctx, name, args, flags);
          say(out.text);
        } catch (err) {
          say(err instanceof Error ? err.message : String(err));
        }
      }
      if (!io.interactive) say('');
    }
    if (io.interactive) rl.prompt();
  }
  rl.close();
}
