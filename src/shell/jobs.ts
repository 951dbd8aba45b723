/**
 * bash's background jobs (`&`, $!, wait) and its kill builtin, on a machine whose programs
 * cannot run side by side: a background job runs to its end at once, but the time it took
 * (sleep, a module's msleep) is its own, not the shell's, so the job stays alive in the
 * process table until the machine's clock reaches its end. `kill` before then ends it with
 * the signal; `wait` lets the clock run on to its end. A non-interactive bash starts its
 * background jobs with SIGINT and SIGQUIT ignored (execute_cmd.c), so those do not end them.
 */
import type { Io } from '../userland/tool';
import type { Kernel } from '../kernel/kernel';
import type { Process } from '../kernel/process';
import type { BuiltinContext } from './builtins';
import { SIGINT, SIGQUIT, deathReport, parseSignal, signalList, signalName, terminates } from './signals';

export interface Job {
  /** %N */
  id: number;
  proc: Process;
  /** The command as bash prints it in a job report. */
  command: string;
  /** How it ended by itself (its status had no signal killed it first). */
  status: number;
}

/** `kill` of the shell itself (or of a shell above it): the line ends with 128 + signal. */
export class ShellKilled {
  constructor(readonly signal: number) {}
}

const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

export class JobTable {
  private readonly jobs: Job[] = [];
  private nextId = 1;
  /** $!: the PID of the last background job. */
  lastAsync: number | undefined;

  constructor(private readonly kernel: Kernel) {}

  private now(): number {
    return this.kernel.state.bootedAt + this.kernel.uptimeUsec() / 1000;
  }

  /** A job that has run (STATUS) in PROC, which its work keeps busy for MS of machine time. */
  add(proc: Process, command: string, status: number, ms: number): Job {
    proc.until = this.kernel.processes.current === proc ? undefined : this.now() + ms;
    const job: Job = { id: this.nextId++, proc, command, status };
    this.jobs.push(job);
    this.lastAsync = proc.pid;
    return job;
  }

  find(spec: string): Job | undefined {
    const m = /^%(\d+)$/.exec(spec);
    if (m) return this.jobs.find((j) => j.id === Number(m[1]));
    return this.jobs.find((j) => String(j.proc.pid) === spec);
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.proc.pid === pid);
  }

  all(): readonly Job[] {
    return this.jobs;
  }

  /** waitpid(2) for JOB: the clock runs on to its end; its status, and bash's report of a death. */
  wait(job: Job, prefix: string): { status: number; report: string } {
    const left = (job.proc.until ?? 0) - this.now();
    if (job.proc.killedBy === undefined && left > 0) this.kernel.nanosleep(Math.ceil(left));
    this.jobs.splice(this.jobs.indexOf(job), 1);
    this.kernel.processes.reap(job.proc);
    const signal = job.proc.killedBy;
    if (signal === undefined) return { status: job.status, report: '' };
    return { status: 128 + signal, report: deathReport(signal, false, prefix, job.proc.pid, job.command) };
  }
}

export interface JobShell {
  readonly jobs: JobTable;
  /** $$ */
  readonly pid: number;
}

/** wait [-n] [ID …] */
export function waitBuiltin(shell: JobShell) {
  return (argv: string[], io: Io, ctx: BuiltinContext): number => {
    let args = argv.slice(1);
    let any = false;
    while (args[0] === '-n' || args[0] === '-f') {
      any ||= args[0] === '-n';
      args = args.slice(1);
    }
    if (args[0] === '--') args = args.slice(1);
    const jobs = shell.jobs;
    if (any && args.length === 0) {
      const first = [...jobs.all()].sort((a, b) => (a.proc.until ?? 0) - (b.proc.until ?? 0))[0];
      if (!first) return 127;
      const { status, report } = jobs.wait(first, ctx.prefix);
      io.err(report);
      return status;
    }
    if (args.length === 0) {
      for (const job of [...jobs.all()]) io.err(jobs.wait(job, ctx.prefix).report);
      return 0;
    }
    let status = 0;
    for (const arg of args) {
      const job = jobs.find(arg);
      if (!job) {
        if (arg.startsWith('%')) io.err(`${ctx.prefix}wait: ${arg}: no such job\n`);
        else if (/^[0-9]+$/.test(arg)) io.err(`${ctx.prefix}wait: pid ${arg} is not a child of this shell\n`);
        else io.err(`${ctx.prefix}wait: \`${arg}': not a pid or valid job spec\n`);
        status = 127;
        continue;
      }
      const done = jobs.wait(job, ctx.prefix);
      io.err(done.report);
      status = done.status;
    }
    return status;
  };
}

/** kill -l [SIG…]: names for numbers (a status above 128 names its signal), numbers for names. */
function listSignals(args: string[], io: Io, prefix: string): number {
  if (args.length === 0) {
    io.out(signalList());
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    if (/^[0-9]+$/.test(arg)) {
      const n = Number(arg) > 128 ? Number(arg) - 128 : Number(arg);
      const name = signalName(n);
      if (name !== undefined) {
        io.out(name + '\n');
        continue;
      }
    } else {
      const n = parseSignal(arg);
      if (n !== undefined && n > 0) {
        io.out(`${n}\n`);
        continue;
      }
    }
    io.err(`${prefix}kill: ${arg}: invalid signal specification\n`);
    status = 1;
  }
  return status;
}

/** kill(2) of PID with SIGNAL by this shell: 0, or bash's words for what went wrong. */
function signalProcess(shell: JobShell, kernel: Kernel, pid: number, signal: number): boolean {
  const job = shell.jobs.byPid(pid);
  const proc = job?.proc ?? kernel.processes.find(pid);
  if (!proc || (job && (proc.killedBy !== undefined || !kernel.processes.find(pid)))) return false;
  if (signal === 0 || !terminates(signal)) return true;
  // init and the kernel's threads ignore what they have no handler for; a task looping in
  // the kernel never returns to user space to be killed
  if (proc.argv.length === 0 || proc.pid === 1 || proc.stuck) return true;
  if (job && (signal === SIGINT || signal === SIGQUIT)) return true;
  const self = kernel.processes.current;
  if (pid === shell.pid || proc === self) throw new ShellKilled(signal);
  proc.killedBy = signal;
  return true;
}

/** kill [-s SIG | -n NUM | -SIG] PID|%JOB …, kill -l [SIG …] */
export function killBuiltin(shell: JobShell) {
  return (argv: string[], io: Io, ctx: BuiltinContext): number => {
    const { prefix } = ctx;
    let args = argv.slice(1);
    let signal = 15;
    if (args[0] === '-l' || args[0] === '-L') return listSignals(args.slice(1), io, prefix);
    const spec = args[0] === '-s' || args[0] === '-n' ? args[1] : args[0]?.startsWith('-') && args[0] !== '--' && args[0] !== '-' ? args[0].slice(1) : undefined;
    if (spec !== undefined || args[0] === '-s' || args[0] === '-n') {
      if (spec === undefined) {
        io.err(`${prefix}kill: ${args[0]}: option requires an argument\n${KILL_USAGE}`);
        return 2;
      }
      const n = parseSignal(spec);
      if (n === undefined) {
        io.err(`${prefix}kill: ${spec}: invalid signal specification\n`);
        return 1;
      }
      signal = n;
      args = args.slice(args[0] === '-s' || args[0] === '-n' ? 2 : 1);
    }
    if (args[0] === '--') args = args.slice(1);
    if (args.length === 0) {
      io.err(KILL_USAGE);
      return 2;
    }
    let status = 0;
    for (const arg of args) {
      if (arg.startsWith('%')) {
        const job = shell.jobs.find(arg);
        if (!job || !signalProcess(shell, ctx.sys.kernel, job.proc.pid, signal)) {
          io.err(`${prefix}kill: ${arg}: no such job\n`);
          status = 1;
        }
        continue;
      }
      if (!/^-?[0-9]+$/.test(arg)) {
        io.err(`${prefix}kill: ${arg}: arguments must be process or job IDs\n`);
        status = 1;
        continue;
      }
      if (!signalProcess(shell, ctx.sys.kernel, Number(arg), signal)) {
        io.err(`${prefix}kill: (${arg}) - No such process\n`);
        status = 1;
      }
    }
    return status;
  };
}
