/**
 * The oracle guest's /root/student (prepare.sh STUDENT_KOS): the student-style modules,
 * built from ../shared/oracle/modules/student (copied into test/fixtures) in
 * /tmp/oracle-build/modules/student/NAME, as prepare.sh builds them on its host (BUG() and
 * WARN() print that path), with the simulator's own make, and the .ko files copied to
 * /root/student.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { FIXTURES, copyInto } from './replay';
import { execLine, type MachineOptions, type MachineState } from '../../src/machine/machine';

const BUILD = '/tmp/oracle-build/modules/student';
/** The modules the 11* scenarios load (exp_pair builds exp_provider.ko and exp_user.ko). */
const MODULES = ['oops_null', 'lockup', 'bug_on', 'warn_on', 'slow_exit', 'leak', 'printk_levels', 'params_cb', 'dup_a', 'dup_b', 'multi', 'exp_pair'];

/** Copy the student sources onto the machine and build them there, as prepare.sh does on the host. */
export function buildStudentModules(machine: MachineState, options: MachineOptions): void {
  for (const name of MODULES) {
    copyInto(machine, options, join(FIXTURES, 'modules', 'student', name), `${BUILD}/${name}`);
    const r = execLine(machine, `mkdir -p /root/student && cd ${BUILD}/${name} && make -s && cp *.ko /root/student/`, options);
    assert.equal(r.exitCode, 0, `make in ${name}: ${r.output}`);
  }
}

/**
 * The guest's /root/student alone: the build directory was prepare.sh's host's, which the
 * guest never had (a `find /tmp` or `ls /tmp` of the lab recordings sees none of it).
 */
export function studentDirectory(machine: MachineState, options: MachineOptions): void {
  buildStudentModules(machine, options);
  const r = execLine(machine, 'rm -r /tmp/oracle-build', options);
  assert.equal(r.exitCode, 0, r.output);
}
