/**
 * Known differences of 26-shell-paths (issue 11: paths, processes, jobs, timeout, find's
 * times), kept apart from the other lists so each helper edits its own; same rule: named,
 * explained, and failing as soon as the command matches.
 */
import type { KnownDifference } from './known-differences';

const NO_ENV = 'env is not a tool of this machine yet';
const PIDS = "PIDs differ from the oracle's: its guest had started other processes by then (each line also ran under timeout(1))";
const BUSYBOX_DATE = "the recording's guest had no coreutils date: busybox's date left %N as it was";

export const SHELL_KNOWN_DIFFERENCES: KnownDifference[] = [
  { transcript: '26-shell-paths', command: "cd /lib && env pwd", line: 170, reason: NO_ENV },
  { transcript: '26-shell-paths', command: "ps ax | tail -n 1", line: 353, reason: PIDS },
  { transcript: '26-shell-paths', command: "ps x | tail -n 2", line: 357, reason: PIDS },
  { transcript: '26-shell-paths', command: "a=$(date +%s%N); sleep 2; b=$(date +%s%N); echo $(( (b - a) / 1000000000 ))", line: 712, reason: BUSYBOX_DATE },
];
