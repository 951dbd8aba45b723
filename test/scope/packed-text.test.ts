/**
 * The stored text written from the JSON kept for log records and history entries is, byte
 * for byte, JSON.stringify of the packed document, whatever changed between two writes.
 */
import { strict as assert } from 'node:assert';
import { freshScopeState } from '../../src/scope/fresh';
import { debianBase, pack } from '../../src/scope/stored';
import { packedText } from '../../src/scope/packed-text';
import { execLine } from '../../src/machine/machine';
import type { ScopeState } from '../../src/scope/state';

const options = { clock: () => Date.UTC(2026, 10, 25, 20, 18, 0), hostname: 'modlab' };

function same(state: ScopeState): void {
  assert.equal(packedText(state, debianBase), JSON.stringify(pack(state, debianBase)));
}

describe('stored text from kept JSON', () => {
  it('equals the packed document fresh, after commands, and after each further change', () => {
    const state = freshScopeState(options);
    same(state);
    for (const line of ['insmod hello.ko', 'modprobe vfat', 'rmmod hello', 'dmesg -C', 'echo "<3>quote \\" and \\\\ and \u2028" > /dev/kmsg']) {
      execLine(state.machine, line, options);
      state.history.push({ user: line.length % 2 ? 'ada' : 'bob', line, at: state.history.length * 7, status: 0 });
      same(state);
    }
  });

  it('follows a record whose text grew (KERN_CONT) and one whose fields changed in place', () => {
    const state = freshScopeState(options);
    execLine(state.machine, 'insmod hello.ko', options);
    same(state);
    const last = state.machine.kernel.printk.records[state.machine.kernel.printk.records.length - 1];
    last.text += ' continued';
    same(state);
    last.level = 3;
    last.origin = 'hello';
    same(state);
    delete last.origin;
    same(state);
  });

  it('follows the ring dropping its oldest records (each delta now from another record)', () => {
    const state = freshScopeState(options);
    execLine(state.machine, 'insmod hello.ko', options);
    execLine(state.machine, 'modprobe vfat', options);
    same(state);
    state.machine.kernel.printk.records.splice(0, 370);
    same(state);
    state.machine.kernel.printk.records.shift();
    same(state);
  });

  it('follows a record changed in the middle of the log, and records dropped and added in one step', () => {
    const state = freshScopeState(options);
    for (const line of ['insmod hello.ko', 'modprobe vfat', 'rmmod hello', 'insmod hello.ko']) execLine(state.machine, line, options);
    same(state);
    const records = state.machine.kernel.printk.records;
    const middle = records[records.length - 4];
    middle.text = 'changed "in" the middle';
    same(state);
    records.splice(0, 368);
    execLine(state.machine, 'rmmod hello', options);
    same(state);
    records.splice(records.length - 2, 1);
    same(state);
    same(state);
  });

  it('follows the history losing its oldest entries (user indexes and time deltas shift) and an entry changed in place', () => {
    const state = freshScopeState(options);
    for (let i = 0; i < 12; i++) state.history.push({ user: ['ada', 'bob', 'cy'][i % 3], line: `line ${i} \u0000 "x"`, at: 1000 + i * 13, status: i % 2 });
    same(state);
    state.history.splice(0, 1);
    same(state);
    state.history[3].status = 127;
    state.history[4].line = 'changed';
    same(state);
  });

  it('writes the keys pack() adds or drops as it does: a state without schema, undefined fields, teaching and sessions', () => {
    const state = freshScopeState(options);
    const loose = state as unknown as Record<string, unknown>;
    delete loose.schema;
    same(state);
    loose.teaching = { quiz: { answers: [1, 'two', null] }, gone: undefined };
    loose.sessions = undefined;
    (state.machine as unknown as Record<string, unknown>).extra = undefined;
    state.machine.kernel.printk.used = undefined;
    same(state);
  });
});
