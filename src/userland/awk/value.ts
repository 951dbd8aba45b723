/**
 * mawk's cells (mawk.h): a value is a number, a string, a "strnum" (input text that looks
 * like a number: fields, getline, split(), ARGV, ENVIRON, -v; it compares as a number) or
 * uninitialized (both "" and 0). Conversions are cast.c's: strtod(3) for string → number
 * (so "0x1A" and " 12abc" read as glibc reads them), and for number → string an integral
 * value in a C long prints with %ld, any other through CONVFMT (print uses OFMT).
 */
import { sprintf } from './printf';

export class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}

/** null is mawk's C_NOINIT. */
export type Value = number | string | StrNum | null;

const SPACE = /[ \t\n\v\f\r]/;

/** glibc strtod(3) in the C locale: the value of the longest numeric prefix of S, and where it ends (0 when none). */
export function strtod(s: string): { value: number; end: number } {
  let i = 0;
  while (i < s.length && SPACE.test(s[i])) i++;
  let sign = 1;
  const start = i;
  if (s[i] === '+' || s[i] === '-') {
    if (s[i] === '-') sign = -1;
    i++;
  }
  const rest = s.slice(i);
  const word = /^(inf(inity)?|nan(\([0-9A-Za-z_]*\))?)/i.exec(rest);
  if (word) {
    const v = word[0][0].toLowerCase() === 'i' ? Infinity : NaN;
    return { value: sign * v, end: i + word[0].length };
  }
  const hex = /^0[xX](([0-9a-fA-F]+)(\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)([pP][+-]?[0-9]+)?/.exec(rest);
  if (hex) {
    const body = hex[1];
    const dot = body.indexOf('.');
    const intDigits = dot < 0 ? body : body.slice(0, dot);
    const fracDigits = dot < 0 ? '' : body.slice(dot + 1);
    let v = 0;
    for (const c of intDigits) v = v * 16 + parseInt(c, 16);
    let scale = 1 / 16;
    for (const c of fracDigits) {
      v += parseInt(c, 16) * scale;
      scale /= 16;
    }
    if (hex[4]) v *= 2 ** parseInt(hex[4].slice(1), 10);
    return { value: sign * v, end: i + hex[0].length };
  }
  const dec = /^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?/.exec(rest);
  if (dec) return { value: sign * parseFloat(dec[0]), end: i + dec[0].length };
  void start;
  return { value: 0, end: 0 };
}

/** Input text as mawk types it (cast.c's test for C_MBSTRN): a strnum when all of it is a number between blanks. */
export function fromInput(s: string): Value {
  const { value, end } = strtod(s);
  if (end === 0) return s;
  let k = end;
  while (k < s.length && SPACE.test(s[k])) k++;
  return k === s.length ? new StrNum(s, value) : s;
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (v === null) return 0;
  if (v instanceof StrNum) return v.n;
  return strtod(v).value;
}

const MAX_LONG = 9223372036854775807;

/** d_to_I(): the double clamped into a C long. */
export function toLong(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= MAX_LONG) return MAX_LONG;
  if (d <= -MAX_LONG) return -MAX_LONG;
  return Math.trunc(d);
}

/** A number as a string: %ld when integral within a long, else FMT (CONVFMT or OFMT). */
export function numToStr(d: number, fmt: string): string {
  if (Number.isInteger(d) && Math.abs(d) < MAX_LONG) {
    if (Math.abs(d) < 2 ** 53) return String(d === 0 ? 0 : d);
    return BigInt(d).toString();
  }
  return sprintf(fmt, [d], fmt).text;
}

export function toStr(v: Value, convfmt: string): string {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (v instanceof StrNum) return v.s;
  return numToStr(v, convfmt);
}

export function toBool(v: Value): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v === null) return false;
  if (v instanceof StrNum) return v.n !== 0;
  return v !== '';
}

/** execute.c's compare(): numbers (and strnums, and uninitialized) numerically, anything with a string as strings. */
export function compare(a: Value, b: Value, convfmt: string): number {
  const aStr = typeof a === 'string';
  const bStr = typeof b === 'string';
  if (a === null && b === null) return 0;
  if (!aStr && !bStr) {
    const x = toNum(a);
    const y = toNum(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : 1;
  }
  const s = toStr(a, convfmt);
  const t = toStr(b, convfmt);
  return s < t ? -1 : s > t ? 1 : 0;
}
