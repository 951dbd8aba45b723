import { strict as assert } from 'node:assert';
import { boot, config, TestClock } from './fixtures';
import { bootKernel, createKernel } from '../../src/kernel';
import { LOG_BUF_LEN } from '../../src/kernel/printk';
import { printTainted } from '../../src/kernel/taint';

describe('kernel: printk ring and clock', () => {
  it('replays the boot log with its timestamps and continues after the last one', () => {
    const { kernel } = boot();
    assert.deepEqual(kernel.readLog().map((r) => r.usec), [0, 0, 138924, 4935601]);
    assert.equal(kernel.state.lastUsec, 4935601);
    const r = kernel.printk(6, 'x');
    assert.ok(r.usec > 4935601);
    assert.equal(r.seq, 4);
  });

  it('puts an extra command line into the boot messages and /proc/cmdline', () => {
    const { kernel } = boot('module.sig_enforce=1');
    assert.equal(kernel.readLog()[1].text, 'Command line: console=ttyS0 panic=-1 module.sig_enforce=1');
    assert.equal(kernel.procfs.read('/proc/cmdline'), 'console=ttyS0 panic=-1 module.sig_enforce=1\n');
  });

  it('never goes backwards and moves on with the clock', () => {
    const clock = new TestClock();
    const state = bootKernel(config, clock.fn, '');
    const kernel = createKernel(state, config, clock.fn);
    const a = kernel.printk(6, 'a').usec;
    const b = kernel.printk(6, 'b').usec;
    assert.ok(b > a && b - a < 1000);
    clock.advance(10_000);
    const c = kernel.printk(6, 'c').usec;
    assert.ok(c - b >= 9_000_000);
    assert.equal(kernel.uptimeUsec() >= c, true);
  });

  it('hides cleared records from syslog reads (dmesg -C) but keeps numbering', () => {
    const { kernel } = boot();
    kernel.clearLog();
    assert.deepEqual(kernel.readLog(), []);
    const r = kernel.printk(6, 'after');
    assert.deepEqual(kernel.readLog(), [r]);
  });

  it('drops the oldest records beyond the 128 KiB log buffer', () => {
    const { kernel } = boot();
    for (let i = 0; i < 2000; i++) kernel.printk(6, `line ${i} ${'x'.repeat(100)}`);
    const recs = kernel.state.printk.records;
    const used = recs.reduce((n, r) => n + ((Buffer.byteLength(r.text) + 8 + 7) & ~7), 0);
    assert.ok(used <= LOG_BUF_LEN);
    assert.equal(recs[recs.length - 1].text.startsWith('line 1999 '), true);
    assert.notEqual(recs[0].text, 'Linux version 6.1.0-56-amd64 (…)');
  });

  it('formats the taint mask as print_tainted() does', () => {
    assert.equal(printTainted(0), 'Not tainted');
    assert.equal(printTainted(12289), 'Tainted: P           OE     ');
    assert.equal(printTainted(12296), 'Tainted: G  R        OE     ');
  });
});
