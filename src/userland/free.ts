/**
 * free(1) of procps-ng 4.0.2: /proc/meminfo as a table — used is MemTotal − MemAvailable,
 * buff/cache is Buffers + Cached + SReclaimable — in KiB or the unit asked (-b -k -m -g
 * --tebi --pebi, the SI --kilo … --peta, --si), human-readable (-h, scale_size), wide (-w),
 * with the Low/High (-l), Total (-t) and Comm (-v) lines; -s and -c repeat it, the machine's
 * clock moving on between reports as sleep's does.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { MAX_OUTPUT } from './limits';
import { MAX_SLEEP_SECONDS } from './sleep';

const USAGE = `
Usage:
 free [options]

Options:
 -b, --bytes         show output in bytes
     --kilo          show output in kilobytes
     --mega          show output in megabytes
     --giga          show output in gigabytes
     --tera          show output in terabytes
     --peta          show output in petabytes
 -k, --kibi          show output in kibibytes
 -m, --mebi          show output in mebibytes
 -g, --gibi          show output in gibibytes
     --tebi          show output in tebibytes
     --pebi          show output in pebibytes
 -h, --human         show human-readable output
     --si            use powers of 1000 not 1024
 -l, --lohi          show detailed low and high memory statistics
 -t, --total         show total for RAM + swap
 -v, --committed     show committed memory and commit limit
 -s N, --seconds N   repeat printing every N seconds
 -c N, --count N     repeat printing N times, then exit
 -w, --wide          wide output

     --help     display this help and exit
 -V, --version  output version information and exit

For more details see free(1).
`;

const LONG: LongOption[] = [
  { name: 'bytes', has: 'none', key: 'b' },
  { name: 'kilo', has: 'none', key: 'kilo' },
  { name: 'mega', has: 'none', key: 'mega' },
  { name: 'giga', has: 'none', key: 'giga' },
  { name: 'tera', has: 'none', key: 'tera' },
  { name: 'peta', has: 'none', key: 'peta' },
  { name: 'kibi', has: 'none', key: 'k' },
  { name: 'mebi', has: 'none', key: 'm' },
  { name: 'gibi', has: 'none', key: 'g' },
  { name: 'tebi', has: 'none', key: 'tebi' },
  { name: 'pebi', has: 'none', key: 'pebi' },
  { name: 'human', has: 'none', key: 'h' },
  { name: 'si', has: 'none', key: 'si' },
  { name: 'lohi', has: 'none', key: 'l' },
  { name: 'total', has: 'none', key: 't' },
  { name: 'committed', has: 'none', key: 'v' },
  { name: 'seconds', has: 'required', key: 's' },
  { name: 'count', has: 'required', key: 'c' },
  { name: 'wide', has: 'none', key: 'w' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'V' },
];

/** How free shows a size: the unit's exponent (0: KiB by default, 1: bytes, 2: kilo …) and the flags. */
export interface FreeFormat {
  exponent: number;
  si: boolean;
  human: boolean;
  wide: boolean;
  lohi: boolean;
  total: boolean;
  committed: boolean;
}

const UNIT_EXPONENTS: Record<string, [number, boolean]> = {
  b: [1, false], k: [2, false], m: [3, false], g: [4, false], tebi: [5, false], pebi: [6, false],
  kilo: [2, true], mega: [3, true], giga: [4, true], tera: [5, true], peta: [6, true],
};

/** printf's %.1f of a float (free converts to float before printing). */
function oneDecimal(x: number): string {
  return Math.fround(x).toFixed(1);
}

/** scale_size(): KIB kibibytes as the format shows them. */
export function scaleSize(kib: number, f: FreeFormat): string {
  const base = f.si ? 1000 : 1024;
  const bytes = kib * 1024;
  if (!f.human) {
    if (f.exponent === 0) return String(Math.trunc(bytes / base));
    if (f.exponent === 1) return String(bytes);
    return String(Math.trunc(bytes / base ** (f.exponent - 1)));
  }
  let text = `${bytes}B`;
  if (text.length <= 4) return text;
  for (const [i, unit] of ['K', 'M', 'G', 'T', 'P'].entries()) {
    const scaled = bytes / base ** (i + 1);
    const suffix = f.si ? unit : `${unit}i`;
    const limit = f.si ? 4 : 5;
    text = `${oneDecimal(scaled)}${suffix}`;
    if (text.length <= limit) return text;
    text = `${Math.trunc(scaled)}${suffix}`;
    if (text.length <= limit) return text;
  }
  return text;
}

/** The fields of /proc/meminfo, in kB. */
function parseMeminfo(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([^:]+):\s+(\d+)/.exec(line);
    if (m) fields.set(m[1]!, Number(m[2]));
  }
  return fields;
}

/** One report of free for MEMINFO's text. */
export function freeReport(meminfo: string, f: FreeFormat): string {
  const mem = parseMeminfo(meminfo);
  const get = (name: string): number => mem.get(name) ?? 0;
  const total = get('MemTotal');
  const free = get('MemFree');
  const available = mem.has('MemAvailable') ? get('MemAvailable') : free;
  const cachedAll = get('Cached') + get('SReclaimable');
  const used = total - available;
  const swapTotal = get('SwapTotal');
  const swapFree = get('SwapFree');
  const cell = (kib: number, width: number): string => scaleSize(kib, f).padStart(width, ' ');
  const head = (label: string): string => label.padEnd(7, ' ');
  const lines = [
    f.wide
      ? '               total        used        free      shared     buffers       cache   available'
      : '               total        used        free      shared  buff/cache   available',
    head('Mem:') + cell(total, 13) + cell(used, 12) + cell(free, 12) + cell(get('Shmem'), 12) +
      (f.wide ? cell(get('Buffers'), 12) + cell(cachedAll, 12) : cell(get('Buffers') + cachedAll, 12)) + cell(available, 12),
  ];
  if (f.lohi) {
    // A kernel without highmem exports no LowTotal: all memory is low.
    const lowTotal = mem.has('LowTotal') ? get('LowTotal') : total;
    const lowFree = mem.has('LowFree') ? get('LowFree') : free;
    const highTotal = get('HighTotal');
    const highFree = get('HighFree');
    lines.push(head('Low:') + cell(lowTotal, 13) + cell(lowTotal - lowFree, 12) + cell(lowFree, 12));
    lines.push(head('High:') + cell(highTotal, 13) + cell(highTotal - highFree, 12) + cell(highFree, 12));
  }
  lines.push(head('Swap:') + cell(swapTotal, 13) + cell(swapTotal - swapFree, 12) + cell(swapFree, 12));
  if (f.total) lines.push(head('Total:') + cell(total + swapTotal, 13) + cell(used + swapTotal - swapFree, 12) + cell(free + swapFree, 12));
  if (f.committed) {
    const limit = get('CommitLimit');
    const committed = get('Committed_AS');
    lines.push(head('Comm:') + cell(limit, 13) + cell(committed, 12) + cell(limit - committed, 12));
  }
  return lines.join('\n') + '\n';
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'bkmghltvc:ws:V', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    io.err(USAGE);
    return 1;
  }
  const f: FreeFormat = { exponent: 0, si: false, human: false, wide: false, lohi: false, total: false, committed: false };
  let unitSet = false;
  let seconds: number | undefined;
  let count: number | undefined;
  for (const { key, arg } of parsed.options) {
    const unit = UNIT_EXPONENTS[key];
    if (unit) {
      if (unitSet) {
        io.err("free: Multiple unit options don't make sense.\n");
        return 1;
      }
      unitSet = true;
      f.exponent = unit[0];
      if (unit[1]) f.si = true;
    } else if (key === 'h') f.human = true;
    else if (key === 'si') f.si = true;
    else if (key === 'l') f.lohi = true;
    else if (key === 't') f.total = true;
    else if (key === 'v') f.committed = true;
    else if (key === 'w') f.wide = true;
    else if (key === 'help') return io.out(USAGE), 0;
    else if (key === 'V') return io.out('free from procps-ng 4.0.2\n'), 0;
    else if (key === 's') {
      // strtod_nol_or_err: a whole decimal number, no trailing text.
      const text = arg ?? '';
      const value = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN;
      if (Number.isNaN(value)) {
        io.err(`free: seconds argument failed: '${text}': Invalid argument\n`);
        return 1;
      }
      if (value * 1_000_000 < 1) {
        io.err(`free: seconds argument \`${text}' is not positive number\n`);
        return 1;
      }
      seconds = value;
    } else if (key === 'c') {
      const text = arg ?? '';
      if (!/^\s*[-+]?\d+$/.test(text)) {
        io.err(`free: failed to parse count argument: '${text}'\n`);
        return 1;
      }
      count = Number(text);
      if (count < 1) {
        io.err(`free: failed to parse count argument: '${text}': Numerical result out of range\n`);
        return 1;
      }
    }
  }
  if (parsed.operands.length > 0) {
    io.err(USAGE);
    return 1;
  }
  const repeat = seconds !== undefined || count !== undefined;
  const interval = seconds ?? 1;
  let written = 0;
  let slept = 0;
  for (let left = count ?? Infinity; ; ) {
    const meminfo = sys.fs.read('/proc/meminfo');
    if (typeof meminfo === 'number') {
      io.err('free: Memory information file /proc/meminfo does not exist\n');
      return 1;
    }
    const report = freeReport(meminfo, f);
    io.out(report);
    written += report.length + 1;
    if (count !== undefined && --left < 1) return 0;
    if (!repeat) return 0;
    io.out('\n');
    // Without -c it runs until stopped: here until the output can hold no more, or a day has passed.
    if (written >= MAX_OUTPUT || slept >= MAX_SLEEP_SECONDS) return 0;
    sys.kernel.nanosleep(Math.round(interval * 1000));
    // A signal that came while it slept (timeout's) ends it there.
    if (sys.kernel.processes.current?.killedBy !== undefined) return 0;
    slept += interval;
  }
}

export const free: Tool = { name: 'free', main, summary: 'display amount of free and used memory in the system' };
