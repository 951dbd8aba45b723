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
/** Store a variable (x=1, x+=2, i++). */
type Assign = (name: string, value: string) => void;

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=']);
const IDENT = /^[A-Za-z_]/;

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

const TOKEN = /^\s*(0[xX][0-9a-fA-F]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*|<<=|>>=|\*\*|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[-+*/%<>&|^!~()?:=,])/;

function wrap(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

export function evaluateArith(expr: string, lookup: Lookup, depth = 0, assign?: Assign): bigint {
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
    const at = expr.length - rest.length + (m[0].length - m[1].length);
    rest = rest.slice(m[0].length);
    // ++ and -- increment only next to a variable (expr.c); else they are two signs: 5--3 is 8.
    const incdec = (m[1] === '++' || m[1] === '--') && (IDENT.test(tokens[tokens.length - 1] ?? '') || /^\s*[A-Za-z_]/.test(rest));
    if ((m[1] === '++' || m[1] === '--') && !incdec) {
      starts.push(at, at + 1);
      tokens.push(m[1][0], m[1][0]);
      continue;
    }
    starts.push(at);
    tokens.push(m[1]);
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
    return evaluateArith(v, lookup, depth + 1, assign);
  };
  const store = (name: string, v: bigint): bigint => {
    assign?.(name, v.toString());
    return v;
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
    if (t === '++' || t === '--') {
      i++;
      const name = tokens[i++];
      return store(name, wrap(value(name) + (t === '++' ? 1n : -1n)));
    }
    if (t === '(') {
      i++;
      const v = comma();
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
      const v = value(t);
      if (tokens[i] === '++' || tokens[i] === '--') store(t, wrap(v + (tokens[i++] === '++' ? 1n : -1n)));
      return v;
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
        if (b === 0n) throw new ArithError(`${shown}: division by 0 (error token is "${expr.slice(starts[i - 1] ?? expr.length)}")`);
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
  const assignment = (): bigint => {
    const name = tokens[i];
    const op = tokens[i + 1];
    if (name !== undefined && IDENT.test(name) && op !== undefined && ASSIGN_OPS.has(op)) {
      i += 2;
      const right = assignment();
      return store(name, op === '=' ? right : apply(op.slice(0, -1), value(name), right));
    }
    const v = ternary();
    if (tokens[i] !== undefined && ASSIGN_OPS.has(tokens[i])) {
      throw new ArithError(`${shown}: attempted assignment to non-variable (error token is "${expr.slice(starts[i])}")`);
    }
    return v;
  };
  const comma = (): bigint => {
    let v = assignment();
    while (tokens[i] === ',') {
      i++;
      v = assignment();
    }
    return v;
  };
  const result = comma();
  if (i < tokens.length) {
    throw new ArithError(`${shown}: syntax error in expression (error token is "${remaining()}")`);
  }
  return result;
}
