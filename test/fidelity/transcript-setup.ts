/**
 * What a transcript's guest had that a freshly booted machine has not, put in place before
 * the replay. 26-modversions: the oracle's copy of modules/student gained vers_b (mod_b with
 * `long mod_b_add(long, long)`) and nover_a (mod_a built with KBUILD_MODPOST_WARN=1), which
 * prepare.sh built and shipped as /root/student/mod_b.ko and /root/student/mod_a.ko; here
 * this machine's own kbuild builds the same sources (test/fixtures/oracle-26) into that place.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execLine, openSystem, type MachineOptions, type MachineState } from '../../src/machine/machine';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

function buildStudentModules(machine: MachineState, options: MachineOptions): void {
  const sys = openSystem(machine, options);
  const src = join(FIXTURES, 'oracle-26', 'student');
  sys.fs.mkdir?.('/tmp/student-build');
  sys.fs.mkdir?.('/root/student');
  for (const dir of readdirSync(src)) {
    sys.fs.mkdir?.(`/tmp/student-build/${dir}`);
    for (const name of readdirSync(join(src, dir))) sys.fs.write(`/tmp/student-build/${dir}/${name}`, readFileSync(join(src, dir, name), 'latin1'), false);
  }
  const line = 'for d in vers_b nover_a; do make -C /lib/modules/$(uname -r)/build M=/tmp/student-build/$d modules; done >/dev/null 2>&1; ' +
    'cp /tmp/student-build/vers_b/mod_b.ko /tmp/student-build/nover_a/mod_a.ko /root/student/ && rm -r /tmp/student-build';
  const r = execLine(machine, line, options);
  if (r.exitCode !== 0) throw new Error(`26-modversions setup failed: ${r.output}`);
}

export const TRANSCRIPT_SETUP: Readonly<Record<string, (machine: MachineState, options: MachineOptions) => void>> = {
  '26-modversions': buildStudentModules,
};
