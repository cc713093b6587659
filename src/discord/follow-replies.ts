import type { ChatInputCommandInteraction } from 'discord.js';
import type { Follow } from '../feeds/store.ts';
import type { Follows } from './follow.ts';
import { escapeText, truncatePlain } from './format.ts';
import { privately } from './interactions.ts';

/**
 * What /follow, /unfollow and /following answer (privately: managing subscriptions is no news
 * for the channel), in the asker's language. Topics are user text: escaped, never a ping.
 */

interface FollowStrings {
  unavailable: string;
  followed: (topic: string, channel: string) => string;
  already: (topic: string, channel: string) => string;
  /** Said after followed/already when the library has no article on the topic yet. */
  noArticleYet: string;
  unfollowed: (topic: string, where: string, n: number) => string;
  notFollowed: (topic: string) => string;
  none: string;
  list: string;
  everywhere: string;
}

const en: FollowStrings = {
  unavailable: 'Following topics is not available on this bot (it runs without its news database).',
  followed: (t, c) => `Following **${t}** in ${c}: each new article on it will be posted there once.`,
  already: (t, c) => `${c} already follows **${t}**.`,
  noArticleYet: 'No article on this topic yet; new ones will be posted.',
  unfollowed: (t, w, n) => `Stopped following **${t}** in ${w}${n > 1 ? ` (${n} channels)` : ''}.`,
  notFollowed: (t) => `No channel here follows **${t}**. /following lists what is followed.`,
  none: 'No channel of this server follows a topic yet. Use /follow topic channel.',
  list: 'Topics followed on this server:',
  everywhere: 'every channel',
};
const zhCN: FollowStrings = {
  unavailable: '本机器人未启用关注功能（没有新闻数据库）。',
  followed: (t, c) => `已在 ${c} 关注 **${t}**：每篇相关的新文章都会在那里发布一次。`,
  already: (t, c) => `${c} 已经关注了 **${t}**。`,
  noArticleYet: '目前还没有这个话题的文章；有新文章时会发布。',
  unfollowed: (t, w, n) => `已在 ${w} 取消关注 **${t}**${n > 1 ? `（${n} 个频道）` : ''}。`,
  notFollowed: (t) => `本服务器没有频道关注 **${t}**。用 /following 查看关注列表。`,
  none: '本服务器还没有频道关注任何话题。请使用 /follow 话题 频道。',
  list: '本服务器关注的话题：',
  everywhere: '所有频道',
};
const zhTW: FollowStrings = {
  ...zhCN,
  unavailable: '本機器人未啟用關注功能（沒有新聞資料庫）。',
  followed: (t, c) => `已在 ${c} 關注 **${t}**：每篇相關的新文章都會在那裡發布一次。`,
  already: (t, c) => `${c} 已經關注了 **${t}**。`,
  noArticleYet: '目前還沒有這個話題的文章；有新文章時會發布。',
  unfollowed: (t, w, n) => `已在 ${w} 取消關注 **${t}**${n > 1 ? `（${n} 個頻道）` : ''}。`,
  notFollowed: (t) => `本伺服器沒有頻道關注 **${t}**。用 /following 查看關注列表。`,
  none: '本伺服器還沒有頻道關注任何話題。請使用 /follow 話題 頻道。',
  list: '本伺服器關注的話題：',
  everywhere: '所有頻道',
};

function followStrings(locale: string): FollowStrings {
  if (locale === 'zh-TW') return zhTW;
  return locale.startsWith('zh') ? zhCN : en;
}

const topicText = (topic: string): string => escapeText(truncatePlain(topic.trim(), 100));
// A channel mention renders as its name and pings nobody.
const channelText = (id: string): string => (/^\d{17,20}$/.test(id) ? `<#${id}>` : escapeText(id));

/** `hasArticles`: whether the library has an article on the topic (false: the reply says none yet; null: unknown, nothing said). */
export async function replyFollow(interaction: ChatInputCommandInteraction, follows: Follows | null, topic: string, channel: string, hasArticles: boolean | null = null): Promise<void> {
  const s = followStrings(interaction.locale);
  if (!follows) return void (await interaction.reply(privately(s.unavailable)));
  const { created } = follows.follow(interaction.guildId, channel, topic, interaction.user.id);
  const text = (created ? s.followed : s.already)(topicText(topic), channelText(channel));
  await interaction.reply(privately(hasArticles === false ? `${text}\n${s.noArticleYet}` : text));
}

export async function replyUnfollow(interaction: ChatInputCommandInteraction, follows: Follows | null, topic: string, channel: string | null): Promise<void> {
  const s = followStrings(interaction.locale);
  if (!follows) return void (await interaction.reply(privately(s.unavailable)));
  const removed = follows.unfollow(interaction.guildId, topic, channel);
  await interaction.reply(privately(removed ? s.unfollowed(topicText(topic), channel ? channelText(channel) : s.everywhere, removed) : s.notFollowed(topicText(topic))));
}

export async function replyFollowing(interaction: ChatInputCommandInteraction, follows: Follows | null): Promise<void> {
  const s = followStrings(interaction.locale);
  if (!follows) return void (await interaction.reply(privately(s.unavailable)));
  const list: Follow[] = follows.list(interaction.guildId);
  if (list.length === 0) return void (await interaction.reply(privately(s.none)));
  const lines = list.map((f) => `• **${topicText(f.topic)}** → ${channelText(f.channel)}`);
  await interaction.reply(privately([s.list, ...lines].join('\n')));
}

/** Topic suggestions: what this server follows, for /unfollow's autocomplete. */
export function followedTopics(follows: Follows | null, guild: string | null, prefix: string): string[] {
  if (!follows) return [];
  const p = prefix.trim();
  return [...new Set(follows.list(guild).map((f) => f.topic))].filter((t) => !p || t.includes(p)).slice(0, 25);
}
