/**
 * yes(1) of GNU coreutils 9.1: its operands (or "y") forever. Here "forever" ends where the
 * reader's pipe or the terminal stops taking output (MAX_OUTPUT): `yes | head -3` is the use.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';
import { MAX_OUTPUT } from './limits';

const LONG: LongOption[] = [
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, _sys: System): number {
  // yes takes only --help/--version (parse_gnu_standard_options_only); "-x" is an operand
  const parsed = getopt(argv.slice(0, 2).filter((a, i) => i === 0 || a.startsWith('--')), '', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'yes');
  }
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: yes [STRING]...\n  or:  yes OPTION\nRepeatedly output a line with all specified STRING(s), or \'y\'.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('yes (GNU coreutils) 9.1\n');
      return 0;
    }
  }
  const words = argv.slice(1);
  if (words[0] === '--') words.shift();
  const line = (words.length ? words.join(' ') : 'y') + '\n';
  const count = Math.max(1, Math.floor(MAX_OUTPUT / line.length));
  io.out(line.repeat(count));
  return 0;
}

export const yes: Tool = { name: 'yes', main, summary: 'output a string repeatedly until killed' };
