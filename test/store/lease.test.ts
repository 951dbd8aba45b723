/**
 * Once-only work across processes: a lease claimed through the store, and a flood limit
 * counted in the store, on every store (two store objects = two bot processes).
 */
import { strict as assert } from 'node:assert';
import type { DocumentStore } from '../../src/store/document-store';
import { claim, release, takeShared } from '../../src/store/lease';
import { type StoreKind, memoryKind, sqliteKind } from './fixtures';
import { needServer, postgresKind, redisKind } from './servers';

for (const makeKind of [memoryKind, sqliteKind, redisKind, postgresKind] as Array<() => StoreKind>) {
  const kind = makeKind();

  describe(`leases and shared flood limits (${kind.name})`, () => {
    let one: DocumentStore;
    let two: DocumentStore;
    let now: number;
    const clock = (): number => now;

    before(async function () {
      if (kind.server) await needServer(this, kind.server);
    });

    beforeEach(async () => {
      now = 1_000_000;
      one = await kind.open();
      // The memory store lives in one object: "another process" is the same object there.
      two = kind.name === 'memory' ? one : await kind.open();
    });

    afterEach(async () => {
      await one.close();
      if (two !== one) await two.close();
      await kind.cleanup();
    });

    it('lets exactly one of 10 concurrent claimants hold a lease', async () => {
      const won = await Promise.all(Array.from({ length: 10 }, (_, i) => claim(i % 2 ? one : two, 'reveal:q1', `process-${i}`, 5000, clock)));
      assert.equal(won.filter(Boolean).length, 1);
    });

    it("hands a crashed holder's lease over once it expires (TTL-1 no, TTL yes), and lets the holder renew it", async () => {
      assert.equal(await claim(one, 'reveal:q1', 'a', 5000, clock), true);
      now += 4999;
      assert.equal(await claim(two, 'reveal:q1', 'b', 5000, clock), false);
      assert.equal(await claim(one, 'reveal:q1', 'a', 5000, clock), true);
      now += 5000;
      assert.equal(await claim(two, 'reveal:q1', 'b', 5000, clock), true);
      assert.equal(await claim(one, 'reveal:q1', 'a', 5000, clock), false);
    });

    it('frees a released lease at once, but only its owner may release it', async () => {
      await claim(one, 'x', 'a', 60_000, clock);
      await release(two, 'x', 'b');
      assert.equal(await claim(two, 'x', 'b', 60_000, clock), false);
      await release(one, 'x', 'a');
      assert.equal(await claim(two, 'x', 'b', 60_000, clock), true);
    });

    it('counts a flood limit across processes: N allowed, N+1 waits, a new window starts afresh', async () => {
      const waits = await Promise.all(Array.from({ length: 21 }, (_, i) => takeShared(i % 2 ? one : two, 'slack:U1', 20, 10_000, clock)));
      assert.equal(waits.filter((w) => w === 0).length, 20);
      assert.deepEqual(waits.filter((w) => w > 0), [10]);
      now += 9_999;
      assert.equal(await takeShared(one, 'slack:U1', 20, 10_000, clock), 1);
      now += 1;
      assert.equal(await takeShared(two, 'slack:U1', 20, 10_000, clock), 0);
    });
  });
}
