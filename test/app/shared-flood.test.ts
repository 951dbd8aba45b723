/**
 * The per-user flood limit across processes (issue 12): two apps on one Redis or one
 * PostgreSQL (as two bot processes would be) share one count per user, and the user over
 * the limit is refused with the same line as in one process. The store's count fails open:
 * a failing or slow store never stops a command because of it.
 */
import { strict as assert } from 'node:assert';
import type { App } from '../../src/app/app';
import { createApp } from '../../src/app/create-app';
import type { DocumentStore } from '../../src/store/document-store';
import { MemoryDocuments } from '../../src/store/memory-documents';
import { RedisDocuments } from '../../src/store/redis-documents';
import { PostgresDocuments } from '../../src/store/postgres-documents';
import { SHARED_FLOOD_WAIT_MS } from '../../src/contracts/budget';
import type { Logger } from '../../src/contracts/logger';
import { POSTGRES_URL, REDIS_URL, dropRedisNamespace, dropSchema, needServer, uniqueName } from '../store/servers';
import { noticeText, say } from './helpers';

const LIMIT = { count: 3, windowMs: 10_000 };

/** What one process alone says to a user over LIMIT. */
async function oneProcessRefusal(): Promise<string> {
  const app = await createApp({ store: 'memory', clock: () => 0, rateLimit: LIMIT, sandbox: 'inline' });
  try {
    for (let i = 0; i < LIMIT.count; i++) await app.handle(say('true', 'spammer'));
    return noticeText(await app.handle(say('true', 'spammer')));
  } finally {
    await app.close();
  }
}

const servers = [
  {
    name: 'one Redis',
    server: 'redis' as const,
    open: async (name: string) => new RedisDocuments(REDIS_URL, { namespace: name }).open(),
    spec: REDIS_URL,
    drop: (name: string) => dropRedisNamespace(name),
  },
  {
    name: 'one PostgreSQL',
    server: 'postgres' as const,
    open: async (name: string) => new PostgresDocuments(POSTGRES_URL, { schema: name }).open(),
    spec: POSTGRES_URL,
    drop: (name: string) => dropSchema(name),
  },
];

for (const target of servers) {
  describe(`the flood limit of two app processes on ${target.name}`, function () {
    this.timeout(30_000);
    let name: string;
    let apps: App[];
    let now: number;

    before(async function () {
      await needServer(this, target.server);
    });
    beforeEach(async () => {
      name = uniqueName('flood');
      now = 1_000_000;
      apps = [];
      for (let i = 0; i < 2; i++) {
        apps.push(await createApp({ store: target.spec, documents: await target.open(name), clock: () => now, rateLimit: LIMIT, sandbox: 'inline' }));
      }
    });
    afterEach(async () => {
      for (const app of apps) await app.close();
      await target.drop(name);
    });

    it('refuses a user over the limit across both, with the same line as one process, and lets others go on', async () => {
      const expected = await oneProcessRefusal();
      assert.equal(expected, 'You are sending commands faster than the class can read them; wait 10 s.');
      // Alternately: neither process alone has seen more than two of them.
      for (let i = 0; i < LIMIT.count; i++) assert.equal((await apps[i % 2]!.handle(say('true', 'spammer'))).visibility, 'channel');
      for (const app of apps) {
        const refused = await app.handle(say('true', 'spammer'));
        assert.equal(refused.visibility, 'user');
        assert.equal(noticeText(refused), expected);
      }
      assert.equal((await apps[1]!.handle(say('true', 'bob'))).visibility, 'channel');
      now += 10_001;
      assert.equal((await apps[0]!.handle(say('true', 'spammer'))).visibility, 'channel');
    });
  });
}

describe('the shared flood limit fails open', () => {
  function recording(): Logger & { warnings: string[] } {
    const warnings: string[] = [];
    return { warnings, info() {}, error() {}, warn: (message) => void warnings.push(message) };
  }

  /** A memory store whose flood documents fail (or never answer): the rest works. */
  function brokenFlood(how: 'fail' | 'hang'): DocumentStore {
    const docs = new MemoryDocuments();
    const update = docs.update.bind(docs);
    docs.update = ((key: string, fn: Parameters<DocumentStore['update']>[1]) => {
      if (!key.startsWith('*flood:')) return update(key, fn);
      return how === 'fail' ? Promise.reject(new Error('ECONNRESET')) : new Promise(() => undefined);
    }) as DocumentStore['update'];
    return docs;
  }

  for (const how of ['fail', 'hang'] as const) {
    it(`lets a command through when the store's count ${how === 'fail' ? 'fails' : 'does not answer'}, and logs it`, async () => {
      const logger = recording();
      const app = await createApp({ store: 'memory', documents: brokenFlood(how), sharedFlood: true, logger, rateLimit: LIMIT, sandbox: 'inline' });
      try {
        const started = Date.now();
        const reply = await app.handle(say('echo hi', 'alice'));
        assert.equal(reply.visibility, 'channel');
        assert.ok(Date.now() - started < SHARED_FLOOD_WAIT_MS + 1500);
        assert.equal(logger.warnings.length, 1, logger.warnings.join('\n'));
        assert.match(logger.warnings[0]!, how === 'fail' ? /the store failed; input let through/ : /answered late; input let through/);
      } finally {
        await app.close();
      }
    });
  }

  it('still refuses from the in-process count without asking the store', async () => {
    const app = await createApp({ store: 'memory', documents: brokenFlood('hang'), sharedFlood: true, clock: () => 0, rateLimit: LIMIT, sandbox: 'inline' });
    try {
      for (let i = 0; i < LIMIT.count; i++) await app.handle(say('true', 'spammer'));
      const started = Date.now();
      assert.equal(noticeText(await app.handle(say('true', 'spammer'))), 'You are sending commands faster than the class can read them; wait 10 s.');
      assert.ok(Date.now() - started < SHARED_FLOOD_WAIT_MS, 'no wait for the store');
    } finally {
      await app.close();
    }
  });
});
