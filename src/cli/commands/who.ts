import { formatWho } from '../format.ts';
import { queryCommand } from '../query-command.ts';

export default queryCommand({
  name: 'who',
  usage: 'who <name> [--limit N]',
  summary: "who said what: a person's or outlet's statements, newest first",
  missing: 'whom? e.g. who 石破茂',
  answer: (library, name, options) => library.who(name, options),
  format: formatWho,
});
