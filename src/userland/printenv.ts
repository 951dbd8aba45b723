/**
 * printenv(1) of GNU coreutils 9.1: the environment, or the values of the VARIABLEs named
 * (exit status 1 when one is not set or names with a '='; 2 for a bad option), -0 for NULs.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { coreutilsVersion } from './gnu-version';

const HELP = `Usage: printenv [OPTION]... [VARIABLE]...
Print the values of the specified environment VARIABLE(s).
If no VARIABLE is specified, print name and value pairs for them all.

  -0, --null     end each output line with NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

NOTE: your shell may have its own version of printenv, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/printenv>
or available locally via: info '(coreutils) printenv invocation'
`;

const VERSION = coreutilsVersion('printenv', 'David MacKenzie and Richard Mlynarik');

const LONG: LongOption[] = [
  { name: 'null', has: 'none', key: '0' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, '+iu:0', LONG);
  if (!parsed.ok) {
    io.err(parsed.message + "Try 'printenv --help' for more information.\n");
    return 2;
  }
  let end = '\n';
  for (const { key } of parsed.options) {
    if (key === 'help') return io.out(HELP), 0;
    if (key === 'version') return io.out(VERSION), 0;
    if (key === '0') end = '\0';
    // printenv.c shares env's option letters; -i and -u are usage errors without a message of their own.
    else if (key === 'i' || key === 'u') {
      io.err("Try 'printenv --help' for more information.\n");
      return 2;
    }
  }
  if (parsed.operands.length === 0) {
    for (const [name, value] of Object.entries(sys.env)) io.out(`${name}=${value}${end}`);
    return 0;
  }
  let found = 0;
  for (const name of parsed.operands) {
    const value = name.includes('=') ? undefined : sys.env[name];
    if (value === undefined) continue;
    io.out(`${value}${end}`);
    found++;
  }
  return found === parsed.operands.length ? 0 : 1;
}

export const printenv: Tool = { name: 'printenv', main, summary: 'print all or part of environment' };
