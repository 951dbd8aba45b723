/**
 * ln(1) of GNU coreutils 9.1: -s symbolic links (the target kept as written), -f replaces,
 * -v, into a DIRECTORY with several targets. A hard link (no -s) is a copy here: the disk
 * has no inodes, so later writes to one do not show in the other.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, statFollow, tryHelp } from './files';
import { baseName } from './basename';
import { EEXIST, EISDIR, ENOTDIR, EPERM } from '../kernel/errno';

const LONG: LongOption[] = [
  { name: 'symbolic', has: 'none', key: 's' },
  { name: 'force', has: 'none', key: 'f' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'no-dereference', has: 'none', key: 'n' },
  { name: 'relative', has: 'none', key: 'r' },
  { name: 'target-directory', has: 'required', key: 't' },
  { name: 'no-target-directory', has: 'none', key: 'T' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'bdfFinrsSt:TvLP', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'ln');
  }
  let symbolic = false;
  let force = false;
  let verbose = false;
  let noDeref = false;
  let targetDir: string | null = null;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: ln [OPTION]... [-T] TARGET LINK_NAME\n  or:  ln [OPTION]... TARGET\n  or:  ln [OPTION]... TARGET... DIRECTORY\n  or:  ln [OPTION]... -t DIRECTORY TARGET...\n');
      return 0;
    }
    if (key === 'version') {
      io.out('ln (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 's') symbolic = true;
    if (key === 'f') force = true;
    if (key === 'v') verbose = true;
    if (key === 'n') noDeref = true;
    if (key === 't') targetDir = arg ?? '';
  }
  const ops = parsed.operands;
  if (ops.length === 0) {
    io.err('ln: missing file operand\n');
    return tryHelp(io, 'ln');
  }
  const isDir = (name: string): boolean => {
    const path = sys.resolve(name);
    const st = noDeref ? sys.fs.stat(path) : statFollow(sys, path);
    return typeof st !== 'number' && st.type === 'dir';
  };
  let pairs: Array<[string, string]>;
  if (targetDir !== null) {
    pairs = ops.map((t) => [t, `${targetDir}/${baseName(t)}`]);
  } else if (ops.length === 1) {
    pairs = [[ops[0], baseName(ops[0])]];
  } else {
    const last = ops[ops.length - 1];
    if (isDir(last)) pairs = ops.slice(0, -1).map((t) => [t, `${last.replace(/\/+$/, '')}/${baseName(t)}`]);
    else if (ops.length > 2) {
      const st = statFollow(sys, sys.resolve(last));
      io.err(`ln: target '${last}': ${errnoText(typeof st === 'number' ? st : -ENOTDIR)}\n`);
      return 1;
    } else pairs = [[ops[0], last]];
  }
  let status = 0;
  for (const [target, link] of pairs) {
    const path = sys.resolve(link);
    const kind = symbolic ? 'symbolic link' : 'hard link';
    if (force && typeof sys.fs.stat(path) !== 'number') {
      const st = sys.fs.stat(path);
      if (typeof st !== 'number' && st.type !== 'dir' && sys.fs.unlink) sys.fs.unlink(path);
    }
    let rc: number;
    if (symbolic) rc = sys.fs.symlink ? sys.fs.symlink(target, path) : -EPERM;
    else {
      const src = statFollow(sys, sys.resolve(target));
      if (typeof src === 'number') {
        io.err(`ln: failed to access '${target}': ${errnoText(src)}\n`);
        status = 1;
        continue;
      }
      if (src.type === 'dir') {
        io.err(`ln: ${target}: hard link not allowed for directory\n`);
        status = 1;
        continue;
      }
      rc = typeof sys.fs.stat(path) !== 'number' ? -EEXIST : sys.fs.copy ? sys.fs.copy(sys.resolve(target), path) : -EPERM;
      if (rc === -EISDIR) rc = -EEXIST;
    }
    if (rc < 0) {
      io.err(`ln: failed to create ${kind} '${link}': ${errnoText(rc)}\n`);
      status = 1;
      continue;
    }
    if (verbose) io.out(`'${link}' ${symbolic ? '->' : '=>'} '${target}'\n`);
  }
  return status;
}

export const ln: Tool = { name: 'ln', main, summary: 'make links between files' };
