import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * A stand-in for Discord on 127.0.0.1, good enough for the real discord.js client: the REST
 * routes a bot uses (gateway discovery, command registration, interaction callbacks, webhook
 * edits and follow-ups) and a JSON gateway (HELLO, IDENTIFY → READY + GUILD_CREATE, HEARTBEAT →
 * ACK, RESUME → RESUMED). It keeps Discord's rules that matter to a bot: an interaction must be
 * acknowledged once, within 3 s; its token works for 15 minutes; REST needs the bot token except
 * on interaction routes. Every REST call is recorded for assertions.
 */

export interface RecordedCall {
  method: string;
  /** The route without the /api/v10 prefix, e.g. /interactions/1/abc/callback. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | null;
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
  /** The fault injected into this call, if any. */
  fault?: Fault['kind'] | 'rate-limited';
}

/**
 * A fault injected into one REST call: an error status before Discord processes the call, an
 * error status after it did (the effect stays; only the response is lost), or no response at all
 * after processing (the client waits until its own timeout).
 */
export type Fault = { kind: 'status-before'; status: number } | { kind: 'status-after'; status: number } | { kind: 'hang-after' };

/**
 * A 429 as Discord sends it: `retry_after` (seconds) in the body and Retry-After, plus either
 * X-RateLimit-Global (the bot's global limit) or a route bucket (X-RateLimit-Bucket, Limit,
 * Remaining 0, Reset-After) with X-RateLimit-Scope user. The call is not processed.
 */
export interface RateLimit {
  retryAfterMs: number;
  global?: boolean;
}

export interface GatewayFrame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

export interface FakeDiscordOptions {
  token: string;
  applicationId?: string;
  guildId?: string;
  heartbeatIntervalMs?: number;
  /** How long an interaction may wait for its first response (Discord: 3 s). */
  ackDeadlineMs?: number;
  /** How long an interaction token works (Discord: 15 min). */
  tokenLifetimeMs?: number;
}

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string;
}

interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  dispatchedAt: number;
  acknowledgedAt: number | null;
  /** The message @original refers to (the reply, or the message a button sits on). */
  originalId: string | null;
  autocompleteChoices?: unknown;
  /** Follow-up messages posted with this interaction's token. */
  followUps: string[];
}

/** What became of an interaction, as its user sees it. */
export interface InteractionOutcome {
  acknowledged: boolean;
  /** The reply (or deferred reply) message as it is now; null when there is none (deleted, never sent). */
  original: Json | null;
  /** Still showing "thinking…" (a deferred reply never edited). */
  thinking: boolean;
  followUps: Json[];
}

type Json = Record<string, unknown>;

const DISCORD_EPOCH = 1420070400000n;

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  readonly received: GatewayFrame[] = [];
  /** Query strings of gateway connections (v, encoding, compress). */
  readonly connections: Array<Record<string, string>> = [];
  readonly messages = new Map<string, Json>();
  readonly commands = new Map<string, Json[]>();
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly botUser: Json;
  private readonly interactions = new Map<string, InteractionRecord>();
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters = new Set<{ test: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly faults: Array<{ test: (c: RecordedCall) => boolean; fault: Fault; times: number }> = [];
  private readonly held = new Set<ServerResponse>();
  private readonly rateLimits: Array<{ test: (c: RecordedCall) => boolean; limit: RateLimit; times: number }> = [];
  private readonly heldSockets = new Set<WebSocket>();
  private gatewayHeld = false;
  private seq = 0;
  private counter = 0;
  private port = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: Required<FakeDiscordOptions>,
  ) {
    this.applicationId = options.applicationId;
    this.guildId = options.guildId;
    this.channelId = this.snowflake();
    this.botUser = { id: this.applicationId, username: 'shiji', discriminator: '0', global_name: '史记', avatar: null, bot: true, flags: 0 };
  }

  static async start(options: FakeDiscordOptions): Promise<FakeDiscord> {
    const server = createServer();
    const fake = new FakeDiscord(server, {
      applicationId: '1100000000000000001',
      guildId: '1200000000000000002',
      heartbeatIntervalMs: 41_250,
      ackDeadlineMs: 3000,
      tokenLifetimeMs: 15 * 60_000,
      ...options,
    });
    server.on('request', (req, res) => void fake.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) return void socket.destroy();
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.onSocket(ws, req));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What DISCORD_API_URL should be: discord.js appends /v10/... to it. */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  /** Gateway connections still open. */
  get openSockets(): number {
    return this.sockets.size;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  snowflake(): string {
    const ms = BigInt(Date.now()) - DISCORD_EPOCH;
    return ((ms << 22n) | BigInt(this.counter++ & 0xfff)).toString();
  }

  user(id: string, username = `user${id.slice(-4)}`): FakeUser {
    return { id, username, global_name: username };
  }

  // ------------------------------------------------------------------------------------------
  // Gateway

  private onSocket(ws: WebSocket, req: IncomingMessage): void {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    this.connections.push(query);
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return void ws.close(4002, 'Decode error');
      let frame: GatewayFrame;
      try {
        frame = JSON.parse(String(raw)) as GatewayFrame;
      } catch {
        return void ws.close(4002, 'Decode error');
      }
      this.received.push(frame);
      this.onFrame(ws, frame);
    });
    if (this.gatewayHeld) this.heldSockets.add(ws);
    else this.hello(ws);
  }

  private hello(ws: WebSocket): void {
    this.send(ws, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
  }

  /**
   * Keeps the gateway down: new connections are accepted but get no HELLO until `releaseGateway()`
   * (discord.js waits 60 s for it), so a bot stays disconnected for as long as a test wants.
   */
  holdGateway(): void {
    this.gatewayHeld = true;
  }

  /** Ends `holdGateway()`: held connections get their HELLO and the bot resumes. */
  releaseGateway(): void {
    this.gatewayHeld = false;
    for (const ws of this.heldSockets) if (ws.readyState === WebSocket.OPEN) this.hello(ws);
    this.heldSockets.clear();
  }

  private onFrame(ws: WebSocket, frame: GatewayFrame): void {
    switch (frame.op) {
      case 1:
        this.send(ws, { op: 11, d: null });
        break;
      case 2: {
        const d = frame.d as Json;
        if (d.token !== this.options.token) return void ws.close(4004, 'Authentication failed');
        this.dispatchTo(ws, 'READY', {
          v: 10,
          user: this.botUser,
          guilds: [{ id: this.guildId, unavailable: true }],
          session_id: randomBytes(8).toString('hex'),
          resume_gateway_url: this.gatewayUrl,
          shard: [0, 1],
          application: { id: this.applicationId, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
          user_settings: {},
        });
        this.dispatchTo(ws, 'GUILD_CREATE', this.guild());
        break;
      }
      case 6:
        this.dispatchTo(ws, 'RESUMED', {});
        break;
      default:
        break;
    }
  }

  private guild(): Json {
    return {
      id: this.guildId,
      name: 'US–Japan beat',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: '1300000000000000003',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [{ id: this.guildId, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '1071698660929', managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'zh-CN',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 3,
      voice_states: [],
      members: [],
      channels: [{ id: this.channelId, type: 0, name: 'news', position: 0, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null, parent_id: null, rate_limit_per_user: 0 }],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private send(ws: WebSocket, frame: GatewayFrame): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
  }

  private dispatchTo(ws: WebSocket, t: string, d: unknown): void {
    this.send(ws, { op: 0, t, s: ++this.seq, d });
  }

  /** Sends a dispatch event to every connected client. */
  dispatch(t: string, d: unknown): void {
    for (const ws of this.sockets) this.dispatchTo(ws, t, d);
  }

  /** Dispatches INTERACTION_CREATE and starts its 3 s clock. */
  interact(payload: Json): { id: string; token: string; dispatchedAt: number } {
    const id = String(payload.id);
    const token = String(payload.token);
    const message = payload.message as Json | undefined;
    const dispatchedAt = Date.now();
    this.interactions.set(token, {
      id,
      token,
      type: Number(payload.type),
      dispatchedAt,
      acknowledgedAt: null,
      originalId: message ? String(message.id) : null,
      followUps: [],
    });
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token, dispatchedAt };
  }

  private base(type: number, data: Json, user: FakeUser, locale: string): Json {
    return {
      id: this.snowflake(),
      application_id: this.applicationId,
      type,
      data,
      guild_id: this.guildId,
      channel_id: this.channelId,
      channel: { id: this.channelId, type: 0, guild_id: this.guildId, name: 'news', permissions: '1071698660929', nsfw: false, parent_id: null },
      member: {
        user: { ...user, discriminator: '0', avatar: null, bot: false },
        roles: [],
        permissions: '1071698660929',
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        communication_disabled_until: null,
      },
      token: `aW50ZXJhY3Rpb246${randomBytes(24).toString('base64url')}`,
      version: 1,
      locale,
      guild_locale: 'zh-CN',
      app_permissions: '1071698660929',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10_485_760,
    };
  }

  private commandId(name: string): string {
    for (const list of this.commands.values()) {
      const found = list.find((c) => c.name === name);
      if (found) return String(found.id);
    }
    return this.snowflake();
  }

  /** A slash command as a user in the guild runs it; string values are type 3, booleans type 5. */
  chatInput(name: string, options: Record<string, string | boolean>, user: FakeUser, locale = 'zh-CN'): Json {
    return this.base(
      2,
      {
        id: this.commandId(name),
        name,
        type: 1,
        guild_id: this.guildId,
        options: Object.entries(options).map(([n, value]) => ({ name: n, type: typeof value === 'boolean' ? 5 : 3, value })),
      },
      user,
      locale,
    );
  }

  autocomplete(name: string, option: string, typed: string, user: FakeUser, locale = 'zh-CN'): Json {
    return this.base(4, { id: this.commandId(name), name, type: 1, options: [{ name: option, type: 3, value: typed, focused: true }] }, user, locale);
  }

  /** A press on a button of a message the bot sent earlier. */
  button(messageId: string, customId: string, user: FakeUser, locale = 'zh-CN'): Json {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`fake-discord: no message ${messageId}`);
    return { ...this.base(3, { custom_id: customId, component_type: 2 }, user, locale), message };
  }

  /** Injects `fault` into the next `times` REST calls that pass `test`. */
  injectFault(test: (c: RecordedCall) => boolean, fault: Fault, times = 1): void {
    this.faults.push({ test, fault, times });
  }

  /** Answers the next `times` REST calls that pass `test` with a 429 (not processed). */
  rateLimit(test: (c: RecordedCall) => boolean, limit: RateLimit, times = 1): void {
    this.rateLimits.push({ test, limit, times });
  }

  /** Closes every gateway connection with `code` (4004: authentication failed, as when a token is reset). */
  closeGateway(code: number, reason = ''): void {
    for (const ws of this.sockets) ws.close(code, reason);
  }

  /** The user's view of an interaction: its reply as it is now, whether it still thinks, its follow-ups. */
  outcome(token: string): InteractionOutcome {
    const rec = this.interactions.get(token);
    const original = rec?.originalId ? (this.messages.get(rec.originalId) ?? null) : null;
    return {
      acknowledged: rec?.acknowledgedAt !== null && rec?.acknowledgedAt !== undefined,
      original,
      thinking: original !== null && (Number(original.flags ?? 0) & 128) !== 0,
      followUps: (rec?.followUps ?? []).map((id) => this.messages.get(id)).filter((m): m is Json => m !== undefined),
    };
  }

  /** When the interaction's first response was accepted, relative to its dispatch (null if never). */
  ackDelay(token: string): number | null {
    const rec = this.interactions.get(token);
    return rec?.acknowledgedAt == null ? null : rec.acknowledgedAt - rec.dispatchedAt;
  }

  /** The message an interaction's @original is now. */
  original(token: string): Json | null {
    const id = this.interactions.get(token)?.originalId;
    return id ? (this.messages.get(id) ?? null) : null;
  }

  // ------------------------------------------------------------------------------------------
  // REST

  /** The first call (already made or yet to come) that passes `test`. */
  waitFor(test: (c: RecordedCall) => boolean, timeoutMs = 5000, what = 'a REST call'): Promise<RecordedCall> {
    const done = this.calls.find(test);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (c: RecordedCall) => {
          clearTimeout(timer);
          resolve(c);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls.map((c) => `${c.method} ${c.path} ${c.status}`).join('\n  ');
        reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}; calls so far:\n  ${seen}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Calls for one interaction token (callback and webhook routes). */
  callsFor(token: string): RecordedCall[] {
    return this.calls.filter((c) => c.path.includes(`/${token}/`) || c.path.endsWith(`/${token}`));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', this.url);
    const path = url.pathname.replace(/^\/api/, '').replace(/^\/v\d+/, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    if ((req.headers['content-type'] ?? '').includes('application/json') && raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization ?? null,
      status: 0,
      at,
    };
    const limited = this.rateLimits.find((r) => r.times > 0 && r.test(call));
    if (limited) {
      limited.times--;
      call.status = 429;
      call.fault = 'rate-limited';
      this.record(call);
      const { retryAfterMs, global = false } = limited.limit;
      const seconds = retryAfterMs / 1000;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'retry-after': String(Math.max(1, Math.ceil(seconds))) };
      if (global) Object.assign(headers, { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
      else
        Object.assign(headers, {
          'x-ratelimit-bucket': `bucket-${call.method}-${call.path.split('/').slice(0, 3).join('-')}`,
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(seconds),
          'x-ratelimit-reset': String((Date.now() + retryAfterMs) / 1000),
          'x-ratelimit-scope': 'user',
        });
      res.writeHead(429, headers).end(JSON.stringify({ message: 'You are being rate limited.', retry_after: seconds, global }));
      return;
    }
    const injected = this.faults.find((f) => f.times > 0 && f.test(call));
    if (injected) injected.times--;
    const fault = injected?.fault;
    if (fault) call.fault = fault.kind;
    let [status, payload] = fault?.kind === 'status-before' ? [fault.status, { message: `${fault.status}: injected`, code: 0 }] : this.route(call);
    if (fault?.kind === 'status-after') [status, payload] = [fault.status, { message: `${fault.status}: injected after processing`, code: 0 }];
    call.status = fault?.kind === 'hang-after' ? 0 : status;
    this.record(call);
    if (fault?.kind === 'hang-after') {
      // Processed, never answered: the client's timeout (or close()) ends it.
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      return;
    }
    if (status === 204) {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload ?? {}));
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (const w of [...this.waiters]) {
      if (w.test(call)) {
        this.waiters.delete(w);
        w.resolve(call);
      }
    }
  }

  private route(call: RecordedCall): [number, unknown] {
    const { method, path } = call;
    let m: RegExpExecArray | null;

    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') return this.callback(m[2] ?? '', call);
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/([^/]+))?$/.exec(path))) {
      return this.webhook(m[2] ?? '', m[4] === undefined ? null : decodeURIComponent(m[4]), call);
    }

    // Everything else is a bot route: it needs the token.
    if (call.authorization !== `Bot ${this.options.token}`) return [401, { message: '401: Unauthorized', code: 0 }];
    if (path === '/gateway/bot' && method === 'GET') {
      return [200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }];
    }
    if (path === '/users/@me' && method === 'GET') return [200, this.botUser];
    // A bot's own message in a channel (the /follow posts): only the guild's channel exists.
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      if (m[1] !== this.channelId) return [404, { message: 'Unknown Channel', code: 10003 }];
      return [200, this.createMessage((call.body ?? {}) as Json)];
    }
    if (path === '/applications/@me' && method === 'GET') return [200, { id: this.applicationId, name: 'shiji', flags: 0, bot: this.botUser }];
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (m[1] !== this.applicationId) return [403, { message: 'Missing Access', code: 50001 }];
      const scope = m[2] ? `guild:${m[2]}` : 'global';
      if (method === 'GET') return [200, this.commands.get(scope) ?? []];
      if (method === 'PUT') {
        if (!Array.isArray(call.body)) return [400, { message: 'Invalid Form Body', code: 50035 }];
        const stored = call.body.map((c: Json) => ({
          ...c,
          id: this.snowflake(),
          application_id: this.applicationId,
          version: this.snowflake(),
          ...(m?.[2] ? { guild_id: m[2] } : {}),
        }));
        this.commands.set(scope, stored);
        return [200, stored];
      }
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }

  private callback(token: string, call: RecordedCall): [number, unknown] {
    const rec = this.interactions.get(token);
    if (!rec || call.at - rec.dispatchedAt > this.options.ackDeadlineMs) return [404, { message: 'Unknown interaction', code: 10062 }];
    if (rec.acknowledgedAt !== null) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
    rec.acknowledgedAt = call.at;
    const body = (call.body ?? {}) as Json;
    const data = (body.data ?? {}) as Json;
    switch (body.type) {
      case 4: // reply
        rec.originalId = this.createMessage(data).id as string;
        break;
      case 5: // deferred reply: "thinking…"
        rec.originalId = this.createMessage({ content: '', flags: (Number(data.flags) || 0) | 128 }).id as string;
        break;
      case 6: // deferred update
        break;
      case 7: // update the component's message
        if (rec.originalId) this.editMessage(rec.originalId, data);
        break;
      case 8:
        rec.autocompleteChoices = data.choices;
        break;
      default:
        return [400, { message: 'Invalid Form Body', code: 50035 }];
    }
    if (call.query.with_response === 'true') {
      return [200, { interaction: { id: rec.id, type: rec.type }, resource: { type: body.type, message: rec.originalId ? this.messages.get(rec.originalId) : undefined } }];
    }
    return [204, null];
  }

  private webhook(token: string, messageId: string | null, call: RecordedCall): [number, unknown] {
    const rec = this.interactions.get(token);
    if (!rec) return [404, { message: 'Unknown Webhook', code: 10015 }];
    if (call.at - rec.dispatchedAt > this.options.tokenLifetimeMs) return [401, { message: 'Invalid Webhook Token', code: 50027 }];
    if (rec.acknowledgedAt === null) return [404, { message: 'Unknown Webhook', code: 10015 }];
    const id = messageId === '@original' ? rec.originalId : messageId;
    if (messageId === null) {
      if (call.method !== 'POST') return [405, { message: '405: Method Not Allowed', code: 0 }];
      const message = this.createMessage((call.body ?? {}) as Json);
      rec.followUps.push(String(message.id));
      return [200, message];
    }
    if (!id || !this.messages.has(id)) return [404, { message: 'Unknown Message', code: 10008 }];
    if (call.method === 'GET') return [200, this.messages.get(id)];
    if (call.method === 'PATCH') return [200, this.editMessage(id, (call.body ?? {}) as Json)];
    if (call.method === 'DELETE') {
      this.messages.delete(id);
      return [204, null];
    }
    return [405, { message: '405: Method Not Allowed', code: 0 }];
  }

  private createMessage(data: Json): Json {
    const message: Json = {
      id: this.snowflake(),
      type: 20,
      channel_id: this.channelId,
      guild_id: this.guildId,
      author: this.botUser,
      content: data.content ?? '',
      embeds: data.embeds ?? [],
      components: data.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: data.flags ?? 0,
      webhook_id: this.applicationId,
      application_id: this.applicationId,
    };
    this.messages.set(String(message.id), message);
    return message;
  }

  private editMessage(id: string, data: Json): Json {
    const old = this.messages.get(id) ?? {};
    const next: Json = { ...old, edited_timestamp: new Date().toISOString() };
    for (const key of ['content', 'embeds', 'components', 'attachments'] as const) if (key in data) next[key] = data[key];
    // The "thinking…" flag goes once the deferred reply is edited.
    next.flags = Number(old.flags ?? 0) & ~128;
    this.messages.set(id, next);
    return next;
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
