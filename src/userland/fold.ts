/**
 * fold(1) of GNU coreutils 9.1: wrap lines at WIDTH columns (-w, or the obsolete -WIDTH),
 * counting a tab to the next multiple of 8, a backspace as one back and a carriage return
 * as column 0, or -b bytes; -s breaks after the last blank that fits.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand, tryHelp } from './files';
import { coreutilsVersion } from './gnu-version';

const HELP = `Usage: fold [OPTION]... [FILE]...
Wrap input lines in each FILE, writing to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes         count bytes rather than columns
  -s, --spaces        break at spaces
  -w, --width=WIDTH   use WIDTH columns instead of 80
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/fold>
or available locally via: info '(coreutils) fold invocation'
`;

const VERSION = coreutilsVersion('fold', 'David MacKenzie');

const TAB_WIDTH = 8;
/** xdectoumax's bounds for -w: 1 … SIZE_MAX - TAB_WIDTH - 1. */
const MAX_WIDTH = 2n ** 64n - 1n - BigInt(TAB_WIDTH) - 1n;
const UINTMAX_MAX = 2n ** 64n - 1n;

const LONG: LongOption[] = [
  { name: 'bytes', has: 'none', key: 'b' },
  { name: 'spaces', has: 'none', key: 's' },
  { name: 'width', has: 'required', key: 'w' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

/** xdectoumax(ARG, 1, MAX_WIDTH, "", "invalid number of columns", 0). */
function parseWidth(arg: string): number | string {
  const m = /^[ \t\n\v\f\r]*\+?([0-9]+)$/.exec(arg);
  if (!m) return `invalid number of columns: '${arg}'`;
  const value = BigInt(m[1]!);
  if (value > UINTMAX_MAX) return `invalid number of columns: '${arg}': Value too large for defined data type`;
  if (value < 1n || value > MAX_WIDTH) return `invalid number of columns: '${arg}': Numerical result out of range`;
  // Wider than any text here: every line fits.
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function adjust(column: number, c: string, bytes: boolean): number {
  if (bytes) return column + 1;
  if (c === '\b') return column > 0 ? column - 1 : 0;
  if (c === '\r') return 0;
  if (c === '\t') return column + TAB_WIDTH - (column % TAB_WIDTH);
  return column + 1;
}

function fold(text: string, width: number, bytes: boolean, spaces: boolean): string {
  let out = '';
  let line: string[] = [];
  let column = 0;
  // The C locale: a column is a byte, as -b counts them, except for tab, backspace and CR.
  const chars = [...Buffer.from(text, 'utf8')].map((b) => String.fromCharCode(b));
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\n') {
      out += line.join('') + '\n';
      line = [];
      column = 0;
      continue;
    }
    for (;;) {
      column = adjust(column, c, bytes);
      if (column <= width) break;
      if (spaces) {
        let blank = line.length - 1;
        while (blank >= 0 && line[blank] !== ' ' && line[blank] !== '\t') blank--;
        if (blank >= 0) {
          out += line.slice(0, blank + 1).join('') + '\n';
          line = line.slice(blank + 1);
          column = 0;
          for (const rest of line) column = adjust(column, rest, bytes);
          continue;
        }
      }
      if (line.length === 0) break;
      out += line.join('') + '\n';
      line = [];
      column = 0;
    }
    line.push(c);
  }
  out += line.join('');
  // Bytes in, bytes out: the machine keeps text as UTF-8.
  return Buffer.from(out, 'latin1').toString('utf8');
}

export function main(argv: string[], io: Io, sys: System): number {
  // The obsolete -WIDTH (fold -72) is -w WIDTH.
  const args = argv.map((a, i) => (i > 0 && /^-[0-9]+$/.test(a) && argv[i - 1] !== '-w' && argv[i - 1] !== '--width' ? `-w${a.slice(1)}` : a));
  const parsed = getopt(args, 'bsw:', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'fold');
  }
  let width = 80;
  let bytes = false;
  let spaces = false;
  for (const { key, arg: value } of parsed.options) {
    if (key === 'help') return io.out(HELP), 0;
    if (key === 'version') return io.out(VERSION), 0;
    if (key === 'b') bytes = true;
    else if (key === 's') spaces = true;
    else if (key === 'w') {
      const w = parseWidth(value ?? '');
      if (typeof w === 'string') {
        io.err(`fold: ${w}\n`);
        return 1;
      }
      width = w;
    }
  }
  let status = 0;
  for (const name of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    const text = readOperand(name, io, sys);
    if (typeof text === 'number') {
      io.err(`fold: ${name}: ${errnoText(text)}\n`);
      status = 1;
      continue;
    }
    io.out(fold(text, width, bytes, spaces));
  }
  return status;
}

export const fold_: Tool = { name: 'fold', main, summary: 'wrap each input line to fit in specified width' };
