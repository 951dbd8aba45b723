/**
 * cp(1) of GNU coreutils 9.1: SOURCE DEST or SOURCE... DIRECTORY, -r/-R/-a for
 * directories, -f, -v. Files are copied through the VFS (a copied .ko stays a module).
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';
import { baseName, fileOperands } from './file-operands';

const LONG: LongOption[] = [
  { name: 'recursive', has: 'none', key: 'r' },
  { name: 'archive', has: 'none', key: 'a' },
  { name: 'force', has: 'none', key: 'f' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'no-clobber', has: 'none', key: 'n' },
  { name: 'interactive', has: 'none', key: 'i' },
  { name: 'preserve', has: 'optional', key: 'p' },
  { name: 'target-directory', has: 'required', key: 't' },
  { name: 'no-target-directory', has: 'none', key: 'T' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function copyTree(src: string, dst: string, io: Io, sys: System, verbose: boolean): boolean {
  const fs = sys.fs;
  const from = sys.resolve(src);
  const to = sys.resolve(dst);
  const st = fs.stat(from);
  if (typeof st === 'number') {
    io.err(`cp: cannot stat '${src}': ${errnoText(st)}\n`);
    return false;
  }
  if (st.type === 'dir') {
    if (to === from || to.startsWith(from + '/')) {
      io.err(`cp: cannot copy a directory, '${src}', into itself, '${dst}'\n`);
      return false;
    }
    const dstat = fs.stat(to);
    if (typeof dstat === 'number') {
      const rc = fs.mkdir ? fs.mkdir(to) : -1;
      if (rc < 0) {
        io.err(`cp: cannot create directory '${dst}': ${errnoText(rc)}\n`);
        return false;
      }
    } else if (dstat.type !== 'dir') {
      io.err(`cp: cannot overwrite non-directory '${dst}' with directory '${src}'\n`);
      return false;
    }
    if (verbose) io.out(`'${src}' -> '${dst}'\n`);
    const names = fs.list(from);
    if (typeof names === 'number') return false;
    let ok = true;
    for (const n of names) ok = copyTree(join(src, n), join(dst, n), io, sys, verbose) && ok;
    return ok;
  }
  const rc = fs.copy ? fs.copy(from, to) : -1;
  if (rc < 0) {
    io.err(`cp: cannot create regular file '${dst}': ${errnoText(rc)}\n`);
    return false;
  }
  if (verbose) io.out(`'${src}' -> '${dst}'\n`);
  return true;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'rRafvnipt:Td', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'cp');
  }
  let recursive = false;
  let verbose = false;
  let noClobber = false;
  let target: string | undefined;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: cp [OPTION]... [-T] SOURCE DEST\n  or:  cp [OPTION]... SOURCE... DIRECTORY\n  or:  cp [OPTION]... -t DIRECTORY SOURCE...\nCopy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('cp (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'r' || key === 'R' || key === 'a') recursive = true;
    if (key === 'v') verbose = true;
    if (key === 'n') noClobber = true;
    if (key === 't') target = arg;
  }
  const operands = fileOperands('cp', parsed.operands, target, io, sys);
  if (typeof operands === 'number') return operands;
  const { sources, dest, destIsDir } = operands;
  let status = 0;
  for (const src of sources) {
    const st = sys.fs.stat(sys.resolve(src));
    if (typeof st === 'number') {
      io.err(`cp: cannot stat '${src}': ${errnoText(st)}\n`);
      status = 1;
      continue;
    }
    if (st.type === 'dir' && !recursive) {
      io.err(`cp: -r not specified; omitting directory '${src}'\n`);
      status = 1;
      continue;
    }
    const to = destIsDir ? join(dest, baseName(src)) : dest;
    if (sys.resolve(to) === sys.resolve(src)) {
      io.err(`cp: '${src}' and '${to}' are the same file\n`);
      status = 1;
      continue;
    }
    if (noClobber && typeof sys.fs.stat(sys.resolve(to)) !== 'number') continue;
    if (!copyTree(src, to, io, sys, verbose)) status = 1;
  }
  return status;
}

export const cp: Tool = { name: 'cp', main, summary: 'copy files and directories' };
