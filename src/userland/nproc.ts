/**
 * nproc(1) of GNU coreutils 9.1: the processing units this process may use (the machine's
 * two vCPUs, all in its affinity mask), unless OMP_NUM_THREADS / OMP_THREAD_LIMIT say
 * otherwise (gnulib's num_processors, NPROC_CURRENT_OVERRIDABLE); --all ignores them;
 * --ignore=N takes N away but never goes below 1.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';
import { ONLINE_CPUS } from '../kernel/proc-hardware';
import { coreutilsVersion } from './gnu-version';

const LONG: LongOption[] = [
  { name: 'all', has: 'none', key: 'all' },
  { name: 'ignore', has: 'required', key: 'ignore' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const USAGE = `Usage: nproc [OPTION]...
Print the number of processing units available to the current process,
which may be less than the number of online processors

      --all      print the number of installed processors
      --ignore=N  if possible, exclude N processing units
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/nproc>
or available locally via: info '(coreutils) nproc invocation'
`;

const VERSION = coreutilsVersion('nproc', 'Giuseppe Scrivano');

/** ULONG_MAX on x86-64: xdectoumax's upper bound for --ignore. */
const ULONG_MAX = 2n ** 64n - 1n;

/** xdectoumax(optarg, 0, ULONG_MAX, "", "invalid number", 0): a message, or the value. */
function parseIgnore(arg: string): bigint | string {
  // xstrtoumax: leading white space, an optional '+', decimal digits, nothing after; no '-'.
  const m = /^[ \t\n\v\f\r]*\+?([0-9]+)$/.exec(arg);
  if (!m) return `invalid number: '${arg}'`;
  const value = BigInt(m[1]);
  return value > ULONG_MAX ? `invalid number: '${arg}': Value too large for defined data type` : value;
}

/** gnulib's parse_omp_threads: a leading decimal, then only white space or a ','; else 0. */
function ompThreads(value: string | undefined): bigint {
  const m = value === undefined ? null : /^[ \t\n\v\f\r]*([0-9]+)[ \t\n\v\f\r]*(,|$)/.exec(value);
  if (!m) return 0n;
  const n = BigInt(m[1]);
  // strtoul saturates at ULONG_MAX.
  return n > ULONG_MAX ? ULONG_MAX : n;
}

/** num_processors(): --all reads the installed CPUs; otherwise the OpenMP variables may override. */
function processors(all: boolean, env: Readonly<Record<string, string>>): bigint {
  const cpus = BigInt(ONLINE_CPUS);
  if (all) return cpus;
  const threads = ompThreads(env.OMP_NUM_THREADS);
  const limit = ompThreads(env.OMP_THREAD_LIMIT) || ULONG_MAX;
  if (threads) return threads < limit ? threads : limit;
  return cpus < limit ? cpus : limit;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, '', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'nproc');
  }
  let all = false;
  let ignore = 0n;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (key === 'version') {
      io.out(VERSION);
      return 0;
    }
    if (key === 'all') all = true;
    if (key === 'ignore') {
      const value = parseIgnore(arg ?? '');
      if (typeof value === 'string') {
        io.err(`nproc: ${value}\n`);
        return 1;
      }
      ignore = value;
    }
  }
  if (parsed.operands.length > 0) {
    io.err(`nproc: extra operand '${parsed.operands[0]}'\n`);
    return tryHelp(io, 'nproc');
  }
  const n = processors(all, sys.env);
  io.out(`${ignore < n ? n - ignore : 1n}\n`);
  return 0;
}

export const nproc: Tool = { name: 'nproc', main, summary: 'print the number of processing units available' };
