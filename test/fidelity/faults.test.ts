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
import { FIXTURES, replayTranscript } from './replay';
import { KNOWN_DIFFERENCES } from './known-differences';
import { buildStudentModules } from './student-modules';
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
