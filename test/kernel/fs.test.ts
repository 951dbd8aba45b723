import { strict as assert } from 'node:assert';
import { boot, insmod } from './fixtures';
import { O_NONBLOCK } from '../../src/kernel/kernel';

describe('kernel: /proc', () => {
  it('lists modules newest first with size, refcnt, users, state, address and taints (10-sysfs-procfs)', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    insmod(kernel, 'mod_b');
    insmod(kernel, 'mod_a');
    insmod(kernel, 'dummy');
    assert.equal(kernel.procfs.read('/proc/modules'), [
      'dummy 16384 0 - Live 0xffffffffc041f000',
      'mod_a 16384 0 - Live 0xffffffffc041a000 (OE)',
      'mod_b 16384 1 mod_a, Live 0xffffffffc0415000 (OE)',
      'hello 16384 0 - Live 0xffffffffc0410000 (OE)',
      '',
    ].join('\n'));
  });

  it('marks a module without exit [permanent] (06-noexit)', () => {
    const { kernel } = boot();
    insmod(kernel, 'noexit');
    assert.equal(kernel.procfs.read('/proc/modules'), 'noexit 12288 0 [permanent], Live 0xffffffffc0410000 (OE)\n');
  });

  it('shows the taint mask, printk levels and dmesg_restrict', () => {
    const { kernel } = boot();
    assert.equal(kernel.procfs.read('/proc/sys/kernel/tainted'), '0\n');
    insmod(kernel, 'hello_old');
    assert.equal(kernel.procfs.read('/proc/sys/kernel/tainted'), '12289\n');
    assert.equal(kernel.procfs.read('/proc/sys/kernel/printk'), '7\t4\t1\t7\n');
    assert.equal(kernel.procfs.read('/proc/sys/kernel/dmesg_restrict'), '1\n');
    assert.equal(kernel.procfs.write('/proc/sys/kernel/dmesg_restrict', '0\n', false), 0);
    assert.equal(kernel.procfs.read('/proc/sys/kernel/dmesg_restrict'), '0\n');
    assert.equal(kernel.procfs.write('/proc/sys/kernel/printk', 'abc\n', false), -22);
  });

  it('keeps dmesg_restrict within 0..1 and printk_devkmsg to on/off/ratelimit (13-sysfs-corners)', () => {
    const { kernel } = boot();
    assert.equal(kernel.procfs.write('/proc/sys/kernel/dmesg_restrict', '2\n', false), -22);
    assert.equal(kernel.procfs.read('/proc/sys/kernel/dmesg_restrict'), '1\n');
    assert.equal(kernel.procfs.read('/proc/sys/kernel/printk_devkmsg'), 'ratelimit\n');
    assert.equal(kernel.procfs.write('/proc/sys/kernel/printk_devkmsg', 'onx\n', false), -22);
    assert.equal(kernel.procfs.write('/proc/sys/kernel/printk_devkmsg', 'on', false), -22);
    assert.equal(kernel.procfs.write('/proc/sys/kernel/printk_devkmsg', 'off\n', false), 0);
    assert.equal(kernel.procfs.read('/proc/sys/kernel/printk_devkmsg'), 'off\n');
  });

  it('prints Debian\'s banner in /proc/version', () => {
    const { kernel } = boot();
    assert.equal(kernel.procfs.read('/proc/version'), 'Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)\n');
  });

  it('lists an export and its ksymtab entries in /proc/kallsyms (10-sysfs-procfs)', () => {
    const { kernel } = boot();
    insmod(kernel, 'mod_b');
    const lines = String(kernel.procfs.read('/proc/kallsyms')).split('\n').filter((l) => l.includes('mod_b_add'));
    assert.deepEqual(lines, [
      'ffffffffc0411078 r __crc_mod_b_add\t[mod_b]',
      'ffffffffc0411080 r __kstrtab_mod_b_add\t[mod_b]',
      'ffffffffc041108a r __kstrtabns_mod_b_add\t[mod_b]',
      'ffffffffc0411060 r __ksymtab_mod_b_add\t[mod_b]',
      'ffffffffc0410000 T mod_b_add\t[mod_b]',
    ]);
  });

  it('answers ENOENT for what it does not have', () => {
    const { kernel } = boot();
    assert.equal(kernel.procfs.read('/proc/nosuch'), -2);
    assert.equal(kernel.procfs.read('/proc/sys'), -21);
  });
});

describe('kernel: /sys/module', () => {
  it('holds exactly the attributes Linux creates for a loaded module (10-sysfs-procfs)', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    insmod(kernel, 'hello_param');
    const sorted = (p: string) => [...(kernel.sysfs.list(p) as string[])].sort();
    assert.deepEqual(sorted('/sys/module/hello'), ['coresize', 'holders', 'initsize', 'initstate', 'notes', 'refcnt', 'sections', 'srcversion', 'taint', 'uevent', 'version']);
    assert.deepEqual(sorted('/sys/module/hello_param'), ['coresize', 'holders', 'initsize', 'initstate', 'notes', 'parameters', 'refcnt', 'sections', 'taint', 'uevent']);
    assert.deepEqual(sorted('/sys/module/hello_param/parameters'), ['myint', 'myintarray', 'mystring']);
    assert.equal(kernel.sysfs.read('/sys/module/hello/initstate'), 'live\n');
    assert.equal(kernel.sysfs.read('/sys/module/hello/initsize'), '0\n');
    assert.equal(kernel.sysfs.read('/sys/module/hello/coresize'), '16384\n');
    assert.equal(kernel.sysfs.read('/sys/module/hello/taint'), 'OE\n');
    assert.equal(kernel.sysfs.read('/sys/module/hello/version'), '1.0\n');
    assert.equal(kernel.sysfs.read('/sys/module/hello/sections/.text'), -2);
    const st = kernel.sysfs.stat('/sys/module/hello/uevent');
    assert.ok(typeof st !== 'number' && st.mode === 0o200 && st.size === 4096);
    assert.equal(kernel.sysfs.read('/sys/module/hello/uevent'), -13);
  });

  it('shows holders as links, refcnt and an empty taint for a clean module', () => {
    const { kernel } = boot();
    insmod(kernel, 'dummy');
    insmod(kernel, 'mod_b');
    insmod(kernel, 'mod_a');
    assert.deepEqual(kernel.sysfs.list('/sys/module/mod_b/holders'), ['mod_a']);
    const link = kernel.sysfs.stat('/sys/module/mod_b/holders/mod_a');
    assert.ok(typeof link !== 'number' && link.type === 'symlink' && link.target === '../../mod_a');
    assert.equal(kernel.sysfs.read('/sys/module/mod_b/refcnt'), '1\n');
    assert.equal(kernel.sysfs.read('/sys/module/dummy/taint'), '\n');
  });

  it('lists holders in kernfs order, not load order (08-intree: fat … msdos,vfat)', () => {
    const { kernel } = boot();
    insmod(kernel, 'mod_b');
    insmod(kernel, 'mod_a');
    insmod(kernel, 'mod_d_prop');
    assert.deepEqual(kernel.holders('mod_b'), ['mod_d_prop', 'mod_a']);
    assert.deepEqual(kernel.sysfs.list('/sys/module/mod_b/holders'), ['mod_a', 'mod_d_prop']);
  });

  it('reads parameters as their get() prints them; a counted array shows only what was given', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello_param');
    assert.equal(kernel.sysfs.read('/sys/module/hello_param/parameters/myint'), '42\n');
    assert.equal(kernel.sysfs.read('/sys/module/hello_param/parameters/myintarray'), '');
    assert.equal(kernel.sysfs.read('/sys/module/hello_param/parameters/hidden'), -2);
    kernel.deleteModule('hello_param', O_NONBLOCK);
    insmod(kernel, 'hello_param', 'myintarray=10,20,30');
    assert.equal(kernel.sysfs.read('/sys/module/hello_param/parameters/myintarray'), '10,20,30\n');
  });

  it('writes a parameter through its set(): bad value -EINVAL, read-only -EACCES (04-errors-params)', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello_param');
    assert.equal(kernel.sysfs.write('/sys/module/hello_param/parameters/myint', '123\n', false), 0);
    assert.equal(kernel.sysfs.read('/sys/module/hello_param/parameters/myint'), '123\n');
    assert.equal(kernel.sysfs.write('/sys/module/hello_param/parameters/myint', 'abc\n', false), -22);
    assert.equal(kernel.sysfs.read('/sys/module/hello_param/parameters/myint'), '123\n');
    assert.equal(kernel.sysfs.write('/sys/module/hello_param/parameters/mystring', 'world\n', false), -13);
    assert.equal(kernel.sysfs.write('/sys/module/hello_param/nosuch', 'x\n', false), -13);
  });

  it('shows built-ins only with visible parameters or a version', () => {
    const { kernel } = boot();
    const names = kernel.sysfs.list('/sys/module') as string[];
    assert.ok(names.includes('printk') && names.includes('versioned') && names.includes('module'));
    assert.ok(!names.includes('hidden_only'));
    assert.deepEqual([...(kernel.sysfs.list('/sys/module/printk') as string[])].sort(), ['parameters', 'uevent']);
    assert.equal(kernel.sysfs.read('/sys/module/printk/refcnt'), -2);
    assert.equal(kernel.sysfs.read('/sys/module/printk/parameters/time'), 'Y\n');
    assert.equal(kernel.sysfs.read('/sys/module/versioned/version'), '2.0\n');
  });

  it('shows module.sig_enforce from the command line (07c-sig-enforce)', () => {
    assert.equal(boot().kernel.sysfs.read('/sys/module/module/parameters/sig_enforce'), 'N\n');
    assert.equal(boot('module.sig_enforce=1').kernel.sysfs.read('/sys/module/module/parameters/sig_enforce'), 'Y\n');
  });

  it('dates a module\'s files by its load time', () => {
    const { kernel, clock } = boot();
    clock.advance(60_000);
    insmod(kernel, 'hello');
    const st = kernel.sysfs.stat('/sys/module/hello/refcnt');
    assert.ok(typeof st !== 'number' && st.mtime === clock.now);
  });

  it('forgets the directory of an unloaded or failed module', () => {
    const { kernel } = boot();
    insmod(kernel, 'fail_enodev');
    assert.equal(kernel.sysfs.stat('/sys/module/fail_enodev'), -2);
  });
});
