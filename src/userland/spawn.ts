/**
 * How a program that runs another program (sudo, setpriv, busybox) finds it: execvp(3) on
 * PATH. The shell binds its table of tools to the System it runs on; builtins such as cd
 * are not programs, so `sudo cd` fails as it does on a real system.
 */
import type { System, Tool } from './tool';

const programs = new WeakMap<System, ReadonlyMap<string, Tool>>();

/** Directories on PATH where the simulated tools live (/usr/bin/cat, /usr/sbin/insmod …). */
const BIN_DIRS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

export function bindPrograms(sys: System, tools: ReadonlyMap<string, Tool>): void {
  programs.set(sys, tools);
}

/** The tool NAME (or /usr/bin/NAME) runs, or undefined when execvp would fail with ENOENT. */
export function findProgram(sys: System, name: string): Tool | undefined {
  const table = programs.get(sys);
  if (!table) return undefined;
  if (!name.includes('/')) return table.get(name);
  const path = sys.resolve(name);
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash) || '/';
  return BIN_DIRS.has(dir) ? table.get(path.slice(slash + 1)) : undefined;
}
