import { formatTimeline } from '../format.ts';
import { queryCommand } from '../query-command.ts';

export default queryCommand({
  name: 'timeline',
  usage: 'timeline <topic> [--limit N]',
  summary: 'what happened to a topic, in date order, one dated line per event',
  missing: 'which topic? e.g. timeline TPP',
  answer: (library, topic, options) => library.timeline(topic, options),
  format: formatTimeline,
});
