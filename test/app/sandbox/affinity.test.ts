import { strict as assert } from 'node:assert';
import { Affinity } from '../../../src/app/sandbox/affinity';
import { WarmStates } from '../../../src/app/sandbox/warm-states';
import { runStep, type StepEnv, type StepJob } from '../../../src/scope/step';

const env: StepEnv = { hostname: 'modlab', clock: () => 1_700_000_000_000, maxDocumentBytes: 1_000_000 };
const shell = (line: string): StepJob => ({ kind: 'shell', lines: [line], user: { id: 'a', name: 'alice', roles: [] } });

describe('scope affinity (issue 9)', () => {
  it('a warm step gives exactly what the same step gives from the stored text', () => {
    const warm = new WarmStates();
    let text: string | undefined;
    const lines = ['insmod hello.ko', 'cd /tmp', 'x=5; echo $x', 'modprobe vfat', 'lsmod', 'dmesg | tail -n 3', 'rmmod hello', 'cat /proc/modules', 'modprobe -r vfat', 'pwd; history | tail -n 2'];
    for (const [i, line] of lines.entries()) {
      const cold = runStep(text, shell(line), env);
      const hot = warm.run({ key: 'k', warm: i > 0, stored: i > 0 ? undefined : text, job: shell(line) }, env);
      assert.equal(hot.kind, 'done');
      if (hot.kind !== 'done') return;
      assert.deepEqual(hot.outcome, cold, line);
      assert.equal(hot.kept, true);
      text = cold.ok ? cold.text : undefined;
    }
  });

  it('a warm job with nothing kept is a miss; a failed step keeps nothing', () => {
    const warm = new WarmStates();
    assert.deepEqual(warm.run({ key: 'k', warm: true, stored: undefined, job: shell('true') }, env), { kind: 'miss' });
    const damaged = warm.run({ key: 'k', stored: '{"value": 3}', job: shell('true') }, env);
    assert.equal(damaged.kind === 'done' && damaged.kept, false);
    assert.equal(warm.size, 0);
  });

  it('the pool warms a step only for the exact text the worker kept, and bounds what each worker keeps', () => {
    const affinity = new Affinity<string>({ states: 2, chars: 100 });
    affinity.ran('a', 'w1', true, 'A1');
    assert.equal(affinity.holder('a', 'A1'), 'w1');
    assert.equal(affinity.holder('a', 'A0'), undefined, 'another writer changed the text');
    affinity.ran('a', 'w2', true, 'A2');
    assert.equal(affinity.holder('a', 'A2'), 'w2');
    assert.deepEqual(affinity.takeEvictions('w1'), ['a']);
    affinity.ran('b', 'w2', true, 'B');
    affinity.ran('c', 'w2', true, 'C');
    assert.equal(affinity.holder('a', 'A2'), undefined, 'the least recently used goes');
    assert.deepEqual(affinity.takeEvictions('w2'), ['a']);
    affinity.ran('b', 'w2', false, undefined);
    assert.equal(affinity.holder('b', 'B'), undefined);
    affinity.dropSlot('w2');
    assert.equal(affinity.size, 0);
  });
});
