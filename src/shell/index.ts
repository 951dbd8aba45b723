/**
 * One command line, run as the oracle runs each of its commands: `bash -c LINE` as root in
 * /root. Returns what the terminal showed, the status, and the kernel log records the line
 * caused (seq ≥ the ring's next seq before it ran; dmesg -c does not hide them, as the
 * oracle reads /dev/kmsg by sequence number).
 */
import type { Io, System, Tool } from '../userland/tool';
import type { ExecResult } from './result';
import type { CompoundCommand } from './ast';
import { parseLine, ShellSyntaxError } from './parse';
import { Shell, runShellArgv } from './exec';
import { Terminal, TerminalSink, type Sink } from './sinks';
import { MAX_LINE } from './limits';
import type { Process } from '../kernel/process';

/** What `clear` writes (ncurses' clear for TERM=linux/xterm: home, erase screen[, erase scrollback]). */
const CLEAR_SEQUENCE = /\x1b\[H\x1b\[2J(\x1b\[3J)?/g;

/**
 * Run one command line (bash -c LINE) on the system with these tools on PATH. FUNCTIONS, when
 * given, are the session's shell functions: the line sees them and its definitions stay in it;
 * STATUS is $? when the line starts (a session's last line's, as an interactive shell keeps it);
 * EXPORTED, when given, is the session's set of exported names, which the line changes in place.
 */
export function runLine(line: string, sys: System, tools: ReadonlyMap<string, Tool>, functions?: Map<string, CompoundCommand>, status = 0, exported?: Set<string>): ExecResult {
  const startSeq = sys.kernel.state.printk.nextSeq;
  const term = new Terminal();
  const fds = new Map<number, Sink>([
    [1, new TerminalSink(term, 'stdout')],
    [2, new TerminalSink(term, 'stderr')],
  ]);
  let exitCode: number;
  if (line.length > MAX_LINE) {
    // execve("/bin/bash", ["bash", "-c", LINE]) fails: one argument longer than MAX_ARG_STRLEN.
    term.write('stderr', 'bash: /bin/bash: Argument list too long\n');
    exitCode = 126;
  } else {
    exitCode = run(line, sys, tools, term, fds, functions, status, exported);
  }
  const klog = sys.kernel.state.printk.records.filter((r) => r.seq >= startSeq);
  const clear = new RegExp(CLEAR_SEQUENCE.source).test(term.stdout);
  const strip = (text: string): string => (clear ? text.replace(CLEAR_SEQUENCE, '') : text);
  return {
    output: strip(term.output),
    stdout: strip(term.stdout),
    stderr: term.stderr,
    exitCode,
    klog,
    ...(clear ? { clear: true } : {}),
  };
}

function run(line: string, sys: System, tools: ReadonlyMap<string, Tool>, term: Terminal, fds: Map<number, Sink>, functions: Map<string, CompoundCommand> | undefined, status: number, exported: Set<string> | undefined): number {
  let parsed: ReturnType<typeof parseLine>;
  try {
    parsed = parseLine(line);
  } catch (e) {
    if (e instanceof ShellSyntaxError) {
      term.write('stderr', e.text);
      return e.status;
    }
    throw e;
  }
  for (const warning of parsed.warnings) term.write('stderr', warning);
  return inProcess(sys, 'bash', ['bash', '-c', line], (proc) => {
    const shell = new Shell(sys, tools, fds, 'bash', functions, proc, exported);
    shell.status = status;
    return shell.runProgram(parsed.list, fds);
  });
}

/**
 * Run a shell (ARGV) in a process of its own under the running one (init for a chat line),
 * and take it and what it left behind (background jobs) out of the process table after.
 */
function inProcess(sys: System, argv0: 'bash' | 'sh', argv: readonly string[], run: (proc: Process) => number): number {
  const table = sys.kernel.processes;
  const parent = table.current;
  const cwd = sys.fs.realpath?.(sys.cwd, true);
  const before = new Set(table.children());
  const proc = table.fork(parent, { comm: argv0, argv: [...argv], exe: argv0 === 'sh' ? '/usr/bin/dash' : '/usr/bin/bash', cwd: typeof cwd === 'string' ? cwd : sys.cwd });
  try {
    return run(proc);
  } finally {
    for (const child of [...table.children()]) if (!before.has(child)) table.reap(child);
    table.current = parent;
  }
}

/**
 * A shell run by a program (system(3) for modprobe's install and remove commands, xargs
 * sh -c, sudo bash script.sh): ARGV as bash or Debian's /bin/sh (dash, whose errors read
 * "sh: 1: foo: not found") reads it, in PROC (or a process of its own under the running
 * one). The line is parsed as bash parses it; output goes straight to IO; it inherits its
 * parent's standard input (awk's `print | "sort"`, `echo x | sudo sh -c cat`). Returns the exit status.
 */
export function runShell(argv: readonly string[], sys: System, tools: ReadonlyMap<string, Tool>, io: Io, argv0: 'sh' | 'bash' = 'sh', proc?: Process): number {
  const fds = new Map<number, Sink>([
    [1, { write: (text: string) => io.out(text) }],
    [2, { write: (text: string) => io.err(text) }],
  ]);
  if (proc) return runShellArgv(argv0, argv, sys, tools, io, fds, proc);
  return inProcess(sys, argv0, argv, (own) => runShellArgv(argv0, argv, sys, tools, io, fds, own));
}
