/**
 * pwd(1) of GNU coreutils 9.1 (/usr/bin/pwd, not bash's builtin): physical by default
 * (POSIXLY_CORRECT unset); -L prints $PWD only when it is absolute, has no `.` or `..`
 * component and names the working directory, else the physical path as -P would.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'logical', has: 'none', key: 'L' },
  { name: 'physical', has: 'none', key: 'P' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const realOf = (sys: System, path: string): string | number => (sys.fs.realpath ? sys.fs.realpath(path, true) : path);

/** logical_getcwd(): $PWD when it is a clean absolute name of the working directory. */
function logical(sys: System, physical: string): string | undefined {
  const wd = sys.env.PWD;
  if (wd === undefined || !wd.startsWith('/') || wd.split('/').some((p) => p === '.' || p === '..')) return undefined;
  return realOf(sys, wd) === physical ? wd : undefined;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'LP', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'pwd');
  }
  let useLogical = false;
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: pwd [OPTION]...\nPrint the full filename of the current working directory.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('pwd (GNU coreutils) 9.1\n');
      return 0;
    }
    useLogical = key === 'L';
  }
  if (parsed.operands.length > 0) io.err('pwd: ignoring non-option arguments\n');
  const physical = realOf(sys, sys.cwd);
  if (typeof physical === 'number') {
    io.err(`pwd: couldn't find directory entry in '..' with matching i-node: ${errnoText(physical)}\n`);
    return 1;
  }
  io.out(((useLogical ? logical(sys, physical) : undefined) ?? physical) + '\n');
  return 0;
}

export const pwd: Tool = { name: 'pwd', main, summary: 'print name of current/working directory' };
