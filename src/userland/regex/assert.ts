/** Zero-width assertions at position POS of INPUT (shared by both matchers). */
import type { AssertKind } from './ast';
import { isWordChar } from './charset';

function wordAt(input: string, pos: number): boolean {
  return pos >= 0 && pos < input.length && isWordChar(input.charCodeAt(pos));
}

export function assertHolds(what: AssertKind, input: string, pos: number): boolean {
  switch (what) {
    case 'bol':
    case 'bufStart':
      return pos === 0;
    case 'eol':
    case 'bufEnd':
      return pos === input.length;
    case 'lineStart':
      return pos === 0 || input.charCodeAt(pos - 1) === 10;
    case 'lineEnd':
      return pos === input.length || input.charCodeAt(pos) === 10;
    case 'wordBoundary':
      return wordAt(input, pos - 1) !== wordAt(input, pos);
    case 'notWordBoundary':
      return wordAt(input, pos - 1) === wordAt(input, pos);
    case 'wordStart':
      return !wordAt(input, pos - 1) && wordAt(input, pos);
    case 'wordEnd':
      return wordAt(input, pos - 1) && !wordAt(input, pos);
    case 'notWordBefore':
      return !wordAt(input, pos - 1);
    case 'notWordAfter':
      return !wordAt(input, pos);
  }
}
