import { SlashCommandBuilder } from 'discord.js';
import { hideOption, type Command } from '../src/discord/command.ts';
import { PAGE_SIZE, whoView } from '../src/discord/format.ts';

/** /who: a person's names, roles, when they appear, and what they said. */
const data = new SlashCommandBuilder()
  .setName('who')
  .setNameLocalizations({ 'zh-CN': '人物', 'zh-TW': '人物' })
  .setDescription('What the articles say about a person, and what they said')
  .setDescriptionLocalizations({ 'zh-CN': '文章中关于某人的报道及其言论', 'zh-TW': '文章中關於某人的報導及其言論' })
  .addStringOption((o) =>
    o
      .setName('name')
      .setNameLocalizations({ 'zh-CN': '姓名', 'zh-TW': '姓名' })
      .setDescription('A person, e.g. 岸田文雄 (pick from the list or type)')
      .setDescriptionLocalizations({ 'zh-CN': '人名，例如：岸田文雄（可从列表选择）', 'zh-TW': '人名，例如：岸田文雄（可從列表選擇）' })
      .setRequired(true)
      .setMinLength(1)
      .setMaxLength(100)
      .setAutocomplete(true),
  )
  .addBooleanOption(hideOption);

export default {
  data,
  async execute(interaction, ctx) {
    await ctx.answer(interaction, {
      query: interaction.options.getString('name', true),
      hide: interaction.options.getBoolean('hide') ?? false,
    });
  },
  // One more than a page: the extra statement only says whether there is a next page.
  render: (library, query, page, locale) => whoView(library.who(query, { limit: PAGE_SIZE.who + 1, offset: page * PAGE_SIZE.who }), page, locale),
  async autocomplete(interaction, ctx) {
    await ctx.suggest(interaction, 'people');
  },
} satisfies Command;
