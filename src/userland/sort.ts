/**
 * sort(1) of GNU coreutils 9.1 in the C locale (byte order): -r, -n, -u, -f, -b, -k
 * POS1[,POS2] with -t SEP, and the last-resort whole-line comparison unless -s.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, lines, readOperand, tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'reverse', has: 'none', key: 'r' },
  { name: 'numeric-sort', has: 'none', key: 'n' },
  { name: 'unique', has: 'none', key: 'u' },
  { name: 'ignore-case', has: 'none', key: 'f' },
  { name: 'ignore-leading-blanks', has: 'none', key: 'b' },
  { name: 'key', has: 'required', key: 'k' },
  { name: 'field-separator', has: 'required', key: 't' },
  { name: 'stable', has: 'none', key: 's' },
  { name: 'output', has: 'required', key: 'o' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

interface Key {
  startField: number;
  startChar: number;
  endField: number;
  endChar: number;
  numeric: boolean;
  reverse: boolean;
  fold: boolean;
  blanks: boolean;
}

function bytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** strtold-like prefix of a line for -n: optional blanks, sign, digits, one decimal point. */
function numericValue(s: string): number {
  const m = /^[ \t]*(-?[0-9]*(?:\.[0-9]*)?)/.exec(s);
  const v = m ? parseFloat(m[1]) : NaN;
  return Number.isNaN(v) ? 0 : v;
}

function fields(line: string, sep: string | null): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (sep !== null) {
    let start = 0;
    for (;;) {
      const i = line.indexOf(sep, start);
      if (i < 0) {
        out.push([start, line.length]);
        return out;
      }
      out.push([start, i]);
      start = i + 1;
    }
  }
  // Default: a field is leading blanks plus non-blanks.
  const re = /[ \t]*[^ \t]+/g;
  for (const m of line.matchAll(re)) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  if (out.length === 0) out.push([0, line.length]);
  return out;
}

function extract(line: string, key: Key, sep: string | null): string {
  const f = fields(line, sep);
  const sf = f[key.startField - 1];
  if (!sf) return '';
  let start = sf[0];
  if (key.blanks) while (start < sf[1] && (line[start] === ' ' || line[start] === '\t')) start++;
  start = Math.min(sf[1], start + key.startChar - 1);
  let end = line.length;
  if (key.endField > 0) {
    const ef = f[key.endField - 1];
    if (ef) end = key.endChar > 0 ? Math.min(ef[1], ef[0] + key.endChar) : ef[1];
  }
  return line.slice(start, Math.max(start, end));
}

function parseKey(spec: string, global: Key): Key | null {
  const m = /^([0-9]+)(?:\.([0-9]+))?([bfnr]*)(?:,([0-9]+)(?:\.([0-9]+))?([bfnr]*))?$/.exec(spec);
  if (!m || Number(m[1]) === 0) return null;
  const flags = (m[3] ?? '') + (m[6] ?? '');
  const own = flags !== '';
  return {
    startField: Number(m[1]),
    startChar: m[2] ? Number(m[2]) : 1,
    endField: m[4] ? Number(m[4]) : 0,
    endChar: m[5] ? Number(m[5]) : 0,
    numeric: own ? flags.includes('n') : global.numeric,
    reverse: own ? flags.includes('r') : global.reverse,
    fold: own ? flags.includes('f') : global.fold,
    blanks: own ? flags.includes('b') : global.blanks,
  };
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'rnufbk:t:so:', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'sort');
  }
  const global: Key = { startField: 1, startChar: 1, endField: 0, endChar: 0, numeric: false, reverse: false, fold: false, blanks: false };
  let unique = false;
  let stable = false;
  let sep: string | null = null;
  const keySpecs: string[] = [];
  for (const { key, arg } of parsed.options) {
    switch (key) {
      case 'help':
        io.out('Usage: sort [OPTION]... [FILE]...\n  or:  sort [OPTION]... --files0-from=F\nWrite sorted concatenation of all FILE(s) to standard output.\n');
        return 0;
      case 'version':
        io.out('sort (GNU coreutils) 9.1\n');
        return 0;
      case 'r': global.reverse = true; break;
      case 'n': global.numeric = true; break;
      case 'f': global.fold = true; break;
      case 'b': global.blanks = true; break;
      case 'u': unique = true; break;
      case 's': stable = true; break;
      case 'k': keySpecs.push(arg as string); break;
      case 't':
        if ((arg as string).length !== 1) {
          io.err(`sort: multi-character tab '${arg}'\n`);
          return 2;
        }
        sep = arg as string;
        break;
    }
  }
  const keys: Key[] = [];
  for (const spec of keySpecs) {
    const k = parseKey(spec, global);
    if (!k) {
      io.err(`sort: invalid number at field start: invalid count at start of '${spec}'\n`);
      return 2;
    }
    keys.push(k);
  }
  if (keys.length === 0) keys.push({ ...global, startField: 0 });
  let input: string[] = [];
  for (const name of parsed.operands.length ? parsed.operands : ['-']) {
    const data = readOperand(name, io, sys);
    if (typeof data === 'number') {
      io.err(`sort: cannot read: ${name}: ${errnoText(data)}\n`);
      return 2;
    }
    input = input.concat(lines(data));
  }
  const compareKey = (a: string, b: string, k: Key): number => {
    let x = k.startField === 0 ? a : extract(a, k, sep);
    let y = k.startField === 0 ? b : extract(b, k, sep);
    let r: number;
    if (k.numeric) r = Math.sign(numericValue(x) - numericValue(y));
    else {
      if (k.blanks) {
        x = x.trimStart();
        y = y.trimStart();
      }
      r = k.fold ? bytes(x.toUpperCase(), y.toUpperCase()) : bytes(x, y);
    }
    return k.reverse ? -r : r;
  };
  const compareKeys = (a: string, b: string): number => {
    for (const k of keys) {
      const r = compareKey(a, b, k);
      if (r !== 0) return r;
    }
    return 0;
  };
  const sorted = input.map((l, i) => [l, i] as const).sort((p, q) => {
    const r = compareKeys(p[0], q[0]);
    if (r !== 0 || unique || stable) return r || p[1] - q[1];
    const last = bytes(p[0], q[0]);
    return global.reverse ? -last : last;
  });
  const out: string[] = [];
  for (const [line] of sorted) {
    if (unique && out.length && compareKeys(out[out.length - 1], line) === 0) continue;
    out.push(line);
  }
  io.out(out.map((l) => l + '\n').join(''));
  return 0;
}

export const sort: Tool = { name: 'sort', main, summary: 'sort lines of text files' };
