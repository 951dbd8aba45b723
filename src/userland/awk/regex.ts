/**
 * mawk 1.3.4-20200120's own regular expressions (rexp0.c, rexp.c): egrep syntax with
 * | * + ? ( ) . [ ] ^ $ and C escapes; no intervals (that snapshot reads { and } as
 * ordinary characters), ^ and $ anchor only at the ends of a branch. They compile to the
 * shared Pike VM, which matches leftmost-longest as mawk's REmatch does.
 */
import type { Node } from '../regex/ast';
import { CharSet, CLASSES } from '../regex/charset';
import { compileNode, type Regex } from '../regex/index';

/** rexp.c's REerrlist. */
export const RE_ERRORS = {
  missingLparen: "missing '('",
  missingRparen: "missing ')'",
  badClass: 'bad class -- [], [^] or [',
  missingOperand: 'missing operand',
  tooLarge: 'resource exhaustion -- regular expression too large',
  startStar: 'syntax error ^* or ^+',
} as const;

export class AwkRegexError extends Error {}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, b: 8, v: 11, a: 7, '\\': 92, '"': 34, '/': 47 };

/** The character an escape at P[i] ('\\') stands for, and where it ends (rexp0.c's escape handling). */
function escape(p: string, i: number): { code: number; next: number } {
  const c = p[i + 1];
  if (c === undefined) return { code: 92, next: i + 1 };
  if (c in ESCAPES) return { code: ESCAPES[c], next: i + 2 };
  if (c >= '0' && c <= '7') {
    let j = i + 1;
    let v = 0;
    while (j < p.length && j < i + 4 && p[j] >= '0' && p[j] <= '7') v = v * 8 + (p.charCodeAt(j++) - 48);
    return { code: v & 0xff, next: j };
  }
  return { code: c.charCodeAt(0), next: i + 2 };
}

class Parser {
  i = 0;
  constructor(private readonly p: string) {}

  alt(): Node {
    const items = [this.branch()];
    while (this.p[this.i] === '|') {
      this.i++;
      items.push(this.branch());
    }
    return items.length === 1 ? items[0] : { kind: 'alt', items };
  }

  branch(): Node {
    const items: Node[] = [];
    const start = this.i;
    while (this.i < this.p.length && this.p[this.i] !== '|' && this.p[this.i] !== ')') {
      const c = this.p[this.i];
      if (c === '^' && this.i === start) {
        this.i++;
        if (this.p[this.i] === '*' || this.p[this.i] === '+') throw new AwkRegexError(RE_ERRORS.startStar);
        items.push({ kind: 'assert', what: 'bol' });
        continue;
      }
      if (c === '$') {
        const n = this.p[this.i + 1];
        if (n === undefined || n === '|' || n === ')') {
          this.i++;
          items.push({ kind: 'assert', what: 'eol' });
          continue;
        }
      }
      let atom = this.atom();
      for (;;) {
        const op = this.p[this.i];
        if (op === '*') atom = { kind: 'repeat', node: atom, min: 0, max: Infinity };
        else if (op === '+') atom = { kind: 'repeat', node: atom, min: 1, max: Infinity };
        else if (op === '?') atom = { kind: 'repeat', node: atom, min: 0, max: 1 };
        else break;
        this.i++;
      }
      items.push(atom);
    }
    if (items.length === 0) return { kind: 'empty' };
    return items.length === 1 ? items[0] : { kind: 'concat', items };
  }

  atom(): Node {
    const c = this.p[this.i];
    switch (c) {
      case '(': {
        this.i++;
        const inner = this.alt();
        if (this.p[this.i] !== ')') throw new AwkRegexError(RE_ERRORS.missingRparen);
        this.i++;
        return inner;
      }
      case '.':
        this.i++;
        return { kind: 'any' };
      case '[':
        return this.bracket();
      case '*':
      case '+':
      case '?':
        throw new AwkRegexError(RE_ERRORS.missingOperand);
      case '\\': {
        const e = escape(this.p, this.i);
        this.i = e.next;
        return { kind: 'char', code: e.code };
      }
      default:
        this.i++;
        return { kind: 'char', code: c.charCodeAt(0) };
    }
  }

  bracket(): Node {
    const p = this.p;
    let j = this.i + 1;
    const set = new CharSet();
    if (p[j] === '^') {
      set.negated = true;
      j++;
    }
    let first = true;
    for (;;) {
      if (j >= p.length) throw new AwkRegexError(RE_ERRORS.badClass);
      const c = p[j];
      if (c === ']' && !first) break;
      first = false;
      if (c === '[' && p[j + 1] === ':') {
        const end = p.indexOf(':]', j + 2);
        const cls = end < 0 ? undefined : CLASSES[p.slice(j + 2, end)];
        if (cls !== undefined) {
          set.addClass(cls);
          j = end + 2;
          continue;
        }
      }
      let lo: number;
      if (c === '\\') {
        const e = escape(p, j);
        lo = e.code;
        j = e.next;
      } else {
        lo = c.charCodeAt(0);
        j++;
      }
      if (p[j] === '-' && p[j + 1] !== undefined && p[j + 1] !== ']') {
        let hi: number;
        if (p[j + 1] === '\\') {
          const e = escape(p, j + 1);
          hi = e.code;
          j = e.next;
        } else {
          hi = p.charCodeAt(j + 1);
          j += 2;
        }
        if (hi >= lo) set.addRange(lo, hi);
        continue;
      }
      set.addChar(lo);
    }
    this.i = j + 1;
    return { kind: 'set', set };
  }
}

/** Compile mawk regex text P; throws AwkRegexError with rexp.c's text. */
export function compileAwkRegex(p: string): Regex {
  const parser = new Parser(p);
  const node = parser.alt();
  if (parser.i < p.length) throw new AwkRegexError(RE_ERRORS.missingLparen);
  return compileNode(node, 0, false);
}
