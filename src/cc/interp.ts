/**
 * A tree walker over a module's functions — never eval, Function or host code. The kernel
 * calls it at load (init), at unload (exit), for a module_param_cb set function and for an
 * exported function another module calls (runner.ts). It has C's integer widths and
 * wrap-around on every store (64-bit long exactly), pointers into the module's globals,
 * its kmalloc'd blocks and the running call's locals, structs with their members, arrays,
 * strings; what it does to the machine goes through the kernel's ModuleApi. A fault ends
 * the call: a NULL (or wild) pointer read or written is a page fault, BUG() an invalid
 * opcode, a call that outruns its budget (src/cc/limits.ts) never returns.
 */
import type { Expr, FunctionDef, Member, Stmt, TranslationUnit } from './parse';
import type { SourceSpot } from '../kernel/module-code';
import type { LogLevel } from '../kernel/image';
import type { Token } from './lex';
import { CELLS_PER_STEP, MAX_ARRAY, MAX_CALL_DEPTH, MAX_CELLS, MAX_PRINTK, MAX_PRINTK_CHARS, MAX_STEPS, STEPS_PER_BYTE } from './limits';
import { ERRNO } from './kernel-api';
import { big, checkCells, convert, copy, isFn, isPtr, isStruct, layout, norm, OutOfMemoryBudget, sizeOf, truthy, type ModuleMemory, type Ptr, type Step, type Value } from './memory';
import { format, formatCounted } from './format';
import { callBuiltin } from './builtins';
import { Fault } from './fault';
import { subStatements, walkStatements } from './walk';

export { Fault };

export { format };

/** A declared type as the walker needs it: the base, whether a pointer, an array length. */
export interface CType {
  type: string;
  pointer: boolean;
  length?: number;
}

/** What the walker asks of the kernel (the runner adapts the kernel's ModuleApi). */
export interface Machine {
  printk(level: LogLevel | 'c' | 'dyndbg' | undefined, text: string): void;
  warn(at: SourceSpot): void;
  sleep(ms: number): void;
  allocate(bytes: number): boolean;
  free(bytes: number): void;
  /** A module parameter's value read or written by the C that declares it. */
  readParam(name: string): Value | undefined;
  writeParam(name: string, v: Value): number;
  /** module_param_set_*(val, kp): the kernel's own setter for the parameter. */
  setParam(name: string, text: string): number;
  callExport(symbol: string, args: Value[]): Value | Fault;
  readExport(symbol: string): Value | undefined;
  writeExport(symbol: string, v: Value): void;
}

/** Unary operators of a value alone (not of a place): -, +, !, ~ and casts. */
const VALUE_OPERATORS = /^([-+!~]|\(.*\))$/;

/** kmallocs between two counts of the module's data against MAX_CELLS. */
const CHECK_EVERY = 64;

class Return {
  constructor(readonly value: Value) {}
}
class Break {}
class Continue {}
/** `goto LABEL`: caught by the innermost enclosing block that holds the label. */
class Goto {
  constructor(readonly label: string) {}
}

interface Local {
  id: number;
  value: Value;
  type: CType;
}
type Scope = Map<string, Local>;

/** An lvalue: where a value is, how to read and write it, and its declared type if known. */
interface Ref {
  get(): Value;
  set(v: Value): void;
  type?: CType;
  /** Its address, for &. */
  addr?: Ptr;
}

interface Frame {
  fn: FunctionDef;
  file: string;
  line: number;
}

export class Interpreter {
  steps = 0;
  /**
   * Work done besides statements and expressions, in steps: values made by zeroing (a step
   * per CELLS_PER_STEP), bytes a string or memory function reads or writes (STEPS_PER_BYTE each).
   */
  private work = 0;
  /** How many values a zeroed value of each struct type holds. */
  private readonly structCells = new Map<string, number>();
  /** kmalloc'd blocks this call made. */
  private allocations = 0;
  private depth = 0;
  private printks = 0;
  private nextLocal = 1;
  /** The label a goto is looking for while it enters the statements that hold it. */
  private seeking: string | undefined;
  private readonly locals = new Map<number, Local>();
  private readonly frames: Frame[] = [];
  private readonly functions = new Map<string, { fn: FunctionDef; file: string }>();
  private readonly globalTypes = new Map<string, CType>();
  readonly structs: Record<string, Member[]> = {};

  constructor(
    units: ReadonlyArray<{ path: string; unit: TranslationUnit }>,
    readonly memory: ModuleMemory,
    readonly machine: Machine,
    /** Module parameters by variable name (their values live in the kernel), and array counters. */
    private readonly params: ReadonlyMap<string, { type: string; array: boolean }>,
    private readonly counters: ReadonlyMap<string, string>,
    /** extern variables another module exports. */
    private readonly externs: ReadonlySet<string>,
  ) {
    for (const { path, unit } of units) {
      Object.assign(this.structs, unit.structs);
      for (const f of unit.functions) if (!this.functions.has(f.name)) this.functions.set(f.name, { fn: f, file: path });
      for (const g of unit.globals) {
        const t: CType = { type: g.type, pointer: g.decl.pointer };
        if (g.decl.length !== undefined) t.length = g.decl.length;
        if (!g.isExtern) this.globalTypes.set(g.decl.name, t);
      }
    }
  }

  /** The module's globals at load: their initializers (constant expressions). */
  initGlobals(units: ReadonlyArray<{ path: string; unit: TranslationUnit }>): void {
    for (const { unit } of units) {
      for (const g of unit.globals) {
        if (g.isExtern || this.params.has(g.decl.name) || this.counters.has(g.decl.name)) continue;
        const t = this.globalTypes.get(g.decl.name) as CType;
        this.memory.globals[g.decl.name] = g.decl.init ? this.initialValue(t, g.decl.init, []) : this.zero(t);
      }
    }
    checkCells(this.memory);
  }

  hasFunction(name: string): boolean {
    return this.functions.has(name);
  }

  /** The spot the CPU is at: the current function's file and the line being run. */
  spot(): SourceSpot {
    const f = this.frames[this.frames.length - 1];
    return f ? { file: f.file, line: f.line, function: f.fn.name } : { file: '', line: 0, function: '' };
  }

  private at(t: Token): void {
    const f = this.frames[this.frames.length - 1];
    if (f) f.line = t.line;
  }

  tick(): void {
    if (++this.steps + this.work > MAX_STEPS) throw new Fault('lockup', this.spot());
  }

  /** N values are being made: they cost steps, and no one value may hold more than MAX_CELLS. */
  private making(n: number): void {
    if (n > MAX_CELLS) throw new OutOfMemoryBudget();
    this.spend(n / CELLS_PER_STEP);
  }

  /** N bytes a built-in reads or writes (memset's, a string's): past the budget, a lockup. */
  spendBytes(n: number): void {
    this.spend(n * STEPS_PER_BYTE);
  }

  private spend(n: number): void {
    this.work += n;
    if (this.steps + this.work > MAX_STEPS) throw new Fault('lockup', this.spot());
  }

  /** TEXT was made a character at a time (formatted): its length is spent; TEXT itself returned. */
  spent(text: string): string {
    this.spendBytes(text.length);
    return text;
  }

  // ---- values of types ----

  /** A zeroed value of T (what .bss, kzalloc and a declaration without initializer hold here). */
  zero(t: CType): Value {
    this.making(this.cellsOf(t));
    return this.zeroed(t, new Set());
  }

  private zeroed(t: CType, inside: Set<string>): Value {
    if (t.length !== undefined && t.length >= 0) return Array.from({ length: Math.min(t.length, MAX_ARRAY) }, () => this.zeroed({ type: t.type, pointer: t.pointer }, inside));
    if (t.pointer) return 0;
    const members = this.structs[t.type];
    // a struct inside itself (gcc refuses it) stays 0 there, as cellsOf counts it
    if (!members || inside.has(t.type)) return 0;
    inside.add(t.type);
    const v: Value = { f: Object.fromEntries(members.map((m) => [m.name, this.zeroed(memberType(m), inside)])) };
    inside.delete(t.type);
    return v;
  }

  /** How many values zero(T) makes (capped a little past MAX_CELLS: that is all anyone needs to know). */
  private cellsOf(t: CType): number {
    let one = 1;
    const members = t.pointer ? undefined : this.structs[t.type];
    if (members) {
      const known = this.structCells.get(t.type);
      if (known !== undefined) one = known;
      else {
        this.structCells.set(t.type, 1);
        for (const m of members) one = Math.min(one + this.cellsOf(memberType(m)), MAX_CELLS + 1);
        this.structCells.set(t.type, one);
      }
    }
    if (t.length !== undefined && t.length >= 0) return Math.min(1 + Math.min(t.length, MAX_ARRAY) * one, MAX_CELLS + 1);
    return one;
  }

  /** An array, or a struct the module declares: a value with parts. */
  private isAggregate(t: CType): boolean {
    return (t.length !== undefined && t.length >= 0) || (!t.pointer && this.structs[t.type] !== undefined);
  }

  private initialValue(t: CType, init: Expr, scopes: Scope[]): Value {
    // A scalar's value in braces, however many ({{{1}}} draws gcc's warning for each inner pair)
    if (!this.isAggregate(t)) while (init.kind === 'init' && !init.fields && init.items.length > 0) init = init.items[0] as Expr;
    if (init.kind === 'str' && t.length !== undefined && !t.pointer) {
      const codes = [...init.value].map((c) => c.charCodeAt(0) & 0xff);
      const n = t.length >= 0 ? t.length : codes.length + 1;
      this.making(Math.min(n, MAX_ARRAY));
      return Array.from({ length: Math.min(n, MAX_ARRAY) }, (_x, i) => codes[i] ?? 0);
    }
    if (init.kind !== 'init') return t.pointer ? this.rvalue(init, scopes) : convert(t.type, copy(this.rvalue(init, scopes)));
    if (t.length !== undefined && !(t.length === undefined)) {
      const elem: CType = { type: t.type, pointer: t.pointer };
      const n = t.length >= 0 ? t.length : init.items.length;
      const made = this.zero({ ...elem, length: n });
      const out = Array.isArray(made) ? made : [];
      let i = 0;
      init.items.forEach((item, k) => {
        const f = init.fields?.[k];
        if (f !== undefined && /^\d+$/.test(f)) i = Number(f);
        if (i < out.length) out[i] = this.initialValue(elem, item, scopes);
        i++;
      });
      return out;
    }
    const members = this.structs[t.type];
    if (members && !t.pointer) {
      const s = this.zero(t);
      let i = 0;
      init.items.forEach((item, k) => {
        const name = init.fields?.[k];
        const idx = name !== undefined ? members.findIndex((m) => m.name === name) : i;
        const m = members[idx];
        if (m && isStruct(s)) s.f[m.name] = this.initialValue(memberType(m), item, scopes);
        i = idx + 1;
      });
      return s;
    }
    // A struct we do not model (kernel_param_ops): its designated members by name.
    if (init.fields) return { f: Object.fromEntries(init.items.map((item, k) => [init.fields?.[k] ?? String(k), this.rvalue(item, scopes)])) };
    return init.items.length > 0 ? this.rvalue(init.items[0], scopes) : 0;
  }

  // ---- calls ----

  /** Call FN with ARGS: the kernel's entry into the module. */
  call(name: string, args: Value[]): Value {
    const f = this.functions.get(name);
    if (!f) return this.callOutside(name, args);
    if (++this.depth > MAX_CALL_DEPTH) throw new Fault('lockup', this.spot());
    const scope: Scope = new Map();
    f.fn.params.forEach((p, i) => {
      const type = parseType(f.fn.paramTypes[i] ?? 'int');
      scope.set(p, this.local(type, convert(type.pointer ? 'unsigned long' : type.type, args[i] ?? 0)));
    });
    this.frames.push({ fn: f.fn, file: f.file, line: f.fn.at.line });
    try {
      this.block(f.fn.body, [scope]);
      return 0;
    } catch (e) {
      if (e instanceof Return) {
        const rt = parseType(f.fn.returnType);
        return rt.pointer ? e.value : convert(rt.type, e.value);
      }
      throw e;
    } finally {
      this.frames.pop();
      this.depth--;
    }
  }

  private callOutside(name: string, args: Value[]): Value {
    const builtin = callBuiltin(this, name, args);
    if (builtin !== undefined) return builtin;
    const r = this.machine.callExport(name, args);
    if (r instanceof Fault) throw r;
    return r;
  }

  private local(type: CType, value: Value): Local {
    const l: Local = { id: this.nextLocal++, value, type };
    this.locals.set(l.id, l);
    return l;
  }

  // ---- statements ----

  /**
   * Run BODY in a scope of its own. A block (or an if's branch that is one) standing last in
   * BODY is entered by this loop rather than on the host's stack: nothing of BODY is left to
   * run after it, so 10,000 nested blocks or else-ifs cost an array entry each. A goto out of
   * such a block still looks for its label in the blocks around it, innermost first.
   */
  private block(body: Stmt[], scopes: Scope[]): void {
    // this block's own array: a block entered last pushes its scope here, not on a copy
    const inner = [...scopes, new Map<string, Local>()];
    let i = this.seeking === undefined ? 0 : this.resumeAt(body, this.seeking, inner);
    const around: Array<{ body: Stmt[]; depth: number }> = [];
    while (i < body.length) {
      try {
        const nested = this.run(body[i] as Stmt, inner);
        if (nested !== undefined && i === body.length - 1) {
          around.push({ body, depth: inner.length });
          body = nested;
          inner.push(new Map<string, Local>());
          i = this.seeking === undefined ? 0 : this.resumeAt(body, this.seeking, inner);
          continue;
        }
        if (nested !== undefined) this.block(nested, inner);
        i++;
      } catch (e) {
        if (!(e instanceof Goto)) throw e;
        let k = body.findIndex((x) => holdsLabel(x, e.label));
        for (let out = around.pop(); k < 0 && out !== undefined; out = k < 0 ? around.pop() : undefined) {
          body = out.body;
          inner.length = out.depth;
          k = body.findIndex((x) => holdsLabel(x, e.label));
        }
        if (k < 0) throw e;
        this.seeking = e.label;
        i = this.resumeAt(body, e.label, inner);
      }
    }
  }

  private loop(s: Extract<Stmt, { kind: 'while' | 'do' | 'for' }>, scopes: Scope[], entering: boolean): void {
    const loop = [...scopes, new Map<string, Local>()];
    // A jump into the body skips the initialisation and the first test, as in C.
    if (s.kind === 'for' && s.init && !entering) this.stmt(s.init, loop);
    let first = s.kind === 'do' || entering;
    for (;;) {
      this.tick();
      const test = s.test;
      if (!first && test && !truthy(this.rvalue(test, loop))) break;
      first = false;
      try {
        this.stmt(s.body, loop);
      } catch (e) {
        if (e instanceof Break) break;
        if (!(e instanceof Continue)) throw e;
      }
      if (s.kind === 'for' && s.step) this.rvalue(s.step, loop);
    }
  }

  private switchBody(body: Stmt[], scopes: Scope[]): void {
    try {
      this.block(body, scopes);
    } catch (e) {
      if (!(e instanceof Break)) throw e;
    }
  }

  /** A jump to LABEL into S, a statement that holds it (not a block or the label itself). */
  private enter(s: Stmt, scopes: Scope[]): void {
    switch (s.kind) {
      case 'while':
      case 'do':
      case 'for':
        return this.loop(s, scopes, true);
      case 'switch':
        return this.switchBody(s.body.kind === 'block' ? s.body.body : [s.body], scopes);
      default:
        return;
    }
  }

  /**
   * Where a jump to LABEL enters BODY: the statement holding it. The declarations it jumps
   * over are in scope there with indeterminate (here: zero) values, as in C.
   */
  private resumeAt(body: Stmt[], label: string, scope: Scope[]): number {
    const k = body.findIndex((x) => holdsLabel(x, label));
    const own = scope[scope.length - 1] as Map<string, Local>;
    for (const x of body.slice(0, Math.max(k, 0))) {
      if (x.kind !== 'decl') continue;
      for (const d of x.decls) {
        if (own.has(d.name)) continue;
        const t: CType = { type: x.type, pointer: d.pointer };
        if (d.length !== undefined) t.length = d.length;
        own.set(d.name, this.local(t, this.zero(t)));
      }
    }
    return k < 0 ? body.length : k;
  }

  private stmt(s: Stmt, scopes: Scope[]): void {
    const nested = this.run(s, scopes);
    if (nested !== undefined) this.block(nested, scopes);
  }

  /**
   * Run S, but for the block it comes down to (S itself, an if's branch, a label's
   * statement): that block's statements are returned, for the caller to enter. The branches
   * of else-if chains and labels are followed by this loop, not by recursion.
   */
  private run(s: Stmt, scopes: Scope[]): Stmt[] | undefined {
    for (;;) {
      this.tick();
      const seeking = this.seeking;
      if (seeking !== undefined && s.kind === 'if') {
        s = holdsLabel(s.then, seeking) ? s.then : (s.else ?? s.then);
        continue;
      }
      if (seeking !== undefined && s.kind !== 'block' && s.kind !== 'label') return void this.enter(s, scopes);
      switch (s.kind) {
        case 'block':
          return s.body;
        case 'if':
          if (truthy(this.rvalue(s.test, scopes))) s = s.then;
          else if (s.else) s = s.else;
          else return undefined;
          continue;
        case 'label':
          if (this.seeking === s.name) this.seeking = undefined;
          s = s.body;
          continue;
        default:
          return void this.simple(s, scopes);
      }
    }
  }

  /** A statement that holds no other to run in its place (if, label and block are run's). */
  private simple(s: Exclude<Stmt, { kind: 'block' | 'if' | 'label' }>, scopes: Scope[]): void {
    switch (s.kind) {
      case 'expr':
        this.at(s.expr.at);
        this.rvalue(s.expr, scopes);
        return;
      case 'decl':
        for (const d of s.decls) {
          this.at(d.at);
          const t: CType = { type: s.type, pointer: d.pointer };
          if (d.length !== undefined) t.length = d.length;
          if (t.length === -1 && d.init) t.length = d.init.kind === 'init' ? d.init.items.length : d.init.kind === 'str' ? d.init.value.length + 1 : 0;
          // its scope begins before its initializer (sizeof(*p) in p's own declaration)
          const cell = this.local(t, 0);
          scopes[scopes.length - 1].set(d.name, cell);
          cell.value = d.init ? this.initialValue(t, d.init, scopes) : this.zero(t);
        }
        return;
      case 'while':
      case 'do':
      case 'for':
        return this.loop(s, scopes, false);
      case 'switch': {
        // Jump to the matching case label of the switch's block (or default), fall through, break out.
        const v = big(this.rvalue(s.test, scopes));
        const body = s.body.kind === 'block' ? s.body.body : [s.body];
        let start = body.findIndex((x) => x.kind === 'case' && x.value !== undefined && big(this.rvalue(x.value, scopes)) === v);
        if (start < 0) start = body.findIndex((x) => x.kind === 'case' && x.value === undefined);
        if (start < 0) return;
        return this.switchBody(body.slice(start), scopes);
      }
      case 'case':
        return;
      case 'goto':
        this.at(s.at);
        throw new Goto(s.label);
      case 'return':
        this.at(s.at);
        throw new Return(s.value ? this.rvalue(s.value, scopes) : 0);
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'empty':
        return;
    }
  }

  // ---- memory ----

  private findLocal(name: string, scopes: Scope[]): Local | undefined {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const v = scopes[i].get(name);
      if (v) return v;
    }
    return undefined;
  }

  /** The object a pointer's root names, as a ref. */
  private rootRef(p: Ptr): Ref | undefined {
    const [kind, id] = [p.ptr.slice(0, 1), p.ptr.slice(2)];
    if (kind === 'g') {
      const t = this.globalTypes.get(id);
      return { get: () => this.memory.globals[id] ?? 0, set: (v) => void (this.memory.globals[id] = v), ...(t ? { type: t } : {}) };
    }
    if (kind === 'h') {
      const b = this.memory.heap[id];
      if (!b) return undefined;
      return { get: () => b.value, set: (v) => void (b.value = v) };
    }
    const l = this.locals.get(Number(id));
    return l ? { get: () => l.value, set: (v) => void (l.value = v), type: l.type } : undefined;
  }

  /** One step into a struct member or an array (or a block used as one), made on first use. */
  private child(parent: Ref, step: Step, write: boolean): Ref {
    const container = (): Value[] | Record<string, Value> => {
      let v = parent.get();
      if (Array.isArray(v)) return v;
      if (isStruct(v)) return v.f;
      if (!write) return {};
      v = { f: {} };
      parent.set(v);
      return v.f;
    };
    const t = parent.type;
    let type: CType | undefined;
    if (t && typeof step === 'string') {
      const m = this.structs[t.type]?.find((x) => x.name === step);
      if (m) type = memberType(m);
    } else if (t && typeof step === 'number') type = t.length !== undefined ? { type: t.type, pointer: t.pointer } : t.pointer ? { type: t.type, pointer: false } : undefined;
    const key = String(step);
    return {
      get: () => {
        const c = container();
        const v = Array.isArray(c) ? c[Number(step)] : c[key];
        if (v !== undefined) return v;
        // A member array or struct of a block made on first use is made now, zeroed, in
        // its place: an array decaying to a pointer (strcpy(p->text, …)) must find these
        // same cells again, not the integer 0 (a NULL pointer).
        if (!type || !this.isAggregate(type)) return 0;
        const made = this.zero(type);
        if (Array.isArray(c)) {
          const i = Number(step);
          if (i >= 0 && i < c.length) c[i] = made;
        } else c[key] = made;
        return made;
      },
      set: (v) => {
        const c = container();
        if (Array.isArray(c)) {
          const i = Number(step);
          if (i >= 0 && i < Math.max(c.length, 1) && i < MAX_ARRAY) c[i] = v;
        } else if (Number(step) < MAX_ARRAY || typeof step === 'string') c[key] = v;
      },
      ...(type ? { type } : {}),
    };
  }

  /** *P as an lvalue; a NULL or wild pointer faults when touched (OFFSET: how far past it). */
  private deref(p: Value, pointee: CType | undefined, offset = 0): Ref {
    if (isPtr(p)) {
      let ref = this.rootRef(p);
      // a freed block: its memory is gone (slab poison 0x6b… after kfree)
      if (!ref) return this.badAddress(0x6b6b6b6b6b6b6b6b);
      for (const step of p.path) ref = this.child(ref, step, true);
      if (pointee && !ref.type) ref = { ...ref, type: pointee };
      return { ...ref, addr: p };
    }
    if (typeof p === 'string') {
      return { get: () => (p.length > 0 ? p.charCodeAt(0) & 0xff : 0), set: () => undefined, type: { type: 'char', pointer: false } };
    }
    return this.badAddress(Number(BigInt.asUintN(64, big(p))) + offset);
  }

  private badAddress(address: number): Ref {
    return {
      get: () => {
        throw new Fault('oops', this.spot(), address, false);
      },
      set: () => {
        throw new Fault('oops', this.spot(), address, true);
      },
    };
  }

  /** The static type of an expression, where the walker can know it. */
  typeOf(e: Expr, scopes: Scope[]): CType | undefined {
    switch (e.kind) {
      case 'ident':
        return this.findLocal(e.name, scopes)?.type ?? this.globalTypes.get(e.name);
      case 'member': {
        const b = this.typeOf(e.base, scopes);
        const m = b ? this.structs[b.type]?.find((x) => x.name === e.field) : undefined;
        return m ? memberType(m) : undefined;
      }
      case 'index': {
        const b = this.typeOf(e.base, scopes);
        return b ? { type: b.type, pointer: b.length !== undefined ? b.pointer : false } : undefined;
      }
      case 'unary':
        if (e.op === '*') {
          const b = this.typeOf(e.arg, scopes);
          return b ? { type: b.type, pointer: false } : undefined;
        }
        if (e.op === '&') {
          const b = this.typeOf(e.arg, scopes);
          return b ? { type: b.type, pointer: true } : undefined;
        }
        if (e.op.startsWith('(')) return parseType(e.op.slice(1, -1));
        return undefined;
      default:
        return undefined;
    }
  }

  /** The byte offset of a member in its struct (a NULL struct pointer faults at it). */
  private offsetOf(structType: string | undefined, field: string): number {
    const members = structType ? this.structs[structType] : undefined;
    return members ? layout(members, this.structs).offsets[field] ?? 0 : 0;
  }

  lvalue(e: Expr, scopes: Scope[]): Ref {
    switch (e.kind) {
      case 'ident': {
        const l = this.findLocal(e.name, scopes);
        if (l) return { get: () => l.value, set: (v) => void (l.value = v), type: l.type, addr: { ptr: `l:${l.id}`, path: [] } };
        const param = this.params.get(e.name);
        if (param && !param.array) {
          return { get: () => this.machine.readParam(e.name) ?? 0, set: (v) => void this.machine.writeParam(e.name, v), type: parseType(param.type), addr: { ptr: `g:${e.name}`, path: [] } };
        }
        const counted = this.counters.get(e.name);
        if (counted !== undefined) return { get: () => this.machine.readParam(`#${counted}`) ?? 0, set: () => undefined, type: { type: 'int', pointer: false } };
        if (param?.array) {
          return { get: () => this.machine.readParam(e.name) ?? [], set: () => undefined, type: { type: param.type, pointer: false, length: 0 }, addr: { ptr: `g:${e.name}`, path: [] } };
        }
        if (this.globalTypes.has(e.name)) {
          const t = this.globalTypes.get(e.name) as CType;
          return { get: () => this.memory.globals[e.name] ?? 0, set: (v) => void (this.memory.globals[e.name] = v), type: t, addr: { ptr: `g:${e.name}`, path: [] } };
        }
        if (this.externs.has(e.name)) return { get: () => this.machine.readExport(e.name) ?? 0, set: (v) => this.machine.writeExport(e.name, v) };
        if (this.functions.has(e.name)) return { get: () => ({ fn: e.name }), set: () => undefined };
        const known = namedConstant(e.name, this.steps);
        return { get: () => known, set: () => undefined };
      }
      case 'index': {
        const bt = this.typeOf(e.base, scopes);
        const i = Number(big(this.rvalue(e.index, scopes)));
        if (bt && bt.length !== undefined) {
          const base = this.lvalue(e.base, scopes);
          const ref = this.child(base, i, true);
          return { ...ref, ...(base.addr ? { addr: { ptr: base.addr.ptr, path: [...base.addr.path, i] } } : {}) };
        }
        const p = this.rvalue(e.base, scopes);
        const elem = bt ? { type: bt.type, pointer: false } : undefined;
        if (!isPtr(p) && typeof p !== 'string') return this.deref(p, elem, i * (elem ? sizeOf(elem.type, false, this.structs) : 1));
        return this.deref(this.offset(p, i), elem);
      }
      case 'member': {
        if (e.arrow) {
          const bt = this.typeOf(e.base, scopes);
          const p = this.rvalue(e.base, scopes);
          const target = this.deref(p, bt ? { type: bt.type, pointer: false } : undefined, this.offsetOf(bt?.type, e.field));
          if (!isPtr(p)) return target;
          const ref = this.child(target, e.field, true);
          return { ...ref, addr: { ptr: p.ptr, path: [...p.path, e.field] } };
        }
        const base = this.lvalue(e.base, scopes);
        const ref = this.child(base, e.field, true);
        return { ...ref, ...(base.addr ? { addr: { ptr: base.addr.ptr, path: [...base.addr.path, e.field] } } : {}) };
      }
      case 'unary':
        if (e.op === '*') {
          const t = this.typeOf(e.arg, scopes);
          return this.deref(this.rvalue(e.arg, scopes), t ? { type: t.type, pointer: false } : undefined);
        }
        break;
      default:
        break;
    }
    const v = this.rvalue(e, scopes);
    return { get: () => v, set: () => undefined };
  }

  /** P + N for a pointer (an element further on), a string (its tail) or a number. */
  offset(p: Value, n: number): Value {
    if (isPtr(p)) {
      const last = p.path[p.path.length - 1];
      if (typeof last === 'number') return { ptr: p.ptr, path: [...p.path.slice(0, -1), last + n] };
      return n === 0 ? p : { ptr: p.ptr, path: [...p.path, n] };
    }
    if (typeof p === 'string') return p.slice(n);
    return norm(big(p) + BigInt(n));
  }

  /** A pointer's text (for %s, strlen, strcmp): a literal, or the chars it points at up to the NUL. */
  readString(v: Value): string | undefined {
    if (typeof v === 'string') return v;
    if (!isPtr(v)) return undefined;
    let out = '';
    // no string here is longer than the longest array (a block used as one included)
    for (let i = 0; i < MAX_ARRAY; i++) {
      this.spendBytes(1);
      const c = Number(big(this.deref(this.offset(v, i), { type: 'char', pointer: false }).get()));
      if (c === 0) break;
      out += String.fromCharCode(c & 0xff);
    }
    return out;
  }

  /** Write TEXT and a NUL where P points (strcpy, snprintf). */
  writeString(p: Value, text: string, max = Infinity): void {
    const n = Math.min(text.length, max - 1);
    this.spendBytes(Math.min(n + 1, MAX_ARRAY));
    for (let i = 0; i <= n && i < MAX_ARRAY; i++) this.deref(this.offset(p, i), { type: 'char', pointer: false }).set(i < n ? text.charCodeAt(i) & 0xff : 0);
  }

  /** A new kmalloc'd block of BYTES (its contents made on first use), or NULL. */
  allocate(bytes: number, zeroed: boolean): Value {
    if (!this.machine.allocate(bytes)) return 0;
    const id = String(this.memory.nextBlock++);
    this.memory.heap[id] = { size: bytes, value: zeroed ? { f: {} } : 0 };
    // Counting every cell at every kmalloc made a loop of them quadratic (8192 allocations:
    // 1.5 s); every CHECK_EVERY-th is enough, the runner counts once more when the call ends.
    if (++this.allocations % CHECK_EVERY === 0) checkCells(this.memory);
    return { ptr: `h:${id}`, path: [] };
  }

  free(p: Value): void {
    if (!isPtr(p) || !p.ptr.startsWith('h:') || p.path.length > 0) return;
    const b = this.memory.heap[p.ptr.slice(2)];
    if (!b) return;
    this.machine.free(b.size);
    delete this.memory.heap[p.ptr.slice(2)];
  }

  ref(p: Value, type?: CType): Ref {
    return this.deref(p, type);
  }

  childOf(r: Ref, step: Step): Ref {
    return this.child(r, step, true);
  }

  // ---- expressions ----

  rvalue(e: Expr, scopes: Scope[]): Value {
    // A conditional's chosen operand is evaluated by this loop: a ? b : c ? d : … nests deep
    for (;;) {
      this.tick();
      switch (e.kind) {
        case 'num':
          return e.big ?? e.value;
        case 'str':
          return e.value;
        case 'type':
          return 0;
        case 'init':
          return e.items.map((x) => this.rvalue(x, scopes));
        case 'ident':
        case 'index':
        case 'member': {
          const r = this.lvalue(e, scopes);
          const v = r.get();
          // An array in an expression is a pointer to its first element.
          if (Array.isArray(v) && r.addr) return { ptr: r.addr.ptr, path: [...r.addr.path, 0] };
          return v;
        }
        case 'call':
          this.at(e.at);
          return e.target ? this.callThrough(e.target, e.args, scopes) : this.callExpr(e.callee, e.args, scopes);
        case 'unary':
          return this.unary(e.op, e.arg, scopes);
        case 'postfix':
          return this.update(e.arg, e.op === '++' ? 1 : -1, scopes, true);
        case 'binary':
          return this.binaryTree(e, scopes);
        case 'cond':
          e = truthy(this.rvalue(e.test, scopes)) ? e.then : e.else;
          continue;
        case 'assign':
          return this.assignChain(e, scopes);
      }
    }
  }

  /**
   * A tree of binary operators, evaluated with a stack of our own: a + b + c … leans left
   * (20,000 terms overflowed the host's stack), a + (b + (c + …)) leans right, and gcc 12
   * compiles 10,000 levels of either. Operands left to right; && and || short-circuit.
   */
  private binaryTree(root: Expr & { kind: 'binary' }, scopes: Scope[]): Value {
    const waiting: Array<{ node: Expr & { kind: 'binary' }; left?: { value: Value } }> = [];
    let e: Expr = root;
    for (;;) {
      for (; e.kind === 'binary'; e = e.left) {
        if (e !== root) this.tick();
        waiting.push({ node: e });
      }
      let value = this.rvalue(e, scopes);
      for (let w = waiting.pop(); ; w = waiting.pop()) {
        if (w === undefined) return value;
        const { node } = w;
        if (w.left === undefined) {
          // VALUE is the left operand: && and || may be done without the right one
          if (node.op === '&&' && !truthy(value)) value = 0;
          else if (node.op === '||' && truthy(value)) value = 1;
          else {
            w.left = { value };
            waiting.push(w);
            e = node.right;
            break;
          }
        } else if (node.op === '&&' || node.op === '||') value = truthy(value) ? 1 : 0;
        else if (node.op !== ',') value = this.binary(node.op, w.left.value, value, this.typeOf(node.left, scopes));
      }
    }
  }

  /** a = b = c = …: each target found left to right, the value stored right to left. */
  private assignChain(root: Expr & { kind: 'assign' }, scopes: Scope[]): Value {
    const chain: Array<{ node: Expr & { kind: 'assign' }; target: Ref }> = [];
    let e: Expr = root;
    for (; e.kind === 'assign'; e = e.value) {
      if (e !== root) this.tick();
      chain.push({ node: e, target: this.lvalue(e.target, scopes) });
    }
    let value = this.rvalue(e, scopes);
    for (let k = chain.length - 1; k >= 0; k--) {
      const { node, target } = chain[k] as { node: Expr & { kind: 'assign' }; target: Ref };
      value = this.store(target, node.op === '=' ? value : this.binary(node.op.slice(0, -1), target.get(), value, target.type));
    }
    return value;
  }

  private store(target: Ref, v: Value): Value {
    const t = target.type;
    const value = t && !t.pointer && t.length === undefined ? (this.structs[t.type] ? copy(v) : convert(t.type, v)) : v;
    target.set(value);
    return value;
  }

  private callExpr(callee: string, args: Expr[], scopes: Scope[]): Value {
    if (callee === 'sizeof') return 0;
    if (callee === 'ARRAY_SIZE') {
      const t = args[0] ? this.typeOf(args[0], scopes) : undefined;
      return t?.length ?? 0;
    }
    // A variable holding a function (a local, a parameter or a global) is called through.
    if (!this.functions.has(callee)) {
      const local = this.findLocal(callee, scopes);
      if (local) return this.callPointer(local.value, args, scopes);
      if (this.globalTypes.has(callee)) return this.callPointer(this.memory.globals[callee] ?? 0, args, scopes);
    }
    return this.call(callee, this.argumentValues(args, scopes));
  }

  /** A call through the function pointer TARGET evaluates to: `(*fn)(x)` is `fn(x)`. */
  private callThrough(target: Expr, args: Expr[], scopes: Scope[]): Value {
    const pointer = target.kind === 'unary' && target.op === '*' ? target.arg : target;
    return this.callPointer(this.rvalue(pointer, scopes), args, scopes);
  }

  private callPointer(fn: Value, args: Expr[], scopes: Scope[]): Value {
    const values = this.argumentValues(args, scopes);
    if (isFn(fn)) return this.call(fn.fn, values);
    // Jumping to an address that holds no function: the CPU faults on the instruction fetch.
    throw new Fault('oops', this.spot(), isPtr(fn) ? 0x40000000 : Number(BigInt.asUintN(64, big(fn))), false, true);
  }

  /** gcc evaluated arguments last to first (11i: exp_user read exp_calls before calling exp_double). */
  private argumentValues(args: Expr[], scopes: Scope[]): Value[] {
    const values: Value[] = new Array<Value>(args.length);
    for (let i = args.length - 1; i >= 0; i--) values[i] = this.rvalue(args[i] as Expr, scopes);
    return values;
  }

  private unary(op: string, arg: Expr, scopes: Scope[]): Value {
    if (op === '++' || op === '--') return this.update(arg, op === '++' ? 1 : -1, scopes, false);
    if (op === 'sizeof') {
      if (arg.kind === 'type') return sizeOf(arg.type, arg.pointer, this.structs);
      // sizeof never evaluates its operand (sizeof(*p) with p NULL is fine)
      if (arg.kind === 'str') return arg.value.length + 1;
      const t = this.typeOf(arg, scopes);
      return t ? sizeOf(t.type, t.pointer, this.structs) * (t.length !== undefined && t.length >= 0 ? t.length : 1) : 4;
    }
    if (op === '&') {
      if (arg.kind === 'ident' && this.functions.has(arg.name) && !this.findLocal(arg.name, scopes)) return { fn: arg.name };
      const r = this.lvalue(arg, scopes);
      return r.addr ?? 0x40000000;
    }
    if (op === '*') return this.lvalue({ kind: 'unary', op, arg, at: arg.at }, scopes).get();
    // !!!…x, - - -x, (int)(long)…x: the chain is walked down by a loop and applied back up
    const ops = [op];
    for (; arg.kind === 'unary' && VALUE_OPERATORS.test(arg.op); arg = arg.arg) {
      this.tick();
      ops.push(arg.op);
    }
    let v = this.rvalue(arg, scopes);
    for (let k = ops.length - 1; k >= 0; k--) v = this.valueOperator(ops[k] as string, v);
    return v;
  }

  /** -, +, !, ~ or a cast applied to V. */
  private valueOperator(op: string, v: Value): Value {
    switch (op) {
      case '-':
        return norm(-big(v));
      case '+':
        return v;
      case '!':
        return truthy(v) ? 0 : 1;
      case '~':
        return norm(~big(v));
      default: {
        // A cast: to an integer type it converts; to a pointer the value stays.
        const t = parseType(op.slice(1, -1));
        return t.pointer ? v : convert(t.type, v);
      }
    }
  }

  private update(target: Expr, delta: number, scopes: Scope[], post: boolean): Value {
    const r = this.lvalue(target, scopes);
    const old = r.get();
    const next = isPtr(old) || typeof old === 'string' ? this.offset(old, delta) : typeof old === 'number' && Number.isSafeInteger(old + delta) ? old + delta : norm(big(old) + BigInt(delta));
    const stored = this.store(r, next);
    return post ? old : stored;
  }

  binary(op: string, a: Value, b: Value, leftType?: CType): Value {
    // pointer arithmetic and comparison
    if ((isPtr(a) || typeof a === 'string') && (op === '+' || op === '-') && !isPtr(b) && typeof b !== 'string') return this.offset(a, Number(big(b)) * (op === '-' ? -1 : 1));
    if (op === '==' || op === '!=') {
      const same = samePointer(a, b);
      if (same !== undefined) return same === (op === '==') ? 1 : 0;
    }
    if (isPtr(a) && isPtr(b) && op === '-' && a.ptr === b.ptr) {
      const x = a.path[a.path.length - 1];
      const y = b.path[b.path.length - 1];
      return typeof x === 'number' && typeof y === 'number' ? x - y : 0;
    }
    void leftType;
    // Small integers the fast way; anything that might leave 2^53 goes through bigint.
    if (typeof a === 'number' && typeof b === 'number') {
      const fast = smallArith(op, a, b);
      if (fast !== undefined) return fast;
    }
    const x = big(a);
    const y = big(b);
    switch (op) {
      case '+':
        return norm(x + y);
      case '-':
        return norm(x - y);
      case '*':
        return norm(x * y);
      case '/':
        return y === 0n ? this.divideByZero() : norm(x / y);
      case '%':
        return y === 0n ? this.divideByZero() : norm(x % y);
      case '<<':
        return norm(BigInt.asIntN(64, x << (y & 63n)));
      case '>>':
        return norm(x >> (y & 63n));
      case '&':
        return norm(x & y);
      case '|':
        return norm(x | y);
      case '^':
        return norm(x ^ y);
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

  /** A division by zero traps (#DE, "divide error"); reported like BUG()'s die(). */
  private divideByZero(): never {
    throw new Fault('bug', this.spot());
  }

  /** printk from the module: level from KERN_SOH, the formatted text (at most MAX_PRINTK per call). */
  printk(args: Value[], dyndbg: boolean): number {
    const fmt = this.readString(args[0] ?? 0) ?? '';
    let level: LogLevel | 'c' | 'dyndbg' | undefined;
    let body = fmt;
    if (body.length >= 2 && body[0] === '\x01') {
      const c = body[1];
      if (c >= '0' && c <= '7') level = Number(c) as LogLevel;
      else if (c === 'c') level = 'c';
      body = body.slice(2);
    }
    if (dyndbg) level = 'dyndbg';
    const text = this.spent(formatCounted(body, args.slice(1), (v) => this.readString(v), MAX_PRINTK_CHARS).text);
    if (++this.printks <= MAX_PRINTK) this.machine.printk(level, text);
    return text.length;
  }
}

/** A binary operation on two exact numbers whose result is exact too; undefined otherwise. */
function smallArith(op: string, a: number, b: number): number | undefined {
  let r: number;
  switch (op) {
    case '+':
      r = a + b;
      break;
    case '-':
      r = a - b;
      break;
    case '*':
      r = a * b;
      break;
    case '<':
      return a < b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    default:
      return undefined;
  }
  return Number.isSafeInteger(r) ? r : undefined;
}

/** "const char *" → {type: "const char", pointer: true}. */
export function parseType(text: string): CType {
  const pointer = text.includes('*');
  return { type: text.replace(/\*/g, '').replace(/\b(const|volatile)\b/g, '').trim().replace(/\s+/g, ' '), pointer };
}

function memberType(m: Member): CType {
  const t: CType = { type: m.type.replace(/\b(const|volatile)\b/g, '').trim(), pointer: m.pointer };
  if (m.length !== undefined) t.length = m.length;
  return t;
}

/** Whether two pointers are the same (undefined: not both pointers, compare as numbers). */
function samePointer(a: Value, b: Value): boolean | undefined {
  if (isPtr(a) && isPtr(b)) return a.ptr === b.ptr && a.path.join('.') === b.path.join('.');
  if (isPtr(a) || isPtr(b)) return big(isPtr(a) ? b : a) === 0n ? false : undefined;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return undefined;
}

/** Names the simulated headers define (errno values, NULL, HZ, GFP flags …). */
function namedConstant(name: string, steps: number): Value {
  if (name in ERRNO) return ERRNO[name];
  switch (name) {
    case 'true':
      return 1;
    case 'jiffies':
    case 'jiffies_64':
      // INITIAL_JIFFIES is 5 minutes before the wrap; HZ=250 jiffies a second
      return 4294892296 + Math.floor(steps / 1000);
    case 'HZ':
      return 250;
    case 'GFP_KERNEL':
      return 0xcc0;
    case 'GFP_ATOMIC':
      return 0xa20;
    case 'INT_MAX':
      return 2147483647;
    case 'INT_MIN':
      return -2147483648;
    case 'UINT_MAX':
      return 4294967295;
    case 'LONG_MAX':
      return 9223372036854775807n;
    case 'LONG_MIN':
      return -9223372036854775808n;
    case 'ULONG_MAX':
      return 18446744073709551615n;
    default:
      return 0;
  }
}

/** Whether S is, or holds somewhere inside, the label NAME (walked on a stack of our own). */
function holdsLabel(s: Stmt, name: string): boolean {
  let found = false;
  walkStatements([s], (x) => {
    if (x.kind === 'label' && x.name === name) found = true;
    return found ? undefined : subStatements(x);
  });
  return found;
}
