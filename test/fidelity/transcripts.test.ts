/**
 * The fidelity suite: every oracle transcript replayed on a freshly booted simulated
 * machine, command by command. Output, exit status and the kernel log lines each command
 * caused must equal the real Debian 12 system's, except timestamps and addresses.
 */
import { coreTranscripts } from './transcript';
import { replayTranscript } from './replay';
import { TRANSCRIPT_SETUP } from './transcript-setup';
import { KNOWN_DIFFERENCES } from './known-differences';

describe('fidelity: oracle transcripts replayed on the simulator', () => {
  for (const transcript of coreTranscripts()) {
    const setup = TRANSCRIPT_SETUP[transcript.name];
    replayTranscript(transcript, {
      ...(setup ? { setup } : {}),
      compareDmesg: true,
      knownDifference: (step) => KNOWN_DIFFERENCES.find((d) => d.transcript === transcript.name && d.command === step.command && (d.line === undefined || d.line === step.line))?.reason,
      list: 'known-differences.ts',
    });
  }
});
