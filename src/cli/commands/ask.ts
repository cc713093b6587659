import { UsageError, type CliCommand } from '../command.ts';
import { formatAsk } from '../format.ts';

export default {
  name: 'ask',
  usage: 'ask <query> [--limit N]',
  summary: 'the passages that answer a question, best first, with their sources',
  async run(ctx, args, flags) {
    const query = args.join(' ');
    if (!query.trim()) throw new UsageError('ask: what to search for? e.g. ask 驻日美军经费');
    const result = (await ctx.library()).ask(query, { ...(flags.limit ? { limit: flags.limit } : {}), ...(flags.offset ? { offset: flags.offset } : {}) });
    return { json: result, text: formatAsk(result, ctx.styled) };
  },
} satisfies CliCommand;
