import { strict as assert } from 'node:assert';
import { main } from '../../src/userland/lsmod';
import { main as insmodMain } from '../../src/userland/insmod';
import { run, testSystem } from './kmod-tools-system';
import { coresize, holders, modnameNormalize, refcnt } from '../../src/userland/kmod-module';
import { bootMachine, openSystem } from '../../src/machine/machine';
import { runLine } from '../../src/shell';
import type { System } from '../../src/userland/tool';

/** lsmod as it read sysfs before (issue 9): /sys/module/NAME/{coresize,refcnt,holders} through path walks. */
function lsmodThroughSysfs(sys: System): string {
  let out = 'Module                  Size  Used by\n';
  const text = sys.fs.read('/proc/modules');
  assert.equal(typeof text, 'string');
  for (const line of String(text).split('\n')) {
    const token = line.split(/[ \t]/).find((t) => t !== '');
    if (token === undefined) continue;
    const name = modnameNormalize(token);
    out += `${name.padEnd(19)} ${String(coresize(sys, name)).padStart(8)}  ${refcnt(sys, name)}`;
    const users = holders(sys, name);
    if (typeof users !== 'number' && users.length > 0) out += ` ${users.join(',')}`;
    out += '\n';
  }
  return out;
}

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

  it('prints what the sysfs files say, byte for byte, for real modules with holders, in use and going (issue 9)', () => {
    const options = { clock: () => Date.UTC(2026, 10, 25, 20, 18, 0), hostname: 'modlab' };
    const state = bootMachine(options);
    const sys = openSystem(state, options);
    const lines = ['modprobe ext4', 'modprobe vfat', 'modprobe snd-dummy', 'modprobe btrfs', 'insmod /lib/modules/$(uname -r)/kernel/fs/fat/msdos.ko', 'modprobe -r vfat', 'modprobe dummy', 'rmmod -f ext4'];
    for (const line of lines) {
      runLine(line, sys, sys.programs);
      assert.equal(run(main, sys, ['lsmod']).out, lsmodThroughSysfs(sys), line);
    }
    assert.ok(sys.kernel.modules().length > 10);
  });

  it('takes no arguments at all', () => {
    assert.deepEqual(run(main, testSystem().sys, ['lsmod', '-h']), { out: '', err: 'Usage: lsmod\n', status: 1 });
    assert.deepEqual(run(main, testSystem().sys, ['/sbin/lsmod', 'x']), { out: '', err: 'Usage: /sbin/lsmod\n', status: 1 });
  });
});
