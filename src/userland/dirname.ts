/**
 * dirname(1) of GNU coreutils 9.1: each NAME without its last component ("." when none). -z.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'zero', has: 'none', key: 'z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

/** mdir_name(): "/a/b" → "/a", "a" → ".", "/" and "//a" → "/". */
export function dirName(name: string): string {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return name.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  const dir = trimmed.slice(0, slash).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

export function main(argv: string[], io: Io, _sys: System): number {
  const parsed = getopt(argv, 'z', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'dirname');
  }
  let eol = '\n';
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: dirname [OPTION] NAME...\nOutput each NAME with its last non-slash component and trailing slashes\nremoved; if NAME contains no /\'s, output \'.\' (meaning the current directory).\n');
      return 0;
    }
    if (key === 'version') {
      io.out('dirname (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'z') eol = '\0';
  }
  if (parsed.operands.length === 0) {
    io.err('dirname: missing operand\n');
    return tryHelp(io, 'dirname');
  }
  io.out(parsed.operands.map((n) => dirName(n) + eol).join(''));
  return 0;
}

export const dirname: Tool = { name: 'dirname', main, summary: 'strip last component from file name' };
