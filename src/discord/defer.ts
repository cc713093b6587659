/**
 * When to acknowledge with a defer. Discord wants a first response within 3 s. The answer is
 * computed in the answer worker while this thread waits a short budget for it: an answer that
 * arrives within the budget is sent as the reply itself (one round trip, no "thinking…"
 * flicker); otherwise the bot defers and edits the answer in when it comes.
 *
 * - the library is not loaded yet: defer at once;
 * - the interaction is already old (event-loop lag, clock skew): the budget shrinks to nothing.
 */

/** The longest the bot waits for an answer before deferring. */
export const DIRECT_REPLY_MS = 1000;
/** By this age the acknowledgement must be on its way. */
export const OLD_INTERACTION_MS = 1500;

export interface DeferInputs {
  libraryReady: boolean;
  /** Milliseconds since the interaction was created. */
  ageMs: number;
}

/** Milliseconds to wait for the answer before deferring (0: defer at once). */
export function replyBudgetMs(i: DeferInputs): number {
  if (!i.libraryReady) return 0;
  return Math.max(0, Math.min(DIRECT_REPLY_MS, OLD_INTERACTION_MS - Math.max(0, i.ageMs)));
}
