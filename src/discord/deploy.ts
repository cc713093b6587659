import { pathToFileURL } from 'node:url';
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { loadConfig, readEnv, type DiscordConfig } from '../config.ts';
import { createLogger, registerSecret } from '../log.ts';
import type { Command } from './command.ts';
import { loadCommands } from './load-commands.ts';

/**
 * `npm run deploy-commands`: registers every command of commands/ in one bulk overwrite (PUT),
 * to DISCORD_GUILD_ID when set (visible at once) or globally otherwise (can take up to an hour).
 * Commands no longer in the folder disappear; unchanged ones keep their IDs.
 */

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
}

export async function deployCommands(discord: DiscordConfig, commands: readonly Command[]): Promise<DeployResult> {
  registerSecret(discord.token);
  const rest = new REST({ api: discord.apiUrl, retries: 1, timeout: 15_000 }).setToken(discord.token);
  const route = discord.guildId
    ? Routes.applicationGuildCommands(discord.clientId, discord.guildId)
    : Routes.applicationCommands(discord.clientId);
  const body = commands.map((c) => c.data.toJSON());
  // The response echoes what Discord stored; its names are the proof of the overwrite.
  const stored = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return { scope: discord.guildId ? 'guild' : 'global', names: stored.map((c) => c.name) };
}

async function main(): Promise<number> {
  const loaded = loadConfig(readEnv());
  if (!loaded.ok) {
    process.stderr.write(`deploy-commands: ${loaded.error}\n`);
    return 1;
  }
  const { discord, logLevel } = loaded.config;
  if (!discord) {
    process.stderr.write('deploy-commands: DISCORD_TOKEN is missing: set it (and DISCORD_CLIENT_ID) in .env\n');
    return 1;
  }
  const logger = createLogger(logLevel, { secrets: [discord.token] });
  try {
    const result = await deployCommands(discord, await loadCommands());
    logger.info(
      { scope: result.scope, guild: discord.guildId, commands: result.names },
      result.scope === 'guild' ? 'commands registered in the guild (visible now)' : 'commands registered globally (may take up to an hour to appear)',
    );
    return 0;
  } catch (err) {
    logger.error({ err }, 'deploy-commands failed');
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
