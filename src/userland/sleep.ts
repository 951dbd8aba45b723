/**
 * sleep(1) of GNU coreutils 9.1: NUMBER[smhd]..., summed. A chat line cannot block, so the
 * machine's clock moves on by the total instead (Kernel.nanosleep): dmesg timestamps,
 * /proc/uptime and `date` after it show the time passed. Longer than MAX_SLEEP_SECONDS
 * the oracle's own per-command limit would have killed it; the clock moves on that far.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';

/** The oracle kills a command after 120 s; a chat sleep moves the clock at most a day. */
export const MAX_SLEEP_SECONDS = 86400;

const LONG: LongOption[] = [
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** xstrtod + apply_suffix: seconds, or null for an invalid interval. */
export function interval(arg: string): number | null {
  const m = /^[ \t\n]*\+?((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?)([smhd]?)$/i.exec(arg);
  if (!m) return null;
  const v = /^inf/i.test(m[1]) ? Infinity : Number(m[1]);
  return v * UNITS[m[2]];
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, '', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'sleep');
  }
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: sleep NUMBER[SUFFIX]...\n  or:  sleep OPTION\nPause for NUMBER seconds.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('sleep (GNU coreutils) 9.1\n');
      return 0;
    }
  }
  if (parsed.operands.length === 0) {
    io.err('sleep: missing operand\n');
    return tryHelp(io, 'sleep');
  }
  let total = 0;
  let bad = false;
  for (const op of parsed.operands) {
    const s = interval(op);
    if (s === null) {
      io.err(`sleep: invalid time interval '${op}'\n`);
      bad = true;
      continue;
    }
    total += s;
  }
  if (bad) return tryHelp(io, 'sleep');
  sys.kernel.nanosleep(Math.round(Math.min(total, MAX_SLEEP_SECONDS) * 1000));
  return 0;
}

export const sleep: Tool = { name: 'sleep', main, summary: 'delay for a specified amount of time' };
