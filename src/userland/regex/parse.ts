/**
 * POSIX basic and extended regular expressions as GNU tools read them (glibc regcomp.c's
 * parse_reg_exp/parse_branch/parse_expression/parse_dup_op, and grep's dfa.c where grep
 * differs). The GNU extensions are here: \| \+ \? in BRE, \w \W \s \S \b \B \< \> \` \',
 * back-references in ERE. Each tool reads them with its own syntax bits (Dialect below);
 * errors are glibc's REG_* texts, which grep, sed and bash print as they are.
 */
import type { AssertKind, Node } from './ast';
import { CharSet, CLASSES, isWordChar } from './charset';
import { RE_DUP_MAX } from './limits';

/** glibc's __re_error_msgid texts. */
export const REG_ERRORS = {
  BADPAT: 'Invalid regular expression',
  ECOLLATE: 'Invalid collation character',
  ECTYPE: 'Invalid character class name',
  EESCAPE: 'Trailing backslash',
  ESUBREG: 'Invalid back reference',
  EBRACK: 'Unmatched [, [^, [:, [., or [=',
  EPAREN: 'Unmatched ( or \\(',
  EBRACE: 'Unmatched \\{',
  BADBR: 'Invalid content of \\{\\}',
  ERANGE: 'Invalid range end',
  BADRPT: 'Invalid preceding regular expression',
  ERPAREN: 'Unmatched ) or \\)',
  ESIZE: 'Regular expression too big',
  // grep's and sed's dfa.c refuses this bracket before regcomp sees it
  COLON: 'character class syntax is [[:space:]], not [:space:]',
} as const;

/** regcomp() refused the pattern; `message` is what the tool prints after its name. */
export class RegexSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexSyntaxError';
  }
}

/**
 * The syntax bits that differ between the tools (glibc regex.h RE_SYNTAX_*):
 * grep uses RE_SYNTAX_GREP / RE_SYNTAX_EGREP, sed RE_SYNTAX_POSIX_BASIC / _EXTENDED without
 * RE_UNMATCHED_RIGHT_PAREN_ORD, bash's =~ regcomp(REG_EXTENDED).
 */
export interface Dialect {
  extended: boolean;
  /** RE_CONTEXT_INVALID_DUP: `a**` and a leading \{ are errors (sed's BRE). */
  contextInvalidDup: boolean;
  /** RE_CONTEXT_INVALID_OPS: a leading * + ? { is an error (sed -E, bash) rather than ignored (grep -E). */
  contextInvalidOps: boolean;
  /** RE_INVALID_INTERVAL_ORD: a { that starts no valid interval is a literal (grep -E). */
  invalidIntervalOrd: boolean;
  /** RE_UNMATCHED_RIGHT_PAREN_ORD: an unmatched ) is a literal (grep -E, bash). */
  unmatchedRightParenOrd: boolean;
  /** dfa.c's checks and warnings (grep, sed); bash's regcomp has neither. */
  dfa: boolean;
  /**
   * RE_SYNTAX_EMACS (find's default): \( \) \| as in a BRE, but + and ? are operators
   * unescaped, and there are no intervals (\{ is a literal brace).
   */
  emacs?: boolean;
  /** Without RE_NO_EMPTY_RANGES (expr): a range whose end is below its start, [b-a], matches nothing rather than being an error. */
  emptyRanges?: boolean;
}

export const DIALECTS = {
  grepBasic: { extended: false, contextInvalidDup: false, contextInvalidOps: false, invalidIntervalOrd: false, unmatchedRightParenOrd: false, dfa: true },
  grepExtended: { extended: true, contextInvalidDup: false, contextInvalidOps: false, invalidIntervalOrd: true, unmatchedRightParenOrd: true, dfa: true },
  sedBasic: { extended: false, contextInvalidDup: true, contextInvalidOps: false, invalidIntervalOrd: false, unmatchedRightParenOrd: false, dfa: true },
  sedExtended: { extended: true, contextInvalidDup: false, contextInvalidOps: true, invalidIntervalOrd: false, unmatchedRightParenOrd: false, dfa: true },
  posixExtended: { extended: true, contextInvalidDup: false, contextInvalidOps: true, invalidIntervalOrd: false, unmatchedRightParenOrd: true, dfa: false },
  posixBasic: { extended: false, contextInvalidDup: true, contextInvalidOps: false, invalidIntervalOrd: false, unmatchedRightParenOrd: false, dfa: false },
  emacs: { extended: false, contextInvalidDup: false, contextInvalidOps: false, invalidIntervalOrd: false, unmatchedRightParenOrd: false, dfa: false, emacs: true },
} satisfies Record<string, Dialect>;

export interface Parsed {
  node: Node;
  /** Number of capturing groups. */
  groups: number;
  /** dfa.c's warnings ("* at start of expression"), for grep to print. */
  warnings: string[];
}

const ESCAPE_ASSERTS: Record<string, AssertKind> = {
  b: 'wordBoundary',
  B: 'notWordBoundary',
  '<': 'wordStart',
  '>': 'wordEnd',
  '`': 'bufStart',
  "'": 'bufEnd',
};

function wordSet(negated: boolean): CharSet {
  const set = new CharSet();
  set.addClass(isWordChar);
  set.negated = negated;
  return set;
}

function spaceSet(negated: boolean): CharSet {
  const set = new CharSet();
  set.addClass(CLASSES.space);
  set.negated = negated;
  return set;
}

type Token =
  | { t: 'char'; code: number }
  | { t: 'node'; node: Node }
  | { t: 'open' }
  | { t: 'close' }
  | { t: 'alt' }
  | { t: 'star' }
  | { t: 'plus' }
  | { t: 'question' }
  | { t: 'interval' }
  | { t: 'bol' }
  | { t: 'eol' }
  | { t: 'bracket' }
  | { t: 'backref'; index: number }
  | { t: 'end' };

class Parser {
  private i = 0;
  private groups = 0;
  private readonly completed = new Set<number>();
  private depth = 0;
  readonly warnings: string[] = [];

  constructor(
    private readonly p: string,
    private readonly d: Dialect,
  ) {}

  parse(): Parsed {
    const node = this.regexp();
    if (this.i < this.p.length) {
      // only an unmatched close paren stops regexp() early
      throw new RegexSyntaxError(REG_ERRORS.ERPAREN);
    }
    return { node, groups: this.groups, warnings: this.warnings };
  }

  /** What the next token is, without consuming it; `len` is how many characters it takes. */
  private peek(): [Token, number] {
    const p = this.p;
    const i = this.i;
    if (i >= p.length) return [{ t: 'end' }, 0];
    const c = p[i];
    const ext = this.d.extended;
    if (c === '\\') {
      if (i + 1 >= p.length) throw new RegexSyntaxError(REG_ERRORS.EESCAPE);
      const n = p[i + 1];
      if (!ext) {
        if (n === '(') return [{ t: 'open' }, 2];
        if (n === ')') return [{ t: 'close' }, 2];
        if (n === '|') return [{ t: 'alt' }, 2];
        if (this.d.emacs) return [{ t: 'char', code: p.charCodeAt(i + 1) }, 2];
        if (n === '{') return [{ t: 'interval' }, 2];
        if (n === '+') return [{ t: 'plus' }, 2];
        if (n === '?') return [{ t: 'question' }, 2];
      }
      if (n >= '1' && n <= '9') return [{ t: 'backref', index: n.charCodeAt(0) - 48 }, 2];
      const assert = ESCAPE_ASSERTS[n];
      if (assert) return [{ t: 'node', node: { kind: 'assert', what: assert } }, 2];
      if (n === 'w' || n === 'W') return [{ t: 'node', node: { kind: 'set', set: wordSet(n === 'W') } }, 2];
      if (n === 's' || n === 'S') return [{ t: 'node', node: { kind: 'set', set: spaceSet(n === 'S') } }, 2];
      return [{ t: 'char', code: p.charCodeAt(i + 1) }, 2];
    }
    if (c === '[') return [{ t: 'bracket' }, 1];
    if (c === '.') return [{ t: 'node', node: { kind: 'any' } }, 1];
    if (c === '*') return [{ t: 'star' }, 1];
    if (c === '^') return [{ t: 'bol' }, 1];
    if (c === '$') return [{ t: 'eol' }, 1];
    if (this.d.emacs) {
      if (c === '+') return [{ t: 'plus' }, 1];
      if (c === '?') return [{ t: 'question' }, 1];
    }
    if (ext) {
      if (c === '(') return [{ t: 'open' }, 1];
      if (c === ')') return [{ t: 'close' }, 1];
      if (c === '|') return [{ t: 'alt' }, 1];
      if (c === '+') return [{ t: 'plus' }, 1];
      if (c === '?') return [{ t: 'question' }, 1];
      if (c === '{') return [{ t: 'interval' }, 1];
    }
    return [{ t: 'char', code: p.charCodeAt(i) }, 1];
  }

  private regexp(): Node {
    const branches: Node[] = [this.branch()];
    for (;;) {
      const [tok, len] = this.peek();
      if (tok.t !== 'alt') break;
      this.i += len;
      branches.push(this.branch());
    }
    return branches.length === 1 ? branches[0] : { kind: 'alt', items: branches };
  }

  private branch(): Node {
    const items: Node[] = [];
    for (;;) {
      const [tok, len] = this.peek();
      if (tok.t === 'end' || tok.t === 'alt') break;
      if (tok.t === 'close') {
        if (this.depth > 0) break;
        if (this.d.extended && this.d.unmatchedRightParenOrd) {
          this.i += len;
          items.push(this.postfix({ kind: 'char', code: 41 }));
          continue;
        }
        throw new RegexSyntaxError(REG_ERRORS.ERPAREN);
      }
      const last = items[items.length - 1];
      const atStart = items.length === 0 || (last.kind === 'assert' && last.what === 'bol');
      items.push(this.expression(atStart));
    }
    return items.length === 0 ? { kind: 'empty' } : items.length === 1 ? items[0] : { kind: 'concat', items };
  }

  /** One atom and the repetitions after it. `atStart`: first in its branch (or right after a BRE ^). */
  private expression(atStart: boolean): Node {
    const [tok, len] = this.peek();
    const ext = this.d.extended;
    switch (tok.t) {
      case 'star':
      case 'plus':
      case 'question':
      case 'interval':
        if (!ext && atStart) {
          // BRE: a leading * is an ordinary character; a leading \{ is an error for sed
          if (tok.t === 'interval' && this.d.contextInvalidDup) throw new RegexSyntaxError(REG_ERRORS.BADRPT);
          this.i += len;
          return this.postfix({ kind: 'char', code: this.p.charCodeAt(this.i - 1) });
        }
        if (ext && atStart) {
          if (tok.t === 'interval' && this.d.invalidIntervalOrd && !this.validInterval(this.i + 1)) {
            this.i += len;
            return this.postfix({ kind: 'char', code: 123 });
          }
          if (this.d.contextInvalidOps) throw new RegexSyntaxError(REG_ERRORS.BADRPT);
          // grep -E: dfa.c warns and the operator applies to nothing
          const name = tok.t === 'star' ? '*' : tok.t === 'plus' ? '+' : tok.t === 'question' ? '?' : '{...}';
          if (this.d.dfa) this.warnings.push(`${name} at start of expression`);
          this.i += len;
          if (tok.t === 'interval') this.skipInterval();
          return { kind: 'empty' };
        }
        // an operator after an operator is handled by postfix(); here it follows ^ or (
        this.i += len;
        return this.postfix({ kind: 'char', code: this.p.charCodeAt(this.i - 1) });
      case 'open': {
        this.i += len;
        const index = ++this.groups;
        this.depth++;
        const inner = this.regexp();
        const [close, clen] = this.peek();
        if (close.t !== 'close') throw new RegexSyntaxError(REG_ERRORS.EPAREN);
        this.i += clen;
        this.depth--;
        this.completed.add(index);
        return this.postfix({ kind: 'group', index, node: inner });
      }
      case 'bol':
        this.i += len;
        if (ext || atStart || this.afterBreAnchorContext()) return { kind: 'assert', what: 'bol' };
        return this.postfix({ kind: 'char', code: 94 });
      case 'eol':
        this.i += len;
        if (ext || this.beforeBreAnchorContext()) return ext ? this.postfix({ kind: 'assert', what: 'eol' }) : { kind: 'assert', what: 'eol' };
        return this.postfix({ kind: 'char', code: 36 });
      case 'bracket':
        this.i += len;
        return this.postfix({ kind: 'set', set: this.bracket() });
      case 'backref':
        this.i += len;
        if (!this.completed.has(tok.index)) throw new RegexSyntaxError(REG_ERRORS.ESUBREG);
        return this.postfix({ kind: 'backref', index: tok.index });
      case 'node':
        this.i += len;
        return this.postfix(tok.node);
      case 'char':
        this.i += len;
        return this.postfix({ kind: 'char', code: tok.code });
      default:
        throw new RegexSyntaxError(REG_ERRORS.EPAREN);
    }
  }

  /** BRE ^ is an anchor right after \( or \| (the branch start case is `atStart`). */
  private afterBreAnchorContext(): boolean {
    const before = this.p.slice(0, this.i - 1);
    return before.endsWith('\\(') || before.endsWith('\\|');
  }

  /** BRE $ is an anchor at the end, before \) or before \|. */
  private beforeBreAnchorContext(): boolean {
    const rest = this.p.slice(this.i);
    return rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|');
  }

  private validInterval(at: number): boolean {
    const body = this.d.extended ? /^([0-9]*)(,([0-9]*))?\}/ : /^([0-9]*)(,([0-9]*))?\\\}/;
    const m = body.exec(this.p.slice(at));
    return m !== null && (m[1] !== '' || m[2] !== undefined);
  }

  private skipInterval(): void {
    const close = this.d.extended ? '}' : '\\}';
    const end = this.p.indexOf(close, this.i);
    if (end >= 0 && this.validInterval(this.i)) this.i = end + close.length;
  }

  /** Repetition operators after an atom (parse_dup_op), as many as follow. */
  private postfix(atom: Node): Node {
    let node = atom;
    let repeated = false;
    for (;;) {
      const [tok, len] = this.peek();
      let min: number;
      let max: number;
      if (tok.t === 'star') [min, max] = [0, Infinity];
      else if (tok.t === 'plus') [min, max] = [1, Infinity];
      else if (tok.t === 'question') [min, max] = [0, 1];
      else if (tok.t === 'interval') {
        const interval = this.interval(len);
        if (interval === null) {
          // grep -E: an invalid interval's { is an ordinary character
          return node;
        }
        [min, max] = interval;
      } else return node;
      if (repeated && this.d.contextInvalidDup && (tok.t === 'star' || tok.t === 'interval')) throw new RegexSyntaxError(REG_ERRORS.BADRPT);
      if (tok.t !== 'interval') this.i += len;
      if (node.kind === 'assert' || node.kind === 'empty') {
        // a repeated anchor still only tests its position (or matches nothing)
        if (min === 0) node = { kind: 'empty' };
      } else node = { kind: 'repeat', node, min, max };
      repeated = true;
    }
  }

  /** Parse {m,n} at this.i (len is the opener's length); null when grep -E keeps it literal. */
  private interval(len: number): [number, number] | null {
    const start = this.i;
    const close = this.d.extended ? '}' : '\\}';
    const m = /^([0-9]*)(,([0-9]*))?/.exec(this.p.slice(start + len)) as RegExpExecArray;
    const after = start + len + m[0].length;
    const closed = this.p.startsWith(close, after);
    const valid = closed && (m[1] !== '' || m[2] !== undefined);
    if (!valid) {
      if (this.d.extended && this.d.invalidIntervalOrd) return null;
      if (!closed && !this.p.slice(after).includes(close)) throw new RegexSyntaxError(REG_ERRORS.EBRACE);
      if (after >= this.p.length) throw new RegexSyntaxError(REG_ERRORS.EBRACE);
      throw new RegexSyntaxError(REG_ERRORS.BADBR);
    }
    const min = m[1] === '' ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (min > RE_DUP_MAX || (max !== Infinity && max > RE_DUP_MAX)) throw new RegexSyntaxError(REG_ERRORS.ESIZE);
    if (max < min) throw new RegexSyntaxError(REG_ERRORS.BADBR);
    this.i = after + close.length;
    return [min, max];
  }

  /** A bracket expression; this.i is just past '['. */
  private bracket(): CharSet {
    const p = this.p;
    const set = new CharSet();
    if (p[this.i] === '^') {
      set.negated = true;
      this.i++;
    }
    let first = true;
    const from = this.i;
    // parse_bracket_exp(): nothing at all after the [ is REG_BADPAT (dfa.c words it first for grep and sed)
    if (this.i >= p.length && !this.d.dfa) throw new RegexSyntaxError(REG_ERRORS.BADPAT);
    for (;;) {
      if (this.i >= p.length) throw new RegexSyntaxError(REG_ERRORS.EBRACK);
      const c = p[this.i];
      if (c === ']' && !first) {
        // dfa.c (colon_warning_state): "[:space:]" is a class name that lost its brackets
        const body = p.slice(from, this.i);
        if (this.d.dfa && /^:.*[^:].*:$/s.test(body) && !body.includes('[')) throw new RegexSyntaxError(REG_ERRORS.COLON);
        this.i++;
        return set;
      }
      first = false;
      const lo = this.bracketElement(set);
      if (lo === null) continue;
      // a range lo-hi, unless '-' is the last character before ']'
      if (p[this.i] === '-' && this.i + 1 < p.length && p[this.i + 1] !== ']') {
        this.i++;
        const hi = this.bracketElement(null);
        if (hi === null || (hi < lo && !this.d.emptyRanges)) throw new RegexSyntaxError(REG_ERRORS.ERANGE);
        if (hi >= lo) set.addRange(lo, hi);
      } else set.addChar(lo);
    }
  }

  /**
   * One element: a character (returned, the caller adds it or uses it as a range end) or a
   * [:class:] (added to `set`, returns null; as a range end it is an error).
   */
  private bracketElement(set: CharSet | null): number | null {
    const p = this.p;
    const c = p[this.i];
    if (c === '[' && (p[this.i + 1] === ':' || p[this.i + 1] === '=' || p[this.i + 1] === '.')) {
      const delim = p[this.i + 1];
      const end = p.indexOf(delim + ']', this.i + 2);
      if (end < 0) throw new RegexSyntaxError(REG_ERRORS.EBRACK);
      const name = p.slice(this.i + 2, end);
      this.i = end + 2;
      if (delim === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexSyntaxError(REG_ERRORS.ECTYPE);
        if (set === null) throw new RegexSyntaxError(REG_ERRORS.ERANGE);
        set.addClass(cls);
        return null;
      }
      // [=c=] and [.c.]: in the C locale each names exactly one character
      if (name.length !== 1) throw new RegexSyntaxError(REG_ERRORS.ECOLLATE);
      return name.charCodeAt(0);
    }
    this.i++;
    return p.charCodeAt(this.i - 1);
  }
}

/** Parse PATTERN in DIALECT; throws RegexSyntaxError with glibc's (or dfa.c's) message. */
export function parseRegex(pattern: string, dialect: Dialect): Parsed {
  return new Parser(pattern, dialect).parse();
}
