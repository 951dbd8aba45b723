/**
 * Shell patterns (bash's strmatch, as case, [[ == ]] and pathname expansion use them): * ? and
 * [...] with ! or ^, [:class:], ranges and backslash escapes; an unclosed [ is an ordinary
 * character. They compile to the regex matcher's program, so `*a*a*a*a*a*a*a*a*a*c` costs
 * O(text × pattern) instead of bash's exponential backtracking.
 */
import type { Node } from './ast';
import { CharSet, CLASSES } from './charset';
import { compileNode, type Regex } from './index';

export interface FnmatchOptions {
  /** FNM_PATHNAME: * ? and brackets do not match '/' (one path component). */
  pathname?: boolean;
}

/** The bracket expression at pattern[i] ('['), or null when it is not closed. */
function bracket(pattern: string, i: number): { set: CharSet; next: number } | null {
  let j = i + 1;
  const set = new CharSet();
  if (pattern[j] === '!' || pattern[j] === '^') {
    set.negated = true;
    j++;
  }
  let first = true;
  for (;;) {
    if (j >= pattern.length) return null;
    let c = pattern[j];
    if (c === ']' && !first) break;
    first = false;
    if (c === '[' && pattern[j + 1] === ':') {
      const end = pattern.indexOf(':]', j + 2);
      const cls = end < 0 ? undefined : CLASSES[pattern.slice(j + 2, end)];
      if (cls !== undefined) {
        set.addClass(cls);
        j = end + 2;
        continue;
      }
    }
    if (c === '\\' && j + 1 < pattern.length) c = pattern[++j];
    const lo = c.charCodeAt(0);
    j++;
    if (pattern[j] === '-' && j + 1 < pattern.length && pattern[j + 1] !== ']') {
      let hi = pattern[j + 1];
      j += 2;
      if (hi === '\\' && j < pattern.length) hi = pattern[j++];
      const h = hi.charCodeAt(0);
      // bash: a reversed range matches nothing
      if (h >= lo) set.addRange(lo, h);
      continue;
    }
    set.addChar(lo);
  }
  return { set, next: j + 1 };
}

/** Compile a shell pattern (quoted characters escaped with a backslash) to an anchored matcher. */
export function compileFnmatch(pattern: string, options: FnmatchOptions = {}): Regex {
  const pathname = options.pathname === true;
  const notSlash = (): Node => {
    const set = new CharSet();
    set.addChar(47);
    set.negated = true;
    return { kind: 'set', set };
  };
  const anyOne = (): Node => (pathname ? notSlash() : { kind: 'any' });
  const items: Node[] = [{ kind: 'assert', what: 'bufStart' }];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      items.push({ kind: 'char', code: pattern.charCodeAt(++i) });
    } else if (c === '*') {
      // consecutive stars are one star
      while (pattern[i + 1] === '*') i++;
      items.push({ kind: 'repeat', node: anyOne(), min: 0, max: Infinity });
    } else if (c === '?') {
      items.push(anyOne());
    } else if (c === '[') {
      const b = bracket(pattern, i);
      if (b === null) items.push({ kind: 'char', code: 91 });
      else {
        items.push({ kind: 'set', set: b.set });
        i = b.next - 1;
      }
    } else items.push({ kind: 'char', code: pattern.charCodeAt(i) });
  }
  items.push({ kind: 'assert', what: 'bufEnd' });
  return compileNode({ kind: 'concat', items }, 0, false);
}
