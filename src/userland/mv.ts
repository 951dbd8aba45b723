/**
 * mv(1) of GNU coreutils 9.1: SOURCE DEST or SOURCE... DIRECTORY. Across filesystems
 * (rename gives EXDEV, e.g. from /proc) it copies and then removes, as mv does.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';
import { baseName, fileOperands } from './file-operands';
import { EXDEV } from '../kernel/errno';

const LONG: LongOption[] = [
  { name: 'force', has: 'none', key: 'f' },
  { name: 'interactive', has: 'none', key: 'i' },
  { name: 'no-clobber', has: 'none', key: 'n' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'target-directory', has: 'required', key: 't' },
  { name: 'no-target-directory', has: 'none', key: 'T' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'finvt:T', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'mv');
  }
  let verbose = false;
  let noClobber = false;
  let target: string | undefined;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: mv [OPTION]... [-T] SOURCE DEST\n  or:  mv [OPTION]... SOURCE... DIRECTORY\n  or:  mv [OPTION]... -t DIRECTORY SOURCE...\nRename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('mv (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'v') verbose = true;
    if (key === 'n') noClobber = true;
    if (key === 't') target = arg;
  }
  const operands = fileOperands('mv', parsed.operands, target, io, sys);
  if (typeof operands === 'number') return operands;
  const { sources, dest, destIsDir } = operands;
  let status = 0;
  for (const src of sources) {
    const from = sys.resolve(src);
    const st = sys.fs.stat(from);
    if (typeof st === 'number') {
      io.err(`mv: cannot stat '${src}': ${errnoText(st)}\n`);
      status = 1;
      continue;
    }
    const toName = destIsDir ? `${dest.replace(/\/+$/, '')}/${baseName(src)}` : dest;
    const to = sys.resolve(toName);
    if (to === from) {
      io.err(`mv: '${src}' and '${toName}' are the same file\n`);
      status = 1;
      continue;
    }
    if (st.type === 'dir' && to.startsWith(from + '/')) {
      io.err(`mv: cannot move '${src}' to a subdirectory of itself, '${toName}'\n`);
      status = 1;
      continue;
    }
    if (noClobber && typeof sys.fs.stat(to) !== 'number') continue;
    let rc = sys.fs.rename ? sys.fs.rename(from, to) : -EXDEV;
    if (rc === -EXDEV && st.type !== 'dir') {
      rc = sys.fs.copy ? sys.fs.copy(from, to) : rc;
      if (rc < 0) {
        io.err(`mv: cannot create regular file '${toName}': ${errnoText(rc)}\n`);
        status = 1;
        continue;
      }
      const un = sys.fs.unlink ? sys.fs.unlink(from) : -1;
      if (un < 0) {
        io.err(`mv: cannot remove '${src}': ${errnoText(un)}\n`);
        status = 1;
        continue;
      }
      rc = 0;
    }
    if (rc < 0) {
      io.err(`mv: cannot move '${src}' to '${toName}': ${errnoText(rc)}\n`);
      status = 1;
      continue;
    }
    if (verbose) io.out(`renamed '${src}' -> '${toName}'\n`);
  }
  return status;
}

export const mv: Tool = { name: 'mv', main, summary: 'move (rename) files' };
