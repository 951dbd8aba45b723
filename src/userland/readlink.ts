/**
 * readlink(1) and realpath(1) of GNU coreutils 9.1. readlink prints a link's target (status
 * 1, silently, for anything else); -f/-e/-m canonicalize: -f needs all but the last
 * component, -e all of them, -m none. realpath is -f with its complaints printed.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';
import { ENOENT } from '../kernel/errno';
import { resolvePath } from '../kernel/filetree';

type Mode = 'none' | 'f' | 'e' | 'm';

const LONG: LongOption[] = [
  { name: 'canonicalize', has: 'none', key: 'f' },
  { name: 'canonicalize-existing', has: 'none', key: 'e' },
  { name: 'canonicalize-missing', has: 'none', key: 'm' },
  { name: 'no-newline', has: 'none', key: 'n' },
  { name: 'quiet', has: 'none', key: 'q' },
  { name: 'silent', has: 'none', key: 's' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'zero', has: 'none', key: 'z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

/** canonicalize_filename_mode(): the resolved path, or -errno. */
export function canonicalize(sys: System, name: string, mode: Mode): string | number {
  const path = sys.resolve(name);
  if (mode === 'm') {
    // Past a missing component -m takes `..` lexically (the walk left it in the path).
    const lexical = resolvePath('/', path);
    const real = sys.fs.realpath ? sys.fs.realpath(lexical, true) : lexical;
    return typeof real === 'number' ? lexical : real;
  }
  const real = sys.fs.realpath ? sys.fs.realpath(path, true) : path;
  if (typeof real === 'number') return real;
  if (mode === 'e' && typeof sys.fs.stat(real) === 'number') return -ENOENT;
  return real;
}

function run(prog: 'readlink' | 'realpath', argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, prog === 'readlink' ? 'efmnqsvz' : 'eLmPqsz', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, prog);
  }
  let mode: Mode = prog === 'realpath' ? 'f' : 'none';
  let newline = true;
  let quiet = prog === 'readlink';
  let eol = '\n';
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out(prog === 'readlink' ? 'Usage: readlink [OPTION]... FILE...\nPrint value of a symbolic link or canonical file name\n' : 'Usage: realpath [OPTION]... FILE...\nPrint the resolved absolute file name;\nall but the last component must exist\n');
      return 0;
    }
    if (key === 'version') {
      io.out(`${prog} (GNU coreutils) 9.1\n`);
      return 0;
    }
    if (key === 'f' || key === 'e' || key === 'm') mode = key;
    if (key === 'n') newline = false;
    if (key === 'q' || key === 's') quiet = true;
    if (key === 'v') quiet = false;
    if (key === 'z') eol = '\0';
  }
  const ops = parsed.operands;
  if (ops.length === 0) {
    io.err(`${prog}: missing operand\n`);
    return tryHelp(io, prog);
  }
  if (!newline && ops.length > 1) {
    io.err(`${prog}: ignoring --no-newline with multiple arguments\n`);
    newline = true;
  }
  let status = 0;
  for (const name of ops) {
    let value: string | number;
    if (mode === 'none') {
      const st = sys.fs.stat(sys.resolve(name));
      value = typeof st === 'number' ? st : st.type === 'symlink' && st.target !== undefined ? st.target : -22;
    } else value = canonicalize(sys, name, mode);
    if (typeof value === 'number') {
      if (!quiet) io.err(`${prog}: ${name}: ${errnoText(value)}\n`);
      status = 1;
      continue;
    }
    io.out(value + (newline ? eol : ''));
  }
  return status;
}

export const readlink: Tool = { name: 'readlink', main: (argv, io, sys) => run('readlink', argv, io, sys), summary: 'print resolved symbolic links or canonical file names' };
export const realpath: Tool = { name: 'realpath', main: (argv, io, sys) => run('realpath', argv, io, sys), summary: 'print the resolved path' };
