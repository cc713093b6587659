import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBooleanOption,
} from 'discord.js';
import type { Library } from '../library.ts';
import type { Follows } from './follow.ts';
import type { AnswerView } from './format.ts';

/**
 * A slash command: one file in commands/, `export default { data, execute } satisfies Command`.
 * Command files only describe the command and say which library call renders a page; the
 * shared flow (deferring, paging, cooldowns, errors, allowed mentions) lives in interactions.ts.
 */
export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
}

/** How to answer a query: which page renderer, for whom, how visibly. */
export interface AnswerSpec {
  query: string;
  /** Only the asker sees the answer (ephemeral). */
  hide: boolean;
  /** Renders page `page` (0-based) from the library: synchronous, pure over the index. */
  render(library: Library, page: number, locale: string): AnswerView;
}

export interface CommandContext {
  /** Answers with page 0 of `spec` (and Previous/Next when there is more). */
  answer(interaction: ChatInputCommandInteraction, spec: AnswerSpec): Promise<void>;
  /** Answers an autocomplete with the names `list` gives for the focused value. */
  suggest(interaction: AutocompleteInteraction, list: (library: Library, prefix: string) => string[]): Promise<void>;
  /** The /follow subscriptions, or null when the bot runs without its news database. */
  follows: Follows | null;
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
    (c.autocomplete === undefined || typeof c.autocomplete === 'function')
  );
}
