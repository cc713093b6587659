import { createHash } from 'node:crypto';
import { delimiter, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { z } from 'zod';

/**
 * Start-up configuration, from the environment (and a .env file through dotenv). One schema, one
 * place: a missing or malformed variable becomes a single line that names it, never a stack trace.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';

export interface DiscordConfig {
  token: string;
  /** The application ID (Developer Portal → General Information). */
  clientId: string;
  /** Deploy commands to this guild only (instant), instead of globally. */
  guildId: string | null;
  /** REST base without the version, e.g. https://discord.com/api; the gateway URL comes from its /gateway/bot. */
  apiUrl: string;
}

/** The project's folder: relative paths of the configuration resolve against it, whatever the working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface Config {
  /** The corpus folders, absolute, in order (CORPUS_DIR may list several, separated by commas or the path delimiter). */
  corpusDirs: string[];
  /** The first of corpusDirs (kept for callers that take one folder). */
  corpusDir: string;
  /** The snapshot file, absolute: INDEX_PATH, or the cache file named after the corpus folders (snapshotPathFor). */
  indexPath: string;
  logLevel: LogLevel;
  /** RSS/Atom feeds the bot polls (FEEDS: URLs separated by spaces, commas or newlines). */
  feeds: string[];
  /** Minutes between two polls of the feeds (FEED_INTERVAL, at least 1). */
  feedIntervalMinutes: number;
  /** Null when DISCORD_TOKEN is not set: `npm start` then runs the local console. */
  discord: DiscordConfig | null;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

// A .env line such as `DISCORD_GUILD_ID=` means "not set", not "set to nothing".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());

const snowflake = z.string().regex(/^\d{17,20}$/, 'expected a numeric Discord ID (17 to 20 digits)');

// Bot tokens are three dot-separated base64url parts; the message never repeats the value.
const token = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/, 'expected a bot token (three dot-separated parts; copy it again from Developer Portal → Bot → Reset Token)');

const httpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'expected an http(s) URL such as https://discord.com/api');

// FEEDS: one or more http(s) URLs; the message names the first one that is not.
const feedList = z
  .string()
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .refine((urls) => urls.every((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol)), {
    error: (issue) => `expected http(s) feed URLs, not ${JSON.stringify(((issue.input as string[] | undefined) ?? []).find((u) => !(URL.canParse(u) && /^https?:$/.test(new URL(u).protocol))) ?? '')}`,
  });

const EnvSchema = z.object({
  DISCORD_TOKEN: optional(token),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(httpUrl),
  CORPUS_DIR: optional(z.string()),
  INDEX_PATH: optional(z.string()),
  FEEDS: optional(feedList),
  FEED_INTERVAL: optional(z.coerce.number({ error: 'expected a number of minutes' }).int('expected whole minutes').min(1, 'the minimum is 1 minute').max(24 * 60, 'at most 1440 minutes (a day)')),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` })),
});

/** Every variable loadConfig reads (for .env.example and documentation). */
export const ENV_VARS: readonly string[] = Object.keys(EnvSchema.shape);

/** Reads configuration from `env` (pure: no file or process access). */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    return { ok: false, error: `${name} is malformed: ${issue?.message ?? 'invalid value'}` };
  }
  const e = parsed.data;
  let discord: DiscordConfig | null = null;
  if (e.DISCORD_TOKEN !== undefined) {
    if (e.DISCORD_CLIENT_ID === undefined) {
      return { ok: false, error: 'DISCORD_CLIENT_ID is missing: set it to the application ID from the Developer Portal (needed with DISCORD_TOKEN)' };
    }
    discord = {
      token: e.DISCORD_TOKEN,
      clientId: e.DISCORD_CLIENT_ID,
      guildId: e.DISCORD_GUILD_ID ?? null,
      apiUrl: (e.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL).replace(/\/+$/, ''),
    };
  }
  const corpusDirs = parseCorpusDirs(e.CORPUS_DIR ?? 'seeds');
  return {
    ok: true,
    config: {
      corpusDirs,
      corpusDir: corpusDirs[0] as string,
      indexPath: e.INDEX_PATH ? resolve(PROJECT_ROOT, e.INDEX_PATH) : snapshotPathFor(corpusDirs),
      logLevel: e.LOG_LEVEL ?? 'info',
      feeds: e.FEEDS ?? [],
      feedIntervalMinutes: e.FEED_INTERVAL ?? 10,
      discord,
    },
  };
}

/** CORPUS_DIR's folders, absolute (relative ones against the project root), each once, in order. */
export function parseCorpusDirs(value: string): string[] {
  const dirs = value
    .split(new RegExp(`[,${delimiter === ';' ? ';' : ':'}]`))
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => resolve(PROJECT_ROOT, d));
  return dirs.length ? [...new Set(dirs)] : [resolve(PROJECT_ROOT, 'seeds')];
}

/**
 * The one snapshot naming rule (bot, console and CLI alike): a cache file under the project named
 * after the corpus folders, so two corpora never share a snapshot and the same one always finds its own.
 */
export function snapshotPathFor(dirs: readonly string[]): string {
  const id = createHash('sha256').update(dirs.join('\n')).digest('hex').slice(0, 12);
  return resolve(PROJECT_ROOT, '.cache', `index-${id}.snapshot`);
}

/** The process environment with .env filled in underneath (real variables win); process.env is left alone. */
export function readEnv(path?: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  dotenv.config({ processEnv: env, quiet: true, ...(path === undefined ? {} : { path }) });
  return env;
}
