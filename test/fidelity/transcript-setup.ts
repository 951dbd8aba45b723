/**
 * What a transcript's guest had that a freshly booted machine has not, put in place before
 * the replay. 21 and 22: the guest's /root/student of student-style modules
 * (student-modules.ts), built here. 26-modversions: the oracle's copy of modules/student gained vers_b (mod_b with
 * `long mod_b_add(long, long)`) and nover_a (mod_a built with KBUILD_MODPOST_WARN=1), which
 * prepare.sh built and shipped as /root/student/mod_b.ko and /root/student/mod_a.ko; here
 * this machine's own kbuild builds the same sources (test/fixtures/oracle-26) into that place.
 */
import { join } from 'node:path';
import { execLine, type MachineOptions, type MachineState } from '../../src/machine/machine';
import { FIXTURES, copyInto } from './replay';
import { studentDirectory } from './student-modules';

function buildStudentModules(machine: MachineState, options: MachineOptions): void {
  copyInto(machine, options, join(FIXTURES, 'oracle-26', 'student'), '/tmp/student-build');
  execLine(machine, 'mkdir -p /root/student', options);
  const line = 'for d in vers_b nover_a; do make -C /lib/modules/$(uname -r)/build M=/tmp/student-build/$d modules; done >/dev/null 2>&1; ' +
    'cp /tmp/student-build/vers_b/mod_b.ko /tmp/student-build/nover_a/mod_a.ko /root/student/ && rm -r /tmp/student-build';
  const r = execLine(machine, line, options);
  if (r.exitCode !== 0) throw new Error(`26-modversions setup failed: ${r.output}`);
}

/**
 * The student modules a 27-* scenario uses from the guest's /root/student, which prepare.sh
 * built from modules/student/DIR: this machine's kbuild builds the same sources into place.
 */
function studentModules(fixture: string, dirs: readonly string[]): (machine: MachineState, options: MachineOptions) => void {
  return (machine, options) => {
    copyInto(machine, options, join(FIXTURES, ...fixture.split('/')), '/tmp/student-build');
    const line =
      `mkdir -p /root/student && for d in ${dirs.join(' ')}; do make -C /lib/modules/$(uname -r)/build M=/tmp/student-build/$d modules >/dev/null 2>&1 && cp /tmp/student-build/$d/*.ko /root/student/ || exit 1; done; ` +
      'rm -r /tmp/student-build';
    const r = execLine(machine, line, options);
    if (r.exitCode !== 0) throw new Error(`student modules' setup failed: ${r.output}`);
  };
}

export const TRANSCRIPT_SETUP: Readonly<Partial<Record<string, (machine: MachineState, options: MachineOptions) => void>>> = {
  // the recordings that look into the guest's /root/student (find, stat /root, file student/…)
  '21-lab-pipelines': studentDirectory,
  '22-lab-time-procs': studentDirectory,
  '26-modversions': buildStudentModules,
  '27-kbuild-install': studentModules('modules/student', ['exp_pair', 'multi']),
  '27c-stale-tree': studentModules('modules/student', ['exp_pair', 'multi']),
  // the code exercises' solutions, as scripts/oracle/kbuild-paths.sh left them (00d)
  '27b-exercise-modules': studentModules('oracle-27/student', ['ex_lkm2', 'ex_greet', 'ex_shared', 'ex_fixed']),
};

/** A scenario's `#@cwd DIR`, which its transcript does not record: where each command ran. */
export const TRANSCRIPT_CWD: Readonly<Partial<Record<string, string>>> = {
  '27b-exercise-modules': '/root/student',
};
