/**
 * printf and sprintf as mawk's do_printf (print.c) runs them: each conversion is handed to
 * C's printf with the argument cast as mawk casts it (d_to_I for %d %i %c, d_to_U for
 * %o %x %X %u, a double for %e %f %g, a string for %s). Errors are mawk's run-time texts.
 */
import { expo, fixed, general } from './cformat';
import type { Value } from './value';

/** What printf needs from a value; the interpreter supplies the casts. */
export interface PrintfArg {
  num(): number;
  str(): string;
  /** A string that is not a number (mawk's C_STRING after check_strnum), for %c. */
  isString(): boolean;
}

export type PrintfResult = { text: string; error?: undefined } | { text: string; error: string };

const MAX_LONG = 9223372036854775807;
const MAX_ULONG = 18446744073709551615;

function dToI(d: number): bigint {
  if (d >= MAX_LONG) return 9223372036854775807n;
  if (d > -MAX_LONG) return BigInt(Math.trunc(d));
  return -9223372036854775807n;
}

function dToU(d: number): bigint {
  if (d >= MAX_ULONG) return 18446744073709551615n;
  if (d > 0) return BigInt(Math.trunc(d));
  return 0n;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  space: boolean;
  alt: boolean;
  zero: boolean;
  width: number;
  prec: number | null;
}

function pad(body: string, sign: string, spec: Spec, numeric: boolean): string {
  const len = sign.length + body.length;
  if (spec.width <= len) return sign + body;
  const fill = spec.width - len;
  if (spec.minus) return sign + body + ' '.repeat(fill);
  if (spec.zero && numeric) return sign + '0'.repeat(fill) + body;
  return ' '.repeat(fill) + sign + body;
}

function signOf(neg: boolean, spec: Spec): string {
  return neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
}

function integer(v: bigint, conv: string, spec: Spec): string {
  const neg = v < 0n;
  let digits: string;
  let prefix = '';
  const a = neg ? -v : v;
  switch (conv) {
    case 'o':
      digits = a.toString(8);
      if (spec.alt && !digits.startsWith('0')) digits = '0' + digits;
      break;
    case 'x':
    case 'X':
      digits = a.toString(16);
      if (conv === 'X') digits = digits.toUpperCase();
      if (spec.alt && a !== 0n) prefix = conv === 'x' ? '0x' : '0X';
      break;
    default:
      digits = a.toString();
  }
  if (spec.prec !== null) {
    if (spec.prec === 0 && a === 0n) digits = conv === 'o' && spec.alt ? '0' : '';
    digits = digits.padStart(spec.prec, '0');
  }
  const sign = conv === 'd' || conv === 'i' ? signOf(neg, spec) : '';
  const zeroSpec = spec.prec !== null ? { ...spec, zero: false } : spec;
  return pad(digits, sign + prefix, zeroSpec, true);
}

function float(d: number, conv: string, spec: Spec): string {
  const prec = spec.prec ?? 6;
  const neg = d < 0 || Object.is(d, -0);
  const a = Math.abs(d);
  let body: string;
  const upper = conv === 'E' || conv === 'G';
  if (conv === 'f') body = fixed(a, prec, spec.alt);
  else if (conv === 'e' || conv === 'E') body = expo(a, prec, spec.alt, upper);
  else body = general(a, prec, spec.alt, upper);
  const finite = Number.isFinite(d);
  const sign = Number.isNaN(d) ? (spec.plus ? '+' : spec.space ? ' ' : '') : signOf(neg, spec);
  return pad(body, sign, finite ? spec : { ...spec, zero: false }, true);
}

/** FORMAT with ARGS, as sprintf(); WHO names the caller in mawk's errors ("printf" or "sprintf"). */
export function formatArgs(format: string, args: readonly PrintfArg[], who: string): PrintfResult {
  let out = '';
  let next = 0;
  let conversions = 0;
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    conversions++;
    if (format[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    // mawk's "for (;;)" loop stops at the end of the format: a lone "%" is printed as it is
    if (i + 1 >= format.length) {
      if (next >= args.length) return { text: out, error: `not enough arguments passed to ${who}("${format}")` };
      out += '%';
      i++;
      continue;
    }
    let q = i + 1;
    const spec: Spec = { minus: false, plus: false, space: false, alt: false, zero: false, width: 0, prec: null };
    for (; q < format.length; q++) {
      const f = format[q];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === ' ') spec.space = true;
      else if (f === '#') spec.alt = true;
      else if (f === '0') spec.zero = true;
      else if (f !== "'") break;
    }
    if (format[q] === '*') {
      if (next >= args.length) return { text: out, error: `not enough arguments passed to ${who}("${format}")` };
      let w = Number(dToI(args[next++].num()));
      if (w < 0) {
        spec.minus = true;
        w = -w;
      }
      spec.width = w;
      q++;
    } else {
      let w = '';
      while (q < format.length && format[q] >= '0' && format[q] <= '9') w += format[q++];
      if (w) spec.width = parseInt(w, 10);
    }
    if (format[q] === '.') {
      q++;
      if (format[q] === '*') {
        if (next >= args.length) return { text: out, error: `not enough arguments passed to ${who}("${format}")` };
        const p = Number(dToI(args[next++].num()));
        spec.prec = p < 0 ? null : p;
        q++;
      } else {
        let p = '';
        while (q < format.length && format[q] >= '0' && format[q] <= '9') p += format[q++];
        spec.prec = p ? parseInt(p, 10) : 0;
      }
    }
    if (next >= args.length) return { text: out, error: `not enough arguments passed to ${who}("${format}")` };
    let lh = false;
    if (format[q] === 'l' || format[q] === 'h') {
      lh = true;
      q++;
    }
    const conv = format[q] ?? '';
    const arg = args[next++];
    switch (conv) {
      case 's': {
        if (lh) return { text: out, error: `improper conversion(number ${conversions}) in ${who}("${format}")` };
        let s = arg.str();
        if (spec.prec !== null) s = s.slice(0, spec.prec);
        out += pad(s, '', spec, false);
        break;
      }
      case 'c': {
        if (lh) return { text: out, error: `improper conversion(number ${conversions}) in ${who}("${format}")` };
        const ch = arg.isString() ? arg.str().slice(0, 1) : String.fromCharCode(Number(BigInt.asUintN(8, dToI(arg.num()))));
        // a C string: an empty one (or "%c" of 0) still writes its one byte, NUL
        out += pad(ch === '' ? '\0' : ch, '', spec, false);
        break;
      }
      case 'd':
      case 'i':
        out += integer(dToI(arg.num()), conv, spec);
        break;
      case 'o':
      case 'x':
      case 'X':
      case 'u':
        out += integer(dToU(arg.num()), conv, spec);
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'g':
      case 'G':
        if (lh) return { text: out, error: `improper conversion(number ${conversions}) in ${who}("${format}")` };
        out += float(arg.num(), conv, spec);
        break;
      default:
        return { text: out, error: `improper conversion(number ${conversions}) in ${who}("${format}")` };
    }
    i = q + 1;
  }
  return { text: out };
}

/** sprintf of plain numbers (CONVFMT/OFMT conversions of cast.c). */
export function sprintf(format: string, nums: readonly number[], who: string): PrintfResult {
  const args: PrintfArg[] = nums.map((n) => ({ num: () => n, str: () => String(n), isString: () => false }));
  return formatArgs(format, args, who);
}

export type { Value };
