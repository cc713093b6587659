/**
 * When to defer. Discord wants a first response within 3 s; library calls are synchronous, so
 * once one starts nothing else (not even a defer) can be sent until it returns. The decision is
 * therefore made before the call, from what is known:
 *
 * - the library is not loaded yet (the bot connects while the index is still building): defer;
 * - the interaction is already old (event-loop lag, clock skew): defer;
 * - the corpus is large (≥ LARGE_CORPUS_PASSAGES passages), where a first call may be slow: defer;
 * - this command recently took long (a heavy query shape, a busy machine): defer;
 * - otherwise reply directly: one REST round trip instead of two, and no "thinking…" flicker.
 */

/** A recent call slower than this makes the next one defer. */
export const SLOW_CALL_MS = 750;
/** An interaction older than this when we start gets deferred first. */
export const OLD_INTERACTION_MS = 1500;
/** From this many passages on, every answer is deferred (the seeds have about a hundred). */
export const LARGE_CORPUS_PASSAGES = 100_000;

export interface DeferInputs {
  libraryReady: boolean;
  /** Milliseconds since the interaction was created. */
  ageMs: number;
  /** The slowest of this command's recent library calls, in ms (0 when none). */
  recentSlowestMs: number;
  /** How many passages the index holds (0 when unknown). */
  passages?: number;
}

export function shouldDefer(i: DeferInputs): boolean {
  return (
    !i.libraryReady ||
    i.ageMs > OLD_INTERACTION_MS ||
    i.recentSlowestMs > SLOW_CALL_MS ||
    (i.passages ?? 0) >= LARGE_CORPUS_PASSAGES
  );
}

/** The last few durations of each command's library calls. */
export class CallTimes {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly keep = 20) {}

  record(command: string, ms: number): void {
    const list = this.recent.get(command) ?? [];
    list.push(ms);
    if (list.length > this.keep) list.shift();
    this.recent.set(command, list);
  }

  slowest(command: string): number {
    return Math.max(0, ...(this.recent.get(command) ?? []));
  }
}
