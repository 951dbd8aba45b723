/**
 * The pattern forms of parameter expansion (subst.c: remove_pattern, pat_subst,
 * match_pattern): ${x#p} ${x##p} ${x%p} ${x%%p} remove the shortest or longest matching
 * prefix or suffix; ${x/p/s} ${x//p/s} ${x/#p/s} ${x/%p/s} replace the longest match at
 * each position, the first or all, or one anchored at the start or end. Patterns are
 * those of case (glob.ts's matcher, escaped where quoted). In the replacement an unquoted
 * `&` stands for the matched text (bash 5.2's patsub_replacement, on by default).
 *
 * Like bash, a general pattern is tried at every position (quadratic in the value); a
 * pattern without wildcards, the common case, is found by plain string search.
 */
import { hasGlobChars, patternRegex, unescapeGlob } from './glob';
import { allocateString } from './memory';

export type RemoveOp = '#' | '##' | '%' | '%%';
export type ReplaceOp = '/' | '//' | '/#' | '/%';

/** The replacement of ${x/p/s}: its text, with the unquoted `&`s marked. */
export interface Replacement {
  /** Literal pieces between unquoted `&`s (one more piece than there are `&`s). */
  pieces: string[];
}

/** A test for "the whole of S matches PATTERN". */
function matcher(pattern: string): (s: string) => boolean {
  if (!hasGlobChars(pattern)) {
    const literal = unescapeGlob(pattern);
    return (s) => s === literal;
  }
  const re = patternRegex(pattern);
  return (s) => re.test(s);
}

export function removePattern(value: string, pattern: string, op: RemoveOp): string {
  const n = value.length;
  if (!hasGlobChars(pattern)) {
    const literal = unescapeGlob(pattern);
    if (op.startsWith('#')) return value.startsWith(literal) ? value.slice(literal.length) : value;
    return value.endsWith(literal) ? value.slice(0, n - literal.length) : value;
  }
  const matches = matcher(pattern);
  switch (op) {
    case '#':
      for (let i = 0; i <= n; i++) if (matches(value.slice(0, i))) return value.slice(i);
      return value;
    case '##':
      for (let i = n; i >= 0; i--) if (matches(value.slice(0, i))) return value.slice(i);
      return value;
    case '%':
      for (let i = n; i >= 0; i--) if (matches(value.slice(i))) return value.slice(0, i);
      return value;
    case '%%':
      for (let i = 0; i <= n; i++) if (matches(value.slice(i))) return value.slice(0, i);
      return value;
  }
}

function substitute(match: string, replacement: Replacement): string {
  return replacement.pieces.join(match);
}

/**
 * The number of characters every match of PATTERN has when it has no `*` (each literal,
 * `?` and bracket expression is one character), else null.
 */
function fixedLength(pattern: string): number | null {
  let n = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') return null;
    if (c === '\\') i++;
    else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!' || pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        const cls = pattern[j] === '[' && pattern[j + 1] === ':' ? pattern.indexOf(':]', j + 2) : -1;
        if (cls > 0) j = cls + 1;
      }
      if (j < pattern.length) i = j;
    }
    n++;
  }
  return n;
}

/** The longest match starting at I (its end), or -1; a fixed-length pattern is tried once. */
function longestAt(value: string, i: number, matches: (s: string) => boolean, length: number | null = null): number {
  if (length !== null) return i + length <= value.length && matches(value.slice(i, i + length)) ? i + length : -1;
  for (let j = value.length; j >= i; j--) if (matches(value.slice(i, j))) return j;
  return -1;
}

export function replacePattern(value: string, pattern: string, replacement: Replacement, op: ReplaceOp): string {
  const n = value.length;
  // pat_subst: an empty pattern prepends or appends the string with /# and /%, else changes nothing.
  if (pattern === '') {
    if (op === '/#') return substitute('', replacement) + value;
    if (op === '/%') return value + substitute('', replacement);
    return value;
  }
  const matches = matcher(pattern);
  if (op === '/#') {
    const end = longestAt(value, 0, matches, fixedLength(pattern));
    return end < 0 ? value : substitute(value.slice(0, end), replacement) + value.slice(end);
  }
  if (op === '/%') {
    for (let i = 0; i <= n; i++) if (matches(value.slice(i))) return value.slice(0, i) + substitute(value.slice(i), replacement);
    return value;
  }
  const global = op === '//';
  if (!hasGlobChars(pattern)) return replaceLiteral(value, unescapeGlob(pattern), replacement, global);
  // A pattern that starts with a literal character can only match where that character is.
  const first = /^[^*?[\\]/.test(pattern) ? pattern[0] : pattern[0] === '\\' && pattern.length > 1 ? pattern[1] : null;
  const length = fixedLength(pattern);
  let out = '';
  let i = 0;
  // The empty end of the value is tried only when the value is empty (`x=; ${x//*/y}` is y).
  while (i < n || (i === 0 && n === 0)) {
    const end = first !== null && value[i] !== first ? -1 : longestAt(value, i, matches, length);
    if (end < 0) {
      if (i < n) out += value[i];
      i++;
      continue;
    }
    out += substitute(value.slice(i, end), replacement);
    allocateString(out.length);
    if (end === i) {
      // An empty match: keep one character and go on, as pat_subst does.
      if (i < n) out += value[i];
      i++;
    } else i = end;
    if (!global) return out + value.slice(i);
  }
  return out;
}

function replaceLiteral(value: string, literal: string, replacement: Replacement, global: boolean): string {
  const text = substitute(literal, replacement);
  const at = value.indexOf(literal);
  if (at < 0) return value;
  if (!global) return value.slice(0, at) + text + value.slice(at + literal.length);
  const parts = value.split(literal);
  allocateString(value.length + (parts.length - 1) * (text.length - literal.length));
  return parts.join(text);
}
