/**
 * Bracket expressions in the C locale (the oracle guest has no locales, so every tool runs
 * in "C"): [:class:] names as glibc's ctype defines them for ASCII, ranges by code, no
 * character above 127 in any class.
 */

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlpha = (c: number): boolean => isUpper(c) || isLower(c);
const isPrint = (c: number): boolean => c >= 32 && c <= 126;

/** POSIX character classes: the names regcomp and fnmatch accept inside [: :]. */
export const CLASSES: Readonly<Record<string, (c: number) => boolean>> = {
  alpha: isAlpha,
  digit: isDigit,
  alnum: (c) => isAlpha(c) || isDigit(c),
  upper: isUpper,
  lower: isLower,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => isPrint(c) && c !== 32 && !isAlpha(c) && !isDigit(c),
  xdigit: (c) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  cntrl: (c) => c < 32 || c === 127,
  print: isPrint,
  graph: (c) => isPrint(c) && c !== 32,
};

/** \w: alnum or underscore. */
export function isWordChar(c: number): boolean {
  return isAlpha(c) || isDigit(c) || c === 95;
}

export function foldCase(c: number): number[] {
  if (isUpper(c)) return [c, c + 32];
  if (isLower(c)) return [c, c - 32];
  return [c];
}

/** A set of characters: a 256-entry table for the bytes, ranges above them. */
export class CharSet {
  private readonly low = new Uint8Array(256);
  private readonly high: number[] = [];
  negated = false;

  addRange(from: number, to: number): void {
    for (let c = from; c <= Math.min(to, 255); c++) this.low[c] = 1;
    if (to > 255) this.high.push(Math.max(from, 256), to);
  }

  addChar(c: number): void {
    this.addRange(c, c);
  }

  addClass(test: (c: number) => boolean): void {
    for (let c = 0; c < 128; c++) if (test(c)) this.low[c] = 1;
  }

  /** Make the set case-blind: every ASCII letter in it brings its other case. */
  foldCase(): void {
    for (let c = 65; c <= 90; c++) {
      if (this.low[c] || this.low[c + 32]) this.low[c] = this.low[c + 32] = 1;
    }
  }

  /** Add every member of OTHER; false when OTHER is negated or reaches above the bytes (not worth a filter). */
  addSet(other: CharSet): boolean {
    if (other.negated || other.high.length > 0) return false;
    for (let c = 0; c < 256; c++) if (other.low[c]) this.low[c] = 1;
    return true;
  }

  /** The first index at or after FROM of a member of this set, or -1. */
  indexIn(input: string, from: number): number {
    for (let k = from; k < input.length; k++) if (this.has(input.charCodeAt(k))) return k;
    return -1;
  }

  has(c: number): boolean {
    let member: boolean;
    if (c < 256) member = this.low[c] === 1;
    else {
      member = false;
      for (let i = 0; i < this.high.length; i += 2) {
        if (c >= this.high[i] && c <= this.high[i + 1]) {
          member = true;
          break;
        }
      }
    }
    return member !== this.negated;
  }
}
