/**
 * The fidelity suite: every oracle transcript replayed on a freshly booted simulated
 * machine, command by command. Output, exit status and the kernel log lines each command
 * caused must equal the real Debian 12 system's, except timestamps and addresses.
 */
import { coreTranscripts } from './transcript';
import { replayTranscript } from './replay';
import { TRANSCRIPT_CWD, TRANSCRIPT_SETUP } from './transcript-setup';
import { KNOWN_DIFFERENCES } from './known-differences';

describe('fidelity: oracle transcripts replayed on the simulator', () => {
  for (const transcript of coreTranscripts()) {
    const setup = TRANSCRIPT_SETUP[transcript.name];
    const cwd = TRANSCRIPT_CWD[transcript.name];
    replayTranscript(transcript, {
      ...(setup ? { setup } : {}),
      ...(cwd ? { line: (step) => `cd ${cwd} && ${step.command}` } : {}),
      compareDmesg: true,
      knownDifference: (step) => KNOWN_DIFFERENCES.find((d) => d.transcript === transcript.name && d.command === step.command && (d.line === undefined || d.line === step.line))?.reason,
      list: 'known-differences.ts',
    });
  }
});
