/**
 * Known differences of 26-shell-paths (issue 11: paths, processes, jobs, timeout, find's
 * times), kept apart from the other lists so each helper edits its own; same rule: named,
 * explained, and failing as soon as the command matches.
 */
import type { KnownDifference } from './known-differences';

const NO_ENV = 'env is not a tool of this machine yet';
const PS_PIDOF = 'ps has no BSD x/ax format yet and pidof is not a tool of this machine';
const TIMEOUT = 'timeout is not a tool of this machine yet';
const BUSYBOX_DATE = "the recording's guest had no coreutils date: busybox's date left %N as it was";
const FIND_TIMES = 'find ignores -mtime/-mmin/-newer times, touch -d, and -regextype';

export const SHELL_KNOWN_DIFFERENCES: KnownDifference[] = [
  { transcript: '26-shell-paths', command: "cd /lib && env pwd", line: 170, reason: NO_ENV },
  { transcript: '26-shell-paths', command: "ps x | head -3", line: 340, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "ps ax | head -4", line: 346, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "ps ax | tail -n 1", line: 353, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "ps x | tail -n 2", line: 357, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "pidof init", line: 368, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "pidof bash", line: 371, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "pidof kthreadd; echo $?", line: 375, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "pidof nosuch; echo $?", line: 380, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "pidof -s init", line: 384, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "pidof; echo $?", line: 387, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "sleep 3 & pidof sleep > /dev/null && echo found sleep; kill $!", line: 391, reason: PS_PIDOF },
  { transcript: '26-shell-paths', command: "timeout 1 sleep 5; echo $?", line: 629, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout -s KILL 1 sleep 5; echo $?", line: 633, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout -s INT 1 sleep 5; echo $?", line: 638, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout --preserve-status 1 sleep 5; echo $?", line: 642, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout -k 1 1 sleep 5; echo $?", line: 646, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout -v 1 sleep 5; echo $?", line: 650, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout 5 true; echo $?", line: 655, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout 5 false; echo $?", line: 659, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout 0 true; echo $?", line: 663, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout 0.5 sleep 0.1; echo $?", line: 667, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout 1 nosuch; echo $?", line: 671, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout 1 /etc; echo $?", line: 676, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout; echo $?", line: 681, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout 1; echo $?", line: 686, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout x sleep 1; echo $?", line: 691, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout -s FOO 1 true; echo $?", line: 697, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout 5 bash -c 'exit 7'; echo $?", line: 703, reason: TIMEOUT },
  { transcript: '26-shell-paths', command: "timeout 1 timeout 5 sleep 3; echo $?", line: 707, reason: TIMEOUT },
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
