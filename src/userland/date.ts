/**
 * date(1) of GNU coreutils 9.1 on a machine whose zone is UTC: +FORMAT, -u, -d STRING,
 * -r FILE, -R, -I[FMT], --rfc-3339=FMT. Setting the clock (-s, MMDDhhmm) fails with EPERM:
 * the machine's clock is the injected one every conversation shares.
 * Time comes from the machine's clock (files.ts now()), so `sleep 2; date` shows the time passed.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, now, statFollow, tryHelp } from './files';
import { instantOfMs, strftime, type Instant } from './strftime';
import { parseDate } from './date-parse';

const LONG: LongOption[] = [
  { name: 'date', has: 'required', key: 'd' },
  { name: 'debug', has: 'none', key: 'debug' },
  { name: 'file', has: 'required', key: 'f' },
  { name: 'iso-8601', has: 'optional', key: 'I' },
  { name: 'reference', has: 'required', key: 'r' },
  { name: 'resolution', has: 'none', key: 'resolution' },
  { name: 'rfc-email', has: 'none', key: 'R' },
  { name: 'rfc-822', has: 'none', key: 'R' },
  { name: 'rfc-2822', has: 'none', key: 'R' },
  { name: 'rfc-3339', has: 'required', key: 'rfc-3339' },
  { name: 'set', has: 'required', key: 's' },
  { name: 'uct', has: 'none', key: 'u' },
  { name: 'universal', has: 'none', key: 'u' },
  { name: 'utc', has: 'none', key: 'u' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

/** The argmatch tables of date.c: --iso-8601 and --rfc-3339 arguments, in their order. */
const ISO_ARGS: Array<[string, string]> = [
  ['hours', '%Y-%m-%dT%H%:z'],
  ['minutes', '%Y-%m-%dT%H:%M%:z'],
  ['date', '%Y-%m-%d'],
  ['seconds', '%Y-%m-%dT%H:%M:%S%:z'],
  ['ns', '%Y-%m-%dT%H:%M:%S,%N%:z'],
];
const RFC3339_ARGS: Array<[string, string]> = [
  ['date', '%Y-%m-%d'],
  ['seconds', '%Y-%m-%d %H:%M:%S%:z'],
  ['ns', '%Y-%m-%d %H:%M:%S.%N%:z'],
];
const RFC_EMAIL = '%a, %d %b %Y %H:%M:%S %z';
const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

/** argmatch(): an exact name or an unambiguous prefix. */
function argmatch(arg: string, table: Array<[string, string]>): string | 'ambiguous' | undefined {
  const exact = table.find(([name]) => name === arg);
  if (exact) return exact[1];
  const hits = table.filter(([name]) => name.startsWith(arg));
  if (hits.length === 1 && arg !== '') return hits[0][1];
  return hits.length > 1 && arg !== '' ? 'ambiguous' : undefined;
}

function badArgument(io: Io, arg: string, option: string, table: Array<[string, string]>, ambiguous: boolean): number {
  io.err(`date: ${ambiguous ? 'ambiguous' : 'invalid'} argument '${arg}' for '${option}'\nValid arguments are:\n${table.map(([n]) => `  - '${n}'\n`).join('')}`);
  return tryHelp(io, 'date');
}

const USAGE = `Usage: date [OPTION]... [+FORMAT]
  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]
Display date and time in the given FORMAT.
With -s, or with [MMDDhhmm[[CC]YY][.ss]], set the date and time.
`;

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'd:f:I::r:Rs:u', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'date');
  }
  let dateText: string | undefined;
  let reference: string | undefined;
  let setText: string | undefined;
  let format: string | undefined;
  let formats = 0;
  for (const { key, arg, spelled } of parsed.options) {
    switch (key) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'version':
        io.out('date (GNU coreutils) 9.1\n');
        return 0;
      case 'd':
        dateText = arg;
        break;
      case 'r':
        reference = arg;
        break;
      case 's':
        setText = arg;
        break;
      case 'f':
        io.err(`date: ${arg}: No such file or directory\n`);
        return 1;
      case 'R':
        format = RFC_EMAIL;
        formats++;
        break;
      case 'I': {
        const got = arg === undefined ? '%Y-%m-%d' : argmatch(arg, ISO_ARGS);
        if (got === undefined || got === 'ambiguous') return badArgument(io, arg ?? '', spelled.startsWith('--') ? '--iso-8601' : '-I', ISO_ARGS, got === 'ambiguous');
        format = got;
        formats++;
        break;
      }
      case 'rfc-3339': {
        const got = argmatch(arg ?? '', RFC3339_ARGS);
        if (got === undefined || got === 'ambiguous') return badArgument(io, arg ?? '', '--rfc-3339', RFC3339_ARGS, got === 'ambiguous');
        format = got;
        formats++;
        break;
      }
      default:
        // -u: the machine's zone is UTC already.
        break;
    }
  }
  const operands = parsed.operands;
  if (operands.length > 1) {
    io.err(`date: extra operand '${operands[1]}'\n`);
    return tryHelp(io, 'date');
  }
  const operand = operands[0];
  if (operand !== undefined && operand.startsWith('+')) {
    if (formats > 0) {
      io.err('date: multiple output formats specified\n');
      return 1;
    }
    format = operand.slice(1);
    formats++;
  }
  if (formats > 1) {
    io.err('date: multiple output formats specified\n');
    return 1;
  }
  const sources = (dateText !== undefined ? 1 : 0) + (reference !== undefined ? 1 : 0) + (setText !== undefined ? 1 : 0);
  if (sources > 1) {
    io.err('date: the options to specify dates for printing are mutually exclusive\n');
    return tryHelp(io, 'date');
  }
  if (operand !== undefined && !operand.startsWith('+') && (dateText !== undefined || reference !== undefined || setText !== undefined)) {
    io.err(`date: the argument '${operand}' lacks a leading '+';\nwhen using an option to specify date(s), any non-option\nargument must be a format string beginning with '+'\n`);
    return tryHelp(io, 'date');
  }
  const clock = instantOfMs(now(sys));
  let when: Instant = clock;
  if (dateText !== undefined || setText !== undefined) {
    const text = (dateText ?? setText) as string;
    const got = parseDate(text, clock);
    if (!got) {
      io.err(`date: invalid date '${text}'\n`);
      return 1;
    }
    when = got;
    if (setText !== undefined) {
      io.err('date: cannot set date: Operation not permitted\n');
      io.out(strftime(format ?? DEFAULT_FORMAT, when) + '\n');
      return 1;
    }
  } else if (reference !== undefined) {
    const st = statFollow(sys, sys.resolve(reference));
    if (typeof st === 'number') {
      io.err(`date: ${reference}: ${errnoText(st)}\n`);
      return 1;
    }
    when = instantOfMs(st.mtime);
  } else if (operand !== undefined && !operand.startsWith('+')) {
    // MMDDhhmm[[CC]YY][.ss]: setting the clock.
    if (!/^\d{8}(\d{2}|\d{4})?(\.\d{2})?$/.test(operand)) {
      io.err(`date: invalid date '${operand}'\n`);
      return 1;
    }
    io.err('date: cannot set date: Operation not permitted\n');
    io.out(strftime(DEFAULT_FORMAT, clock) + '\n');
    return 1;
  }
  io.out(strftime(format ?? DEFAULT_FORMAT, when) + '\n');
  return 0;
}

export const date: Tool = { name: 'date', main, summary: 'print or set the system date and time' };
