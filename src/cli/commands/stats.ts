import type { CliCommand } from '../command.ts';
import { formatStats } from '../format.ts';

export default {
  name: 'stats',
  usage: 'stats',
  summary: 'articles, paragraphs, characters, date range and sources of the corpus',
  async run(ctx) {
    const stats = (await ctx.library()).stats();
    return { json: { command: 'stats', ...stats }, text: formatStats(stats) };
  },
} satisfies CliCommand;
