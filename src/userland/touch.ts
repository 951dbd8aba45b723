/**
 * touch(1) of GNU coreutils 9.1: each FILE gets the current time, a missing one is created
 * empty (-c: not created). Touching a module keeps it a module (only its time changes).
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, now, tryHelp } from './files';
import { parseDate } from './date-parse';
import { instantOfMs } from './strftime';

/** posixtime(): [[CC]YY]MMDDhhmm[.ss] in UTC (the machine's zone), as ms; null when invalid. */
function stampTime(stamp: string, nowMs: number): number | null {
  const m = /^(\d{2}|\d{4})?(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{2}))?$/.exec(stamp);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  let year = new Date(nowMs).getUTCFullYear();
  if (y !== undefined) year = y.length === 4 ? Number(y) : Number(y) + (Number(y) < 69 ? 2000 : 1900);
  const t = Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  const back = new Date(t);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 60) return null;
  return t;
}
import { EPERM } from '../kernel/errno';

const LONG: LongOption[] = [
  { name: 'no-create', has: 'none', key: 'c' },
  { name: 'no-dereference', has: 'none', key: 'h' },
  { name: 'date', has: 'required', key: 'd' },
  { name: 'reference', has: 'required', key: 'r' },
  { name: 'time', has: 'required', key: 'time' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'acd:fhmr:t:', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'touch');
  }
  let create = true;
  /** -d, -t, -r: the time to set instead of now. */
  let mtime: number | undefined;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: touch [OPTION]... FILE...\nUpdate the access and modification times of each FILE to the current time.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('touch (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'c') create = false;
    if (key === 'd') {
      const got = parseDate(arg ?? '', instantOfMs(now(sys)));
      if (!got) {
        io.err(`touch: invalid date format '${arg ?? ''}'\n`);
        return 1;
      }
      mtime = got.sec * 1000 + Math.floor(got.nsec / 1e6);
    }
    if (key === 't') {
      const t = stampTime(arg ?? '', now(sys));
      if (t === null) {
        io.err(`touch: invalid date format '${arg ?? ''}'\n`);
        return 1;
      }
      mtime = t;
    }
    if (key === 'r') {
      const st = sys.fs.stat(sys.resolve(arg ?? ''));
      if (typeof st === 'number') {
        io.err(`touch: failed to get attributes of '${arg ?? ''}': ${errnoText(st)}\n`);
        return 1;
      }
      mtime = st.mtime;
    }
  }
  if (parsed.operands.length === 0) {
    io.err('touch: missing file operand\n');
    return tryHelp(io, 'touch');
  }
  let status = 0;
  for (const name of parsed.operands) {
    const path = sys.resolve(name);
    if (!create && typeof sys.fs.stat(path) === 'number') continue;
    const rc = sys.fs.touch ? sys.fs.touch(path, mtime) : -EPERM;
    if (rc < 0) {
      io.err(`touch: cannot touch '${name}': ${errnoText(rc)}\n`);
      status = 1;
    }
  }
  return status;
}

export const touch: Tool = { name: 'touch', main, summary: 'change file timestamps' };
