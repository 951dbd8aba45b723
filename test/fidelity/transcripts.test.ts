/**
 * The fidelity suite: every oracle transcript replayed on a freshly booted simulated
 * machine, command by command. Output, exit status and the kernel log lines each command
 * caused must equal the real Debian 12 system's, except timestamps and addresses.
 */
import { strict as assert } from 'node:assert';
import { coreTranscripts } from './transcript';
import { normalize } from './normalize';
import { judgeStep } from './judge-step';
import { bootMachine, execLine, type MachineOptions, type MachineState } from '../../src/machine/machine';
import { TRANSCRIPT_SETUP } from './transcript-setup';
import { formatKlog } from './klog';
import { KNOWN_DIFFERENCES } from './known-differences';

describe('fidelity: oracle transcripts replayed on the simulator', () => {
  for (const transcript of coreTranscripts()) {
    describe(transcript.name, () => {
      let now = Date.UTC(2026, 10, 25, 20, 18, 0);
      const options: MachineOptions = { clock: () => now, hostname: 'oracle' };
      let machine: MachineState;
      before(() => {
        machine = bootMachine(options, transcript.extraCmdline);
        TRANSCRIPT_SETUP[transcript.name]?.(machine, options);
      });
      for (const step of transcript.steps) {
        const known = KNOWN_DIFFERENCES.find((d) => d.transcript === transcript.name && d.command === step.command && (d.line === undefined || d.line === step.line));
        const title = `$ ${step.command}  (line ${step.line})`;
        const test = (): void => {
          now += 1000;
          const result = execLine(machine, step.command, options);
          const got = {
            output: normalize(result.output),
            exit: result.exitCode,
            dmesg: normalize(formatKlog(result.klog).join('\n')),
          };
          const want = {
            output: normalize(step.output),
            exit: step.exitCode,
            dmesg: normalize(step.dmesg.join('\n')),
          };
          assert.deepEqual(got, want);
        };
        judgeStep(title, known?.reason, test, 'known-differences.ts');
      }
    });
  }
});
