/**
 * The dashboard's dmesg of a conversation off the main thread (issue 9): `dmesg` runs in a
 * machine worker on a copy of the machine, so an instructor's page stalls no conversation; a
 * dmesg that fails or outlives its budget gives the page a line saying why, not an error page.
 */
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { bootMachine, execLine } from '../../../src/machine/machine';
import { Workbench } from '../../../src/teaching/heavy-work';
import { conversationPage } from '../../../adapters/web/html';
import { appEachTest, as, LAB } from '../../teaching/helpers';
import { lagMeter } from './lag-meter';
import { MAIN_THREAD_LAG_BOUND_MS, oneWorkerEachTest } from './one-worker';


describe("The dashboard's dmesg, read off the main thread", function () {
  this.timeout(60_000);
  const worker = oneWorkerEachTest();

  /** A machine whose log holds `cycles` loads and unloads of hello. */
  function busyMachine(cycles: number) {
    let t = Date.UTC(2026, 0, 5);
    const options = { clock: () => (t += 20), hostname: 'modlab' };
    const machine = bootMachine(options);
    for (let i = 0; i < cycles; i++) execLine(machine, 'insmod hello.ko; rmmod hello', options);
    return { machine, options };
  }

  it('prints in a worker what dmesg prints here, leaves the machine as it was, and keeps the main event loop under the lag bound', async () => {
    const { machine, options } = busyMachine(100);
    const before = JSON.stringify(machine);
    const expected = execLine(structuredClone(machine), 'dmesg', options).output;
    const perform = sinon.spy(worker.pool, 'perform');
    const stop = lagMeter();
    const dmesg = await worker.offThread().dmesg(machine);
    const lag = stop();
    assert.deepEqual(dmesg, { ok: true, value: expected });
    assert.match(expected, /Hello, world/);
    assert.equal(JSON.stringify(machine), before);
    assert.ok(lag < MAIN_THREAD_LAG_BOUND_MS, `the main thread stalled ${lag.toFixed(0)} ms`);
    sinon.assert.calledOnce(perform);
    assert.equal(perform.firstCall.args[0].kind, 'dmesg');
  });

  it('gives the reason when dmesg outlives its budget', async () => {
    // A log of 800 records: sending the machine, formatting 50 KB and sending it back take
    // several milliseconds on any machine, so the 1 ms budget is always outlived (a freshly
    // booted machine's dmesg could come back within it on a fast one).
    const { machine } = busyMachine(400);
    const dmesg = await (await worker.withBudgets({ dmesg: 1 })).dmesg(machine);
    assert.deepEqual(dmesg, { ok: false, limit: 'time', why: 'it took longer than 1 ms' });
  });

  describe('through the app and the page', () => {
    const on = appEachTest();

    it('shows the page with why dmesg could not be read', async () => {
      await on.app.handle(as('alice', ['student'], LAB, 'sh', 'insmod hello.ko'));
      const view = on.app.classView;
      assert.ok(view);
      const read = await view.conversation(LAB);
      assert.ok(read.dmesg.ok && /Hello, world/.test(read.dmesg.value));
      sinon.stub(Workbench.prototype, 'perform').rejects(new Error('no dmesg today'));
      const failed = await view.conversation(LAB);
      assert.deepEqual(failed.dmesg, { ok: false, limit: 'failed', why: 'it failed; the error has been logged' });
      const html = conversationPage(failed.view, failed.history, failed.dmesg, failed.quizzes);
      assert.match(html, /<h2>dmesg<\/h2><p class="muted" id="dmesg-unread">dmesg could not be read: it failed; the error has been logged\. Reload the page to try again\.<\/p><\/div>$/);
      assert.equal(failed.view.modules.join(), 'hello');
    });
  });
});
