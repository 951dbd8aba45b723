/**
 * uniq(1) of GNU coreutils 9.1: adjacent repeated lines once; -c counts ("%7d "), -d only
 * repeated, -u only unique, -i case-insensitive, -f N fields, -s N chars, -w N chars.
 * [INPUT [OUTPUT]] as coreutils: OUTPUT is written, not appended.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, lines, readOperand, tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'count', has: 'none', key: 'c' },
  { name: 'repeated', has: 'none', key: 'd' },
  { name: 'unique', has: 'none', key: 'u' },
  { name: 'ignore-case', has: 'none', key: 'i' },
  { name: 'skip-fields', has: 'required', key: 'f' },
  { name: 'skip-chars', has: 'required', key: 's' },
  { name: 'check-chars', has: 'required', key: 'w' },
  { name: 'zero-terminated', has: 'none', key: 'z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const NUMBER_ERRORS: Record<string, string> = {
  f: 'invalid number of fields to skip',
  s: 'invalid number of bytes to skip',
  w: 'invalid number of bytes to compare',
};

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'cdDuif:s:w:z', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'uniq');
  }
  const o = { c: false, d: false, u: false, i: false, f: 0, s: 0, w: Infinity };
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: uniq [OPTION]... [INPUT [OUTPUT]]\nFilter adjacent matching lines from INPUT (or standard input),\nwriting to OUTPUT (or standard output).\n');
      return 0;
    }
    if (key === 'version') {
      io.out('uniq (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'c' || key === 'd' || key === 'u' || key === 'i') o[key] = true;
    if (key === 'D') o.d = true;
    if (key === 'f' || key === 's' || key === 'w') {
      if (!/^[0-9]+$/.test(arg ?? '')) {
        io.err(`uniq: ${arg ?? ''}: ${NUMBER_ERRORS[key]}\n`);
        return 1;
      }
      o[key] = Number(arg);
    }
  }
  const ops = parsed.operands;
  if (ops.length > 2) {
    io.err(`uniq: extra operand '${ops[2]}'\n`);
    return tryHelp(io, 'uniq');
  }
  const text = readOperand(ops[0] ?? '-', io, sys);
  if (typeof text === 'number') {
    io.err(`uniq: ${ops[0]}: ${errnoText(text)}\n`);
    return 1;
  }
  const key = (line: string): string => {
    let rest = line;
    for (let n = 0; n < o.f; n++) rest = rest.replace(/^[ \t]*[^ \t]*/, '');
    rest = rest.slice(o.s);
    if (o.w !== Infinity) rest = rest.slice(0, o.w);
    return o.i ? rest.toLowerCase() : rest;
  };
  let out = '';
  const all = lines(text);
  for (let i = 0; i < all.length; ) {
    let j = i + 1;
    while (j < all.length && key(all[j]) === key(all[i])) j++;
    const n = j - i;
    if ((!o.d || n > 1) && (!o.u || n === 1)) out += (o.c ? `${String(n).padStart(7)} ` : '') + all[i] + '\n';
    i = j;
  }
  if (ops[1] !== undefined) {
    const rc = sys.fs.write(sys.resolve(ops[1]), out, false);
    if (rc < 0) {
      io.err(`uniq: ${ops[1]}: ${errnoText(rc)}\n`);
      return 1;
    }
    return 0;
  }
  io.out(out);
  return 0;
}

export const uniq: Tool = { name: 'uniq', main, summary: 'report or omit repeated lines' };
