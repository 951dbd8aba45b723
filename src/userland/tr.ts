/**
 * tr(1) of GNU coreutils 9.1 in the C locale (bytes): translate SET1 to SET2, -d delete,
 * -s squeeze, -c complement, -t truncate SET1. Sets understand backslash escapes, ranges,
 * [:class:], [=c=] and [c*n]. Messages from tr.c, checked with LC_ALL=C.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'complement', has: 'none', key: 'c' },
  { name: 'delete', has: 'none', key: 'd' },
  { name: 'squeeze-repeats', has: 'none', key: 's' },
  { name: 'truncate-set1', has: 'none', key: 't' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const CLASSES: Record<string, (c: number) => boolean> = {
  alnum: (c) => CLASSES.alpha(c) || CLASSES.digit(c),
  alpha: (c) => CLASSES.upper(c) || CLASSES.lower(c),
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 32 || c === 127,
  digit: (c) => c >= 48 && c <= 57,
  graph: (c) => c > 32 && c < 127,
  lower: (c) => c >= 97 && c <= 122,
  print: (c) => c >= 32 && c < 127,
  punct: (c) => CLASSES.graph(c) && !CLASSES.alnum(c),
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  upper: (c) => c >= 65 && c <= 90,
  xdigit: (c) => CLASSES.digit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

class SetError extends Error {}

/** One SET as a list of byte values (build_spec_list + expand); warnings go to WARN. */
function expand(spec: string, warn: (m: string) => void): number[] {
  // First pass: backslash escapes into byte values, remembering which were escaped.
  const chars: Array<{ c: number; esc: boolean }> = [];
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i];
    if (ch !== '\\') {
      chars.push({ c: spec.charCodeAt(i) & 0xff, esc: false });
      continue;
    }
    if (i === spec.length - 1) {
      warn('tr: warning: an unescaped backslash at end of string is not portable\n');
      chars.push({ c: 92, esc: true });
      continue;
    }
    const next = spec[i + 1];
    const oct = /^[0-7]{1,3}/.exec(spec.slice(i + 1));
    if (oct) {
      let v = parseInt(oct[0], 8);
      let len = oct[0].length;
      if (v > 255) {
        v = parseInt(oct[0].slice(0, 2), 8);
        len = 2;
      }
      chars.push({ c: v, esc: true });
      i += len;
      continue;
    }
    chars.push({ c: ESCAPES[next] ?? next.charCodeAt(0), esc: true });
    i++;
  }
  const out: number[] = [];
  const text = (a: number, b: number): string => String.fromCharCode(...chars.slice(a, b).map((x) => x.c));
  for (let i = 0; i < chars.length; i++) {
    const { c, esc } = chars[i];
    if (c === 91 && !esc) {
      // [:class:], [=c=], [c*n]
      const rest = text(i, chars.length);
      const cls = /^\[:([a-z]*):\]/.exec(rest);
      if (cls) {
        const test = CLASSES[cls[1]];
        if (!test) throw new SetError(`tr: invalid character class '${cls[1]}'\n`);
        for (let b = 0; b < 256; b++) if (test(b)) out.push(b);
        i += cls[0].length - 1;
        continue;
      }
      const eq = /^\[=(.)=\]/s.exec(rest);
      if (eq) {
        out.push(chars[i + 2].c);
        i += 4;
        continue;
      }
      const rep = /^\[(.)\*([0-9]*)\]/s.exec(rest);
      if (rep && i + 1 < chars.length) {
        const n = rep[2] === '' ? -1 : rep[2].startsWith('0') ? parseInt(rep[2], 8) : parseInt(rep[2], 10);
        out.push(...new Array<number>(n <= 0 ? 1 : n).fill(chars[i + 1].c));
        if (n <= 0) repeatFill = out.length - 1;
        i += rep[0].length - 1;
        continue;
      }
    }
    if (i + 2 < chars.length && chars[i + 1].c === 45 && !chars[i + 1].esc) {
      const hi = chars[i + 2].c;
      if (hi < c) {
        const show = (x: number): string => (x < 32 || x > 126 ? `\\${x.toString(8).padStart(3, '0')}` : String.fromCharCode(x));
        throw new SetError(`tr: range-endpoints of '${show(c)}-${show(hi)}' are in reverse collating sequence order\n`);
      }
      for (let b = c; b <= hi; b++) out.push(b);
      i += 2;
      continue;
    }
    out.push(c);
  }
  return out;
}

/** Index in the last expanded set of a "[c*]" that fills SET2 up to SET1's length, or -1. */
let repeatFill = -1;

function missing(io: Io, after: string | null, hint: string): number {
  io.err(after === null ? 'tr: missing operand\n' : `tr: missing operand after '${after}'\n${hint}`);
  return tryHelp(io, 'tr');
}

export function main(argv: string[], io: Io, _sys: System): number {
  const parsed = getopt(argv, 'cCdst', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'tr');
  }
  let comp = false;
  let del = false;
  let squeeze = false;
  let truncate = false;
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: tr [OPTION]... STRING1 [STRING2]\nTranslate, squeeze, and/or delete characters from standard input,\nwriting to standard output.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('tr (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'c' || key === 'C') comp = true;
    if (key === 'd') del = true;
    if (key === 's') squeeze = true;
    if (key === 't') truncate = true;
  }
  const ops = parsed.operands;
  const translating = !del && ops.length >= 2;
  const needed = del && squeeze ? 2 : del || (squeeze && ops.length < 2) ? 1 : 2;
  if (ops.length === 0) return missing(io, null, '');
  if (ops.length < needed) {
    const hint = del && squeeze ? 'Two strings must be given when both deleting and squeezing repeats.\n' : 'Two strings must be given when translating.\n';
    return missing(io, ops[ops.length - 1], hint);
  }
  if (ops.length > needed) {
    io.err(`tr: extra operand '${ops[needed]}'\n`);
    if (del && !squeeze) io.err('Only one string may be given when deleting without squeezing repeats.\n');
    return tryHelp(io, 'tr');
  }
  let set1: number[];
  let set2: number[] = [];
  let fill2 = -1;
  try {
    repeatFill = -1;
    set1 = expand(ops[0], io.err);
    if (ops.length > 1) {
      repeatFill = -1;
      set2 = expand(ops[1], io.err);
      fill2 = repeatFill;
    }
  } catch (e) {
    if (e instanceof SetError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
  if (comp) {
    const inSet = new Set(set1);
    set1 = [];
    for (let b = 0; b < 256; b++) if (!inSet.has(b)) set1.push(b);
  }
  const map = new Map<number, number>();
  if (translating) {
    if (set2.length === 0) {
      io.err('tr: when not truncating set1, string2 must be non-empty\n');
      return 1;
    }
    if (truncate) set1 = set1.slice(0, set2.length);
    else if (fill2 >= 0 && set2.length < set1.length) set2.splice(fill2, 0, ...new Array<number>(set1.length - set2.length).fill(set2[fill2]));
    for (let i = 0; i < set1.length; i++) map.set(set1[i], set2[Math.min(i, set2.length - 1)]);
  }
  const delSet = del ? new Set(set1) : null;
  const squeezeSet = squeeze ? new Set(translating || del ? set2 : set1) : null;
  const input = Buffer.from(io.stdin, 'latin1');
  const out: number[] = [];
  for (const byte of input) {
    if (delSet && delSet.has(byte)) continue;
    const b = map.get(byte) ?? byte;
    if (squeezeSet && squeezeSet.has(b) && out.length > 0 && out[out.length - 1] === b) continue;
    out.push(b);
  }
  io.out(Buffer.from(out).toString('latin1'));
  return 0;
}

export const tr: Tool = { name: 'tr', main, summary: 'translate or delete characters' };
