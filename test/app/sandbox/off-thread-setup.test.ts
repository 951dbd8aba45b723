/**
 * An exercise's setup off the main thread (issue 9): its machine is booted and its setup lines
 * run in a machine worker, so a heavy setup stalls no other conversation; a setup that fails
 * or outlives its budget changes nothing and tells whoever started the exercise why.
 */
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { openSystem } from '../../../src/machine/machine';
import { Workbench } from '../../../src/teaching/heavy-work';
import { appEachTest, as, LAB, textOf } from '../../teaching/helpers';
import { lagMeter } from './lag-meter';
import { MAIN_THREAD_LAG_BOUND_MS, oneWorkerEachTest } from './one-worker';

/** A setup line that keeps bash busy for hundreds of ms (10 000 arithmetic loop turns). */
const SLOW_LINE = 'i=0; while [ $i -lt 10000 ]; do i=$((i+1)); done';

describe('An exercise setup, run off the main thread', function () {
  this.timeout(60_000);
  const worker = oneWorkerEachTest();

  it('boots the machine and runs the setup lines in a worker, with the failures, while the main event loop stays under the lag bound', async () => {
    const offThread = worker.offThread();
    const perform = sinon.spy(worker.pool, 'perform');
    const stop = lagMeter();
    const set = await offThread.setUp(['insmod hello.ko', SLOW_LINE, 'insmod no_such.ko'], '');
    const lag = stop();
    assert.ok(set.ok, JSON.stringify(set));
    const modules = openSystem(set.value.machine, { clock: Date.now }).kernel.modules().map((m) => m.name);
    assert.deepEqual(modules, ['hello']);
    assert.deepEqual(set.value.failures, [{ line: 'insmod no_such.ko', exitCode: 1, said: "insmod: ERROR: could not load module no_such.ko: No such file or directory" }]);
    assert.ok(lag < MAIN_THREAD_LAG_BOUND_MS, `the main thread stalled ${lag.toFixed(0)} ms`);
    sinon.assert.calledOnce(perform);
    assert.equal(perform.firstCall.args[0].kind, 'setup');
  });

  it('gives the reason when a setup never ends (a custom exercise that loops forever)', async () => {
    const set = await (await worker.withBudgets({ setup: 300 })).setUp(['while :; do :; done'], '');
    assert.deepEqual(set, { ok: false, limit: 'time', why: 'it took longer than 0.3 s' });
  });

  describe('through the app', () => {
    const on = appEachTest();

    it('answers /exercise start with why when the setup fails, and sets no machine up', async () => {
      await on.app.handle(as('alice', ['student'], LAB, 'sh', 'insmod hello.ko'));
      sinon.stub(Workbench.prototype, 'perform').rejects(new Error('worker out of luck'));
      const reply = await on.app.handle(as('prof', ['instructor'], LAB, 'exercise', 'start rmmod-in-use'));
      assert.match(textOf(reply), /^The machine of the exercise "rmmod and "in use"" could not be set up \(it failed; the error has been logged\); nothing was changed\. Try again, or tell an instructor\.$/m);
      sinon.restore();
      // On the console an exercise opens its own conversation: the one it would have had runs nothing.
      const room = { ...LAB, channel: 'rmmod-in-use-1' };
      assert.match(textOf(await on.app.handle(as('alice', ['student'], room, 'exercise', 'status'))), /^No exercise is running in this /);
      assert.match(textOf(await on.app.handle(as('alice', ['student'], room, 'sh', 'lsmod | grep -c mod_'))), /^0$/m);
      assert.match(textOf(await on.app.handle(as('alice', ['student'], LAB, 'sh', 'lsmod | grep -c hello'))), /^1$/m);
    });
  });
});
