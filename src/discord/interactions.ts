import { performance } from 'node:perf_hooks';
import {
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Logger } from '../log.ts';
import { BusyError, LibraryUnavailableError, type Answerer } from './answerer.ts';
import type { AnswerSpec, Command, CommandContext } from './command.ts';
import type { Cooldowns } from './cooldown.ts';
import { replyBudgetMs } from './defer.ts';
import { NO_MENTIONS, choices, cleanText, fitContent, fitEmbeds, pageButtons, type AnswerView } from './format.ts';
import { parsePageButtonId, sessionIdsOf, type PageSession, type PageSessions } from './pagination.ts';
import { apiCode, within, type Metrics, type Responder } from './respond.ts';
import type { Follows } from './follow.ts';
import { strings } from './strings.ts';

export { LibraryUnavailableError } from './answerer.ts';

/**
 * Routes every interaction (slash command, autocomplete, button) and owns the shared flow:
 * queueing the work for the answer worker, acknowledging within Discord's 3 s (the answer
 * itself when it comes fast, a defer otherwise), paging, cooldowns, and turning any failure into
 * a short private apology. This thread never runs a library call. Nothing thrown here escapes:
 * one bad command never takes the bot down.
 */

export interface SessionState {
  command: string;
  query: string;
  hide: boolean;
  locale: string;
  view: { page: number; pageCount: number | null; hasNext: boolean };
}

export interface InteractionDeps {
  commands: ReadonlyMap<string, Command>;
  answerer: Answerer;
  logger: Logger;
  cooldowns: Cooldowns;
  sessions: PageSessions<SessionState>;
  responder: Responder;
  metrics: Metrics;
  now?: () => number;
  follows?: Follows | null;
}

export interface InteractionHandler {
  handle(interaction: Interaction): Promise<void>;
  /** From now on, interactions get a short "restarting" reply instead of an answer. */
  refuseNew(): void;
  /** Resolves when every interaction being handled is done, or after `ms` (false then). */
  drain(ms: number): Promise<boolean>;
  /** Interactions being handled now. */
  readonly inFlight: number;
}

type PageView = Extract<AnswerView, { kind: 'page' }>;

const EPHEMERAL = MessageFlags.Ephemeral;
// Text replies quote corpus and library text, which may hold a URL: no link previews there.
const PRIVATE_TEXT = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds;
const CODE_UNKNOWN_MESSAGE = 10008;
const CODE_UNKNOWN_INTERACTION = 10062;

/** A private (ephemeral) text reply without link previews that pings nobody. */
export function privately(content: string): InteractionReplyOptions {
  return { content: fitContent(content), flags: PRIVATE_TEXT, allowedMentions: NO_MENTIONS };
}

/** The same text as an edit of a deferred reply (which keeps its visibility). */
function asEdit(content: string): InteractionEditReplyOptions {
  return { content: fitContent(content), embeds: [], components: [], flags: MessageFlags.SuppressEmbeds, allowedMentions: NO_MENTIONS };
}

/** A reply's payload as an edit of @original (after an acknowledgement whose response was lost). */
function editOf(payload: InteractionReplyOptions): InteractionEditReplyOptions {
  const { flags: _flags, ...rest } = payload;
  return { embeds: [], components: [], ...rest } as InteractionEditReplyOptions;
}

function pagePayload(view: PageView, session: PageSession<SessionState> | null, locale: string) {
  return {
    content: '',
    embeds: fitEmbeds([view.embed]),
    components: session ? [pageButtons(session.id, view, locale)] : [],
    allowedMentions: NO_MENTIONS,
  };
}

/** The message's buttons, all disabled (for a press on a session this process no longer knows). */
export function disabledCopy(rows: ReadonlyArray<{ toJSON(): unknown }>): APIActionRowComponent<APIButtonComponent>[] {
  const out: APIActionRowComponent<APIButtonComponent>[] = [];
  for (const row of rows) {
    const json = row.toJSON();
    if (!json || typeof json !== 'object' || !('type' in json) || json.type !== ComponentType.ActionRow) continue;
    const inner = 'components' in json && Array.isArray(json.components) ? json.components : [];
    const buttons = inner.filter((c): c is APIButtonComponent => !!c && typeof c === 'object' && c.type === ComponentType.Button);
    if (buttons.length) out.push({ type: ComponentType.ActionRow, components: buttons.map((b) => ({ ...b, disabled: true })) });
  }
  return out;
}

function customIdsOf(rows: ReadonlyArray<{ toJSON(): unknown }>): string[] {
  return disabledCopy(rows).flatMap((r) => r.components.map((b) => ('custom_id' in b ? String(b.custom_id) : '')));
}

// A reply must reach Discord within 3 s: past this, the answer says nothing about existing articles.
const TOPIC_CHECK_MS = 1500;

/** Asks the answerer (the worker holds the library) for one timeline event on `topic`; null when it cannot tell in time. */
async function topicHasArticles(answerer: Answerer, topic: string, log: Logger): Promise<boolean | null> {
  if (!answerer.loaded) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), TOPIC_CHECK_MS);
  });
  try {
    const result = await Promise.race([answerer.timeline(topic, { limit: 1 }).then((r) => r.events.length > 0), late]);
    return result;
  } catch (err) {
    log.warn({ err }, 'could not check the followed topic against the library');
    return null;
  } finally {
    clearTimeout(timer);
  }
}

export function createInteractionHandler(deps: InteractionDeps): InteractionHandler {
  const now = deps.now ?? Date.now;
  const { commands, answerer, logger, cooldowns, sessions, responder, metrics } = deps;
  const inFlight = new Set<Promise<void>>();
  let refusing = false;

  const context = (log: Logger, name: string, received: number): CommandContext => ({
    follows: deps.follows ?? null,
    topicHasArticles: (topic) => topicHasArticles(answerer, topic, log),
    answer: (interaction, spec) => answer(interaction, spec, log, name, received),
    async suggest(interaction, kind) {
      // Autocomplete must answer within 3 s and cannot be deferred: from the lists this thread holds.
      const focused = String(interaction.options.getFocused()).trim();
      await interaction.respond(answerer.loaded ? choices(answerer.suggest(kind, cleanText(focused), 25)) : []);
    },
  });

  /** A reply, tolerant of lost responses: when Discord most likely has it, @original is edited to match. */
  async function reply(interaction: ChatInputCommandInteraction | ButtonInteraction, payload: InteractionReplyOptions, log: Logger): Promise<void> {
    const outcome = await responder.acknowledge(interaction, () => interaction.reply(payload), log);
    if (outcome === 'sent') return;
    interaction.replied = true;
    try {
      await responder.edit(() => interaction.editReply(editOf(payload)), log);
    } catch (error) {
      metrics.missedDeadlines++;
      log.warn({ err: error }, 'the reply was lost');
    }
  }

  async function defer(interaction: ChatInputCommandInteraction, hide: boolean, log: Logger): Promise<void> {
    const outcome = await responder.acknowledge(interaction, () => interaction.deferReply(hide ? { flags: EPHEMERAL } : {}), log);
    if (outcome === 'assumed') interaction.deferred = true;
  }

  async function deferUpdate(interaction: ButtonInteraction, log: Logger): Promise<void> {
    const outcome = await responder.acknowledge(interaction, () => interaction.deferUpdate(), log);
    if (outcome === 'assumed') interaction.deferred = true;
  }

  /** Queues a page for the answer worker; null (and a private "busy" reply) when the queue is full. */
  async function dispatch(
    interaction: ChatInputCommandInteraction | ButtonInteraction,
    request: { command: string; query: string; page: number; locale: string },
    log: Logger,
  ): Promise<{ pending: Promise<AnswerView> } | null> {
    try {
      const pending = answerer.render(request);
      pending.catch(() => {});
      // Wrapped: an async function's promise result would otherwise be awaited through.
      return { pending };
    } catch (error) {
      if (!(error instanceof BusyError)) throw error;
      metrics.busy++;
      log.warn({ queue: answerer.depth() }, 'busy: queue full');
      await reply(interaction, privately(strings(interaction.locale).busy), log);
      return null;
    }
  }

  /** The answer if it comes within the reply budget; otherwise 'late' (the caller defers). */
  async function firstWait(pending: Promise<AnswerView>, createdTimestamp: number): Promise<AnswerView | 'late'> {
    const budget = replyBudgetMs({ libraryReady: answerer.loaded, ageMs: now() - createdTimestamp });
    if (budget <= 0) return 'late';
    const result = await within(pending, budget);
    return result === 'timeout' ? 'late' : result;
  }

  async function answer(interaction: ChatInputCommandInteraction, spec: AnswerSpec, log: Logger, name: string, received: number): Promise<void> {
    const locale = interaction.locale;
    const query = cleanText(spec.query).trim();
    const queued = await dispatch(interaction, { command: name, query, page: 0, locale }, log);
    if (!queued) return;
    const { pending } = queued;
    let view = await firstWait(pending, interaction.createdTimestamp);
    const deferred = view === 'late';
    if (view === 'late') {
      await defer(interaction, spec.hide, log);
      view = await pending;
    }

    if (view.kind === 'notice') {
      // Misses and errors are private even when the answer was to be public.
      if (!interaction.deferred) await reply(interaction, privately(view.content), log);
      else if (spec.hide) await responder.edit(() => interaction.editReply(asEdit(view.content)), log);
      else {
        await responder.edit(() => interaction.deleteReply().catch((error: unknown) => {
          // A retried delete of a message already gone.
          if (apiCode(error) !== CODE_UNKNOWN_MESSAGE) throw error;
        }), log);
        await interaction.followUp(privately(view.content));
      }
      metrics.recordAnswer(now() - received);
      log.info({ deferred, found: false }, 'answered with a notice');
      return;
    }

    const paged = view.hasNext || view.page > 0;
    const session = paged
      ? sessions.open({
          ownerId: interaction.user.id,
          command: name,
          payload: { command: name, query, hide: spec.hide, locale, view: { page: view.page, pageCount: view.pageCount, hasNext: view.hasNext } },
          page: 0,
          tokenIssuedAt: interaction.createdTimestamp,
        })
      : null;
    if (session) session.disable = disabler(interaction, session, locale, log);
    const payload = pagePayload(view, session, locale);
    if (interaction.deferred) await responder.edit(() => interaction.editReply(payload), log);
    else await reply(interaction, spec.hide ? { ...payload, flags: EPHEMERAL } : payload, log);
    metrics.recordAnswer(now() - received);
    log.info({ deferred, pages: view.pageCount, session: session?.id }, 'answered');
  }

  /** Disables a session's buttons through one interaction's token (called before that token expires). */
  function disabler(interaction: ChatInputCommandInteraction | ButtonInteraction, session: PageSession<SessionState>, locale: string, log: Logger) {
    return async (): Promise<void> => {
      await responder.edit(() => interaction.editReply({ components: [pageButtons(session.id, session.payload.view, locale, true)], allowedMentions: NO_MENTIONS }), log);
    };
  }

  async function turnPage(interaction: ButtonInteraction, log: Logger, received: number): Promise<void> {
    const s = strings(interaction.locale);
    const parsed = parsePageButtonId(interaction.customId);
    const session = parsed ? sessions.get(parsed.sessionId) : null;
    // Ownership first: nobody else's press, forged or not, may change the owner's message.
    if (session && interaction.user.id !== session.ownerId) {
      log.info({ owner: session.ownerId }, 'button pressed by someone else');
      await reply(interaction, privately(s.notYourButton(session.command)), log);
      return;
    }
    if (!parsed || !session) {
      const live = sessionIdsOf(customIdsOf(interaction.message.components)).map((id) => sessions.get(id)).find((x) => x !== null);
      if (live) {
        // A forged or mangled id on a message whose buttons still work: say no, touch nothing.
        log.warn({ customId: interaction.customId }, 'button id does not match its live message');
        await reply(interaction, privately(interaction.user.id === live.ownerId ? s.outOfDateButton : s.notYourButton(live.command)), log);
        return;
      }
      // A button from before a restart, or past its time: switch it off and say why.
      log.info({ customId: interaction.customId }, 'stale button');
      const outcome = await responder.acknowledge(interaction, () => interaction.update({ components: disabledCopy(interaction.message.components), allowedMentions: NO_MENTIONS }), log);
      if (outcome === 'assumed') interaction.replied = true;
      await interaction.followUp(privately(s.staleButton));
      return;
    }
    const { view: shown, command, query, locale } = session.payload;
    // Only the page's own neighbours: a button drawn on another page (a double click, a forged id) does nothing.
    const inBounds =
      parsed.from === session.page && parsed.to >= 0 && (parsed.direction === 'prev' || shown.hasNext) && (shown.pageCount === null || parsed.to < shown.pageCount);
    if (!inBounds) {
      log.info({ customId: interaction.customId, page: session.page }, 'out-of-date page button');
      await reply(interaction, privately(s.outOfDateButton), log);
      return;
    }
    const queued = await dispatch(interaction, { command, query, page: parsed.to, locale }, log);
    if (!queued) return;
    const { pending } = queued;
    let view = await firstWait(pending, interaction.createdTimestamp);
    const deferred = view === 'late';
    if (view === 'late') {
      await deferUpdate(interaction, log);
      view = await pending;
    }
    const update = async (payload: InteractionEditReplyOptions): Promise<void> => {
      if (interaction.deferred) await responder.edit(() => interaction.editReply(payload), log);
      else {
        const outcome = await responder.acknowledge(interaction, () => interaction.update(payload as never), log);
        if (outcome === 'assumed') {
          interaction.deferred = true;
          await responder.edit(() => interaction.editReply(payload), log);
        }
      }
    };
    if (view.kind === 'notice') {
      // The index changed under the session: stop paging and show the notice privately.
      session.payload.view = { ...session.payload.view, hasNext: false };
      await update({ components: [pageButtons(session.id, session.payload.view, locale, true)], allowedMentions: NO_MENTIONS });
      await interaction.followUp(privately(view.content));
      metrics.recordAnswer(now() - received);
      return;
    }
    session.page = view.page;
    session.payload.view = { page: view.page, pageCount: view.pageCount, hasNext: view.hasNext };
    await update(pagePayload(view, session, locale));
    sessions.renew(session, interaction.createdTimestamp, disabler(interaction, session, locale, log));
    metrics.recordAnswer(now() - received);
    log.info({ page: view.page, deferred }, 'turned page');
  }

  async function run(interaction: ChatInputCommandInteraction, log: Logger, received: number): Promise<void> {
    const name = interaction.commandName;
    const s = strings(interaction.locale);
    const command = commands.get(name);
    if (!command) {
      log.warn('unknown command');
      await reply(interaction, privately(s.unknownCommand(name)), log);
      return;
    }
    const wait = cooldowns.take(interaction.user.id, name);
    if (wait > 0) {
      log.info({ waitMs: wait }, 'cooldown');
      await reply(interaction, privately(s.cooldown(name, Math.ceil((now() + wait) / 1000))), log);
      return;
    }
    log.debug({ options: interaction.options.data.map((o) => ({ name: o.name, value: o.value })) }, 'command');
    await command.execute(interaction, context(log, name, received));
  }

  async function complete(interaction: AutocompleteInteraction, log: Logger): Promise<void> {
    const command = commands.get(interaction.commandName);
    if (!command?.autocomplete) return void (await interaction.respond([]));
    await command.autocomplete(interaction, context(log, interaction.commandName, now()));
  }

  /** The user's last word after a failure, whatever state the interaction is in. */
  async function apologise(interaction: Interaction, content: string, log: Logger): Promise<void> {
    try {
      if (interaction.isAutocomplete()) {
        if (!interaction.responded) await interaction.respond([]);
        return;
      }
      if (!interaction.isRepliable()) return;
      if (interaction.isChatInputCommand() && interaction.deferred && !interaction.replied) {
        // Replace the "thinking…" placeholder rather than leave it spinning; if even that fails, say it below.
        try {
          await responder.edit(() => interaction.editReply(asEdit(content)), log);
          return;
        } catch (error) {
          log.warn({ err: error }, 'could not replace the placeholder with the apology; following up');
        }
        await interaction.followUp(privately(content));
      } else if (interaction.deferred || interaction.replied) await interaction.followUp(privately(content));
      else if (interaction.isChatInputCommand() || interaction.isButton()) await reply(interaction, privately(content), log);
      else await interaction.reply(privately(content));
    } catch (error) {
      log.warn({ err: error }, 'could not send the apology');
    }
  }

  async function handle(interaction: Interaction): Promise<void> {
    const received = now();
    const name = interaction.isChatInputCommand() || interaction.isAutocomplete() ? interaction.commandName : interaction.isButton() ? 'button' : 'other';
    const log = logger.child({ command: name, interaction: interaction.id, user: interaction.user.id, guild: interaction.guildId });
    const started = performance.now();
    try {
      if (refusing) {
        if (interaction.isAutocomplete()) await interaction.respond([]);
        else if (interaction.isChatInputCommand() || interaction.isButton()) await reply(interaction, privately(strings(interaction.locale).restarting), log);
        return;
      }
      if (interaction.isChatInputCommand()) await run(interaction, log, received);
      else if (interaction.isAutocomplete()) await complete(interaction, log);
      else if (interaction.isButton()) await turnPage(interaction, log, received);
      else if (interaction.isRepliable()) await interaction.reply(privately(strings(interaction.locale).staleButton));
    } catch (error) {
      if (apiCode(error) === CODE_UNKNOWN_INTERACTION) {
        // Too late for any response (counted as a missed deadline): an apology would only fail the same way.
        log.warn('missed the 3 s deadline: the interaction is gone');
        return;
      }
      const s = strings(interaction.locale);
      const unavailable = error instanceof LibraryUnavailableError;
      log.error({ err: error }, unavailable ? 'library unavailable' : `/${name} failed`);
      await apologise(interaction, unavailable ? s.libraryFailed : s.apology(name === 'button' || name === 'other' ? null : name), log);
    } finally {
      log.debug({ ms: Math.round(performance.now() - started) }, 'handled');
    }
  }

  return {
    handle(interaction) {
      const p = handle(interaction);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      return p;
    },
    refuseNew() {
      refusing = true;
    },
    async drain(ms) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms))),
      ]);
      clearTimeout(timer);
      return done;
    },
    get inFlight() {
      return inFlight.size;
    },
  };
}
