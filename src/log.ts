import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger } from 'pino';

/**
 * Structured logs (pino, JSON lines on stdout) for every part of the program. Secrets never reach
 * the output: known keys are redacted by path, and every written line is scrubbed of registered
 * secrets and of anything shaped like a bot token or an interaction token, wherever it hides
 * (an error message, a URL, a stack).
 */

const REDACTED = '[REDACTED]';

const secrets = new Set<string>();

/** Registers a secret (the bot token) so that no log line ever contains it. */
export function registerSecret(secret: string): void {
  // Short strings would blank out ordinary words.
  if (secret.length >= 8) secrets.add(secret);
  // A bot token's first two parts (discord.js's debug line prints them with the third masked).
  const parts = secret.split('.');
  if (parts.length === 3 && parts[0] && parts[1] && parts[0].length + parts[1].length >= 16) secrets.add(`${parts[0]}.${parts[1]}.`);
}

// Bot tokens: base64 user id, timestamp, HMAC.
const BOT_TOKEN_RE = /[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}/g;
// discord.js at trace level: "Provided token: part1.part2.****" (the third part masked, the rest not).
const PROVIDED_TOKEN_RE = /(Provided token:\s*)[^\s"\\]+/g;
const MASKED_TOKEN_RE = /[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.\*{3,}/g;
// Interaction and webhook tokens appear in REST paths of errors; they grant 15 minutes of replies.
const PATH_TOKEN_RE = /(\/(?:interactions|webhooks)\/\d+\/)[^/\s"?]+/g;

/** Removes every secret from one string (pure apart from the registry). */
export function scrub(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  // The cheap test first: every log line passes here.
  if (out.includes('Provided token')) out = out.replace(PROVIDED_TOKEN_RE, `$1${REDACTED}`);
  if (out.includes('***')) out = out.replace(MASKED_TOKEN_RE, REDACTED);
  return out
    .replace(BOT_TOKEN_RE, REDACTED)
    .replace(PATH_TOKEN_RE, `$1${REDACTED}`);
}

const REDACT_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
];

export interface LoggerOptions {
  /** Where lines go (default stdout); tests pass a stream they read. */
  destination?: DestinationStream;
  /** Secrets to register now, e.g. the bot token. */
  secrets?: readonly string[];
}

export function createLogger(level: LogLevel | string = 'info', options: LoggerOptions = {}): Logger {
  for (const s of options.secrets ?? []) registerSecret(s);
  const settings = {
    level,
    base: { app: 'shiji' },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: { streamWrite: scrub },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
