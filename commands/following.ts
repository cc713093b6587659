import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { replyFollowing } from '../src/discord/follow-replies.ts';

/** /following: the topics this server follows, and where their new articles go. */
const data = new SlashCommandBuilder()
  .setName('following')
  .setNameLocalizations({ 'zh-CN': '关注列表', 'zh-TW': '關注列表' })
  .setDescription('The topics this server follows, and their channels')
  .setDescriptionLocalizations({ 'zh-CN': '本服务器关注的话题及其频道', 'zh-TW': '本伺服器關注的話題及其頻道' })
  .setContexts(InteractionContextType.Guild);

export default {
  data,
  async execute(interaction, ctx) {
    await replyFollowing(interaction, ctx.follows);
  },
} satisfies Command;
