/**
 * Runs a parsed awk program as mawk 1.3.4 does (execute.c, field.c, fin.c, files.c,
 * bi_funct.c): BEGIN, the main input record by record, END; fields split lazily and $0
 * rebuilt with OFS after a field or NF changes; output to files and pipes flushed at
 * close() and at exit. Work is bounded (limits.ts): a runaway program is stopped.
 */
import type { Expr, Func, LValue, Program, Stmt, VarRef } from './ast';
import type { Io, System } from '../tool';
import type { Regex } from '../regex/index';
import { RegexSyntaxError } from '../regex/index';
import { compileAwkRegex, AwkRegexError, RE_ERRORS } from './regex';
import { formatArgs, type PrintfArg } from './printf';
import { compare, fromInput, numToStr, toBool, toNum, toStr, type Value } from './value';
import { RecordReader, reSplit, splitFields, type Separator } from './split';
import { errnoText, now } from '../files';
import { Outputs } from './outputs';
import { AwkFatal, AwkRuntimeError } from './errors';
import { callBuiltin } from './builtins';
import { arrayOfVar, Var } from './vars';
import { rmEscape } from './lexer';
import { MAX_AWK_STEPS, MAX_AWK_STRING } from './limits';

class BreakSignal {}
class ContinueSignal {}
class NextSignal {}
class NextFileSignal {}
class ExitSignal {}
class ReturnSignal {
  constructor(readonly value: Value) {}
}

const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();
const NEXT = new NextSignal();
const NEXTFILE = new NextFileSignal();
const EXIT = new ExitSignal();

export class Interpreter {
  private readonly globals = new Map<string, Var>();
  private frame: Var[] = [];
  private callDepth = 0;
  private steps = 0;
  private record = '';
  private fields: Value[] | null = [];
  private recordDirty = false;
  private nf = 0;
  exitCode = 0;
  private exiting = false;
  private readonly regexCache = new Map<string, Regex>();
  readonly outputs: Outputs;
  private readonly inputs = new Map<string, RecordReader>();
  private mainReader: RecordReader | null = null;
  private argIndex = 1;
  private sawFile = false;
  private mainDone = false;
  private prevSeed: number;
  private randState: number;
  private ranges: boolean[] = [];

  constructor(
    private readonly program: Program,
    private readonly io: Io,
    private readonly sys: System,
    argv: readonly string[],
    seed: number,
  ) {
    const set = (name: string, v: Value): void => {
      this.global(name).value = v;
    };
    set('FS', ' ');
    set('OFS', ' ');
    set('ORS', '\n');
    set('RS', '\n');
    set('SUBSEP', '\x1c');
    set('CONVFMT', '%.6g');
    set('OFMT', '%.6g');
    set('NR', 0);
    set('FNR', 0);
    set('RSTART', 0);
    set('RLENGTH', -1);
    set('FILENAME', '');
    const args = this.global('ARGV');
    args.arr = new Map<string, Value>([['0', 'mawk']]);
    argv.forEach((a, i) => args.arr?.set(String(i + 1), fromInput(a)));
    set('ARGC', argv.length + 1);
    const env = this.global('ENVIRON');
    env.arr = new Map(Object.entries(sys.env).map(([k, v]) => [k, fromInput(v)]));
    this.outputs = new Outputs(io, sys, (t) => this.checkLength(t));
    this.prevSeed = seed;
    this.randState = seed;
  }

  global(name: string): Var {
    let v = this.globals.get(name);
    if (v === undefined) {
      v = new Var();
      this.globals.set(name, v);
    }
    return v;
  }

  // ---- budget -------------------------------------------------------------

  tick(): void {
    if (++this.steps > MAX_AWK_STEPS) throw new AwkFatal('CPU time limit exceeded', 152, true);
  }

  checkLength(s: string): string {
    if (s.length > MAX_AWK_STRING) throw new AwkRuntimeError('out of memory');
    return s;
  }

  /** "\tFILENAME=… FNR=… NR=…" of rt_where(). */
  where(): string {
    const fn = toStr(this.global('FILENAME').value, '%.6g');
    return `\tFILENAME="${fn}" FNR=${Math.trunc(toNum(this.global('FNR').value))} NR=${Math.trunc(toNum(this.global('NR').value))}`;
  }

  // ---- conversions --------------------------------------------------------

  private convfmt(): string {
    return toStr(this.global('CONVFMT').value, '%.6g');
  }

  str(v: Value): string {
    if (typeof v === 'string') return v;
    return toStr(v, this.convfmt());
  }

  private outStr(v: Value): string {
    if (typeof v === 'number') return numToStr(v, toStr(this.global('OFMT').value, '%.6g'));
    return this.str(v);
  }

  regex(source: string): Regex {
    let re = this.regexCache.get(source);
    if (re === undefined) {
      try {
        re = compileAwkRegex(source);
      } catch (e) {
        const why = e instanceof AwkRegexError ? e.message : e instanceof RegexSyntaxError ? RE_ERRORS.tooLarge : null;
        if (why === null) throw e;
        throw new AwkRuntimeError(`regular expression compile failed (${why})\n${source}`);
      }
      this.regexCache.set(source, re);
    }
    return re;
  }

  regexOf(e: Expr): Regex {
    if (e.kind === 'regex') return this.regex(e.source);
    return this.regex(this.str(this.eval(e)));
  }

  separator(fs: string): Separator {
    if (fs === ' ') return { kind: 'space' };
    if (fs === '') return { kind: 'empty' };
    if (fs.length === 1 && fs !== '\\') return { kind: 'char', c: fs };
    if (fs === '\t') return { kind: 'char', c: '\t' };
    return { kind: 're', re: this.regex(fs) };
  }

  // ---- the record and its fields -----------------------------------------

  setRecord(text: string): void {
    this.record = this.checkLength(text);
    this.fields = null;
    this.recordDirty = false;
  }

  private split(): Value[] {
    if (this.fields === null) {
      const paragraph = this.str(this.global('RS').value) === '';
      const parts = splitFields(this.record, this.separator(this.str(this.global('FS').value)), paragraph);
      this.fields = parts.map(fromInput);
      this.nf = this.fields.length;
    }
    return this.fields;
  }

  rebuild(): string {
    if (this.recordDirty) {
      const ofs = this.str(this.global('OFS').value);
      const f = this.split();
      const parts: string[] = [];
      for (let i = 0; i < this.nf; i++) parts.push(this.outFieldStr(f[i] ?? null));
      this.record = this.checkLength(parts.join(ofs));
      this.recordDirty = false;
    }
    return this.record;
  }

  private outFieldStr(v: Value): string {
    // field assignment stores the value; $0 is rebuilt with CONVFMT (field.c's build_field0 uses cast to string)
    return this.str(v);
  }

  private fieldIndex(e: Expr): number {
    const d = toNum(this.eval(e));
    if (d < 0 || Number.isNaN(d)) throw new AwkRuntimeError(`negative field index $${numToStr(d, '%.6g')}`);
    return Math.trunc(d);
  }

  getField(i: number): Value {
    if (i === 0) return fromInput(this.rebuild());
    const f = this.split();
    return i <= this.nf ? (f[i - 1] ?? null) : null;
  }

  setField(i: number, v: Value): void {
    if (i === 0) {
      this.setRecord(this.str(v));
      return;
    }
    const f = this.split();
    while (f.length < i) f.push(null);
    f[i - 1] = v;
    if (i > this.nf) this.nf = i;
    this.recordDirty = true;
  }

  private getNF(): number {
    this.split();
    return this.nf;
  }

  private setNF(v: Value): void {
    const n = Math.trunc(toNum(v));
    if (n < 0) throw new AwkRuntimeError('negative value assigned to NF');
    const f = this.split();
    while (f.length < n) f.push(null);
    f.length = n;
    this.nf = n;
    this.recordDirty = true;
  }

  // ---- variables ----------------------------------------------------------

  varOf(ref: VarRef): Var {
    return ref.scope === 'local' ? this.frame[ref.index] : this.global(ref.name);
  }

  private arrayOf(ref: VarRef): Map<string, Value> {
    const v = this.varOf(ref);
    return arrayOfVar(v);
  }

  private key(subs: Expr[]): string {
    if (subs.length === 1) return this.subscript(this.eval(subs[0]));
    const sep = this.str(this.global('SUBSEP').value);
    return subs.map((s) => this.subscript(this.eval(s))).join(sep);
  }

  private subscript(v: Value): string {
    if (typeof v === 'number' && Number.isInteger(v)) return numToStr(v, '%.6g');
    return this.str(v);
  }

  read(lv: LValue): Value {
    switch (lv.kind) {
      case 'var':
        if (lv.ref.scope === 'global' && lv.ref.name === 'NF') return this.getNF();
        return this.varOf(lv.ref).value;
      case 'field':
        return this.getField(this.fieldIndex(lv.index));
      case 'elem': {
        const arr = this.arrayOf(lv.arr);
        const k = this.key(lv.subs);
        const v = arr.get(k);
        if (v === undefined) {
          arr.set(k, null);
          return null;
        }
        return v;
      }
    }
  }

  write(lv: LValue, v: Value): void {
    if (typeof v === 'string') this.checkLength(v);
    switch (lv.kind) {
      case 'var':
        if (lv.ref.scope === 'global' && lv.ref.name === 'NF') {
          this.setNF(v);
          return;
        }
        this.varOf(lv.ref).value = v;
        return;
      case 'field':
        this.setField(this.fieldIndex(lv.index), v);
        return;
      case 'elem':
        this.arrayOf(lv.arr).set(this.key(lv.subs), v);
        return;
    }
  }

  // ---- expressions --------------------------------------------------------

  eval(e: Expr): Value {
    switch (e.kind) {
      case 'num':
        return e.value;
      case 'str':
        return e.value;
      case 'regex':
        return this.regex(e.source).test(this.rebuild()) ? 1 : 0;
      case 'group':
        return this.eval(e.expr);
      case 'var':
      case 'field':
      case 'elem':
        return this.read(e);
      case 'assign': {
        let v = this.eval(e.value);
        if (e.op !== '=') v = arith(e.op.slice(0, -1), toNum(this.read(e.target)), toNum(v));
        this.write(e.target, v);
        return v;
      }
      case 'cond':
        return toBool(this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'and':
        return toBool(this.eval(e.left)) && toBool(this.eval(e.right)) ? 1 : 0;
      case 'or':
        return toBool(this.eval(e.left)) || toBool(this.eval(e.right)) ? 1 : 0;
      case 'in':
        return this.arrayOf(e.arr).has(this.key(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.str(this.eval(e.left));
        const hit = this.regexOf(e.re).test(s);
        return hit !== e.negate ? 1 : 0;
      }
      case 'cmp': {
        const c = compare(this.eval(e.left), this.eval(e.right), this.convfmt());
        switch (e.op) {
          case '<':
            return c < 0 ? 1 : 0;
          case '<=':
            return c <= 0 ? 1 : 0;
          case '>':
            return c > 0 ? 1 : 0;
          case '>=':
            return c >= 0 ? 1 : 0;
          case '==':
            return c === 0 ? 1 : 0;
          default:
            return c !== 0 ? 1 : 0;
        }
      }
      case 'concat': {
        const l = this.str(this.eval(e.left));
        return this.checkLength(l + this.str(this.eval(e.right)));
      }
      case 'binary':
        return arith(e.op, toNum(this.eval(e.left)), toNum(this.eval(e.right)));
      case 'unary': {
        const v = this.eval(e.operand);
        if (e.op === '!') return toBool(v) ? 0 : 1;
        const n = toNum(v);
        return e.op === '-' ? -n : n;
      }
      case 'incdec': {
        const old = toNum(this.read(e.target));
        const now = e.op === '++' ? old + 1 : old - 1;
        this.write(e.target, now);
        return e.prefix ? now : old;
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private call(name: string, args: Expr[]): Value {
    const f = this.program.funcs.get(name) as Func;
    if (++this.callDepth > 1000) throw new AwkRuntimeError('function call nesting too deep');
    const frame: Var[] = [];
    for (let i = 0; i < f.params.length; i++) {
      const v = new Var();
      const a = args[i];
      if (a !== undefined) {
        if (a.kind === 'var' && !(a.ref.scope === 'global' && a.ref.name === 'NF')) {
          const src = this.varOf(a.ref);
          const arr = src.arr ?? (src.link !== null && src.value === null ? arrayOfVar(src) : null);
          if (arr !== null) v.arr = arr;
          else if (src.value === null) v.link = src;
          else v.value = src.value;
        } else {
          v.value = this.eval(a);
        }
      }
      frame.push(v);
    }
    for (let i = f.params.length; i < args.length; i++) this.eval(args[i]);
    const saved = this.frame;
    this.frame = frame;
    try {
      this.execBlock(f.body);
      return null;
    } catch (s) {
      if (s instanceof ReturnSignal) return s.value;
      throw s;
    } finally {
      this.frame = saved;
      this.callDepth--;
    }
  }

  // ---- statements ---------------------------------------------------------

  execBlock(body: Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  private exec(s: Stmt): void {
    this.tick();
    switch (s.kind) {
      case 'block':
        this.execBlock(s.body);
        return;
      case 'expr':
        this.eval(s.expr);
        return;
      case 'print': {
        let text: string;
        if (s.args.length === 0) text = this.rebuild();
        else text = s.args.map((a) => this.outStr(this.eval(a))).join(this.str(this.global('OFS').value));
        this.output(text + this.str(this.global('ORS').value), s.redirect);
        return;
      }
      case 'printf': {
        const [fmt, ...rest] = s.args;
        const format = this.str(this.eval(fmt));
        const r = formatArgs(format, rest.map((a) => this.printfArg(this.eval(a))), 'printf');
        if (r.error !== undefined) throw new AwkRuntimeError(r.error);
        this.output(r.text, s.redirect);
        return;
      }
      case 'if':
        if (toBool(this.eval(s.test))) this.exec(s.yes);
        else if (s.no) this.exec(s.no);
        return;
      case 'while':
        while (toBool(this.eval(s.test))) {
          this.tick();
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        do {
          this.tick();
          if (this.loopBody(s.body)) break;
        } while (toBool(this.eval(s.test)));
        return;
      case 'for':
        if (s.init) this.eval(s.init);
        while (s.test === null || toBool(this.eval(s.test))) {
          this.tick();
          if (this.loopBody(s.body)) break;
          if (s.step) this.eval(s.step);
        }
        return;
      case 'forIn': {
        const keys = [...this.arrayOf(s.arr).keys()];
        for (const k of keys) {
          this.tick();
          this.write(s.variable, fromInput(k));
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
      case 'next':
        throw NEXT;
      case 'nextfile':
        throw NEXTFILE;
      case 'exit':
        if (s.value) this.exitCode = Math.trunc(toNum(this.eval(s.value))) & 0xff;
        throw EXIT;
      case 'return':
        throw new ReturnSignal(s.value ? this.eval(s.value) : null);
      case 'delete': {
        const arr = this.arrayOf(s.arr);
        if (s.subs === null) arr.clear();
        else arr.delete(this.key(s.subs));
        return;
      }
    }
  }

  /** Runs a loop body; true when it broke out. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (sig) {
      if (sig === BREAK) return true;
      if (sig === CONTINUE) return false;
      throw sig;
    }
    return false;
  }

  printfArg(v: Value): PrintfArg {
    return {
      num: () => toNum(v),
      str: () => this.str(v),
      isString: () => typeof v === 'string',
    };
  }

  // ---- output -------------------------------------------------------------

  private output(text: string, redirect: { mode: '>' | '>>' | '|'; target: Expr } | null): void {
    if (redirect === null) this.io.out(text);
    else this.outputs.write(this.str(this.eval(redirect.target)), redirect.mode, text);
  }

  /** close(NAME): an output file or pipe (the pipe's exit status), or an input. */
  close(name: string): number {
    let rc = this.outputs.close(name);
    if (this.inputs.delete(name)) rc = 0;
    return rc;
  }

  closeAll(): void {
    this.outputs.closeAll();
  }

  // ---- input --------------------------------------------------------------

  /** The next record of the main input (ARGV's files and assignments, else stdin), or null. */
  nextMainRecord(): string | null {
    for (;;) {
      if (this.mainReader !== null) {
        const rec = this.mainReader.next(this.str(this.global('RS').value), () => this.regex(this.str(this.global('RS').value)));
        if (rec !== null) return rec;
        this.mainReader = null;
      }
      if (this.mainDone) return null;
      const argc = Math.trunc(toNum(this.global('ARGC').value));
      if (this.argIndex >= argc) {
        this.mainDone = true;
        if (this.sawFile) return null;
        this.sawFile = true;
        this.global('FILENAME').value = '-';
        this.global('FNR').value = 0;
        this.mainReader = new RecordReader(this.io.stdin);
        continue;
      }
      const argv = this.global('ARGV').arr;
      const arg = this.str(argv?.get(String(this.argIndex++)) ?? null);
      if (arg === '') continue;
      if (this.assignOperand(arg)) continue;
      this.sawFile = true;
      let text: string;
      if (arg === '-' || arg === '/dev/stdin') text = this.io.stdin;
      else {
        const data = this.sys.fs.read(this.sys.resolve(arg));
        if (typeof data === 'number') {
          if (data === -21) throw new AwkFatal('read error (Is a directory)', 2);
          throw new AwkFatal(`cannot open ${arg} (${errnoText(data)})`, 2);
        }
        text = data;
      }
      this.global('FILENAME').value = arg;
      this.global('FNR').value = 0;
      this.mainReader = new RecordReader(text);
    }
  }

  /** A command-line VAR=value (is_cmdline_assign); true when ARG was one. */
  assignOperand(arg: string): boolean {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(arg);
    if (!m) return false;
    const name = m[1];
    const v = this.globals.get(name);
    if (v?.arr) return false;
    this.global(name).value = fromInput(rmEscape(arg.slice(m[0].length)));
    return true;
  }

  /** NR and FNR of a new main-input record. */
  countRecord(): void {
    this.bump('NR');
    this.bump('FNR');
  }

  /** nextfile: the rest of this input file is skipped. */
  skipFile(): void {
    this.mainReader = null;
  }

  private bump(name: string): void {
    const v = this.global(name);
    v.value = toNum(v.value) + 1;
  }

  private getline(e: Extract<Expr, { kind: 'getline' }>): Value {
    const src = e.source;
    let rec: string | null;
    if (src.from === 'main') {
      if (this.exiting) return 0;
      rec = this.nextMainRecord();
      if (rec === null) return 0;
      this.bump('NR');
      this.bump('FNR');
    } else {
      const name = this.str(this.eval(src.from === 'file' ? src.file : src.cmd));
      let reader = this.inputs.get(name);
      if (reader === undefined) {
        if (src.from === 'file') {
          let text: string | number;
          if (name === '-' || name === '/dev/stdin') text = this.io.stdin;
          else {
            this.outputs.flushFile(name);
            text = this.sys.fs.read(this.sys.resolve(name));
          }
          if (typeof text === 'number') return -1;
          reader = new RecordReader(text);
        } else {
          this.outputs.flushFiles();
          let captured = '';
          this.sys.exec(['/bin/sh', '-c', name], { stdin: '', out: (t) => (captured += t), err: (t) => this.io.err(t) });
          reader = new RecordReader(captured);
        }
        this.inputs.set(name, reader);
      }
      rec = reader.next(this.str(this.global('RS').value), () => this.regex(this.str(this.global('RS').value)));
      if (rec === null) return 0;
      if (src.from === 'cmd') this.bump('NR');
    }
    if (e.target === null) {
      this.setRecord(rec);
      if (src.from === 'main') return 1;
    } else this.write(e.target, fromInput(rec));
    return 1;
  }

  private builtin(name: string, args: Expr[]): Value {
    return callBuiltin(this, name, args);
  }

  /** A 32-bit xorshift on the seed: mawk's own FMrandom sequence is not reproduced (it seeds from the clock anyway). */
  rand(): number {
    let x = this.randState || 1;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.randState = x;
    return x / 4294967296;
  }

  /** The machine's clock in seconds (srand()'s default seed). */
  clockSeconds(): number {
    return Math.floor(now(this.sys) / 1000);
  }

  /** system(CMD): files flushed first, then /bin/sh -c CMD; its exit status. */
  system(cmd: string): number {
    this.outputs.flushFiles();
    const rc = this.sys.exec(['/bin/sh', '-c', cmd], { stdin: '', out: (t) => this.io.out(t), err: (t) => this.io.err(t) });
    return rc < 0 ? 127 : rc;
  }

  /** srand(SEED): the previous seed. */
  srand(seed: number): number {
    const prev = this.prevSeed;
    this.prevSeed = seed;
    this.randState = Math.trunc(seed) >>> 0 || 1;
    return prev;
  }
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      // Linux mawk has no NOINFO_SIGFPE: 1/0 is inf, 0/0 nan, as the FPU makes them
      return a / b;
    case '%':
      return a % b;
    case '^':
      return Math.pow(a, b);
    default:
      return 0;
  }
}

export { EXIT, NEXT, NEXTFILE, ExitSignal, AwkFatal, AwkRuntimeError };
