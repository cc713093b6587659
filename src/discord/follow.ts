import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { TimelineEvent } from '../answers/types.ts';
import type { Follow, NewsStore } from '../feeds/store.ts';
import type { NewsLibrary } from '../library.ts';
import type { Logger } from '../log.ts';
import { key } from '../text/aliases.ts';
import { NO_MENTIONS, discordDate, escapeText, fitEmbed, LIMITS, link, truncate, truncatePlain } from './format.ts';

/**
 * /follow: a channel follows a topic, and each new article on it is posted there once. "On the
 * topic" is what /timeline means by it: the article tells at least one of the topic's dated
 * events (as the event's first source or as another telling of it). /timeline, not /ask, because
 * a follower wants what would join the topic's timeline — an article that names the topic in
 * passing ranks in /ask but tells nothing of it — and because the event's sentence is the
 * passage worth posting. Posts are claimed in the database before they are sent, so a restart
 * never posts an article twice.
 */

/** What /follow, /unfollow and /following need: the subscriptions of the database. */
export interface Follows {
  follow(guild: string | null, channel: string, topic: string, user: string | null): { created: boolean; follow: Follow };
  unfollow(guild: string | null, topic: string, channel: string | null): number;
  list(guild: string | null): Follow[];
}

/** The form a topic is stored and compared under: the alias table's key (folded script, case, spacing). */
export function topicKey(topic: string): string {
  return key(topic.trim()) || topic.trim();
}

export function followsOver(store: NewsStore, now: () => number = Date.now): Follows {
  return {
    follow: (guild, channel, topic, user) => store.follow({ guild, channel, topic: topic.trim(), topicKey: topicKey(topic), createdBy: user }, now()),
    unfollow: (guild, topic, channel) => store.unfollow(guild, topicKey(topic), channel),
    list: (guild) => store.follows(guild),
  };
}

// Timelines are in date order, new articles' events mostly at the end: read pages back from the
// end, and stop after this many events (a broad topic has thousands of old ones).
const PAGE = 100;
const MAX_EVENTS = 1000;

// Between two timeline pages the event loop runs: interactions are answered while new articles are matched.
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** For each of `files` on `topic`: the event (its passage) that puts it on the topic's timeline. */
export async function matchingEvents(library: Pick<NewsLibrary, 'timeline'>, topic: string, files: ReadonlySet<string>): Promise<Map<string, TimelineEvent>> {
  const found = new Map<string, TimelineEvent>();
  const head = await library.timeline(topic, { limit: 1 });
  const total = head.events.length + head.more;
  for (let end = total; end > 0 && end > total - MAX_EVENTS && found.size < files.size; end -= PAGE) {
    await yieldToEvents();
    const offset = Math.max(0, end - PAGE);
    const page = await library.timeline(topic, { offset, limit: end - offset });
    for (const event of page.events) {
      for (const source of [event, ...(event.sources ?? [])]) {
        if (files.has(source.file) && !found.has(source.file)) found.set(source.file, { ...event, title: source.title, url: source.url, publishedAt: source.publishedAt, source: source.source, file: source.file });
      }
    }
  }
  return found;
}

/** The message posted for a new article on a followed topic: title linked, date, the passage, the topic. */
export function followPost(topic: string, event: TimelineEvent): RESTPostAPIChannelMessageJSONBody {
  const embed: APIEmbed = {
    title: truncate(escapeText(truncatePlain(event.title, LIMITS.title)), LIMITS.title),
    color: 0xa61b29,
    description: truncate(`${link(event.title, event.url)} · ${escapeText(event.source)} · ${discordDate(event.publishedAt, 'D', event.url)}\n> ${escapeText(event.text)}`, 1500),
    footer: { text: truncate(`关注 Following: ${topic}`, LIMITS.footer) },
  };
  return { embeds: [fitEmbed(embed)], allowed_mentions: NO_MENTIONS };
}

export type Send = (channel: string, body: RESTPostAPIChannelMessageJSONBody) => Promise<void>;

export class FollowNotifier {
  constructor(
    private readonly store: NewsStore,
    private readonly send: Send,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Posts each of `files` (article file names) to every channel following a topic it is on; returns how many posts were sent. */
  async announce(library: Pick<NewsLibrary, 'timeline'>, files: readonly string[]): Promise<number> {
    const follows = this.store.follows();
    if (follows.length === 0 || files.length === 0) return 0;
    const wanted = new Set(files);
    let sent = 0;
    // One timeline per distinct topic, however many channels follow it.
    const byTopic = new Map<string, Follow[]>();
    for (const f of follows) byTopic.set(f.topicKey, [...(byTopic.get(f.topicKey) ?? []), f]);
    for (const group of byTopic.values()) {
      const topic = (group[0] as Follow).topic;
      let events: Map<string, TimelineEvent>;
      try {
        events = await matchingEvents(library, topic, wanted);
      } catch (err) {
        this.logger.error({ err, topic }, 'could not match new articles against a followed topic');
        continue;
      }
      for (const [file, event] of events) {
        for (const f of group) {
          if (!this.store.claimPost(f.channel, f.topicKey, file, this.now())) continue;
          try {
            await this.send(f.channel, followPost(f.topic, event));
            sent++;
            this.logger.info({ channel: f.channel, topic: f.topic, file }, 'posted a new article on a followed topic');
          } catch (err) {
            // Claimed and not sent: missing one post beats posting it twice after a retry.
            this.logger.warn({ err, channel: f.channel, topic: f.topic, file }, 'could not post to a following channel');
          }
        }
      }
    }
    return sent;
  }
}
