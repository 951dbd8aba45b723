/**
 * The lab's everyday tools (issue 11) as Debian 12 prints them: date (coreutils 9.1, checked
 * with `LC_ALL=C date -u` on Debian 12), uptime (procps-ng 4.0.2), stat, file, ps, and
 * dmesg 2.38.1's colours, facilities, -d and -F (24-dmesg-options). Rows are
 * (line, output, exit status) on a machine booted at a fixed time.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine } from '../../src/machine/machine';

const BOOT = Date.UTC(2026, 11, 4, 18, 29, 5, 489);

type Row = [string, string, number];

function table(title: string, rows: Row[]): void {
  describe(title, () => {
    for (const [line, output, status] of rows) {
      it(JSON.stringify(line), () => {
        const now = BOOT;
        const options = { clock: () => now, hostname: 'oracle' };
        const state = bootMachine(options);
        const r = execLine(state, line, options);
        assert.deepEqual({ output: r.output, status: r.exitCode }, { output, status });
      });
    }
  });
}

const ERR = '\x1b[31m';
const RESET = '\x1b[0m';
const GREEN = '\x1b[32m';

table('date prints dates as coreutils 9.1 does in UTC', [
  ['date -d @0', 'Thu Jan  1 00:00:00 UTC 1970\n', 0],
  ['date -u -d @1700000000 -R', 'Tue, 14 Nov 2023 22:13:20 +0000\n', 0],
  ['date -u -d @1700000000 -I', '2023-11-14\n', 0],
  ['date -u -d @1700000000 -Ih', '2023-11-14T22+00:00\n', 0],
  ['date -u -d @1700000000 -Ins', '2023-11-14T22:13:20,000000000+00:00\n', 0],
  ['date -u -d @1700000000 --rfc-3339=ns', '2023-11-14 22:13:20.000000000+00:00\n', 0],
  ["date -u -d @1700000000.123456789 '+%3N %N %-j %_5d %^a %#b %#Z %q %:z %::z'", '123 123456789 318    14 TUE NOV utc 4 +00:00 +00:00:00\n', 0],
  ["date -u -d @1700000000 '+%A %B %j %U %W %u %w %y %C %D %T %r %p %R %h %G %V'", 'Tuesday November 318 46 46 2 2 23 20 11/14/23 22:13:20 10:13:20 PM PM 22:13 Nov 2023 46\n', 0],
  ["date -u -d '2024-02-29 12:34:56' +%s", '1709210096\n', 0],
  ["date -u -d '2024-01-31 + 1 month' +%F", '2024-03-02\n', 0],
  ["date -d '2 days ago' +%F", '2026-12-02\n', 0],
  ["date -d 'next friday' '+%F %T'", '2026-12-11 00:00:00\n', 0],
  ["date -d 'last friday' +%F", '2026-11-27\n', 0],
  ["date -d 'January 5, 2024 10:00'", 'Fri Jan  5 10:00:00 UTC 2024\n', 0],
  ["date -d '10:00 pm' +%T", '22:00:00\n', 0],
  ["date -d '' '+%F %T'", '2026-12-04 00:00:00\n', 0],
  ['date -d garbage', "date: invalid date 'garbage'\n", 1],
  ["date -d '2024-02-30'", "date: invalid date '2024-02-30'\n", 1],
  ['date -d', "date: option requires an argument -- 'd'\nTry 'date --help' for more information.\n", 1],
  ['date a b', "date: extra operand 'b'\nTry 'date --help' for more information.\n", 1],
  ['date -R -I', 'date: multiple output formats specified\n', 1],
  ['date -u -d @0 -I bogus', "date: the argument 'bogus' lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'\nTry 'date --help' for more information.\n", 1],
  ['date --iso-8601=weeks', "date: invalid argument 'weeks' for '--iso-8601'\nValid arguments are:\n  - 'hours'\n  - 'minutes'\n  - 'date'\n  - 'seconds'\n  - 'ns'\nTry 'date --help' for more information.\n", 1],
  ['date -r /nonexistent', 'date: /nonexistent: No such file or directory\n', 1],
  ['sleep 90; date +%T', '18:30:35\n', 0],
]);

table('uptime, stat, file and ps describe the machine as procps, coreutils and file 5.44 do', [
  ['uptime -p', 'up 0 minute\n', 0],
  ['sleep 7200; uptime -p', 'up 2 hours\n', 0],
  ['uptime -V', 'uptime from procps-ng 4.0.2\n', 0],
  ["stat -c '%n %s %F %a %A %U %G %h %u %g' hello.ko", 'hello.ko 110584 regular file 644 -rw-r--r-- root root 1 0 0\n', 0],
  ["stat -c '%b %B %o' hello.ko", '216 512 4096\n', 0],
  ["stat -c '%t %T %d %D' /dev/null", '1 3 5 5\n', 0],
  ['stat -c %F /lib', 'symbolic link\n', 0],
  ['stat -L -c %F /lib', 'directory\n', 0],
  ["stat -c '%N' /lib /etc/os-release", "'/lib' -> 'usr/lib'\n'/etc/os-release' -> '../usr/lib/os-release'\n", 0],
  ["stat --printf='%n\\n' hello.ko mod_a.ko", 'hello.ko\nmod_a.ko\n', 0],
  ['stat /nonexistent', "stat: cannot statx '/nonexistent': No such file or directory\n", 1],
  ['stat', "stat: missing operand\nTry 'stat --help' for more information.\n", 1],
  ['stat -t hello.ko | wc -w', '16\n', 0],
  ['file hello.ko', 'hello.ko: ELF 64-bit LSB relocatable, x86-64, version 1 (SYSV), BuildID[sha1]=16afc929d3465d1850f946ba9a46111543917c38, with debug_info, not stripped\n', 0],
  ['file /lib /dev/null /proc/modules', '/lib:          symbolic link to usr/lib\n/dev/null:     character special (1/3)\n/proc/modules: empty\n', 0],
  ['file /nonexistent', "/nonexistent: cannot open `/nonexistent' (No such file or directory)\n", 0],
  ["echo 'int main(void) { return 0; }' > t.c; file t.c", 't.c: C source, ASCII text\n', 0],
  ["printf '#!/bin/sh\\necho hi\\n' > s.sh; file s.sh", 's.sh: POSIX shell script, ASCII text executable\n', 0],
  ["printf 'all:\\n\\tmake -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules\\n' > Makefile; file Makefile", 'Makefile: makefile script, ASCII text\n', 0],
  ['echo hello > h.txt; file h.txt', 'h.txt: ASCII text\n', 0],
  ['echo hello > h.txt; file --mime-type hello.ko h.txt', 'hello.ko: application/x-object\nh.txt:    text/plain\n', 0],
  ['ps -e | head -3', '  PID TTY          TIME CMD\n    1 ?        00:00:00 init\n    2 ?        00:00:00 kthreadd\n', 0],
  ['ps -p 1 -o pid,comm', '  PID COMMAND\n    1 init\n', 0],
  ['ps -q 1 -o comm=', 'init\n', 0],
  ['ps -ef | head -2', 'UID        PID  PPID  C STIME TTY          TIME CMD\nroot         1     0  0 18:28 ?        00:00:00 /bin/bash /init\n', 0],
]);

table('dmesg reads a saved log (-F) and colours as util-linux 2.38.1 does', [
  ["printf '<4>[    5.000000] WARNING: first line\\n second line of record\\n third\\n<6>[    5.100000] next\\n' > c.log; dmesg -F c.log",
    '[    5.000000] WARNING: first line\n                second line of record\n                third\n[    5.100000] next\n', 0],
  ["printf '<4>[    5.000000] WARNING: first line\\n second\\n<6>[    5.100000] next\\n' > c.log; dmesg -F c.log -x",
    'kern  :warn  : [    5.000000] WARNING: first line\n' + ' '.repeat(30) + ' second\n' + 'kern  :info  : [    5.100000] next\n', 0],
  ["printf '<6>[    1.000000] first\\n<3>[    2.500100] third\\n' > k.log; dmesg -F k.log --color=always",
    `${GREEN}[    1.000000] ${RESET}first\n${GREEN}[    2.500100] ${RESET}${ERR}third${RESET}\n`, 0],
  ["printf '<6>[    1.000000] first\\n' > k.log; dmesg -F k.log -L=always", `${GREEN}[    1.000000] ${RESET}first\n`, 0],
  ["printf '<6>[    1.000000] first\\n' > k.log; dmesg -F k.log --color=auto", '[    1.000000] first\n', 0],
  ["printf '<4>[    5.0] WARNING: x\\n' > k.log; dmesg -F k.log --color=always -t", '\x1b[33mWARNING: \x1b[0m\x1b[1mx\x1b[0m\n', 0],
  ["mkdir -p /etc/terminal-colors.d; printf 'warn 1;33\\nalert reverse\\n' > /etc/terminal-colors.d/dmesg.scheme; printf '<1>[    0.000000] alert\\n<4>[    2.500000] warn line\\n' > k.log; dmesg -F k.log --color=always",
    `${GREEN}[    0.000000] ${RESET}\x1b[7malert${RESET}\n${GREEN}[    2.500000] ${RESET}\x1b[1;33mwarn line${RESET}\n`, 0],
  ["printf '<14>[    1.000000] user msg\\n<94>[    1.300000] ftp msg\\n<102>[    1.400000] fac 12\\n<134>[    1.500000] local0 msg\\n' > f.log; dmesg -F f.log -x",
    'user  :info  : [    1.000000] user msg\nftp   :info  : [    1.300000] ftp msg\n[    1.400000] fac 12\n[    1.500000] local0 msg\n', 0],
  ["printf '<14>[    1.000000] user msg\\n<134>[    1.500000] local0 msg\\n' > f.log; dmesg -F f.log -l info", '[    1.000000] user msg\n', 0],
  ["printf '<14>[    1.000000] user msg\\n' > f.log; dmesg -F f.log -f local0", "dmesg: unknown facility 'local0'\n", 1],
  ["printf '<6>no timestamp here\\n<4>[    1.000000] stamped\\n' > n.log; dmesg -F n.log -d", '[    0.000000 <    0.000000>] no timestamp here\n[    1.000000 <    0.000000>] stamped\n', 0],
  ["printf 'plain text line\\nsecond plain\\n' > p.log; dmesg -F p.log", '[    0.000000] plain text line\n               second plain\n', 0],
  ["printf '<6>[    7.000000] no newline' > n.log; dmesg -F n.log -r", '<6>[    7.000000] no newline\n', 0],
  ["printf '' > e.log; dmesg -F e.log", 'dmesg: cannot mmap: e.log: Invalid argument\n', 1],
  ["echo '<190>local7 record' > /dev/kmsg; dmesg -x | tail -n 1 | cut -c16-", 'local7 record\n', 0],
  ["echo '<190>local7 record' > /dev/kmsg; echo '<12>from userspace' > /dev/kmsg; dmesg -u -x | cut -c1-14", 'user  :warn  :\n', 0],
]);
