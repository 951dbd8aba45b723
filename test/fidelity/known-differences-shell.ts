/**
 * Known differences of 26-shell-paths (issue 11: paths, processes, jobs, timeout, find's
 * times), kept apart from the other lists so each helper edits its own; same rule: named,
 * explained, and failing as soon as the command matches.
 */
import type { KnownDifference } from './known-differences';

const PIDS = "PIDs differ from the oracle's: its guest had started other processes by then (each line also ran under timeout(1))";
const SIGINT_RACE =
  "racy on the real system: a background child ignores SIGINT only once it has set that up after fork, and this recording's kill came first (130); the first recording of the same line printed status=0, as the simulator does";

export const SHELL_KNOWN_DIFFERENCES: KnownDifference[] = [
  { transcript: '26-shell-paths', command: 'ps ax | tail -n 1', line: 353, reason: PIDS },
  { transcript: '26-shell-paths', command: 'ps x | tail -n 2', line: 357, reason: PIDS },
  { transcript: '26-shell-paths', command: 'sleep 10 & kill -s INT $!; wait $!; echo status=$?', line: 503, reason: SIGINT_RACE },
];
