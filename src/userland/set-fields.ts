/**
 * coreutils 9.1's set-fields.c: the LIST of cut -b/-c/-f ("1,3-5,7-"), parsed into sorted,
 * merged ranges, with its error texts (the caller adds "Try 'cut --help'").
 */

export interface FieldRange {
  lo: number;
  /** Infinity for an open end ("3-"). */
  hi: number;
}

/** set_fields(): the ranges, or the error message (without the program name). */
export function parseFieldList(list: string, fields: boolean): FieldRange[] | string {
  const ranges: FieldRange[] = [];
  const what = fields ? 'field' : 'byte/character';
  for (const item of list.split(/[ ,\t]/)) {
    if (item === '') return fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    const m = /^([0-9]*)(-([0-9]*))?$/.exec(item);
    if (!m) {
      if (/^[0-9]*-[0-9]*-/.test(item)) return fields ? 'invalid field range' : 'invalid byte or character range';
      const bad = /^[0-9]*-?[0-9]*/.exec(item)?.[0] ?? '';
      return `invalid ${fields ? 'field value' : 'byte/character position'} '${item.slice(bad.length === item.length ? 0 : bad.length).replace(/^-/, '') || item}'`;
    }
    const [, a, dash, b] = m;
    if (dash === undefined) {
      const n = toNumber(a, what);
      if (typeof n === 'string') return n;
      if (n === 0) return fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
      ranges.push({ lo: n, hi: n });
      continue;
    }
    if (a === '' && b === '') return 'invalid range with no endpoint: -';
    const lo = a === '' ? 1 : toNumber(a, what);
    if (typeof lo === 'string') return lo;
    if (lo === 0) return fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    const hi = b === '' ? Infinity : toNumber(b, what);
    if (typeof hi === 'string') return hi;
    if (hi === 0 && a === '') return fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (hi < lo) return 'invalid decreasing range';
    ranges.push({ lo, hi });
  }
  ranges.sort((x, y) => x.lo - y.lo);
  const merged: FieldRange[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.lo <= last.hi + 1) last.hi = Math.max(last.hi, r.hi);
    else merged.push({ ...r });
  }
  return merged;
}

/** A position beyond SIZE_MAX is "too large" (set-fields.c's overflow check). */
function toNumber(digits: string, what: string): number | string {
  if (digits.length > 19 || BigInt(digits) > 18446744073709551615n) {
    return `${what === 'field' ? 'field number' : 'byte/character offset'} '${digits}' is too large`;
  }
  return Number(digits);
}

/** The range list with --complement applied. */
export function complement(ranges: readonly FieldRange[]): FieldRange[] {
  const out: FieldRange[] = [];
  let next = 1;
  for (const r of ranges) {
    if (r.lo > next) out.push({ lo: next, hi: r.lo - 1 });
    next = r.hi + 1;
  }
  if (next !== Infinity) out.push({ lo: next, hi: Infinity });
  return out;
}

export function selected(ranges: readonly FieldRange[], n: number): boolean {
  return ranges.some((r) => n >= r.lo && n <= r.hi);
}
