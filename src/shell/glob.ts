/**
 * Pathname expansion (bash's glob.c through the VFS): *, ? and [...] match within one path
 * component, a leading '.' only explicitly, results sorted as in the C locale (the oracle
 * guest has no locales, so `ls` and globs sort byte-wise). A pattern that matches nothing
 * stays as it is (no nullglob, no failglob).
 */
import type { FileTree } from '../kernel/filetree';
import { MAX_GLOB } from './limits';

/** A pattern with quoted characters escaped by a backslash. */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? '\\' + c : c;
}

/** [:name:] inside a bracket expression (C locale). */
export const CHAR_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
  word: '0-9A-Za-z_',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

/** One path component's pattern as an anchored RegExp. */
export function componentRegex(pattern: string): RegExp {
  return patternRegex(pattern, false);
}

/**
 * A pattern of case and [[ == ]] (fnmatch without FNM_PATHNAME: * and ? match '/'), or of
 * one path component when `anyChar` is false.
 */
export function patternRegex(pattern: string, anyChar = true): RegExp {
  const star = anyChar ? '[\\s\\S]*' : '[^/]*';
  const one = anyChar ? '[\\s\\S]' : '[^/]';
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRegex(pattern[++i]);
    } else if (c === '*') re += star;
    else if (c === '?') re += one;
    else if (c === '[') {
      let j = i + 1;
      let negate = false;
      if (pattern[j] === '!' || pattern[j] === '^') {
        negate = true;
        j++;
      }
      let body = '';
      let first = true;
      for (; j < pattern.length; j++) {
        const d = pattern[j];
        if (d === ']' && !first) break;
        first = false;
        const cls = d === '[' && pattern[j + 1] === ':' ? /^\[:([a-z]+):\]/.exec(pattern.slice(j, j + 12)) : null;
        if (cls && CHAR_CLASSES[cls[1]] !== undefined) {
          body += CHAR_CLASSES[cls[1]];
          j += cls[0].length - 1;
        } else if (d === '\\' && j + 1 < pattern.length) body += escapeRegex(pattern[++j]);
        else if (d === '-' ) body += '-';
        else body += escapeRegex(d);
      }
      if (j >= pattern.length) re += '\\[';
      else {
        re += `[${negate ? '^' : ''}${body}]`;
        i = j;
      }
    } else re += escapeRegex(c);
  }
  return new RegExp(`^${re}$`, 's');
}

export function byteOrder(a: string, b: string): number {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return Buffer.compare(ba, bb);
}

/**
 * Expand PATTERN (escaped as above) against FS; `resolve` makes a relative path absolute.
 * Returns the sorted matches, or [] when nothing matches.
 */
export function expandGlob(pattern: string, fs: FileTree, resolve: (path: string) => string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/');
  if (absolute) segments.shift();
  let bases: string[] = [absolute ? '/' : ''];
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    const last = s === segments.length - 1;
    const next: string[] = [];
    for (const base of bases) {
      if (seg === '') {
        // "a//b" or a trailing slash: the path so far must be a directory.
        const st = fs.stat(resolve(base || '.'));
        if (typeof st !== 'number' && st.type === 'dir' && (last || s === 0)) next.push(base.endsWith('/') ? base : base + '/');
        else if (typeof st !== 'number' && st.type === 'dir') next.push(base.endsWith('/') ? base : base + '/');
        continue;
      }
      const join = (name: string): string => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (!hasGlobChars(seg)) {
        next.push(join(unescapeGlob(seg)));
        continue;
      }
      const names = fs.list(resolve(base || '.'));
      if (typeof names === 'number') continue;
      const re = componentRegex(seg);
      const dotOk = seg.startsWith('.') || seg.startsWith('\\.');
      for (const name of names) {
        if (name.startsWith('.') && !dotOk) continue;
        if (re.test(name)) next.push(join(name));
        if (next.length > MAX_GLOB) break;
      }
    }
    bases = next.slice(0, MAX_GLOB);
    if (bases.length === 0) return [];
  }
  const found = bases.filter((p) => typeof fs.stat(resolve(p)) !== 'number');
  return found.sort(byteOrder);
}
