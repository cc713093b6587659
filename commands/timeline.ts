import { SlashCommandBuilder } from 'discord.js';
import { hideOption, topicOption, type Command } from '../src/discord/command.ts';
import { PAGE_SIZE, timelineView } from '../src/discord/format.ts';

/** /timeline: dated events on a topic, in order, each with its article. */
const data = new SlashCommandBuilder()
  .setName('timeline')
  .setNameLocalizations({ 'zh-CN': '时间线', 'zh-TW': '時間線' })
  .setDescription('Dated events on a topic, in order, with their articles')
  .setDescriptionLocalizations({ 'zh-CN': '某个话题的大事记，按时间排列并附出处', 'zh-TW': '某個話題的大事記，按時間排列並附出處' })
  .addStringOption(topicOption)
  .addBooleanOption(hideOption);

export default {
  data,
  async execute(interaction, ctx) {
    await ctx.answer(interaction, {
      query: interaction.options.getString('topic', true),
      hide: interaction.options.getBoolean('hide') ?? false,
    });
  },
  render: (library, query, page, locale) => timelineView(library.timeline(query, { limit: PAGE_SIZE.timeline, offset: page * PAGE_SIZE.timeline }), page, locale),
  async autocomplete(interaction, ctx) {
    await ctx.suggest(interaction, 'topics');
  },
} satisfies Command;
