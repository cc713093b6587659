import type { CliCommand } from '../command.ts';
import { formatPeople } from '../format.ts';

/** Every person and outlet the registry builds, with aliases, titles and topics: to check what /who and autocomplete offer. */
export default {
  name: 'people',
  usage: 'people [--json]',
  summary: 'every person and outlet the registry knows, with aliases, titles and topics',
  async run(ctx) {
    const people = (await ctx.library()).registry();
    return { json: { command: 'people', count: people.length, people }, text: formatPeople(people, ctx.styled) };
  },
} satisfies CliCommand;
