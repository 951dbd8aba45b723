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

const ETC_HOSTNAME =
  "/etc/hostname is the base image's 'modlab' on every machine, whatever name the scope gives it (the guest's /init wrote 'oracle')";
const MEMFREE =
  "/proc/meminfo was recorded in another boot of the guest (MemFree 886476 kB; this one had 895940 kB free), and getconf's _AVPHYS_PAGES is MemFree's pages";
const BASE_DIRS =
  "the disk has /usr/local/{bin,sbin}, /usr/local and /usr/src/{modlab,linux-headers-*} (so whereis finds /usr/src/modlab/hello) where the guest's initramfs had /usr/lib/x86_64-linux-gnu and /usr/libexec";
const RUN =
  "the guest's /run is a tmpfs (mode 1777) holding its /init's three files; here it is an empty directory of the disk (df counts the guest's 4 KiB and 4 inodes there)";
const NUL_QUOTA =
  "the scope's quota counts a NUL as the 6 bytes it takes in the stored document, so head -c 100000 /dev/zero stops at 43690 bytes with 'No space left on device'";
const PROC_MOUNTS = "/proc/mounts is not simulated (df reads the guest's table from src/userland/mounts.ts)";
const ROOT_FILES =
  "the guest's /root held student/ (the runtime student modules, 1.5 MiB) and the test modules as built there (fail_ebusy.ko 110160 bytes); this replay has no student/ and the modules have the catalog's sizes";
const BASE_FILES = "the disk's /etc and /usr/bin hold other files than the guest's initramfs (more programs, other sizes)";
const PROC_FDS =
  "du -s /proc met the guest's own open files (/proc/623/fd/4) that vanished while it walked; this machine's /proc has no fd entries";

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
  { transcript: "28-lab-system", command: "uname -n; cat /proc/sys/kernel/hostname; cat /etc/hostname", line: 49, reason: ETC_HOSTNAME },
  { transcript: "28-lab-system", command: "getconf -a", line: 135, reason: MEMFREE },
  { transcript: "28-lab-system", command: "getconf -a /proc", line: 458, reason: MEMFREE },
  { transcript: "28-lab-system", command: "getconf _PHYS_PAGES; getconf _AVPHYS_PAGES; grep -e MemTotal -e MemFree /proc/meminfo", line: 788, reason: MEMFREE },
  { transcript: "28-lab-system", command: "whereis -l", line: 821, reason: BASE_DIRS },
  { transcript: "28-lab-system", command: "whereis kmod hello", line: 832, reason: BASE_DIRS },
  { transcript: "28-lab-system", command: "ls -la /run", line: 1032, reason: RUN },
  { transcript: "28-lab-system", command: "head -c 100000 /dev/zero > /root/f; df /; rm /root/f; df /", line: 1041, reason: NUL_QUOTA },
  { transcript: "28-lab-system", command: "mkdir /tmp/q; head -c 100000 /dev/zero > /tmp/q/f; df /tmp; df -i /tmp", line: 1048, reason: NUL_QUOTA },
  { transcript: "28-lab-system", command: "cat /proc/mounts", line: 1060, reason: PROC_MOUNTS },
  { transcript: "28-lab-system", command: "du -s /root", line: 1070, reason: ROOT_FILES },
  { transcript: "28-lab-system", command: "du -sh /root/student", line: 1074, reason: ROOT_FILES },
  { transcript: "28-lab-system", command: "du -s /etc", line: 1086, reason: BASE_FILES },
  { transcript: "28-lab-system", command: "du -sh /usr/bin", line: 1090, reason: BASE_FILES },
  { transcript: "28-lab-system", command: "du -c /root/hello.ko /root/mod_a.ko", line: 1094, reason: ROOT_FILES },
  { transcript: "28-lab-system", command: "du --max-depth=1 /root", line: 1100, reason: ROOT_FILES },
  { transcript: "28-lab-system", command: "du -s /proc", line: 1106, reason: PROC_FDS },
  { transcript: "28-lab-system", command: "du -sh /tmp", line: 1122, reason: NUL_QUOTA },
  { transcript: "28-lab-system", command: "stat -c '%n %s %b' /root /root/student /tmp /etc", line: 1137, reason: ROOT_FILES },
  { transcript: "28-lab-system", command: "ls -la /root | head -5", line: 1144, reason: ROOT_FILES },
];
