import { strict as assert } from 'node:assert';
import { main } from '../../src/userland/rmmod';
import { main as insmodMain } from '../../src/userland/insmod';
import { run, testSystem } from './kmod-tools-system';

function withModules(names: string[], uid = 0) {
  const t = testSystem();
  for (const n of names) assert.equal(run(insmodMain, t.sys, ['insmod', `${n}.ko`]).status, 0);
  t.sys.uid = uid;
  return { ...t, rmmod: (...argv: string[]) => run(main, t.sys, ['rmmod', ...argv]) };
}

describe('rmmod (kmod 30)', () => {
  it('removes modules by name or by .ko file, several at once', () => {
    const t = withModules(['hello', 'mod_b']);
    assert.deepEqual(t.rmmod('hello.ko', 'mod_b'), { out: '', err: '', status: 0 });
    assert.deepEqual(t.kernel.modules(), []);
  });

  it('says "missing module name."', () => {
    assert.deepEqual(withModules([]).rmmod(), { out: '', err: 'rmmod: ERROR: missing module name.\n', status: 1 });
  });

  it('reports a module that is not loaded, and goes on with the others', () => {
    const t = withModules(['hello']);
    assert.deepEqual(t.rmmod('nosuchmodule', 'hello'), { out: '', err: 'rmmod: ERROR: Module nosuchmodule is not currently loaded\n', status: 1 });
    assert.equal(t.kernel.find('hello'), undefined);
  });

  it('refuses a built-in module (modules.builtin)', () => {
    assert.equal(withModules([]).rmmod('unix').err, 'rmmod: ERROR: Module unix is builtin.\n');
  });

  it('refuses rmmod of a module that has holders, naming them (06-noexit)', () => {
    const t = withModules(['mod_b', 'mod_a']);
    assert.deepEqual(t.rmmod('-v', 'mod_b'), { out: '', err: 'rmmod: ERROR: Module mod_b is in use by: mod_a\n', status: 1 });
    assert.deepEqual(t.rmmod('-f', 'mod_b'), {
      out: '',
      err: "rmmod: ERROR: ../libkmod/libkmod-module.c:856 kmod_module_remove_module() could not remove 'mod_b': Resource temporarily unavailable\n" +
        'rmmod: ERROR: could not remove module mod_b: Resource temporarily unavailable\n',
      status: 1,
    });
  });

  it('says "is in use" for a reference without a holder', () => {
    const t = withModules(['hello']);
    const m = t.kernel.find('hello');
    if (m) m.refs = 1;
    assert.equal(t.rmmod('hello').err, 'rmmod: ERROR: Module hello is in use\n');
  });

  it('cannot remove a module without exit unless forced (06-noexit)', () => {
    const t = withModules(['noexit']);
    assert.deepEqual(t.rmmod('noexit'), {
      out: '',
      err: "rmmod: ERROR: ../libkmod/libkmod-module.c:856 kmod_module_remove_module() could not remove 'noexit': Device or resource busy\n" +
        'rmmod: ERROR: could not remove module noexit: Device or resource busy\n',
      status: 1,
    });
    assert.deepEqual(t.rmmod('-f', 'noexit'), { out: '', err: '', status: 0 });
    assert.equal(t.kernel.state.tainted, 12296);
  });

  it('knows -w only as an unexpected getopt value (06-noexit)', () => {
    assert.deepEqual(withModules(['hello']).rmmod('-w', 'hello'), { out: '', err: "rmmod: ERROR: unexpected getopt_long() value 'w'.\n", status: 1 });
  });

  it('is refused by the kernel for a non-root user, after the sysfs checks (04-errors-params)', () => {
    assert.equal(withModules([], 65534).rmmod('hello').err, 'rmmod: ERROR: Module hello is not currently loaded\n');
    assert.equal(withModules(['hello'], 65534).rmmod('hello').err,
      "rmmod: ERROR: ../libkmod/libkmod-module.c:856 kmod_module_remove_module() could not remove 'hello': Operation not permitted\n" +
      'rmmod: ERROR: could not remove module hello: Operation not permitted\n');
  });

  it('treats a built-in /sys/module entry without initstate as not unloadable', () => {
    assert.equal(withModules([]).rmmod('printk').err,
      "rmmod: ERROR: ../libkmod/libkmod-module.c:1998 kmod_module_get_holders() could not open '/sys/module/printk/holders': No such file or directory\n" +
      'rmmod: ERROR: Module unloading is not supported\n');
  });

  it('sends its messages to syslog with -s, except the holder names', () => {
    assert.deepEqual(withModules([]).rmmod('-s', 'hello'), { out: '', err: '', status: 1 });
    assert.equal(withModules(['mod_b', 'mod_a']).rmmod('-s', 'mod_b').err, ' mod_a\n');
  });

  it('normalises a name: dashes to underscores, up to the first dot', () => {
    const t = withModules(['mod_b']);
    assert.equal(t.rmmod('mod-b.whatever').status, 0);
  });

  it('prints help and rejects unknown options', () => {
    const t = withModules([]);
    assert.match(t.rmmod('--help').out, /^Usage:\n\trmmod \[options\] modulename \.\.\.\nOptions:\n\t-f, --force {7}forces a module unload/);
    assert.deepEqual(t.rmmod('--bogus', 'x'), { out: '', err: "rmmod: unrecognized option '--bogus'\n", status: 1 });
  });
});
