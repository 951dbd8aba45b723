/**
 * tail(1) of GNU coreutils 9.1: the last 10 lines (-n N, -N), from line N on (-n +N),
 * bytes (-c), headers for several files. -f is accepted but a chat cannot follow a file:
 * tail prints what is there and ends.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand, statOperand, tryHelp } from './files';
import { header, obsoleteCount, parseCount, splitLines, type Count } from './head-tail';

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
  const files = parsed.operands.length ? parsed.operands : ['-'];
  const showHeaders = headers ?? files.length > 1;
  let status = 0;
  let first = true;
  for (const name of files) {
    const st = name === '-' ? null : statOperand(name, sys);
    if (typeof st === 'number') {
      io.err(`tail: cannot open '${name}' for reading: ${errnoText(st)}\n`);
      status = 1;
      continue;
    }
    if (showHeaders) header(io, name, first);
    first = false;
    const data = readOperand(name, io, sys);
    if (typeof data === 'number') {
      io.err(`tail: error reading '${name}': ${errnoText(data)}\n`);
      status = 1;
      continue;
    }
    if (bytes) {
      const buf = Buffer.from(data, 'utf8');
      const from = count.sign === '+' ? Math.max(0, count.value - 1) : Math.max(0, buf.length - count.value);
      io.out(buf.subarray(from).toString('utf8'));
    } else {
      const all = splitLines(data);
      const from = count.sign === '+' ? Math.max(0, count.value - 1) : Math.max(0, all.length - count.value);
      io.out(all.slice(from).join(''));
    }
  }
  return status;
}

export const tail: Tool = { name: 'tail', main, summary: 'output the last part of files' };
