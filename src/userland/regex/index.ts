/**
 * Patterns without exponential backtracking, for grep, sed, awk and the shell.
 *
 *   const re = compileRegex('\\(a\\+\\)b', { dialect: DIALECTS.grepBasic, icase: false });
 *   re.test('xaab')          → true
 *   re.exec('xaab')          → { start: 1, end: 4, groups: [[1, 4], [1, 3]] }
 *
 * Matching is POSIX leftmost-longest and costs O(text × pattern) (pike.ts); only patterns
 * with back-references search depth-first, under a step budget (backtrack.ts). Shell
 * patterns (case, [[ == ]], globs) compile through fnmatch.ts to the same matcher.
 */
import { hasBackref, type Node } from './ast';
import { backtrackSearch } from './backtrack';
import { parseRegex, REG_ERRORS, RegexSyntaxError, type Dialect } from './parse';
import { PikeVm, type RawMatch } from './pike';
import { compileProgram, ProgramTooBig, type Program } from './program';

export { DIALECTS, REG_ERRORS, RegexSyntaxError, type Dialect } from './parse';
export { BacktrackBudgetExceeded } from './backtrack';

export interface RegexOptions {
  dialect: Dialect;
  /** REG_ICASE: ASCII letters match either case. */
  icase?: boolean;
  /** grep -x: the match must be the whole text. */
  wholeLine?: boolean;
  /** grep -w: the match must be neither preceded nor followed by a word character. */
  wholeWord?: boolean;
  /** sed's M flag (REG_NEWLINE): ^ and $ also match around each newline. */
  multiline?: boolean;
}

/** NODE with ^ and $ turned into their multi-line forms. */
function multilineAnchors(node: Node): Node {
  switch (node.kind) {
    case 'assert':
      if (node.what === 'bol') return { kind: 'assert', what: 'lineStart' };
      if (node.what === 'eol') return { kind: 'assert', what: 'lineEnd' };
      return node;
    case 'concat':
    case 'alt':
      return { kind: node.kind, items: node.items.map(multilineAnchors) };
    case 'repeat':
    case 'group':
      return { ...node, node: multilineAnchors(node.node) };
    default:
      return node;
  }
}

export interface Match {
  start: number;
  end: number;
  /** groups[0] is the whole match; a group that did not take part is undefined. */
  groups: ([number, number] | undefined)[];
}

/** NODE with every back-reference replaced by "any text": it matches wherever NODE could. */
function relaxBackrefs(node: Node): Node {
  switch (node.kind) {
    case 'backref':
      return { kind: 'repeat', node: { kind: 'any' }, min: 0, max: Infinity };
    case 'concat':
    case 'alt':
      return { kind: node.kind, items: node.items.map(relaxBackrefs) };
    case 'repeat':
      return { ...node, node: relaxBackrefs(node.node) };
    case 'group':
      return { ...node, node: relaxBackrefs(node.node) };
    default:
      return node;
  }
}

export class Regex {
  private readonly vm: PikeVm;

  /**
   * @param relaxed for a program with back-references, the same pattern with each one read
   *   as "any text", run in linear time first: where it finds nothing, the slow search
   *   need not run, and the real match cannot start before its match does.
   */
  constructor(
    private readonly program: Program,
    relaxed: Program | null,
    /** dfa.c's warnings about the pattern (grep prints them as "grep: warning: …"). */
    readonly warnings: readonly string[] = [],
  ) {
    this.vm = new PikeVm(relaxed ?? program);
  }

  /** Number of capturing groups. */
  get groups(): number {
    return this.program.groups;
  }

  private raw(input: string, from: number, wantGroups: boolean, firstOnly: boolean): RawMatch | null {
    if (!this.program.backrefs) return this.vm.search(input, from, wantGroups, firstOnly);
    const possible = this.vm.search(input, from, false, false);
    if (possible === null) return null;
    return backtrackSearch(this.program, input, possible.caps[0]);
  }

  /** Whether INPUT contains a match. Throws BacktrackBudgetExceeded (back-references only). */
  test(input: string): boolean {
    return this.raw(input, 0, false, true) !== null;
  }

  /** The leftmost-longest match starting at or after FROM, with its groups. */
  exec(input: string, from = 0, wantGroups = true): Match | null {
    const m = this.raw(input, from, wantGroups, false);
    if (m === null) return null;
    const groups: ([number, number] | undefined)[] = [];
    for (let g = 0; g * 2 < m.caps.length; g++) {
      const s = m.caps[2 * g];
      const e = m.caps[2 * g + 1];
      groups.push(s >= 0 && e >= 0 ? [s, e] : undefined);
    }
    return { start: m.caps[0], end: m.caps[1], groups };
  }
}

/** Compile a parsed pattern; exported for fnmatch.ts. */
export function compileNode(node: Node, groups: number, icase: boolean, warnings: readonly string[] = []): Regex {
  try {
    const backrefs = hasBackref(node);
    const relaxed = backrefs ? compileProgram(relaxBackrefs(node), groups, icase, false) : null;
    return new Regex(compileProgram(node, groups, icase, backrefs), relaxed, warnings);
  } catch (e) {
    if (e instanceof ProgramTooBig) throw new RegexSyntaxError(REG_ERRORS.ESIZE);
    throw e;
  }
}

/** Compile PATTERN; throws RegexSyntaxError with the message the GNU tools print. */
export function compileRegex(pattern: string, options: RegexOptions): Regex {
  const parsed = parseRegex(pattern, options.dialect);
  let node: Node = options.multiline ? multilineAnchors(parsed.node) : parsed.node;
  if (options.wholeLine) {
    node = { kind: 'concat', items: [{ kind: 'assert', what: 'bufStart' }, node, { kind: 'assert', what: 'bufEnd' }] };
  } else if (options.wholeWord) {
    node = { kind: 'concat', items: [{ kind: 'assert', what: 'notWordBefore' }, node, { kind: 'assert', what: 'notWordAfter' }] };
  }
  return compileNode(node, parsed.groups, options.icase === true, parsed.warnings);
}
