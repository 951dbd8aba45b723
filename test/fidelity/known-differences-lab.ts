/**
 * Known differences of the lab recordings (20-25, issue 11), kept apart from the core's list
 * (known-differences.ts) so each helper edits its own; same rule: named, explained, and failing
 * as soon as the command matches.
 */
import type { KnownDifference } from './known-differences';

const KALLSYMS =
  "/proc/kallsyms lists loaded modules' symbols only: vmlinux's own (_printk, the __initcall__kmod_* that `grep mod_b` also matches, ~100k lines) are not there, a catalog module (dummy) shows only its notes, exports and __this_module";
const PS =
  "ps: the oracle runs each command under timeout(1) and stdbuf(1), its kernel workers change names and PIDs from moment to moment, and CPU times, %CPU, RSS and -l/-Z/x formats are not simulated";
const DMESG_DELTA =
  "-d after -t prints the time between the last two records, written by two commands: the replay's clock moves 1 s per command, the VM's took 0.63 s";
const BBIN =
  "the oracle guest keeps busybox applets in /bbin for its /init and copies the host's libraries into /lib, so ls of / and /lib lists entries this machine has not (and ls -l / pads its link counts to two digits)";
const TRIMMED =
  "the oracle VM's /lib/modules held only 24 in-tree modules (oracle README); ours holds the catalog's 157, so modules.dep has 170 lines and kernel/ has block/, mm/ and virt/ too";
const STUDENT =
  "the oracle guest ships its student-style modules in /root/student; this machine has none there";
const PROGRAMS =
  "the tools are no files on this disk (ls /usr/bin lists nothing), so file(1) cannot open /usr/bin/kmod or /bin/bash; the Debian 12 host's binaries carry the oracle's build ids, so a recorded table of them could close this";
const PROC_PID =
  "/proc has no per-process directories (/proc/self, /proc/PID)";
const KMOD_WAIT =
  "modprobe -r -w MSECS (retry delete_module with O_NONBLOCK until MSECS pass, then 'could not remove': EAGAIN) is not simulated yet";
const KMOD_SYMBOLS =
  "modprobe --show-exports/--dump-modversions of a file (its __ksymtab/__versions sections) is not simulated yet";

export const LAB_KNOWN_DIFFERENCES: KnownDifference[] = [
  { transcript: "20-lab-tools", command: "ls -l / | grep -e lib -e bin", line: 8, reason: BBIN },
  { transcript: "20-lab-tools", command: "ls -ld /lib/", line: 16, reason: BBIN },
  { transcript: "20-lab-tools", command: "grep -c . /lib/modules/$(uname -r)/modules.dep", line: 133, reason: TRIMMED },
  { transcript: "20-lab-tools", command: "ps", line: 173, reason: PS },
  { transcript: "21-lab-pipelines", command: "find /lib/modules/$(uname -r)/kernel -maxdepth 1 -type d | sort", line: 278, reason: TRIMMED },
  { transcript: "21-lab-pipelines", command: "find /root/student -type f | sort | head -3", line: 331, reason: STUDENT },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -not -name '*.ko' | sort", line: 359, reason: STUDENT },
  { transcript: "22-lab-time-procs", command: "ps", line: 198, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -e | wc -l", line: 263, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -ef | head -3", line: 267, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -o pid,ppid,comm", line: 289, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps aux | head -3", line: 273, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -o pid,user,stat,cmd", line: 348, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -C bash", line: 407, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -eo comm | head -5", line: 423, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -Z", line: 443, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps x | head -3", line: 502, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -l | head -2", line: 513, reason: PS },
  { transcript: "22-lab-time-procs", command: "stat /root", line: 646, reason: STUDENT },
  { transcript: "22-lab-time-procs", command: "file /usr/bin/kmod", line: 748, reason: PROGRAMS },
  { transcript: "22-lab-time-procs", command: "file /bin/bash", line: 752, reason: PROGRAMS },
  { transcript: "22-lab-time-procs", command: "file student/oops_null.ko", line: 756, reason: STUDENT },
  { transcript: "23-lab-proc", command: "grep mod_b /proc/kallsyms", line: 38, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep -w _printk /proc/kallsyms | cut -d' ' -f2-", line: 226, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep -c . /proc/kallsyms", line: 233, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep '\\[dummy\\]' /proc/kallsyms | cut -d' ' -f2- | sort | head -5", line: 240, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep -c '\\[dummy\\]' /proc/kallsyms", line: 248, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "cat /proc/self/comm", line: 484, reason: PROC_PID },
  { transcript: "23-lab-proc", command: "ls -l /proc/self", line: 488, reason: PROC_PID },
  { transcript: "24-dmesg-options", command: "dmesg -d -t | tail -n 2", line: 469, reason: DMESG_DELTA },
  { transcript: "25-kmod-options", command: "modprobe -r -w 500 mod_b", line: 30, reason: KMOD_WAIT },
  { transcript: "25-kmod-options", command: "modprobe -r --wait=500 mod_b", line: 37, reason: KMOD_WAIT },
  { transcript: "25-kmod-options", command: "modprobe --show-exports /root/mod_b.ko", line: 64, reason: KMOD_SYMBOLS },
  { transcript: "25-kmod-options", command: "modprobe --show-exports /root/hello.ko", line: 73, reason: KMOD_SYMBOLS },
  { transcript: "25-kmod-options", command: "modprobe --show-exports /root/mod_b.ko /root/hello.ko", line: 77, reason: KMOD_SYMBOLS },
  { transcript: "25-kmod-options", command: "modprobe --dump-modversions /root/mod_a.ko", line: 82, reason: KMOD_SYMBOLS },
  { transcript: "25-kmod-options", command: "modprobe --dump-modversions /root/hello.ko | head -3", line: 90, reason: KMOD_SYMBOLS },
  { transcript: "25-kmod-options", command: "modprobe --dump-modversions /root/mod_b.ko | wc -l", line: 96, reason: KMOD_SYMBOLS },
  { transcript: "25-kmod-options", command: "modprobe --show-exports /etc/passwd", line: 108, reason: KMOD_SYMBOLS },
  { transcript: "25-kmod-options", command: "modprobe --show-exports /lib/modules/$(uname -r)/kernel/fs/fat/fat.ko | head -3", line: 112, reason: KMOD_SYMBOLS },
  { transcript: "25-kmod-options", command: "modprobe --show-exports /lib/modules/$(uname -r)/kernel/fs/fat/fat.ko | wc -l", line: 118, reason: KMOD_SYMBOLS },
  { transcript: "25-kmod-options", command: "modprobe --show-exports hello.ko", line: 122, reason: KMOD_SYMBOLS },
];
