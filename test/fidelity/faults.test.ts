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
import { normalize } from './normalize';
import { judgeStep } from './judge-step';
import { formatKlog } from './klog';
import { KNOWN_DIFFERENCES } from './known-differences';
import { bootMachine, execLine, openSystem, type MachineOptions, type MachineState } from '../../src/machine/machine';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const BUILD = '/tmp/oracle-build/modules/student';
/** The modules the 11* scenarios load (exp_pair builds exp_provider.ko and exp_user.ko). */
const MODULES = ['oops_null', 'lockup', 'bug_on', 'warn_on', 'slow_exit', 'leak', 'printk_levels', 'params_cb', 'dup_a', 'dup_b', 'multi', 'exp_pair'];

/** Copy the student sources onto the machine and build them there, as prepare.sh does on the host. */
export function buildStudentModules(machine: MachineState, options: MachineOptions): void {
  const sys = openSystem(machine, options);
  const mkdirs = (path: string): void => {
    let p = '';
    for (const part of path.split('/').filter((x) => x !== '')) {
      p += '/' + part;
      sys.fs.mkdir?.(p);
    }
  };
  mkdirs('/root/student');
  for (const name of MODULES) {
    const from = join(FIXTURES, 'modules', 'student', name);
    mkdirs(`${BUILD}/${name}`);
    for (const file of readdirSync(from)) sys.fs.write(`${BUILD}/${name}/${file}`, readFileSync(join(from, file), 'latin1'), false);
    const r = execLine(machine, `cd ${BUILD}/${name} && make -s && cp *.ko /root/student/`, options);
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
    describe(name, () => {
      let now = Date.UTC(2026, 10, 25, 20, 18, 0);
      const options: MachineOptions = { clock: () => now, hostname: 'oracle' };
      let machine: MachineState;
      before(() => {
        machine = bootMachine(options);
        buildStudentModules(machine, options);
      });
      for (const step of transcript.steps) {
        const known = KNOWN_DIFFERENCES.find((d) => d.transcript === name && d.command === step.command && (d.line === undefined || d.line === step.line));
        const title = `$ ${step.command}  (line ${step.line})`;
        const test = (): void => {
          now += 1000;
          const result = execLine(machine, `cd /root/student; ${step.command}`, options);
          assert.deepEqual(
            { output: normalize(result.output), exit: result.exitCode, dmesg: normalize(formatKlog(result.klog).join('\n')) },
            { output: normalize(step.output), exit: step.exitCode, dmesg: normalize(step.dmesg.join('\n')) },
          );
        };
        judgeStep(title, known?.reason, test, 'known-differences.ts');
      }
    });
  }
});
