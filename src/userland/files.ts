/**
 * What the coreutils share: reading an operand ("-" is standard input), strerror texts,
 * GNU's "Try 'PROG --help'" line, and the machine's wall clock (boot time + uptime).
 */
import type { FileStat } from '../kernel/filetree';
import type { Io, System } from './tool';
import { strerror } from '../kernel/errno';

export function errnoText(errno: number): string {
  const n = Math.abs(errno);
  return strerror[n] ?? `Unknown error ${n}`;
}

/** The content of operand NAME ("-" is stdin), or a negative errno. */
export function readOperand(name: string, io: Io, sys: System): string | number {
  if (name === '-') return io.stdin;
  return sys.fs.read(sys.resolve(name));
}

export function statOperand(name: string, sys: System): FileStat | number {
  return sys.fs.stat(sys.resolve(name));
}

/** GNU's usage error tail (emit_try_help). */
export function tryHelp(io: Io, prog: string): number {
  io.err(`Try '${prog} --help' for more information.\n`);
  return 1;
}

/** Wall-clock ms now, from the machine's own clock (boot time + uptime). */
export function now(sys: System): number {
  return sys.kernel.state.bootedAt + Math.floor(sys.kernel.uptimeUsec() / 1000);
}

/** Split text into lines, keeping a last line without "\n" (as C tools read it). */
export function lines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** stat(2) of an absolute path: symbolic links followed (lstat is sys.fs.stat). */
export function statFollow(sys: System, path: string): FileStat | number {
  const real = sys.fs.realpath ? sys.fs.realpath(path, true) : path;
  if (typeof real === 'number') return real;
  return sys.fs.stat(real);
}
