/**
 * A fake of the Slack servers on 127.0.0.1, one process-local HTTP server for:
 * - the Web API (POST /api/<method>, form or JSON bodies), answering 200 with ok:false for
 *   errors because the real client retries 429/5xx for a long time (DESIGN.md);
 * - response_url (POST /respond/<id>);
 * - files.uploadV2's upload URL (POST /upload/<file id>);
 * - Socket Mode: apps.connections.open hands out ws://127.0.0.1:<port>/socket.
 * Every request is recorded; tests wait for the one they expect.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

export interface Posted {
  path: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeUser {
  id: string;
  name: string;
  display_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
}

type Handler = (args: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>;

export const BOT_USER_ID = 'UBOTMODLAB';
export const TEAM_ID = 'T0CLASS';

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: Posted[] = [];
  readonly uploads: Posted[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Override a method's answer (e.g. auth.test → invalid_auth). */
  readonly handlers = new Map<string, Handler>();
  private server?: Server;
  private wss?: WebSocketServer;
  private socket?: WebSocket;
  private readonly socketAcks = new Map<string, (payload: unknown) => void>();
  private waiters: Array<() => void> = [];
  private ts = 1700000000;
  /** Messages posted so far; the ts of each is unique and (like Slack's) the time it was posted. */
  private messages = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.serve(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        (error: unknown) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: `fake_error: ${String(error)}` }));
        },
      );
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/socket' });
    this.wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (msg.envelope_id) this.socketAcks.get(msg.envelope_id)?.(msg.payload);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0MODLAB' } }));
      this.notify();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.base}/respond/${id}`;
  }

  async stop(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()) ?? resolve());
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first recorded thing `find` returns, or rejects after `ms`. */
  async waitFor<T>(find: () => T | undefined, ms = 5000, what = 'a request'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake Slack: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForCall(method: string, nth = 1, ms?: number): Promise<ApiCall> {
    return this.waitFor(() => this.callsOf(method)[nth - 1], ms, `${method} #${nth}`);
  }

  waitForResponse(id: string, nth = 1, ms?: number): Promise<Posted> {
    return this.waitFor(() => this.responses.filter((r) => r.path === `/respond/${id}`)[nth - 1], ms, `response_url ${id} #${nth}`);
  }

  /** Quiet for `ms`: nothing else arrives (to check that something did NOT happen). */
  async settle(ms = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Socket Mode: sends an envelope to the connected client and resolves with its ack. */
  async sendEnvelope(type: string, payload: unknown, extra: Record<string, unknown> = {}): Promise<unknown> {
    await this.waitFor(() => this.socket, 5000, 'a Socket Mode connection');
    const envelopeId = `env-${++this.ts}`;
    const acked = new Promise<unknown>((resolve) => this.socketAcks.set(envelopeId, resolve));
    this.socket!.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', ...extra }));
    return acked;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async serve(req: IncomingMessage): Promise<{ status: number; body: Record<string, unknown> }> {
    const raw = await readBody(req);
    const url = req.url ?? '/';
    const at = Date.now();
    try {
      if (url.startsWith('/respond/')) {
        this.responses.push({ path: url, body: JSON.parse(raw) as Record<string, unknown>, at });
        return { status: 200, body: { ok: true } };
      }
      if (url.startsWith('/upload/')) {
        this.uploads.push({ path: url, body: { content: raw, type: req.headers['content-type'] ?? '' }, at });
        return { status: 200, body: { ok: true } };
      }
      if (url.startsWith('/api/')) {
        const method = url.slice('/api/'.length).split('?')[0];
        const args = parseArgs(raw, String(req.headers['content-type'] ?? ''));
        this.calls.push({ method, args, at });
        return { status: 200, body: await this.answer(method, args) };
      }
      return { status: 404, body: { ok: false, error: 'not_found' } };
    } finally {
      this.notify();
    }
  }

  private async answer(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const custom = this.handlers.get(method);
    if (custom) return custom(args);
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://class.slack.com/', team: 'Class', user: 'modlab', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: 'B0MODLAB' };
      case 'apps.connections.open':
        return { ok: true, url: `${this.base.replace('http://', 'ws://')}/socket` };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            name: user.name,
            real_name: user.name,
            is_admin: user.is_admin ?? false,
            is_owner: user.is_owner ?? false,
            profile: { display_name: user.display_name ?? user.name, real_name: user.name },
          },
        };
      }
      case 'chat.postMessage':
        // A Slack ts is "seconds.micro" of when the message was posted: an exercise's new
        // thread must look as new as the exercise (src/teaching/thread-time.ts).
        return { ok: true, channel: args.channel, ts: `${Math.floor(Date.now() / 1000)}.${String(++this.messages).padStart(6, '0')}`, message: { text: args.text } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++this.ts}.000200` };
      case 'views.open':
        return { ok: true, view: { id: `V0${++this.ts}` } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.base}/upload/F0${this.ts}`, file_id: `F0${this.ts}` };
      case 'files.completeUploadExternal':
      {
        const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as Array<{ id: string }>;
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.id })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Web API client sends forms whose nested values (blocks) are JSON strings. */
function parseArgs(raw: string, type: string): Record<string, unknown> {
  if (raw === '') return {};
  if (type.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    args[k] = /^[[{]/.test(v) ? tryJson(v) : v;
  }
  return args;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
