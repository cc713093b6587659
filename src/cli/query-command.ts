import type { Library } from '../library.ts';
import { UsageError, type CliCommand, type CliOutput } from './command.ts';

/**
 * The shape of ask, who and timeline on the command line: the rest of the line is the query,
 * --limit and --offset page it, and one library call gives the JSON and the text.
 */
export function queryCommand<R extends Record<string, unknown>>(spec: {
  name: string;
  usage: string;
  summary: string;
  /** Said when the query is missing, e.g. "what to search for? e.g. ask 驻日美军经费". */
  missing: string;
  answer: (library: Library, query: string, options: { limit?: number; offset?: number }) => R;
  format: (result: R, styled: boolean) => string;
}): CliCommand {
  return {
    name: spec.name,
    usage: spec.usage,
    summary: spec.summary,
    async run(ctx, args, flags): Promise<CliOutput> {
      const query = args.join(' ');
      if (!query.trim()) throw new UsageError(`${spec.name}: ${spec.missing}`);
      const result = spec.answer(await ctx.library(), query, {
        ...(flags.limit ? { limit: flags.limit } : {}),
        ...(flags.offset ? { offset: flags.offset } : {}),
      });
      return { json: result, text: spec.format(result, ctx.styled) };
    },
  };
}
