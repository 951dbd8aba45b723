/**
 * A fake Discord on 127.0.0.1 for end-to-end tests through the real discord.js: the REST
 * routes Modlab uses (gateway/bot, users/@me, application commands, interaction callbacks,
 * webhooks for edits and follow-ups, channel messages, threads) and a gateway WebSocket
 * (HELLO, IDENTIFY, heartbeats, READY, GUILD_CREATE, dispatches such as INTERACTION_CREATE).
 *
 * It keeps Discord's rules that matter to Modlab: an interaction must be acknowledged within
 * 3 s (else 10062 Unknown interaction) and only once (else 40060), message content is at
 * most 2000 characters (else 50035), and REST calls need the bot token (else 401).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';

export const ACK_DEADLINE_MS = 3000;
const CONTENT_LIMIT = 2000;

/** Discord's epoch (2015-01-01), so snowflakes carry a plausible time. */
const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 text channel, 11 public thread. */
  type: 0 | 11;
  parentId?: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  /** Role ids that exist besides @everyone. */
  roles: string[];
}

export interface FakeMember {
  id: string;
  username: string;
  nick?: string;
  roles?: string[];
  /** Permission bitfield as Discord sends it (a decimal string). */
  permissions?: string;
}

export interface FakeFile {
  name: string;
  text: string;
}

export interface InteractionEvent {
  kind: 'callback' | 'edit' | 'followup' | 'delete';
  /** For callbacks, the callback type (4 message, 5 deferred, 8 autocomplete, 9 modal). */
  type?: number;
  body: Record<string, unknown>;
  files: FakeFile[];
  at: number;
  /** The HTTP status the fake answered. */
  status: number;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  flags: number;
  components: unknown[];
  author: Record<string, unknown>;
  [key: string]: unknown;
}

interface InteractionRecord {
  id: string;
  token: string;
  createdAt: number;
  channelId: string;
  events: InteractionEvent[];
  original?: FakeMessage;
  acknowledged: boolean;
}

export interface RestCall {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeDiscordOptions {
  token?: string;
  guilds?: FakeGuild[];
  /** Delay of every REST answer, ms (a slow network). */
  restDelayMs?: number;
}

export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly botUser = { id: this.applicationId, username: 'Modlab', discriminator: '0', global_name: null, avatar: null, bot: true };
  readonly guilds: FakeGuild[];
  readonly restCalls: RestCall[] = [];
  /** Registered commands by route: "global" or the guild id. */
  readonly commands = new Map<string, Array<Record<string, unknown>>>();
  readonly messages = new Map<string, FakeMessage[]>();
  readonly identifies: Array<Record<string, unknown>> = [];
  restDelayMs: number;

  private server?: Server;
  private wss?: WebSocketServer;
  private sockets = new Set<WebSocket>();
  /** The [shard_id, num_shards] each socket identified with (absent: unsharded, sees every guild). */
  private shardOf = new Map<WebSocket, [number, number]>();
  private sequence = 0;
  private interactions = new Map<string, InteractionRecord>();
  private byToken = new Map<string, InteractionRecord>();

  constructor(options: FakeDiscordOptions = {}) {
    super();
    this.token = options.token ?? 'fake-token.modlab';
    this.restDelayMs = options.restDelayMs ?? 0;
    this.guilds = options.guilds ?? [defaultGuild()];
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.route(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket) => this.gateway(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** What DISCORD_API_URL is set to (discord.js appends /v10/…). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()));
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  /* ------------------------------------------------------------------------------ */
  /* Gateway                                                                          */

  private gateway(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.shardOf.delete(socket);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null }));
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      switch (packet.op) {
        case 1:
          socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
          break;
        case 2:
          this.identifies.push(packet.d);
          if (packet.d.token !== this.token) {
            socket.close(4004, 'Authentication failed.');
            return;
          }
          if (Array.isArray(packet.d.shard)) this.shardOf.set(socket, packet.d.shard as [number, number]);
          this.send(socket, 'READY', {
            v: 10,
            user: this.botUser,
            guilds: this.guilds.filter((g) => this.serves(socket, g.id)).map((g) => ({ id: g.id, unavailable: true })),
            session_id: 'fake-session',
            resume_gateway_url: `ws://127.0.0.1:${this.port}`,
            application: { id: this.applicationId, flags: 0 },
            private_channels: [],
          });
          for (const guild of this.guilds.filter((g) => this.serves(socket, g.id))) this.send(socket, 'GUILD_CREATE', guildPayload(guild, this.botUser.id));
          this.emit('ready');
          break;
        default:
          break;
      }
    });
  }

  private send(socket: WebSocket, t: string, d: unknown): void {
    this.sequence += 1;
    socket.send(JSON.stringify({ op: 0, t, s: this.sequence, d }));
  }

  /** Sends a dispatch to every connection, or (GUILD_ID given) to the shard that serves that guild, as Discord routes them. */
  dispatch(t: string, d: unknown, guildId?: string): void {
    for (const socket of this.sockets) if (guildId === undefined || this.serves(socket, guildId)) this.send(socket, t, d);
  }

  /** Discord's sharding formula: shard_id = (guild_id >> 22) % num_shards. */
  private serves(socket: WebSocket, guildId: string): boolean {
    const shard = this.shardOf.get(socket);
    return shard === undefined || Number((BigInt(guildId) >> 22n) % BigInt(shard[1])) === shard[0];
  }

  /** How many connections identified, with which shard pair (undefined: unsharded). */
  get connections(): Array<[number, number] | undefined> {
    return [...this.sockets].map((s) => this.shardOf.get(s));
  }

  /* ------------------------------------------------------------------------------ */
  /* Interactions                                                                     */

  /**
   * Sends an INTERACTION_CREATE as Discord would. `data` is the interaction's data;
   * `type` 2 command, 3 component, 4 autocomplete, 5 modal submit.
   */
  interact(options: {
    type: 2 | 3 | 4 | 5;
    data: Record<string, unknown>;
    channelId: string;
    member?: FakeMember;
    /** A DM: no guild, a user instead of a member. */
    dm?: boolean;
    message?: Record<string, unknown>;
    /** How long ago Discord created it (an interaction that reaches the bot late). */
    ageMs?: number;
  }): { id: string; token: string } {
    const id = snowflake();
    const token = `itoken-${id}`;
    const member = options.member ?? STUDENT;
    const user = { id: member.id, username: member.username, discriminator: '0', global_name: null, avatar: null };
    const channel = this.channel(options.channelId);
    const guild = this.guilds.find((g) => g.channels.some((c) => c.id === options.channelId));
    const payload: Record<string, unknown> = {
      id,
      application_id: this.applicationId,
      type: options.type,
      data: options.data,
      token,
      version: 1,
      locale: 'en-US',
      app_permissions: '2248473465835073',
      entitlements: [],
      attachment_size_limit: 10485760,
    };
    if (options.dm) {
      payload.user = user;
      payload.channel_id = options.channelId;
      payload.channel = { id: options.channelId, type: 1, recipients: [user] };
      payload.context = 1;
      payload.authorizing_integration_owners = { '0': '' };
    } else {
      payload.guild_id = guild?.id;
      payload.guild_locale = 'en-US';
      payload.guild = { id: guild?.id, locale: 'en-US', features: [] };
      payload.channel_id = options.channelId;
      payload.channel = channel ? channelPayload(channel, guild!.id) : { id: options.channelId, type: 0 };
      payload.member = {
        user,
        roles: member.roles ?? [],
        permissions: member.permissions ?? STUDENT_PERMISSIONS,
        nick: member.nick ?? null,
        avatar: null,
        joined_at: new Date(0).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
      };
      payload.context = 0;
      payload.authorizing_integration_owners = { '0': guild?.id };
    }
    if (options.message) payload.message = options.message;
    const record: InteractionRecord = { id, token, createdAt: Date.now() - (options.ageMs ?? 0), channelId: options.channelId, events: [], acknowledged: false };
    this.interactions.set(id, record);
    this.byToken.set(token, record);
    this.dispatch('INTERACTION_CREATE', payload, options.dm ? undefined : guild?.id);
    return { id, token };
  }

  events(id: string): InteractionEvent[] {
    return this.interactions.get(id)?.events ?? [];
  }

  /** Milliseconds from INTERACTION_CREATE to an event of it. */
  elapsed(id: string, event: InteractionEvent): number {
    return event.at - (this.interactions.get(id)?.createdAt ?? event.at);
  }

  original(id: string): FakeMessage | undefined {
    return this.interactions.get(id)?.original;
  }

  /** Resolves when `predicate` holds for the interaction's events (checked on every new one). */
  waitFor(id: string, predicate: (events: InteractionEvent[]) => boolean, timeoutMs = 8000): Promise<InteractionEvent[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const events = this.events(id);
        if (!predicate(events)) return false;
        this.off('interaction-event', check);
        clearTimeout(timer);
        resolve(events);
        return true;
      };
      const timer = setTimeout(() => {
        this.off('interaction-event', check);
        reject(new Error(`interaction ${id}: condition not met in ${timeoutMs} ms; events: ${JSON.stringify(this.events(id).map((e) => [e.kind, e.type, e.status]))}`));
      }, timeoutMs);
      if (!check()) this.on('interaction-event', check);
    });
  }

  /**
   * The answer the user finally sees: an immediate message (callback 4), the edit of a
   * deferred reply, or a follow-up; with the time it took from INTERACTION_CREATE.
   */
  async answer(id: string, timeoutMs = 8000): Promise<{ body: Record<string, unknown>; files: FakeFile[]; events: InteractionEvent[]; ms: number }> {
    const final = (e: InteractionEvent) =>
      (e.kind === 'callback' && (e.type === 4 || e.type === 8 || e.type === 9) && e.status < 300) ||
      e.kind === 'followup' ||
      (e.kind === 'edit' && !String(e.body.content ?? '').includes('answered privately'));
    const events = await this.waitFor(id, (es) => es.some(final), timeoutMs);
    const event = events.find(final)!;
    const data = (event.kind === 'callback' ? (event.body.data as Record<string, unknown>) : event.body) ?? {};
    return { body: data, files: event.files, events, ms: event.at - this.interactions.get(id)!.createdAt };
  }

  /**
   * Resolves with the first message the bot posts itself (POST /channels/{id}/messages, not
   * an interaction response) to `channelId` that satisfies `predicate`, already posted or not.
   */
  waitForPost(channelId: string, predicate: (message: FakeMessage) => boolean = () => true, timeoutMs = 8000): Promise<FakeMessage> {
    const posted = (): FakeMessage | undefined =>
      (this.messages.get(channelId) ?? []).find((msg) => msg.type === 0 && predicate(msg));
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = posted();
        if (!found) return;
        this.off('channel-message', check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.off('channel-message', check);
        reject(new Error(`no matching post in channel ${channelId} within ${timeoutMs} ms; posts: ${JSON.stringify((this.messages.get(channelId) ?? []).filter((msg) => msg.type === 0).map((msg) => msg.content.slice(0, 80)))}`));
      }, timeoutMs);
      this.on('channel-message', check);
      check();
    });
  }

  /* ------------------------------------------------------------------------------ */
  /* REST                                                                             */

  private channel(id: string): FakeChannel | undefined {
    for (const g of this.guilds) {
      const c = g.channels.find((ch) => ch.id === id);
      if (c) return c;
    }
    return undefined;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const { body, files } = await parseBody(raw, String(req.headers['content-type'] ?? ''));
    this.restCalls.push({ method, path, body });
    if (this.restDelayMs > 0) await new Promise((r) => setTimeout(r, this.restDelayMs));
    const json = (status: number, value?: unknown) => {
      res.writeHead(status, value === undefined ? {} : { 'content-type': 'application/json' });
      res.end(value === undefined ? undefined : JSON.stringify(value));
    };
    const authorised = req.headers.authorization === `Bot ${this.token}`;
    const unauthorised = () => json(401, { message: '401: Unauthorized', code: 0 });
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      if (!authorised) return unauthorised();
      return json(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return authorised ? json(200, this.botUser) : unauthorised();

    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (!authorised) return unauthorised();
      if (m[1] !== this.applicationId) return json(403, { message: 'Missing Access', code: 50001 });
      const key = m[2] ?? 'global';
      if (m[2] && !this.guilds.some((g) => g.id === m![2])) return json(403, { message: 'Missing Access', code: 50001 });
      if (method === 'PUT') {
        const list = (body as Array<Record<string, unknown>>).map((c) => ({
          ...c,
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          ...(m![2] ? { guild_id: m![2] } : {}),
        }));
        this.commands.set(key, list);
        return json(200, list);
      }
      if (method === 'GET') return json(200, this.commands.get(key) ?? []);
    }

    if (method === 'POST' && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const record = this.interactions.get(m[1]);
      const at = Date.now();
      const b = body as { type: number; data?: Record<string, unknown> };
      if (!record || record.token !== m[2] || at - record.createdAt > ACK_DEADLINE_MS) {
        record?.events.push({ kind: 'callback', type: b.type, body: b, files, at, status: 404 });
        this.emit('interaction-event');
        return json(404, { message: 'Unknown interaction', code: 10062 });
      }
      if (record.acknowledged) {
        record.events.push({ kind: 'callback', type: b.type, body: b, files, at, status: 400 });
        this.emit('interaction-event');
        return json(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      }
      const invalid = this.invalidMessage(b.data);
      if (invalid) return json(400, invalid);
      record.acknowledged = true;
      if (b.type === 4 || b.type === 5) {
        record.original = this.message(record.channelId, b.type === 5 ? { flags: ((b.data?.flags as number) ?? 0) | 128 } : b.data ?? {}, files);
      }
      record.events.push({ kind: 'callback', type: b.type, body: b, files, at, status: 204 });
      this.emit('interaction-event');
      if (url.searchParams.get('with_response') === 'true') {
        return json(200, { interaction: { id: record.id, type: 2 }, resource: { type: b.type, message: record.original } });
      }
      return json(204);
    }

    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))) {
      const record = this.byToken.get(m[2]);
      if (!record || m[1] !== this.applicationId) return json(404, { message: 'Unknown Webhook', code: 10015 });
      const at = Date.now();
      if (!record.acknowledged) return json(404, { message: 'Unknown Webhook', code: 10015 });
      if (m[3] === '@original') {
        if (!record.original) return json(404, { message: 'Unknown Message', code: 10008 });
        if (method === 'GET') return json(200, record.original);
        if (method === 'DELETE') {
          record.events.push({ kind: 'delete', body: {}, files, at, status: 204 });
          record.original = undefined;
          this.emit('interaction-event');
          return json(204);
        }
        if (method === 'PATCH') {
          const invalid = this.invalidMessage(body as Record<string, unknown>);
          if (invalid) return json(400, invalid);
          const patch = body as Record<string, unknown>;
          Object.assign(record.original, patch, { flags: record.original.flags & ~128, edited_timestamp: new Date().toISOString() });
          if (files.length) record.original.attachments = files.map((f) => attachment(f));
          record.events.push({ kind: 'edit', body: patch, files, at, status: 200 });
          this.emit('interaction-event');
          return json(200, record.original);
        }
      }
      if (method === 'POST' && m[3] === undefined) {
        const invalid = this.invalidMessage(body as Record<string, unknown>);
        if (invalid) return json(400, invalid);
        const message = this.message(record.channelId, body as Record<string, unknown>, files);
        record.events.push({ kind: 'followup', body: body as Record<string, unknown>, files, at, status: 200 });
        this.emit('interaction-event');
        return json(200, message);
      }
    }

    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') {
      if (!authorised) return unauthorised();
      if (!this.channel(m[1])) return json(404, { message: 'Unknown Channel', code: 10003 });
      const invalid = this.invalidMessage(body as Record<string, unknown>);
      if (invalid) return json(400, invalid);
      const posted = this.message(m[1], body as Record<string, unknown>, files, 0);
      this.emit('channel-message', posted);
      return json(200, posted);
    }

    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === 'POST') {
      if (!authorised) return unauthorised();
      const parent = this.channel(m[1]);
      const guild = this.guilds.find((g) => g.channels.some((c) => c.id === m![1]));
      if (!parent || !guild) return json(404, { message: 'Unknown Channel', code: 10003 });
      const thread: FakeChannel = { id: m[2], name: String((body as { name?: string }).name), type: 11, parentId: parent.id };
      guild.channels.push(thread);
      this.emit('thread', thread);
      return json(201, channelPayload(thread, guild.id));
    }

    json(404, { message: '404: Not Found', code: 0 });
  }

  /** Discord's 50035 for content over 2000 characters. */
  private invalidMessage(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    const content = data?.content;
    if (typeof content === 'string' && content.length > CONTENT_LIMIT) {
      return {
        message: 'Invalid Form Body',
        code: 50035,
        errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
      };
    }
    return undefined;
  }

  /** A message the bot sent: type 20 (a command's reply) by interaction, 0 (default) by POST /channels/{id}/messages. */
  private message(channelId: string, data: Record<string, unknown>, files: FakeFile[], type: 0 | 20 = 20): FakeMessage {
    const message: FakeMessage = {
      id: snowflake(),
      type,
      channel_id: channelId,
      author: this.botUser,
      content: String(data.content ?? ''),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: files.map((f) => attachment(f)),
      embeds: [],
      pinned: false,
      flags: Number(data.flags ?? 0),
      components: (data.components as unknown[]) ?? [],
      application_id: this.applicationId,
      webhook_id: this.applicationId,
    };
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
    return message;
  }
}

function attachment(f: FakeFile): Record<string, unknown> {
  return { id: snowflake(), filename: f.name, size: Buffer.byteLength(f.text), url: `https://cdn.invalid/${f.name}`, proxy_url: `https://cdn.invalid/${f.name}` };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart with payload_json and files[n] (how discord.js sends attachments). */
async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: FakeFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: FakeFile[] = [];
    let body: unknown;
    for (const [name, value] of form.entries()) {
      if (name === 'payload_json') body = JSON.parse(String(value));
      else if (typeof value !== 'string') files.push({ name: (value as File).name, text: await (value as Blob).text() });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

/* -------------------------------------------------------------------------------- */
/* Fixtures                                                                           */

export const GUILD_ID = '1100000000000000001';
export const CHANNEL_ID = '1100000000000000002';
export const THREAD_ID = '1100000000000000003';
export const OTHER_CHANNEL_ID = '1100000000000000004';
export const DM_CHANNEL_ID = '1100000000000000005';
export const INSTRUCTOR_ROLE_ID = '1100000000000000006';

/** VIEW_CHANNEL | SEND_MESSAGES | USE_APPLICATION_COMMANDS | … : what @everyone has by default. */
export const STUDENT_PERMISSIONS = '2248473465835073';
/** The same plus MANAGE_CHANNELS (1 << 4). */
export const MANAGER_PERMISSIONS = (BigInt(STUDENT_PERMISSIONS) | 16n).toString();

export const STUDENT: FakeMember = { id: '1200000000000000001', username: 'alice' };
export const ROLE_INSTRUCTOR: FakeMember = { id: '1200000000000000002', username: 'bob', nick: 'Prof Bob', roles: [INSTRUCTOR_ROLE_ID] };
export const MANAGER: FakeMember = { id: '1200000000000000003', username: 'carol', permissions: MANAGER_PERMISSIONS };

export function defaultGuild(): FakeGuild {
  return {
    id: GUILD_ID,
    name: 'Kernel class',
    roles: [INSTRUCTOR_ROLE_ID],
    channels: [
      { id: CHANNEL_ID, name: 'lab', type: 0 },
      { id: THREAD_ID, name: 'lab-team-1', type: 11, parentId: CHANNEL_ID },
      { id: OTHER_CHANNEL_ID, name: 'lab-2', type: 0 },
    ],
  };
}

function channelPayload(c: FakeChannel, guildId: string): Record<string, unknown> {
  if (c.type === 11) {
    return {
      id: c.id,
      type: 11,
      guild_id: guildId,
      parent_id: c.parentId,
      name: c.name,
      owner_id: STUDENT.id,
      member_count: 1,
      message_count: 0,
      rate_limit_per_user: 0,
      flags: 0,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
    };
  }
  return { id: c.id, type: 0, guild_id: guildId, name: c.name, position: 0, permission_overwrites: [], nsfw: false, parent_id: null, flags: 0 };
}

function guildPayload(g: FakeGuild, botId: string): Record<string, unknown> {
  const role = (id: string, name: string, permissions: string, position: number) => ({
    id,
    name,
    permissions,
    position,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
  });
  return {
    id: g.id,
    name: g.name,
    icon: null,
    owner_id: MANAGER.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [role(g.id, '@everyone', STUDENT_PERMISSIONS, 0), ...g.roles.map((id, i) => role(id, `role-${i}`, '0', i + 1))],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [
      {
        user: { id: botId, username: 'Modlab', discriminator: '0', bot: true, avatar: null },
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      },
    ],
    channels: g.channels.filter((c) => c.type !== 11).map((c) => channelPayload(c, g.id)),
    threads: g.channels.filter((c) => c.type === 11).map((c) => channelPayload(c, g.id)),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
