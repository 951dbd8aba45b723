/**
 * seq(1) of GNU coreutils 9.1: [FIRST [INCREMENT]] LAST, -s SEP, -w, -f FORMAT. Output
 * precision is the most fraction digits of FIRST and INCREMENT (seq.c's scan_arg), so
 * `seq 1 0.5 2` prints 1.0 1.5 2.0. Integer sequences print exactly. The output is bounded
 * by the pipe's capacity (MAX_OUTPUT): a line cannot collect more.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';
import { MAX_OUTPUT } from './limits';

const LONG: LongOption[] = [
  { name: 'format', has: 'required', key: 'f' },
  { name: 'separator', has: 'required', key: 's' },
  { name: 'equal-width', has: 'none', key: 'w' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

interface Operand {
  value: number;
  /** Digits after the decimal point as written (0 for "1e2"). */
  frac: number;
  width: number;
}

function scan(arg: string): Operand | null {
  const t = arg.trim();
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t) && !/^[+-]?(inf|infinity|nan)$/i.test(t)) return null;
  const v = Number(t.replace(/^\+/, '').replace(/inf(inity)?/i, 'Infinity'));
  if (Number.isNaN(v)) return null;
  const dot = /\.([0-9]*)/.exec(t.replace(/[eE].*$/, ''));
  const exp = /[eE]([+-]?[0-9]+)/.exec(t);
  let frac = dot ? dot[1].length : 0;
  if (exp) frac = Math.max(0, frac - Number(exp[1]));
  return { value: v, frac, width: t.length };
}

/** printf's %[flags][width][.prec](f|g|e|G|E|F|a|A) for one long double. */
function formatOne(spec: RegExpExecArray, v: number): string {
  const [, flags, width, prec, conv] = spec;
  const p = prec === undefined ? 6 : prec === '' ? 0 : Number(prec);
  let s: string;
  switch (conv.toLowerCase()) {
    case 'f':
      s = v.toFixed(p);
      break;
    case 'e':
      s = v.toExponential(p).replace(/e([+-])([0-9])$/, 'e$10$2');
      break;
    default: {
      const P = p === 0 ? 1 : p;
      const e = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
      if (e < -4 || e >= P) s = v.toExponential(P - 1).replace(/e([+-])([0-9])$/, 'e$10$2');
      else s = v.toFixed(Math.max(0, P - 1 - e));
      if (!flags.includes('#') && s.includes('.')) s = s.replace(/\.?0+(?=e|$)/, '');
    }
  }
  if (conv === conv.toUpperCase()) s = s.toUpperCase();
  if (flags.includes('+') && v >= 0) s = '+' + s;
  else if (flags.includes(' ') && v >= 0) s = ' ' + s;
  const w = width ? Number(width) : 0;
  if (s.length < w) {
    if (flags.includes('-')) s = s.padEnd(w);
    else if (flags.includes('0')) s = /^[+ -]/.test(s) ? s[0] + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0');
    else s = s.padStart(w);
  }
  return s;
}

function usage(io: Io, message: string): number {
  io.err(`seq: ${message}\n`);
  return tryHelp(io, 'seq');
}

export function main(argv: string[], io: Io, _sys: System): number {
  // Negative numbers are operands, not options (seq.c stops option parsing at them).
  const args = argv.map((a, i) => (i > 0 && /^-[0-9.]/.test(a) ? `\u0000${a}` : a));
  const parsed = getopt(args, '+f:s:w', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'seq');
  }
  let format: string | null = null;
  let sep = '\n';
  let equal = false;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: seq [OPTION]... LAST\n  or:  seq [OPTION]... FIRST LAST\n  or:  seq [OPTION]... FIRST INCREMENT LAST\nPrint numbers from FIRST to LAST, in steps of INCREMENT.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('seq (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'f') format = arg ?? '';
    if (key === 's') sep = arg ?? '';
    if (key === 'w') equal = true;
  }
  const ops = parsed.operands.map((a) => a.replace(/^\u0000/, ''));
  if (ops.length === 0) return usage(io, 'missing operand');
  if (ops.length > 3) return usage(io, `extra operand '${ops[3]}'`);
  const scanned: Operand[] = [];
  for (const op of ops) {
    const s = scan(op);
    if (!s) return usage(io, `invalid floating point argument: '${op}'`);
    scanned.push(s);
  }
  const first = ops.length > 1 ? scanned[0] : { value: 1, frac: 0, width: 1 };
  const step = ops.length > 2 ? scanned[1] : { value: 1, frac: 0, width: 1 };
  const last = scanned[scanned.length - 1];
  if (step.value === 0) return usage(io, `invalid Zero increment value: '${ops[1]}'`);
  if (format !== null && equal) return usage(io, 'format string may not be specified when printing equal width strings');
  let spec: RegExpExecArray | null = null;
  let pre = '';
  let post = '';
  if (format !== null) {
    const directives = format.replace(/%%/g, '').match(/%/g)?.length ?? 0;
    const m = /%([-+ #0']*)([0-9]*)(?:\.([0-9]*))?([aAeEfFgG])/.exec(format.replace(/%%/g, '\0\0'));
    if (directives === 0) {
      io.err(`seq: format '${format}' has no % directive\n`);
      return 1;
    }
    if (!m) {
      const bad = /%[-+ #0']*[0-9]*(?:\.[0-9]*)?(.?)/.exec(format.replace(/%%/g, '\0\0'));
      io.err(`seq: format '${format}' has unknown %${bad?.[1] ?? ''} directive\n`);
      return 1;
    }
    if (directives > 1) {
      io.err(`seq: format '${format}' has too many % directives\n`);
      return 1;
    }
    spec = m;
    pre = format.slice(0, m.index).replace(/%%/g, '%');
    post = format.slice(m.index + m[0].length).replace(/%%/g, '%');
  }
  const frac = Math.max(first.frac, step.frac);
  const fmt = (v: number): string => {
    if (spec) return pre + formatOne(spec, v) + post;
    return frac > 0 ? v.toFixed(frac) : String(Math.round(v) === v ? v : v.toFixed(0));
  };
  const values: string[] = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const v = first.value + i * step.value;
    const s = fmt(v);
    if (step.value > 0 ? v > last.value : v < last.value) {
      // seq.c prints a value past LAST that formats as LAST (0.1 + 2 * 0.1 is 0.3 printed)
      if (s === fmt(last.value) && values[values.length - 1] !== s) values.push(s);
      break;
    }
    values.push(s);
    size += s.length + sep.length;
    if (size > MAX_OUTPUT) break;
  }
  if (values.length === 0) return 0;
  if (equal) {
    const w = Math.max(...values.map((s) => s.length));
    for (let i = 0; i < values.length; i++) {
      const s = values[i];
      values[i] = s.startsWith('-') ? '-' + s.slice(1).padStart(w - 1, '0') : s.padStart(w, '0');
    }
  }
  io.out(values.join(sep) + '\n');
  return 0;
}

export const seq: Tool = { name: 'seq', main, summary: 'print a sequence of numbers' };
