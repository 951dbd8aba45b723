/**
 * Leases and flood windows do not pile up (issue 12): every lease or flood document is
 * written with its end of life; Redis removes it by its own TTL, the other stores by a
 * sweep that deletes only documents past their expiry, and only if nobody renewed them.
 */
import { strict as assert } from 'node:assert';
import type { DocumentStore } from '../../src/store/document-store';
import type { OptimisticDocuments } from '../../src/store/optimistic';
import type { RedisDocuments } from '../../src/store/redis-documents';
import { claim, takeShared } from '../../src/store/lease';
import { EXPIRY_GRACE_MS } from '../../src/store/limits';
import { expiryOf } from '../../src/store/expiry';
import { type StoreKind, memoryKind, sqliteKind } from './fixtures';
import { needServer, postgresKind, redisKind } from './servers';

for (const makeKind of [memoryKind, sqliteKind, redisKind, postgresKind] as Array<() => StoreKind>) {
  const kind = makeKind();

  describe(`expiring leases and flood windows (${kind.name})`, () => {
    let docs: DocumentStore;

    before(async function () {
      if (kind.server) await needServer(this, kind.server);
    });
    beforeEach(async () => {
      docs = await kind.open();
    });
    afterEach(async () => {
      await docs.close();
      await kind.cleanup();
    });

    it('writes a lease with its end of life: the TTL plus the grace for clock skew', async () => {
      const before = Date.now();
      await claim(docs, 'reveal:q1', 'a', 5000);
      if (kind.name === 'redis') {
        const store = docs as RedisDocuments;
        const ttl = await store.client.pTTL(store.stored('*lease:reveal:q1'));
        assert.ok(ttl > EXPIRY_GRACE_MS && ttl <= 5000 + EXPIRY_GRACE_MS, `PTTL ${ttl}`);
      } else {
        const raw = (await (docs as OptimisticDocuments).backend.read('*lease:reveal:q1', new AbortController().signal)).text;
        const expires = expiryOf(raw) ?? 0;
        assert.ok(expires >= before + 5000 + EXPIRY_GRACE_MS && expires <= Date.now() + 5000 + EXPIRY_GRACE_MS, raw);
      }
    });

    if (kind.name === 'redis') {
      it('lets Redis drop a flood window by itself, and keeps no TTL on a conversation', async () => {
        await takeShared(docs, 'discord:U1', 20, 10_000);
        await docs.update('discord:g:c', (doc) => ({ doc: doc ?? { n: 1 }, result: undefined }));
        const store = docs as RedisDocuments;
        const ttl = await store.client.pTTL(store.stored('*flood:discord:U1'));
        assert.ok(ttl > EXPIRY_GRACE_MS && ttl <= 10_000 + EXPIRY_GRACE_MS, `PTTL ${ttl}`);
        assert.equal(await store.client.pTTL(store.stored('discord:g:c')), -1);
      });
      return;
    }

    it('sweeps expired leases and flood windows, and keeps live ones and conversations', async () => {
      const store = docs as OptimisticDocuments;
      await claim(docs, 'old', 'a', 1000);
      await takeShared(docs, 'discord:U1', 20, 1000);
      await claim(docs, 'live', 'b', 3_600_000);
      await docs.update('discord:g:c', (doc) => ({ doc: doc ?? { n: 1 }, result: undefined }));
      await docs.update('*quiz-index:discord', (doc) => ({ doc: doc ?? { open: [] }, result: undefined }));
      assert.equal(await store.sweep(), 0, 'nothing has expired yet');
      const later = Date.now() + 1000 + EXPIRY_GRACE_MS + 1;
      assert.equal(await store.sweep(later), 2);
      assert.equal(await docs.get('*lease:old'), undefined);
      assert.equal(await docs.get('*flood:discord:U1'), undefined);
      assert.deepEqual(await docs.get('*lease:live'), { owner: 'b', expiresAt: (await docs.get('*lease:live') as { expiresAt: number }).expiresAt });
      assert.deepEqual(await docs.get('discord:g:c'), { n: 1 });
      assert.deepEqual(await docs.get('*quiz-index:discord'), { open: [] });
    });

    it('keeps a lease renewed between the sweep\'s listing and its delete', async () => {
      const store = docs as OptimisticDocuments;
      await claim(docs, 'x', 'a', 1000);
      const listed = await store.backend.scan!('*', 10, new AbortController().signal);
      assert.deepEqual(listed.map((e) => e.key), ['*lease:x']);
      await new Promise((r) => setTimeout(r, 5)); // a later renewal, so its text differs
      await claim(docs, 'x', 'a', 1000);
      assert.equal(await store.backend.commit(listed[0]!.key, listed[0]!.seen, null, new AbortController().signal), false);
      assert.equal(await claim(docs, 'x', 'b', 1000), false, 'still held by a');
    });

    it('sweeps by itself every sweepMs', async () => {
      await docs.close();
      docs = await kind.open({ sweepMs: 20 });
      await claim(docs, 'gone', 'a', -EXPIRY_GRACE_MS - 1);
      const deadline = Date.now() + 3000;
      while ((await docs.get('*lease:gone')) !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(await docs.get('*lease:gone'), undefined);
    });
  });
}
