/**
 * The value of an #if or #elif expression, as libcpp's expr.cc computes it: integers are
 * intmax_t or uintmax_t (64 bits; unsigned wins, as C's usual conversions say), identifiers
 * left after macro expansion count 0, && || and ?: do not evaluate what they skip (no
 * "division by zero" there). Like cpp's _cpp_parse_expr it is an operator-precedence
 * parser with its own stacks, not recursion: gcc takes 100 000 nested parentheses in an
 * #if, and so do we. Messages are gcc 12.2's, at the tokens gcc points at.
 */
import type { Token } from './lex';
import { decodeEscapes } from './lex';

export interface PpExprMessage {
  kind: 'error' | 'warning';
  at: Token;
  length: number;
  message: string;
}

export interface PpNumber {
  v: bigint;
  unsigned: boolean;
}

/** Binary operators by precedence (higher binds tighter); `?` and `,` are handled apart. */
const BINARY: Record<string, number> = {
  '*': 11, '/': 11, '%': 11, '+': 10, '-': 10, '<<': 9, '>>': 9, '<': 8, '>': 8, '<=': 8, '>=': 8, '==': 7, '!=': 7,
  '&': 6, '^': 5, '|': 4, '&&': 3, '||': 2, '?': 1, ',': 0,
};
const UNARY_PRECEDENCE = 12;
const UNARY = new Set(['+', '-', '~', '!']);

class ExprError extends Error {
  constructor(readonly diag: PpExprMessage) {
    super(diag.message);
  }
}

const fail = (at: Token, message: string, length = 1): never => {
  throw new ExprError({ kind: 'error', at, length, message });
};

function wrap(v: bigint, unsigned: boolean): bigint {
  return unsigned ? BigInt.asUintN(64, v) : BigInt.asIntN(64, v);
}

/** A pp-number as cpp reads it in #if (cpp_classify_number, cpp_interpret_integer). */
function number(t: Token, warn: (m: PpExprMessage) => void): PpNumber {
  const text = t.text;
  const hex = /^0[xX]/.test(text);
  if (text.includes('.') || (!hex && /^[0-9]+[eE][+-]?[0-9]/.test(text)) || (hex && /[pP][+-]?[0-9]/.test(text))) fail(t, 'floating constant in preprocessor expression', text.length);
  const m = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)(.*)$/.exec(text);
  if (/^0[0-7]*[89]/.test(text)) fail(t, `invalid digit "${/[89]/.exec(text)?.[0] ?? '8'}" in octal constant`, text.length);
  const digits = m?.[1] ?? '';
  const suffix = m?.[2] ?? text;
  if (!/^(|[uU]|[lL]|ll|LL|[uU][lL]|[lL][uU]|[uU](ll|LL)|(ll|LL)[uU])$/.test(suffix)) fail(t, `invalid suffix "${suffix}" on integer constant`, text.length);
  let v = BigInt(/^0[bB]/.test(digits) ? digits : /^0[0-7]+$/.test(digits) ? '0o' + digits.slice(1) : digits);
  let unsigned = /[uU]/.test(suffix);
  if (v > 0xffffffffffffffffn) {
    warn({ kind: 'warning', at: t, length: text.length, message: 'integer constant is too large for its type' });
    v = BigInt.asUintN(64, v);
  } else if (v > 0x7fffffffffffffffn && !unsigned) {
    if (/^[1-9]/.test(digits)) warn({ kind: 'warning', at: t, length: text.length, message: 'integer constant is so large that it is unsigned' });
    unsigned = true;
  }
  return { v: wrap(v, unsigned), unsigned };
}

/** A character constant: an int; a plain char is signed on x86, several chars fold as gcc does. */
function character(t: Token, warn: (m: PpExprMessage) => void): PpNumber {
  const body = t.value ?? decodeEscapes(t.text.slice(t.text.indexOf("'") + 1, -1));
  if (body.length === 0) fail(t, 'empty character constant', t.text.length);
  if (body.length === 1) {
    const c = body.charCodeAt(0) & 0xff;
    return { v: BigInt(c > 127 ? c - 256 : c), unsigned: false };
  }
  warn({ kind: 'warning', at: t, length: t.text.length, message: 'multi-character character constant [-Wmultichar]' });
  let v = 0n;
  for (const ch of body.slice(-4)) v = (v << 8n) | BigInt(ch.charCodeAt(0) & 0xff);
  return { v: BigInt.asIntN(32, v), unsigned: false };
}

interface Op {
  op: string;
  at: Token;
  prec: number;
  unary?: boolean;
  /** This operator made what follows it unevaluated (&& after 0, || after non-0, a ?: branch). */
  skips?: boolean;
  /** For `?` once its `:` came: the condition. */
  colon?: boolean;
  cond?: boolean;
}

/**
 * Evaluate TOKENS (macro-expanded, `defined` already replaced by 0 or 1); END is where the
 * line ends (the locus of "no right operand"). Returns the value or throws nothing: errors
 * come back as the message, and the group then counts as false, as in cpp.
 */
export function evaluate(tokens: readonly Token[], end: Token): { value?: PpNumber; messages: PpExprMessage[] } {
  const messages: PpExprMessage[] = [];
  const warn = (m: PpExprMessage): void => void messages.push(m);
  const values: PpNumber[] = [];
  const ops: Op[] = [];
  let skip = 0;
  let wantOperand = true;
  let last: Token | undefined;

  const truth = (n: PpNumber): boolean => n.v !== 0n;
  const overflow = (exact: bigint, n: PpNumber, at: Token): PpNumber => {
    if (!n.unsigned && exact !== n.v && skip === 0) warn({ kind: 'warning', at, length: 1, message: 'integer overflow in preprocessor expression' });
    return n;
  };
  const arith = (op: string, a: PpNumber, b: PpNumber, at: Token, trigger: Token): PpNumber => {
    const unsigned = a.unsigned || b.unsigned;
    const x = unsigned ? BigInt.asUintN(64, a.v) : a.v;
    const y = unsigned ? BigInt.asUintN(64, b.v) : b.v;
    const bool = (c: boolean): PpNumber => ({ v: c ? 1n : 0n, unsigned: false });
    switch (op) {
      case '*':
      case '+':
      case '-': {
        const exact = op === '*' ? x * y : op === '+' ? x + y : x - y;
        return overflow(exact, { v: wrap(exact, unsigned), unsigned }, trigger);
      }
      case '/':
      case '%':
        if (y === 0n) {
          if (skip === 0) fail(at, 'division by zero in #if');
          return { v: 0n, unsigned };
        }
        return { v: wrap(op === '/' ? x / y : x % y, unsigned), unsigned };
      case '<<':
      case '>>': {
        // the result has the left operand's type; a negative count shifts the other way
        const left = a.unsigned ? BigInt.asUintN(64, a.v) : a.v;
        const n = b.unsigned ? BigInt.asUintN(64, b.v) : b.v;
        const l = op === '<<' ? n : -n;
        if (l >= 0n) return { v: wrap(l >= 64n ? 0n : left << l, a.unsigned), unsigned: a.unsigned };
        const r = -l >= 64n ? 63n : -l;
        return { v: wrap(left >> r, a.unsigned), unsigned: a.unsigned };
      }
      case '<':
        return bool(x < y);
      case '>':
        return bool(x > y);
      case '<=':
        return bool(x <= y);
      case '>=':
        return bool(x >= y);
      case '==':
        return bool(x === y);
      case '!=':
        return bool(x !== y);
      case '&':
        return { v: wrap(x & y, unsigned), unsigned };
      case '^':
        return { v: wrap(x ^ y, unsigned), unsigned };
      case '|':
        return { v: wrap(x | y, unsigned), unsigned };
      case '&&':
        return bool(truth(a) && truth(b));
      case '||':
        return bool(truth(a) || truth(b));
      default:
        // ','
        return b;
    }
  };
  const reduceTop = (trigger: Token): void => {
    const o = ops.pop() as Op;
    if (o.skips) skip--;
    if (o.unary) {
      const a = values.pop() as PpNumber;
      switch (o.op) {
        case '-': {
          const exact = -(a.unsigned ? BigInt.asUintN(64, a.v) : a.v);
          values.push(overflow(exact, { v: wrap(exact, a.unsigned), unsigned: a.unsigned }, trigger));
          return;
        }
        case '~':
          values.push({ v: wrap(~a.v, a.unsigned), unsigned: a.unsigned });
          return;
        case '!':
          values.push({ v: truth(a) ? 0n : 1n, unsigned: false });
          return;
        default:
          values.push(a);
          return;
      }
    }
    if (o.op === '?') {
      // reached only by a `?` that never met its `:`
      fail(trigger, "'?' without following ':'");
    }
    const b = values.pop() as PpNumber;
    const a = values.pop() as PpNumber;
    if (o.op === ':') {
      const c = values.pop() as PpNumber;
      values.push(truth(c) ? a : b);
      return;
    }
    values.push(arith(o.op, a, b, o.at, trigger));
  };
  /** Reduce what binds at least as tightly as an incoming operator of precedence PREC. */
  const reduceFor = (prec: number, rightAssoc: boolean, trigger: Token): void => {
    for (;;) {
      const top = ops[ops.length - 1];
      if (!top || top.op === '(') return;
      if (top.op === '?' && prec <= 1) return;
      if (top.prec > prec || (top.prec === prec && !rightAssoc)) reduceTop(trigger);
      else return;
    }
  };

  try {
    for (const t of [...tokens, end]) {
      const isEnd = t === end;
      const punct = t.kind === 'punct' ? t.text : undefined;
      if (wantOperand) {
        if (!isEnd && (t.kind === 'number' || t.kind === 'char' || t.kind === 'ident')) {
          values.push(t.kind === 'number' ? number(t, warn) : t.kind === 'char' ? character(t, warn) : { v: 0n, unsigned: false });
          wantOperand = false;
        } else if (punct !== undefined && UNARY.has(punct)) {
          ops.push({ op: punct, at: t, prec: UNARY_PRECEDENCE, unary: true });
        } else if (punct === '(') {
          ops.push({ op: '(', at: t, prec: -1 });
        } else if (isEnd || punct === ')') {
          const top = ops[ops.length - 1];
          if (punct === ')' && top?.op === '(' && last === top.at) fail(t, "missing expression between '(' and ')'");
          if (top && top.op !== '(') fail(t, `operator '${top.op === ':' ? ':' : top.op}' has no right operand`);
          if (top) fail(t, isEnd ? "missing ')' in expression" : "missing expression between '(' and ')'");
          fail(t, '#if with no expression');
        } else if (punct !== undefined && (BINARY[punct] !== undefined || punct === ':')) {
          fail(t, `operator '${punct}' has no left operand`, punct.length);
        } else {
          fail(t, `token "${t.text}" is not valid in preprocessor expressions`, t.text.length);
        }
      } else if (isEnd) {
        reduceFor(-1, false, t);
        const open = ops.find((o) => o.op === '(' || o.op === '?');
        if (open?.op === '(') fail(open.at, "missing ')' in expression");
        if (open) fail(t, "'?' without following ':'");
      } else if (punct === ')') {
        reduceFor(-1, false, t);
        const top = ops[ops.length - 1];
        if (!top) fail(t, "missing '(' in expression");
        if (top.op === '?') fail(t, "'?' without following ':'");
        ops.pop();
      } else if (punct === ':') {
        // everything since the `?` is its then-branch, nested ?: included
        while (ops.length > 0 && ops[ops.length - 1].op !== '?' && ops[ops.length - 1].op !== '(') reduceTop(t);
        const top = ops[ops.length - 1];
        if (!top || top.op !== '?') fail(t, "':' without preceding '?'");
        // the then-branch is done: skip the else-branch when the condition held
        if (top.skips) skip--;
        const cond = truth(values[values.length - 2]);
        top.op = ':';
        top.at = t;
        top.skips = cond;
        if (cond) skip++;
        wantOperand = true;
      } else if (punct !== undefined && BINARY[punct] !== undefined) {
        const prec = BINARY[punct];
        reduceFor(prec, punct === '?', t);
        const left = values[values.length - 1];
        const skips = (punct === '&&' && !truth(left)) || (punct === '||' && truth(left)) || (punct === '?' && !truth(left));
        if (skips) skip++;
        ops.push({ op: punct, at: t, prec, skips });
        wantOperand = true;
      } else {
        fail(t, `missing binary operator before token "${t.text}"`, Math.max(t.text.length, 1));
      }
      last = t;
    }
  } catch (e) {
    if (e instanceof ExprError) return { messages: [...messages, e.diag] };
    throw e;
  }
  return { value: values[values.length - 1], messages };
}
