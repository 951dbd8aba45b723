/**
 * nl(1) of GNU coreutils 9.1: number lines (-b t: non-empty by default, a: all, n: none),
 * -n ln|rn|rz, -w WIDTH (6), -s SEP (TAB), -v START, -i INCR. An unnumbered line gets
 * WIDTH + SEP's length spaces... as nl.c prints them (print_no_line_fmt).
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, lines, readOperand, tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'body-numbering', has: 'required', key: 'b' },
  { name: 'number-format', has: 'required', key: 'n' },
  { name: 'number-width', has: 'required', key: 'w' },
  { name: 'number-separator', has: 'required', key: 's' },
  { name: 'starting-line-number', has: 'required', key: 'v' },
  { name: 'line-increment', has: 'required', key: 'i' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'b:n:w:s:v:i:h:f:d:l:p', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'nl');
  }
  let style = 't';
  let format = 'rn';
  let width = 6;
  let sep = '\t';
  let start = 1;
  let incr = 1;
  for (const { key, arg = '' } of parsed.options) {
    switch (key) {
      case 'help':
        io.out('Usage: nl [OPTION]... [FILE]...\nWrite each FILE to standard output, with line numbers added.\n');
        return 0;
      case 'version':
        io.out('nl (GNU coreutils) 9.1\n');
        return 0;
      case 'b':
        if (!['a', 't', 'n'].includes(arg)) {
          io.err(`nl: invalid body numbering style: '${arg}'\n`);
          return tryHelp(io, 'nl');
        }
        style = arg;
        break;
      case 'n':
        if (!['ln', 'rn', 'rz'].includes(arg)) {
          io.err(`nl: invalid line numbering format: '${arg}'\n`);
          return 1;
        }
        format = arg;
        break;
      case 'w':
        if (!/^[0-9]+$/.test(arg) || Number(arg) < 1) {
          io.err(`nl: invalid line number field width: '${arg}': ${/^[0-9]+$/.test(arg) ? 'Numerical result out of range' : 'Invalid argument'}\n`);
          return 1;
        }
        width = Number(arg);
        break;
      case 's':
        sep = arg;
        break;
      case 'v':
      case 'i':
        if (!/^-?[0-9]+$/.test(arg)) {
          io.err(`nl: invalid ${key === 'v' ? 'starting line number' : 'line number increment'}: '${arg}'\n`);
          return 1;
        }
        if (key === 'v') start = Number(arg);
        else incr = Number(arg);
        break;
    }
  }
  let n = start;
  let status = 0;
  for (const name of parsed.operands.length ? parsed.operands : ['-']) {
    const text = readOperand(name, io, sys);
    if (typeof text === 'number') {
      io.err(`nl: ${name}: ${errnoText(text)}\n`);
      status = 1;
      continue;
    }
    let out = '';
    for (const line of lines(text)) {
      const numbered = style === 'a' || (style === 't' && line !== '');
      if (!numbered) {
        out += ' '.repeat(width + sep.length) + line + '\n';
        continue;
      }
      const digits = String(n);
      const field = format === 'ln' ? digits.padEnd(width) : format === 'rz' ? (n < 0 ? '-' + String(-n).padStart(width - 1, '0') : digits.padStart(width, '0')) : digits.padStart(width);
      out += field + sep + line + '\n';
      n += incr;
    }
    io.out(out);
  }
  return status;
}

export const nl: Tool = { name: 'nl', main, summary: 'number lines of files' };
