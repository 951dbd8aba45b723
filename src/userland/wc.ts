/**
 * wc(1) of GNU coreutils 9.1: lines, words, bytes (default all three), -m characters,
 * -L longest line. Column width is wc.c's compute_number_width: the digits of the total
 * size of the regular files, at least 7 when an input is not a regular file (a pipe), and
 * 1 when a single input prints a single count.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand, statOperand, tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'bytes', has: 'none', key: 'c' },
  { name: 'chars', has: 'none', key: 'm' },
  { name: 'lines', has: 'none', key: 'l' },
  { name: 'words', has: 'none', key: 'w' },
  { name: 'max-line-length', has: 'none', key: 'L' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

interface Counts {
  l: number;
  w: number;
  m: number;
  c: number;
  L: number;
}

/** Only the counts asked for: -L walks every character, which a 100,000-line pipe feels. */
function count(text: string, want: ReadonlySet<keyof Counts>): Counts {
  const bytes = Buffer.byteLength(text, 'utf8');
  const words = want.has('w') ? (text.match(/[^ \t\n\r\f\v]+/g) ?? []).length : 0;
  let nl = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) nl++;
  let longest = 0;
  for (const line of want.has('L') ? text.split('\n') : []) {
    let width = 0;
    for (const ch of line) width = ch === '\t' ? width + 8 - (width % 8) : width + 1;
    longest = Math.max(longest, width);
  }
  return { l: nl, w: words, m: want.has('m') ? [...text].length : 0, c: bytes, L: longest };
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'cmlwL', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'wc');
  }
  const want = new Set<keyof Counts>();
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: wc [OPTION]... [FILE]...\n  or:  wc [OPTION]... --files0-from=F\nPrint newline, word, and byte counts for each FILE, and a total line if\nmore than one FILE is specified.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('wc (GNU coreutils) 9.1\n');
      return 0;
    }
    want.add(key as keyof Counts);
  }
  if (want.size === 0) ['l', 'w', 'c'].forEach((k) => want.add(k as keyof Counts));
  const order: Array<keyof Counts> = (['l', 'w', 'm', 'c', 'L'] as Array<keyof Counts>).filter((k) => want.has(k));
  const files = parsed.operands.length ? parsed.operands : ['-'];
  // compute_number_width over the inputs' fstat.
  let width = 1;
  const single = files.length === 1 && order.length === 1;
  const firstStat = files[0] === '-' ? null : statOperand(files[0], sys);
  if (!single && typeof firstStat !== 'number') {
    let minimum = 1;
    let regular = 0;
    for (const f of files) {
      const st = f === '-' ? null : statOperand(f, sys);
      if (typeof st === 'number') continue;
      if (st && st.type === 'file') regular += st.size;
      else minimum = 7;
    }
    for (; regular >= 10; regular = Math.floor(regular / 10)) width++;
    width = Math.max(width, minimum);
  }
  const total: Counts = { l: 0, w: 0, m: 0, c: 0, L: 0 };
  let status = 0;
  const line = (c: Counts, name: string | null): string =>
    order.map((k) => String(c[k]).padStart(width)).join(' ') + (name === null ? '' : ` ${name}`) + '\n';
  for (const f of files) {
    const data = readOperand(f, io, sys);
    if (typeof data === 'number') {
      io.err(`wc: ${f}: ${errnoText(data)}\n`);
      status = 1;
      continue;
    }
    const c = count(data, want);
    (Object.keys(total) as Array<keyof Counts>).forEach((k) => {
      total[k] = k === 'L' ? Math.max(total[k], c[k]) : total[k] + c[k];
    });
    io.out(line(c, f === '-' && parsed.operands.length === 0 ? null : f));
  }
  if (files.length > 1) io.out(line(total, 'total'));
  return status;
}

export const wc: Tool = { name: 'wc', main, summary: 'print newline, word, and byte counts for each file' };
