/**
 * tee(1) of GNU coreutils 9.1: standard input to standard output and each FILE (-a
 * appends). Files are opened first, so their errors come before the copied text; the
 * status is 1 when one failed.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'append', has: 'none', key: 'a' },
  { name: 'ignore-interrupts', has: 'none', key: 'i' },
  { name: 'output-error', has: 'optional', key: 'output-error' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'aip', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'tee');
  }
  let append = false;
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: tee [OPTION]... [FILE]...\nCopy standard input to each FILE, and also to standard output.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('tee (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'a') append = true;
  }
  let status = 0;
  const open: string[] = [];
  for (const name of parsed.operands) {
    // open(O_WRONLY|O_CREAT|O_TRUNC or O_APPEND): an empty write creates or truncates it
    const path = sys.resolve(name);
    const rc = sys.fs.write(path, '', append);
    if (rc < 0) {
      io.err(`tee: ${name}: ${errnoText(rc)}\n`);
      status = 1;
      continue;
    }
    open.push(path);
  }
  const data = io.stdin;
  io.out(data);
  if (data !== '') {
    for (const path of open) {
      const rc = sys.fs.write(path, data, true);
      if (rc < 0) {
        io.err(`tee: ${path}: ${errnoText(rc)}\n`);
        status = 1;
      }
    }
  }
  return status;
}

export const tee: Tool = { name: 'tee', main, summary: 'read from standard input and write to standard output and files' };
