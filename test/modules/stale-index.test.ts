/**
 * modules.dep and its index are files that only depmod writes (27-kbuild-install, recorded in
 * the real kernel): a .ko deleted or replaced after depmod stays listed as depmod read it, and
 * kmod says what it finds when it opens the path; `depmod -a` then drops it. Documents saved
 * before depmod remembered what it read keep working as they did.
 */
import { strict as assert } from 'node:assert';
import { freshMachineEachTest } from '../machine/fresh-machine';

const M = '/lib/modules/6.1.0-56-amd64';
const UNKNOWN = "modprobe: ERROR: could not insert 'NAME': Unknown symbol in module, or unknown parameter (see dmesg)\n";

describe('a module tree changed since depmod', () => {
  const fresh = freshMachineEachTest(Date.UTC(2026, 11, 5, 9, 0, 0));
  const run = fresh.runLogged;

  it('keeps a shipped module deleted from kernel/ in modules.dep until depmod, and modprobe cannot open it', () => {
    assert.equal(run(`rm ${M}/kernel/drivers/net/dummy.ko`).status, 0);
    assert.equal(run(`grep -c '/dummy.ko:' ${M}/modules.dep`).output, '1\n');
    assert.deepEqual(run('modprobe dummy'), { output: UNKNOWN.replace('NAME', 'dummy'), status: 1, klog: [] });
    assert.equal(run('modinfo -n dummy').output, `${M}/kernel/drivers/net/dummy.ko\n`);
    assert.deepEqual(run('modinfo dummy'), { output: `filename:       ${M}/kernel/drivers/net/dummy.ko\nmodinfo: ERROR: could not get modinfo from 'dummy': No such file or directory\n`, status: 1, klog: [] });
    assert.equal(run('depmod -a').status, 0);
    assert.equal(run(`grep -c '/dummy.ko:' ${M}/modules.dep`).output, '0\n');
    assert.deepEqual(run('modprobe dummy'), { output: `modprobe: FATAL: Module dummy not found in directory ${M}\n`, status: 1, klog: [] });
  });

  it('walks a dependency whose file is gone as libkmod does: its error at lookup and per walk, the dependency dropped', () => {
    run(`rm ${M}/extra/mod_b.ko`);
    const r = run('modprobe -v mod_a');
    const parse = `modprobe: ERROR: ../libkmod/libkmod-module.c:191 kmod_module_parse_depline() ctx=0x55d6c71f5350 path=${M}/extra/mod_b.ko error=No such file or directory\n`;
    assert.equal(r.output, `${parse}${parse}insmod ${M}/extra/mod_a.ko \n${UNKNOWN.replace('NAME', 'mod_a')}`);
    assert.equal(r.status, 1);
    assert.deepEqual(r.klog.filter((l) => l.includes('Unknown symbol')), ['mod_a: Unknown symbol mod_b_add (err -2)']);
    run('depmod -a');
    assert.equal(run(`grep mod_a ${M}/modules.dep`).output, 'extra/mod_a.ko:\n');
  });

  it('lists what depmod read from a built module later deleted, and keeps its image for that', () => {
    run("mkdir e && printf 'obj-m += ex.o\\n' > e/Makefile && printf '#include <linux/module.h>\\nint ex_fn(void) { return 1; }\\nEXPORT_SYMBOL(ex_fn);\\nMODULE_LICENSE(\"GPL\");\\n' > e/ex.c");
    run('make -C /lib/modules/$(uname -r)/build M=/root/e modules >/dev/null 2>&1');
    run(`mkdir -p ${M}/updates && cp e/ex.ko ${M}/updates/ && depmod -a`);
    run(`rm -r e ${M}/updates/ex.ko`);
    // a rebuild elsewhere prunes images no file names: the index still names this one
    run("mkdir f && printf 'obj-m += fx.o\\n' > f/Makefile && printf '#include <linux/module.h>\\nMODULE_LICENSE(\"GPL\");\\n' > f/fx.c && make -C /lib/modules/$(uname -r)/build M=/root/f modules >/dev/null 2>&1");
    assert.equal(run(`grep ex_fn ${M}/modules.symbols`).output, 'alias symbol:ex_fn ex\n');
    assert.equal(run(`grep '^updates/ex.ko' ${M}/modules.dep`).output, 'updates/ex.ko:\n');
  });

  it('reads a document saved before depmod remembered its images as it did then', () => {
    run(`cp hello.ko ${M}/extra/copy.ko && depmod -a`);
    delete fresh.machine().disk.indexedImages;
    run(`rm ${M}/extra/copy.ko`);
    assert.equal(run(`grep -c copy ${M}/modules.dep`).output, '0\n');
  });
});
