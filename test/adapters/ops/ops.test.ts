/** Operating the bot: one log line per invocation, Prometheus metrics, /healthz and /metrics. */
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import type { App } from '../../../src/app/app';
import type { Invocation } from '../../../src/contracts/invocation';
import type { Logger } from '../../../src/contracts/logger';
import { noticeReply, textReply } from '../../../src/contracts/reply';
import { jsonLogger, logSetting } from '../../../adapters/log';
import { createMetrics } from '../../../adapters/ops/metrics';
import { observe } from '../../../adapters/ops/observe';
import { httpServer, opsRoutes } from '../../../adapters/web/ops';

function lines(): { stream: Writable; read(): Array<Record<string, unknown>> } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, read: () => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

function invocation(id: string, command: string): Invocation {
  return { id, scope: { platform: 'discord', workspace: 'g1', channel: 'c1' }, user: { id: 'u1', name: 'ada', roles: ['student'] }, input: { kind: 'command', command, text: '' } };
}

/** An app that fails /lsmod with a store error, logged the way the bot logs it. */
function fakeApp(logger: Logger): App {
  return {
    commands: [],
    async handle(inv) {
      if (inv.input.kind === 'command' && inv.input.command === 'lsmod') {
        logger.warn('store down', { code: 'store-unavailable', invocation: inv.id });
        return noticeReply('error', "Modlab's store is unavailable right now");
      }
      return textReply('ok');
    },
    complete: async () => [],
    health: async () => ({ store: 'redis', ok: true, latencyMs: 0.25 }),
    close: async () => undefined,
  };
}

describe('operating the bot', () => {
  it('logs one JSON line per invocation with its id, scope, command, duration and outcome, and counts it', async () => {
    const out = lines();
    const metrics = createMetrics();
    const observer = observe(jsonLogger('info', out.stream), metrics);
    const app = observer.wrap(fakeApp(observer.logger));
    await app.handle(invocation('i-1', 'sh'));
    await app.handle(invocation('i-2', 'lsmod'));
    const logged = out.read().filter((l) => l.message === 'invocation');
    assert.deepEqual(
      logged.map(({ id, scope, command, outcome, level }) => ({ id, scope, command, outcome, level })),
      [
        { id: 'i-1', scope: 'discord:g1:c1', command: 'sh', outcome: 'ok', level: 'info' },
        { id: 'i-2', scope: 'discord:g1:c1', command: 'lsmod', outcome: 'store-unavailable', level: 'info' },
      ],
    );
    assert.equal(typeof logged[0]?.durationMs, 'number');
    const text = await metrics.registry.metrics();
    assert.match(text, /^modlab_commands_total\{command="sh",outcome="ok"\} 1$/m);
    assert.match(text, /^modlab_commands_total\{command="lsmod",outcome="store-unavailable"\} 1$/m);
    assert.match(text, /^modlab_store_errors_total\{code="store-unavailable"\} 1$/m);
    assert.match(text, /^modlab_command_duration_seconds_count\{command="sh"\} 1$/m);
    assert.match(text, /^modlab_open_conversations 1$/m);
    assert.match(text, /^modlab_process_resident_memory_bytes \d+/m);
  });

  it('keeps only errors under MODLAB_LOG=quiet, and refuses a setting it does not know', () => {
    const out = lines();
    const log = jsonLogger(logSetting('quiet'), out.stream);
    log.info('invocation', { id: 'x' });
    log.warn('slow');
    log.error('broken', { code: 'internal' });
    assert.deepEqual(out.read().map((l) => [l.level, l.message, l.code]), [['error', 'broken', 'internal']]);
    assert.equal(logSetting(undefined), 'info');
    assert.equal(logSetting('debug'), 'debug');
    assert.throws(() => logSetting('loud'), /^Error: MODLAB_LOG="loud" is not a log setting; use quiet, info or debug$/);
  });

  describe('/healthz and /metrics', () => {
    it('answers 200 with the store and its latency while the store answers, 503 while it does not', async () => {
      let ok = true;
      const server = Fastify();
      await server.register(opsRoutes, {
        metrics: createMetrics(),
        health: async () => (ok ? { store: 'postgres', ok: true, latencyMs: 1.234 } : { store: 'postgres', ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' }),
      });
      const up = await server.inject({ method: 'GET', url: '/healthz' });
      assert.equal(up.statusCode, 200);
      assert.deepEqual(up.json(), { status: 'ok', store: 'postgres', storeLatencyMs: 1.23 });
      ok = false;
      const down = await server.inject({ method: 'GET', url: '/healthz' });
      assert.equal(down.statusCode, 503);
      assert.deepEqual(down.json(), { status: 'unavailable', store: 'postgres', error: 'connect ECONNREFUSED 127.0.0.1:5432' });
      await server.close();
    });

    it('serves the registry as Prometheus text', async () => {
      const metrics = createMetrics();
      metrics.commands.inc({ command: 'dmesg', outcome: 'ok' });
      const server = Fastify();
      await server.register(opsRoutes, { metrics });
      const response = await server.inject({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
      assert.match(response.body, /^modlab_commands_total\{command="dmesg",outcome="ok"\} 1$/m);
      await server.close();
    });

    it('mounts /healthz and /metrics beside the dashboard on one server, and serves only them without a secret', async () => {
      const metrics = createMetrics();
      const app = fakeApp(jsonLogger('quiet', lines().stream));
      const both = await httpServer({ metrics, health: app.health, dashboard: { app, secret: 'x'.repeat(32), clock: () => 0 } });
      assert.equal((await both.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      assert.equal((await both.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
      assert.equal((await both.inject({ method: 'GET', url: '/dashboard' })).statusCode, 401);
      await both.close();
      const opsOnly = await httpServer({ metrics, health: app.health });
      assert.equal((await opsOnly.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      assert.equal((await opsOnly.inject({ method: 'GET', url: '/dashboard' })).statusCode, 404);
      await opsOnly.close();
    });
  });
});
