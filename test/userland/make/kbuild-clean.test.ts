/**
 * make clean's find, name by name (the 6.1 headers' Makefile:2075-2087, recorded as the
 * cleanme step of 00c-kbuild-paths), and the corners a student's tree can hold: links, a
 * link loop, version control directories, a Makefile that is not there or does not parse.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, type MachineState } from '../../../src/machine/machine';
import { cleanedByName } from '../../../src/userland/make/kbuild-clean';

const K = 'make -C /lib/modules/$(uname -r)/build';

describe("make clean's find", () => {
  it('removes by the Makefile\'s names, a leading dot included, and nothing else', () => {
    const removed = ['a.o', '.a.o', 'x.s', 'x.i', 'lib.a', 'm.ko', 'm.ko.xz', '.m.ko.cmd', 'x.mod', 'x.mod.c', 'modules.order', '.dep.d', '.x.tmp', '.tmp_versions', 'x.dtb.S', 'p.tab.h', 'k.asn1.c', 'u.c.0x.y', 'u.c.2.', 'v.a.symversions', 'q.symtypes', 't.gcno', 's.ll', 'w.rsi', 'y.dwo', 'r.lst', 'z.su', 'm.usyms', 'l.lex.c'];
    const kept = ['a.c', 'x.S', 'x.h', 'Makefile', 'Kbuild', 'Module.symvers', 'modules.orders', 'Modules.order', 'a.o~', 'a.oo', 'u.c.3x.y', 'x.tab.c~', 'dep.d', 'x.tmp', 'tmp_x', 'notes.txt', ''];
    for (const n of removed) assert.ok(cleanedByName(n), n);
    for (const n of kept) assert.ok(!cleanedByName(n), n);
  });
});

describe('make clean on the machine', () => {
  const options = { clock: (): number => Date.UTC(2026, 11, 5, 9, 0, 0) };
  let machine: MachineState;
  const run = (line: string): { output: string; status: number } => {
    const r = execLine(machine, line, options);
    return { output: r.output, status: r.exitCode };
  };
  beforeEach(() => {
    machine = bootMachine(options);
    run("mkdir -p /root/c/sub /root/c/.git /root/c/.hg && printf 'obj-m += c.o\\nclean-files := gen.txt out\\nno-clean-files := out\\n' > /root/c/Makefile && touch /root/c/c.c /root/c/gen.txt /root/c/sub/a.o /root/c/.git/b.o /root/c/.hg/c.o /root/c/out && mkdir /root/c/gen.d");
  });

  it('leaves links and what they point to, and version control directories', () => {
    run('touch /root/keep.o && ln -s /root/keep.o /root/c/link.o && ln -s /root /root/c/sub/loop');
    assert.deepEqual(run(`${K} M=/root/c clean`), { output: "make: Entering directory '/usr/src/linux-headers-6.1.0-56-amd64'\n  CLEAN   /root/c\nmake: Leaving directory '/usr/src/linux-headers-6.1.0-56-amd64'\n", status: 0 });
    assert.equal(run('cd /root/c && find . | sort').output, '.\n./.git\n./.git/b.o\n./.hg\n./.hg/c.o\n./Makefile\n./c.c\n./gen.d\n./link.o\n./out\n./sub\n./sub/loop\n');
    assert.equal(run('ls /root/keep.o').status, 0);
  });

  it('removes a clean-files directory whole (rm -rf), not one in no-clean-files', () => {
    run("printf 'obj-m += c.o\\nclean-files := gen.d\\n' > /root/c/Makefile && touch /root/c/gen.d/x.txt");
    assert.equal(run(`${K} M=/root/c clean`).status, 0);
    assert.equal(run('ls /root/c/gen.d').status, 2);
  });

  it('says Makefile.clean\'s error and removes nothing when M has no Makefile', () => {
    run('rm /root/c/Makefile');
    assert.deepEqual(run(`${K} M=/root/c clean`), {
      output:
        "make: Entering directory '/usr/src/linux-headers-6.1.0-56-amd64'\n" +
        '/usr/src/linux-headers-6.1.0-56-common/scripts/Makefile.clean:15: /root/c/Makefile: No such file or directory\n' +
        "make[1]: *** No rule to make target '/root/c/Makefile'.  Stop.\n" +
        'make: *** [/usr/src/linux-headers-6.1.0-56-common/Makefile:2070: _clean_/root/c] Error 2\n' +
        "make: Leaving directory '/usr/src/linux-headers-6.1.0-56-amd64'\n",
      status: 2,
    });
    assert.equal(run('ls /root/c/sub/a.o').status, 0);
  });

  it('stops at a Makefile make cannot read, with make\'s message', () => {
    run("printf 'obj-m += c.o\\n  oops\\n' > /root/c/Makefile");
    const r = run(`${K} M=/root/c clean`);
    assert.equal(r.status, 2);
    assert.match(r.output, /\/root\/c\/Makefile:2: \*\*\* missing separator\.  Stop\.\n/);
    assert.match(r.output, /_clean_\/root\/c\] Error 2\n/);
    assert.equal(run('ls /root/c/sub/a.o').status, 0);
  });
});
