/**
 * lib/kstrtox.c of 6.1: the strict number parsers behind every integer module parameter.
 * Base 0 picks the radix from the prefix (0x → 16, 0 → 8, else 10); one trailing newline
 * is accepted (sysfs writes end with one); anything else after the digits is -EINVAL;
 * a value that does not fit is -ERANGE.
 */
import { EINVAL, ERANGE } from './errno';

const U64_MAX = (1n << 64n) - 1n;

/** _kstrtoull(): digits only (no sign). */
function parseUnsigned(s: string, base0: number): bigint | number {
  let base = base0;
  let i = 0;
  if (base === 0) {
    if (s[0] === '0') base = (s[1] === 'x' || s[1] === 'X') && /[0-9a-fA-F]/.test(s[2] ?? '') ? 16 : 8;
    else base = 10;
  }
  if (base === 16 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X')) i = 2;
  let value = 0n;
  let digits = 0;
  let overflow = false;
  for (; i < s.length; i++) {
    const d = parseInt(s[i], 36);
    if (Number.isNaN(d) || d >= base) break;
    value = value * BigInt(base) + BigInt(d);
    if (value > U64_MAX) overflow = true;
    digits++;
  }
  if (overflow) return -ERANGE;
  if (digits === 0) return -EINVAL;
  let rest = s.slice(i);
  if (rest.startsWith('\n')) rest = rest.slice(1);
  if (rest !== '') return -EINVAL;
  return value;
}

/** kstrtoull(): an optional '+', then _kstrtoull. */
export function kstrtoull(s: string, base: number): bigint | number {
  return parseUnsigned(s.startsWith('+') ? s.slice(1) : s, base);
}

/** kstrtoll(): '-' or an unsigned value, within s64. */
export function kstrtoll(s: string, base: number): bigint | number {
  if (s.startsWith('-')) {
    const v = parseUnsigned(s.slice(1), base);
    if (typeof v === 'number') return v;
    if (v > 1n << 63n) return -ERANGE;
    return -v;
  }
  const v = kstrtoull(s, base);
  if (typeof v === 'number') return v;
  if (v >= 1n << 63n) return -ERANGE;
  return v;
}

/** Signed parse into [min, max] (kstrtoint, kstrtos16 …). */
export function kstrtoSigned(s: string, base: number, bits: number): bigint | number {
  const v = kstrtoll(s, base);
  if (typeof v === 'number') return v;
  const lim = 1n << BigInt(bits - 1);
  if (v < -lim || v >= lim) return -ERANGE;
  return v;
}

/** Unsigned parse into [0, 2^bits) (kstrtouint, kstrtou8 …). */
export function kstrtoUnsigned(s: string, base: number, bits: number): bigint | number {
  const v = kstrtoull(s, base);
  if (typeof v === 'number') return v;
  if (v >= 1n << BigInt(bits)) return -ERANGE;
  return v;
}

/** kstrtobool(): only the first character(s) count: y/Y/t/T/1, n/N/f/F/0, on/off. */
export function kstrtobool(s: string): boolean | number {
  switch (s[0]) {
    case 'y': case 'Y': case 't': case 'T': case '1':
      return true;
    case 'n': case 'N': case 'f': case 'F': case '0':
      return false;
    case 'o': case 'O':
      if (s[1] === 'n' || s[1] === 'N') return true;
      if (s[1] === 'f' || s[1] === 'F') return false;
      return -EINVAL;
    default:
      return -EINVAL;
  }
}
