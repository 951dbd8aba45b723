/**
 * System.exec: how one program runs another on this machine (sudo, setpriv, busybox's
 * applets, system(3) for modprobe's install and remove commands), as execvp(3) and wait(2)
 * would. A name is looked up on PATH, a path must name a program in a bin directory; shell
 * builtins such as cd are no programs, so `sudo cd` fails as on a real system.
 */
import type { Io, System, Tool } from '../userland/tool';
import { ENOENT } from '../kernel/errno';
import { runShell } from '../shell';
import { BrokenPipe, SIGPIPE, SIGPIPE_STATUS } from '../shell/broken-pipe';

/** Directories on PATH where the simulated tools live (/usr/bin/cat, /usr/sbin/insmod …). */
const BIN_DIRS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/** The shells a program may run: /bin/sh is dash on Debian, /bin/bash is bash. */
const SHELLS: Record<string, 'sh' | 'bash'> = { sh: 'sh', dash: 'sh', bash: 'bash' };

/** The tool NAME (or /usr/bin/NAME …) names, or undefined when execvp would fail with ENOENT. */
export function findProgram(sys: System, tools: ReadonlyMap<string, Tool>, name: string): Tool | undefined {
  if (!name.includes('/')) return tools.get(name);
  const path = sys.resolve(name);
  const slash = path.lastIndexOf('/');
  return BIN_DIRS.has(path.slice(0, slash) || '/') ? tools.get(path.slice(slash + 1)) : undefined;
}

/**
 * Run ARGV on SYS with IO: the program's exit status (0–255), or -ENOENT when there is no
 * such program (each caller words that as its real counterpart does).
 */
export function execProgram(sys: System, tools: ReadonlyMap<string, Tool>, argv: readonly string[], io: Io): number {
  const name = argv[0] ?? '';
  const base = name.slice(name.lastIndexOf('/') + 1);
  const shell = SHELLS[base];
  const isShell = shell !== undefined && (!name.includes('/') || BIN_DIRS.has(sys.resolve(name).replace(/\/[^/]*$/, '') || '/'));
  const tool = isShell ? undefined : findProgram(sys, tools, name);
  if (!isShell && !tool) return -ENOENT;
  // fork(2), execve(2), wait(2): the program is a child process of the caller
  const table = sys.kernel.processes;
  const parent = table.current;
  // it runs with the caller's credentials now (setpriv, sudo change them for it)
  const child = table.fork(parent, { uid: sys.uid });
  table.exec(child, `/usr/bin/${isShell ? (shell === 'sh' ? 'dash' : 'bash') : base}`, argv);
  table.current = child;
  const cwd = sys.cwd;
  const env = { ...sys.env };
  try {
    let status: number;
    try {
      status = isShell && shell ? runShell(argv, sys, tools, io, shell, child) & 0xff : (tool as Tool).main([...argv], io, sys) & 0xff;
    } catch (e) {
      // It wrote to a pipe whose reader had exited (xargs … | head): killed by SIGPIPE.
      if (!(e instanceof BrokenPipe)) throw e;
      child.killedBy = SIGPIPE;
      status = SIGPIPE_STATUS;
    }
    if (child.killedBy === undefined) return status;
    if (parent) parent.childSignal = child.killedBy;
    return 128 + child.killedBy;
  } finally {
    table.current = parent;
    table.reap(child);
    if (isShell) {
      // A child process: its cd and variables end with it.
      sys.cwd = cwd;
      for (const key of Object.keys(sys.env)) if (!(key in env)) delete sys.env[key];
      Object.assign(sys.env, env);
    }
  }
}
