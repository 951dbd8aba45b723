/**
 * A student's module faulting on the machine, end to end (make, insmod, the kernel's
 * report, what insmod, lsmod and rmmod then say) — beside the oracle replays of
 * test/fidelity/faults.test.ts, the cases those do not reach: a fault in exit, a write
 * through NULL, a watchdog long after, a set callback refusing a sysfs write, calls into
 * another built module.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, openSystem, type MachineOptions, type MachineState } from '../../src/machine/machine';

function machineWith(files: Record<string, string>): { machine: MachineState; options: MachineOptions; clock: { now: number }; run: (line: string) => ReturnType<typeof execLine> } {
  const clock = { now: Date.UTC(2026, 11, 4, 18, 0, 0) };
  const options: MachineOptions = { clock: () => clock.now };
  const machine = bootMachine(options);
  const sys = openSystem(machine, options);
  for (const [path, text] of Object.entries(files)) {
    sys.fs.mkdir?.(path.slice(0, path.lastIndexOf('/')));
    sys.fs.write(path, text, false);
  }
  const run = (line: string): ReturnType<typeof execLine> => {
    clock.now += 1000;
    return execLine(machine, line, options);
  };
  return { machine, options, clock, run };
}

const MAKEFILE = (name: string): string => `obj-m += ${name}.o\n\nall:\n\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n`;

function module(name: string, body: string): Record<string, string> {
  return { [`/root/${name}/${name}.c`]: `#include <linux/module.h>\n#include <linux/kernel.h>\n#include <linux/slab.h>\n#include <linux/delay.h>\n${body}\nMODULE_LICENSE("GPL");\n`, [`/root/${name}/Makefile`]: MAKEFILE(name) };
}

const texts = (r: ReturnType<typeof execLine>): string[] => r.klog.map((l) => l.text);

describe('machine: faults of a built module', () => {
  it('an Oops in exit kills rmmod (137) and leaves the module Unloading, tainted D', () => {
    const { run, machine } = machineWith(module('badexit', 'static int *p;\nstatic int __init i(void) { return 0; }\nstatic void __exit e(void) { *p = 1; }\nmodule_init(i);\nmodule_exit(e);'));
    assert.equal(run('cd badexit && make -s').exitCode, 0);
    assert.equal(run('insmod badexit/badexit.ko').exitCode, 0);
    const r = run('rmmod badexit');
    assert.equal(r.exitCode, 137);
    assert.ok(texts(r).includes('BUG: kernel NULL pointer dereference, address: 0000000000000000'));
    assert.ok(texts(r).includes('#PF: supervisor write access in kernel mode'));
    assert.ok(texts(r).includes('Oops: 0002 [#1] PREEMPT SMP NOPTI'));
    assert.ok(texts(r).includes('Modules linked in: badexit(OE-)'));
    assert.equal(run('cat /proc/modules').output.split(' ')[4], 'Unloading');
    assert.equal(machine.kernel.tainted & (1 << 7), 1 << 7);
  });

  it('the second Oops of a boot is [#2] and names the modules still loaded', () => {
    const { run } = machineWith({
      ...module('o1', 'static int *p;\nstatic int __init i(void) { return *p; }\nmodule_init(i);'),
      ...module('o2', 'static int *p;\nstatic int __init i(void) { return p[3]; }\nmodule_init(i);'),
    });
    run('cd o1 && make -s');
    run('cd o2 && make -s');
    assert.equal(run('insmod o1/o1.ko').exitCode, 137);
    const r = run('insmod o2/o2.ko');
    assert.ok(texts(r).includes('BUG: kernel NULL pointer dereference, address: 000000000000000c'));
    assert.ok(texts(r).includes('Oops: 0000 [#2] PREEMPT SMP NOPTI'));
    assert.ok(texts(r).includes('Modules linked in: o2(OE+) o1(OE+)'));
  });

  it('an endless loop in init returns the prompt, leaves the module Loading, and the watchdog reports 24.7 s later (taint L)', () => {
    const { run, machine } = machineWith(module('spin', 'static int __init i(void) { for (;;) ; return 0; }\nmodule_init(i);'));
    run('cd spin && make -s');
    assert.equal(run('insmod spin/spin.ko').exitCode, 0);
    assert.equal(run('lsmod').output.split('\n')[1], 'spin                   12288  1');
    assert.deepEqual(texts(run('sleep 10')), []);
    const r = run('sleep 20');
    assert.match(texts(r)[0] ?? '', /^watchdog: BUG: soft lockup - CPU#\d stuck for 26s! \[insmod:\d+\]$/);
    assert.equal(machine.kernel.tainted & (1 << 14), 1 << 14);
    assert.equal(run('rmmod spin').output, 'rmmod: ERROR: Module spin is in use\n');
  });

  it('msleep in exit moves the machine clock on', () => {
    const { run, machine } = machineWith(module('slow', 'static int __init i(void) { return 0; }\nstatic void __exit e(void) { msleep(3000); }\nmodule_init(i);\nmodule_exit(e);'));
    run('cd slow && make -s');
    run('insmod slow/slow.ko');
    const before = machine.kernel.sleptMs ?? 0;
    run('rmmod slow');
    assert.equal((machine.kernel.sleptMs ?? 0) - before, 3000);
  });

  it('a set callback refusing a sysfs write gives bash its write error; accepting it runs the module code', () => {
    const { run } = machineWith(module('cb', `static int lvl = 1;
static int lvl_set(const char *val, const struct kernel_param *kp)
{
	int n;
	if (kstrtoint(val, 10, &n) || n > 3)
		return -EINVAL;
	pr_info("cb: %d -> %d\\n", lvl, n);
	return param_set_int(val, kp);
}
static const struct kernel_param_ops lvl_ops = { .set = lvl_set, .get = param_get_int };
module_param_cb(lvl, &lvl_ops, &lvl, 0644);
static int __init i(void) { return 0; }
static void __exit e(void) { pr_info("cb: bye at %d\\n", lvl); }
module_init(i);
module_exit(e);`));
    run('cd cb && make -s');
    assert.equal(run('insmod cb/cb.ko lvl=2').klog.map((l) => l.text).join('|'), 'cb: loading out-of-tree module taints kernel.|cb: module verification failed: signature and/or required key missing - tainting kernel|cb: 1 -> 2');
    assert.equal(run('echo 9 > /sys/module/cb/parameters/lvl').output, 'bash: line 1: echo: write error: Invalid argument\n');
    assert.deepEqual(texts(run('echo 3 > /sys/module/cb/parameters/lvl')), ['cb: 2 -> 3']);
    assert.equal(run('cat /sys/module/cb/parameters/lvl').output, '3\n');
    assert.deepEqual(texts(run('rmmod cb')), ['cb: bye at 3']);
  });

  it('a module calls another built module\'s export, which keeps its own data between calls', () => {
    const { run } = machineWith({
      ...module('prov', 'static int calls;\nint prov_next(int step) { calls += step; return calls; }\nEXPORT_SYMBOL(prov_next);\nstatic int __init i(void) { return 0; }\nstatic void __exit e(void) { pr_info("prov: %d\\n", calls); }\nmodule_init(i);\nmodule_exit(e);'),
      ...module('user', 'extern int prov_next(int step);\nstatic int __init i(void) { prov_next(2); pr_info("user: %d\\n", prov_next(5)); return 0; }\nstatic void __exit e(void) { }\nmodule_init(i);\nmodule_exit(e);'),
    });
    run('cd prov && make -s');
    run('cd user && make -s KBUILD_EXTRA_SYMBOLS=/root/prov/Module.symvers');
    run('insmod prov/prov.ko');
    assert.deepEqual(texts(run('insmod user/user.ko')), ['user: 7']);
    run('rmmod user');
    assert.deepEqual(texts(run('rmmod prov')), ['prov: 7']);
  });

  it('counts what a module leaves allocated at unload as leaked', () => {
    const { run, machine } = machineWith(module('lk', 'static char *b;\nstatic int __init i(void) { b = kmalloc(4096, GFP_KERNEL); return b ? 0 : -ENOMEM; }\nstatic void __exit e(void) { }\nmodule_init(i);\nmodule_exit(e);'));
    run('cd lk && make -s');
    run('insmod lk/lk.ko');
    run('rmmod lk');
    assert.equal(machine.kernel.leaked, 4096);
  });
});
