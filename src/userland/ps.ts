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
  uids?: number[];
  sort?: Array<{ col: Column; sign: number }>;
}

/** SysV options that take an argument, glued (-p1) or as the next word, and what must follow. */
const WITH_ARG: Readonly<Record<string, string>> = {
  o: 'format specification must follow -o',
  p: 'list of process IDs must follow -p',
  q: 'List of process IDs must follow -q.',
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
function formatList(list: string, ctl: PsControl): string | null {
  if (list === '') return 'format specification must follow -o';
  // a list may end in a comma; an empty item elsewhere (or a blank list) is malformed
  const items = list.replace(/,$/, '').split(/[,\s]/);
  if (items.some((s) => s === '')) return 'improper format list';
  const cols: Column[] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    const col = column(name);
    if (!col) return `unknown user-defined format specifier "${name}"`;
    const header = item.slice(eq + 1);
    // a header of one's own widens its column (the standard ones may overflow: ADDR of -l)
    cols.push(eq < 0 ? col : { ...col, header, width: Math.max(col.width, header.length) });
  }
  ctl.custom = [...(ctl.custom ?? []), ...cols];
  return null;
}

/** pid_t's range as procps parse_pid checks it (strtol, then 1 … 0x7fffffff). */
const PID_LIMIT = 0x7fffffff;

/** -p/-q LIST: process IDs split at commas and blanks. */
function pidList(list: string, ctl: PsControl): string | null {
  const items = list.split(/[,\s]/);
  if (items.some((s) => s === '')) return 'improper list';
  const pids: number[] = [];
  for (const item of items) {
    if (!/^\s*[+-]?\d+$/.test(item)) return 'process ID list syntax error';
    const pid = Number(item);
    if (pid < 1 || pid > PID_LIMIT) return 'process ID out of range';
    pids.push(pid);
  }
  ctl.pids = [...(ctl.pids ?? []), ...pids];
  return null;
}

/** The accounts /etc/passwd names here; a number is taken as a uid whether it exists or not. */
const UIDS: Readonly<Record<string, number>> = { root: 0, nobody: 65534 };

function userList(list: string, ctl: PsControl): string | null {
  const uids: number[] = [];
  for (const item of list.split(/[,\s]/).filter((s) => s !== '')) {
    if (/^\d+$/.test(item)) uids.push(Number(item));
    else if (UIDS[item] !== undefined) uids.push(UIDS[item]);
    else return 'user name does not exist';
  }
  ctl.uids = [...(ctl.uids ?? []), ...uids];
  return null;
}

/** --sort KEYS: [+|-]name, each a column procps sorts by. */
function sortList(list: string, ctl: PsControl): string | null {
  const keys: Array<{ col: Column; sign: number }> = [];
  for (const item of list.split(',')) {
    const sign = item.startsWith('-') ? -1 : 1;
    const col = column(item.replace(/^[+-]/, ''));
    if (!col) return 'unknown sort specifier';
    keys.push({ col, sign });
  }
  ctl.sort = [...(ctl.sort ?? []), ...keys];
  return null;
}

/** An option's argument: null when it is taken, else the error procps prints. */
function optionArg(key: string, value: string, ctl: PsControl): string | null {
  switch (key) {
    case 'o':
      return formatList(value, ctl);
    case 'p':
    case 'q':
      return value === '' ? WITH_ARG[key] : pidList(value, ctl);
    case 'C':
      if (value === '') return WITH_ARG.C;
      ctl.names = [...(ctl.names ?? []), ...value.split(',')];
      return null;
    case 'u':
    case 'U':
      return value === '' ? WITH_ARG[key] : userList(value, ctl);
    default:
      // groups, ttys: every process here is root's and has no terminal
      return null;
  }
}

/** The processes in --sort order (a stable sort: ties keep PID order). */
function sorted(procs: Process[], ctl: PsControl, sys: System): Process[] {
  const keys = ctl.sort;
  if (!keys) return procs;
  const cell = (p: Process, col: Column): string | number => {
    const v = col.value(p, sys);
    return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  };
  return [...procs].sort((a, b) => {
    for (const { col, sign } of keys) {
      const x = cell(a, col);
      const y = cell(b, col);
      if (x !== y) return (x < y ? -1 : 1) * sign;
    }
    return 0;
  });
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
    const long = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (long) {
      const name = long[1];
      if (name === 'context') {
        ctl.label = true;
        continue;
      }
      const key = ({ pid: 'p', format: 'o', user: 'u', sort: 'sort' } as Record<string, string>)[name];
      if (key === undefined) return failure(io, 'unknown gnu long option');
      const value = long[2] ?? args[++i];
      const missing = key === 'sort' ? 'long sort specification must follow --sort' : key === 'u' ? 'list of effective users must follow --user' : WITH_ARG[key].replace(`-${key}`, `--${name}`);
      if (value === undefined || value === '') return failure(io, missing);
      const error = key === 'sort' ? sortList(value, ctl) : optionArg(key, value, ctl);
      if (error !== null) return failure(io, error);
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
          else {
            const error = optionArg(c, value, ctl);
            if (error !== null) return failure(io, error);
          }
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
  const { pids, names, uids } = ctl;
  if (pids) procs = procs.filter((p) => pids.includes(p.pid));
  if (names) procs = procs.filter((p) => names.includes(p.comm));
  if (uids) procs = procs.filter((p) => uids.includes(p.uid));
  procs = sorted(procs, ctl, sys);
  io.out(layout(columnsOf(ctl), procs, sys));
  return procs.length === 0 ? 1 : 0;
}

export const ps: Tool = { name: 'ps', main, summary: 'report a snapshot of the current processes' };
