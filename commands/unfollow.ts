import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { followedTopics, replyUnfollow } from '../src/discord/follow-replies.ts';
import { choices } from '../src/discord/format.ts';

/** /unfollow: stop posting a topic's new articles (to one channel, or to every channel of the server). */
const data = new SlashCommandBuilder()
  .setName('unfollow')
  .setNameLocalizations({ 'zh-CN': '取消关注', 'zh-TW': '取消關注' })
  .setDescription('Stop posting new articles on a topic')
  .setDescriptionLocalizations({ 'zh-CN': '不再发布某个话题的新文章', 'zh-TW': '不再發布某個話題的新文章' })
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) =>
    o
      .setName('topic')
      .setNameLocalizations({ 'zh-CN': '话题', 'zh-TW': '話題' })
      .setDescription('A followed topic (pick from the list)')
      .setDescriptionLocalizations({ 'zh-CN': '已关注的话题（从列表选择）', 'zh-TW': '已關注的話題（從列表選擇）' })
      .setRequired(true)
      .setMinLength(1)
      .setMaxLength(100)
      .setAutocomplete(true),
  )
  .addChannelOption((o) =>
    o
      .setName('channel')
      .setNameLocalizations({ 'zh-CN': '频道', 'zh-TW': '頻道' })
      .setDescription('Only this channel (default: every channel of this server)')
      .setDescriptionLocalizations({ 'zh-CN': '只取消这个频道（默认：本服务器所有频道）', 'zh-TW': '只取消這個頻道（預設：本伺服器所有頻道）' })
      .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
      .setRequired(false),
  );

export default {
  data,
  async execute(interaction, ctx) {
    const topic = interaction.options.getString('topic', true);
    const channel = interaction.options.getChannel('channel', false);
    await replyUnfollow(interaction, ctx.follows, topic, channel?.id ?? null);
  },
  async autocomplete(interaction, ctx) {
    const focused = String(interaction.options.getFocused());
    await interaction.respond(choices(followedTopics(ctx.follows, interaction.guildId, focused)));
  },
} satisfies Command;
