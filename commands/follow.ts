import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { topicOption, type Command } from '../src/discord/command.ts';
import { replyFollow } from '../src/discord/follow-replies.ts';

/** /follow: post each new article on a topic to a channel (the same relevance as /timeline). */
const data = new SlashCommandBuilder()
  .setName('follow')
  .setNameLocalizations({ 'zh-CN': '关注', 'zh-TW': '關注' })
  .setDescription('Post each new article on a topic to a channel')
  .setDescriptionLocalizations({ 'zh-CN': '把某个话题的每篇新文章发到一个频道', 'zh-TW': '把某個話題的每篇新文章發到一個頻道' })
  // Posting into channels is a moderator's choice; server admins can widen it in Integrations.
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
  .setContexts(InteractionContextType.Guild)
  .addStringOption(topicOption)
  .addChannelOption((o) =>
    o
      .setName('channel')
      .setNameLocalizations({ 'zh-CN': '频道', 'zh-TW': '頻道' })
      .setDescription('Where to post the new articles')
      .setDescriptionLocalizations({ 'zh-CN': '新文章发到哪个频道', 'zh-TW': '新文章發到哪個頻道' })
      .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
      .setRequired(true),
  );

export default {
  data,
  async execute(interaction, ctx) {
    const topic = interaction.options.getString('topic', true);
    const channel = interaction.options.getChannel('channel', true);
    await replyFollow(interaction, ctx.follows, topic, channel.id, ctx.follows ? await ctx.topicHasArticles(topic) : null);
  },
  async autocomplete(interaction, ctx) {
    await ctx.suggest(interaction, 'topics');
  },
} satisfies Command;
