/**
 * dmesg(1) of util-linux 2.38.1 (sys-utils/dmesg.c), reading the kernel log the way it
 * reads /dev/kmsg: every option fills one DmesgControl; combinations that exclude each
 * other are refused from one table (excl[]); each record goes through accept() and
 * format(). Not a terminal: no pager, colours only with --color=always (dmesg-colors.ts),
 * -H is the relative-time format. A record's facility beyond 2.38.1's twelve names is -1
 * (parse_faclev), as is the level and facility of a -F line without "<N>" or one read
 * while nothing asks for them: such records get no -x prefix and fail every -f/-l filter.
 * Time comes from the machine: boot time is kernel.state.bootedAt, "now" boot + uptime.
 */
import type { LogRecord } from '../kernel/state';
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, now } from './files';
import { EINVAL, EPERM } from '../kernel/errno';
import { facilityNames, levelNames, USAGE_FACILITIES } from './dmesg-names';
import { parseTimestamp } from './dmesg-time';
import { COLOR_RESET, dmesgColors, type DmesgColor } from './dmesg-colors';
import { derived, derivedKey, keepDerived } from '../contracts/derived';

/** A record as dmesg holds it: level and facility -1 when unknown (INIT_DMESG_RECORD). */
export interface DmesgRecord {
  usec: number;
  level: number;
  facility: number;
  text: string;
}

type TimeFormat = 'none' | 'ctime' | 'ctime-delta' | 'delta' | 'reltime' | 'time' | 'time-delta' | 'iso';
type Action = 'read-all' | 'read-clear' | 'clear' | 'console-off' | 'console-on' | 'console-level';

export interface DmesgControl {
  action: Action;
  method: 'kmsg' | 'syslog' | 'file';
  filename?: string;
  levels: Set<number> | null;
  facilities: Set<number> | null;
  timeFormat: TimeFormat;
  delta: boolean;
  raw: boolean;
  decode: boolean;
  json: boolean;
  forcePrefix: boolean;
  noEscape: boolean;
  follow: 'no' | 'all' | 'new';
  consoleLevel: number;
  /** µs since the epoch; 0 = not set. */
  since: number;
  until: number;
  /** Boot time, µs since the epoch (dmesg_get_boot_time). */
  bootTime: number;
  /** The previous record's time (record_count_delta) and minute (reltime breaks). */
  lastTime: number | null;
  lastMinute: string;
  /** --color=always: the sequences to use (defaults or a terminal-colors.d scheme). */
  colors: Record<DmesgColor, string> | null;
  colorMode: 'auto' | 'never' | 'always' | 'undef';
}

const LONG: LongOption[] = [
  { name: 'buffer-size', has: 'required', key: 's' },
  { name: 'clear', has: 'none', key: 'C' },
  { name: 'color', has: 'optional', key: 'L' },
  { name: 'console-level', has: 'required', key: 'n' },
  { name: 'console-off', has: 'none', key: 'D' },
  { name: 'console-on', has: 'none', key: 'E' },
  { name: 'decode', has: 'none', key: 'x' },
  { name: 'file', has: 'required', key: 'F' },
  { name: 'facility', has: 'required', key: 'f' },
  { name: 'follow', has: 'none', key: 'w' },
  { name: 'follow-new', has: 'none', key: 'W' },
  { name: 'human', has: 'none', key: 'H' },
  { name: 'help', has: 'none', key: 'h' },
  { name: 'json', has: 'none', key: 'J' },
  { name: 'kernel', has: 'none', key: 'k' },
  { name: 'level', has: 'required', key: 'l' },
  { name: 'since', has: 'required', key: 'since' },
  { name: 'syslog', has: 'none', key: 'S' },
  { name: 'raw', has: 'none', key: 'r' },
  { name: 'read-clear', has: 'none', key: 'c' },
  { name: 'reltime', has: 'none', key: 'e' },
  { name: 'show-delta', has: 'none', key: 'd' },
  { name: 'ctime', has: 'none', key: 'T' },
  { name: 'noescape', has: 'none', key: 'noescape' },
  { name: 'notime', has: 'none', key: 't' },
  { name: 'nopager', has: 'none', key: 'P' },
  { name: 'until', has: 'required', key: 'until' },
  { name: 'userspace', has: 'none', key: 'u' },
  { name: 'version', has: 'none', key: 'V' },
  { name: 'time-format', has: 'required', key: 'time-format' },
  { name: 'force-prefix', has: 'none', key: 'p' },
];
const SHORT = 'CcDdEeF:f:HhJkL::l:n:iPprSs:TtuVWwx';

/** excl[]: rows of options that exclude each other (ASCII order, as optutils.h wants). */
const exclusions: readonly string[][] = [
  ['C', 'D', 'E', 'c', 'n', 'r'],
  ['H', 'r'],
  ['L', 'r'],
  ['S', 'w'],
  ['T', 'r'],
  ['d', 'r'],
  ['e', 'r'],
  ['r', 'x'],
  ['r', 't'],
];

const USAGE = `
Usage:
 dmesg [options]

Display or control the kernel ring buffer.

Options:
 -C, --clear                 clear the kernel ring buffer
 -c, --read-clear            read and clear all messages
 -D, --console-off           disable printing messages to console
 -E, --console-on            enable printing messages to console
 -F, --file <file>           use the file instead of the kernel log buffer
 -f, --facility <list>       restrict output to defined facilities
 -H, --human                 human readable output
 -J, --json                  use JSON output format
 -k, --kernel                display kernel messages
 -L, --color[=<when>]        colorize messages (auto, always or never)
                               colors are enabled by default
 -l, --level <list>          restrict output to defined levels
 -n, --console-level <level> set level of messages printed to console
 -P, --nopager               do not pipe output into a pager
 -p, --force-prefix          force timestamp output on each line of multi-line messages
 -r, --raw                   print the raw message buffer
     --noescape              don't escape unprintable character
 -S, --syslog                force to use syslog(2) rather than /dev/kmsg
 -s, --buffer-size <size>    buffer size to query the kernel ring buffer
 -u, --userspace             display userspace messages
 -w, --follow                wait for new messages
 -W, --follow-new            wait and print only new messages
 -x, --decode                decode facility and level to readable string
 -d, --show-delta            show time delta between printed messages
 -e, --reltime               show local time and time delta in readable format
 -T, --ctime                 show human-readable timestamp (may be inaccurate!)
 -t, --notime                don't show any timestamp with messages
     --time-format <format>  show timestamp using the given format:
                               [delta|reltime|ctime|notime|iso]
Suspending/resume will make ctime and iso timestamps inaccurate.
     --since <time>          display the lines since the specified time
     --until <time>          display the lines until the specified time

 -h, --help                  display this help
 -V, --version               display version

Supported log facilities:
${facilityNames
  .slice(0, USAGE_FACILITIES)
  .map((f) => ` ${f.name.padStart(7)} - ${f.help}\n`)
  .join('')}
Supported log levels (priorities):
${levelNames.map((l) => ` ${l.name.padStart(7)} - ${l.help}\n`).join('')}
For more details see dmesg(1).
`;

/** A fatal error: errx() text, exit status 1. */
class DmesgExit {
  constructor(
    readonly message: string,
    readonly status = 1,
  ) {}
}

/**
 * parse_level(): a name (case-insensitive) or a number; with `len` unset (-n) the number
 * is 1..8 and means "below". string_to_bitarray() hands over the rest of the list, so an
 * error quotes everything from the bad name on ("foo,err").
 */
function parseLevel(str: string, len: number | null): number {
  const offset = len === null ? 1 : 0;
  const n = len ?? str.length;
  const word = str.slice(0, n);
  if (/^[0-9]/.test(str)) {
    const m = /^[0-9]+/.exec(str) as RegExpExecArray;
    const x = Number(m[0]) - offset;
    if (m[0].length === n && x >= 0 && x < levelNames.length) return x;
  } else {
    const i = levelNames.findIndex((l) => l.name === word.toLowerCase());
    if (i >= 0) return i;
  }
  throw new DmesgExit(`dmesg: unknown level '${str}'\n`);
}

function parseFacility(str: string, len: number): number {
  const word = str.slice(0, len);
  if (/^[0-9]/.test(str)) {
    const m = /^[0-9]+/.exec(str) as RegExpExecArray;
    const x = Number(m[0]);
    if (m[0].length === len && x >= 0 && x < facilityNames.length) return x;
  } else {
    const i = facilityNames.findIndex((f) => f.name === word.toLowerCase());
    if (i >= 0) return i;
  }
  throw new DmesgExit(`dmesg: unknown facility '${str}'\n`);
}

/** string_to_bitarray(): comma-separated names; a trailing comma joins the last name. */
function parseList(list: string, parse: (str: string, len: number) => number): Set<number> {
  const set = new Set<number>();
  let begin: number | null = null;
  for (let p = 0; p < list.length; p++) {
    if (begin === null) begin = p;
    let end: number | null = null;
    if (list[p] === ',') end = p;
    if (p + 1 === list.length) end = p + 1;
    if (end === null) continue;
    if (end <= begin) throw new DmesgExit(`dmesg: unknown level '${list.slice(begin)}'\n`);
    set.add(parse(list.slice(begin), end - begin));
    begin = null;
  }
  return set;
}

function fixed(value: number, width: number): string {
  return value.toFixed(6).padStart(width);
}

function timestamp(usec: number): string {
  return `${String(Math.floor(usec / 1e6)).padStart(5)}.${String(usec % 1e6).padStart(6, '0')}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** The guest runs in UTC: localtime() is gmtime(). */
function wallClock(ctl: DmesgControl, rec: DmesgRecord): Date {
  return new Date(Math.floor(ctl.bootTime / 1e6) * 1000 + Math.floor(rec.usec / 1e6) * 1000);
}

/** record_ctime(): strftime "%a %b %e %H:%M:%S %Y". */
function ctime(ctl: DmesgControl, rec: DmesgRecord): string {
  const d = wallClock(ctl, rec);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** iso_8601_time(): "%Y-%m-%dT%H:%M:%S,uuuuuu+00:00". */
function iso(ctl: DmesgControl, rec: DmesgRecord): string {
  const d = wallClock(ctl, rec);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())},${String(rec.usec % 1e6).padStart(6, '0')}+00:00`;
}

/** record_count_delta(): 0 while the previous timestamp is unset or 0 (timerisset). */
function countDelta(ctl: DmesgControl, rec: DmesgRecord): number {
  const delta = ctl.lastTime === null || ctl.lastTime === 0 ? 0 : (rec.usec - ctl.lastTime) / 1e6;
  ctl.lastTime = rec.usec;
  return delta;
}

/** accept_record(). */
export function accept(ctl: DmesgControl, rec: DmesgRecord): boolean {
  if (ctl.levels && (rec.facility < 0 || !ctl.levels.has(rec.level))) return false;
  if (ctl.facilities && (rec.facility < 0 || !ctl.facilities.has(rec.facility))) return false;
  const t = ctl.bootTime + rec.usec;
  if (ctl.since && ctl.since >= t) return false;
  if (ctl.until && ctl.until <= t) return false;
  return true;
}

/** safe_fwrite(): unprintable bytes as \xNN unless --noescape; newlines indented. */
function escapeText(ctl: DmesgControl, text: string, indent: number): string {
  // Nearly every record is one line of printable text: nothing to escape or indent.
  if (!/[\x00-\x1f\x7f]/.test(text)) return text;
  const body = ctl.noEscape ? text : text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return body.split('\n').join('\n' + ' '.repeat(indent));
}

/** What `dmesg` with no options printed of each record, kept with the ring (a machine's log is printed again and again). */
const PLAIN_LINES = derivedKey<Map<LogRecord, PlainLine>>('the lines plain dmesg printed');

interface PlainLine {
  usec: number;
  text: string;
  line: string;
}

/** Whether CTL prints every record of the kernel's log as plain `dmesg` does: "[time] text", each line the record's alone. */
function plain(ctl: DmesgControl): boolean {
  return ctl.method === 'kmsg' && ctl.timeFormat === 'time' && !ctl.raw && !ctl.decode && !ctl.json && !ctl.forcePrefix && !ctl.noEscape && ctl.colors === null
    && ctl.levels === null && ctl.facilities === null && !ctl.since && !ctl.until;
}

/** The plain lines of LOG, reusing those printed last time from RING (checked against each record's text and time); only LOG's are kept. */
function plainLines(ctl: DmesgControl, ring: readonly LogRecord[], log: readonly LogRecord[]): string {
  const before = derived(ring, PLAIN_LINES);
  const now = new Map<LogRecord, PlainLine>();
  let out = '';
  for (const r of log) {
    let kept = before?.get(r);
    if (!kept || kept.usec !== r.usec || kept.text !== r.text) kept = { usec: r.usec, text: r.text, line: format(ctl, fromKernel(r)) };
    now.set(r, kept);
    out += kept.line;
  }
  keepDerived(ring, PLAIN_LINES, now);
  return out;
}

/**
 * LOG_MAKEPRI(fac, pri) of glibc is ((fac) | (pri)) for a pre-shifted facility; 2.38.1
 * passes the unshifted one, so a user-facility warning prints "<5>" (as the real one does).
 */
function makePri(rec: DmesgRecord): number {
  return rec.facility | rec.level;
}

/** is_facpri_valid(). */
function facpriValid(rec: DmesgRecord): boolean {
  return rec.level > -1 && rec.level < levelNames.length && rec.facility > -1 && rec.facility < facilityNames.length;
}

/** get_subsys_delimiter(): the end of a leading "subsystem: " (a colon, then a blank). */
function subsysEnd(text: string): number {
  let from = 0;
  for (;;) {
    const colon = text.indexOf(':', from);
    if (colon < 0 || colon + 1 >= text.length) return -1;
    if (colon + 2 <= text.length && /[ \t]/.test(text[colon + 1])) return colon + 2;
    from = colon + 1;
  }
}

/** set_level_color(): alert, crit, err and warn by level, else "segfault at" in the text. */
function levelColor(rec: DmesgRecord, text: string): DmesgColor | undefined {
  const byLevel: Record<number, DmesgColor> = { 1: 'alert', 2: 'crit', 3: 'err', 4: 'warn' };
  return byLevel[rec.level] ?? (text.includes('segfault at') ? 'segfault' : undefined);
}

/** The message with colours: the subsystem prefix brown, then the level's colour. */
function colorText(ctl: DmesgControl, rec: DmesgRecord, indent: number): string {
  const colors = ctl.colors as Record<DmesgColor, string>;
  let text = rec.text;
  let out = '';
  const end = subsysEnd(text);
  if (end > 0) {
    out += colors.subsys + escapeText(ctl, text.slice(0, end), indent) + COLOR_RESET;
    text = text.slice(end);
  }
  const color = levelColor(rec, text);
  return out + (color ? colors[color] + escapeText(ctl, text, indent) + COLOR_RESET : escapeText(ctl, text, indent));
}

/** print_record(): one record as text. */
export function format(ctl: DmesgControl, rec: DmesgRecord): string {
  if (rec.text === '') return '\n';
  if (ctl.raw) {
    const prefix = `<${makePri(rec)}>[${timestamp(rec.usec)}] `;
    return prefix + escapeText(ctl, rec.text, prefix.length) + '\n';
  }
  const fp = ctl.decode && facpriValid(rec) ? `${facilityNames[rec.facility].name.padEnd(6)}:${levelNames[rec.level].name.padEnd(6)}: ` : '';
  let timebreak = false;
  let ts = '';
  switch (ctl.timeFormat) {
    case 'none':
      break;
    case 'ctime':
      ts = `[${ctime(ctl, rec)}] `;
      break;
    case 'ctime-delta':
      ts = `[${ctime(ctl, rec)} <${fixed(countDelta(ctl, rec), 12)}>] `;
      break;
    case 'delta':
      ts = `[<${fixed(countDelta(ctl, rec), 12)}>] `;
      break;
    case 'reltime': {
      const d = wallClock(ctl, rec);
      const minute = `${MONTHS[d.getUTCMonth()]}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
      const delta = countDelta(ctl, rec);
      if (minute !== ctl.lastMinute) {
        ts = `[${minute}] `;
        timebreak = true;
      }
      else if (delta < 10) ts = `[  +${delta.toFixed(6)}] `;
      else ts = `[ +${delta.toFixed(6).padStart(9)}] `;
      ctl.lastMinute = minute;
      break;
    }
    case 'time':
      ts = `[${timestamp(rec.usec)}] `;
      break;
    case 'time-delta':
      ts = `[${timestamp(rec.usec)} <${fixed(countDelta(ctl, rec), 12)}>] `;
      break;
    case 'iso':
      ts = `${iso(ctl, rec)} `;
      break;
  }
  const prefix = fp + ts;
  if (ctl.colors) {
    const stamp = ts === '' ? '' : (timebreak ? ctl.colors.timebreak : ctl.colors.time) + ts + COLOR_RESET;
    return fp + stamp + colorText(ctl, rec, prefix.length) + '\n';
  }
  if (ctl.forcePrefix) {
    return rec.text
      .split('\n')
      .map((line) => prefix + escapeText(ctl, line, 0) + '\n')
      .join('');
  }
  return prefix + escapeText(ctl, rec.text, prefix.length) + '\n';
}

/** The JSON writer of 2.38 (ul_jsonwrt): one object per record in the "dmesg" array. */
function formatJson(ctl: DmesgControl, records: DmesgRecord[]): string {
  const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  const esc = (s: string): string =>
    s.replace(/[\\"\x00-\x1f\x7f]/g, (c) => named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // Nothing accepted: the array is never opened, so nothing at all is printed.
  if (records.length === 0) return '';
  const objects = records.map((rec) => {
    const fields: string[] = [];
    if (ctl.decode) {
      fields.push(`         "fac": "${facilityNames[rec.facility]?.name ?? rec.facility}"`);
      fields.push(`         "pri": "${levelNames[rec.level].name}"`);
    } else fields.push(`         "pri": ${makePri(rec)}`);
    if (ctl.timeFormat !== 'none') fields.push(`         "time": ${fixed(rec.usec / 1e6, 12)}`);
    fields.push(`         "msg": "${esc(rec.text)}"`);
    return `{\n${fields.join(',\n')}\n      }`;
  });
  return `{\n   "dmesg": [\n      ${objects.join(',')}\n   ]\n}\n`;
}

/** -S: the syslog(2) buffer holds one line per record line, each with the record's prefix. */
function syslogLines(records: LogRecord[]): LogRecord[] {
  return records.flatMap((r) => r.text.split('\n').map((text) => ({ ...r, text })));
}

/**
 * -F FILE: get_next_syslog_record() over the file. A record ends only where "\n<" starts the
 * next, so continuation lines stay with their record. "<N>" is parsed only when levels,
 * facilities, -x, colours or JSON need it (else skipped: level and facility stay -1);
 * "[secs.usec]" unless the time format is none; one space after it is dropped.
 */
function parseFile(ctl: DmesgControl, data: string): DmesgRecord[] {
  const out: DmesgRecord[] = [];
  const wantPri = ctl.levels !== null || ctl.facilities !== null || ctl.decode || ctl.colors !== null || ctl.json;
  let begin = 0;
  for (let i = 0; i < data.length; i++) {
    const last = i + 1 === data.length;
    if (!last && !(data[i] === '\n' && data[i + 1] === '<')) continue;
    const end = last ? data.length : i;
    let text = data.slice(begin, end);
    begin = end + 1;
    if (text === '') continue;
    const rec: DmesgRecord = { usec: 0, level: -1, facility: -1, text: '' };
    if (text.startsWith('<')) {
      const m = /^<(-?\d+)./s.exec(text);
      if (wantPri && m) {
        const num = Number(m[1]);
        rec.level = num & 7;
        rec.facility = (num & 0x3f8) >> 3;
        if (rec.facility > facilityNames.length) rec.facility = -1;
        text = text.slice(m[0].length);
      } else {
        const close = text.indexOf('>');
        if (close >= 0) text = text.slice(close + 1);
      }
    }
    if (/^\[[ 0-9]/.test(text)) {
      const m = /^\[\s*(-?\d+)(?:\.(\d+))?\]/.exec(text);
      if (ctl.timeFormat !== 'none' && m) {
        rec.usec = Number(m[1]) * 1e6 + (m[2] === undefined ? 0 : Number(m[2]));
        text = text.slice(m[0].length);
      } else if (ctl.timeFormat === 'none') {
        const close = text.indexOf(']');
        if (close >= 0) text = text.slice(close + 1);
      }
      if (text.startsWith(' ')) text = text.slice(1);
    }
    if (last && text.endsWith('\n')) text = text.slice(0, -1);
    rec.text = text;
    out.push(rec);
  }
  return out;
}

/** A kernel record as parse_kmsg_record() sees it: a facility beyond the twelve names is -1. */
function fromKernel(r: LogRecord): DmesgRecord {
  return { usec: r.usec, level: r.level, facility: r.facility > facilityNames.length ? -1 : r.facility, text: r.text };
}

function parseOptions(argv: string[], io: Io, sys: System): DmesgControl | number {
  const parsed = getopt(argv, SHORT, LONG);
  if (!parsed.ok) {
    io.err(parsed.message + "Try 'dmesg --help' for more information.\n");
    return 1;
  }
  const ctl: DmesgControl = {
    action: 'read-all',
    method: 'kmsg',
    levels: null,
    facilities: null,
    timeFormat: 'time',
    delta: false,
    raw: false,
    decode: false,
    json: false,
    forcePrefix: false,
    noEscape: false,
    follow: 'no',
    consoleLevel: 0,
    since: 0,
    until: 0,
    bootTime: sys.kernel.state.bootedAt * 1000,
    lastTime: null,
    lastMinute: '',
    colors: null,
    colorMode: 'undef',
  };
  const seen = new Set<string>();
  const spelled = new Map<string, string>();
  for (const { key, arg, spelled: how } of parsed.options) {
    // err_exclusive_options(): the first option of a row that clashes with an earlier one.
    for (const row of exclusions) {
      if (!row.includes(key)) continue;
      const other = row.find((k) => k !== key && seen.has(k));
      if (other) {
        const names = row.map((k) => `--${LONG.find((o) => o.key === k)?.name ?? k}`).join(' ');
        throw new DmesgExit(`dmesg: mutually exclusive arguments: ${names}\n`);
      }
    }
    seen.add(key);
    spelled.set(key, how);
    switch (key) {
      case 'C': ctl.action = 'clear'; break;
      case 'c': ctl.action = 'read-clear'; break;
      case 'D': ctl.action = 'console-off'; break;
      case 'E': ctl.action = 'console-on'; break;
      case 'n':
        ctl.action = 'console-level';
        ctl.consoleLevel = parseLevel(arg as string, null) + 1;
        break;
      case 'd': ctl.delta = true; break;
      case 'e': ctl.timeFormat = 'reltime'; break;
      case 'H':
        ctl.timeFormat = 'reltime';
        ctl.colorMode = 'auto';
        break;
      case 'F':
        ctl.method = 'file';
        ctl.filename = arg;
        break;
      case 'f':
        ctl.facilities = parseList(arg as string, parseFacility);
        break;
      case 'h':
        io.out(USAGE);
        throw new DmesgExit('', 0);
      case 'J': ctl.json = true; break;
      case 'k': (ctl.facilities ??= new Set()).add(0); break;
      case 'L': {
        // colormode_or_err(): "-L=always" hands "=always" over; the "=" is skipped.
        const mode = arg === undefined ? 'auto' : arg.replace(/^=/, '').toLowerCase();
        if (!['auto', 'always', 'never'].includes(mode)) throw new DmesgExit(`dmesg: unsupported color mode: '${arg?.replace(/^=/, '') ?? ''}'\n`);
        ctl.colorMode = mode as DmesgControl['colorMode'];
        break;
      }
      case 'l':
        ctl.levels = parseList(arg as string, (s, n) => parseLevel(s, n));
        break;
      case 'P': break;
      case 'p': ctl.forcePrefix = true; break;
      case 'r': ctl.raw = true; break;
      case 'S': ctl.method = 'syslog'; break;
      case 's':
        if (!/^[0-9]+$/.test(arg as string)) {
          const range = /^-[0-9]+$/.test(arg as string) || /^[0-9]{11,}$/.test(arg as string);
          throw new DmesgExit(`dmesg: invalid buffer size argument: '${arg}'${range ? ': Numerical result out of range' : ''}\n`);
        }
        break;
      case 'T': ctl.timeFormat = 'ctime'; break;
      case 't': ctl.timeFormat = 'none'; break;
      case 'u': {
        const set = (ctl.facilities ??= new Set());
        for (let i = 1; i < facilityNames.length; i++) set.add(i);
        break;
      }
      case 'V':
        io.out('dmesg from util-linux 2.38.1\n');
        throw new DmesgExit('', 0);
      case 'W': ctl.follow = 'new'; break;
      case 'w': ctl.follow = 'all'; break;
      case 'x': ctl.decode = true; break;
      case 'noescape': ctl.noEscape = true; break;
      case 'since':
      case 'until': {
        const t = parseTimestamp(arg as string, now(sys) * 1000);
        if (t === null) throw new DmesgExit(`dmesg: invalid time value "${arg}"\n`);
        if (key === 'since') ctl.since = t;
        else ctl.until = t;
        break;
      }
      case 'time-format': {
        const formats: Record<string, TimeFormat> = { notime: 'none', ctime: 'ctime', delta: 'delta', reltime: 'reltime', iso: 'iso' };
        const f = formats[arg as string];
        if (!f) throw new DmesgExit(`dmesg: unknown time format: ${arg}\n`);
        ctl.timeFormat = f;
        break;
      }
    }
  }
  if (parsed.operands.length > 0) {
    io.err("dmesg: bad usage\nTry 'dmesg --help' for more information.\n");
    return 1;
  }
  // colors_init(): not a terminal, so only "always" colours; JSON never does.
  if (ctl.colorMode === 'always' && !ctl.json) ctl.colors = dmesgColors(sys);
  if (ctl.delta) {
    if (ctl.timeFormat === 'ctime') ctl.timeFormat = 'ctime-delta';
    else if (ctl.timeFormat === 'time') ctl.timeFormat = 'time-delta';
    else if (ctl.timeFormat === 'iso') io.err('dmesg: --show-delta is ignored when used together with iso8601 time format\n');
    else ctl.timeFormat = 'delta';
  }
  return ctl;
}

/** check_syslog_permissions(): with dmesg_restrict only CAP_SYSLOG (root) may read. */
function mayRead(sys: System): boolean {
  if (sys.uid === 0) return true;
  const restrict = sys.fs.read('/proc/sys/kernel/dmesg_restrict');
  return typeof restrict === 'string' && restrict.trim() === '0';
}

/** SYSLOG_ACTION_CONSOLE_LEVEL: the first field of /proc/sys/kernel/printk. */
function setConsoleLevel(sys: System, level: number): void {
  const current = sys.fs.read('/proc/sys/kernel/printk');
  const fields = typeof current === 'string' ? current.trim().split(/\s+/) : ['7', '4', '1', '7'];
  fields[0] = String(level);
  sys.fs.write('/proc/sys/kernel/printk', fields.join('\t') + '\n', false);
}

function run(argv: string[], io: Io, sys: System): number {
  const ctl = parseOptions(argv, io, sys);
  if (typeof ctl === 'number') return ctl;
  const { kernel } = sys;
  switch (ctl.action) {
    case 'clear':
      if (sys.uid !== 0) throw new DmesgExit(`dmesg: clear kernel buffer failed: ${errnoText(EPERM)}\n`);
      kernel.clearLog();
      return 0;
    case 'console-off':
    case 'console-on':
    case 'console-level':
      if (sys.uid !== 0) throw new DmesgExit(`dmesg: klogctl failed: ${errnoText(EPERM)}\n`);
      if (ctl.action === 'console-level') setConsoleLevel(sys, ctl.consoleLevel);
      return 0;
    default:
      break;
  }
  let records: DmesgRecord[];
  if (ctl.method === 'file') {
    const data = sys.fs.read(sys.resolve(ctl.filename as string));
    if (typeof data === 'number') throw new DmesgExit(`dmesg: cannot open ${ctl.filename}: ${errnoText(data)}\n`);
    // mmap(2) of an empty file fails with EINVAL
    if (data === '') throw new DmesgExit(`dmesg: cannot mmap: ${ctl.filename}: ${errnoText(EINVAL)}\n`);
    if (ctl.raw) {
      // raw_print(): the file as it is, with a newline added when it lacks one
      io.out(data.endsWith('\n') ? data : data + '\n');
      return 0;
    }
    records = parseFile(ctl, data);
  } else {
    if (!mayRead(sys)) throw new DmesgExit(`dmesg: read kernel buffer failed: ${errnoText(EPERM)}\n`);
    let log = ctl.follow === 'new' ? [] : kernel.readLog();
    if (ctl.method === 'syslog') log = syslogLines(log);
    if (plain(ctl)) {
      io.out(plainLines(ctl, kernel.state.printk.records, log));
      if (ctl.action === 'read-clear') kernel.clearLog();
      return 0;
    }
    records = log.map(fromKernel);
  }
  const accepted = records.filter((r) => accept(ctl, r));
  if (ctl.json) io.out(formatJson(ctl, accepted));
  else io.out(accepted.map((r) => format(ctl, r)).join(''));
  if (ctl.action === 'read-clear') kernel.clearLog();
  return 0;
}

export function main(argv: string[], io: Io, sys: System): number {
  try {
    return run(argv, io, sys);
  } catch (e) {
    if (e instanceof DmesgExit) {
      io.err(e.message);
      return e.status;
    }
    throw e;
  }
}

export const dmesg: Tool = { name: 'dmesg', main, summary: 'print or control the kernel ring buffer' };
