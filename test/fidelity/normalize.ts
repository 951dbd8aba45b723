/**
 * What may differ between two runs of the same command on the real system, and so between
 * the oracle and the simulator: timestamps, kernel addresses, PIDs, register dumps, the
 * unreliable "? frame" lines of a stack trace, ls -l dates. Everything else must be equal.
 */
const RULES: Array<[RegExp, string]> = [
  // printk timestamps: "[    9.798676]" (dmesg, [dmesg] lines), raw "<6>[    9.798676]"
  [/\[\s*\d+\.\d{6}\]/g, '[TIME]'],
  // dmesg -T: "[Wed Nov 25 20:18:51 2026]"
  [/\[(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\]/g, '[DATE]'],
  // ls -l dates: "Nov 25 20:18"
  [/\b[A-Z][a-z]{2} [ \d]\d \d\d:\d\d\b/g, 'DATE'],
  // kernel addresses (/proc/modules, kallsyms, registers, Code: bytes)
  [/\b0x[0-9a-f]{8,16}\b/g, '0xADDR'],
  [/\b[0-9a-f]{16}\b/g, 'ADDR'],
  [/^(\[TIME\] |)(RIP|RSP|RAX|RDX|RBP|R10|R13|Code):.*$/gm, '$1$2: REGS'],
  // "CPU: 1 PID: 113 Comm: insmod"
  [/CPU: \d+ PID: \d+ Comm:/g, 'CPU: N PID: N Comm:'],
  // [insmod:107]
  [/\[insmod:\d+\]/g, '[insmod:PID]'],
  // the task a WARN, an Oops or the watchdog names: "WARNING: CPU: 0 PID: 100 at", "note: insmod[105]", "CPU#1 stuck"
  [/WARNING: CPU: \d+ PID: \d+ at /g, 'WARNING: CPU: N PID: N at '],
  [/note: (\S+)\[\d+\]/g, 'note: $1[PID]'],
  [/soft lockup - CPU#\d+/g, 'soft lockup - CPU#N'],
  // bash's job status line: "bash: line 1:   101 Segmentation fault      insmod bug_on.ko"
  [/^(bash: line \d+: )\s*\d+ /gm, '$1PID '],
  // eth_hw_addr_random(): a new MAC every boot
  [/link\/ether [0-9a-f]{2}(:[0-9a-f]{2}){5}/g, 'link/ether MAC'],
  // dmesg -H relative times "[  +0.000123]"
  [/\[\s*\+\d+\.\d{6}\]/g, '[+DELTA]'],
  // stat's times "2026-12-04 18:27:17.000000000 +0000"
  [/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\b/g, 'STATTIME'],
  // stat's inode numbers: a tmpfs numbers its inodes in the order they were made
  [/Inode: \d+ */g, 'Inode: N '],
  // ps TIME: CPU time a process has used so far, "?        00:00:05"
  [/(\? +)\d\d:\d\d:\d\d /g, '$1TIME '],
  // ps's BSD TIME column ("    1 ?        S      0:06 /bin/bash /init")
  [/^(\s*\d+ \?\s+\S+\s+)\d+:\d\d /gm, '$1TIME '],
  // ps's CPU share and start time, which move with TIME: -f's "C STIME" ("root 1 0 12 18:29 ?"),
  // u's "%CPU … START" ("root 1 12.6  0.3 3932 3004 ? S 18:29 0:05"), -l's C ("4 S 0 1 0 11  80")
  [/^(\S+ +\d+ +\d+) +\d+ \d\d:\d\d(?= )/gm, '$1 C STIME'],
  [/^(\S+ +\d+) +\d+\.\d( +\d+\.\d +\d+ +\d+ \S+ +\S+ +)\d\d:\d\d +\d+:\d\d /gm, '$1 %CPU$2START TIME '],
  [/^(\d [A-Z] +\d+ +\d+ +\d+) +\d+(?= +\d+ +-?\d+ )/gm, '$1 C'],
  // bash's `time` report: real, user and sys seconds ("0m2.085s", -p: "real 2.08")
  [/\b\d+m\d+\.\d{3}s\b/g, 'NmN.NNNs'],
  [/^(real|user|sys) \d+\.\d\d$/gm, '$1 N.NN'],
];

/** Stack frames marked "?" are stack garbage that changes from run to run. */
const UNRELIABLE_FRAME = /^(\[TIME\] |<\d>\[TIME\] |\s+)?\s*\? \S+\+0x[0-9a-f]+\/0x[0-9a-f]+$/;

/**
 * hrtimer_interrupt() warns once per boot when one interrupt ran long, which under QEMU's TCG
 * happens whenever the host is busy: the record lands in whichever command runs then.
 */
const SLOW_HOST = /^(\[TIME\] |<\d>\[TIME\] )hrtimer: interrupt took \d+ ns$/;

export function normalize(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out
    .split('\n')
    .filter((line) => !UNRELIABLE_FRAME.test(line) && !SLOW_HOST.test(line))
    .join('\n');
}
