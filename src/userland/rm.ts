/**
 * rm(1) of GNU coreutils 9.1: files, -r/-R for directories (children first), -f to ignore
 * missing operands, -d for empty directories, -v; refuses to recurse on '/'.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'force', has: 'none', key: 'f' },
  { name: 'recursive', has: 'none', key: 'r' },
  { name: 'dir', has: 'none', key: 'd' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'interactive', has: 'optional', key: 'I' },
  { name: 'no-preserve-root', has: 'none', key: 'no-preserve-root' },
  { name: 'preserve-root', has: 'optional', key: 'preserve-root' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'frRdviI', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'rm');
  }
  let force = false;
  let recursive = false;
  let dirs = false;
  let verbose = false;
  let preserveRoot = true;
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: rm [OPTION]... [FILE]...\nRemove (unlink) the FILE(s).\n');
      return 0;
    }
    if (key === 'version') {
      io.out('rm (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'f') force = true;
    if (key === 'r' || key === 'R') recursive = true;
    if (key === 'd') dirs = true;
    if (key === 'v') verbose = true;
    if (key === 'no-preserve-root') preserveRoot = false;
  }
  if (parsed.operands.length === 0) {
    if (force) return 0;
    io.err('rm: missing operand\n');
    return tryHelp(io, 'rm');
  }
  const fs = sys.fs;
  const unlink = (path: string): number => (fs.unlink ? fs.unlink(path) : -1);
  const rmdir = (path: string): number => (fs.rmdir ? fs.rmdir(path) : -1);
  const remove = (name: string, path: string): boolean => {
    const st = fs.stat(path);
    if (typeof st === 'number') {
      if (force) return true;
      io.err(`rm: cannot remove '${name}': ${errnoText(st)}\n`);
      return false;
    }
    if (st.type === 'dir') {
      if (!recursive) {
        if (dirs) {
          const rc = rmdir(path);
          if (rc < 0) {
            io.err(`rm: cannot remove '${name}': ${errnoText(rc)}\n`);
            return false;
          }
          if (verbose) io.out(`removed directory '${name}'\n`);
          return true;
        }
        io.err(`rm: cannot remove '${name}': Is a directory\n`);
        return false;
      }
      const names = fs.list(path);
      let ok = true;
      if (typeof names !== 'number') {
        for (const n of names) ok = remove(name.endsWith('/') ? name + n : `${name}/${n}`, path === '/' ? `/${n}` : `${path}/${n}`) && ok;
      }
      if (!ok) return false;
      const rc = rmdir(path);
      if (rc < 0) {
        io.err(`rm: cannot remove '${name}': ${errnoText(rc)}\n`);
        return false;
      }
      if (verbose) io.out(`removed directory '${name}'\n`);
      return true;
    }
    const rc = unlink(path);
    if (rc < 0) {
      io.err(`rm: cannot remove '${name}': ${errnoText(rc)}\n`);
      return false;
    }
    if (verbose) io.out(`removed '${name}'\n`);
    return true;
  };
  let status = 0;
  for (const name of parsed.operands) {
    const path = sys.resolve(name);
    if (recursive && preserveRoot && path === '/') {
      io.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
      status = 1;
      continue;
    }
    if (/(^|\/)\.\.?\/*$/.test(name)) {
      io.err(`rm: refusing to remove '.' or '..' directory: skipping '${name}'\n`);
      status = 1;
      continue;
    }
    if (!remove(name, path)) status = 1;
  }
  return status;
}

export const rm: Tool = { name: 'rm', main, summary: 'remove files or directories' };
