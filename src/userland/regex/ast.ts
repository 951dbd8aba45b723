/**
 * The parsed form of a pattern, shared by POSIX regular expressions (parse.ts) and shell
 * patterns (fnmatch.ts): both compile to the same program (program.ts) and run on the same
 * linear-time matcher (pike.ts).
 */
import type { CharSet } from './charset';

/**
 * Zero-width tests. `bol`/`eol` are ^ and $; `bufStart`/`bufEnd` are \` and \';
 * `lineStart`/`lineEnd` are ^ and $ of sed's M flag (also after/before a newline).
 */
export type AssertKind = 'bol' | 'eol' | 'lineStart' | 'lineEnd' | 'bufStart' | 'bufEnd' | 'wordBoundary' | 'notWordBoundary' | 'wordStart' | 'wordEnd' | 'notWordBefore' | 'notWordAfter';

export type Node =
  | { kind: 'empty' }
  | { kind: 'char'; code: number }
  | { kind: 'set'; set: CharSet }
  | { kind: 'any' }
  | { kind: 'concat'; items: Node[] }
  | { kind: 'alt'; items: Node[] }
  /** max Infinity for * + {m,} */
  | { kind: 'repeat'; node: Node; min: number; max: number }
  | { kind: 'group'; index: number; node: Node }
  | { kind: 'assert'; what: AssertKind }
  | { kind: 'backref'; index: number };

export function hasBackref(node: Node): boolean {
  switch (node.kind) {
    case 'backref':
      return true;
    case 'concat':
    case 'alt':
      return node.items.some(hasBackref);
    case 'repeat':
    case 'group':
      return hasBackref(node.node);
    default:
      return false;
  }
}
