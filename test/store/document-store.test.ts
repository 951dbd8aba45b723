/**
 * The DocumentStore contract, run against every store MODLAB_STORE can name.
 */
import { strict as assert } from 'node:assert';
import * as sinon from 'sinon';
import { ModlabError } from '../../src/contracts/errors';
import type { DocumentStore } from '../../src/store/document-store';
import { type StoreKind, delay, increment, memoryKind, sqliteKind } from './fixtures';
import { needServer, postgresKind, redisKind } from './servers';

function rejectsWith(code: ModlabError['code']): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof ModlabError, `expected a ModlabError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  };
}

for (const makeKind of [memoryKind, sqliteKind, redisKind, postgresKind]) {
  const kind: StoreKind = makeKind();

  describe(`DocumentStore contract (${kind.name})`, () => {
    let docs: DocumentStore;

    before(async function () {
      if (kind.server) await needServer(this, kind.server);
    });

    beforeEach(async () => {
      docs = await kind.open();
    });

    afterEach(async () => {
      sinon.restore();
      await docs.close().catch(() => undefined);
      await kind.cleanup();
    });

    it('gives undefined for a key that was never written', async () => {
      assert.equal(await docs.get('nothing'), undefined);
      const seen: unknown[] = [];
      await docs.update('nothing', (doc) => {
        seen.push(doc);
        return { doc: { count: 1 }, result: undefined };
      });
      assert.deepEqual(seen, [undefined]);
    });

    it('saves the document an update returns and hands back its result', async () => {
      const result = await docs.update('k', () => ({ doc: { count: 7, names: ['a'] }, result: 'done' }));
      assert.equal(result, 'done');
      assert.deepEqual(await docs.get('k'), { count: 7, names: ['a'] });
    });

    it('saves a document changed in place', async () => {
      await docs.put('k', { list: [1] });
      await docs.update('k', (doc) => {
        (doc as { list: number[] }).list.push(2);
        return { doc, result: undefined };
      });
      assert.deepEqual(await docs.get('k'), { list: [1, 2] });
    });

    it('gives 100 concurrent updates of one key exactly 100 changes', async () => {
      const results = await Promise.all(Array.from({ length: 100 }, () => docs.update('counter', increment)));
      assert.deepEqual(await docs.get('counter'), { count: 100 });
      assert.deepEqual([...results].sort((a, b) => a - b), Array.from({ length: 100 }, (_, i) => i + 1));
    });

    it('keeps keys apart', async () => {
      await Promise.all([docs.update('a', increment), docs.update('b', increment), docs.update('a', increment)]);
      assert.deepEqual(await docs.get('a'), { count: 2 });
      assert.deepEqual(await docs.get('b'), { count: 1 });
    });

    it('saves nothing when the update function throws, and passes its error on unchanged', async () => {
      await docs.put('k', { count: 1 });
      const bug = new RangeError('a bug in a tool');
      await assert.rejects(
        docs.update('k', (doc) => {
          (doc as { count: number }).count = 99;
          throw bug;
        }),
        (error) => error === bug,
      );
      assert.deepEqual(await docs.get('k'), { count: 1 });
      assert.equal(await docs.update('k', increment), 2);
    });

    it('stores plain JSON: what JSON cannot hold does not survive', async () => {
      await docs.put('k', { when: new Date(0), gone: undefined, nested: { n: 1 } });
      assert.deepEqual(await docs.get('k'), { when: '1970-01-01T00:00:00.000Z', nested: { n: 1 } });
    });

    it('deletes a document', async () => {
      await docs.put('k', { count: 1 });
      await docs.delete('k');
      assert.equal(await docs.get('k'), undefined);
    });

    it("reports a stored value that is not JSON as 'state-damaged', on get and on update", async () => {
      await kind.plant(docs, 'k', '{"value": {"count": 1');
      await assert.rejects(docs.get('k'), rejectsWith('state-damaged'));
      await assert.rejects(docs.update('k', increment), rejectsWith('state-damaged'));
    });

    it('lets put replace a damaged document without reading it', async () => {
      await kind.plant(docs, 'k', 'garbage');
      await docs.put('k', { count: 5 });
      assert.equal(await docs.update('k', increment), 6);
    });

    it("rejects with 'store-unavailable' when the store fails, keeping the cause", async () => {
      kind.breakDown(docs);
      await assert.rejects(docs.get('k'), (error) => {
        rejectsWith('store-unavailable')(error);
        assert.ok((error as ModlabError).cause instanceof Error);
        return true;
      });
      await assert.rejects(docs.update('k', increment), rejectsWith('store-unavailable'));
    });

    it("rejects with 'store-unavailable' once closed, never with an empty document", async () => {
      await docs.put('k', { count: 1 });
      await docs.close();
      await assert.rejects(docs.get('k'), rejectsWith('store-unavailable'));
      await assert.rejects(docs.update('k', increment), rejectsWith('store-unavailable'));
    });

    describe('deadline', () => {
      beforeEach(async () => {
        await docs.close();
        docs = await kind.open({ deadlineMs: 50 });
      });

      it("rejects a slow update with 'store-timeout'", async () => {
        kind.slowDown(docs, 300);
        const started = Date.now();
        await assert.rejects(docs.update('k', increment), rejectsWith('store-timeout'));
        assert.ok(Date.now() - started < 250, 'the caller waited for the slow store');
      });

      it("rejects a slow read with 'store-timeout'", async () => {
        kind.slowDown(docs, 300);
        await assert.rejects(docs.get('k'), rejectsWith('store-timeout'));
      });

      it('never saves an update after telling its caller it timed out', async () => {
        kind.slowDown(docs, 150);
        const late = docs.update('k', increment);
        await assert.rejects(late, rejectsWith('store-timeout'));
        await delay(250);
        assert.equal(await docs.get('k'), undefined);
        assert.equal(await docs.update('k', increment), 1);
      });
    });
  });
}
