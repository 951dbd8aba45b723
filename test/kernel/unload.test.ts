import { strict as assert } from 'node:assert';
import { boot, insmod, rmmod } from './fixtures';
import { O_NONBLOCK, O_TRUNC } from '../../src/kernel/kernel';

describe('kernel: delete_module', () => {
  it('runs the exit function and forgets the module', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    assert.deepEqual(rmmod(kernel, 'hello', O_NONBLOCK), [0, ['hello: Goodbye, world!']]);
    assert.equal(kernel.find('hello'), undefined);
  });

  it('answers -ENOENT for a module that is not loaded', () => {
    const { kernel } = boot();
    assert.deepEqual(rmmod(kernel, 'hello'), [-2, []]);
  });

  it('refuses rmmod of a module that has holders, even forced (06-noexit)', () => {
    const { kernel } = boot();
    insmod(kernel, 'mod_b');
    insmod(kernel, 'mod_a');
    assert.deepEqual(rmmod(kernel, 'mod_b', O_NONBLOCK | O_TRUNC), [-11, []]);
    assert.equal(kernel.state.tainted, 12288);
    assert.deepEqual(rmmod(kernel, 'mod_a'), [0, ['mod_a: exit']]);
    assert.deepEqual(kernel.holders('mod_b'), []);
    assert.equal(rmmod(kernel, 'mod_b')[0], 0);
  });

  it('keeps a module with init but no exit (-EBUSY) unless forced, which taints R (06-noexit)', () => {
    const { kernel } = boot();
    insmod(kernel, 'noexit');
    assert.deepEqual(rmmod(kernel, 'noexit', O_NONBLOCK), [-16, []]);
    assert.deepEqual(rmmod(kernel, 'noexit', O_NONBLOCK | O_TRUNC), [0, ['Disabling lock debugging due to kernel taint']]);
    assert.equal(kernel.state.tainted, 12296);
  });

  it('unloads a module with neither init nor exit', () => {
    const { kernel } = boot();
    insmod(kernel, 'noinit');
    assert.deepEqual(rmmod(kernel, 'noinit'), [0, []]);
  });

  it('refuses a module with other references (-EWOULDBLOCK) unless forced', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    const mod = kernel.find('hello');
    if (mod) mod.refs = 1;
    assert.equal(kernel.refcnt('hello'), 1);
    assert.deepEqual(rmmod(kernel, 'hello', O_NONBLOCK), [-11, []]);
    assert.equal(rmmod(kernel, 'hello', O_NONBLOCK | O_TRUNC)[0], 0);
  });

  it('refuses a caller without CAP_SYS_MODULE', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    assert.equal(kernel.deleteModule('hello', O_NONBLOCK, { comm: 'rmmod', uid: 1000 }), -1);
    assert.ok(kernel.find('hello'));
  });

  it('prints parameter values as they are when the module goes', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello_param', 'myint=5');
    assert.deepEqual(rmmod(kernel, 'hello_param'), [0, ['hello_param: exit, myint=5']]);
  });
});
