import { UsageError, type CliCommand } from '../command.ts';
import { formatWho } from '../format.ts';

export default {
  name: 'who',
  usage: 'who <name> [--limit N]',
  summary: "who said what: a person's or outlet's statements, newest first",
  async run(ctx, args, flags) {
    const name = args.join(' ');
    if (!name.trim()) throw new UsageError('who: whom? e.g. who 石破茂');
    const result = (await ctx.library()).who(name, { ...(flags.limit ? { limit: flags.limit } : {}), ...(flags.offset ? { offset: flags.offset } : {}) });
    return { json: result, text: formatWho(result, ctx.styled) };
  },
} satisfies CliCommand;
