/**
 * expr(1) of GNU coreutils 9.1, as its src/expr.c evaluates: each argument one token, the
 * precedence groups | & (comparisons) (+ -) (* / %) : and the keywords match, substr,
 * index, length and the quoting +, integers of any size (GMP there, BigInt here), strings
 * compared byte-wise (strcoll in the C locale), `STRING : REGEXP` an anchored BRE match.
 * Exit status 0 for a value neither null nor 0, 1 for null or 0, 2 for a syntax error,
 * 3 for a matcher failure. The C locale of the oracle's shell: bytes, 'x' quotes.
 */
import type { Io, System, Tool } from './tool';
import { tryHelp } from './files';
import { BacktrackBudgetExceeded, compileRegex, RegexSyntaxError, type Dialect } from './regex';
import { EXPR_ARG_OVERHEAD_BYTES, EXPR_EVAL6_FRAME_BYTES, EXPR_EVAL_FRAME_BYTES, EXPR_STACK_BYTES } from './limits';
import { coreutilsVersion } from './gnu-version';

const HELP = `Usage: expr EXPRESSION
  or:  expr OPTION

      --help        display this help and exit
      --version     output version information and exit

Print the value of EXPRESSION to standard output.  A blank line below
separates increasing precedence groups.  EXPRESSION may be:

  ARG1 | ARG2       ARG1 if it is neither null nor 0, otherwise ARG2

  ARG1 & ARG2       ARG1 if neither argument is null or 0, otherwise 0

  ARG1 < ARG2       ARG1 is less than ARG2
  ARG1 <= ARG2      ARG1 is less than or equal to ARG2
  ARG1 = ARG2       ARG1 is equal to ARG2
  ARG1 != ARG2      ARG1 is unequal to ARG2
  ARG1 >= ARG2      ARG1 is greater than or equal to ARG2
  ARG1 > ARG2       ARG1 is greater than ARG2

  ARG1 + ARG2       arithmetic sum of ARG1 and ARG2
  ARG1 - ARG2       arithmetic difference of ARG1 and ARG2

  ARG1 * ARG2       arithmetic product of ARG1 and ARG2
  ARG1 / ARG2       arithmetic quotient of ARG1 divided by ARG2
  ARG1 % ARG2       arithmetic remainder of ARG1 divided by ARG2

  STRING : REGEXP   anchored pattern match of REGEXP in STRING

  match STRING REGEXP        same as STRING : REGEXP
  substr STRING POS LENGTH   substring of STRING, POS counted from 1
  index STRING CHARS         index in STRING where any CHARS is found, or 0
  length STRING              length of STRING
  + TOKEN                    interpret TOKEN as a string, even if it is a
                               keyword like 'match' or an operator like '/'

  ( EXPRESSION )             value of EXPRESSION

Beware that many operators need to be escaped or quoted for shells.
Comparisons are arithmetic if both ARGs are numbers, else lexicographical.
Pattern matches return the string matched between \\( and \\) or null; if
\\( and \\) are not used, they return the number of characters matched or 0.

Exit status is 0 if EXPRESSION is neither null nor 0, 1 if EXPRESSION is null
or 0, 2 if EXPRESSION is syntactically invalid, and 3 if an error occurred.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/expr>
or available locally via: info '(coreutils) expr invocation'
`;

const VERSION = coreutilsVersion('expr', 'Mike Parker, James Youngman, and Paul Eggert');

/** re_syntax_options = RE_SYNTAX_POSIX_BASIC & ~RE_CONTEXT_INVALID_DUP (& ~RE_NO_EMPTY_RANGES). */
const EXPR_DIALECT: Dialect = { extended: false, contextInvalidDup: false, contextInvalidOps: false, invalidIntervalOrd: false, unmatchedRightParenOrd: false, dfa: false, emptyRanges: true };

/** A value: an integer, or a string (which may still look like one). */
type Value = bigint | string;

/** expr's die(): the message and the exit status it ends with. */
class ExprDied {
  constructor(
    readonly message: string,
    readonly status: number,
  ) {}
}

/** A stack overflow in the real expr: the kernel kills it with SIGSEGV. */
class ExprCrashed {}

const SIGSEGV = 11;

function die(message: string, status = 2): never {
  throw new ExprDied(message, status);
}

/** locale_quoting_style in the C locale. */
function quote(arg: string): string {
  return `'${arg.replace(/'/g, "'\\''")}'`;
}

function looksLikeInteger(s: string): boolean {
  return /^-?[0-9]+$/.test(s);
}

/** null(): the empty string, or an integer zero, or a string of zeros with at most a leading '-'. */
function isNull(v: Value): boolean {
  if (typeof v === 'bigint') return v === 0n;
  return v === '' || /^-?0+$/.test(v) || v === '-';
}

function toArith(v: Value): bigint | undefined {
  if (typeof v === 'bigint') return v;
  return looksLikeInteger(v) ? BigInt(v) : undefined;
}

function toText(v: Value): string {
  return typeof v === 'bigint' ? v.toString() : v;
}

/** Bytes of S as the C locale counts them (UTF-8 text on this machine's disk). */
function bytes(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

/** getsize(): SIZE_MAX for a negative value (every position is then out of range). */
function size(v: bigint): bigint {
  return v < 0n ? 2n ** 64n - 1n : v;
}

/** A step of the evaluation that needs another level's value: the trampoline runs it. */
type Level = 'eval' | 'eval1' | 'eval2' | 'eval3' | 'eval4' | 'eval5' | 'eval6' | 'eval7';
interface Call {
  level: Level;
  evaluate: boolean;
}
type Step = Generator<Call, Value, Value>;

/**
 * expr.c's recursive descent, one generator per C function. A level asks for another's value
 * by yielding a Call; run() keeps the levels on a stack of its own, so nesting as deep as the
 * real expr's 8 MiB stack allows never grows the JavaScript one.
 */
class Parser {
  private pos = 0;
  /** The C stack expr.c's recursion would be using. */
  private stack = 0;

  constructor(private readonly args: readonly string[]) {
    this.stack = args.reduce((sum, arg) => sum + Buffer.byteLength(arg, 'utf8') + EXPR_ARG_OVERHEAD_BYTES, 0);
  }

  get done(): boolean {
    return this.pos >= this.args.length;
  }

  get rest(): string | undefined {
    return this.args[this.pos];
  }

  /** The value of the whole expression (eval(true)). */
  run(): Value {
    const frames: { step: Step; bytes: number }[] = [];
    const start = (call: Call): void => {
      const bytes = call.level === 'eval' ? EXPR_EVAL_FRAME_BYTES : call.level === 'eval6' ? EXPR_EVAL6_FRAME_BYTES : 0;
      // expr.c recurses for each ( and keyword: past its 8 MiB stack the real one dies of SIGSEGV.
      this.stack += bytes;
      if (this.stack > EXPR_STACK_BYTES) throw new ExprCrashed();
      frames.push({ step: this[call.level](call.evaluate), bytes });
    };
    start({ level: 'eval', evaluate: true });
    let input: Value = '';
    for (;;) {
      const frame = frames[frames.length - 1]!;
      const next = frame.step.next(input);
      if (!next.done) {
        start(next.value);
        input = '';
        continue;
      }
      frames.pop();
      this.stack -= frame.bytes;
      if (frames.length === 0) return next.value;
      input = next.value;
    }
  }

  private next(token: string): boolean {
    if (this.args[this.pos] !== token) return false;
    this.pos++;
    return true;
  }

  private requireMore(): void {
    if (this.done) die(`syntax error: missing argument after ${quote(this.args[this.pos - 1] ?? '')}`);
  }

  private *eval(evaluate: boolean): Step {
    let l = yield { level: 'eval1', evaluate };
    while (this.next('|')) {
      const r = yield { level: 'eval1', evaluate: evaluate && isNull(l) };
      if (isNull(l)) l = isNull(r) ? 0n : r;
    }
    return l;
  }

  private *eval1(evaluate: boolean): Step {
    let l = yield { level: 'eval2', evaluate };
    while (this.next('&')) {
      const r = yield { level: 'eval2', evaluate: evaluate && !isNull(l) };
      if (isNull(l) || isNull(r)) l = 0n;
    }
    return l;
  }

  private *eval2(evaluate: boolean): Step {
    let l = yield { level: 'eval3', evaluate };
    for (;;) {
      let op: string;
      if (this.next('<')) op = '<';
      else if (this.next('<=')) op = '<=';
      else if (this.next('=') || this.next('==')) op = '=';
      else if (this.next('!=')) op = '!=';
      else if (this.next('>=')) op = '>=';
      else if (this.next('>')) op = '>';
      else return l;
      const r = yield { level: 'eval3', evaluate };
      let val = false;
      if (evaluate) {
        const a = toText(l);
        const b = toText(r);
        const cmp = looksLikeInteger(a) && looksLikeInteger(b) ? compareBig(BigInt(a), BigInt(b)) : Buffer.compare(bytes(a), bytes(b));
        val = op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '=' ? cmp === 0 : op === '!=' ? cmp !== 0 : op === '>=' ? cmp >= 0 : cmp > 0;
      }
      l = val ? 1n : 0n;
    }
  }

  private *eval3(evaluate: boolean): Step {
    let l = yield { level: 'eval4', evaluate };
    for (;;) {
      const plus = this.next('+');
      if (!plus && !this.next('-')) return l;
      const r = yield { level: 'eval4', evaluate };
      if (evaluate) {
        const a = toArith(l);
        const b = toArith(r);
        if (a === undefined || b === undefined) die('non-integer argument');
        l = plus ? a + b : a - b;
      }
    }
  }

  private *eval4(evaluate: boolean): Step {
    let l = yield { level: 'eval5', evaluate };
    for (;;) {
      const op = this.next('*') ? '*' : this.next('/') ? '/' : this.next('%') ? '%' : undefined;
      if (op === undefined) return l;
      const r = yield { level: 'eval5', evaluate };
      if (evaluate) {
        const a = toArith(l);
        const b = toArith(r);
        if (a === undefined || b === undefined) die('non-integer argument');
        if (op !== '*' && b === 0n) die('division by zero');
        // mpz_tdiv_q / mpz_tdiv_r truncate toward zero, as BigInt's / and % do.
        l = op === '*' ? a * b : op === '/' ? a / b : a % b;
      }
    }
  }

  private *eval5(evaluate: boolean): Step {
    let l = yield { level: 'eval6', evaluate };
    while (this.next(':')) {
      const r = yield { level: 'eval6', evaluate };
      if (evaluate) l = colon(l, r);
    }
    return l;
  }

  private *eval6(evaluate: boolean): Step {
    if (this.next('+')) {
      this.requireMore();
      return this.args[this.pos++] ?? '';
    }
    if (this.next('length')) {
      const r = yield { level: 'eval6', evaluate };
      return BigInt(bytes(toText(r)).length);
    }
    if (this.next('match')) {
      const l = yield { level: 'eval6', evaluate };
      const r = yield { level: 'eval6', evaluate };
      return evaluate ? colon(l, r) : l;
    }
    if (this.next('index')) {
      const s = bytes(toText(yield { level: 'eval6', evaluate }));
      const chars = new Set(bytes(toText(yield { level: 'eval6', evaluate })));
      return BigInt(s.findIndex((b) => chars.has(b)) + 1);
    }
    if (this.next('substr')) {
      const s = bytes(toText(yield { level: 'eval6', evaluate }));
      const i1 = toArith(yield { level: 'eval6', evaluate });
      const i2 = toArith(yield { level: 'eval6', evaluate });
      return i1 === undefined || i2 === undefined ? '' : substr(s, size(i1), size(i2));
    }
    return yield { level: 'eval7', evaluate };
  }

  private *eval7(evaluate: boolean): Step {
    this.requireMore();
    if (this.next('(')) {
      const v = yield { level: 'eval', evaluate };
      if (this.done) die(`syntax error: expecting ')' after ${quote(this.args[this.pos - 1] ?? '')}`);
      if (!this.next(')')) die(`syntax error: expecting ')' instead of ${quote(this.rest ?? '')}`);
      return v;
    }
    if (this.next(')')) die("syntax error: unexpected ')'");
    return this.args[this.pos++] ?? '';
  }
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** mbs_logical_substr in a single-byte locale. */
function substr(s: Buffer, pos: bigint, len: bigint): string {
  const max = 2n ** 64n - 1n;
  const length = BigInt(s.length);
  if (length < pos || pos === 0n || len === 0n || len === max) return '';
  const take = len < length - pos + 1n ? len : length - pos + 1n;
  return s.subarray(Number(pos) - 1, Number(pos - 1n + take)).toString('utf8');
}

/** docolon(): STRING : REGEXP, anchored at the start of STRING. */
function colon(sv: Value, pv: Value): Value {
  const text = toText(sv);
  let re;
  try {
    re = compileRegex(toText(pv), { dialect: EXPR_DIALECT });
  } catch (error) {
    if (error instanceof RegexSyntaxError) die(error.message);
    throw error;
  }
  let m;
  try {
    m = re.exec(text, 0);
  } catch (error) {
    // re_match's -2: the matcher ran out of memory.
    if (error instanceof BacktrackBudgetExceeded) die('error in regular expression matcher: Cannot allocate memory', 3);
    throw error;
  }
  const matched = m !== null && m.start === 0 ? m : null;
  if (re.groups > 0) {
    const g = matched?.groups[1];
    return g === undefined ? '' : text.slice(g[0], g[1]);
  }
  return matched === null ? 0n : BigInt(bytes(text.slice(0, matched.end)).length);
}

export function main(argv: string[], io: Io, sys: System): number {
  let args = argv.slice(1);
  // parse_long_options looks at options only when there is exactly one argument.
  if (args.length === 1 && args[0]!.startsWith('--') && args[0] !== '--') {
    const name = args[0]!.slice(2);
    if (name.length > 0 && 'help'.startsWith(name)) return io.out(HELP), 0;
    if (name.length > 0 && 'version'.startsWith(name)) return io.out(VERSION), 0;
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    io.err('expr: missing operand\n');
    tryHelp(io, 'expr');
    return 2;
  }
  const parser = new Parser(args);
  try {
    const v = parser.run();
    if (!parser.done) die(`syntax error: unexpected argument ${quote(parser.rest ?? '')}`);
    io.out(`${toText(v)}\n`);
    return isNull(v) ? 1 : 0;
  } catch (error) {
    if (error instanceof ExprDied) {
      io.err(`expr: ${error.message}\n`);
      return error.status;
    }
    if (error instanceof ExprCrashed) {
      const proc = sys.kernel.processes.current;
      if (proc) proc.killedBy = SIGSEGV;
      return 128 + SIGSEGV;
    }
    throw error;
  }
}

export const expr: Tool = { name: 'expr', main, summary: 'evaluate expressions' };
