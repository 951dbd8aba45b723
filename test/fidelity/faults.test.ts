/**
 * The student-module scenarios replayed: 11a-11i (Oops, soft lockup, BUG, WARN, slow exit,
 * leak, printk levels, parameter callbacks, duplicate exports). As on the oracle, the
 * modules are built from ../shared/oracle/modules/student (copied into test/fixtures) in
 * /tmp/oracle-build/modules/student/NAME — BUG() and WARN() print that path — with the
 * simulator's own make, and the .ko files copied to /root/student, where every command
 * runs (`#@cwd /root/student`). Output, exit status and new kernel log lines are compared
 * as in transcripts.test.ts; differences are named in known-differences.ts.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTranscript } from './transcript';
import { FIXTURES, copyInto, replayTranscript } from './replay';
import { KNOWN_DIFFERENCES } from './known-differences';
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

function studentTranscripts(): string[] {
  return readdirSync(join(FIXTURES, 'transcripts'))
    .filter((f) => /^11[a-z]-[a-z0-9-]*\.txt$/.test(f))
    .sort()
    .map((f) => f.replace(/\.txt$/, ''));
}

describe('fidelity: student modules (11a-11i) built and replayed on the simulator', () => {
  for (const name of studentTranscripts()) {
    const transcript = parseTranscript(name, readFileSync(join(FIXTURES, 'transcripts', `${name}.txt`), 'utf8'));
    replayTranscript(transcript, {
      setup: buildStudentModules,
      line: (step) => `cd /root/student; ${step.command}`,
      compareDmesg: true,
      knownDifference: (step) => KNOWN_DIFFERENCES.find((d) => d.transcript === name && d.command === step.command && (d.line === undefined || d.line === step.line))?.reason,
      list: 'known-differences.ts',
    });
  }
});
