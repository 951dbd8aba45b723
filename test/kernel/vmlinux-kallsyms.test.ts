/**
 * /proc/kallsyms with vmlinux's own symbols (src/modules/vmlinux-symbols.ts): the 94,266 that
 * scripts/kallsyms.c kept of linux-image-6.1.0-56-amd64's System.map, before the modules',
 * with kallsyms_show_value()'s rule for who sees the addresses. 23-lab-proc replays the
 * recorded lines (grep -c, _printk, grep mod_b); these check the rest and the cost.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine } from '../../src/machine/machine';
import { MESSAGE_WALL_MS } from '../../src/contracts/budget';

const BOOT = Date.UTC(2026, 11, 4, 18, 29, 5, 489);

function run(line: string): [string, number] {
  const options = { clock: () => BOOT, hostname: 'oracle' };
  const r = execLine(bootMachine(options), line, options);
  return [r.output, r.exitCode];
}

describe('/proc/kallsyms lists vmlinux as kallsyms keeps it', () => {
  it('starts with the per-CPU symbols, absolute and unmoved, then the text KASLR moved', () => {
    assert.deepEqual(run('head -2 /proc/kallsyms; grep -w -e _stext -e _text /proc/kallsyms'), [
      '0000000000000000 A fixed_percpu_data\n0000000000000000 A __per_cpu_start\nffffffff9c600000 T _stext\nffffffff9c600000 T _text\n',
      0,
    ]);
  });

  it('has what System.map has, less the absolute symbols and kallsyms\' own tables', () => {
    assert.deepEqual(run('grep -c . /proc/kallsyms'), ['94266\n', 0]);
    assert.deepEqual(run("grep -c -w -e kallsyms_offsets -e kallsyms_names -e text_size -e phys_startup_64 /proc/kallsyms"), ['0\n', 1]);
    assert.deepEqual(run('grep -w -e _printk -e kallsyms_lookup_name /proc/kallsyms | cut -d" " -f2-'), ['T kallsyms_lookup_name\nT _printk\n', 0]);
  });

  it('lists a module\'s symbols after vmlinux\'s', () => {
    const [out] = run('insmod hello.ko; tail -n 6 /proc/kallsyms | cut -f2; grep -c . /proc/kallsyms');
    assert.equal(out, '[hello]\n'.repeat(6) + '94272\n');
  });

  it('shows the addresses to root only, and to nobody at kptr_restrict 2', () => {
    assert.deepEqual(run('setpriv --reuid=65534 grep -w _printk /proc/kallsyms'), ['0000000000000000 T _printk\n', 0]);
    assert.deepEqual(run('echo 2 > /proc/sys/kernel/kptr_restrict; grep -w _printk /proc/kallsyms'), ['0000000000000000 T _printk\n', 0]);
    assert.deepEqual(run('echo 3 > /proc/sys/kernel/kptr_restrict; cat /proc/sys/kernel/kptr_restrict'), ['bash: line 1: echo: write error: Invalid argument\n0\n', 0]);
  });

  it('answers a grep over all of it well within one message\'s budget', () => {
    run('grep -c . /proc/kallsyms');
    const start = Date.now();
    assert.deepEqual(run('grep -c . /proc/kallsyms'), ['94266\n', 0]);
    assert.ok(Date.now() - start < MESSAGE_WALL_MS, `took ${Date.now() - start} ms`);
  });
});
