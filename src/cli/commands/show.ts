import { UsageError, type CliCommand } from '../command.ts';
import { formatArticle } from '../format.ts';

export default {
  name: 'show',
  usage: 'show <id>',
  summary: 'an article as parsed (id: the file name, with or without .txt)',
  async run(ctx, args) {
    const id = args[0];
    if (!id) throw new UsageError('show: which article? Give its id, e.g. show 000_a2194fe5ab64c492');
    const article = (await ctx.library()).article(id);
    if (!article) return { json: { command: 'show', id, article: null, notice: `No article with id ${id}.` }, text: `No article with id ${id}.` };
    return { json: { command: 'show', id, article }, text: formatArticle(article, ctx.styled) };
  },
} satisfies CliCommand;
