/**
 * A per-user, per-command cooldown: one /ask every few seconds per person keeps one eager user
 * (or a stuck key) from monopolising the single-threaded library.
 */
export class Cooldowns {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ms: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the user may go ahead (and the cooldown starts now); otherwise the milliseconds left. */
  take(userId: string, command: string): number {
    const t = this.now();
    const key = `${command}\u0000${userId}`;
    const until = this.until.get(key);
    if (until !== undefined && until > t) return until - t;
    this.until.set(key, t + this.ms);
    // Sweep lazily so the map stays the size of the last few seconds' users.
    if (this.until.size > 1000) for (const [k, u] of this.until) if (u <= t) this.until.delete(k);
    return 0;
  }

  get size(): number {
    return this.until.size;
  }
}
