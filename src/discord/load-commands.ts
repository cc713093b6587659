import { readdir } from 'node:fs/promises';
import { isCommand, type Command } from './command.ts';

/** The project's commands/ folder: one slash command per file. */
export const COMMANDS_DIR = new URL('../../commands/', import.meta.url);

/**
 * Imports every command file of `dir`, sorted by name. A file that does not export a Command is
 * an error that names it: a half-registered command set is worse than none.
 */
export async function loadCommands(dir: URL = COMMANDS_DIR): Promise<Command[]> {
  const files = (await readdir(dir)).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts')).sort();
  const commands: Command[] = [];
  const names = new Set<string>();
  for (const file of files) {
    const mod: unknown = await import(new URL(file, dir).href);
    const command = mod && typeof mod === 'object' && 'default' in mod ? mod.default : undefined;
    if (!isCommand(command)) throw new Error(`commands/${file} does not export default { data, execute } (a Command)`);
    if (names.has(command.data.name)) throw new Error(`commands/${file}: a second command named /${command.data.name}`);
    names.add(command.data.name);
    commands.push(command);
  }
  return commands;
}
