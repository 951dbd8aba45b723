import { strict as assert } from 'node:assert';
import { ModlabError } from '../../src/contracts/errors';
import { CURRENT_SCHEMA, HISTORY_LIMIT, boundHistory, migrate } from '../../src/scope/state';
import { fakeBoot, fakeMachine } from '../store/fixtures';
import { debianBase, pack } from '../../src/scope/stored';

function damagedBecause(fragment: string): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof ModlabError, `expected a ModlabError, got ${String(error)}`);
    assert.equal(error.code, 'state-damaged');
    assert.ok(error.userMessage.includes(fragment), `"${error.userMessage}" does not say "${fragment}"`);
    assert.ok(error.userMessage.includes('/modlab reboot'), 'the message does not say how to reset');
    return true;
  };
}

describe('scope state schema', () => {
  it('takes a schema-1 document as it is (and calls it current)', () => {
    const state = fakeBoot()();
    state.history.push({ user: 'ada', line: 'lsmod', at: 5, status: 0 });
    assert.deepEqual(migrate(JSON.parse(JSON.stringify({ ...state, schema: 1 }))), state);
  });

  it('reads back exactly what it packed (schema 2)', () => {
    const state = fakeBoot()();
    state.history.push({ user: 'ada', line: 'lsmod', at: 5, status: 0 });
    state.machine.kernel.printk.records.push({ seq: 0, usec: 10, level: 6, facility: 0, text: 'hello: loaded', origin: 'hello' });
    const doc = JSON.parse(JSON.stringify(pack(state, debianBase)));
    assert.equal(doc.schema, 2);
    assert.deepEqual(doc.history, { users: ['ada'], entries: [[0, 'lsmod', 5, 0]] });
    assert.deepEqual(migrate(doc), state);
  });

  it('keeps fields it does not know (a newer helper may add some)', () => {
    const doc = { ...fakeBoot()(), schema: 1, quiz: { q1: 'b' } };
    assert.deepEqual((migrate(doc) as unknown as { quiz: unknown }).quiz, { q1: 'b' });
  });

  it('migrates a schema-0 document (machine parts at the top level, no times)', () => {
    const { kernel, disk } = fakeMachine();
    const old = { kernel, disk, history: [{ user: 'ada', line: 'insmod hello.ko', at: 3, status: 0 }] };
    const state = migrate(old, 42);
    assert.equal(state.schema, CURRENT_SCHEMA);
    assert.deepEqual(state.machine, { kernel, disk });
    assert.deepEqual(state.history, old.history);
    assert.equal(state.createdAt, 42);
    assert.equal(state.updatedAt, 42);
    assert.equal('kernel' in state, false);
  });

  it('migrates a schema-0 document without history to an empty history', () => {
    const state = migrate({ schema: 0, machine: fakeMachine() }, 7);
    assert.deepEqual(state.history, []);
    assert.equal(state.schema, CURRENT_SCHEMA);
  });

  const current = (patch: Record<string, unknown>): Record<string, unknown> => ({ ...fakeBoot()(), schema: 1, ...patch });
  const table: Array<[string, unknown, string]> = [
    ['a string', '"hello"', 'it is "hello", not an object'],
    ['null', null, 'it is null, not an object'],
    ['a list', [1, 2], 'it is a list, not an object'],
    ['a number', 12, 'it is 12, not an object'],
    ['a schema that is not a number', current({ schema: 'one' }), 'its schema is "one", not a version number'],
    ['a negative schema', current({ schema: -1 }), 'its schema is -1'],
    ['a fractional schema', current({ schema: 1.5 }), 'its schema is 1.5'],
    ['a newer schema', current({ schema: CURRENT_SCHEMA + 1 }), `written by a newer Modlab, schema ${CURRENT_SCHEMA + 1}`],
    ['no machine', current({ machine: undefined }), 'machine is missing'],
    ['a machine that is a list', current({ machine: [] }), 'machine is a list'],
    ['no kernel', current({ machine: { disk: { files: {} } } }), 'machine.kernel is missing'],
    ['kernel modules that are not a list', current({ machine: { ...fakeMachine(), kernel: { modules: {}, printk: { records: [] } } } }), 'machine.kernel.modules is a object, not a list'],
    ['no printk ring', current({ machine: { ...fakeMachine(), kernel: { modules: [] } } }), 'machine.kernel.printk has no list of records'],
    ['no disk files', current({ machine: { ...fakeMachine(), disk: {} } }), 'machine.disk.files is missing'],
    ['a history that is not a list', current({ history: 'lsmod' }), 'history is "lsmod", not a list'],
    ['a history entry without a line', current({ history: [{ user: 'ada', line: 'lsmod', at: 1, status: 0 }, { user: 'bob', at: 2, status: 0 }] }), 'history[1] is not a command entry'],
    ['teaching that is not an object', current({ teaching: 3 }), 'teaching is 3'],
    ['no createdAt', current({ createdAt: undefined }), 'createdAt is missing, not a time'],
    ['an updatedAt that is a string', current({ updatedAt: 'yesterday' }), 'updatedAt is "yesterday", not a time'],
  ];
  const packed = (patch: (doc: Record<string, any>) => void): Record<string, unknown> => {
    const doc = JSON.parse(JSON.stringify(pack(fakeBoot()(), debianBase)));
    patch(doc);
    return doc;
  };
  table.push(
    ['a packed log record that is not a tuple', packed((d) => (d.machine.kernel.printk.log = [[1, 2, 6, 0, 'ok'], { text: 'x' }])), 'machine.kernel.printk.log[1] is not a log record'],
    ['a packed ring without its log', packed((d) => delete d.machine.kernel.printk.log), 'machine.kernel.printk has no list of records'],
    ['a boot reference past the boot log', packed((d) => (d.machine.kernel.printk.boot = [360, 50])), 'machine.kernel.printk.boot is not a part of the boot log'],
    ['a boot reference that is not a pair', packed((d) => (d.machine.kernel.printk.boot = 'all')), 'machine.kernel.printk.boot is not a part of the boot log'],
    ['a packed history entry with three fields', packed((d) => (d.history = { users: ['ada'], entries: [[0, 'lsmod', 1]] })), 'history[0] is not a command entry'],
    ['a packed history entry naming no user', packed((d) => (d.history = { users: ['ada'], entries: [[0, 'lsmod', 1, 0], [1, 'lsmod', 1, 0]] })), 'history[1] is not a command entry'],
    ['a packed history that is a list', packed((d) => (d.history = [])), 'history is not a list of users and entries'],
  );
  for (const [what, doc, says] of table) {
    it(`reports a document with ${what} as damaged: "${says}"`, () => {
      assert.throws(() => migrate(typeof doc === 'string' ? JSON.parse(doc) : doc), damagedBecause(says));
    });
  }

  it(`keeps the newest ${HISTORY_LIMIT} history entries`, () => {
    const state = fakeBoot()();
    for (let i = 0; i < HISTORY_LIMIT + 3; i++) state.history.push({ user: 'ada', line: `echo ${i}`, at: i, status: 0 });
    boundHistory(state);
    assert.equal(state.history.length, HISTORY_LIMIT);
    assert.equal(state.history[0].line, 'echo 3');
    assert.equal(state.history[HISTORY_LIMIT - 1].line, `echo ${HISTORY_LIMIT + 2}`);
  });

  it('leaves a short history alone', () => {
    const state = fakeBoot()();
    state.history.push({ user: 'ada', line: 'lsmod', at: 1, status: 0 });
    boundHistory(state);
    assert.equal(state.history.length, 1);
  });
});
