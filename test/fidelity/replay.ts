/**
 * A transcript replayed on one simulated machine, step by step, as the oracle ran it: the
 * machine boots once (with the transcript's kernel command line), the clock moves a second
 * between commands, and each step's output, exit status and (where asked) new kernel log
 * lines must equal the recording, except timestamps and addresses.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bootMachine, execLine, openSystem, type MachineOptions, type MachineState } from '../../src/machine/machine';
import type { Transcript, TranscriptStep } from './transcript';
import { normalize } from './normalize';
import { judgeStep } from './judge-step';
import { formatKlog } from './klog';

export const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

export interface ReplayPlan {
  /** What the oracle had on the machine before the first command (built modules, sources). */
  setup?(machine: MachineState, options: MachineOptions): void;
  /** What ran on the oracle's machine, unrecorded, just before a step (an exercise's setup lines). */
  before?(step: TranscriptStep, machine: MachineState, options: MachineOptions): void;
  /** The line typed for a step; each oracle line ran in a fresh shell in its own directory. */
  line?(step: TranscriptStep): string;
  /** Whether the step's kernel log lines are compared too (kbuild's recording has none). */
  compareDmesg: boolean;
  /** The named reason a step still differs, if it does. */
  knownDifference(step: TranscriptStep): string | undefined;
  /** Where those reasons are listed, for the message once a step matches. */
  list: string;
}

export function replayTranscript(transcript: Transcript, plan: ReplayPlan): void {
  describe(transcript.name, () => {
    let now = Date.UTC(2026, 10, 25, 20, 18, 0);
    const options: MachineOptions = { clock: () => now, hostname: 'oracle' };
    let machine: MachineState;
    before(() => {
      machine = bootMachine(options, transcript.extraCmdline);
      plan.setup?.(machine, options);
    });
    for (const step of transcript.steps) {
      const test = (): void => {
        now += 1000;
        plan.before?.(step, machine, options);
        const result = execLine(machine, plan.line?.(step) ?? step.command, options);
        const got = { output: normalize(result.output), exit: result.exitCode, dmesg: normalize(formatKlog(result.klog).join('\n')) };
        const want = { output: normalize(step.output), exit: step.exitCode, dmesg: normalize(step.dmesg.join('\n')) };
        if (!plan.compareDmesg) got.dmesg = want.dmesg;
        assert.deepEqual(got, want);
      };
      judgeStep(`$ ${step.command}  (line ${step.line})`, plan.knownDifference(step), test, plan.list);
    }
  });
}

/** Copy a fixture directory tree onto the machine under DEST (mkdir -p, then each file). */
export function copyInto(machine: MachineState, options: MachineOptions, from: string, dest: string): void {
  const sys = openSystem(machine, options);
  const mkdirs = (path: string): void => {
    let p = '';
    for (const part of path.split('/').filter((x) => x !== '')) {
      p += '/' + part;
      sys.fs.mkdir?.(p);
    }
  };
  const walk = (src: string, to: string): void => {
    mkdirs(to);
    for (const name of readdirSync(src)) {
      const s = join(src, name);
      if (statSync(s).isDirectory()) walk(s, `${to}/${name}`);
      else sys.fs.write(`${to}/${name}`, readFileSync(s, 'latin1'), false);
    }
  };
  walk(from, dest);
}
