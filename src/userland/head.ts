/**
 * head(1) of GNU coreutils 9.1: the first 10 lines (-n N, -N), all but the last N
 * (-n -N), bytes (-c), headers for several files.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';
import { eachOperand, obsoleteCount, parseCount, type Count } from './head-tail';

const LONG: LongOption[] = [
  { name: 'bytes', has: 'required', key: 'c' },
  { name: 'lines', has: 'required', key: 'n' },
  { name: 'quiet', has: 'none', key: 'q' },
  { name: 'silent', has: 'none', key: 'q' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'zero-terminated', has: 'none', key: 'z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(obsoleteCount(argv), 'c:n:qvz', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'head');
  }
  let count: Count = { value: 10, sign: '' };
  let bytes = false;
  let headers: boolean | null = null;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: head [OPTION]... [FILE]...\nPrint the first 10 lines of each FILE to standard output.\nWith more than one FILE, precede each with a header giving the file name.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('head (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'n' || key === 'c') {
      const c = parseCount(arg as string);
      if (!c || c.sign === '+') {
        if (c && c.sign === '+') count = { value: c.value, sign: '' };
        else {
          io.err(`head: invalid number of ${key === 'n' ? 'lines' : 'bytes'}: '${arg}'\n`);
          return 1;
        }
      } else count = c;
      bytes = key === 'c';
    }
    if (key === 'q') headers = false;
    if (key === 'v') headers = true;
  }
  return eachOperand('head', parsed.operands, headers, bytes, io, sys, (units) => units.slice(0, count.sign === '-' ? Math.max(0, units.length - count.value) : count.value), count.sign === '-' ? undefined : count.value);
}

/** How much of its standard input head takes before it exits. */
export interface StdinNeed {
  unit: 'lines' | 'bytes';
  count: number;
}

/**
 * What `head ARGV` reads from its standard input before it exits, when it reads only that
 * (no FILE but "-") and stops early: a positive count of lines or bytes, newline-terminated.
 * Otherwise (errors, --help, -n -N that reads to the end, -z, a count of 0 whose exit races
 * the writer) undefined: nothing is known.
 */
export function stdinNeed(argv: string[]): StdinNeed | undefined {
  const parsed = getopt(obsoleteCount(argv), 'c:n:qvz', LONG);
  if (!parsed.ok || parsed.operands.some((o) => o !== '-') || parsed.operands.length > 1) return undefined;
  let need: StdinNeed = { unit: 'lines', count: 10 };
  for (const { key, arg } of parsed.options) {
    if (key === 'help' || key === 'version' || key === 'z') return undefined;
    if (key === 'n' || key === 'c') {
      const c = parseCount(arg as string);
      if (!c || c.sign === '-') return undefined;
      need = { unit: key === 'n' ? 'lines' : 'bytes', count: c.value };
    }
  }
  return need.count > 0 && Number.isFinite(need.count) ? need : undefined;
}

export const head: Tool = { name: 'head', main, summary: 'output the first part of files' };
