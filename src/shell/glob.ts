/**
 * Pathname expansion (bash's glob.c through the VFS): *, ? and [...] match within one path
 * component, a leading '.' only explicitly, results sorted as in the C locale (the oracle
 * guest has no locales, so `ls` and globs sort byte-wise). A pattern that matches nothing
 * stays as it is (no nullglob, no failglob).
 *
 * Bounded: past MAX_GLOB_DIRS directories read or MAX_GLOB names, the expansion fails as
 * bash's glob_filename does when it runs out of memory (GLOB_FAILED), and bash then keeps
 * the word as it is, like a pattern that matched nothing.
 */
import type { FileTree } from '../kernel/filetree';
import { compileFnmatch } from '../userland/regex/fnmatch';
import { MAX_GLOB, MAX_GLOB_DIRS } from './limits';

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

/** A compiled pattern: `test` says whether a whole string matches it. */
export interface PatternMatcher {
  test(text: string): boolean;
}

/** One path component's pattern (* ? [...] never match '/'). */
export function componentRegex(pattern: string): PatternMatcher {
  return compileFnmatch(pattern, { pathname: true });
}

/**
 * A pattern of case and [[ == ]] (fnmatch without FNM_PATHNAME: * and ? match '/'), or of
 * one path component when `anyChar` is false. Linear time (regex/fnmatch.ts).
 */
export function patternRegex(pattern: string, anyChar = true): PatternMatcher {
  return compileFnmatch(pattern, { pathname: !anyChar });
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
  let dirsRead = 0;
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s];
    const last = s === segments.length - 1;
    const next: string[] = [];
    const re = hasGlobChars(seg) ? componentRegex(seg) : null;
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
      if (++dirsRead > MAX_GLOB_DIRS) return [];
      const names = fs.list(resolve(base || '.'));
      if (typeof names === 'number') continue;
      if (re === null) continue;
      const dotOk = seg.startsWith('.') || seg.startsWith('\\.');
      for (const name of names) {
        if (name.startsWith('.') && !dotOk) continue;
        if (re.test(name)) next.push(join(name));
        if (next.length > MAX_GLOB) return [];
      }
    }
    bases = next;
    if (bases.length === 0) return [];
  }
  const found = bases.filter((p) => typeof fs.stat(resolve(p)) !== 'number');
  return found.sort(byteOrder);
}
