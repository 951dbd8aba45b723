/**
 * The bot as it runs for a class (the system clock, so the worker pool): each kind of heavy
 * work a command needs goes to the pool, none is done on the main thread (issue 9).
 */
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { MachinePool } from '../../../src/app/sandbox/pool';
import { Workbench } from '../../../src/teaching/heavy-work';
import { createApp } from '../../../src/app/create-app';
import type { App } from '../../../src/app/app';
import { as, LAB, textOf } from '../../teaching/helpers';

describe('The bot with the system clock sends its heavy work to the pool', function () {
  this.timeout(60_000);
  let app: App;
  beforeEach(async () => {
    app = await createApp({ store: 'memory', quizTickMs: 0, rateLimit: false });
  });
  afterEach(async () => {
    sinon.restore();
    await app.close();
  });

  it('draws the graph, sets up an exercise, computes a quiz question and reads the dashboard dmesg in workers, never here', async () => {
    const perform = sinon.spy(MachinePool.prototype, 'perform');
    const here = sinon.spy(Workbench.prototype, 'perform');
    const graph = await app.handle(as('alice', ['student'], LAB, 'modlab', 'graph'));
    assert.equal(graph.files?.[0]?.contentType, 'image/png', textOf(graph));
    const started = await app.handle(as('prof', ['instructor'], LAB, 'exercise', 'start rmmod-in-use'));
    const room = /Switch to it with :in (\S+)/.exec(textOf(started))?.[1];
    assert.ok(room, textOf(started));
    assert.match(textOf(await app.handle(as('alice', ['student'], { ...LAB, channel: room }, 'sh', 'lsmod | grep -c mod_'))), /^2$/m);
    const quiz = await app.handle(as('prof', ['instructor'], LAB, 'quiz', 'rmmod seed=7'));
    assert.ok(quiz.choices && quiz.choices.length >= 3, textOf(quiz));
    const read = await app.classView?.conversation({ ...LAB, channel: room });
    assert.ok(read?.dmesg.ok && /mod_b: loading out-of-tree module taints kernel/.test(read.dmesg.value), JSON.stringify(read?.dmesg));
    assert.deepEqual(perform.getCalls().map((c) => c.args[0].kind), ['render', 'setup', 'question', 'dmesg']);
    sinon.assert.notCalled(here);
  });

  it("exports a conversation's machine (machine.json) without asking a worker for anything", async () => {
    await app.handle(as('alice', ['student'], LAB, 'sh', 'insmod hello.ko'));
    const perform = sinon.spy(MachinePool.prototype, 'perform');
    const here = sinon.spy(Workbench.prototype, 'perform');
    const snapshot = await app.classView?.snapshot(LAB);
    assert.deepEqual(snapshot?.view.modules, ['hello']);
    sinon.assert.notCalled(perform);
    sinon.assert.notCalled(here);
  });
});
