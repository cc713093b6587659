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
import type { Library } from '../library.ts';
import type { Logger } from '../log.ts';
import type { AnswerSpec, Command, CommandContext } from './command.ts';
import type { Cooldowns } from './cooldown.ts';
import type { Follows } from './follow.ts';
import { shouldDefer, type CallTimes } from './defer.ts';
import { NO_MENTIONS, choices, fitContent, fitEmbeds, pageButtons, type AnswerView } from './format.ts';
import { parsePageButtonId, type PageSession, type PageSessions } from './pagination.ts';
import { strings } from './strings.ts';

/**
 * Routes every interaction (slash command, autocomplete, button) and owns the shared flow:
 * cooldowns, deferring, paging, and turning any failure into a short private apology. Nothing
 * thrown here escapes: one bad command never takes the bot down.
 */

/** The library, possibly still loading when the bot connects. */
export interface LibraryRef {
  current(): Library | null;
  ready(): Promise<Library>;
}

export function libraryRef(library: Library | Promise<Library>): LibraryRef {
  if (!(library instanceof Promise)) return { current: () => library, ready: () => Promise.resolve(library) };
  let loaded: Library | null = null;
  const ready = library.then((l) => (loaded = l));
  // A failed load is reported to each asker; it must not be an unhandled rejection meanwhile.
  ready.catch(() => {});
  return { current: () => loaded, ready: () => ready };
}

export interface SessionState {
  spec: AnswerSpec;
  locale: string;
  view: { page: number; pageCount: number | null; hasNext: boolean };
}

export interface InteractionDeps {
  commands: ReadonlyMap<string, Command>;
  library: LibraryRef;
  logger: Logger;
  cooldowns: Cooldowns;
  sessions: PageSessions<SessionState>;
  times: CallTimes;
  now?: () => number;
  follows?: Follows | null;
}

/** Raised when the library never loaded: the user gets "index unavailable", not the generic apology. */
export class LibraryUnavailableError extends Error {
  override name = 'LibraryUnavailableError';
}

type PageView = Extract<AnswerView, { kind: 'page' }>;

const EPHEMERAL = MessageFlags.Ephemeral;
// Text replies quote corpus and library text, which may hold a URL: no link previews there.
const PRIVATE_TEXT = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds;

/** A private (ephemeral) text reply without link previews that pings nobody. */
export function privately(content: string): InteractionReplyOptions {
  return { content: fitContent(content), flags: PRIVATE_TEXT, allowedMentions: NO_MENTIONS };
}

/** The same text as an edit of a deferred reply (which keeps its visibility). */
function asEdit(content: string): InteractionEditReplyOptions {
  return { content: fitContent(content), embeds: [], components: [], flags: MessageFlags.SuppressEmbeds, allowedMentions: NO_MENTIONS };
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

export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const now = deps.now ?? Date.now;
  const { commands, library, logger, cooldowns, sessions, times } = deps;

  const context = (log: Logger, name: string): CommandContext => ({
    follows: deps.follows ?? null,
    answer: (interaction, spec) => answer(interaction, spec, log, name),
    async suggest(interaction, list) {
      const lib = library.current();
      // Autocomplete must answer within 3 s and cannot be deferred: no index yet, no suggestions.
      if (!lib) return void (await interaction.respond([]));
      const focused = String(interaction.options.getFocused()).trim();
      await interaction.respond(choices(list(lib, focused)));
    },
  });

  /** Renders page `page`, timing the library call for the defer policy. */
  function render(lib: Library, spec: AnswerSpec, page: number, locale: string, name: string): AnswerView {
    const t0 = performance.now();
    try {
      return spec.render(lib, page, locale);
    } finally {
      times.record(name, performance.now() - t0);
    }
  }

  // The corpus size never changes while the bot runs: read it once.
  let passages: number | null = null;
  function sizeOf(lib: Library | null): number {
    if (!lib) return 0;
    if (passages === null) {
      try {
        passages = lib.stats().passages;
      } catch {
        passages = 0;
      }
    }
    return passages;
  }

  async function loaded(): Promise<Library> {
    try {
      return await library.ready();
    } catch (error) {
      throw new LibraryUnavailableError('the library failed to load', { cause: error });
    }
  }

  async function answer(interaction: ChatInputCommandInteraction, spec: AnswerSpec, log: Logger, name: string): Promise<void> {
    const locale = interaction.locale;
    const current = library.current();
    const defer = shouldDefer({
      libraryReady: current !== null,
      ageMs: now() - interaction.createdTimestamp,
      recentSlowestMs: times.slowest(name),
      passages: sizeOf(current),
    });
    if (defer) await interaction.deferReply(spec.hide ? { flags: EPHEMERAL } : {});
    const lib = current ?? (await loaded());
    const view = render(lib, spec, 0, locale, name);

    if (view.kind === 'notice') {
      // Misses and errors are private even when the answer was to be public.
      if (!interaction.deferred) await interaction.reply(privately(view.content));
      else if (spec.hide) await interaction.editReply(asEdit(view.content));
      else {
        await interaction.deleteReply();
        await interaction.followUp(privately(view.content));
      }
      log.info({ deferred: defer, found: false }, 'answered with a notice');
      return;
    }

    const paged = view.hasNext || view.page > 0;
    const session = paged
      ? sessions.open({
          ownerId: interaction.user.id,
          command: name,
          payload: { spec, locale, view: { page: view.page, pageCount: view.pageCount, hasNext: view.hasNext } },
          page: 0,
          tokenIssuedAt: interaction.createdTimestamp,
        })
      : null;
    if (session) session.disable = disabler(interaction, session, locale);
    const payload = pagePayload(view, session, locale);
    if (interaction.deferred) await interaction.editReply(payload);
    else await interaction.reply(spec.hide ? { ...payload, flags: EPHEMERAL } : payload);
    log.info({ deferred: defer, pages: view.pageCount, session: session?.id }, 'answered');
  }

  /** Disables a session's buttons through one interaction's token (called before that token expires). */
  function disabler(interaction: ChatInputCommandInteraction | ButtonInteraction, session: PageSession<SessionState>, locale: string) {
    return async (): Promise<void> => {
      await interaction.editReply({ components: [pageButtons(session.id, session.payload.view, locale, true)], allowedMentions: NO_MENTIONS });
    };
  }

  async function turnPage(interaction: ButtonInteraction, log: Logger): Promise<void> {
    const s = strings(interaction.locale);
    const parsed = parsePageButtonId(interaction.customId);
    const session = parsed ? sessions.get(parsed.sessionId) : null;
    if (!parsed || !session) {
      // A button from before a restart, or past its time: switch it off and say why.
      log.info({ customId: interaction.customId }, 'stale button');
      await interaction.update({ components: disabledCopy(interaction.message.components), allowedMentions: NO_MENTIONS });
      await interaction.followUp(privately(s.staleButton));
      return;
    }
    if (interaction.user.id !== session.ownerId) {
      log.info({ owner: session.ownerId }, 'button pressed by someone else');
      await interaction.reply(privately(s.notYourButton(session.command)));
      return;
    }
    const lib = library.current() ?? (await loaded());
    const defer = shouldDefer({
      libraryReady: true,
      ageMs: now() - interaction.createdTimestamp,
      recentSlowestMs: times.slowest(session.command),
      passages: sizeOf(lib),
    });
    if (defer) await interaction.deferUpdate();
    const { spec, locale } = session.payload;
    const view = render(lib, spec, parsed.to, locale, session.command);
    if (view.kind === 'notice') {
      // The index changed under the session: stop paging and show the notice privately.
      session.payload.view = { ...session.payload.view, hasNext: false };
      const off = { components: [pageButtons(session.id, session.payload.view, locale, true)], allowedMentions: NO_MENTIONS };
      if (defer) await interaction.editReply(off);
      else await interaction.update(off);
      await interaction.followUp(privately(view.content));
      return;
    }
    session.page = view.page;
    session.payload.view = { page: view.page, pageCount: view.pageCount, hasNext: view.hasNext };
    const payload = pagePayload(view, session, locale);
    if (defer) await interaction.editReply(payload);
    else await interaction.update(payload);
    sessions.renew(session, interaction.createdTimestamp, disabler(interaction, session, locale));
    log.info({ page: view.page, deferred: defer }, 'turned page');
  }

  async function run(interaction: ChatInputCommandInteraction, log: Logger): Promise<void> {
    const name = interaction.commandName;
    const s = strings(interaction.locale);
    const command = commands.get(name);
    if (!command) {
      log.warn('unknown command');
      await interaction.reply(privately(s.unknownCommand(name)));
      return;
    }
    const wait = cooldowns.take(interaction.user.id, name);
    if (wait > 0) {
      log.info({ waitMs: wait }, 'cooldown');
      await interaction.reply(privately(s.cooldown(name, Math.ceil((now() + wait) / 1000))));
      return;
    }
    log.debug({ options: interaction.options.data.map((o) => ({ name: o.name, value: o.value })) }, 'command');
    await command.execute(interaction, context(log, name));
  }

  async function complete(interaction: AutocompleteInteraction, log: Logger): Promise<void> {
    const command = commands.get(interaction.commandName);
    if (!command?.autocomplete) return void (await interaction.respond([]));
    await command.autocomplete(interaction, context(log, interaction.commandName));
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
        // Replace the "thinking…" placeholder rather than leave it spinning.
        await interaction.editReply(asEdit(content));
      } else if (interaction.deferred || interaction.replied) await interaction.followUp(privately(content));
      else await interaction.reply(privately(content));
    } catch (error) {
      log.warn({ err: error }, 'could not send the apology');
    }
  }

  return async function handle(interaction: Interaction): Promise<void> {
    const name = interaction.isChatInputCommand() || interaction.isAutocomplete() ? interaction.commandName : interaction.isButton() ? 'button' : 'other';
    const log = logger.child({ command: name, interaction: interaction.id, user: interaction.user.id, guild: interaction.guildId });
    const started = performance.now();
    try {
      if (interaction.isChatInputCommand()) await run(interaction, log);
      else if (interaction.isAutocomplete()) await complete(interaction, log);
      else if (interaction.isButton()) await turnPage(interaction, log);
      else if (interaction.isRepliable()) await interaction.reply(privately(strings(interaction.locale).staleButton));
    } catch (error) {
      const s = strings(interaction.locale);
      const unavailable = error instanceof LibraryUnavailableError;
      log.error({ err: error }, unavailable ? 'library unavailable' : `/${name} failed`);
      await apologise(interaction, unavailable ? s.libraryFailed : s.apology(name === 'button' || name === 'other' ? null : name), log);
    } finally {
      log.debug({ ms: Math.round(performance.now() - started) }, 'handled');
    }
  };
}
