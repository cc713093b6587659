import { formatAsk } from '../format.ts';
import { queryCommand } from '../query-command.ts';

export default queryCommand({
  name: 'ask',
  usage: 'ask <query> [--limit N]',
  summary: 'the passages that answer a question, best first, with their sources',
  missing: 'what to search for? e.g. ask 驻日美军经费',
  answer: (library, query, options) => library.ask(query, options),
  format: formatAsk,
});
