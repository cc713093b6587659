import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Cooldowns } from '../../src/discord/cooldown.ts';
import { DIRECT_REPLY_MS, OLD_INTERACTION_MS, replyBudgetMs } from '../../src/discord/defer.ts';
import { EXPIRY_MARGIN_MS, PageSessions, TOKEN_LIFETIME_MS, pageButtonId, parsePageButtonId } from '../../src/discord/pagination.ts';

describe('page sessions', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-02-11T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const open = (store: PageSessions<string>, tokenIssuedAt = Date.now()) =>
    store.open({ ownerId: 'u1', command: 'ask', payload: 'q', page: 0, tokenIssuedAt });

  it('finds a session by the id its buttons carry', () => {
    const store = new PageSessions<string>();
    const s = open(store);
    const id = parsePageButtonId(pageButtonId(s.id, 'next', 0))?.sessionId;
    expect(store.get(id ?? '')).toBe(s);
  });

  it('disables the buttons once, a minute before the 15-minute token runs out', async () => {
    const store = new PageSessions<string>();
    const s = open(store);
    const disable = vi.fn(async () => {});
    s.disable = disable;
    await vi.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS - EXPIRY_MARGIN_MS - 1000);
    expect(disable).not.toHaveBeenCalled();
    expect(store.get(s.id)).toBe(s);
    await vi.advanceTimersByTimeAsync(1000);
    expect(disable).toHaveBeenCalledTimes(1);
    expect(store.get(s.id)).toBeNull();
    await vi.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS);
    expect(disable).toHaveBeenCalledTimes(1);
  });

  it('lives on with each newer token (a page turn) and disables through the newest one', async () => {
    const store = new PageSessions<string>();
    const s = open(store);
    const first = vi.fn(async () => {});
    const second = vi.fn(async () => {});
    s.disable = first;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    store.renew(s, Date.now(), second);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(store.get(s.id)).toBe(s);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('never edits through a token that is already gone', async () => {
    const store = new PageSessions<string>();
    // An interaction from 16 minutes ago: its token is dead.
    const s = open(store, Date.now() - 16 * 60_000);
    const disable = vi.fn(async () => {});
    s.disable = disable;
    expect(store.canEdit(s)).toBe(false);
    await store.closeAll();
    await vi.advanceTimersByTimeAsync(TOKEN_LIFETIME_MS);
    expect(disable).not.toHaveBeenCalled();
  });

  it('disables every live session at shutdown and forgets them', async () => {
    const store = new PageSessions<string>();
    const disables = [vi.fn(async () => {}), vi.fn(async () => {})];
    for (const d of disables) open(store).disable = d;
    await store.closeAll();
    for (const d of disables) expect(d).toHaveBeenCalledTimes(1);
    expect(store.size).toBe(0);
  });

  it('reports a failed disable instead of throwing', async () => {
    const onError = vi.fn();
    const store = new PageSessions<string>({ onError });
    open(store).disable = async () => {
      throw new Error('Unknown Webhook');
    };
    await store.closeAll();
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('keeps at most `max` sessions, dropping the oldest', () => {
    const store = new PageSessions<string>({ max: 2 });
    const a = open(store);
    const b = open(store);
    const c = open(store);
    expect(store.get(a.id)).toBeNull();
    expect(store.get(b.id)).toBe(b);
    expect(store.get(c.id)).toBe(c);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  });
});

describe('page button ids', () => {
  it('rejects ids that are not ours or lead before the first page', () => {
    expect(parsePageButtonId('something-else')).toBeNull();
    expect(parsePageButtonId('shiji:prev:abc:0')).toBeNull();
    expect(parsePageButtonId('shiji:next:ABC:0')).toBeNull();
    expect(parsePageButtonId('shiji:prev:abc:3')).toEqual({ sessionId: 'abc', direction: 'prev', from: 3, to: 2 });
  });
});

describe('cooldowns', () => {
  it('lets a user run a command once per cooldown, separately per command and per user', () => {
    let now = 1_000_000;
    const c = new Cooldowns(3000, () => now);
    expect(c.take('u1', 'ask')).toBe(0);
    expect(c.take('u1', 'ask')).toBe(3000);
    expect(c.take('u1', 'who')).toBe(0);
    expect(c.take('u2', 'ask')).toBe(0);
    now += 2000;
    expect(c.take('u1', 'ask')).toBe(1000);
    now += 1000;
    expect(c.take('u1', 'ask')).toBe(0);
  });

  it('forgets expired entries so memory stays bounded', () => {
    let now = 0;
    const c = new Cooldowns(10, () => now);
    for (let i = 0; i < 1000; i++) c.take(`u${i}`, 'ask');
    now = 100;
    c.take('late', 'ask');
    expect(c.size).toBe(1);
  });
});

describe('defer policy', () => {
  it('waits up to a second for the answer when the library is loaded and the interaction is fresh', () => {
    expect(replyBudgetMs({ libraryReady: true, ageMs: 50 })).toBe(DIRECT_REPLY_MS);
    expect(replyBudgetMs({ libraryReady: true, ageMs: OLD_INTERACTION_MS - 200 })).toBe(200);
  });

  it('defers at once while the library loads or for an interaction that is already old', () => {
    expect(replyBudgetMs({ libraryReady: false, ageMs: 0 })).toBe(0);
    expect(replyBudgetMs({ libraryReady: true, ageMs: 2000 })).toBe(0);
  });
});
