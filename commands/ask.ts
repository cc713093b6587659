import { SlashCommandBuilder } from 'discord.js';
import { hideOption, type Command } from '../src/discord/command.ts';
import { askView, PAGE_SIZE } from '../src/discord/format.ts';

/** /ask: passages of the articles that answer a question, matched words in bold. */
const data = new SlashCommandBuilder()
  .setName('ask')
  .setNameLocalizations({ 'zh-CN': '提问', 'zh-TW': '提問' })
  .setDescription('Search the articles for passages that answer a question')
  .setDescriptionLocalizations({ 'zh-CN': '在文章中搜索回答问题的段落', 'zh-TW': '在文章中搜尋回答問題的段落' })
  .addStringOption((o) =>
    o
      .setName('question')
      .setNameLocalizations({ 'zh-CN': '问题', 'zh-TW': '問題' })
      .setDescription('What you want to know, e.g. 驻日美军经费')
      .setDescriptionLocalizations({ 'zh-CN': '你想了解什么，例如：驻日美军经费', 'zh-TW': '你想了解什麼，例如：駐日美軍經費' })
      .setRequired(true)
      .setMinLength(1)
      .setMaxLength(200),
  )
  .addBooleanOption(hideOption);

export default {
  data,
  async execute(interaction, ctx) {
    await ctx.answer(interaction, {
      query: interaction.options.getString('question', true),
      hide: interaction.options.getBoolean('hide') ?? false,
    });
  },
  render: (library, query, page, locale) => askView(library.ask(query, { limit: PAGE_SIZE.ask, offset: page * PAGE_SIZE.ask }), page, locale),
} satisfies Command;
