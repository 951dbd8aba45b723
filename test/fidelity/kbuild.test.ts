/**
 * kbuild replayed: 00b-kbuild-errors.txt (student modules, make's and gcc's messages) and
 * 00-kbuild.txt (the teaching modules) on a simulated machine holding the same sources at
 * the same paths (copied from ../shared/oracle/modules into test/fixtures/modules). Each
 * `# cwd:` comment sets where its command runs. Differences are named in
 * KBUILD_DIFFERENCES with their reason; they are pending while they differ and fail once
 * they match.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript } from './transcript';
import { FIXTURES, copyInto, replayTranscript } from './replay';
import { openSystem, type MachineOptions, type MachineState } from '../../src/machine/machine';

const GCC_CHECKS = "gcc's messages from inside macro expansions (the 'In file included from' chain, 'in definition of macro' notes), -Wformat, module_init's __inittest checks and 'static declaration follows non-static' are not produced yet";
const LD = 'the oracle links license-less modules by hand with ld; this machine has no ld (its lkm.ko, lkm2.ko, hello_old.ko ship prebuilt in /root)';

/** [transcript, command, $-line or undefined, reason] */
const KBUILD_DIFFERENCES: ReadonlyArray<readonly [string, string, number | undefined, string]> = [
  ['00b-kbuild-errors', 'make -C /usr/src/linux-headers-6.1.0-56-amd64 M=/tmp/oracle-build/kbuild-student/err_order_call modules', undefined, GCC_CHECKS],
  ['00b-kbuild-errors', 'make -C /usr/src/linux-headers-6.1.0-56-amd64 M=/tmp/oracle-build/kbuild-student/warn_unused modules', 143, GCC_CHECKS],
  ['00b-kbuild-errors', 'make -C /usr/src/linux-headers-6.1.0-56-amd64 M=/tmp/oracle-build/kbuild-student/err_init_nosuchfn modules', undefined, GCC_CHECKS],
  ['00b-kbuild-errors', 'make -C /usr/src/linux-headers-6.1.0-56-amd64 M=/tmp/oracle-build/kbuild-student/err_init_order modules', undefined, GCC_CHECKS],
  ['00b-kbuild-errors', 'make -C /usr/src/linux-headers-6.1.0-56-amd64 M=/tmp/oracle-build/kbuild-student/err_noinclude modules', undefined, GCC_CHECKS],
  ...[['old', 'hello_old'], ['seed', 'lkm'], ['seed2', 'lkm2']].map(
    ([sub, n]) =>
      [
        '00-kbuild',
        `ld -r -m elf_x86_64 -z noexecstack --no-warn-rwx-segments --build-id=sha1  -T arch/x86/module.lds -o /tmp/oracle-build/modules/${sub}/${n}.ko /tmp/oracle-build/modules/${sub}/${n}.o /tmp/oracle-build/modules/${sub}_twin/${n}.mod.o`,
        undefined,
        LD,
      ] as const,
  ),
];

/** The `# cwd: DIR` comment that precedes each `$` line. */
function cwds(text: string): Map<number, string> {
  const out = new Map<number, string>();
  let cwd = '/root';
  text.split('\n').forEach((line, i) => {
    const m = /^# cwd: (.*)$/.exec(line);
    if (m) cwd = m[1];
    if (line.startsWith('$ ')) out.set(i + 1, cwd);
  });
  return out;
}

function replay(name: string, setup: (machine: MachineState, options: MachineOptions) => void): void {
  const text = readFileSync(join(FIXTURES, 'transcripts', `${name}.txt`), 'utf8');
  const dirs = cwds(text);
  replayTranscript(parseTranscript(name, text), {
    setup,
    line: (step) => `cd ${dirs.get(step.line) ?? '/root'} && ${step.command}`,
    // kbuild's recording has no kernel log lines: make loads nothing
    compareDmesg: false,
    knownDifference: (step) => KBUILD_DIFFERENCES.find(([t, c, l]) => t === name && c === step.command && (l === undefined || l === step.line))?.[3],
    list: 'KBUILD_DIFFERENCES',
  });
}

describe('fidelity: kbuild transcripts replayed on the simulator', () => {
  replay('00b-kbuild-errors', (machine, options) => copyInto(machine, options, join(FIXTURES, 'modules', 'student'), '/tmp/oracle-build/kbuild-student'));
  replay('00-kbuild', (machine, options) => {
    copyInto(machine, options, join(FIXTURES, 'modules'), '/tmp/oracle-build/modules');
    // prepare.sh's link_licenseless twins: the source plus a license, to get NAME.mod.o.
    const sys = openSystem(machine, options);
    for (const [sub, n] of [['old', 'hello_old'], ['seed', 'lkm'], ['seed2', 'lkm2']]) {
      const twin = `/tmp/oracle-build/modules/${sub}_twin`;
      sys.fs.mkdir?.(twin);
      sys.fs.write(`${twin}/Makefile`, readFileSync(join(FIXTURES, 'modules', sub, 'Makefile'), 'latin1'), false);
      sys.fs.write(`${twin}/${n}.c`, readFileSync(join(FIXTURES, 'modules', sub, `${n}.c`), 'latin1') + 'MODULE_LICENSE("GPL"); /* oracle twin only */\n', false);
    }
  });
});
