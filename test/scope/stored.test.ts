/**
 * The stored scope document (schema 2): a fresh scope is a few hundred bytes because the
 * boot log is shared data it refers to; whatever the ring holds, reading back gives the
 * same state.
 */
import { strict as assert } from 'node:assert';
import { freshScopeState } from '../../src/scope/fresh';
import { migrate } from '../../src/scope/state';
import { debianBase, pack } from '../../src/scope/stored';
import { bootMachine, execLine } from '../../src/machine/machine';
import type { ScopeState } from '../../src/scope/state';

const options = { clock: () => Date.UTC(2026, 10, 25, 20, 18, 0), hostname: 'modlab' };

function stored(state: ScopeState): string {
  return JSON.stringify(pack(state, debianBase));
}

function roundTrip(state: ScopeState): ScopeState {
  return migrate(JSON.parse(stored(state)), 0);
}

describe('stored scope document', () => {
  it('stores a fresh scope in at most 4 KiB, referring to the boot log', () => {
    const state = freshScopeState(options);
    assert.equal(state.machine.kernel.printk.records.length, 366);
    const doc = JSON.parse(stored(state));
    assert.deepEqual(doc.machine.kernel.printk.boot, [0, 366]);
    assert.deepEqual(doc.machine.kernel.printk.log, []);
    assert.ok(stored(state).length <= 4096, `${stored(state).length} bytes`);
    assert.deepEqual(roundTrip(state), state);
  });

  it('refers to the boot log of the command line the machine booted with', () => {
    const state = freshScopeState(options);
    state.machine = bootMachine(options, 'module.sig_enforce=1');
    const doc = JSON.parse(stored(state));
    assert.deepEqual(doc.machine.kernel.printk.boot, [0, 366]);
    const back = roundTrip(state);
    assert.deepEqual(back, state);
    assert.ok(back.machine.kernel.printk.records.some((r) => r.text.endsWith('console=ttyS0 panic=-1 module.sig_enforce=1')));
  });

  it('stores only the records written since boot, and reads back the same ring', () => {
    const state = freshScopeState(options);
    for (const line of ['insmod hello.ko', 'modprobe vfat', 'rmmod hello', 'dmesg -C']) execLine(state.machine, line, options);
    const doc = JSON.parse(stored(state));
    assert.deepEqual(doc.machine.kernel.printk.boot, [0, 366]);
    assert.deepEqual(doc.machine.kernel.printk.log.map((t: unknown[]) => t[4]), state.machine.kernel.printk.records.slice(366).map((r) => r.text));
    assert.deepEqual(roundTrip(state), state);
  });

  it('refers to what is left of the boot log once the ring has dropped its oldest records', () => {
    const state = freshScopeState(options);
    const ring = state.machine.kernel.printk;
    ring.records.splice(0, 100);
    const doc = JSON.parse(stored(state));
    assert.deepEqual(doc.machine.kernel.printk.boot, [100, 266]);
    assert.deepEqual(roundTrip(state), state);
  });

  it('copies a boot record that is not the shared one, and everything after it', () => {
    const state = freshScopeState(options);
    state.machine.kernel.printk.records[10] = { ...state.machine.kernel.printk.records[10], text: 'changed' };
    const doc = JSON.parse(stored(state));
    assert.deepEqual(doc.machine.kernel.printk.boot, [0, 10]);
    assert.equal(doc.machine.kernel.printk.log.length, 356);
    assert.deepEqual(roundTrip(state), state);
  });

  it('reads a schema-1 document (the boot log copied in) as the same state', () => {
    const state = freshScopeState(options);
    execLine(state.machine, 'insmod hello.ko', options);
    state.history.push({ user: 'ada', line: 'insmod hello.ko', at: 1, status: 0 });
    const old = JSON.parse(JSON.stringify({ ...state, schema: 1 }));
    assert.deepEqual(migrate(old, 0), state);
  });
});
