/**
 * timeout(1) of GNU coreutils 9.1: run COMMAND and send it SIGNAL (TERM) once DURATION has
 * passed. The machine's programs do not run on a wall clock: the alarm is a deadline on the
 * child's process (src/kernel/process.ts) that ends its sleep, or a wait that would never
 * end, when the machine's time gets there. Exit status: the command's; 124 when it timed
 * out (with --preserve-status, the command's, 128 + signal); 125 timeout's own failure; 126
 * and 127 when the command cannot be run or found. Without --foreground timeout signals its
 * own process group too, so -s KILL kills timeout itself (bash reports it "Killed").
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { interval } from './sleep';
import { ENOENT } from '../kernel/errno';

const EXIT_TIMEDOUT = 124;
const EXIT_CANCELED = 125;
const EXIT_CANNOT_INVOKE = 126;
const EXIT_ENOENT = 127;
const SIGKILL = 9;

const LONG: LongOption[] = [
  { name: 'foreground', has: 'none', key: 'foreground' },
  { name: 'kill-after', has: 'required', key: 'k' },
  { name: 'preserve-status', has: 'none', key: 'preserve' },
  { name: 'signal', has: 'required', key: 's' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

/** The signals timeout(1) knows by name (sig2str of gnulib), and their numbers. */
const SIGNALS: Readonly<Record<string, number>> = {
  HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, IOT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15,
  STKFLT: 16, CHLD: 17, CLD: 17, CONT: 18, STOP: 19, TSTP: 20, TTIN: 21, TTOU: 22, URG: 23, XCPU: 24, XFSZ: 25, VTALRM: 26, PROF: 27, WINCH: 28, IO: 29, POLL: 29, PWR: 30, SYS: 31,
};

/** Signals whose default action does not end a process (timeout's child then lives on). */
const HARMLESS = new Set([17, 18, 19, 20, 21, 22, 23, 28]);

function signalNumber(spec: string): number | undefined {
  if (/^[0-9]+$/.test(spec)) return Number(spec) <= 64 ? Number(spec) : undefined;
  return SIGNALS[spec.toUpperCase().replace(/^SIG/, '')];
}

function signalName(n: number): string {
  return Object.keys(SIGNALS).find((k) => SIGNALS[k] === n) ?? String(n);
}

function tryHelp(io: Io): number {
  io.err("Try 'timeout --help' for more information.\n");
  return EXIT_CANCELED;
}

export function main(argv: string[], io: Io, sys: System): number {
  // '+': options end at DURATION, as in timeout.c's "+:k:s:v"
  const parsed = getopt(argv, '+k:s:v', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io);
  }
  let signal = 15;
  let preserve = false;
  let verbose = false;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: timeout [OPTION] DURATION COMMAND [ARG]...\n  or:  timeout [OPTION]\nStart COMMAND, and kill it if still running after DURATION.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('timeout (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'k' && interval(arg ?? '') === null) {
      io.err(`timeout: invalid time interval '${arg ?? ''}'\n`);
      return tryHelp(io);
    }
    if (key === 's') {
      const n = signalNumber(arg ?? '');
      if (n === undefined) {
        io.err(`timeout: '${arg ?? ''}': invalid signal\n`);
        return tryHelp(io);
      }
      signal = n;
    }
    if (key === 'preserve') preserve = true;
    if (key === 'v') verbose = true;
  }
  const [duration, ...command] = parsed.operands;
  if (duration === undefined || command.length === 0) return tryHelp(io);
  const seconds = interval(duration);
  if (seconds === null) {
    io.err(`timeout: invalid time interval '${duration}'\n`);
    return tryHelp(io);
  }
  const self = sys.kernel.processes.current;
  const now = (): number => sys.kernel.uptimeUsec() / 1000;
  const at = seconds > 0 && Number.isFinite(seconds) ? now() + seconds * 1000 : undefined;
  const outer = self?.deadline;
  // the child's alarm: ours, or an enclosing timeout's when that one rings first
  if (self && at !== undefined && (!outer || at < outer.at)) self.deadline = { at, signal };
  if (self) self.childSignal = undefined;
  let status: number;
  try {
    status = sys.exec(command, io);
  } finally {
    if (self) {
      if (outer) self.deadline = outer;
      else delete self.deadline;
    }
  }
  if (status === -ENOENT || status < 0) {
    const st = sys.fs.stat(sys.resolve(command[0]));
    const denied = command[0].includes('/') && typeof st !== 'number';
    io.err(`timeout: failed to run command '${command[0]}': ${denied ? 'Permission denied' : 'No such file or directory'}\n`);
    return denied ? EXIT_CANNOT_INVOKE : EXIT_ENOENT;
  }
  const died = self?.childSignal;
  const timedOut = at !== undefined && now() >= at && died === signal;
  if (timedOut) {
    if (verbose) io.err(`timeout: sending signal ${signalName(signal)} to command '${command[0]}'\n`);
    // kill(0, SIGKILL): timeout is in the group it signals and cannot catch KILL
    if (signal === SIGKILL && self) {
      self.killedBy = SIGKILL;
      return 128 + SIGKILL;
    }
    return preserve ? 128 + signal : EXIT_TIMEDOUT;
  }
  if (died !== undefined && !HARMLESS.has(died) && self) {
    // the child died of a signal not ours: timeout raises it on itself
    self.killedBy = died;
    return 128 + died;
  }
  return status;
}

export const timeout: Tool = { name: 'timeout', main, summary: 'run a command with a time limit' };
