import { strict as assert } from 'node:assert';
import { boot, img, insmod, logSince } from './fixtures';
import { MODULE_INIT_IGNORE_MODVERSIONS, MODULE_INIT_IGNORE_VERMAGIC } from '../../src/kernel/kernel';

const DUMP_TAIL = [
  ' <TASK>',
  ' dump_stack_lvl+0x44/0x5c',
  ' do_init_module.cold+0x21/0x26',
  ' __do_sys_finit_module+0xac/0x120',
  ' do_syscall_64+0x5d/0xb0',
  ' ? exit_to_user_mode_prepare+0x44/0x240',
  ' entry_SYSCALL_64_after_hwframe+0x6e/0xd8',
];

describe('kernel: finit_module', () => {
  it('taints O and E with their once-per-boot messages, then runs init (04-errors-params)', () => {
    const { kernel } = boot();
    assert.deepEqual(insmod(kernel, 'hello'), [0, [
      'hello: loading out-of-tree module taints kernel.',
      'hello: module verification failed: signature and/or required key missing - tainting kernel',
      'hello: Hello, world!',
    ]]);
    assert.equal(kernel.state.tainted, 12288);
    assert.equal(kernel.find('hello')?.taint, 'OE');
    assert.equal(kernel.find('hello')?.state, 'live');
  });

  it('does not repeat the taint messages for the next out-of-tree module', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    assert.deepEqual(insmod(kernel, 'mod_b'), [0, ['mod_b: loaded, exporting mod_b_add and mod_b_gpl_secret']]);
  });

  it('refuses a module that is already loaded with -EEXIST and prints nothing', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    assert.deepEqual(insmod(kernel, 'hello'), [-17, []]);
  });

  it('loads a signed in-tree module without tainting', () => {
    const { kernel } = boot();
    assert.deepEqual(insmod(kernel, 'dummy'), [0, ['dummy: init']]);
    assert.equal(kernel.state.tainted, 0);
    assert.equal(kernel.find('dummy')?.taint, '');
  });

  it('prints license, lock debugging and signature messages in load_module order (01-seed-tutorial)', () => {
    const { kernel } = boot();
    const [err, lines] = insmod(kernel, 'hello_old');
    assert.equal(err, 0);
    assert.deepEqual(lines.slice(0, 6), [
      'hello_old: loading out-of-tree module taints kernel.',
      "hello_old: module license 'unspecified' taints kernel.",
      'Disabling lock debugging due to kernel taint',
      'hello_old: module verification failed: signature and/or required key missing - tainting kernel',
      'Hello world 1.',
      "do_init_module: 'hello_old'->init suspiciously returned 1, it should follow 0/-E convention\ndo_init_module: loading module anyway...",
    ]);
    assert.match(lines[6], /^CPU: [01] PID: 113 Comm: insmod Tainted: P {11}OE {6}6\.1\.0-56-amd64 #1  Debian 6\.1\.192-2$/);
    assert.equal(lines[7], 'Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014');
    assert.equal(lines[8], 'Call Trace:');
    assert.deepEqual(lines.slice(9, 16), DUMP_TAIL);
    assert.equal(lines[lines.length - 1], ' </TASK>');
    assert.equal(kernel.state.tainted, 12289);
    assert.equal(kernel.find('hello_old')?.taint, 'POE');
    assert.equal(kernel.find('hello_old')?.state, 'live');
  });

  it('gives the dump lines after "Call Trace:" one shared timestamp', () => {
    const { kernel } = boot();
    const seq = kernel.state.printk.nextSeq;
    insmod(kernel, 'hello_old');
    const recs = kernel.state.printk.records.filter((r) => r.seq >= seq);
    const trace = recs.slice(recs.findIndex((r) => r.text === ' <TASK>'));
    assert.equal(new Set(trace.map((r) => r.usec)).size, 1);
    assert.ok(recs.every((r, i) => i === 0 || r.usec >= recs[i - 1].usec));
  });

  it('says "Disabling lock debugging" only once per boot (07b: a proprietary module first)', () => {
    const { kernel } = boot();
    insmod(kernel, 'mod_b');
    assert.deepEqual(insmod(kernel, 'mod_d_prop'), [0, [
      "mod_d_prop: module license 'Proprietary' taints kernel.",
      'Disabling lock debugging due to kernel taint',
      'mod_d_prop: mod_b_add(40, 2) = 42',
    ]]);
    assert.deepEqual(insmod(kernel, 'hello_old')[1].slice(0, 1), ['Hello world 1.']);
  });

  it('frees a module whose init fails, without its exit, keeping the taint (05-init-failures)', () => {
    const { kernel } = boot();
    const [err, lines] = insmod(kernel, 'fail_enodev');
    assert.equal(err, -19);
    assert.equal(lines[lines.length - 1], 'fail_enodev: init called, returning -ENODEV');
    assert.equal(kernel.find('fail_enodev'), undefined);
    assert.equal(kernel.state.tainted, 12288);
  });

  it('prints one "Unknown symbol" line per missing import, in import order (11i)', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    assert.deepEqual(insmod(kernel, 'exp_user'), [-2, ['exp_user: Unknown symbol exp_double (err -2)', 'exp_user: Unknown symbol exp_calls (err -2)']]);
  });

  it('resolves imports against loaded modules and records the use (mod_b held by mod_a)', () => {
    const { kernel } = boot();
    assert.equal(insmod(kernel, 'mod_a')[0], -2);
    insmod(kernel, 'mod_b');
    assert.equal(insmod(kernel, 'mod_a')[0], 0);
    assert.deepEqual(kernel.holders('mod_b'), ['mod_a']);
    assert.equal(kernel.refcnt('mod_b'), 1);
    assert.equal(kernel.refcnt('mod_a'), 0);
  });

  it('hides GPL-only exports from a proprietary module (07-taint)', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    insmod(kernel, 'mod_b');
    assert.deepEqual(insmod(kernel, 'mod_c_prop'), [-2, [
      "mod_c_prop: module license 'Proprietary' taints kernel.",
      'Disabling lock debugging due to kernel taint',
      'mod_c_prop: Unknown symbol mod_b_gpl_secret (err -2)',
    ]]);
    assert.equal(kernel.state.tainted, 12289);
    assert.deepEqual(insmod(kernel, 'mod_c_prop'), [-2, ['mod_c_prop: Unknown symbol mod_b_gpl_secret (err -2)']]);
  });

  it('refuses a second exporter of a symbol with -ENOEXEC (11i-dup-symbol)', () => {
    const { kernel } = boot();
    insmod(kernel, 'dup_a');
    assert.deepEqual(insmod(kernel, 'dup_b'), [-8, ['dup_b: exports duplicate symbol dup_shared_fn (owned by dup_a)']]);
  });

  it('refuses a module built for another kernel by vermagic', () => {
    const { kernel } = boot();
    assert.deepEqual(insmod(kernel, 'nomodversions'), [-8, [
      "nomodversions: version magic '6.1.0-99-amd64 SMP preempt mod_unload ' should be '6.1.0-56-amd64 SMP preempt mod_unload modversions '",
    ]]);
    assert.equal(insmod(kernel, 'old_magic')[0], -8);
  });

  it('forces a load past vermagic and modversions with taint F, saying so once (CONFIG_MODULE_FORCE_LOAD=y, 12-kmod-corners)', () => {
    const { kernel } = boot();
    assert.deepEqual(insmod(kernel, 'hello', '', MODULE_INIT_IGNORE_VERMAGIC), [0, [
      'hello: bad vermagic: kernel tainted.',
      'Disabling lock debugging due to kernel taint',
      'hello: loading out-of-tree module taints kernel.',
      'hello: module verification failed: signature and/or required key missing - tainting kernel',
      'hello: Hello, world!',
    ]]);
    assert.equal(kernel.state.tainted, 12290);
    assert.equal(kernel.deleteModule('hello', 0), 0);
    // the second forced load finds F already set: try_to_force_load() stays silent
    assert.deepEqual(insmod(kernel, 'hello', '', MODULE_INIT_IGNORE_VERMAGIC | MODULE_INIT_IGNORE_MODVERSIONS), [0, ['hello: Hello, world!']]);
  });

  it('names module_layout when modversions are ignored (insmod -f sets both flags)', () => {
    const { kernel } = boot();
    const [err, log] = insmod(kernel, 'hello', '', MODULE_INIT_IGNORE_VERMAGIC | MODULE_INIT_IGNORE_MODVERSIONS);
    assert.deepEqual([err, log.slice(0, 2)], [0, ['hello: module_layout: kernel tainted.', 'Disabling lock debugging due to kernel taint']]);
  });

  it('rejects unsigned modules with module.sig_enforce=1 (07c-sig-enforce)', () => {
    const { kernel } = boot('module.sig_enforce=1');
    assert.deepEqual(insmod(kernel, 'hello'), [-129, ['Loading of unsigned module is rejected']]);
    assert.deepEqual(insmod(kernel, 'dummy'), [0, ['dummy: init']]);
    assert.equal(kernel.state.tainted, 0);
    assert.equal(kernel.state.cmdline, 'console=ttyS0 panic=-1 module.sig_enforce=1');
  });

  it('refuses files that are not ELF modules as 04-errors-params shows', () => {
    const { kernel } = boot();
    const load = (content: string): [number, string[]] => {
      const seq = kernel.state.printk.nextSeq;
      return [kernel.finitModule({ kind: 'bytes', content }, '', 0), logSince(kernel, seq)];
    };
    assert.deepEqual(load('this is not a kernel module\n'), [-8, ['Invalid ELF header len 28']]);
    assert.deepEqual(load('root:x:0:0:root:/root:/bin/bash\n'.repeat(3)), [-8, ['Invalid ELF header magic: != \x7fELF']]);
    assert.deepEqual(load(''), [-22, []]);
  });

  it('refuses a caller without CAP_SYS_MODULE with -EPERM before anything else', () => {
    const { kernel } = boot();
    const seq = kernel.state.printk.nextSeq;
    assert.equal(kernel.finitModule({ kind: 'image', image: img('hello') }, '', 0, { comm: 'insmod', uid: 65534 }), -1);
    assert.deepEqual(logSince(kernel, seq), []);
    assert.equal(kernel.state.tainted, 0);
  });

  it('names the calling command in the stack dump', () => {
    const { kernel } = boot();
    const seq = kernel.state.printk.nextSeq;
    kernel.finitModule({ kind: 'image', image: img('hello_old') }, '', 0, { comm: 'modprobe', uid: 0, pid: 197 });
    assert.ok(logSince(kernel, seq).includes('CPU: 1 PID: 197 Comm: modprobe Tainted: P           OE      6.1.0-56-amd64 #1  Debian 6.1.192-2'));
  });

  it('places modules one after the other in the module area and reuses freed space (07-taint)', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    insmod(kernel, 'mod_b');
    const b = kernel.find('mod_b')?.address;
    assert.equal(kernel.find('hello')?.address, 0xc0410000);
    assert.equal(b, 0xc0415000);
    insmod(kernel, 'mod_c_prop');
    insmod(kernel, 'mod_d_prop');
    assert.equal(kernel.find('mod_d_prop')?.address, 0xc041a000);
  });

  it('lists modules newest first', () => {
    const { kernel } = boot();
    insmod(kernel, 'hello');
    insmod(kernel, 'mod_b');
    insmod(kernel, 'mod_a');
    assert.deepEqual(kernel.modules().map((m) => m.name), ['mod_a', 'mod_b', 'hello']);
  });
});
