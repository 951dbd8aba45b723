/**
 * Known differences of the lab recordings (20-25, issue 11), kept apart from the core's list
 * (known-differences.ts) so each helper edits its own; same rule: named, explained, and failing
 * as soon as the command matches.
 */
import type { KnownDifference } from './known-differences';

const AWK =
  "awk is Debian's mawk 1.3.4; it is the tools helper's work (issue 11) and not on this branch";
const FINDUTILS =
  "find and xargs (findutils 4.9) are the tools helper's work (issue 11) and not on this branch";
const DIFFUTILS =
  "diff and cmp (diffutils 3.8) are the tools helper's work (issue 11) and not on this branch";
const KALLSYMS =
  "/proc/kallsyms lists loaded modules' symbols only: vmlinux's own (_printk, the __initcall__kmod_* that `grep mod_b` also matches, ~100k lines) are not there, a catalog module (dummy) shows only its notes, exports and __this_module, and the awk lines also need the tools helper's awk";
const PS =
  "ps: the oracle runs each command under timeout(1) and stdbuf(1), its kernel workers change names and PIDs from moment to moment, and CPU times, %CPU, RSS and -l/-Z/x formats are not simulated";
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
  "/proc has no per-process directories (/proc/self, /proc/PID)";
const PROC_SYS =
  "/proc/sys holds only the sysctls a lab reads (kernel/printk, tainted, dmesg_restrict \u2026), not abi/, debug/, dev/, fs/, net/, vm/";
const KMOD_WAIT =
  "modprobe -r -w MSECS (retry delete_module with O_NONBLOCK until MSECS pass, then 'could not remove': EAGAIN) is not simulated yet";
const KMOD_SYMBOLS =
  "modprobe --show-exports/--dump-modversions of a file (its __ksymtab/__versions sections) is not simulated yet";
const MODINFO_B =
  "modinfo -b prints the missing-dependency error as kmod does, but `-F filename` of a module whose .ko is not under DIR fails here where kmod prints the path from modules.dep without opening the file";
const ALIAS_OPTIONS =
  "options given for an alias (options myhello \u2026) apply to the module it resolves to, merged with the module's own in the order of the configuration (kmod_module_get_options): not simulated yet";

export const LAB_KNOWN_DIFFERENCES: KnownDifference[] = [
  { transcript: "20-lab-tools", command: "ls -l / | grep -e lib -e bin", line: 8, reason: BBIN },
  { transcript: "20-lab-tools", command: "ls -ld /lib/", line: 16, reason: BBIN },
  { transcript: "20-lab-tools", command: "lsmod | awk 'NR>1 {print $1}'", line: 58, reason: AWK },
  { transcript: "20-lab-tools", command: "grep sub/ /lib/modules/$(uname -r)/modules.dep", line: 119, reason: TRIMMED },
  { transcript: "20-lab-tools", command: "grep -c . /lib/modules/$(uname -r)/modules.dep", line: 133, reason: TRIMMED },
  { transcript: "20-lab-tools", command: "find /lib/modules/$(uname -r)/extra -name '*.ko' | head -3", line: 147, reason: FINDUTILS },
  { transcript: "20-lab-tools", command: "find /lib/modules/$(uname -r) -maxdepth 1 -type d", line: 153, reason: FINDUTILS },
  { transcript: "20-lab-tools", command: "ls /root/*.ko | xargs -n1 basename | head -3", line: 159, reason: FINDUTILS },
  { transcript: "20-lab-tools", command: "find /root -maxdepth 1 -name 'mod_*.ko' -exec basename {} \\;", line: 166, reason: FINDUTILS },
  { transcript: "20-lab-tools", command: "ps", line: 173, reason: PS },
  { transcript: "21-lab-pipelines", command: "awk '{print $1, $3}' /proc/modules", line: 39, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '$3 > 0 {print $1 \" is used by \" $4}' /proc/modules", line: 46, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '{sum += $2} END {print sum}' /proc/modules", line: 50, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '{printf \"%-10s %8d\\n\", $1, $2}' /proc/modules", line: 54, reason: AWK },
  { transcript: "21-lab-pipelines", command: "lsmod | awk 'NR>1 {print $1}' | sort", line: 61, reason: AWK },
  { transcript: "21-lab-pipelines", command: "lsmod | awk 'NR>1 && $3 == 0 {print $1}'", line: 68, reason: AWK },
  { transcript: "21-lab-pipelines", command: "lsmod | awk 'NR==1'", line: 74, reason: AWK },
  { transcript: "21-lab-pipelines", command: "lsmod | awk '{n[$3]++} END {for (k in n) print k, n[k]}' | sort", line: 95, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk -F: '{print $1}' /lib/modules/$(uname -r)/modules.dep | grep extra | sort", line: 101, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk -F: '$2 != \"\" && /extra/ {print $1}' /lib/modules/$(uname -r)/modules.dep", line: 117, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk 'BEGIN {FS=\":\"} /extra/ {c++} END {print c}' /lib/modules/$(uname -r)/modules.dep", line: 123, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk -v m=hello '$1 == m {print \"loaded\"}' /proc/modules", line: 127, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk 'length($1) > 5' /proc/modules | cut -d' ' -f1", line: 131, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '{print NR\": \"$1}' /proc/modules", line: 134, reason: AWK },
  { transcript: "21-lab-pipelines", command: "echo \"a b c\" | awk '{print NF, $NF}'", line: 141, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk 'BEGIN {printf \"%d modules\\n\", 3; exit 1}'", line: 145, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '{print toupper($1)}' /proc/modules", line: 149, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '{gsub(/_/, \"-\", $1); print $1}' /proc/modules", line: 156, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk 'BEGIN {split(\"a:b:c\", p, \":\"); print p[2], length(p)}'", line: 163, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '{print substr($1, 1, 3)}' /proc/modules", line: 167, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk 'END {print NR}' /proc/modules", line: 174, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '/^mod_/ {print $1; next} {print \"other\"}' /proc/modules", line: 178, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk 'BEGIN {x = 7 / 2; print x, int(x), x % 2, 2 ^ 10}'", line: 185, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk 'BEGIN {while (i < 3) {i++; s = s i}; print s}'", line: 189, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '{' /proc/modules", line: 193, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk", line: 197, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk -f /nonexistent", line: 226, reason: AWK },
  { transcript: "21-lab-pipelines", command: "awk '{print $1}' /nonexistent", line: 230, reason: AWK },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -name '*.ko' | sort", line: 234, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -name '*.ko' | sort | xargs -n1 basename", line: 250, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /lib/modules/$(uname -r)/extra -name 'mod_*.ko' | sort", line: 267, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /lib/modules/$(uname -r)/extra -name '*.ko' | wc -l", line: 274, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /lib/modules/$(uname -r)/kernel -maxdepth 1 -type d | sort", line: 278, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -type f -name 'fail_*' -exec ls {} \\;", line: 289, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -name 'hello*.ko' -print | sort", line: 295, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /nonexistent -name x", line: 301, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -name '*.ko' -size +100k | wc -l", line: 305, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /sys/module/hello -maxdepth 1", line: 309, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /sys/module/hello -maxdepth 1 -type d | sort", line: 324, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root/student -type f | sort | head -3", line: 331, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -iname 'HELLO.KO'", line: 337, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -name '*.ko' -newer /root -print | wc -l", line: 341, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find . -maxdepth 1 -name 'mod_a.ko'", line: 345, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -name '*.ko' -exec basename {} .ko \\; | sort | head -3", line: 349, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -name 'mod_*' -exec echo {} + | wc -w", line: 355, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 1 -not -name '*.ko' | sort", line: 359, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth 0 -type d", line: 364, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -type x", line: 368, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "find /root -maxdepth", line: 372, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "ls /root/*.ko | xargs -n 2 echo | head -3", line: 376, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "echo hello mod_b | xargs -n1 modinfo -F license", line: 383, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "ls /root/*.ko | head -3 | xargs -I{} echo file: {}", line: 388, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "echo a b c | xargs", line: 394, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'x\\ny\\n' | xargs echo args:", line: 398, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "echo | xargs -r echo nothing", line: 402, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "echo | xargs echo nothing", line: 405, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a b\\0c\\0' | xargs -0 -n1 echo", line: 409, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "echo mod_a | xargs rmmod", line: 414, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "echo nosuchmod | xargs rmmod", line: 418, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "echo x | xargs nosuchcommand", line: 422, reason: FINDUTILS },
  { transcript: "21-lab-pipelines", command: "lsmod > before.txt; rmmod hello; lsmod > after.txt; diff before.txt after.txt", line: 426, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "lsmod > before.txt; insmod hello.ko; lsmod > after.txt; diff before.txt after.txt", line: 432, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "cp /proc/modules m1; modprobe -r dummy; diff m1 /proc/modules | cut -d' ' -f1-3", line: 438, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb\\nc\\n' > x; printf 'a\\nB\\nc\\nd\\n' > y; diff x y", line: 443, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb\\nc\\n' > x; printf 'a\\nB\\nc\\nd\\n' > y; diff -u x y | tail -n +3", line: 452, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb\\nc\\n' > x; printf 'a\\nB\\nc\\nd\\n' > y; diff -u x y | head -2 | cut -c1-5", line: 461, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb\\nc\\n' > x; printf 'a\\nB\\nc\\nd\\n' > y; diff -q x y", line: 466, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb\\nc\\n' > x; printf 'a\\nB\\nc\\nd\\n' > y; diff --brief x y; echo $?", line: 470, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb\\nc\\n' > x; printf 'a\\nB\\nc\\nd\\n' > y; diff -c x y | tail -n +3", line: 475, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb\\nc\\n' > x; printf 'a\\nB\\nc\\nd\\n' > y; diff -i x y", line: 488, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb\\nc\\n' > x; diff x x; echo $?", line: 493, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb\\nc\\n' > x; diff x missing", line: 497, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'a\\nb' > x; printf 'a\\nb\\n' > y; diff x y", line: 501, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "printf 'x\\n' > x; diff x /root", line: 509, reason: DIFFUTILS },
  { transcript: "21-lab-pipelines", command: "diff", line: 512, reason: DIFFUTILS },
  { transcript: "22-lab-time-procs", command: "ps", line: 198, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -e | wc -l", line: 263, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -ef | head -3", line: 267, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps aux | head -3", line: 273, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -o pid,ppid,comm", line: 289, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -o pid,user,stat,cmd", line: 348, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -C bash", line: 407, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps aux | awk 'NR==1'", line: 415, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -ef | awk 'NR==1'", line: 419, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -eo comm | head -5", line: 423, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -Z", line: 443, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps x | head -3", line: 502, reason: PS },
  { transcript: "22-lab-time-procs", command: "ps -l | head -2", line: 513, reason: PS },
  { transcript: "22-lab-time-procs", command: "stat -c '%a %A' /tmp", line: 558, reason: TMP },
  { transcript: "22-lab-time-procs", command: "stat /root", line: 646, reason: STUDENT },
  { transcript: "22-lab-time-procs", command: "file /usr/bin/kmod", line: 748, reason: PROGRAMS },
  { transcript: "22-lab-time-procs", command: "file /bin/bash", line: 752, reason: PROGRAMS },
  { transcript: "22-lab-time-procs", command: "file student/oops_null.ko", line: 756, reason: STUDENT },
  { transcript: "22-lab-time-procs", command: "file /lib/modules/$(uname -r)/kernel/fs/fat/vfat.ko", line: 769, reason: CATALOG_ID },
  { transcript: "23-lab-proc", command: "grep mod_b /proc/kallsyms", line: 38, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep '\\[mod_b\\]' /proc/kallsyms | awk '{print $2, $3}'", line: 99, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "awk '$4 == \"[hello]\"' /proc/kallsyms", line: 165, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep -w _printk /proc/kallsyms | cut -d' ' -f2-", line: 226, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep -c . /proc/kallsyms", line: 233, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep '\\[dummy\\]' /proc/kallsyms | cut -d' ' -f2- | sort | head -5", line: 240, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "grep -c '\\[dummy\\]' /proc/kallsyms", line: 248, reason: KALLSYMS },
  { transcript: "23-lab-proc", command: "nproc", line: 459, reason: NPROC },
  { transcript: "23-lab-proc", command: "cat /proc/self/comm", line: 484, reason: PROC_PID },
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
