/**
 * touch(1) of GNU coreutils 9.1: each FILE gets the current time, a missing one is created
 * empty (-c: not created). Touching a module keeps it a module (only its time changes).
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';
import { EPERM } from '../kernel/errno';

const LONG: LongOption[] = [
  { name: 'no-create', has: 'none', key: 'c' },
  { name: 'no-dereference', has: 'none', key: 'h' },
  { name: 'date', has: 'required', key: 'd' },
  { name: 'reference', has: 'required', key: 'r' },
  { name: 'time', has: 'required', key: 'time' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'acd:fhmr:t:', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'touch');
  }
  let create = true;
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: touch [OPTION]... FILE...\nUpdate the access and modification times of each FILE to the current time.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('touch (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'c') create = false;
  }
  if (parsed.operands.length === 0) {
    io.err('touch: missing file operand\n');
    return tryHelp(io, 'touch');
  }
  let status = 0;
  for (const name of parsed.operands) {
    const path = sys.resolve(name);
    if (!create && typeof sys.fs.stat(path) === 'number') continue;
    const rc = sys.fs.touch ? sys.fs.touch(path) : -EPERM;
    if (rc < 0) {
      io.err(`touch: cannot touch '${name}': ${errnoText(rc)}\n`);
      status = 1;
    }
  }
  return status;
}

export const touch: Tool = { name: 'touch', main, summary: 'change file timestamps' };
