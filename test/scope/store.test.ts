/**
 * ScopeStore over both document stores: update(scope, fn) is the one way a scope changes.
 */
import { strict as assert } from 'node:assert';
import * as sinon from 'sinon';
import { ModlabError } from '../../src/contracts/errors';
import { scopeKey } from '../../src/contracts/invocation';
import type { DocumentStore } from '../../src/store/document-store';
import { CURRENT_SCHEMA, HISTORY_LIMIT } from '../../src/scope/state';
import { ScopeStore } from '../../src/scope/store';
import { type StoreKind, countOf, fakeBoot, memoryKind, otherScope, scope, sqliteKind } from '../store/fixtures';

function coded(code: ModlabError['code']): (error: unknown) => boolean {
  return (error) => error instanceof ModlabError && error.code === code;
}

for (const makeKind of [memoryKind, sqliteKind]) {
  const kind: StoreKind = makeKind();

  describe(`ScopeStore (${kind.name})`, () => {
    let docs: DocumentStore;
    let store: ScopeStore;
    let now: number;
    let boots: number;

    beforeEach(async () => {
      now = 1_700_000_100_000;
      boots = 0;
      docs = await kind.open();
      const boot = fakeBoot(1_700_000_000_000);
      store = new ScopeStore(docs, () => (boots++, boot()), () => now);
    });

    afterEach(async () => {
      sinon.restore();
      await store.close().catch(() => undefined);
      await kind.cleanup();
    });

    const bump = (state: Parameters<Parameters<ScopeStore['update']>[1]>[0]): number => {
      state.teaching = { ...state.teaching, count: countOf(state) + 1 };
      return countOf(state);
    };

    it('boots a fresh state on the first use of a scope', async () => {
      const seen = await store.update(scope, (state) => ({ count: countOf(state), modules: state.machine.kernel.modules.length }));
      assert.deepEqual(seen, { count: 0, modules: 0 });
      assert.equal(boots, 1);
    });

    it('gives 100 concurrent updates of one scope exactly 100 changes', async () => {
      await Promise.all(Array.from({ length: 100 }, () => store.update(scope, bump)));
      assert.equal(countOf(await store.read(scope)), 100);
    });

    it('keeps a channel and a thread in it apart', async () => {
      await Promise.all([store.update(scope, bump), store.update(otherScope, bump), store.update(otherScope, bump)]);
      assert.equal(countOf(await store.read(scope)), 1);
      assert.equal(countOf(await store.read(otherScope)), 2);
    });

    it('stamps updatedAt with the clock and keeps createdAt', async () => {
      await store.update(scope, bump);
      now += 5000;
      await store.update(scope, bump);
      const state = await store.read(scope);
      assert.equal(state.createdAt, 1_700_000_000_000);
      assert.equal(state.updatedAt, now);
    });

    it(`keeps at most ${HISTORY_LIMIT} history entries, dropping the oldest`, async () => {
      await store.update(scope, (state) => {
        for (let i = 0; i < HISTORY_LIMIT + 10; i++) state.history.push({ user: 'ada', line: `echo ${i}`, at: i, status: 0 });
      });
      const { history } = await store.read(scope);
      assert.equal(history.length, HISTORY_LIMIT);
      assert.equal(history[0].line, 'echo 10');
    });

    it('reads without saving: an unused scope stays unused', async () => {
      const state = await store.read(scope);
      assert.equal(countOf(state), 0);
      assert.equal(await docs.get(scopeKey(scope)), undefined);
    });

    it('saves nothing when fn throws', async () => {
      await store.update(scope, bump);
      await assert.rejects(store.update(scope, (state) => {
        bump(state);
        throw new Error('tool bug');
      }), /tool bug/);
      assert.equal(countOf(await store.read(scope)), 1);
    });

    it('migrates an old document on update and saves it in the current schema', async () => {
      const { kernel, disk } = fakeBoot()().machine;
      await docs.put(scopeKey(scope), { kernel, disk, history: [{ user: 'ada', line: 'lsmod', at: 1, status: 0 }], teaching: { count: 4 } });
      assert.equal(await store.update(scope, bump), 5);
      const saved = (await docs.get(scopeKey(scope))) as Record<string, unknown>;
      assert.equal(saved.schema, CURRENT_SCHEMA);
      assert.deepEqual(Object.keys(saved.machine as object).sort(), ['disk', 'kernel']);
      assert.equal('kernel' in saved, false);
      assert.equal((saved.history as { entries: unknown[] }).entries.length, 1);
    });

    it("reports a damaged state as 'state-damaged' (never a fresh machine), and reset replaces it", async () => {
      await docs.put(scopeKey(scope), { schema: 1, machine: 'broken' });
      await assert.rejects(store.read(scope), coded('state-damaged'));
      await assert.rejects(store.update(scope, bump), coded('state-damaged'));
      assert.deepEqual(await docs.get(scopeKey(scope)), { schema: 1, machine: 'broken' });
      await store.reset(scope);
      assert.equal(await store.update(scope, bump), 1);
    });

    it("reports stored text that is not JSON as 'state-damaged', and reset replaces it", async () => {
      await kind.plant(docs, scopeKey(scope), '\u0000\u0001 not json');
      await assert.rejects(store.update(scope, bump), coded('state-damaged'));
      await store.reset(scope);
      assert.equal(countOf(await store.read(scope)), 0);
    });

    it("gives 'store-unavailable' for a broken store, never a freshly booted machine", async () => {
      await store.update(scope, bump);
      kind.breakDown(docs);
      await assert.rejects(store.read(scope), coded('store-unavailable'));
      await assert.rejects(store.update(scope, bump), coded('store-unavailable'));
    });
  });
}
