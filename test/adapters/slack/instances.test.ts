/**
 * Two Slack HTTP instances behind one URL (issue 12): Slack's retry of an event, or a
 * duplicate click, reaching the other instance runs once, because the delivery is claimed
 * in the store both instances share (two store objects on one SQLite file, or one Redis:
 * as two processes would have them).
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DocumentStore } from '../../../src/store/document-store';
import { claim } from '../../../src/store/lease';
import { SqliteDocuments } from '../../../src/store/sqlite-documents';
import { RedisDocuments } from '../../../src/store/redis-documents';
import { SharedDeliveries } from '../../../adapters/slack/dedupe';
import { FakeApp } from '../fake-app';
import { FakeSlack } from './fake-slack';
import { startHarness, type Harness } from './harness';
import { buttonClick, mentionEvent } from './payloads';
import { postEvent, postInteraction } from './signed';
import { removeDir, tempDir } from '../../store/fixtures';
import { REDIS_URL, dropRedisNamespace, needServer, uniqueName } from '../../store/servers';

interface Shared {
  name: string;
  server?: 'redis';
  open(): Promise<[DocumentStore, DocumentStore, () => Promise<void>]>;
}

const shared: Shared[] = [
  {
    name: 'one SQLite file',
    async open() {
      const dir = tempDir();
      const a = new SqliteDocuments(join(dir, 'shared.db'));
      const b = new SqliteDocuments(join(dir, 'shared.db'));
      return [a, b, async () => removeDir(dir)];
    },
  },
  {
    name: 'one Redis',
    server: 'redis',
    async open() {
      const namespace = uniqueName('slack');
      const a = await new RedisDocuments(REDIS_URL, { namespace }).open();
      const b = await new RedisDocuments(REDIS_URL, { namespace }).open();
      return [a, b, () => dropRedisNamespace(namespace)];
    },
  },
];

for (const store of shared) {
  describe(`two Slack HTTP instances on ${store.name}`, () => {
    let fake: FakeSlack;
    let apps: FakeApp[];
    let instances: Harness[];
    let docs: DocumentStore[];
    let cleanup: () => Promise<void>;

    before(async function () {
      if (store.server) await needServer(this, store.server);
    });

    beforeEach(async () => {
      const [a, b, done] = await store.open();
      docs = [a, b];
      cleanup = done;
      fake = new FakeSlack();
      await fake.start();
      fake.addUser({ id: 'U0ALICE', name: 'alice', display_name: 'Alice' });
      apps = docs.map((d) => Object.assign(new FakeApp(), { firstTime: (name: string, ttlMs: number) => claim(d, name, randomUUID(), ttlMs) }));
      instances = [];
      for (const app of apps) instances.push(await startHarness(app, { fake }));
    });

    afterEach(async () => {
      for (const h of instances) await h.running.stop();
      await fake.stop();
      await Promise.allSettled(docs.map((d) => d.close()));
      await cleanup();
    });

    it('runs an event once when its retry (X-Slack-Retry-Num) reaches the other instance', async () => {
      const event = mentionEvent('insmod hello.ko', { event_id: 'Ev0SHARED1' });
      await postEvent(instances[0]!.eventsUrl, event);
      const retry = await postEvent(instances[1]!.eventsUrl, event, { retryNum: 1 });
      assert.equal(retry.status, 200);
      await fake.waitForCall('chat.postMessage');
      await fake.settle(300);
      assert.equal(apps[0]!.invocations.length + apps[1]!.invocations.length, 1);
      assert.equal(fake.callsOf('chat.postMessage').length, 1);
    });

    it('runs a click delivered to both instances once', async () => {
      const click = buttonClick('modlab.choice.quiz:1:a', 'quiz:1:a', fake.responseUrl('c1'));
      await Promise.all(instances.map((h) => postInteraction(h.eventsUrl, click)));
      await fake.waitForResponse('c1');
      await fake.settle(300);
      assert.equal(apps[0]!.invocations.length + apps[1]!.invocations.length, 1);
    });

    it('still runs a delivery when the store cannot answer (a missed duplicate beats a lost command)', async () => {
      const deliveries = new SharedDeliveries(() => Promise.reject(new Error('store down')));
      assert.equal(await deliveries.first('event:Ev1'), true);
      assert.equal(await deliveries.first('event:Ev1'), false);
    });
  });
}
