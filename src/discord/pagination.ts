/**
 * Previous/Next paging of an answer. A session remembers who asked and how to render any page;
 * buttons carry only the session id, a direction and the page they were drawn on (custom ids are
 * at most 100 characters; queries can be longer). Sessions live in memory: after a restart the
 * buttons are stale and say so.
 *
 * Interaction tokens last 15 minutes and the buttons can only be disabled through one, so each
 * session keeps the newest token's issue time and disables its buttons a minute before it goes.
 */

/** Interaction tokens stop working 15 minutes after the interaction. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;
/** Disable buttons this long before the token goes, leaving time for the edit itself. */
export const EXPIRY_MARGIN_MS = 60_000;

export type Direction = 'prev' | 'next';

const ID_PREFIX = 'shiji';
const BUTTON_RE = /^shiji:(prev|next):([a-z0-9]{1,16}):(\d{1,6})$/;

export function pageButtonId(sessionId: string, direction: Direction, page: number): string {
  return `${ID_PREFIX}:${direction}:${sessionId}:${page}`;
}

/** The indicator between the arrows is a disabled button; its id only has to be unique. */
export function pageIndicatorId(sessionId: string): string {
  return `${ID_PREFIX}:page:${sessionId}`;
}

const ANY_ID_RE = /^shiji:(?:prev|next|page):([a-z0-9]{1,16})(?::\d{1,6})?$/;

/** The session ids named by a message's button ids (to tell a live message from a stale one). */
export function sessionIdsOf(customIds: readonly string[]): string[] {
  const out = new Set<string>();
  for (const id of customIds) {
    const m = ANY_ID_RE.exec(id);
    if (m?.[1]) out.add(m[1]);
  }
  return [...out];
}

export interface PageButton {
  sessionId: string;
  direction: Direction;
  /** The page shown when the button was drawn. */
  from: number;
  /** The page the button leads to. */
  to: number;
}

export function parsePageButtonId(customId: string): PageButton | null {
  const m = BUTTON_RE.exec(customId);
  if (!m) return null;
  const direction = m[1] === 'prev' ? 'prev' : 'next';
  const from = Number(m[3]);
  const to = direction === 'prev' ? from - 1 : from + 1;
  if (to < 0) return null;
  return { sessionId: m[2] ?? '', direction, from, to };
}

export interface PageSession<P = unknown> {
  readonly id: string;
  /** The user who asked: the only one who may turn pages. */
  readonly ownerId: string;
  readonly command: string;
  /** Whatever the caller needs to render a page again (the query, the locale…). */
  readonly payload: P;
  page: number;
  /** When the newest interaction on this message was created (its token's birth). */
  tokenIssuedAt: number;
  /** Disables the buttons through the newest token; set by the caller. */
  disable: (() => Promise<void>) | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface SessionStoreOptions {
  now?: () => number;
  /** How long an interaction token works (Discord: 15 minutes; shorter only in tests). */
  tokenLifetimeMs?: number;
  /** How long before the token's end the buttons get disabled (default 1 minute, at most a quarter of the lifetime). */
  expiryMarginMs?: number;
  /** Most sessions kept at once; the oldest are dropped (their buttons turn stale). */
  max?: number;
  onError?: (error: unknown, session: PageSession) => void;
}

export class PageSessions<P = unknown> {
  private readonly sessions = new Map<string, PageSession<P>>();
  private readonly now: () => number;
  private readonly max: number;
  private readonly onError: (error: unknown, session: PageSession) => void;
  private readonly lifetime: number;
  private readonly margin: number;
  private counter = 0;

  constructor(options: SessionStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.lifetime = options.tokenLifetimeMs ?? TOKEN_LIFETIME_MS;
    this.margin = options.expiryMarginMs ?? Math.min(EXPIRY_MARGIN_MS, this.lifetime / 4);
    this.max = options.max ?? 1000;
    this.onError = options.onError ?? (() => {});
  }

  get size(): number {
    return this.sessions.size;
  }

  open(input: { ownerId: string; command: string; payload: P; page: number; tokenIssuedAt: number; disable?: () => Promise<void> }): PageSession<P> {
    // Time plus a counter: unique within the process, short, and unguessable enough for a button.
    const id = `${(this.now() % 2 ** 32).toString(36)}${(this.counter++ % 1296).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
    const session: PageSession<P> = { id, ...input, disable: input.disable ?? null, timer: null };
    this.sessions.set(id, session);
    while (this.sessions.size > this.max) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
    this.schedule(session);
    return session;
  }

  /** The live session, or null when it never existed here, was dropped, or its token ran out. */
  get(id: string): PageSession<P> | null {
    const session = this.sessions.get(id);
    if (!session) return null;
    if (this.now() >= this.deadline(session)) {
      this.forget(id);
      return null;
    }
    return session;
  }

  /** A newer interaction (a button press) now owns the message: its token extends the session. */
  renew(session: PageSession<P>, tokenIssuedAt: number, disable: () => Promise<void>): void {
    session.tokenIssuedAt = Math.max(session.tokenIssuedAt, tokenIssuedAt);
    session.disable = disable;
    this.schedule(session);
  }

  /** Whether an edit through the session's newest token is still safe now. */
  canEdit(session: PageSession<P>): boolean {
    return this.now() < session.tokenIssuedAt + this.lifetime - this.margin / 2;
  }

  /** When the buttons get disabled: a margin before the newest token expires. */
  deadline(session: PageSession<P>): number {
    return session.tokenIssuedAt + this.lifetime - this.margin;
  }

  /** Disables every live session's buttons (at shutdown), each only while its token is valid. */
  async closeAll(): Promise<void> {
    const live = [...this.sessions.values()];
    for (const s of live) this.forget(s.id);
    await Promise.allSettled(live.map((s) => this.expire(s)));
  }

  private schedule(session: PageSession<P>): void {
    if (session.timer) clearTimeout(session.timer);
    const wait = Math.max(0, this.deadline(session) - this.now());
    session.timer = setTimeout(() => {
      session.timer = null;
      this.sessions.delete(session.id);
      void this.expire(session);
    }, wait);
    // A pending expiry must not keep the process alive at shutdown.
    session.timer.unref?.();
  }

  private async expire(session: PageSession<P>): Promise<void> {
    if (!session.disable || !this.canEdit(session)) return;
    try {
      await session.disable();
    } catch (error) {
      this.onError(error, session);
    }
  }

  private forget(id: string): void {
    const s = this.sessions.get(id);
    if (s?.timer) clearTimeout(s.timer);
    if (s) s.timer = null;
    this.sessions.delete(id);
  }
}
