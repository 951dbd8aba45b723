/**
 * depmod, modinfo and modprobe meeting a .ko that holds no module, and depmod -b on another
 * tree, as kmod 30 does on Debian 12 (recorded on the host with `depmod -b`: a file shorter
 * than the 6-byte compression magic is EINVAL, one without "\x7fELF" ENOEXEC; depmod lists
 * it anyway, after "failed to load symbols from …", and exits 0).
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, type MachineState } from '../../src/machine/machine';

describe('kmod and a .ko that is no module', () => {
  const options = { clock: (): number => Date.UTC(2026, 11, 5, 9, 0, 0) };
  let machine: MachineState;
  const run = (line: string): { output: string; status: number } => {
    const r = execLine(machine, line, options);
    return { output: r.output, status: r.exitCode };
  };
  const M = '/lib/modules/6.1.0-56-amd64';
  beforeEach(() => {
    machine = bootMachine(options);
    run(`echo junk > ${M}/extra/bad.ko; : > ${M}/extra/empty.ko; printf 'junkjunkjunk\\n' > ${M}/extra/long.ko`);
  });

  it('lists it in modules.dep after an error for each, in output order, and exits 0', () => {
    assert.deepEqual(run('depmod'), {
      output:
        `depmod: ERROR: failed to load symbols from ${M}/extra/empty.ko: Invalid argument\n` +
        `depmod: ERROR: failed to load symbols from ${M}/extra/long.ko: Exec format error\n` +
        `depmod: ERROR: failed to load symbols from ${M}/extra/bad.ko: Invalid argument\n`,
      status: 0,
    });
    assert.equal(run(`grep -e bad -e empty -e long ${M}/modules.dep`).output, 'extra/empty.ko:\nextra/long.ko:\nextra/bad.ko:\n');
  });

  it('makes modinfo print the filename line, then the error; -F filename still answers', () => {
    run('depmod 2>/dev/null');
    assert.deepEqual(run('modinfo bad'), { output: `filename:       ${M}/extra/bad.ko\nmodinfo: ERROR: could not get modinfo from 'bad': Invalid argument\n`, status: 1 });
    assert.deepEqual(run(`modinfo ${M}/extra/long.ko`), { output: `filename:       ${M}/extra/long.ko\nmodinfo: ERROR: could not get modinfo from 'long': Exec format error\n`, status: 1 });
    assert.deepEqual(run('modinfo -F license long'), { output: "modinfo: ERROR: could not get modinfo from 'long': Exec format error\n", status: 1 });
    assert.deepEqual(run('modinfo -F filename long'), { output: `${M}/extra/long.ko\n`, status: 0 });
  });

  it('makes modprobe fail before the kernel for a short file, in the kernel for a long one', () => {
    run('depmod 2>/dev/null');
    assert.deepEqual(run('modprobe bad'), { output: "modprobe: ERROR: could not insert 'bad': Invalid argument\n", status: 1 });
    const r = execLine(machine, 'modprobe long', options);
    assert.equal(r.output, "modprobe: ERROR: could not insert 'long': Exec format error\n");
    assert.deepEqual(r.klog.map((k) => k.text), ['Invalid ELF header len 13']);
  });

  it('writes the index files into another tree with -b, warning of the package files it lacks', () => {
    const tree = '/tmp/r/lib/modules/6.1.0-56-amd64';
    run(`mkdir -p ${tree}/extra && cp /root/mod_a.ko /root/mod_b.ko ${tree}/extra/`);
    assert.deepEqual(run('depmod -b /tmp/r 6.1.0-56-amd64'), {
      output:
        `depmod: WARNING: could not open modules.order at ${tree}: No such file or directory\n` +
        `depmod: WARNING: could not open modules.builtin at ${tree}: No such file or directory\n` +
        `depmod: WARNING: could not open modules.builtin.modinfo at ${tree}: No such file or directory\n`,
      status: 0,
    });
    assert.equal(run(`ls ${tree} | tr '\\n' ' '`).output, 'extra modules.alias modules.alias.bin modules.builtin.alias.bin modules.builtin.bin modules.dep modules.dep.bin modules.devname modules.softdep modules.symbols modules.symbols.bin ');
    assert.equal(run(`grep mod_a ${tree}/modules.dep`).output, 'extra/mod_a.ko: extra/mod_b.ko\n');
    assert.equal(run('modinfo -b /tmp/r -F depends mod_a').output, 'mod_b\n');
    assert.equal(run(`wc -c < ${tree}/modules.builtin.bin`).output, '0\n');
    // the running kernel's own index is untouched
    assert.equal(run(`grep -c 'mod_a.ko:' ${M}/modules.dep`).output, '1\n');
  });
});
