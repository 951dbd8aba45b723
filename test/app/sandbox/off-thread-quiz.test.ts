/**
 * A quiz question off the main thread (issue 9): the scratch machines that compute its
 * answers run in a machine worker, so a question stalls no other conversation; a question
 * that fails or outlives its budget opens no quiz and tells the instructor why.
 */
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { Workbench } from '../../../src/teaching/heavy-work';
import { generateQuestion } from '../../../src/teaching/quiz/question';
import { Scratch } from '../../../src/teaching/quiz/scratch';
import { appEachTest, as, LAB, textOf } from '../../teaching/helpers';
import { lagMeter } from './lag-meter';
import { MAIN_THREAD_LAG_BOUND_MS, oneWorkerEachTest } from './one-worker';


describe('A quiz question, computed off the main thread', function () {
  this.timeout(60_000);
  const worker = oneWorkerEachTest();

  it('computes in a worker the same question as a scratch machine here, while the main event loop stays under the lag bound', async () => {
    const offThread = worker.offThread();
    const perform = sinon.spy(worker.pool, 'perform');
    const stop = lagMeter();
    const asked = await Promise.all([4, 7, 2].map((seed) => offThread.question(seed)));
    const lag = stop();
    assert.ok(lag < MAIN_THREAD_LAG_BOUND_MS, `the main thread stalled ${lag.toFixed(0)} ms`);
    asked.forEach((q, i) => {
      assert.ok(q.ok, JSON.stringify(q));
      assert.deepEqual(q.value, generateQuestion(new Scratch('modlab'), [4, 7, 2][i] as number));
    });
    sinon.assert.calledThrice(perform);
    assert.deepEqual(perform.getCalls().map((c) => c.args[0].kind), ['question', 'question', 'question']);
  });

  it('gives the reason when a question outlives its budget', async () => {
    const asked = await (await worker.withBudgets({ question: 1 })).question(4);
    assert.deepEqual(asked, { ok: false, limit: 'time', why: 'it took longer than 1 ms' });
  });

  describe('through the app', () => {
    const on = appEachTest();

    it('answers /quiz with why when the question cannot be computed, and opens no quiz', async () => {
      sinon.stub(Workbench.prototype, 'perform').rejects(new Error('scratch machine lost'));
      const reply = await on.app.handle(as('prof', ['instructor'], LAB, 'quiz', ''));
      assert.equal(textOf(reply), 'No quiz question could be computed (it failed; the error has been logged); try /quiz again.');
      assert.equal(reply.choices, undefined);
      sinon.restore();
      assert.match(textOf(await on.app.handle(as('prof', ['instructor'], LAB, 'quiz', 'reveal'))), /^No quiz is open here\./);
    });
  });
});
