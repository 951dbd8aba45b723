/**
 * A .ko's bytes and the module they are (27-kbuild-install, recorded in the real kernel): a
 * copy by cp, `cat a.ko > b.ko` or a pipe loads as the same module; a part of one, one byte
 * changed, or something appended is no module, and the kernel says which check refused it.
 */
import { strict as assert } from 'node:assert';
import { freshMachineEachTest } from '../machine/fresh-machine';
import { MODULE_BYTES, identify, moduleBytes } from '../../src/modules/module-bytes';
import type { ModuleImage } from '../../src/kernel/image';
import { random } from '../hostile/random';

const image = { id: 'built:demo:ABCDEF', fileSize: 16384 } as ModuleImage;
const images = (id: string): ModuleImage | undefined => (id === image.id ? image : undefined);

describe('a module file\'s bytes', () => {
  it('are MODULE_BYTES long, an ELF64 relocatable x86-64 header whose section table lies past them', () => {
    const b = Buffer.from(moduleBytes(image), 'latin1');
    assert.equal(b.length, MODULE_BYTES);
    assert.equal(b.subarray(0, 4).toString('latin1'), '\x7fELF');
    assert.equal(b.readUInt16LE(16), 1);
    assert.equal(b.readUInt16LE(18), 62);
    assert.equal(b.readUInt16LE(58), 64);
    assert.ok(b.readBigUInt64LE(40) >= BigInt(MODULE_BYTES));
  });

  it('name their image only when whole and unchanged', () => {
    const bytes = moduleBytes(image);
    assert.equal(identify(bytes, images), image.id);
    assert.equal(identify(bytes.slice(0, 100), images), undefined);
    assert.equal(identify(bytes + '\n', images), undefined);
    assert.equal(identify(bytes.slice(0, -1) + 'x', images), undefined);
    assert.equal(identify(moduleBytes({ ...image, id: 'built:other:1' }), images), undefined);
    assert.equal(identify('', images), undefined);
  });

  it('survive hostile look-alikes: no tag, no newline, an id past the end, random mutations', () => {
    const bytes = moduleBytes(image);
    const head = bytes.slice(0, 64);
    assert.equal(identify(head + 'modlab-module:' + 'x'.repeat(MODULE_BYTES), images), undefined);
    assert.equal(identify((head + 'modlab-module:' + image.id).padEnd(MODULE_BYTES, 'y'), images), undefined);
    const next = random(10);
    for (let round = 0; round < 2000; round++) {
      const chars = bytes.split('');
      const at = Math.floor(next() * chars.length);
      const was = chars[at];
      chars[at] = String.fromCharCode(Math.floor(next() * 256));
      const got = identify(chars.join(''), images);
      assert.equal(got, chars[at] === was ? image.id : undefined);
    }
  });
});

describe('copies of a .ko on the machine', () => {
  const fresh = freshMachineEachTest(Date.UTC(2026, 11, 5, 9, 0, 0));
  const run = fresh.runLogged;

  it('load as the module whether made by cat > or through a pipe, and keep its size', () => {
    assert.deepEqual(run('cat hello.ko > /tmp/b.ko; insmod /tmp/b.ko; echo status $?').output, 'status 0\n');
    assert.match(run('lsmod').output, /^hello /m);
    assert.equal(run('rmmod hello').status, 0);
    assert.deepEqual(run('cat hello.ko | cat > c.ko && insmod c.ko && lsmod | grep -c ^hello').output, '1\n');
    assert.equal(run('stat -c %s c.ko').output, run('stat -c %s hello.ko').output);
    assert.equal(run('modinfo -F name c.ko').output, 'hello\n');
  });

  it('a copy of a built module loads too', () => {
    run("mkdir m && printf 'obj-m += m1.o\\n' > m/Makefile && printf '#include <linux/module.h>\\nstatic int __init a(void) { pr_info(\"m1 up\\\\n\"); return 0; }\\nmodule_init(a);\\nMODULE_LICENSE(\"GPL\");\\n' > m/m1.c");
    assert.equal(run('make -C /lib/modules/$(uname -r)/build M=/root/m modules >/dev/null 2>&1; echo $?').output, '0\n');
    const r = run('cat m/m1.ko > x.ko && insmod x.ko');
    assert.equal(r.status, 0, r.output);
    assert.deepEqual(r.klog.slice(-1), ['m1 up']);
  });

  it('refuse a part, an appended one, an edited one, with the kernel\'s reason', () => {
    assert.deepEqual(run('head -c 100 hello.ko > d.ko; insmod d.ko'), {
      output: 'insmod: ERROR: could not insert module d.ko: Invalid module format\n',
      status: 1,
      klog: ['Invalid ELF section header overflow'],
    });
    assert.equal(run('cat hello.ko hello.ko > e.ko; insmod e.ko').status, 1);
    assert.equal(run('cp hello.ko f.ko && echo >> f.ko && insmod f.ko').status, 1);
    assert.deepEqual(run("printf '\\177ELF\\2\\1\\1\\0\\0\\0\\0\\0\\0\\0\\0\\0\\1\\0\\3\\0' > g.ko && head -c 64 /dev/zero >> g.ko && insmod g.ko").klog, ['Invalid architecture in ELF header: 3']);
  });
});
