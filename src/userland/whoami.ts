/**
 * whoami(1) of GNU coreutils 9.1: the effective user's name (root, unless setpriv changed it).
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';
import { getpwuid } from './passwd';

const LONG: LongOption[] = [
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, '', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'whoami');
  }
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: whoami [OPTION]...\nPrint the user name associated with the current effective user ID.\nSame as id -un.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('whoami (GNU coreutils) 9.1\n');
      return 0;
    }
  }
  if (parsed.operands.length > 0) {
    io.err(`whoami: extra operand '${parsed.operands[0]}'\n`);
    return tryHelp(io, 'whoami');
  }
  const pw = getpwuid(sys, sys.uid);
  if (!pw) {
    io.err(`whoami: cannot find name for user ID ${sys.uid}\n`);
    return 1;
  }
  io.out(pw.name + '\n');
  return 0;
}

export const whoami: Tool = { name: 'whoami', main, summary: 'print effective user name' };
