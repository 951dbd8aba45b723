/**
 * Drawing the module graph off the main thread (issue 9): the picture is laid out and drawn
 * in a machine worker, so the main thread's event loop keeps serving other conversations
 * while the biggest picture renders; a render that fails or outlives its budget still gives
 * the user the graph as text and says why.
 */
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { toDot } from '../../../src/graph/dot';
import { graphReply } from '../../../src/graph/reply';
import { bootMachine, openSystem } from '../../../src/machine/machine';
import { createApp } from '../../../src/app/create-app';
import { Workbench } from '../../../src/teaching/heavy-work';
import type { App } from '../../../src/app/app';
import { biggestGraph } from './big-graph';
import { lagMeter } from './lag-meter';
import { MAIN_THREAD_LAG_BOUND_MS, oneWorkerEachTest } from './one-worker';
import { noticeText, slash } from '../helpers';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe('The module graph picture, drawn off the main thread', function () {
  this.timeout(60_000);
  const worker = oneWorkerEachTest();

  it('renders the biggest picture in a worker while the main event loop stays under the lag bound', async () => {
    const offThread = worker.offThread();
    const perform = sinon.spy(worker.pool, 'perform');
    // The worker loads Graphviz's WebAssembly on its first render: not part of what is measured.
    assert.ok((await offThread.draw('digraph { a -> b }')).ok);
    const stop = lagMeter();
    const png = await offThread.draw(toDot(biggestGraph(), 'a big class'));
    const lag = stop();
    assert.ok(png.ok, JSON.stringify(png));
    assert.deepEqual([...png.value.slice(0, 4)], PNG_SIGNATURE);
    assert.ok(lag < MAIN_THREAD_LAG_BOUND_MS, `the main thread stalled ${lag.toFixed(0)} ms`);
    sinon.assert.calledTwice(perform);
    assert.equal(perform.secondCall.args[0].kind, 'render');
    assert.equal(worker.pool.stats.works, 2);
  });

  it('gives the reason when a render outlives its budget, and its worker is replaced', async () => {
    await worker.withBudgets({ render: 100 });
    const offThread = worker.offThread();
    const late = await offThread.draw(toDot(biggestGraph(), 'a big class'));
    assert.deepEqual(late, { ok: false, limit: 'time', why: 'it took longer than 0.1 s' });
    assert.equal(worker.pool.stats.stoppedTime, 1);
    // Its worker was killed and replaced (a first render there loads Graphviz: more than 0.1 s).
    await worker.pool.ready();
    assert.equal(worker.pool.stats.spawned, 2);
  });

  it('gives the reason when the layout fails (a broken graph), and the worker goes on', async () => {
    const offThread = worker.offThread();
    const broken = await offThread.draw('digraph { a -> ');
    assert.deepEqual(broken, { ok: false, limit: 'failed', why: 'it failed; the error has been logged' });
    assert.ok((await offThread.draw('digraph { a -> b }')).ok);
    assert.equal(worker.pool.stats.spawned, 1);
  });

  it('answers /modlab graph with the tree and why when the picture cannot be drawn', async () => {
    const reply = await graphReply(openSystem(bootMachine({ clock: () => 0 }), { clock: () => 0 }), 'lab', 'alice', () => Promise.resolve({ ok: false, limit: 'time', why: 'it took longer than 10 s' }));
    assert.equal(reply.files, undefined);
    assert.match(noticeText(reply), /The picture could not be drawn \(it took longer than 10 s\); here is the graph as text\./);
    assert.equal(reply.visibility, 'channel');
  });

  describe('through the app', () => {
    let app: App;
    afterEach(() => app.close());

    it('answers /modlab graph with the text tree when drawing throws', async () => {
      let now = Date.UTC(2026, 0, 5);
      app = await createApp({ store: 'memory', clock: () => (now += 100) });
      sinon.stub(Workbench.prototype, 'perform').rejects(new Error('wasm trap'));
      const reply = await app.handle(slash('modlab', 'graph'));
      assert.equal(reply.files, undefined);
      assert.match(noticeText(reply), /alice drew the module graph of .*: 0 modules loaded\.\nThe picture could not be drawn \(it failed; the error has been logged\); here is the graph as text\./);
    });
  });
});
