import { strict as assert } from 'node:assert';
import { bootMachine, execLine, openSystem, type MachineOptions, type MachineState } from '../../src/machine/machine';

/**
 * [Makefile (undefined: none), command line run in /tmp/m, output (stdout+stderr), status]:
 * recorded with GNU Make 4.3 on Debian 12 (LANG=C) in an empty directory /tmp/m.
 */
const MAKE_TABLE: ReadonlyArray<readonly [string | undefined, string, string, number]> = [
  [undefined, 'make', 'make: *** No targets specified and no makefile found.  Stop.\n', 2],
  [undefined, 'make foo', "make: *** No rule to make target 'foo'.  Stop.\n", 2],
  ['all:\n    echo hi\n', 'make', 'Makefile:2: *** missing separator.  Stop.\n', 2],
  ['all:\n        echo hi\n', 'make', 'Makefile:2: *** missing separator (did you mean TAB instead of 8 spaces?).  Stop.\n', 2],
  ['foo\n', 'make', 'Makefile:1: *** missing separator.  Stop.\n', 2],
  ['all:\n\tnosuchcmd x\n', 'make', 'nosuchcmd x\nmake: nosuchcmd: No such file or directory\nmake: *** [Makefile:2: all] Error 127\n', 2],
  [undefined, 'make -C /nonexistent', 'make: *** /nonexistent: No such file or directory.  Stop.\n', 2],
  ['all:\n\t@true\n', 'make', '', 0],
  ['all:\n', 'make', "make: Nothing to be done for 'all'.\n", 0],
  ['x: y\n', 'make', "make: *** No rule to make target 'y', needed by 'x'.  Stop.\n", 2],
  ['ifeq (a\nall:\n', 'make', 'Makefile:1: *** invalid syntax in conditional.  Stop.\n', 2],
  ['endif\n', 'make', "Makefile:1: *** extraneous 'endif'.  Stop.\n", 2],
  ['ifeq (a,b)\nall:\n', 'make', "Makefile:3: *** missing 'endif'.  Stop.\n", 2],
  ['obj-m += x.o\n', 'make', 'make: *** No targets.  Stop.\n', 2],
  ['A = 1\nall:\n\t@echo $(A) $(B) ${A} $A\nB = 2\n', 'make', '1 2 1 1\n', 0],
  ['A = 1\nall:\n\t@echo $(A) $(B) ${A} $A\nB = 2\n', 'make A=9', '9 2 9 9\n', 0],
  ['all: a b\na:\n\t@echo a\n', 'make', "a\nmake: *** No rule to make target 'b', needed by 'all'.  Stop.\n", 2],
  ['all:\n\techo $(shell uname -r) $(PWD) $(CURDIR)\n', 'make', 'echo 6.1.0-56-amd64 /tmp/m /tmp/m\n6.1.0-56-amd64 /tmp/m /tmp/m\n', 0],
  ['X := a\nX += b\nY ?= c\nY ?= d\nifeq ($(X),a b)\nZ = yes\nelse\nZ = no\nendif\nall:\n\t@echo $(X) $(Y) $(Z) $(patsubst %.o,%.c,x.o y.o)\n', 'make', 'a b c yes x.c y.c\n', 0],
  ['all:\n\t-false\n\t@echo after\n', 'make', 'false\nmake: [Makefile:2: all] Error 1 (ignored)\nafter\n', 0],
  ['A = $(A)\nall:\n\t@echo $(A)\n', 'make', "Makefile:1: *** Recursive variable 'A' references itself (eventually).  Stop.\n", 2],
  ['A = $(B)\nB = $(A)\nC := $(A)\nall:\n', 'make', "Makefile:1: *** Recursive variable 'A' references itself (eventually).  Stop.\n", 2],
];

describe('make: GNU Make 4.3 on a module Makefile', () => {
  const options: MachineOptions = { clock: () => Date.UTC(2026, 10, 25, 20, 0, 0) };
  let machine: MachineState;
  beforeEach(() => {
    machine = bootMachine(options);
    openSystem(machine, options).fs.mkdir?.('/tmp/m');
  });

  for (const [makefile, line, output, status] of MAKE_TABLE) {
    it(`${JSON.stringify(makefile ?? '(no Makefile)')}: ${line}`, () => {
      if (makefile !== undefined) openSystem(machine, options).fs.write('/tmp/m/Makefile', makefile, false);
      const r = execLine(machine, `cd /tmp/m && ${line}`, options);
      assert.deepEqual({ output: r.output, status: r.exitCode }, { output, status });
    });
  }

  it('runs a sub-make one level down and reports its failure at both levels', () => {
    const fs = openSystem(machine, options).fs;
    fs.write('/tmp/m/Makefile', 'all:\n\t$(MAKE) -C sub\n', false);
    fs.mkdir?.('/tmp/m/sub');
    fs.write('/tmp/m/sub/Makefile', 'all:\n\tfalse\n', false);
    const r = execLine(machine, 'cd /tmp/m && make', options);
    assert.equal(
      r.output,
      "make -C sub\nmake[1]: Entering directory '/tmp/m/sub'\nfalse\nmake[1]: *** [Makefile:2: all] Error 1\nmake[1]: Leaving directory '/tmp/m/sub'\nmake: *** [Makefile:2: all] Error 2\n",
    );
    assert.equal(r.exitCode, 2);
  });

  it('stops a Makefile that runs itself for ever at its recursion bound', () => {
    openSystem(machine, options).fs.write('/tmp/m/Makefile', 'all:\n\t@$(MAKE) -s\n', false);
    const r = execLine(machine, 'cd /tmp/m && make', options);
    assert.equal(r.exitCode, 2);
    assert.match(r.output, /make\[9\]: \*\*\* Recursive make exceeded its limit\.  Stop\.\n/);
  });
});
