/**
 * Commands of the oracle transcripts the simulator does not reproduce yet, each with why.
 * Each entry still runs (so the machine's state advances as in the transcript) but is not judged.
 */
export interface KnownDifference {
  transcript: string;
  command: string;
  reason: string;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [];
