/**
 * tail(1) of GNU coreutils 9.1: the last 10 lines (-n N, -N), from line N on (-n +N),
 * bytes (-c), headers for several files. -f is accepted but a chat cannot follow a file:
 * tail prints what is there and ends.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';
import { eachOperand, obsoleteCount, parseCount, type Count } from './head-tail';

const LONG: LongOption[] = [
  { name: 'bytes', has: 'required', key: 'c' },
  { name: 'lines', has: 'required', key: 'n' },
  { name: 'follow', has: 'optional', key: 'f' },
  { name: 'quiet', has: 'none', key: 'q' },
  { name: 'silent', has: 'none', key: 'q' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'retry', has: 'none', key: 'retry' },
  { name: 'pid', has: 'required', key: 'pid' },
  { name: 'sleep-interval', has: 'required', key: 's' },
  { name: 'zero-terminated', has: 'none', key: 'z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(obsoleteCount(argv), 'c:n:fFqvs:z', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'tail');
  }
  let count: Count = { value: 10, sign: '' };
  let bytes = false;
  let headers: boolean | null = null;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: tail [OPTION]... [FILE]...\nPrint the last 10 lines of each FILE to standard output.\nWith more than one FILE, precede each with a header giving the file name.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('tail (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'n' || key === 'c') {
      const c = parseCount(arg as string);
      if (!c) {
        io.err(`tail: invalid number of ${key === 'n' ? 'lines' : 'bytes'}: '${arg}'\n`);
        return 1;
      }
      count = c;
      bytes = key === 'c';
    }
    if (key === 'q') headers = false;
    if (key === 'v') headers = true;
  }
  return eachOperand('tail', parsed.operands, headers, bytes, io, sys, (units) => units.slice(count.sign === '+' ? Math.max(0, count.value - 1) : Math.max(0, units.length - count.value)));
}

export const tail: Tool = { name: 'tail', main, summary: 'output the last part of files' };
