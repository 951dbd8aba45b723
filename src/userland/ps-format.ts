/**
 * ps's output columns as procps-ng 4.0.2 defines them (ps/output.c format_array: header,
 * width, alignment) and its line layout (show_one_proc): one space between fields, each
 * right-aligned field ending where its width puts it, so a field that overflows (ADDR of
 * -l, a long user name) is paid back from the padding of the fields after it: `ps -l` prints
 * "ADDR SZ" and "-   983" though SZ is five wide. Checked against ps of procps 4.0.2 on a
 * Debian 12 host and the oracle's 22-lab-time-procs.
 */
import type { Process } from '../kernel/process';
import type { System } from './tool';
import { MEMINFO } from '../kernel/proc-hardware';
import { instantOfMs, strftime } from './strftime';

export interface Column {
  header: string;
  width: number;
  /** Left-aligned (text, names); the last left-aligned column is never padded. */
  left?: boolean;
  value: (p: Process, sys: System) => string;
}

const isKthread = (p: Process): boolean => p.argv.length === 0;

/** Nice values of the threads the kernel starts niced (mm/ksm.c: 5; mm/khugepaged.c: MAX_NICE). */
const NICE_OF: Readonly<Record<string, number>> = { ksmd: 5, khugepaged: 19 };
function nice(p: Process): number {
  if (p.stat.includes('<')) return -20;
  return p.stat.includes('N') ? (NICE_OF[p.comm] ?? 5) : 0;
}

/**
 * WCHAN, the kernel function a sleeping task waits in (cut to 6 as ps -l prints it): init
 * and a shell wait for a child (do_wait), a program in a pipeline for its input (pipe_read), workers idle in worker_thread, a workqueue's
 * rescuer in rescuer_thread, per-CPU threads in smpboot_thread_fn; a running task has none.
 */
const WCHAN_OF: Readonly<Record<string, string>> = {
  kthreadd: 'kthreadd', kdevtmpfs: 'devtmpfs_work_loop', kauditd: 'kauditd_thread', khungtaskd: 'watchdog',
  oom_reaper: 'oom_reaper', kcompactd0: 'kcompactd', ksmd: 'ksm_scan_thread', khugepaged: 'khugepaged', kswapd0: 'kswapd',
  rcu_preempt: 'rcu_gp_fqs_loop', rcu_tasks_kthread: 'rcu_tasks_kthread', rcu_tasks_rude_kthread: 'rcu_tasks_kthread', rcu_tasks_trace_kthread: 'rcu_tasks_kthread',
};
/** Programs that sleep waiting for a child; any other sleeping program here waits on its pipe. */
const WAITERS = new Set(['init', 'bash', 'sh', 'timeout', 'xargs', 'sudo']);
function wchan(p: Process): string {
  if (p.stat.startsWith('R')) return '-';
  if (!isKthread(p)) return WAITERS.has(p.comm) ? 'do_wait' : p.comm === 'sleep' ? 'hrtimer_nanosleep' : 'pipe_read';
  if (WCHAN_OF[p.comm]) return WCHAN_OF[p.comm];
  if (p.comm.startsWith('kworker/')) return 'worker_thread';
  if (/^(ksoftirqd|cpuhp|migration)\//.test(p.comm)) return 'smpboot_thread_fn';
  return p.stat.startsWith('I<') ? 'rescuer_thread' : '-';
}

/** Sizes of a user process: the oracle's /bin/bash /init (aux: VSZ 3932, RSS 3004; -l: SZ 983). */
const VSZ_KB = 3932;
const RSS_KB = 3004;
const vsz = (p: Process): number => (isKthread(p) ? 0 : VSZ_KB);
const rss = (p: Process): number => (isKthread(p) ? 0 : RSS_KB);
const MEM_TOTAL_KB = Number(/MemTotal:\s+(\d+)/.exec(MEMINFO)?.[1] ?? '1');

/** When each process started: the machine's boot (every process here is that young), hh:mm. */
const started = (sys: System): string => strftime('%H:%M', instantOfMs(sys.kernel.state.bootedAt));
const command = (p: Process): string => (isKthread(p) ? `[${p.comm}]` : p.argv.join(' '));

/** procps' format specifiers a lab uses, by their -o names. */
export const COLUMNS: Readonly<Record<string, Column>> = {
  pid: { header: 'PID', width: 5, value: (p) => String(p.pid) },
  ppid: { header: 'PPID', width: 5, value: (p) => String(p.ppid) },
  comm: { header: 'COMMAND', width: 15, left: true, value: (p) => p.comm },
  cmd: { header: 'CMD', width: 27, left: true, value: command },
  args: { header: 'COMMAND', width: 27, left: true, value: command },
  user: { header: 'USER', width: 8, left: true, value: () => 'root' },
  uid: { header: 'UID', width: 5, value: () => '0' },
  stat: { header: 'STAT', width: 4, left: true, value: (p) => p.stat },
  s: { header: 'S', width: 1, left: true, value: (p) => p.stat[0] },
  tty: { header: 'TT', width: 8, left: true, value: () => '?' },
  time: { header: 'TIME', width: 8, value: () => '00:00:00' },
  etime: { header: 'ELAPSED', width: 11, value: () => '00:00' },
  nice: { header: 'NI', width: 3, value: (p) => String(nice(p)) },
  pri: { header: 'PRI', width: 3, value: (p) => String(19 - nice(p)) },
  opri: { header: 'PRI', width: 3, value: (p) => String(80 + nice(p)) },
  f: { header: 'F', width: 1, value: (p) => (isKthread(p) ? '1' : '4') },
  c: { header: 'C', width: 2, value: () => '0' },
  addr: { header: 'ADDR', width: 4, value: () => '-' },
  addr_1: { header: 'ADDR', width: 1, left: true, value: () => '-' },
  sz: { header: 'SZ', width: 5, value: (p) => String(vsz(p) / 4) },
  wchan: { header: 'WCHAN', width: 6, left: true, value: (p) => wchan(p).slice(0, 6) },
  psr: { header: 'PSR', width: 3, value: () => '0' },
  label: { header: 'LABEL', width: 31, left: true, value: () => 'unconfined' },
  '%cpu': { header: '%CPU', width: 4, value: () => '0.0' },
  '%mem': { header: '%MEM', width: 4, value: (p) => ((rss(p) * 100) / MEM_TOTAL_KB).toFixed(1) },
  rss: { header: 'RSS', width: 5, value: (p) => String(rss(p)) },
  vsz: { header: 'VSZ', width: 6, value: (p) => String(vsz(p)) },
  stime: { header: 'STIME', width: 5, value: (_p, sys) => started(sys) },
  start: { header: 'START', width: 5, value: (_p, sys) => started(sys) },
  bsdtime: { header: 'TIME', width: 6, value: () => '0:00' },
};

/** Other names procps accepts for the same columns. */
export const ALIASES: Readonly<Record<string, string>> = {
  pcpu: '%cpu', pmem: '%mem', ruser: 'user', euser: 'user', uname: 'user', tt: 'tty', tname: 'tty', state: 's', ni: 'nice',
  cputime: 'time', fname: 'comm', ucmd: 'comm', ucomm: 'comm', command: 'args', lstart: 'start', start_time: 'stime',
  flag: 'f', flags: 'f', rssize: 'rss', rsz: 'rss', vsize: 'vsz', context: 'label',
};

/** Column NAME of an -o list (case-insensitive), if procps knows it. */
export function column(name: string): Column | undefined {
  const key = name.toLowerCase();
  return COLUMNS[ALIASES[key] ?? key];
}

/** A column under another header (TTY for TT in the standard formats, CMD for COMMAND). */
export const titled = (name: string, header: string): Column => ({ ...COLUMNS[name], header });

/** The line of CELLS under COLUMNS, as show_one_proc pads them. */
function line(columns: readonly Column[], cells: readonly string[]): string {
  let out = '';
  let ideal = 0;
  cells.forEach((cell, i) => {
    const col = columns[i];
    if (i > 0) {
      out += ' ';
      ideal += 1;
    }
    ideal += col.width;
    const last = i === cells.length - 1;
    if (col.left) out += last ? cell : cell + ' '.repeat(Math.max(0, ideal - out.length - cell.length));
    else out += ' '.repeat(Math.max(0, ideal - out.length - cell.length)) + cell;
  });
  return out;
}

/** The table: the header line unless every header is empty (`-o comm=`), then one line per process. */
export function layout(columns: readonly Column[], procs: readonly Process[], sys: System): string {
  const out: string[] = [];
  if (columns.some((c) => c.header !== '')) out.push(line(columns, columns.map((c) => c.header)));
  for (const p of procs) out.push(line(columns, columns.map((c) => c.value(p, sys))));
  return out.map((l) => l + '\n').join('');
}
