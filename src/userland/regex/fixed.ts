/** grep -F: a fixed string as a pattern of plain characters, on the same matcher. */
import type { Node } from './ast';
import { compileNode, type Regex } from './index';

export interface FixedOptions {
  icase?: boolean;
  wholeLine?: boolean;
  wholeWord?: boolean;
}

export function compileFixed(text: string, options: FixedOptions): Regex {
  const items: Node[] = [];
  for (let i = 0; i < text.length; i++) items.push({ kind: 'char', code: text.charCodeAt(i) });
  if (options.wholeLine) {
    items.unshift({ kind: 'assert', what: 'bufStart' });
    items.push({ kind: 'assert', what: 'bufEnd' });
  } else if (options.wholeWord) {
    items.unshift({ kind: 'assert', what: 'notWordBefore' });
    items.push({ kind: 'assert', what: 'notWordAfter' });
  }
  return compileNode({ kind: 'concat', items }, 0, options.icase === true);
}
