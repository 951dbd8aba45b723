/**
 * rmdir(1) of GNU coreutils 9.1: empty directories only; -p removes the ancestors named in
 * the operand too; -v says "rmdir: removing directory, 'D'" before each attempt.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';
import { ENOTEMPTY, EPERM } from '../kernel/errno';

const LONG: LongOption[] = [
  { name: 'parents', has: 'none', key: 'p' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'ignore-fail-on-non-empty', has: 'none', key: 'ignore' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'pv', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'rmdir');
  }
  let parents = false;
  let verbose = false;
  let ignoreNonEmpty = false;
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: rmdir [OPTION]... DIRECTORY...\nRemove the DIRECTORY(ies), if they are empty.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('rmdir (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'p') parents = true;
    if (key === 'v') verbose = true;
    if (key === 'ignore') ignoreNonEmpty = true;
  }
  if (parsed.operands.length === 0) {
    io.err('rmdir: missing operand\n');
    return tryHelp(io, 'rmdir');
  }
  const remove = (name: string): boolean => {
    if (verbose) io.out(`rmdir: removing directory, '${name}'\n`);
    const rc = sys.fs.rmdir ? sys.fs.rmdir(sys.resolve(name)) : -EPERM;
    if (rc === 0) return true;
    if (rc === -ENOTEMPTY && ignoreNonEmpty) return false;
    io.err(`rmdir: failed to remove '${name}': ${errnoText(rc)}\n`);
    status = 1;
    return false;
  };
  let status = 0;
  for (const name of parsed.operands) {
    if (!remove(name) || !parents) continue;
    // remove_parents(): "a/b/c" then "a/b" then "a"
    let dir = name.replace(/\/+$/, '');
    for (;;) {
      const slash = dir.lastIndexOf('/');
      if (slash <= 0) break;
      dir = dir.slice(0, slash).replace(/\/+$/, '');
      if (dir === '' || !remove(dir)) break;
    }
  }
  return status;
}

export const rmdir: Tool = { name: 'rmdir', main, summary: 'remove empty directories' };
