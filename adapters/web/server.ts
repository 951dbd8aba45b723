/**
 * The instructors' dashboard (issue 13): a fastify app, server-rendered pages, mounted by
 * the bot process on MODLAB_HTTP_PORT beside /healthz and /metrics (adapters/web/ops.ts).
 * Sign-in is a one-time link from `/modlab dashboard` (src/teaching/dashboard-link.ts); the
 * session is a signed, secure, http-only cookie scoped to one workspace, and every page
 * reads only that workspace. Live updates are server-sent events; the instructor's actions
 * (start an exercise in a channel, reset a thread's exercise, reboot, reveal a quiz) go
 * through app.perform like the chat command, with its checks, and are posted in the chat.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { App } from '../../src/app/app';
import type { ClassView } from '../../src/teaching/class-view';
import type { Clock } from '../../src/contracts/clock';
import { SESSION_TTL_MS, signGrant, verifyGrant, type DashboardGrant } from '../../src/teaching/dashboard-link';
import { conversationPage, conversationsTable, csv, esc, liveScript, page, quizRows, scoresTable, workspaceQuizResults } from './html';
import { startForm, outcomePage } from './actions-html';
import type { Invocation } from '../../src/contracts/invocation';
import type { Reply } from '../../src/contracts/reply';

export const SESSION_COOKIE = 'modlab_session';
/** How often the event stream looks for changes in the workspace's conversations. */
export const EVENTS_POLL_MS = 1000;
/** Used sign-in nonces remembered by an app without a shared store (a link works once; links expire in minutes anyway). */
const USED_NONCES = 10_000;
/** A used nonce is kept a little past its link's expiry (clocks of several processes differ). */
const NONCE_MARGIN_MS = 60_000;

export interface DashboardOptions {
  app: App;
  secret: string;
  clock: Clock;
  /** Events poll interval, ms (tests shorten it). */
  pollMs?: number;
}

type Session = DashboardGrant;

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of String(request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export function createDashboard(options: DashboardOptions): FastifyInstance {
  const { app, secret, clock } = options;
  const view: ClassView | undefined = app.classView;
  const used = new Set<string>();
  /**
   * True the first time any process on this store sees NONCE: the store keeps it (a lease
   * that expires after its link), so a link used on one bot process is refused by the others.
   */
  const firstUse = async (grant: DashboardGrant): Promise<boolean> => {
    if (app.firstTime) return app.firstTime(`dashboard-link:${grant.nonce}`, Math.max(0, grant.exp - clock()) + NONCE_MARGIN_MS);
    if (used.has(grant.nonce)) return false;
    if (used.size >= USED_NONCES) used.clear();
    used.add(grant.nonce);
    return true;
  };
  const server = Fastify({ logger: false, bodyLimit: 4096 });
  // The pages' forms: the action is in the path, its fields (the start form's) in the body.
  server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));

  const session = (request: FastifyRequest): Session | undefined => {
    const token = cookieOf(request, SESSION_COOKIE);
    if (!token) return undefined;
    const grant = verifyGrant(secret, token, 'session', clock());
    return typeof grant === 'string' ? undefined : grant;
  };
  const refuse = (reply: FastifyReply, status: number, text: string, by = 'nobody'): FastifyReply =>
    reply.code(status).type('text/html; charset=utf-8').send(page('Modlab dashboard', by, `<p id="refused">${text}</p>`));
  /** The session, or a refusal already sent. */
  const signedIn = (request: FastifyRequest, reply: FastifyReply): Session | undefined => {
    const s = session(request);
    if (!s) void refuse(reply, 401, 'Not signed in. Ask for a link with <code>/modlab dashboard</code> in your class\'s chat.');
    return s;
  };

  server.get('/dashboard/login', async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).token ?? '');
    const grant = verifyGrant(secret, token, 'link', clock());
    if (grant === 'forged') return refuse(reply, 403, 'This sign-in link is not valid.');
    if (grant === 'expired') return refuse(reply, 403, 'This sign-in link has expired. Ask for a new one with <code>/modlab dashboard</code>.');
    if (!(await firstUse(grant))) return refuse(reply, 403, 'This sign-in link was already used. Ask for a new one with <code>/modlab dashboard</code>.');
    const cookie = signGrant(secret, { kind: 'session', platform: grant.platform, workspace: grant.workspace, by: grant.by, exp: clock() + SESSION_TTL_MS });
    return reply
      .header('set-cookie', `${SESSION_COOKIE}=${cookie}; Path=/dashboard; HttpOnly; Secure; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}`)
      .redirect('/dashboard', 303);
  });

  server.get('/dashboard', async (request, reply) => {
    const s = signedIn(request, reply);
    if (!s || !view) return reply;
    const conversations = await view.conversations(s.platform, s.workspace);
    const body = conversationsTable(conversations, clock()) + startForm(view.exercises(), conversations);
    return reply.type('text/html; charset=utf-8').send(page(`Class ${s.workspace}`, s.by, body, liveScript('/dashboard/table', 'conversations')));
  });

  server.get('/dashboard/table', async (request, reply) => {
    const s = signedIn(request, reply);
    if (!s || !view) return reply;
    return reply.type('text/html; charset=utf-8').send(conversationsTable(await view.conversations(s.platform, s.workspace), clock()));
  });

  server.get('/dashboard/scores', async (request, reply) => {
    const s = signedIn(request, reply);
    if (!s || !view) return reply;
    const scores = await view.scores({ platform: s.platform, workspace: s.workspace, channel: '' });
    const results = await view.quizResults(s.platform, s.workspace);
    return reply.type('text/html; charset=utf-8').send(page('Quiz scores', s.by, `${scoresTable(scores)}<h2>Every quiz, per question and per student</h2>${workspaceQuizResults(results)}`));
  });

  server.get('/dashboard/quizzes.csv', async (request, reply) => {
    const s = signedIn(request, reply);
    if (!s || !view) return reply;
    const rows = quizRows(await view.quizResults(s.platform, s.workspace));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="modlab-quizzes.csv"').send(csv(rows));
  });

  server.get('/dashboard/scores.csv', async (request, reply) => {
    const s = signedIn(request, reply);
    if (!s || !view) return reply;
    const scores = await view.scores({ platform: s.platform, workspace: s.workspace, channel: '' });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="modlab-scores.csv"')
      .send(csv([['student', 'right', 'answered'], ...scores.map((x) => [x.name, x.correct, x.answered])]));
  });

  server.get('/dashboard/exercises.csv', async (request, reply) => {
    const s = signedIn(request, reply);
    if (!s || !view) return reply;
    const rows: Array<Array<string | number>> = [['conversation', 'exercise', 'state', 'started_by', 'contributor', 'commands', 'restarts']];
    for (const c of await view.conversations(s.platform, s.workspace)) {
      if (!c.exercise) continue;
      const people = c.exercise.contributors.length ? c.exercise.contributors : [{ name: '', commands: 0 }];
      for (const p of people) rows.push([c.name, c.exercise.id, c.exercise.state, c.exercise.startedBy, p.name, p.commands, c.exercise.restarts]);
    }
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="modlab-exercises.csv"').send(csv(rows));
  });

  const conversationOf = async (request: FastifyRequest, reply: FastifyReply): Promise<{ s: Session; scope: NonNullable<Awaited<ReturnType<ClassView['find']>>> } | undefined> => {
    const s = signedIn(request, reply);
    if (!s || !view) return undefined;
    const key = String((request.params as Record<string, unknown>).key ?? '');
    const scope = await view.find(s.platform, s.workspace, key);
    if (!scope) {
      void refuse(reply, 404, 'No such conversation in this workspace.');
      return undefined;
    }
    return { s, scope };
  };

  server.get('/dashboard/c/:key', async (request, reply) => {
    const found = await conversationOf(request, reply);
    if (!found || !view) return reply;
    const { view: v, history, dmesg, quizzes } = await view.conversation(found.scope);
    return reply.type('text/html; charset=utf-8').send(page(`Conversation ${v.name}`, found.s.by, conversationPage(v, history, dmesg, quizzes)));
  });

  server.get('/dashboard/c/:key/graph.png', async (request, reply) => {
    const found = await conversationOf(request, reply);
    if (!found || !view) return reply;
    const png = await view.picture(found.scope);
    if (!png.ok) return reply.code(503).type('text/plain').send(`The picture cannot be drawn right now: ${png.why}.`);
    return reply.type('image/png').send(Buffer.from(png.value));
  });

  server.get('/dashboard/c/:key/machine.json', async (request, reply) => {
    const found = await conversationOf(request, reply);
    if (!found || !view) return reply;
    const { view: v, history, machine } = await view.snapshot(found.scope);
    return reply
      .header('content-disposition', `attachment; filename="modlab-machine-${v.name.replace(/[^\w.-]/g, '_')}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ conversation: v.name, scope: v.scope, modules: v.modules, tainted: v.tainted, history, machine }, null, 1));
  });

  /** The instructor's action as the chat command, through the app's path (access, flood limits, store update), posted in the chat. */
  const perform = (scope: Invocation['scope'], by: string, command: string, text: string): Promise<Reply> =>
    (app.perform ?? app.handle).call(app, {
      id: `dashboard-${clock()}-${Math.random().toString(36).slice(2, 8)}`,
      scope,
      user: { id: `dashboard:${by}`, name: by, roles: ['instructor'] },
      input: { kind: 'command', command, text },
    });
  const refused = (answer: Reply): string | undefined => {
    for (const b of answer.blocks) if (b.kind === 'notice' && b.level === 'error') return b.text;
    return undefined;
  };

  /** An action on one conversation; back to its page, or the command's refusal. */
  const act = (path: string, command: string, text: string): void => {
    server.post(`/dashboard/c/:key/${path}`, async (request, reply) => {
      const found = await conversationOf(request, reply);
      if (!found) return reply;
      const why = refused(await perform(found.scope, found.s.by, command, text));
      if (why) return refuse(reply, 409, esc(why), found.s.by);
      return reply.redirect(`/dashboard/c/${encodeURIComponent(String((request.params as Record<string, unknown>).key))}`, 303);
    });
  };
  act('reboot', 'modlab', 'reboot');
  act('reveal', 'quiz', 'reveal');
  act('reset', 'exercise', 'reset');

  // Start an exercise in one of the workspace's channels, as /exercise start there: the
  // task is posted in the channel and its thread opened and claimed (app.perform).
  server.post('/dashboard/start', async (request, reply) => {
    const s = signedIn(request, reply);
    if (!s || !view) return reply;
    const form = (request.body ?? {}) as Record<string, unknown>;
    const exercise = String(form.exercise ?? '');
    const channel = await view.find(s.platform, s.workspace, String(form.channel ?? ''));
    if (!channel || channel.thread) return refuse(reply, 404, 'No such channel in this workspace.', s.by);
    const answer = await perform(channel, s.by, 'exercise', `start ${exercise}`);
    const why = refused(answer);
    if (why) return refuse(reply, 409, esc(why), s.by);
    return reply.type('text/html; charset=utf-8').send(page('Exercise started', s.by, outcomePage(answer)));
  });

  server.get('/dashboard/events', async (request, reply) => {
    const s = signedIn(request, reply);
    if (!s || !view) return reply;
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    out.write(': modlab\n\n');
    let last: string | undefined;
    let busy = false;
    const look = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        const views = await view.conversations(s.platform, s.workspace);
        const print = views.map((v) => `${v.key}@${v.updatedAt}`).join(',');
        if (last !== undefined && print !== last) out.write(`event: changed\ndata: ${views.length}\n\n`);
        last = print;
      } catch {
        // the store hiccuped: look again at the next tick
      } finally {
        busy = false;
      }
    };
    await look();
    const timer = setInterval(() => void look(), options.pollMs ?? EVENTS_POLL_MS);
    request.raw.on('close', () => clearInterval(timer));
  });

  return server;
}
