/**
 * Known differences of the lab recordings (20-25, issue 11), kept apart from the core's list
 * (known-differences.ts) so each helper edits its own; same rule: named, explained, and failing
 * as soon as the command matches.
 */
import type { KnownDifference } from './known-differences';

const FINDUTILS =
  "find walks a directory in name order where the oracle's disk gave hash order; xargs cannot see its child killed by SIGPIPE when `head` closes the pipe (our pipes hold the whole output); the oracle's /root also had /root/student and .ko files it built itself (other sizes, fail_* modules)";
const KALLSYMS =
  "/proc/kallsyms lists loaded modules' symbols only: vmlinux's own (_printk, the __initcall__kmod_* that `grep mod_b` also matches, ~100k lines) are not there, a catalog module (dummy) shows only its notes, exports and __this_module";
const PS =
  "ps: the oracle runs each command under timeout(1) and stdbuf(1), its kernel workers change names and PIDs from moment to moment, and CPU times, %CPU, RSS and -l/-Z formats are not simulated";
const DMESG =
  "the records differ, not dmesg: ours is the catalog VM's boot log (its debug-level lines differ from this VM's), and -d after -t measures deltas between boot records whose timestamps vary from run to run";
const BBIN =
  "the oracle guest keeps busybox applets in /bbin for its /init and copies the host's libraries into /lib, so ls of / and /lib lists entries this machine has not";
const TRIMMED =
  "the oracle VM's /lib/modules held only 24 in-tree modules (oracle README); ours holds the catalog's 157, so modules.dep has 170 lines; and depmod here lists a module copied under extra/sub only once it is re-indexed by the tree walk order";
const TMP =
  "the oracle mounts a tmpfs on /tmp (mode 1777); this machine's /tmp is a directory of the disk";
const STUDENT =
  "the oracle guest ships its student-style modules in /root/student; this machine has none there";
const PROGRAMS =
  "the programs of this machine are simulated tools, not ELF executables with build ids";
const CATALOG_ID =
  "catalog modules carry no build id: file(1) shows a derived one";
const NPROC =
  "nproc is not simulated";
const PROC_PID =
  "/proc/self names the reading process's PID, which differs from the oracle's (its guest had started other processes by then)";
const PROC_SYS =
  "/proc/sys holds only the sysctls a lab reads (kernel/printk, tainted, dmesg_restrict \u2026), not abi/, debug/, dev/, fs/, net/, vm/";
const KMOD_WAIT =
  "modprobe -r -w MSECS (retry delete_module with O_NONBLOCK until MSECS pass, then 'could not remove': EAGAIN) is not simulated yet";
const KMOD_SYMBOLS =
  "modprobe --show-exports/--dump-modversions of a file (its __ksymtab/__versions sections) is not simulated yet";
const MODINFO_B =
  "modinfo -b prints the missing-dependency error as kmod does, but `-F filename` of a module whose .ko is not under DIR fails here where kmod prints the path from modules.dep without opening the file";

export const LAB_KNOWN_DIFFERENCES: KnownDifference[] = [
  { transcript: "20-lab-tools", command: "ls -l / | grep -e lib -e bin", line: 8, reason: BBIN },
  { transcript: "20-lab-tools", command: "ls -ld /lib/", line: 16, reason: BBIN },
  { transcript: "20-lab-tools", command: "grep sub/ /lib/modules/$(uname -r)/modules.dep", line: 119, reason: TRIMMED },
  { transcript: "20-lab-tools", command: "grep -c . /lib/modules/$(uname -r)/modules.dep", line: 133, reason: TRIMMED },
  { transcript: "20-lab-tools", command: "find /lib/modules/$(uname -r)/extra -name '*.ko' | head -3", line: 147, reason: FINDUTILS },
  { transcript: "20-lab-tools", command: "find /lib/modules/$(uname -r) -maxdepth 1 -type d", line: 153, reason: FINDUTILS },
  { transcript: "20-lab-tools", command: "ls /root/*.ko | xargs -n1 basename | head -3", line: 159, reason: FINDUTILS },
  { transcript: "20-lab-tools", command: "find /root -maxdepth 1 -name 'mod_*.ko' -exec basename {} \\;", line: 166, reason: FINDUTILS },
  { transcript: "20-lab-tools", command: "ps", line: 173, reason: PS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -name '*.ko' | sort | xargs -n1 basename", line: 250, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /lib/modules/$(uname -r)/kernel -maxdepth 1 -type d | sort", line: 278, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -type f -name 'fail_*' -exec ls {} \\;", line: 289, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root/student -type f | sort | head -3", line: 331, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -not -name '*.ko' | sort", line: 359, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "ls /root/*.ko | xargs -n 2 echo | head -3", line: 376, reason: FINDUTILS },
  { transcript: "22-lab-time-procs", command: "ps", line: 198, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -e | wc -l", line: 263, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -ef | head -3", line: 267, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps aux | head -3", line: 273, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -o pid,ppid,comm", line: 289, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -o pid,user,stat,cmd", line: 348, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -eo comm | head -5", line: 423, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -Z", line: 443, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -l | head -2", line: 513, reason: PS },
  { transcript: "22-lab-time-procs", command: "stat -c '%a %A' /tmp", line: 558, reason: TMP },
  { transcript: "22-lab-time-procs", command: "stat /root", line: 646, reason: STUDENT },
  { transcript: "22-lab-time-procs", command: "file /usr/bin/kmod", line: 748, reason: PROGRAMS },
  { transcript: "22-lab-time-procs", command: "file /bin/bash", line: 752, reason: PROGRAMS },
  { transcript: "22-lab-time-procs", command: "file student/oops_null.ko", line: 756, reason: STUDENT },
  { transcript: "22-lab-time-procs", command: "file /lib/modules/$(uname -r)/kernel/fs/fat/vfat.ko", line: 769, reason: CATALOG_ID },
  { transcript: "23-lab-proc", command: "grep mod_b /proc/kallsyms", line: 38, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep -w _printk /proc/kallsyms | cut -d' ' -f2-", line: 226, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep -c . /proc/kallsyms", line: 233, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep '\\[dummy\\]' /proc/kallsyms | cut -d' ' -f2- | sort | head -5", line: 240, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep -c '\\[dummy\\]' /proc/kallsyms", line: 248, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "nproc", line: 459, reason: NPROC },
  { transcript: "23-lab-proc", command: "ls -l /proc/self", line: 488, reason: PROC_PID },
  { transcript: "23-lab-proc", command: "ls /proc/sys", line: 492, reason: PROC_SYS },
  { transcript: "24-dmesg-options", command: "dmesg -l debug -x", line: 453, reason: DMESG },
  { transcript: "24-dmesg-options", command: "dmesg -d -t | tail -n 2", line: 469, reason: DMESG },
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
  { transcript: "25-kmod-options", command: "modinfo -b /tmp/root -F filename vfat", line: 184, reason: MODINFO_B },
];
