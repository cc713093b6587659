import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBooleanOption,
  SlashCommandStringOption,
} from 'discord.js';
import type { Renderer, SuggestionKind } from './answerer.ts';
import type { Follows } from './follow.ts';

/**
 * A slash command: one file in commands/, `export default { data, execute } satisfies Command`.
 * Command files only describe the command and say which library call renders a page (`render`,
 * run in the answer worker); the shared flow (acknowledging, queueing, paging, cooldowns, errors,
 * allowed mentions) lives in interactions.ts.
 */
export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  /**
   * Renders page `page` (0-based) of the answer to `query`: synchronous, pure over the library.
   * It runs in the answer worker thread, so it may use only its arguments (no closures over the
   * interaction). Commands that answer without the library (e.g. settings) leave it out.
   */
  render?: Renderer;
}

/** How to answer a query with the command's `render`: for whom, how visibly. */
export interface AnswerSpec {
  query: string;
  /** Only the asker sees the answer (ephemeral). */
  hide: boolean;
}

export interface CommandContext {
  /** Answers with page 0 of the command's `render` for `spec` (and Previous/Next when there is more). */
  answer(interaction: ChatInputCommandInteraction, spec: AnswerSpec): Promise<void>;
  /** Answers an autocomplete with the known names or topics matching the focused value (held in this thread). */
  suggest(interaction: AutocompleteInteraction, kind: SuggestionKind): Promise<void>;
  /** The /follow subscriptions, or null when the bot runs without its news database. */
  follows: Follows | null;
  /** Whether the library has any article on `topic` (its timeline has an event); null when it cannot tell in time. */
  topicHasArticles(topic: string): Promise<boolean | null>;
}

/** The `hide` option every command takes. */
export function hideOption(option: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return option
    .setName('hide')
    .setNameLocalizations({ 'zh-CN': '隐藏', 'zh-TW': '隱藏' })
    .setDescription('Show the answer only to you')
    .setDescriptionLocalizations({ 'zh-CN': '只让你自己看到回答', 'zh-TW': '只讓你自己看到回答' })
    .setRequired(false);
}

/** The `topic` option /timeline and /follow take: a topic typed or picked from the suggestions. */
export function topicOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName('topic')
    .setNameLocalizations({ 'zh-CN': '话题', 'zh-TW': '話題' })
    .setDescription('A topic, e.g. 日美同盟 (pick from the list or type)')
    .setDescriptionLocalizations({ 'zh-CN': '话题，例如：日美同盟（可从列表选择）', 'zh-TW': '話題，例如：日美同盟（可從列表選擇）' })
    .setRequired(true)
    .setMinLength(1)
    .setMaxLength(100)
    .setAutocomplete(true);
}

/** Whether a loaded module's default export is a usable Command. */
export function isCommand(x: unknown): x is Command {
  if (!x || typeof x !== 'object') return false;
  const c = x as Record<string, unknown>;
  const data = c.data as Record<string, unknown> | undefined;
  return (
    !!data &&
    typeof data === 'object' &&
    typeof data.name === 'string' &&
    typeof data.toJSON === 'function' &&
    typeof c.execute === 'function' &&
    (c.autocomplete === undefined || typeof c.autocomplete === 'function') &&
    (c.render === undefined || typeof c.render === 'function')
  );
}
