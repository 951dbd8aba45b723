/**
 * $(( … )): bash's integer arithmetic (expr.c) on 64-bit signed values: + - * / % **,
 * shifts, comparisons, bitwise and logical operators, ?:, parentheses, unary + - ! ~,
 * decimal/0x/0 octal constants and variables. Errors use expr.c's words.
 */

export class ArithError extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

type Lookup = (name: string) => string | undefined;

const BINARY: Array<[string[], number]> = [
  [['||'], 1],
  [['&&'], 2],
  [['|'], 3],
  [['^'], 4],
  [['&'], 5],
  [['==', '!='], 6],
  [['<=', '>=', '<', '>'], 7],
  [['<<', '>>'], 8],
  [['+', '-'], 9],
  [['*', '/', '%'], 10],
  [['**'], 11],
];

const TOKEN = /^\s*(0[xX][0-9a-fA-F]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>&|^!~()?:])/;

function wrap(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

export function evaluateArith(expr: string, lookup: Lookup, depth = 0): bigint {
  if (depth > 32) throw new ArithError(`${expr}: expression recursion level exceeded (error token is "${expr}")`);
  const tokens: string[] = [];
  /** Where each token starts in expr, for "error token is" (the rest of the expression). */
  const starts: number[] = [];
  let rest = expr;
  const shown = expr.trimStart();
  for (;;) {
    if (/^\s*$/.test(rest)) break;
    const m = TOKEN.exec(rest);
    if (!m) {
      const tok = rest.trimStart();
      throw new ArithError(`${shown}: syntax error: invalid arithmetic operator (error token is "${tok}")`);
    }
    starts.push(expr.length - rest.length + (m[0].length - m[1].length));
    tokens.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  if (tokens.length === 0) return 0n;
  let i = 0;
  const remaining = (): string => {
    // expr.c reports from the token it stopped at (the last one read, at the end).
    const k = Math.min(i, tokens.length - 1);
    return expr.slice(starts[k]);
  };
  const operandExpected = (): never => {
    throw new ArithError(`${shown}: syntax error: operand expected (error token is "${remaining()}")`);
  };
  const value = (name: string): bigint => {
    const v = lookup(name);
    if (v === undefined || v.trim() === '') return 0n;
    return evaluateArith(v, lookup, depth + 1);
  };
  const constant = (t: string): bigint => {
    if (/^0[xX]/.test(t)) return wrap(BigInt(t));
    if (/^0[0-7]+$/.test(t)) return wrap(BigInt('0o' + t.slice(1)));
    if (/^0[0-9]+$/.test(t)) throw new ArithError(`${expr}: value too great for base (error token is "${t}")`);
    return wrap(BigInt(t));
  };
  const primary = (): bigint => {
    const t = tokens[i];
    if (t === undefined) operandExpected();
    if (t === '(') {
      i++;
      const v = ternary();
      if (tokens[i] !== ')') throw new ArithError(`${shown}: syntax error: missing \`)' (error token is "${remaining()}")`);
      i++;
      return v;
    }
    if (t === '-' || t === '+' || t === '!' || t === '~') {
      i++;
      const v = primary();
      if (t === '-') return wrap(-v);
      if (t === '+') return v;
      if (t === '!') return v === 0n ? 1n : 0n;
      return wrap(~v);
    }
    if (/^[0-9]/.test(t)) {
      i++;
      return constant(t);
    }
    if (/^[A-Za-z_]/.test(t)) {
      i++;
      return value(t);
    }
    return operandExpected();
  };
  const binary = (level: number): bigint => {
    if (level > BINARY.length) return primary();
    let left = binary(level + 1);
    const [ops] = BINARY[level - 1];
    while (tokens[i] !== undefined && ops.includes(tokens[i])) {
      const op = tokens[i++];
      const right = binary(op === '**' ? level : level + 1);
      left = apply(op, left, right);
    }
    return left;
  };
  const apply = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) throw new ArithError(`${shown}: division by 0 (error token is "${tokens[i - 1] ?? ''}")`);
        return wrap(op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) throw new ArithError(`${expr}: exponent less than 0 (error token is "${tokens[i - 1] ?? ''}")`);
        return wrap(a ** b);
      case '<<': return wrap(a << (b & 63n));
      case '>>': return wrap(a >> (b & 63n));
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
      default: return a !== 0n || b !== 0n ? 1n : 0n;
    }
  };
  const ternary = (): bigint => {
    const cond = binary(1);
    if (tokens[i] !== '?') return cond;
    i++;
    const a = ternary();
    if (tokens[i] !== ':') throw new ArithError(`${expr}: syntax error: \`:' expected for conditional expression (error token is "${remaining()}")`);
    i++;
    const b = ternary();
    return cond !== 0n ? a : b;
  };
  const result = ternary();
  if (i < tokens.length) {
    throw new ArithError(`${shown}: syntax error in expression (error token is "${remaining()}")`);
  }
  return result;
}
