/**
 * cmp(1) of GNU diffutils 3.8 (src/cmp.c): the first differing byte ("differ: char N, line
 * L" in the C locale, "byte … is O C O C" with -b), every difference with -l, EOF on the
 * shorter file, -s, -n LIMIT, -i SKIP1[:SKIP2] and the SKIP operands with their suffixes.
 * Exit status 0 same, 1 different, 2 trouble.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand, statFollow } from './files';
import { gnuVersion } from './gnu-version';

const HELP = `Usage: cmp [OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]
Compare two files byte by byte.

The optional SKIP1 and SKIP2 specify the number of bytes to skip
at the beginning of each file (zero by default).

Mandatory arguments to long options are mandatory for short options too.
  -b, --print-bytes          print differing bytes
  -i, --ignore-initial=SKIP         skip first SKIP bytes of both inputs
  -i, --ignore-initial=SKIP1:SKIP2  skip first SKIP1 bytes of FILE1 and
                                      first SKIP2 bytes of FILE2
  -l, --verbose              output byte numbers and differing byte values
  -n, --bytes=LIMIT          compare at most LIMIT bytes
  -s, --quiet, --silent      suppress all normal output
      --help                 display this help and exit
  -v, --version              output version information and exit

SKIP values may be followed by the following multiplicative suffixes:
kB 1000, K 1024, MB 1,000,000, M 1,048,576,
GB 1,000,000,000, G 1,073,741,824, and so on for T, P, E, Z, Y.

If a FILE is '-' or missing, read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.

Report bugs to: bug-diffutils@gnu.org
GNU diffutils home page: <https://www.gnu.org/software/diffutils/>
General help using GNU software: <https://www.gnu.org/gethelp/>
`;

const VERSION = gnuVersion('cmp (GNU diffutils) 3.8', 2021, 'Torbjorn Granlund and David MacKenzie');

const LONG: LongOption[] = [
  { name: 'print-bytes', has: 'none', key: 'b' },
  { name: 'print-chars', has: 'none', key: 'b' },
  { name: 'ignore-initial', has: 'required', key: 'i' },
  { name: 'verbose', has: 'none', key: 'l' },
  { name: 'bytes', has: 'required', key: 'n' },
  { name: 'silent', has: 'none', key: 's' },
  { name: 'quiet', has: 'none', key: 's' },
  { name: 'version', has: 'none', key: 'v' },
  { name: 'help', has: 'none', key: 'help' },
];

const OFF_T_MAX = 2n ** 63n - 1n;
const POWERS = 'KMGTPEZY';

/** xstrtoumax with cmp's suffixes "kKMGTPEZY0": k/K 1024, kB 1000, KiB 1024, and so on. */
function parseCount(text: string): bigint | undefined {
  const m = /^([0-9]+)(?:([kKMGTPEZY])(B|iB)?)?$/.exec(text);
  if (!m) return undefined;
  let n = BigInt(m[1]!);
  if (m[2] !== undefined) {
    const base = m[3] === 'B' ? 1000n : 1024n;
    n *= base ** BigInt(POWERS.indexOf(m[2].toUpperCase()) + 1);
  }
  return n > OFF_T_MAX ? OFF_T_MAX : n;
}

/** sprint_char: caret notation, M- for the upper half. */
function printable(byte: number): string {
  let out = '';
  let c = byte;
  if (c >= 128) {
    out += 'M-';
    c -= 128;
  }
  if (c < 32) return `${out}^${String.fromCharCode(c + 64)}`;
  if (c === 127) return `${out}^?`;
  return out + String.fromCharCode(c);
}

function oct(n: number): string {
  return n.toString(8).padStart(3, ' ');
}

function usage(io: Io, message: string): number {
  io.err(`cmp: ${message}\n`);
  io.err("cmp: Try 'cmp --help' for more information.\n");
  return 2;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'bci:ln:sv', LONG);
  if (!parsed.ok) {
    io.err(parsed.message.replace(/\n$/, '\n'));
    io.err("cmp: Try 'cmp --help' for more information.\n");
    return 2;
  }
  let printChars = false;
  let all = false;
  let silent = false;
  let limit: bigint | undefined;
  const skip: [bigint, bigint] = [0n, 0n];
  for (const { key, arg } of parsed.options) {
    if (key === 'help') return io.out(HELP), 0;
    if (key === 'v') return io.out(VERSION), 0;
    if (key === 'b' || key === 'c') printChars = true;
    else if (key === 'l') all = true;
    else if (key === 's') silent = true;
    else if (key === 'n') {
      const n = parseCount(arg ?? '');
      if (n === undefined) return usage(io, `invalid --bytes value '${arg ?? ''}'`);
      if (limit === undefined || n < limit) limit = n;
    } else if (key === 'i') {
      const [a, b] = (arg ?? '').split(/:(.*)/s, 2) as [string, string | undefined];
      const s1 = parseCount(a);
      const s2 = b === undefined ? s1 : parseCount(b);
      if (s1 === undefined || s2 === undefined) return usage(io, `invalid --ignore-initial value '${arg ?? ''}'`);
      skip[0] = s1;
      skip[1] = s2;
    }
  }
  if (all && silent) return usage(io, 'options -l and -s are incompatible');
  const ops = parsed.operands;
  if (ops.length === 0) return usage(io, "missing operand after 'cmp'");
  for (let i = 2; i < Math.min(ops.length, 4); i++) {
    const n = parseCount(ops[i]!);
    if (n === undefined) return usage(io, `invalid --ignore-initial value '${ops[i]}'`);
    skip[i - 2] = n;
  }
  if (ops.length > 4) return usage(io, `extra operand '${ops[4]}'`);
  const names = [ops[0]!, ops[1] ?? '-'];
  const data: Buffer[] = [];
  for (const name of names) {
    if (name !== '-') {
      const st = statFollow(sys, sys.resolve(name));
      if (typeof st !== 'number' && st.type === 'dir') {
        if (!silent) io.err(`cmp: ${name}: Is a directory\n`);
        return 2;
      }
    }
    const text = readOperand(name, io, sys);
    if (typeof text === 'number') {
      if (!silent) io.err(`cmp: ${name}: ${errnoText(text)}\n`);
      return 2;
    }
    data.push(Buffer.from(text, 'utf8'));
  }
  const a = data[0]!.subarray(Number(skip[0] > BigInt(data[0]!.length) ? BigInt(data[0]!.length) : skip[0]));
  const b = data[1]!.subarray(Number(skip[1] > BigInt(data[1]!.length) ? BigInt(data[1]!.length) : skip[1]));
  const max = limit === undefined ? Infinity : Number(limit);
  const lenA = Math.min(a.length, max);
  const lenB = Math.min(b.length, max);
  const common = Math.min(lenA, lenB);
  if (all) {
    const width = String(Math.max(Math.min(lenA, lenB), 0)).length;
    let differing = false;
    for (let i = 0; i < common; i++) {
      if (a[i] === b[i]) continue;
      differing = true;
      const n = String(i + 1).padStart(width, ' ');
      io.out(printChars ? `${n} ${oct(a[i]!)} ${printable(a[i]!).padEnd(4, ' ')} ${oct(b[i]!)} ${printable(b[i]!)}\n` : `${n} ${oct(a[i]!)} ${oct(b[i]!)}\n`);
    }
    if (lenA !== lenB) {
      const shorter = names[lenA > lenB ? 1 : 0]!;
      io.err(common === 0 ? `cmp: EOF on ${shorter} which is empty\n` : `cmp: EOF on ${shorter} after byte ${common}\n`);
      return 1;
    }
    return differing ? 1 : 0;
  }
  let line = 1;
  let endedWithNewline = true;
  for (let i = 0; i < common; i++) {
    if (a[i] !== b[i]) {
      if (silent) return 1;
      const where = `byte ${i + 1}, line ${line}`;
      io.out(printChars ? `${names[0]} ${names[1]} differ: ${where} is ${oct(a[i]!)} ${printable(a[i]!)} ${oct(b[i]!)} ${printable(b[i]!)}\n` : `${names[0]} ${names[1]} differ: char ${i + 1}, line ${line}\n`);
      return 1;
    }
    if (a[i] === 10) line++;
    endedWithNewline = a[i] === 10;
  }
  if (lenA !== lenB) {
    if (silent) return 1;
    const shorter = names[lenA > lenB ? 1 : 0]!;
    if (common === 0) io.err(`cmp: EOF on ${shorter} which is empty\n`);
    else io.err(endedWithNewline ? `cmp: EOF on ${shorter} after byte ${common}, line ${line - 1}\n` : `cmp: EOF on ${shorter} after byte ${common}, in line ${line}\n`);
    return 1;
  }
  return 0;
}

export const cmp: Tool = { name: 'cmp', main, summary: 'compare two files byte by byte' };
