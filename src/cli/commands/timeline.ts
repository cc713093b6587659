import { UsageError, type CliCommand } from '../command.ts';
import { formatTimeline } from '../format.ts';

export default {
  name: 'timeline',
  usage: 'timeline <topic> [--limit N]',
  summary: 'what happened to a topic, in date order, one dated line per event',
  async run(ctx, args, flags) {
    const topic = args.join(' ');
    if (!topic.trim()) throw new UsageError('timeline: which topic? e.g. timeline TPP');
    const result = (await ctx.library()).timeline(topic, { ...(flags.limit ? { limit: flags.limit } : {}), ...(flags.offset ? { offset: flags.offset } : {}) });
    return { json: result, text: formatTimeline(result, ctx.styled) };
  },
} satisfies CliCommand;
