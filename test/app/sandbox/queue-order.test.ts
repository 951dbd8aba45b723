/**
 * The machine pool's queue order (issue 9): a class's shell lines go before heavy work, heavy
 * work never holds every worker, and work that has waited its patience goes in its turn.
 */
import { strict as assert } from 'node:assert';
import childProcess = require('node:child_process');
import sinon from 'sinon';
import { MachinePool } from '../../../src/app/sandbox/pool';
import { nextTask, type Queued, type QueueView } from '../../../src/app/sandbox/queue-order';
import { bootMachine } from '../../../src/machine/machine';
import { WORK_QUEUE_PATIENCE_MS } from '../../../src/contracts/budget';

const step = (queuedAt: number): Queued => ({ kind: 'step', queuedAt });
const work = (queuedAt: number): Queued => ({ kind: 'work', queuedAt });
const view = (over: Partial<QueueView<string>> = {}): QueueView<string> => ({ now: 1000, workMayStart: true, patienceMs: 250, keeper: () => undefined, ...over });

describe('the machine pool queue order (issue 9)', () => {
  it('takes the oldest step before older heavy work that has not waited its patience', () => {
    assert.deepEqual(nextTask([work(900), step(950), step(960)], view()), { index: 1, slot: undefined });
  });

  it('takes heavy work that has waited its patience before the steps queued after it, and not before older steps', () => {
    assert.deepEqual(nextTask([work(750), step(950)], view()), { index: 0, slot: undefined });
    assert.deepEqual(nextTask([work(749), step(950)], view()), { index: 0, slot: undefined });
    assert.deepEqual(nextTask([work(751), step(950)], view()), { index: 1, slot: undefined }, 'one millisecond short of its patience');
    assert.deepEqual(nextTask([step(700), work(710)], view()), { index: 0, slot: undefined }, 'a step queued before it still goes first');
  });

  it('takes heavy work when no step waits, unless it would hold the last worker kept for steps', () => {
    assert.deepEqual(nextTask([work(999), work(999)], view()), { index: 0, slot: undefined });
    assert.equal(nextTask([work(0)], view({ workMayStart: false })), undefined);
    assert.deepEqual(nextTask([work(0), step(999)], view({ workMayStart: false })), { index: 1, slot: undefined }, 'overdue work that may not start does not block the step');
  });

  it('gives a step to the free worker that keeps its conversation, the oldest such step first', () => {
    const keeper = (i: number): string | undefined => (i === 2 ? 'w2' : i === 3 ? 'w1' : undefined);
    assert.deepEqual(nextTask([work(990), step(991), step(992), step(993)], view({ keeper })), { index: 2, slot: 'w2' });
  });

  it('has nothing to give from an empty queue', () => {
    assert.equal(nextTask([], view()), undefined);
  });

  it('sends a shell line queued behind heavy work to the worker heavy work may not take', async function () {
    this.timeout(60_000);
    // What the pool sends its workers, in order (each worker's send, spied on as it is forked).
    const sent: string[] = [];
    const fork = childProcess.fork;
    sinon.stub(childProcess, 'fork').callsFake((...args: Parameters<typeof fork>) => {
      const worker = fork(...args);
      const send = worker.send.bind(worker);
      sinon.stub(worker, 'send').callsFake((message: childProcess.Serializable) => (sent.push((message as { type: string }).type), send(message)));
      return worker;
    });
    const pool = new MachinePool({ size: 2 });
    try {
      await pool.ready();
      const machine = bootMachine({ clock: Date.now });
      const works = [1, 2].map(() => pool.perform({ kind: 'dmesg', hostname: 'modlab', machine }));
      const line = pool.run({ job: { kind: 'shell', lines: ['true'], user: { id: 'a', name: 'alice', roles: [] } }, stored: undefined, hostname: 'modlab', maxDocumentBytes: 1_000_000, app: 1, exercises: { exercises: [], problems: [] } });
      const results = await Promise.all([...works, line]);
      assert.deepEqual(results.map((r) => r.kind), ['done', 'done', 'done']);
      // The second dmesg waits for the first to end (one worker stays for lines); the line, queued after it, starts at once.
      assert.deepEqual(sent, ['work', 'job', 'work'], `sent in this order (patience ${WORK_QUEUE_PATIENCE_MS} ms)`);
    } finally {
      sinon.restore();
      await pool.close();
    }
  });
});
