/**
 * [[ … ]] (bash 5.2 execute_cond_node): words are expanded without splitting or globbing;
 * == and != match the right side as a pattern (its quoted parts literally), =~ as a POSIX
 * extended regular expression, -eq and the other integer operators evaluate both sides as
 * arithmetic; file and string tests are test's (test.ts).
 */
import type { CondExpr } from './ast';
import { evaluateArith, ArithError } from './arith';
import { expandPatternTraced, expandRegex, expandString, ExpansionError, type ExpandContext } from './expand';
import { patternRegex } from './glob';
import { BacktrackBudgetExceeded, compileRegex, DIALECTS, RegexSyntaxError, type Regex } from '../userland/regex';
import { compareIntegers, compareStrings, fileCompare, unaryTest } from './test';

/** A regular expression regcomp() refuses: the command's status is 2. */
class BadRegex {}

/** regcomp(REG_EXTENDED) on the linear-time matcher; a refused pattern makes the status 2. */
function ere(pattern: string): Regex {
  try {
    return compileRegex(pattern, { dialect: DIALECTS.posixExtended });
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw new BadRegex();
    throw e;
  }
}

/**
 * [[ LEFT =~ RE ]]: sets BASH_REMATCH to what matched ("" when nothing did). This shell has
 * no arrays, so $BASH_REMATCH (element 0, the whole match) is all a script can read.
 */
function regexMatch(left: string, pattern: string, ctx: ExpandContext): boolean {
  const re = ere(pattern);
  let m: ReturnType<Regex['exec']>;
  try {
    m = re.exec(left, 0, false);
  } catch (e) {
    // regexec() failing (REG_ESPACE) is a non-match for bash
    if (e instanceof BacktrackBudgetExceeded) m = null;
    else throw e;
  }
  ctx.sys.env.BASH_REMATCH = m === null ? '' : left.slice(m.start, m.end);
  return m !== null;
}

function arith(text: string, ctx: ExpandContext): bigint {
  try {
    return evaluateArith(text, (n) => ctx.sys.env[n], 0, (n, v) => (ctx.sys.env[n] = v));
  } catch (e) {
    if (e instanceof ArithError) throw new ExpansionError(`${ctx.prefix}[[: ${e.text}\n`);
    throw e;
  }
}

/** An operand as set -x shows it in [[ … ]] (xtrace_print_cond_term): as is, '' when empty. */
function traced(value: string): string {
  return value === '' ? "''" : value;
}

/** BANG: the term is under `!`, which set -x shows with it. */
function evaluate(expr: CondExpr, ctx: ExpandContext, bang = ''): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluate(expr.left, ctx) && evaluate(expr.right, ctx);
    case 'or':
      return evaluate(expr.left, ctx) || evaluate(expr.right, ctx);
    case 'not':
      return !evaluate(expr.expr, ctx, expr.expr.kind === 'word' || expr.expr.kind === 'unary' || expr.expr.kind === 'binary' ? `${bang}! ` : bang);
    case 'word': {
      const value = expandString(expr.word, ctx);
      ctx.traceCond?.(`${bang}-n ${traced(value)}`);
      return value !== '';
    }
    case 'unary': {
      const value = expandString(expr.arg, ctx);
      ctx.traceCond?.(`${bang}${expr.op} ${traced(value)}`);
      return unaryTest(expr.op, value, ctx.sys);
    }
    case 'binary': {
      const left = expandString(expr.left, ctx);
      const trace = (right: string): void => ctx.traceCond?.(`${bang}${traced(left)} ${expr.op} ${traced(right)}`);
      switch (expr.op) {
        case '=':
        case '==':
        case '!=': {
          const { pattern, traced: shown } = expandPatternTraced(expr.right, ctx);
          trace(shown);
          const match = patternRegex(pattern).test(left);
          return expr.op === '!=' ? !match : match;
        }
        case '=~': {
          // expanded once more only to be shown (a $( ) in it then runs twice under set -x)
          if (ctx.traceCond) trace(expandString(expr.right, ctx));
          return regexMatch(left, expandRegex(expr.right, ctx), ctx);
        }
        default: {
          const right = expandString(expr.right, ctx);
          trace(right);
          if (expr.op === '<' || expr.op === '>') return compareStrings(expr.op, left, right);
          if (expr.op === '-nt' || expr.op === '-ot' || expr.op === '-ef') return fileCompare(expr.op, left, right, ctx.sys);
          return compareIntegers(expr.op, arith(left, ctx), arith(right, ctx));
        }
      }
    }
  }
}

/** The status of [[ EXPR ]]: 0 true, 1 false, 2 for a bad regular expression. Throws ExpansionError. */
export function condStatus(expr: CondExpr, ctx: ExpandContext): number {
  try {
    return evaluate(expr, ctx) ? 0 : 1;
  } catch (e) {
    if (e instanceof BadRegex) return 2;
    throw e;
  }
}
