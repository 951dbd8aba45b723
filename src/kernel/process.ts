/**
 * The processes of the machine while a line runs: init and the kernel threads it booted with
 * (tasks.ts), the shell running the line, the programs it forks and execs, and its background
 * jobs. /proc/PID, /proc/self, ps, pidof and kill read this table. It lives as long as the
 * line (the oracle runs each line in a fresh `bash -c`); only the PID counter persists.
 */
import type { KernelState } from './state';
import { BOOT_TASKS, type Task } from './tasks';

/**
 * PID_MAX_DEFAULT (0x8000): kernel/pid.c's limit on a machine without systemd raising
 * kernel.pid_max; PIDs then wrap to RESERVED_PIDS (300), skipping those in use.
 */
export const PID_MAX = 32768;
const RESERVED_PIDS = 300;
/** Processes one line may have at once (RLIMIT_NPROC's role; the shell counts its forks too). */
export const MAX_PROCESSES = 4096;

export interface Process {
  pid: number;
  ppid: number;
  /** /proc/PID/comm: the program's name, at most TASK_COMM_LEN - 1 (15) bytes. */
  comm: string;
  /** /proc/PID/cmdline; empty for a kernel thread. */
  argv: string[];
  /** ps STAT: state letter plus "<" (high priority) or "N" (nice). */
  stat: string;
  /** /proc/PID/exe; absent for a kernel thread. */
  exe?: string;
  /** /proc/PID/cwd, the physical working directory. */
  cwd: string;
  uid: number;
  /** The signal it died of, when one killed it (kill, an Oops in a module's init). */
  killedBy?: number;
  /** A background job: the machine time (ms) its work takes it to; until then it is alive. */
  until?: number;
  /**
   * timeout(1)'s alarm over this process and its children: at machine time AT (ms since
   * boot) SIGNAL ends whatever sleeps or waits past it.
   */
  deadline?: { at: number; signal: number };
  /** The signal the last child this process waited for died of (timeout re-raises it). */
  childSignal?: number;
  /** Running in a module's endless loop in the kernel: a signal stays pending for ever (11b). */
  stuck?: boolean;
  /** A background job (`&`) while it runs. */
  background?: boolean;
  /** Its exit status once it has ended (a background job waited for later). */
  status?: number;
}

/** comm as the kernel keeps it: the basename of the executed file, 15 bytes at most. */
export function commOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).slice(0, 15);
}

function bootProcess(t: Task): Process {
  const argv = t.cmdline === '' ? [] : t.cmdline.split(' ');
  return { pid: t.pid, ppid: t.ppid, comm: t.comm, argv, stat: t.stat, cwd: '/', uid: 0, ...(t.pid === 1 ? { exe: '/usr/bin/bash' } : {}) };
}

export class ProcessTable {
  private readonly live: Process[] = [];
  /** The process running now: /proc/self, the task a syscall acts for. */
  current: Process | undefined;

  constructor(
    private readonly state: KernelState,
    /** The machine's time in ms: a background job whose time is up has ended. */
    private readonly now: () => number,
  ) {}

  private alive(p: Process): boolean {
    return p.status === undefined && p.killedBy === undefined && (p.until === undefined || p.until > this.now());
  }

  /** alloc_pid(): the next free PID after the last one handed out. */
  allocPid(): number {
    let pid = this.state.nextPid;
    for (let tries = 0; tries < PID_MAX; tries++) {
      if (pid >= PID_MAX) pid = RESERVED_PIDS;
      if (!this.find(pid)) break;
      pid++;
    }
    this.state.nextPid = pid + 1 >= PID_MAX ? RESERVED_PIDS : pid + 1;
    return pid;
  }

  /** fork(2) of PARENT (or a new process under init): a copy with a PID of its own. */
  fork(parent: Process | undefined, fields: Partial<Process> = {}): Process {
    const child: Process = {
      comm: parent?.comm ?? 'bash',
      argv: [...(parent?.argv ?? ['bash'])],
      stat: 'S',
      cwd: parent?.cwd ?? '/',
      uid: parent?.uid ?? 0,
      ...(parent?.exe === undefined ? {} : { exe: parent.exe }),
      ...(parent?.deadline === undefined ? {} : { deadline: parent.deadline }),
      ...fields,
      pid: this.allocPid(),
      ppid: parent?.pid ?? 1,
    };
    this.live.push(child);
    return child;
  }

  /** execve(2): the process becomes the program at PATH with ARGV. */
  exec(proc: Process, path: string, argv: readonly string[]): void {
    proc.comm = commOf(path);
    proc.argv = [...argv];
    proc.exe = path;
  }

  /** The process has been reaped: it leaves the table. */
  reap(proc: Process): void {
    const i = this.live.indexOf(proc);
    if (i >= 0) this.live.splice(i, 1);
  }

  find(pid: number): Process | undefined {
    const boot = BOOT_TASKS.find((t) => t.pid === pid);
    const p = boot ? bootProcess(boot) : this.live.find((q) => q.pid === pid && this.alive(q)) ?? this.stuck().find((q) => q.pid === pid);
    return p && this.running(p);
  }

  /** Tasks an earlier line left looping in a module's init (KernelState.stuck): running, for good. */
  private stuck(): Process[] {
    return (this.state.stuck ?? []).map((s) => ({ pid: s.pid, ppid: 1, comm: s.comm, argv: [s.comm, `${s.module}.ko`], stat: 'R', exe: `/usr/bin/kmod`, cwd: '/root', uid: 0, stuck: true }));
  }

  /** Every process, by PID, as /proc lists them; the running one in state R. */
  all(): Process[] {
    const live = this.live.filter((p) => this.alive(p));
    return [...BOOT_TASKS.map(bootProcess), ...live.map((p) => this.running(p)), ...this.stuck().filter((s) => !live.some((p) => p.pid === s.pid))].sort((a, b) => a.pid - b.pid);
  }

  /** The running process is the one on the CPU: state R (a view; the table keeps its own). */
  private running(p: Process): Process {
    return p === this.current ? { ...p, stat: 'R' + p.stat.slice(1) } : p;
  }

  /** Live processes of the line (not the boot tasks), for the shell's own bookkeeping. */
  children(): readonly Process[] {
    return this.live;
  }
}
