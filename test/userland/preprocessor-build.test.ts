/**
 * The preprocessor end to end on the machine: a module whose messages depend on
 * `#ifdef DEBUG` and on a local header, built with make (ccflags-y := -DDEBUG in its
 * Makefile, then without), loaded with insmod, read back with dmesg; make rebuilds it when
 * the header changes, and says gcc's words when the header is gone and the .c changes.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, openSystem, type MachineOptions, type MachineState } from '../../src/machine/machine';

const SOURCE = [
  '#include <linux/module.h>',
  '#include <linux/kernel.h>',
  '#include "dbg.h"',
  '',
  'static int __init dbg_init(void)',
  '{',
  '#ifdef DEBUG',
  '\tpr_info("dbg: debug build, level %d\\n", DBG_LEVEL);',
  '#else',
  '\tpr_info("dbg: quiet build\\n");',
  '#endif',
  '\tpr_debug("dbg: pr_debug\\n");',
  '\treturn 0;',
  '}',
  '',
  'static void __exit dbg_exit(void)',
  '{',
  '\tpr_info("dbg: bye\\n");',
  '}',
  '',
  'module_init(dbg_init);',
  'module_exit(dbg_exit);',
  'MODULE_LICENSE("GPL");',
  '',
].join('\n');

const MAKEFILE = (flags: string): string => `obj-m += dbg.o\n${flags}\nall:\n\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\n`;

describe('the preprocessor on the machine: #ifdef DEBUG, a local header, make, insmod, dmesg', () => {
  let now = Date.UTC(2026, 11, 5, 8, 0, 0);
  const options: MachineOptions = { clock: () => now, hostname: 'debian' };
  let machine: MachineState;
  const sh = (line: string): { output: string; exitCode: number } => {
    now += 1000;
    return execLine(machine, line, options);
  };
  const write = (path: string, text: string): void => {
    now += 1000;
    assert.equal(openSystem(machine, options).fs.write(path, text, false), 0);
  };

  before(() => {
    machine = bootMachine(options);
    assert.equal(sh('mkdir /root/dbg').exitCode, 0);
    write('/root/dbg/dbg.c', SOURCE);
    write('/root/dbg/dbg.h', '#define DBG_LEVEL 3\n');
  });

  it('builds with ccflags-y := -DDEBUG: the debug branch, and pr_debug printed from the start', () => {
    write('/root/dbg/Makefile', MAKEFILE('ccflags-y := -DDEBUG'));
    const built = sh('cd /root/dbg && make');
    assert.equal(built.exitCode, 0, built.output);
    assert.match(built.output, /CC \[M\] {2}\/root\/dbg\/dbg\.o\n/);
    assert.equal(sh('cd /root/dbg && insmod dbg.ko').exitCode, 0);
    const log = sh('dmesg | tail -n 2').output;
    assert.match(log, /\] dbg: debug build, level 3\n.*\] dbg: pr_debug\n$/);
    assert.equal(sh('rmmod dbg').exitCode, 0);
  });

  it('rebuilds when the header changes, and the module prints the new value', () => {
    write('/root/dbg/dbg.h', '#define DBG_LEVEL 7\n');
    const built = sh('cd /root/dbg && make');
    assert.match(built.output, /CC \[M\] {2}\/root\/dbg\/dbg\.o\n/);
    assert.equal(sh('cd /root/dbg && insmod dbg.ko').exitCode, 0);
    assert.match(sh('dmesg | tail -n 2').output, /\] dbg: debug build, level 7\n/);
    assert.equal(sh('rmmod dbg').exitCode, 0);
  });

  it('builds the quiet branch without DEBUG, where pr_debug stays silent', () => {
    write('/root/dbg/Makefile', MAKEFILE(''));
    const built = sh('cd /root/dbg && make');
    assert.equal(built.exitCode, 0, built.output);
    assert.match(built.output, /CC \[M\] {2}\/root\/dbg\/dbg\.o\n/);
    assert.equal(sh('cd /root/dbg && insmod dbg.ko').exitCode, 0);
    const log = sh('dmesg | tail -n 1').output;
    assert.match(log, /\] dbg: quiet build\n$/);
    assert.equal(sh('rmmod dbg').exitCode, 0);
  });

  it('rebuilds nothing when only the header is gone (00c-kbuild-paths), and says gcc\'s fatal error once the .c changes', () => {
    assert.equal(sh('rm /root/dbg/dbg.h').exitCode, 0);
    const untouched = sh('cd /root/dbg && make');
    assert.equal(untouched.exitCode, 0);
    assert.doesNotMatch(untouched.output, /CC \[M\]/);
    const built = sh('cd /root/dbg && echo >> dbg.c && make');
    assert.equal(built.exitCode, 2);
    assert.match(
      built.output,
      /\/root\/dbg\/dbg\.c:3:10: fatal error: dbg\.h: No such file or directory\n {4}3 \| #include "dbg\.h"\n {6}\| {10}\^~~~~~~\ncompilation terminated\.\nmake\[2\]: \*\*\* \[\/usr\/src\/linux-headers-6\.1\.0-56-common\/scripts\/Makefile\.build:255: \/root\/dbg\/dbg\.o\] Error 1\n/,
    );
  });
});
