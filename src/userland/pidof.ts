/**
 * pidof(1) of procps-ng 4.0.2: the PIDs of the processes running PROGRAM, newest first, on
 * one line. A process with a command line is named by its argv[0]'s basename (init, run
 * as "/bin/bash /init", is `bash`); one without (a kernel thread) by its comm. -s: one PID
 * only; -o PID,...: omit those (%PPID: pidof's parent); -x: also scripts run by a shell;
 * -q: print nothing; -S SEP: the separator. Exit status 0 when something was found.
 */
import type { Io, System, Tool } from './tool';
import type { Process } from '../kernel/process';
import { getopt, type LongOption } from './getopt';

const LONG: LongOption[] = [
  { name: 'check-root', has: 'none', key: 'c' },
  { name: 'single-shot', has: 'none', key: 's' },
  { name: 'quiet', has: 'none', key: 'q' },
  { name: 'with-workers', has: 'none', key: 'w' },
  { name: 'omit-pid', has: 'required', key: 'o' },
  { name: 'separator', has: 'required', key: 'S' },
  { name: 'help', has: 'none', key: 'h' },
  { name: 'version', has: 'none', key: 'V' },
];

const USAGE = `
Usage:
 pidof [options] [program [...]]

Options:
 -s, --single-shot         return one PID only
 -c, --check-root          omit processes with different root
 -q,                       quiet mode, only set the exit code
 -w, --with-workers        show kernel workers too
 -x                        also find shells running the named scripts
 -o, --omit-pid <PID,...>  omit processes with PID
 -t, --lightweight         list threads too
 -S, --separator SEP       use SEP as separator put between PIDs
 -h, --help                display this help and exit
 -V, --version             output version information and exit

For more details see pidof(1).
`;

const SHELLS = new Set(['sh', 'bash', 'dash']);
const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

function matches(p: Process, program: string, scripts: boolean): boolean {
  if (p.argv.length === 0) return p.comm === program;
  if (base(p.argv[0]) === program) return true;
  return scripts && SHELLS.has(base(p.argv[0])) && p.argv[1] !== undefined && base(p.argv[1]) === program;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'csqwxtho:S:V', LONG);
  if (!parsed.ok) {
    io.err(parsed.message + USAGE);
    return 1;
  }
  let single = false;
  let quiet = false;
  let scripts = false;
  let separator = ' ';
  const omit = new Set<number>();
  const self = sys.kernel.processes.current;
  for (const { key, arg } of parsed.options) {
    if (key === 'h') {
      io.out(USAGE);
      return 0;
    }
    if (key === 'V') {
      io.out('pidof from procps-ng 4.0.2\n');
      return 0;
    }
    if (key === 's') single = true;
    if (key === 'q') quiet = true;
    if (key === 'x') scripts = true;
    if (key === 'S') separator = arg ?? ' ';
    if (key === 'o') {
      for (const pid of (arg ?? '').split(',')) {
        if (pid === '%PPID') {
          if (self) omit.add(self.ppid);
        } else if (/^[0-9]+$/.test(pid)) omit.add(Number(pid));
        else {
          io.err(`pidof: illegal omit pid value (${pid})!\n`);
          return 1;
        }
      }
    }
  }
  const found: number[] = [];
  const all = sys.kernel.processes.all().filter((p) => p.pid !== self?.pid && !omit.has(p.pid));
  for (const program of parsed.operands) {
    for (const p of [...all].reverse()) {
      if (matches(p, program, scripts) && !found.includes(p.pid)) found.push(p.pid);
      if (single && found.length > 0) break;
    }
  }
  if (found.length === 0) return 1;
  if (!quiet) io.out(found.join(separator) + '\n');
  return 0;
}

export const pidof: Tool = { name: 'pidof', main, summary: 'find the process ID of a running program' };
