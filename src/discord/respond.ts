import { DiscordAPIError, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { Logger } from '../log.ts';

/**
 * Acknowledging and editing under faults. Discord processes a callback and may still answer
 * 5xx, or never answer at all; retrying it then gets 40060 ("already acknowledged"). So:
 *
 * - an acknowledgement that ends in 40060, a 5xx or a timeout counts as sent (Discord most
 *   likely has it), and the answer goes through an edit of @original, which is idempotent;
 * - a 5xx answered early enough is retried once while the 3 s deadline still leaves room, and
 *   never after (discord.js's own retries are off: see createClient);
 * - edits (PATCH) retry 5xx and timeouts with backoff; follow-ups (POST) do not, since a retried
 *   POST that had gone through would post twice.
 */

/** Discord's deadline for the first response to an interaction. */
export const ACK_DEADLINE_MS = 3000;
// A callback retried after this age would arrive too late to matter.
const ACK_RETRY_BEFORE_MS = 2000;
// A callback that has not answered by then is treated as sent (discord.js waits up to its REST timeout).
const ACK_WAIT_MS = 3500;
/** Backoff of edit retries (5xx, timeouts). */
export const EDIT_BACKOFF_MS = [250, 1000, 3000] as const;

const CODE_ALREADY_ACKNOWLEDGED = 40060;
const CODE_UNKNOWN_INTERACTION = 10062;

type Ackable = ChatInputCommandInteraction | ButtonInteraction;

/** What became of an acknowledgement. */
export type AckOutcome = 'sent' | 'assumed';

/** Counters the bot reports every minute. */
export class Metrics {
  missedDeadlines = 0;
  answered = 0;
  busy = 0;
  assumedAcks = 0;
  editRetries = 0;
  private latencies: number[] = [];

  /** Milliseconds from an interaction's arrival to its answer (final content) being sent. */
  recordAnswer(ms: number): void {
    this.answered++;
    this.latencies.push(ms);
    if (this.latencies.length > 5000) this.latencies.splice(0, this.latencies.length - 5000);
  }

  /** The 95th percentile of answer latency since the last call (null when nothing was answered), and a reset. */
  takeP95(): number | null {
    if (!this.latencies.length) return null;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    this.latencies = [];
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0);
  }
}

function status(error: unknown): number | null {
  if (error && typeof error === 'object' && 'status' in error && typeof error.status === 'number') return error.status;
  return null;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError' || /aborted|timed? ?out/i.test(error.message));
}

export function apiCode(error: unknown): number | null {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : null;
}

/** The promise, or 'timeout' when it has not settled after `ms` (it goes on; its failure is dropped). */
export function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  p.catch(() => {});
  return Promise.race([p.finally(() => clearTimeout(timer)), new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)))]);
}

export class Responder {
  constructor(
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Sends an acknowledgement (a defer, a reply, an update) once, tolerating duplicates and lost
   * responses. On 'assumed' the caller marks the interaction acknowledged and edits @original.
   */
  async acknowledge(interaction: Ackable, send: () => Promise<unknown>, log: Logger): Promise<AckOutcome> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await within(send(), ACK_WAIT_MS);
        if (result === 'timeout') {
          log.warn('acknowledgement not answered in time; treating it as sent');
          return this.assumed();
        }
        if (this.now() - interaction.createdTimestamp > ACK_DEADLINE_MS) this.metrics.missedDeadlines++;
        return 'sent';
      } catch (error) {
        const code = apiCode(error);
        if (code === CODE_ALREADY_ACKNOWLEDGED) {
          log.info('acknowledgement was a duplicate (40060); editing the reply instead');
          return this.assumed();
        }
        if (code === CODE_UNKNOWN_INTERACTION) {
          this.metrics.missedDeadlines++;
          throw error;
        }
        const s = status(error);
        const ambiguous = (s !== null && s >= 500) || isTimeout(error);
        if (!ambiguous) throw error;
        if (attempt === 0 && s !== null && this.now() - interaction.createdTimestamp < ACK_RETRY_BEFORE_MS) {
          log.warn({ status: s }, 'acknowledgement failed; retrying once within the deadline');
          continue;
        }
        log.warn({ status: s, err: error }, 'acknowledgement failed after sending; treating it as sent');
        return this.assumed();
      }
    }
  }

  private assumed(): AckOutcome {
    this.metrics.assumedAcks++;
    return 'assumed';
  }

  /** An idempotent edit (PATCH of @original), retried on 5xx and timeouts with backoff. */
  async edit<T>(send: () => Promise<T>, log: Logger): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        const s = status(error);
        const retriable = (s !== null && s >= 500) || isTimeout(error);
        const wait = EDIT_BACKOFF_MS[attempt];
        if (!retriable || wait === undefined) throw error;
        this.metrics.editRetries++;
        log.warn({ status: s, attempt: attempt + 1, waitMs: wait }, 'edit failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
}
