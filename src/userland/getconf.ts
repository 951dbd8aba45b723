/**
 * getconf(1) of glibc 2.36 (Debian 12, posix/getconf.c): the value of one configuration
 * variable (sysconf, confstr, or pathconf for a PATH), or every one with -a [PATH]. Names
 * match exactly or without their "_POSIX_" prefix (getconf VERSION is _POSIX_VERSION); an
 * undefined value prints "undefined" (and nothing after the name in -a); a pathconf variable
 * wants a PATH and the others refuse one (usage, exit 2); a variable Linux reads with statfs(2)
 * fails on a missing path with "pathconf: PATH: …" (exit 3). `-v SPEC` is read and ignored:
 * Debian's glibc defines every programming environment, so no other getconf is run.
 * The values are the oracle guest's (getconf-vars.ts).
 */
import type { Io, System, Tool } from './tool';
import { errnoText, statFollow } from './files';
import { ONLINE_CPUS } from '../kernel/proc-hardware';
import { GETCONF_VARS, type Dynamic } from './getconf-vars';

const USAGE = `Usage: getconf [-v specification] variable_name [pathname]
       getconf -a [pathname]
`;

const HELP = `Usage: getconf [-v SPEC] VAR
  or:  getconf [-v SPEC] PATH_VAR PATH

Get the configuration value for variable VAR, or for variable PATH_VAR
for path PATH.  If SPEC is given, give values for compilation
environment SPEC.

For bug reporting instructions, please see:
<http://www.debian.org/Bugs/>.
`;

const VERSION = `getconf (Debian GLIBC 2.36-9+deb12u14) 2.36
Copyright (C) 2022 Free Software Foundation, Inc.
This is free software; see the source for copying conditions.  There is NO
warranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.
Written by Roland McGrath.
`;

/** 4 KiB pages of a /proc/meminfo line's kB, as sysconf(_SC_PHYS_PAGES) reads sysinfo(2). */
function meminfoPages(sys: System, field: string): string {
  const text = sys.fs.read('/proc/meminfo');
  if (typeof text === 'number') return '';
  const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(text);
  return m ? String(Math.floor(Number(m[1]) / 4)) : '';
}

function dynamicValue(d: Dynamic, sys: System): string {
  if (d === 'cpus') return String(ONLINE_CPUS);
  return meminfoPages(sys, d === 'phys' ? 'MemTotal' : 'MemFree');
}

type Entry = (typeof GETCONF_VARS)[number];

/** The value of a variable, '' when undefined, or a negative errno when PATH cannot be statfs'd. */
function valueOf([, kind, value]: Entry, path: string | undefined, sys: System): string | number {
  if (kind === 'statfs' && path !== undefined) {
    const st = statFollow(sys, sys.resolve(path));
    if (typeof st === 'number') return st;
  }
  return typeof value === 'string' ? value : dynamicValue(value.dynamic, sys);
}

function usage(io: Io): number {
  io.err(USAGE);
  return 2;
}

function printAll(path: string, io: Io, sys: System): number {
  let out = '';
  for (const entry of GETCONF_VARS) {
    const value = valueOf(entry, path, sys);
    out += entry[0].padEnd(35) + (typeof value === 'number' ? '' : value) + '\n';
  }
  io.out(out);
  return 0;
}

export function main(argv: string[], io: Io, sys: System): number {
  let args = argv.slice(1);
  if (args[0] === '--version') return io.out(VERSION), 0;
  if (args[0] === '--help') return io.out(HELP), 0;
  if (args[0]?.startsWith('-v')) {
    if (args[0] === '-v') {
      if (args.length < 2) return usage(io);
      args = args.slice(2);
    } else {
      args = args.slice(1);
    }
  }
  if (args[0] === '-a') {
    if (args.length === 1) return printAll('/', io, sys);
    if (args.length === 2) return printAll(args[1], io, sys);
    return usage(io);
  }
  const ai = args[0] === '--' ? 1 : 0;
  const count = args.length - ai;
  if (count < 1 || count > 2) return usage(io);
  const name = args[ai];
  const entry = GETCONF_VARS.find(([n]) => n === name || (n.startsWith('_POSIX_') && n.slice(7) === name));
  if (!entry) {
    io.err(`getconf: Unrecognized variable \`${name}'\n`);
    return 2;
  }
  const kind = entry[1];
  const pathconf = kind === 'path' || kind === 'statfs';
  if (pathconf ? count < 2 : count > 1) return usage(io);
  const path = pathconf ? args[ai + 1] : undefined;
  const value = valueOf(entry, path, sys);
  if (typeof value === 'number') {
    io.err(`getconf: pathconf: ${path ?? ''}: ${errnoText(value)}\n`);
    return 3;
  }
  io.out((value === '' && kind !== 'confstr' ? 'undefined' : value) + '\n');
  return 0;
}

export const getconf: Tool = { name: 'getconf', main, summary: 'query system configuration variables' };
