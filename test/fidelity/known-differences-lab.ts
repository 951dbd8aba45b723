/**
 * Known differences of the lab recordings (20-25, issue 11), kept apart from the core's list
 * (known-differences.ts) so each helper edits its own; same rule: named, explained, and failing
 * as soon as the command matches.
 */
import type { KnownDifference } from './known-differences';

const PS =
  "ps: the oracle ran each line under timeout(1) and stdbuf(1), so its list has a `timeout` process (and ps's own PID and parent differ), and the kernel renames a worker after the workqueue it served last (kworker/0:1-events, then -mm_percpu_wq), which changed between its runs";
const PS_BOOT =
  "ps: 20-lab-tools was another boot, whose kernel threads took other PIDs (khungtaskd 29, not 30) and names; this machine's are 22-lab-time-procs' boot's";
const DMESG_DELTA =
  "-d after -t prints the time between the last two records, written by two commands: the replay's clock moves 1 s per command, the VM's took 0.63 s";
const BBIN =
  "the oracle guest keeps busybox applets in /bbin for its /init and copies the host's libraries into /lib, so ls of / and /lib lists entries this machine has not (and ls -l / pads its link counts to two digits)";
const TRIMMED =
  "the oracle VM's /lib/modules held only 24 in-tree modules (oracle README); ours holds the catalog's 157, so modules.dep has 170 lines and kernel/ has block/, mm/ and virt/ too";
const BUILD_ID =
  "a module built on this machine carries a build id of its own (a hash of its image): the oracle's was the one gcc and ld wrote into that build of oops_null.ko, which no simulation of the compiler reproduces";
const PROC_PID =
  "/proc/self names the reading process's PID, which differs from the oracle's (its guest had started other processes by then)";
const KMOD_WAIT =
  "kmod 30's -w backoff (get_backoff_delta_msec) spins forever when a wake overshoots the deadline: the oracle's --wait=500 run was killed after 120 s (26-modversions: -w 0x100, ' 300', 010 too), the -w 500 and -w 2000 runs woke exactly on time and exited 0; this machine's clock always wakes on time, so it exits 0";
const UPTIME =
  "/proc/uptime's values: the oracle's VM booted slower and its modprobe took 0.8 s more than the 2 s it waited under TCG; here the clock moves by the wait exactly (the status line and the 2 s wait match)";

export const LAB_KNOWN_DIFFERENCES: KnownDifference[] = [
  { transcript: "20-lab-tools", command: "ls -l / | grep -e lib -e bin", line: 8, reason: BBIN },
  { transcript: "20-lab-tools", command: "ls -ld /lib/", line: 16, reason: BBIN },
  { transcript: "20-lab-tools", command: "grep -c . /lib/modules/$(uname -r)/modules.dep", line: 133, reason: TRIMMED },
  { transcript: "20-lab-tools", command: "ps", line: 173, reason: PS_BOOT },
  { transcript: "21-lab-pipelines", command: "find /lib/modules/$(uname -r)/kernel -maxdepth 1 -type d | sort", line: 278, reason: TRIMMED },
  { transcript: "22-lab-time-procs", command: "ps", line: 198, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -e | wc -l", line: 263, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -o pid,ppid,comm", line: 289, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -o pid,user,stat,cmd", line: 348, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -Z", line: 443, reason: PS },
  { transcript: "22-lab-time-procs", command: "file student/oops_null.ko", line: 756, reason: BUILD_ID },
  { transcript: "23-lab-proc", command: "ls -l /proc/self", line: 488, reason: PROC_PID },
  { transcript: "24-dmesg-options", command: "dmesg -d -t | tail -n 2", line: 469, reason: DMESG_DELTA },
  { transcript: "25-kmod-options", command: "modprobe -r --wait=500 mod_b", line: 37, reason: KMOD_WAIT },
  { transcript: "26-modversions", command: "cut -d' ' -f1 /proc/uptime; modprobe -r -w 2000 mod_b; echo status $?; cut -d' ' -f1 /proc/uptime", line: 201, reason: UPTIME },
  { transcript: "26-modversions", command: "modprobe -r -w 0x100 mod_b; echo status $?", line: 207, reason: KMOD_WAIT },
  { transcript: "26-modversions", command: "modprobe -r -w ' 300' mod_b; echo status $?", line: 212, reason: KMOD_WAIT },
  { transcript: "26-modversions", command: "modprobe -r -w 010 -v mod_b; echo status $?", line: 226, reason: KMOD_WAIT },
];
