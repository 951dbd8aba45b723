/**
 * mkdir(1) of GNU coreutils 9.1: -p (parents, no error for an existing directory), -v, -m
 * MODE (accepted; directories are created 0755). Messages quote in the C locale, as the
 * oracle's shell runs without LANG (12b-kmod-config: "mkdir: cannot create directory
 * '/etc/modprobe.d/sub.conf': File exists").
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, statFollow, tryHelp } from './files';
import { ENOTDIR, EPERM } from '../kernel/errno';

const LONG: LongOption[] = [
  { name: 'mode', has: 'required', key: 'm' },
  { name: 'parents', has: 'none', key: 'p' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'm:pv', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'mkdir');
  }
  let parents = false;
  let verbose = false;
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: mkdir [OPTION]... DIRECTORY...\nCreate the DIRECTORY(ies), if they do not already exist.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('mkdir (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'p') parents = true;
    if (key === 'v') verbose = true;
  }
  if (parsed.operands.length === 0) {
    io.err('mkdir: missing operand\n');
    return tryHelp(io, 'mkdir');
  }
  const mkdir = (path: string): number => (sys.fs.mkdir ? sys.fs.mkdir(path) : -EPERM);
  let status = 0;
  for (const name of parsed.operands) {
    const path = sys.resolve(name);
    if (parents) {
      // make_dir_parents(): each missing ancestor, then the directory; existing ones are fine
      const parts = name.split('/').filter((p) => p !== '');
      // an ancestor that is a file is named itself: "cannot create directory '/tmp/a': Not a directory"
      for (let i = 0; i < parts.length; i++) {
        const shown = (name.startsWith('/') ? '/' : '') + parts.slice(0, i + 1).join('/');
        const st = statFollow(sys, sys.resolve(shown));
        if (typeof st !== 'number' && st.type === 'dir') continue;
        const rc = typeof st !== 'number' ? -ENOTDIR : mkdir(sys.resolve(shown));
        if (rc < 0) {
          io.err(`mkdir: cannot create directory '${shown}': ${errnoText(rc)}\n`);
          status = 1;
          break;
        }
        if (verbose) io.out(`mkdir: created directory '${shown}'\n`);
      }
      continue;
    }
    const rc = mkdir(path);
    if (rc < 0) {
      io.err(`mkdir: cannot create directory '${name}': ${errnoText(rc)}\n`);
      status = 1;
    } else if (verbose) {
      io.out(`mkdir: created directory '${name}'\n`);
    }
  }
  return status;
}

export const mkdir: Tool = { name: 'mkdir', main, summary: 'make directories (GNU coreutils 9.1)' };
