/** What /modlab status and /healthz say about the store: its kind and one round trip. */
import { strict as assert } from 'node:assert';
import { healthLine, storeHealth } from '../../src/store/health';
import { MemoryDocuments } from '../../src/store/memory-documents';
import { RedisDocuments } from '../../src/store/redis-documents';
import { PostgresDocuments } from '../../src/store/postgres-documents';
import { needServer, postgresKind, redisKind } from './servers';
import { freePort } from './servers';

describe('store health', () => {
  it('words the status line for a store that answers and for one that does not', () => {
    assert.equal(healthLine({ store: 'redis', ok: true, latencyMs: 0.44 }), 'Store: redis, 0.4 ms');
    assert.equal(healthLine({ store: 'postgres', ok: false, error: 'connect ECONNREFUSED 127.0.0.1:5432' }), 'Store: postgres, unavailable (connect ECONNREFUSED 127.0.0.1:5432)');
  });

  it('names the memory store and times a read', async () => {
    const health = await storeHealth(new MemoryDocuments());
    assert.equal(health.store, 'memory');
    assert.equal(health.ok, true);
    assert.ok((health.latencyMs ?? -1) >= 0);
  });

  for (const [server, makeKind] of [['redis', redisKind], ['postgres', postgresKind]] as const) {
    it(`names the ${server} store and its round trip`, async function () {
      await needServer(this, server);
      const kind = makeKind();
      const docs = (await kind.open()) as RedisDocuments | PostgresDocuments;
      try {
        const health = await storeHealth(docs);
        assert.deepEqual({ store: health.store, ok: health.ok }, { store: server, ok: true });
      } finally {
        await docs.close();
        await kind.cleanup();
      }
    });
  }

  it('reports a Redis server that went away as unavailable, within the deadline', async function () {
    await needServer(this, 'redis');
    const port = await freePort();
    const docs = new RedisDocuments(`redis://127.0.0.1:${port}`, { deadlineMs: 300 });
    const started = Date.now();
    const health = await docs.health();
    assert.equal(health.ok, false);
    assert.ok(Date.now() - started < 600);
    await docs.close();
  });
});

describe('/modlab status', () => {
  it('ends with the store and its latency', async () => {
    const { createApp } = await import('../../src/app/create-app');
    const app = await createApp({ store: 'memory', quizTickMs: 0, rateLimit: false });
    try {
      const reply = await app.handle({ id: 'st-1', scope: { platform: 'console', workspace: 'w', channel: 'c' }, user: { id: 'u', name: 'ada', roles: ['student'] }, input: { kind: 'command', command: 'modlab', text: 'status' } });
      const text = reply.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
      assert.match(text.split('\n').find((l) => l.startsWith('Store: ')) ?? '', /^Store: memory, \d+\.\d ms$/);
    } finally {
      await app.close();
    }
  });
});
