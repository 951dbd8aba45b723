/**
 * ps(1) of procps-ng 4.0.2 for the few processes this machine has: init, the kernel's
 * threads (src/kernel/tasks.ts), the shell running the line and ps itself. Formats: the
 * default "PID TTY TIME CMD", -f, BSD "u" (aux), -o LIST (name[=header]); selections -e/-A,
 * a/x (BSD: all), -p PIDS, -C NAMES, -u USERS. There is no terminal (the oracle's commands
 * had none either), so every process shows TTY "?" and the default selection is every
 * process of the user, as 22-lab-time-procs recorded.
 */
import type { Io, System, Tool } from './tool';
import type { Task } from '../kernel/tasks';
import { instantOfMs, strftime } from './strftime';

interface Column {
  header: string;
  width: number;
  left?: boolean;
  value: (t: Task, sys: System) => string;
}

const bootClock = (sys: System): string => strftime('%H:%M', instantOfMs(sys.kernel.state.bootedAt));

/** procps' format specifiers a lab uses (ps/output.c format_array). */
const COLUMNS: Record<string, Column> = {
  pid: { header: 'PID', width: 5, value: (t) => String(t.pid) },
  ppid: { header: 'PPID', width: 5, value: (t) => String(t.ppid) },
  comm: { header: 'COMMAND', width: 0, left: true, value: (t) => t.comm },
  ucomm: { header: 'COMMAND', width: 0, left: true, value: (t) => t.comm },
  cmd: { header: 'CMD', width: 0, left: true, value: (t) => t.cmdline || `[${t.comm}]` },
  args: { header: 'COMMAND', width: 0, left: true, value: (t) => t.cmdline || `[${t.comm}]` },
  command: { header: 'COMMAND', width: 0, left: true, value: (t) => t.cmdline || `[${t.comm}]` },
  user: { header: 'USER', width: 8, left: true, value: () => 'root' },
  uid: { header: 'UID', width: 5, value: () => '0' },
  stat: { header: 'STAT', width: 4, left: true, value: (t) => t.stat },
  s: { header: 'S', width: 1, value: (t) => t.stat[0] },
  tty: { header: 'TT', width: 8, left: true, value: () => '?' },
  time: { header: 'TIME', width: 8, value: () => '00:00:00' },
  etime: { header: 'ELAPSED', width: 11, value: () => '00:00' },
  nice: { header: 'NI', width: 3, value: (t) => (t.stat.includes('<') ? '-20' : t.stat.includes('N') ? '5' : '0') },
  pri: { header: 'PRI', width: 3, value: (t) => (t.stat.includes('<') ? '39' : '19') },
  '%cpu': { header: '%CPU', width: 4, value: () => '0.0' },
  '%mem': { header: '%MEM', width: 4, value: () => '0.0' },
  rss: { header: 'RSS', width: 5, value: (t) => (t.cmdline ? '3004' : '0') },
  vsz: { header: 'VSZ', width: 6, value: (t) => (t.cmdline ? '3932' : '0') },
};
const ALIASES: Record<string, string> = { pcpu: '%cpu', pmem: '%mem', ruser: 'user', euser: 'user', uname: 'user', tt: 'tty', tname: 'tty', state: 's', ni: 'nice', cputime: 'time', fname: 'comm', ucmd: 'comm' };

/** The machine's processes (src/kernel/process.ts): init, the kernel threads, the line's own. */
function processes(sys: System): Task[] {
  return sys.kernel.processes.all().map((p) => ({ pid: p.pid, ppid: p.ppid, comm: p.comm, cmdline: p.argv.join(' '), stat: p.stat }));
}

function layout(columns: Column[], tasks: Task[], sys: System, headers: boolean): string {
  const rows = tasks.map((t) => columns.map((c) => c.value(t, sys)));
  const widths = columns.map((c, i) => (i === columns.length - 1 && c.left ? 0 : Math.max(c.width, c.header.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]): string =>
    cells
      .map((v, i) => (columns[i].left ? (i === cells.length - 1 ? v : v.padEnd(widths[i])) : v.padStart(widths[i])))
      .join(' ')
      .replace(/\s+$/, '');
  const out: string[] = [];
  if (headers && columns.some((c) => c.header !== '')) out.push(line(columns.map((c) => c.header)));
  for (const r of rows) out.push(line(r));
  return out.map((l) => l + '\n').join('');
}

export function main(argv: string[], io: Io, sys: System): number {
  let full = false;
  let bsdUser = false;
  /** BSD syntax (a, x) without u: "PID TTY STAT TIME COMMAND" (procps' DFMT of BSD personality). */
  let bsd = false;
  let custom: Column[] | null = null;
  let pids: number[] | null = null;
  let names: string[] | null = null;
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string | undefined => args[++i];
    if (arg === '--version' || arg === '-V' || arg === 'V') {
      io.out('ps from procps-ng 4.0.2\n');
      return 0;
    }
    if (arg === '--help') {
      io.out('\nUsage:\n ps [options]\n\n Try \'ps --help <simple|list|output|threads|misc|all>\'\n  or \'ps --help <s|l|o|t|m|a>\'\n for additional help text.\n\nFor more details see ps(1).\n');
      return 0;
    }
    if (/^-?[pq]$/.test(arg) || arg === '--pid') {
      pids = (value() ?? '').split(/[,\s]+/).filter((p) => p !== '').map(Number);
      continue;
    }
    if (arg === '-C') {
      names = (value() ?? '').split(',');
      continue;
    }
    if (arg === '-o' || arg === 'o' || arg === '--format' || arg.startsWith('-o')) {
      const list = arg.startsWith('-o') && arg.length > 2 ? arg.slice(2) : value() ?? '';
      const cols: Column[] = [];
      for (const spec of list.split(/[,\s]+/).filter((s) => s !== '')) {
        const [name, header] = spec.split(/=(.*)/s);
        const col = COLUMNS[ALIASES[name.toLowerCase()] ?? name.toLowerCase()];
        if (!col) {
          io.err(`error: unknown user-defined format specifier "${name}"\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
          return 1;
        }
        cols.push(header === undefined ? col : { ...col, header });
      }
      custom = [...(custom ?? []), ...cols];
      continue;
    }
    if (arg === '-u' || arg === '-U' || arg === '--user') {
      // every process here is root's
      value();
      continue;
    }
    if (/^-[eAfFly]+$/.test(arg)) {
      if (/[fF]/.test(arg)) full = true;
      continue;
    }
    if (/^[auxwf]+$/.test(arg)) {
      if (arg.includes('u')) bsdUser = true;
      else bsd = true;
      continue;
    }
    io.err(`error: unsupported option (BSD syntax)\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
    return 1;
  }
  let tasks = processes(sys);
  if (pids) tasks = tasks.filter((t) => (pids as number[]).includes(t.pid));
  if (names) tasks = tasks.filter((t) => (names as string[]).includes(t.comm));
  let columns: Column[];
  if (custom) columns = custom;
  else if (bsdUser) {
    columns = [
      COLUMNS.user,
      COLUMNS.pid,
      COLUMNS['%cpu'],
      COLUMNS['%mem'],
      COLUMNS.vsz,
      COLUMNS.rss,
      { ...COLUMNS.tty, header: 'TTY' },
      COLUMNS.stat,
      { header: 'START', width: 5, value: (_t, s) => bootClock(s) },
      { header: 'TIME', width: 6, value: () => '0:00' },
      COLUMNS.command,
    ];
  } else if (bsd) {
    columns = [COLUMNS.pid, { ...COLUMNS.tty, header: 'TTY' }, { ...COLUMNS.stat, width: 4 }, { header: 'TIME', width: 6, value: () => '0:00' }, COLUMNS.command];
  } else if (full) {
    columns = [
      { header: 'UID', width: 8, left: true, value: () => 'root' },
      COLUMNS.pid,
      COLUMNS.ppid,
      { header: 'C', width: 2, value: () => '0' },
      { header: 'STIME', width: 5, value: (_t, s) => bootClock(s) },
      { ...COLUMNS.tty, header: 'TTY' },
      COLUMNS.time,
      COLUMNS.cmd,
    ];
  } else {
    columns = [COLUMNS.pid, { ...COLUMNS.tty, header: 'TTY' }, COLUMNS.time, { ...COLUMNS.comm, header: 'CMD' }];
  }
  io.out(layout(columns, tasks, sys, true));
  return tasks.length === 0 ? 1 : 0;
}

export const ps: Tool = { name: 'ps', main, summary: 'report a snapshot of the current processes' };
