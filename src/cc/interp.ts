/**
 * A tree walker over a module's functions: never eval, Function or host code. It runs
 * init or exit at build time and records what they print and return, with C's 32-bit int
 * wrap-around. A module parameter read where it is printed becomes a placeholder the
 * kernel fills with the value given at insmod time ({myint}, {arr[2]}, {#arr}: see
 * src/kernel/image.ts); elsewhere (arithmetic, conditions) its default value is used.
 * Every run is bounded by src/cc/limits.ts.
 */
import type { Expr, FunctionDef, Stmt, TranslationUnit } from './parse';
import type { Printk, LogLevel } from '../kernel/image';
import { MAX_CALL_DEPTH, MAX_PRINTK, MAX_STEPS } from './limits';
import { ERRNO } from './kernel-api';

/** A value: an integer, a C string, a placeholder for a parameter, or an array. */
export type Value = number | string | { ph: string; fallback: number | string } | Value[];

export interface ParamRef {
  name: string;
  array: boolean;
}

export interface RunResult {
  printk: Printk[];
  returns: number;
  /** The budget ran out (an endless loop): what ran before is kept. */
  exhausted: boolean;
  /** The function read through a NULL pointer; what it printed before is kept. */
  faulted: boolean;
}

class Return {
  constructor(readonly value: Value) {}
}
class Break {}
class Continue {}
class OutOfSteps {}
/** A read through a NULL pointer: on the real machine, the Oops of 11a-oops-null. */
class NullDereference {}

/** The default message level of printk without KERN_* (CONFIG_MESSAGE_LOGLEVEL_DEFAULT=4). */
const DEFAULT_LEVEL: LogLevel = 4;

export class Interpreter {
  private steps = 0;
  private depth = 0;
  private readonly printk: Printk[] = [];
  private readonly globals = new Map<string, { value: Value }>();
  private readonly functions = new Map<string, FunctionDef>();

  constructor(
    unit: TranslationUnit,
    /** Global variables that are module parameters, and the arr_argc counters of array ones. */
    private readonly params: ReadonlyMap<string, ParamRef>,
    private readonly counters: ReadonlyMap<string, string>,
    /** A call to a function of another module (EXPORT_SYMBOL'd), when its result is known. */
    private readonly external: (name: string, args: number[]) => number | undefined = () => undefined,
  ) {
    for (const f of unit.functions) this.functions.set(f.name, f);
    for (const g of unit.globals) {
      const d = g.decl;
      let value: Value = 0;
      if (d.init) value = this.initial(d.init, d.length);
      else if (d.length !== undefined) value = new Array<Value>(Math.max(d.length, 0)).fill(0);
      this.globals.set(d.name, { value });
    }
  }

  private initial(init: Expr, length?: number): Value {
    if (init.kind === 'init') {
      const items = init.items.map((e) => this.constant(e));
      if (length !== undefined && length > items.length) return [...items, ...new Array<Value>(length - items.length).fill(0)];
      return items;
    }
    return this.constant(init);
  }

  private constant(e: Expr): Value {
    try {
      return this.eval(e, [new Map()]);
    } catch {
      return 0;
    }
  }

  /** The value FN returns for ARGS (an exported helper another module calls), or undefined past the budget. */
  callFunction(fn: string, args: number[]): number | undefined {
    try {
      const v = this.call(fn, args);
      return typeof v === 'number' ? v | 0 : 0;
    } catch (e) {
      if (e instanceof OutOfSteps || e instanceof NullDereference) return undefined;
      throw e;
    }
  }

  /** Run FN (init or exit) to its end, or until the budget runs out. */
  run(fn: string): RunResult {
    let returns = 0;
    let exhausted = false;
    let faulted = false;
    try {
      const v = this.call(fn, []);
      returns = typeof v === 'number' ? v | 0 : 0;
    } catch (e) {
      if (e instanceof OutOfSteps) exhausted = true;
      else if (e instanceof NullDereference) faulted = true;
      else throw e;
    }
    return { printk: this.printk, returns, exhausted, faulted };
  }

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new OutOfSteps();
  }

  private call(name: string, args: Value[]): Value {
    const f = this.functions.get(name);
    if (!f) return this.builtin(name, args);
    if (++this.depth > MAX_CALL_DEPTH) throw new OutOfSteps();
    const scope = new Map<string, { value: Value }>();
    f.params.forEach((p, i) => scope.set(p, { value: args[i] ?? 0 }));
    try {
      this.block(f.body, [scope]);
      return 0;
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      this.depth--;
    }
  }

  private block(body: Stmt[], scopes: Array<Map<string, { value: Value }>>): void {
    const inner = [...scopes, new Map<string, { value: Value }>()];
    for (const s of body) this.stmt(s, inner);
  }

  private stmt(s: Stmt, scopes: Array<Map<string, { value: Value }>>): void {
    this.tick();
    switch (s.kind) {
      case 'block':
        return this.block(s.body, scopes);
      case 'expr':
        this.eval(s.expr, scopes);
        return;
      case 'decl':
        for (const d of s.decls) {
          const value: Value = d.init ? (d.init.kind === 'init' ? this.initial(d.init, d.length) : this.eval(d.init, scopes)) : d.length !== undefined ? new Array<Value>(Math.max(d.length, 0)).fill(0) : 0;
          scopes[scopes.length - 1].set(d.name, { value });
        }
        return;
      case 'if':
        if (truthy(this.eval(s.test, scopes))) this.stmt(s.then, scopes);
        else if (s.else) this.stmt(s.else, scopes);
        return;
      case 'while':
      case 'do':
      case 'for': {
        const loop = [...scopes, new Map<string, { value: Value }>()];
        if (s.kind === 'for' && s.init) this.stmt(s.init, loop);
        let first = s.kind === 'do';
        for (;;) {
          this.tick();
          const test = s.kind === 'for' ? s.test : s.test;
          if (!first && test && !truthy(this.eval(test, loop))) break;
          first = false;
          try {
            this.stmt(s.body, loop);
          } catch (e) {
            if (e instanceof Break) break;
            if (!(e instanceof Continue)) throw e;
          }
          if (s.kind === 'for' && s.step) this.eval(s.step, loop);
        }
        return;
      }
      case 'return':
        throw new Return(s.value ? this.eval(s.value, scopes) : 0);
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'empty':
        return;
    }
  }

  private lookup(name: string, scopes: Array<Map<string, { value: Value }>>): { value: Value } | undefined {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const v = scopes[i].get(name);
      if (v) return v;
    }
    return this.globals.get(name);
  }

  private eval(e: Expr, scopes: Array<Map<string, { value: Value }>>): Value {
    this.tick();
    switch (e.kind) {
      case 'num':
        return e.value;
      case 'str':
        return e.value;
      case 'init':
        return e.items.map((x) => this.eval(x, scopes));
      case 'ident': {
        const local = scopes.some((s) => s.has(e.name));
        const cell = this.lookup(e.name, scopes);
        if (!local && cell) {
          const counted = this.counters.get(e.name);
          if (counted) return { ph: `{#${counted}}`, fallback: 0 };
          const p = this.params.get(e.name);
          if (p && !p.array) return { ph: `{${e.name}}`, fallback: plain(cell.value) as number | string };
        }
        if (cell) return cell.value;
        if (e.name in ERRNO) return ERRNO[e.name];
        if (e.name === 'jiffies') return 4294892296 + this.steps;
        if (e.name === 'NULL' || e.name === 'false') return 0;
        if (e.name === 'true') return 1;
        return 0;
      }
      case 'index': {
        const base = this.eval(e.base, scopes);
        const i = num(this.eval(e.index, scopes));
        if (e.base.kind === 'ident' && this.params.get(e.base.name)?.array && !scopes.some((s) => s.has(e.base.kind === 'ident' ? e.base.name : ''))) {
          const fallback = Array.isArray(base) ? plain(base[i] ?? 0) : 0;
          return { ph: `{${e.base.name}[${i}]}`, fallback: fallback as number };
        }
        if (Array.isArray(base)) return base[i] ?? 0;
        if (typeof base === 'string') return base.charCodeAt(i) || 0;
        return 0;
      }
      case 'call': {
        if (e.callee === 'ARRAY_SIZE') {
          const a = e.args[0] ? this.eval(e.args[0], scopes) : 0;
          return Array.isArray(a) ? a.length : 0;
        }
        if (e.callee === 'printk') return this.doPrintk(e.args.map((a) => this.eval(a, scopes)));
        const args = e.args.map((a) => this.eval(a, scopes));
        return this.call(e.callee, args);
      }
      case 'unary': {
        if (e.op === '++' || e.op === '--') return this.update(e.arg, e.op === '++' ? 1 : -1, scopes, false);
        if (e.op === 'sizeof') {
          const v = this.eval(e.arg, scopes);
          return Array.isArray(v) ? v.length * 4 : typeof v === 'string' ? v.length + 1 : 4;
        }
        if (e.op === '&') return 1;
        const v = plain(this.eval(e.arg, scopes));
        switch (e.op) {
          case '-':
            return (-num(v)) | 0;
          case '+':
            return num(v);
          case '!':
            return truthy(v) ? 0 : 1;
          case '~':
            return ~num(v);
          case '*':
            return typeof v === 'string' ? v.charCodeAt(0) || 0 : 0;
          default:
            return e.op === '(bool)' || e.op === '(_Bool)' ? (truthy(v) ? 1 : 0) : v;
        }
      }
      case 'postfix':
        return this.update(e.arg, e.op === '++' ? 1 : -1, scopes, true);
      case 'binary': {
        if (e.op === '&&') return truthy(this.eval(e.left, scopes)) && truthy(this.eval(e.right, scopes)) ? 1 : 0;
        if (e.op === '||') return truthy(this.eval(e.left, scopes)) || truthy(this.eval(e.right, scopes)) ? 1 : 0;
        if (e.op === ',') {
          this.eval(e.left, scopes);
          return this.eval(e.right, scopes);
        }
        return arith(e.op, plain(this.eval(e.left, scopes)), plain(this.eval(e.right, scopes)));
      }
      case 'member': {
        const base = plain(this.eval(e.base, scopes));
        if (e.arrow && base === 0) throw new NullDereference();
        return 0;
      }
      case 'cond':
        return truthy(this.eval(e.test, scopes)) ? this.eval(e.then, scopes) : this.eval(e.else, scopes);
      case 'assign': {
        const value = this.eval(e.value, scopes);
        const next = e.op === '=' ? value : arith(e.op.slice(0, -1), plain(this.eval(e.target, scopes)), plain(value));
        this.store(e.target, next, scopes);
        return next;
      }
    }
  }

  private update(target: Expr, delta: number, scopes: Array<Map<string, { value: Value }>>, post: boolean): Value {
    const old = num(plain(this.eval(target, scopes)));
    const next = (old + delta) | 0;
    this.store(target, next, scopes);
    return post ? old : next;
  }

  private store(target: Expr, value: Value, scopes: Array<Map<string, { value: Value }>>): void {
    if (target.kind === 'ident') {
      const cell = this.lookup(target.name, scopes);
      if (cell) cell.value = plain(value);
      return;
    }
    if (target.kind === 'index' && target.base.kind === 'ident') {
      const cell = this.lookup(target.base.name, scopes);
      const i = num(plain(this.eval(target.index, scopes)));
      if (cell && Array.isArray(cell.value) && i >= 0 && i < cell.value.length) cell.value[i] = plain(value);
    }
  }

  /** vprintk: the level from KERN_SOH, then vsnprintf of the format (lib/vsprintf.c). */
  private doPrintk(args: Value[]): number {
    const fmt = typeof args[0] === 'string' ? args[0] : '';
    let level: LogLevel | 'cont' = DEFAULT_LEVEL;
    let body = fmt;
    if (body.length >= 2 && body[0] === '\x01') {
      const c = body[1];
      if (c >= '0' && c <= '7') level = Number(c) as LogLevel;
      else if (c === 'c') level = 'cont';
      body = body.slice(2);
    }
    const text = format(body, args.slice(1));
    if (level === 'cont' && this.printk.length > 0) {
      this.printk[this.printk.length - 1].text += text.replace(/\n$/, '');
      return text.length;
    }
    if (this.printk.length >= MAX_PRINTK) throw new OutOfSteps();
    this.printk.push({ level: level === 'cont' ? DEFAULT_LEVEL : level, text: text.replace(/\n$/, '') });
    return text.length;
  }

  /** Kernel functions a beginner calls: their effect as far as init/exit output goes. */
  private builtin(name: string, args: Value[]): Value {
    const known = this.external(name, args.map((a) => num(plain(a))));
    if (known !== undefined) return known;
    switch (name) {
      case 'strlen':
        return typeof args[0] === 'string' ? Buffer.byteLength(args[0], 'latin1') : 0;
      case 'kmalloc':
      case 'kzalloc':
      case 'kcalloc':
      case 'vmalloc':
        // A non-NULL address in the direct map.
        return 0x40000000;
      case 'WARN_ON':
      case 'WARN_ON_ONCE':
      case 'unlikely':
      case 'likely':
        return truthy(args[0] ?? 0) ? 1 : 0;
      case 'abs':
        return Math.abs(num(plain(args[0] ?? 0)));
      case 'min':
        return Math.min(num(plain(args[0] ?? 0)), num(plain(args[1] ?? 0)));
      case 'max':
        return Math.max(num(plain(args[0] ?? 0)), num(plain(args[1] ?? 0)));
      default:
        return 0;
    }
  }
}

function plain(v: Value): Value {
  return typeof v === 'object' && !Array.isArray(v) ? v.fallback : v;
}

function num(v: Value): number {
  const p = plain(v);
  return typeof p === 'number' ? p : 0;
}

function truthy(v: Value): boolean {
  const p = plain(v);
  if (typeof p === 'string' || Array.isArray(p)) return true;
  return p !== 0;
}

function arith(op: string, a: Value, b: Value): number {
  const x = num(a);
  const y = num(b);
  switch (op) {
    case '+':
      return (x + y) | 0;
    case '-':
      return (x - y) | 0;
    case '*':
      return Math.imul(x, y);
    case '/':
      return y === 0 ? 0 : (x / y) | 0;
    case '%':
      return y === 0 ? 0 : (x % y) | 0;
    case '<<':
      return x << y;
    case '>>':
      return x >> y;
    case '&':
      return x & y;
    case '|':
      return x | y;
    case '^':
      return x ^ y;
    case '==':
      return x === y ? 1 : 0;
    case '!=':
      return x !== y ? 1 : 0;
    case '<':
      return x < y ? 1 : 0;
    case '>':
      return x > y ? 1 : 0;
    case '<=':
      return x <= y ? 1 : 0;
    case '>=':
      return x >= y ? 1 : 0;
    default:
      return 0;
  }
}

/** The conversions of lib/vsprintf.c a beginner uses: flags, width, precision, length, d i u x X o c s p %. */
export function format(fmt: string, args: Value[]): string {
  let out = '';
  let next = 0;
  const re = /%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?(hh|h|ll|l|z|t)?([diuxXocsp%])/g;
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    out += fmt.slice(last, m.index);
    last = m.index + m[0].length;
    const [, flags, widthText, precision, , conv] = m;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const width = widthText === '*' ? num(args[next++] ?? 0) : Number(widthText ?? 0);
    const arg = args[next++] ?? 0;
    let text: string;
    if (typeof arg === 'object' && !Array.isArray(arg)) text = arg.ph;
    else if (conv === 's') text = typeof arg === 'string' ? (precision !== undefined ? arg.slice(0, Number(precision)) : arg) : '(null)';
    else if (conv === 'c') text = String.fromCharCode(num(arg) & 0xff);
    else if (conv === 'p') text = '00000000a3b1c2d4';
    else {
      const n = num(arg);
      if (conv === 'x' || conv === 'X') text = (n >>> 0).toString(16);
      else if (conv === 'o') text = (n >>> 0).toString(8);
      else if (conv === 'u') text = String(n >>> 0);
      else text = (flags.includes('+') && n >= 0 ? '+' : '') + String(n);
      if (conv === 'X') text = text.toUpperCase();
    }
    if (text.length < width) {
      if (flags.includes('-')) text = text.padEnd(width);
      else if (flags.includes('0') && conv !== 's') text = text.startsWith('-') ? '-' + text.slice(1).padStart(width - 1, '0') : text.padStart(width, '0');
      else text = text.padStart(width);
    }
    out += text;
  }
  return out + fmt.slice(last);
}
