import { strict as assert } from 'node:assert';
import type { System } from '../../src/userland/tool';
import { describeGoal, isMet, observe, type CommandEvent, type EventMemory, type Goal } from '../../src/teaching/goal';
import { taintMask } from '../../src/teaching/taint';

/** Just what the goal checker reads of a machine. */
function machine(loaded: string[], tainted = 0, files: Record<string, string> = {}): System {
  return {
    kernel: { find: (name: string) => (loaded.includes(name) ? { name } : undefined), state: { tainted } },
    fs: { read: (path: string) => files[path] ?? -2 },
  } as unknown as System;
}

function run(line: string, output = '', exitCode = 0, klog: string[] = []): CommandEvent {
  return { line, output, exitCode, klog };
}

describe('exercise goals', () => {
  const fresh = (): EventMemory => ({ met: [], broken: [] });

  it('checks modules loaded and not loaded', () => {
    const goal: Goal = { all: [{ loaded: 'mod_a' }, { notLoaded: 'mod_c_prop' }] };
    assert.equal(isMet(goal, machine(['mod_a', 'mod_b']), fresh()), true);
    assert.equal(isMet(goal, machine(['mod_b']), fresh()), false);
    assert.equal(isMet(goal, machine(['mod_a', 'mod_c_prop']), fresh()), false);
  });

  it('checks taint bits by letter', () => {
    assert.equal(taintMask('OE'), 12288);
    assert.equal(taintMask('P'), 1);
    assert.equal(taintMask('R'), 8);
    assert.equal(isMet({ tainted: 'OE' }, machine([], 12289), fresh()), true);
    assert.equal(isMet({ tainted: 'R' }, machine([], 12289), fresh()), false);
    assert.equal(isMet({ notTainted: 'P' }, machine([], 12288), fresh()), true);
    assert.equal(isMet({ notTainted: 'P' }, machine([], 12289), fresh()), false);
  });

  it('checks a file\'s content, with or without its final newline', () => {
    const sys = machine([], 0, { '/sys/module/mod_b/refcnt': '1\n' });
    assert.equal(isMet({ file: '/sys/module/mod_b/refcnt', equals: '1' }, sys, fresh()), true);
    assert.equal(isMet({ file: '/sys/module/mod_b/refcnt', equals: '1\n' }, sys, fresh()), true);
    assert.equal(isMet({ file: '/sys/module/mod_b/refcnt', equals: '2' }, sys, fresh()), false);
    assert.equal(isMet({ file: '/sys/module/mod_b/refcnt', matches: '^[01]$' }, sys, fresh()), true);
    assert.equal(isMet({ file: '/sys/module/nope/refcnt', missing: true }, sys, fresh()), true);
    assert.equal(isMet({ file: '/sys/module/nope/refcnt', contains: '' }, sys, fresh()), false);
  });

  it('remembers a command used, with its exit status, once it ran', () => {
    const goal: Goal = { all: [{ ran: '^lsmod', exit: 0 }, { loaded: 'hello' }] };
    const memory = fresh();
    const sys = machine(['hello']);
    observe(goal, run('lsmod', '', 1), memory);
    assert.equal(isMet(goal, sys, memory), false);
    observe(goal, run('lsmod'), memory);
    assert.equal(isMet(goal, sys, memory), true);
    observe(goal, run('rmmod hello'), memory);
    assert.equal(isMet(goal, sys, memory), true, 'a met event stays met');
  });

  it('breaks a "not used" rule for good', () => {
    const goal: Goal = { all: [{ loaded: 'mod_a' }, { notRan: '\\bmodprobe\\b' }] };
    const memory = fresh();
    const sys = machine(['mod_a', 'mod_b']);
    observe(goal, run('insmod mod_b.ko'), memory);
    assert.equal(isMet(goal, sys, memory), true);
    observe(goal, run('modprobe -n mod_a'), memory);
    assert.equal(isMet(goal, sys, memory), false);
    assert.deepEqual(memory.broken, ['goal.all[1]']);
  });

  it('matches an output seen, optionally only from some commands, and kernel log lines', () => {
    const goal: Goal = { all: [{ output: '^depends:\\s+mod_b', from: 'modinfo' }, { klog: 'Unknown symbol mod_b_gpl_secret' }] };
    const memory = fresh();
    observe(goal, run('cat notes', 'depends:        mod_b\n'), memory);
    assert.deepEqual(memory.met, []);
    observe(goal, run('modinfo mod_a.ko', 'filename:       /root/mod_a.ko\ndepends:        mod_b\n'), memory);
    observe(goal, run('insmod mod_c_prop.ko', 'insmod: ERROR: …', 1, ['mod_c_prop: Unknown symbol mod_b_gpl_secret (err -2)']), memory);
    assert.deepEqual(memory.met, ['goal.all[0]', 'goal.all[1]']);
    assert.equal(isMet(goal, machine([]), memory), true);
  });

  it('combines with any and not', () => {
    const goal: Goal = { any: [{ loaded: 'vfat' }, { not: { notLoaded: 'msdos' } }] };
    assert.equal(isMet(goal, machine(['msdos']), fresh()), true);
    assert.equal(isMet(goal, machine([]), fresh()), false);
  });

  it('describes goals in words, or by their label', () => {
    assert.equal(describeGoal({ notLoaded: 'mod_b' }), 'module mod_b is not loaded');
    assert.equal(describeGoal({ file: '/sys/module/mod_b/refcnt', equals: '1' }), '/sys/module/mod_b/refcnt holds "1"');
    assert.equal(describeGoal({ notRan: 'modprobe', label: 'nobody used modprobe' }), 'nobody used modprobe');
  });
});
