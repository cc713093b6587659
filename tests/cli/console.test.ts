import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliCommand, CliContext } from '../../src/cli/command.ts';
import { runConsole } from '../../src/cli/console.ts';

// Commands that say which of them ran and with what: the console's parsing is what is under test.
function echo(name: string): CliCommand {
  return { name, usage: `${name} <x>`, summary: name, run: async (_ctx, args) => ({ json: {}, text: `${name}:${args.join(' ')}` }) };
}

async function answers(lines: string[]): Promise<string[]> {
  const commands = new Map(['ask', 'who', 'timeline'].map((n) => [n, echo(n)] as const));
  const ctx: CliContext = { library: () => Promise.reject(new Error('not used')), styled: false };
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (b: Buffer) => (text += b.toString('utf8')));
  input.end(lines.map((l) => `${l}\n`).join(''));
  await runConsole(commands, ctx, { input, output, interactive: false });
  return text.split('\n').filter(Boolean);
}

describe('the terminal console', () => {
  it('GIVEN a command typed as in Discord, with an ASCII or a full-width slash, THEN that command answers', async () => {
    expect(await answers(['/timeline TPP', '／who 石破茂', 'timeline 日美关税'])).toEqual(['timeline:TPP', 'who:石破茂', 'timeline:日美关税']);
  });

  it('GIVEN a bare line, or a slash before a word that is no command, THEN the whole line is a question for ask', async () => {
    expect(await answers(['驻日美军经费', '/日美 关税'])).toEqual(['ask:驻日美军经费', 'ask:/日美 关税']);
  });
});
