/**
 * What cp and mv share (coreutils' cp.c do_copy and mv.c main): SOURCE DEST, SOURCE...
 * DIRECTORY or -t DIRECTORY SOURCE..., with the same complaints about missing operands
 * and a target that is not a directory, and where each source lands.
 */
import type { Io, System } from './tool';
import { errnoText, tryHelp } from './files';

export interface FileOperands {
  sources: string[];
  /** The last operand, or -t's directory. */
  dest: string;
  /** DEST is a directory: each source goes into it under its own name. */
  destIsDir: boolean;
}

/** PROG's operands OPS (and -t TARGET) sorted out, or the exit status after the error it printed. */
export function fileOperands(prog: string, ops: readonly string[], target: string | undefined, io: Io, sys: System): FileOperands | number {
  if (ops.length === 0 && target === undefined) {
    io.err(`${prog}: missing file operand\n`);
    return tryHelp(io, prog);
  }
  if (ops.length === 1 && target === undefined) {
    io.err(`${prog}: missing destination file operand after '${ops[0]}'\n`);
    return tryHelp(io, prog);
  }
  const dest = target ?? ops[ops.length - 1];
  const sources = target === undefined ? ops.slice(0, -1) : [...ops];
  const dst = sys.fs.stat(sys.resolve(dest));
  const destIsDir = typeof dst !== 'number' && dst.type === 'dir';
  if (sources.length > 1 && !destIsDir) {
    io.err(typeof dst === 'number' ? `${prog}: target '${dest}': ${errnoText(dst)}\n` : `${prog}: target '${dest}': Not a directory\n`);
    return 1;
  }
  return { sources, dest, destIsDir };
}

/** The last component of PATH, trailing slashes ignored (base_name). */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || trimmed;
}
