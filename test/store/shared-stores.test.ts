/**
 * What only the stores several processes share over the network must show: an update
 * function that takes its time runs outside any lock and is run again when another
 * connection wrote first; a plain Keyv get-then-set (what keyv offers) loses updates;
 * an update that keeps losing gives up with 'store-busy'; keys never wait for each other.
 * Two store objects are two connections, as two bot processes would have.
 */
import { strict as assert } from 'node:assert';
import { Keyv } from 'keyv';
import { ModlabError } from '../../src/contracts/errors';
import type { PostgresDocuments } from '../../src/store/postgres-documents';
import type { RedisDocuments } from '../../src/store/redis-documents';
import { MAX_UPDATE_ATTEMPTS as MAX_CONFLICTS } from '../../src/store/document-store';
import type { StoreKind } from './fixtures';
import { delay } from './fixtures';
import { needServer, postgresKind, redisKind } from './servers';

type SharedStore = RedisDocuments | PostgresDocuments;

interface Counter {
  count: number;
}

function bump(doc: unknown): { doc: Counter; result: number } {
  const count = ((doc as Counter | undefined)?.count ?? 0) + 1;
  return { doc: { count }, result: count };
}

for (const makeKind of [redisKind, postgresKind]) {
  const kind: StoreKind = makeKind();

  describe(`shared store (${kind.name})`, () => {
    // Until the DocumentStore interface takes an async function, the classes' own update does.
    let one: SharedStore;
    let two: SharedStore;

    before(async function () {
      await needServer(this, kind.server!);
    });

    beforeEach(async () => {
      one = (await kind.open({ deadlineMs: 20_000 })) as SharedStore;
      two = (await kind.open({ deadlineMs: 20_000 })) as SharedStore;
    });

    afterEach(async () => {
      await Promise.allSettled([one.close(), two.close()]);
      await kind.cleanup();
    });

    it('runs an update function that takes its time, and 2 connections × 40 concurrent updates give exactly 80 changes', async () => {
      let calls = 0;
      const slowBump = async (doc: unknown): Promise<{ doc: Counter; result: number }> => {
        calls++;
        await delay(2);
        return bump(doc);
      };
      const results = await Promise.all([
        ...Array.from({ length: 40 }, () => one.update('k', slowBump)),
        ...Array.from({ length: 40 }, () => two.update('k', slowBump)),
      ]);
      assert.deepEqual(await one.get('k'), { count: 80 });
      assert.deepEqual([...results].sort((a, b) => a - b), Array.from({ length: 80 }, (_, i) => i + 1));
      // Each connection's own updates queue up; only the other connection's writes make one run again.
      assert.ok(calls > 80, `expected some compare-and-set conflicts between the connections, saw ${calls} calls for 80 updates`);
    });

    it("loses concurrent updates with keyv's plain get-then-set (which is why update is a compare-and-set)", async () => {
      const [a, b]: Keyv[] = [one.keyv, two.keyv];
      await a.set('plain', { count: 0 });
      const plainBump = async (keyv: Keyv): Promise<void> => {
        const doc = (await keyv.get('plain')) as Counter;
        await delay(1);
        await keyv.set('plain', { count: doc.count + 1 });
      };
      await Promise.all(Array.from({ length: 50 }, (_, i) => plainBump(i % 2 ? a : b)));
      const { count } = (await a.get('plain')) as Counter;
      process.stderr.write(`      measured: plain keyv get/set kept ${count} of 50 concurrent increments (${50 - count} lost)\n`);
      assert.ok(count < 50, `plain get/set kept all 50 updates (${count})`);
      await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).update('safe', bump)));
      assert.deepEqual(await one.get('safe'), { count: 50 });
    });

    it("gives up with 'store-busy' when another process writes first every time, and saves nothing of its own", async () => {
      let calls = 0;
      await assert.rejects(
        one.update('hot', async (doc) => {
          calls++;
          await two.put('hot', { count: 1000 + calls });
          return { doc: { count: -1, seen: doc }, result: undefined };
        }),
        (error) => error instanceof ModlabError && error.code === 'store-busy',
      );
      assert.equal(calls, MAX_CONFLICTS);
      assert.deepEqual(await one.get('hot'), { count: 1000 + MAX_CONFLICTS });
    });

    it('never makes one key wait for a slow update of another', async () => {
      const slow = one.update('slow', async (doc) => {
        await delay(600);
        return bump(doc);
      });
      await delay(20);
      const started = Date.now();
      await one.update('fast', bump);
      const waited = Date.now() - started;
      assert.ok(waited < 300, `the other key's update waited ${waited} ms`);
      assert.equal(await slow, 1);
    });

    it('makes same-key updates of one process wait for each other instead of conflicting', async () => {
      let calls = 0;
      await Promise.all(
        Array.from({ length: 20 }, () =>
          one.update('queued', async (doc) => {
            calls++;
            await delay(5);
            return bump(doc);
          }),
        ),
      );
      assert.equal(calls, 20);
      assert.deepEqual(await one.get('queued'), { count: 20 });
    });
  });
}
