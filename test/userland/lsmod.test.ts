import { strict as assert } from 'node:assert';
import { main } from '../../src/userland/lsmod';
import { main as insmodMain } from '../../src/userland/insmod';
import { run, testSystem } from './kmod-tools-system';

describe('lsmod (kmod 30)', () => {
  it('prints only the header when nothing is loaded', () => {
    assert.deepEqual(run(main, testSystem().sys, ['lsmod']), { out: 'Module                  Size  Used by\n', err: '', status: 0 });
  });

  it('lays out name, size, use count and holders in kmod\'s columns (10-sysfs-procfs)', () => {
    const t = testSystem();
    for (const n of ['hello', 'hello_param', 'mod_b', 'mod_a', 'mod_d_prop', 'noexit']) run(insmodMain, t.sys, ['insmod', `${n}.ko`]);
    assert.equal(run(main, t.sys, ['lsmod']).out, [
      'Module                  Size  Used by',
      'noexit                 12288  0',
      'mod_d_prop             16384  0',
      'mod_a                  16384  0',
      'mod_b                  16384  2 mod_a,mod_d_prop',
      'hello_param            16384  0',
      'hello                  16384  0',
      '',
    ].join('\n'));
  });

  it('takes no arguments at all', () => {
    assert.deepEqual(run(main, testSystem().sys, ['lsmod', '-h']), { out: '', err: 'Usage: lsmod\n', status: 1 });
    assert.deepEqual(run(main, testSystem().sys, ['/sbin/lsmod', 'x']), { out: '', err: 'Usage: /sbin/lsmod\n', status: 1 });
  });
});
