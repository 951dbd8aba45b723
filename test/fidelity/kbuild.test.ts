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
import { parseTranscript, type TranscriptStep } from './transcript';
import { FIXTURES, copyInto, replayTranscript } from './replay';
import { execLine, openSystem, type MachineOptions, type MachineState } from '../../src/machine/machine';

const GCC_CHECKS = "gcc's messages from inside macro expansions (the 'In file included from' chain, 'in definition of macro' notes), -Wformat, module_init's __inittest checks and 'static declaration follows non-static' are not produced yet";
const SRCVERSION = "modpost's srcversion is an MD4 over the module's sources and every kernel header they include; a built module's is a stand-in of the same shape (it changes when the real one would)";
const LD = 'the oracle links license-less modules by hand with ld; this machine has no ld (its lkm.ko, lkm2.ko, hello_old.ko ship prebuilt in /root)';

/** [transcript, command, $-line or undefined, reason] */
const KBUILD_DIFFERENCES: ReadonlyArray<readonly [string, string, number | undefined, string]> = [
  ['00b-kbuild-errors', 'make -C /usr/src/linux-headers-6.1.0-56-amd64 M=/tmp/oracle-build/kbuild-student/err_init_order modules', undefined, GCC_CHECKS],
  ['00c-kbuild-paths', 'cat hello.mod.c', undefined, SRCVERSION],
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

type Before = (step: TranscriptStep, machine: MachineState, options: MachineOptions) => void;

function replay(name: string, setup: (machine: MachineState, options: MachineOptions) => void, before?: Before): void {
  const text = readFileSync(join(FIXTURES, 'transcripts', `${name}.txt`), 'utf8');
  const dirs = cwds(text);
  replayTranscript(parseTranscript(name, text), {
    setup,
    ...(before ? { before } : {}),
    line: (step) => `cd ${dirs.get(step.line) ?? '/root'} && ${step.command}`,
    // kbuild's recording has no kernel log lines: make loads nothing
    compareDmesg: false,
    knownDifference: (step) => KBUILD_DIFFERENCES.find(([t, c, l]) => t === name && c === step.command && (l === undefined || l === step.line))?.[3],
    list: 'KBUILD_DIFFERENCES',
  });
}

/** Where scripts/oracle/kbuild-paths.sh built (its $S): the same paths here, so the output matches. */
const PATHS = '/tmp/kbuild-paths';
const CODE_EXERCISES = ['16-fix-the-license', '17-param-in-sysfs', '18-exporter-and-user', '19-null-dereference'];
/** The solution lines kbuild-paths.sh left to the guest: a kernel runs them (27b-exercise-modules). */
const KERNEL_LINE = /^(insmod|rmmod|modprobe|lsmod|dmesg|cat \/sys)/;

/**
 * 00d's unrecorded lines, as kbuild-paths.sh ran them: each exercise's setup and the solution
 * lines that span several lines, in its home (/root moved under PATHS), before the recorded
 * step that follows them. This machine has /usr/src/modlab itself, where the script had a copy.
 */
function exerciseSetup(): Before {
  const steps = parseTranscript('00d-kbuild-exercises', readFileSync(join(FIXTURES, 'transcripts', '00d-kbuild-exercises.txt'), 'utf8')).steps;
  const pending = new Map<number, Array<[string, string]>>();
  let next = 0;
  for (const file of CODE_EXERCISES) {
    const e = JSON.parse(readFileSync(join(FIXTURES, '..', '..', 'exercises', `${file}.json`), 'utf8')) as { setup: { commands: string[] }; solution: string[] };
    const home = `${PATHS}/ex-${file.replace(/^\d+-/, '')}`;
    let before: Array<[string, string]> = [['/', `mkdir -p ${home}`]];
    const lines = [...e.setup.commands.map((l) => [l, false] as const), ...e.solution.map((l) => [l, !l.includes('\n') && !KERNEL_LINE.test(l)] as const)];
    for (const [line, recorded] of lines) {
      const moved = line.split('/root').join(home);
      if (!recorded) {
        if (!KERNEL_LINE.test(line)) before.push([home, moved]);
        continue;
      }
      const step = steps[next++];
      if (step) pending.set(step.line, before);
      before = [];
    }
  }
  return (step, machine, options) => {
    for (const [cwd, line] of pending.get(step.line) ?? []) execLine(machine, `cd ${cwd} && ${line}`, options);
  };
}

describe('fidelity: kbuild transcripts replayed on the simulator', () => {
  replay('00c-kbuild-paths', (machine, options) => {
    copyInto(machine, options, join(FIXTURES, 'kbuild-paths'), PATHS);
    // kbuild-paths.sh's copies of an export pair, undef_extern and hello (MODULE_VERSION)
    copyInto(machine, options, join(FIXTURES, 'modules', 'student', 'exp_pair'), `${PATHS}/exp_pair`);
    copyInto(machine, options, join(FIXTURES, 'modules', 'student', 'undef_extern'), `${PATHS}/undef_extern`);
    const sys = openSystem(machine, options);
    sys.fs.mkdir?.(`${PATHS}/hello`);
    sys.fs.write(`${PATHS}/hello/hello.c`, readFileSync(join(FIXTURES, 'modules', 'hello.c'), 'latin1'), false);
    sys.fs.write(`${PATHS}/hello/Makefile`, 'obj-m += hello.o\n', false);
  });
  replay('00d-kbuild-exercises', () => undefined, exerciseSetup());
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
