/**
 * Known differences of 26-shell-paths (issue 11: paths, processes, jobs, timeout, find's
 * times), kept apart from the other lists so each helper edits its own; same rule: named,
 * explained, and failing as soon as the command matches.
 */
import type { KnownDifference } from './known-differences';

const NO_ENV = 'env is not a tool of this machine yet';
const PIDS = "PIDs differ from the oracle's: its guest had started other processes by then (each line also ran under timeout(1))";
const BUSYBOX_DATE = "the recording's guest had no coreutils date: busybox's date left %N as it was";
const FIND_TIMES = 'find ignores -mtime/-mmin/-newer times, touch -d, and -regextype';

export const SHELL_KNOWN_DIFFERENCES: KnownDifference[] = [
  { transcript: '26-shell-paths', command: "cd /lib && env pwd", line: 170, reason: NO_ENV },
  { transcript: '26-shell-paths', command: "ps ax | tail -n 1", line: 353, reason: PIDS },
  { transcript: '26-shell-paths', command: "ps x | tail -n 2", line: 357, reason: PIDS },
  { transcript: '26-shell-paths', command: "a=$(date +%s%N); sleep 2; b=$(date +%s%N); echo $(( (b - a) / 1000000000 ))", line: 712, reason: BUSYBOX_DATE },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -mtime +1", line: 737, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -mtime -1 -type f | sort", line: 741, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -mtime 0 -type f | sort", line: 746, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -mtime 3", line: 751, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -mmin -30 -type f", line: 755, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -mmin +60 -type f | sort", line: 759, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -mmin -180 -mmin +60", line: 764, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -newer hour.txt", line: 768, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -mtime x", line: 773, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -regextype posix-extended -regex '\\./(old|new)\\.txt' | sort", line: 794, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -regextype egrep -regex '.*/h[a-z]+\\.txt'", line: 799, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -regextype foo -regex x", line: 812, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -regex '[' ; echo $?", line: 816, reason: FIND_TIMES },
  { transcript: '26-shell-paths', command: "cd /tmp/f && find . -regextype posix-basic -regex '.*/\\(new\\)\\{1\\}\\.txt'", line: 821, reason: FIND_TIMES },
];
