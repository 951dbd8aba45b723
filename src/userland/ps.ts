/**
 * ps(1) of procps-ng 4.0.2 for the few processes this machine has: init, the kernel's
 * threads (src/kernel/tasks.ts), the shell running the line and ps itself. Formats: the
 * default "PID TTY TIME CMD", -f, -F, -l (-y), -Z, BSD "u" (aux) and "x", -o LIST
 * (name[=header]); selections -e/-A, a/x (BSD: all), -p PIDS, -C NAMES, -u USERS; SysV
 * options glue as procps reads them (-eo comm, -p1). Columns and layout: ps-format.ts. There is no terminal (the oracle's commands
 * had none either), so every process shows TTY "?" and the default selection is every
 * process of the user, as 22-lab-time-procs recorded.
 */
import type { Io, System, Tool } from './tool';
import type { Process } from '../kernel/process';
import { column, layout, titled, COLUMNS, type Column } from './ps-format';

const USAGE = "\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n";

/** The standard formats (ps/sortformat.c, procps 4.0.2): -f, -l, -lf, -Z, BSD u and x, the default. */
const FULL = ['user:UID', 'pid', 'ppid', 'c', 'stime', 'tty:TTY', 'time', 'cmd'];
const LONG = ['f', 's', 'uid', 'pid', 'ppid', 'c', 'opri', 'nice', 'addr_1', 'sz', 'wchan', 'tty:TTY', 'time', 'comm:CMD'];
const LONG_FULL = ['f', 's', 'user:UID', 'pid', 'ppid', 'c', 'opri', 'nice', 'addr_1', 'sz', 'wchan', 'stime', 'tty:TTY', 'time', 'cmd'];
const BSD_USER = ['user', 'pid', '%cpu', '%mem', 'vsz', 'rss', 'tty:TTY', 'stat', 'start', 'bsdtime', 'args'];
const BSD = ['pid', 'tty:TTY', 'stat', 'bsdtime', 'args'];
const DEFAULT = ['pid', 'tty:TTY', 'time', 'comm:CMD'];

const format = (names: readonly string[]): Column[] =>
  names.map((n) => {
    const [name, header] = n.split(':');
    return header === undefined ? COLUMNS[name] : titled(name, header);
  });

/** What the options asked for, resolved after the loop as ps/parser.c does. */
interface PsControl {
  full: boolean;
  long: boolean;
  /** -y with -l: RSS in place of F and ADDR. */
  noFlags: boolean;
  extraFull: boolean;
  label: boolean;
  /** BSD syntax: u (user format), or a/x without it. */
  bsd: 'user' | 'plain' | null;
  custom: Column[] | null;
  pids: number[] | null;
  names: string[] | null;
}

/** SysV options that take an argument, glued (-p1) or as the next word, and what must follow. */
const WITH_ARG: Readonly<Record<string, string>> = {
  o: 'format specification must follow -o',
  p: 'list of process IDs must follow -p',
  q: 'list of process IDs must follow -q',
  C: 'list of command names must follow -C',
  u: 'list of users must follow -u',
  U: 'list of real users must follow -U',
  g: 'list of session leaders OR effective group names must follow -g',
  G: 'list of real groups must follow -G',
  t: 'list of ttys must follow -t',
};

function failure(io: Io, message: string): number {
  io.err(`error: ${message}\n${USAGE}`);
  return 1;
}

/** -o LIST: name[=header] items, split at commas and blanks (procps 4.0.2: `-o comm=X,pid` is two columns). */
function formatList(list: string, ctl: PsControl, io: Io): boolean {
  const cols: Column[] = [];
  for (const item of list.split(/[,\s]+/).filter((s) => s !== '')) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const col = column(name);
    if (!col) {
      failure(io, `unknown user-defined format specifier "${name}"`);
      return false;
    }
    const header = item.slice(eq + 1);
    // a header of one's own widens its column (the standard ones may overflow: ADDR of -l)
    cols.push(eq < 0 ? col : { ...col, header, width: Math.max(col.width, header.length) });
  }
  ctl.custom = [...(ctl.custom ?? []), ...cols];
  return true;
}

function optionArg(key: string, value: string, ctl: PsControl, io: Io): boolean {
  switch (key) {
    case 'o':
      return formatList(value, ctl, io);
    case 'p':
    case 'q':
      ctl.pids = [...(ctl.pids ?? []), ...value.split(/[,\s]+/).filter((p) => p !== '').map(Number)];
      return true;
    case 'C':
      ctl.names = [...(ctl.names ?? []), ...value.split(',')];
      return true;
    default:
      // users, groups, ttys: every process here is root's and has no terminal
      return true;
  }
}

function columnsOf(ctl: PsControl): Column[] {
  let columns: Column[];
  if (ctl.custom) columns = ctl.custom;
  else if (ctl.bsd === 'user') columns = format(BSD_USER);
  else if (ctl.bsd === 'plain') columns = format(BSD);
  else if (ctl.long && ctl.noFlags) columns = format(['s', ...LONG.slice(2, 8), 'rss', ...LONG.slice(9)]);
  else if (ctl.long) columns = format(ctl.full ? LONG_FULL : LONG);
  else if (ctl.extraFull) columns = format(['user:UID', 'pid', 'ppid', 'c', 'sz', 'rss', 'psr', 'stime', 'tty:TTY', 'time', 'cmd']);
  else if (ctl.full) columns = format(FULL);
  else columns = format(DEFAULT);
  return ctl.label && !ctl.custom ? [COLUMNS.label, ...columns] : columns;
}

export function main(argv: string[], io: Io, sys: System): number {
  const ctl: PsControl = { full: false, long: false, noFlags: false, extraFull: false, label: false, bsd: null, custom: null, pids: null, names: null };
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--version' || arg === '-V' || arg === 'V') {
      io.out('ps from procps-ng 4.0.2\n');
      return 0;
    }
    if (arg === '--help') {
      io.out(USAGE);
      return 0;
    }
    const long = /^--(pid|format|user|context)(?:=(.*))?$/s.exec(arg);
    if (long) {
      if (long[1] === 'context') {
        ctl.label = true;
        continue;
      }
      const value = long[2] ?? args[++i];
      const key = { pid: 'p', format: 'o', user: 'u' }[long[1]] as string;
      if (value === undefined) return failure(io, key === 'u' ? 'list of effective users must follow --user' : WITH_ARG[key].replace(`-${key}`, `--${long[1]}`));
      if (!optionArg(key, value, ctl, io)) return 1;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !arg.startsWith('--')) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        if (WITH_ARG[c]) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          // a bare -u at the end is BSD u (procps falls back to it)
          if (value === undefined && c === 'u') ctl.bsd = 'user';
          else if (value === undefined) return failure(io, WITH_ARG[c]);
          else if (!optionArg(c, value, ctl, io)) return 1;
          break;
        }
        if ('eAadN'.includes(c)) continue;
        if (c === 'f') ctl.full = true;
        else if (c === 'F') ctl.extraFull = true;
        else if (c === 'l') ctl.long = true;
        else if (c === 'y') ctl.noFlags = true;
        else if (c === 'Z') ctl.label = true;
        else return failure(io, 'unsupported SysV option');
      }
      continue;
    }
    if (/^[auxwf]+$/.test(arg)) {
      if (arg.includes('u')) ctl.bsd = 'user';
      else ctl.bsd ??= 'plain';
      continue;
    }
    return failure(io, 'unsupported option (BSD syntax)');
  }
  let procs: Process[] = sys.kernel.processes.all();
  const { pids, names } = ctl;
  if (pids) procs = procs.filter((p) => pids.includes(p.pid));
  if (names) procs = procs.filter((p) => names.includes(p.comm));
  io.out(layout(columnsOf(ctl), procs, sys));
  return procs.length === 0 ? 1 : 0;
}

export const ps: Tool = { name: 'ps', main, summary: 'report a snapshot of the current processes' };
