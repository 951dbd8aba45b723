/**
 * A recursive-descent parser for the C a beginner's module is written in: file-scope
 * declarations (variables, arrays, functions, extern prototypes), the module macros
 * (MODULE_*, module_param*, EXPORT_SYMBOL*, module_init/exit) as calls at file scope, and
 * function bodies with blocks, declarations, if/else, for, while, do, return, break,
 * continue and expressions with C's precedence, over the tokens preprocess.ts makes.
 * Nesting costs heap, not host stack (trampoline.ts): gcc 12 compiles 10,000 levels, so do we.
 */
import type { Token } from './lex';
import { preprocess, type PpOptions } from './preprocess';
import { runDeep, type Deep } from './trampoline';
import { moduleMacrosOf } from './kernel-headers';

export type Expr =
  /** An integer constant; `big` holds one beyond 2^53 exactly (value is then 0). */
  | { kind: 'num'; value: number; big?: bigint; at: Token }
  | { kind: 'str'; value: string; at: Token }
  | { kind: 'ident'; name: string; at: Token }
  /** A call by name (callee), or through a function pointer an expression gives (target; callee ''). */
  | { kind: 'call'; callee: string; target?: Expr; args: Expr[]; at: Token }
  | { kind: 'unary'; op: string; arg: Expr; at: Token }
  | { kind: 'postfix'; op: string; arg: Expr; at: Token }
  | { kind: 'binary'; op: string; left: Expr; right: Expr; at: Token }
  | { kind: 'assign'; op: string; target: Expr; value: Expr; at: Token }
  | { kind: 'index'; base: Expr; index: Expr; at: Token }
  /** base.field or base->field */
  | { kind: 'member'; base: Expr; field: string; arrow: boolean; at: Token }
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr; at: Token }
  /** A brace initializer; `fields[i]` is item i's designator (.name = …), when it has one. */
  | { kind: 'init'; items: Expr[]; fields?: Array<string | undefined>; at: Token }
  /** A type name where an expression stands: sizeof(struct thing), a cast's target. */
  | { kind: 'type'; type: string; pointer: boolean; at: Token };

/** The expressions directly inside E, in source order (what every walk over an expression descends into). */
export function subExpressions(e: Expr): Expr[] {
  switch (e.kind) {
    case 'call':
      return e.target ? [e.target, ...e.args] : e.args;
    case 'unary':
    case 'postfix':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'assign':
      return [e.target, e.value];
    case 'index':
      return [e.base, e.index];
    case 'member':
      return [e.base];
    case 'cond':
      return [e.test, e.then, e.else];
    case 'init':
      return e.items;
    default:
      return [];
  }
}

export interface Declarator {
  name: string;
  /** Array length (or -1 for [] sized by its initializer); undefined for scalars. */
  length?: number;
  pointer: boolean;
  /** `(*name)(params)`: a pointer to a function returning the declared type. */
  function?: boolean;
  init?: Expr;
  at: Token;
}

export type Stmt =
  | { kind: 'block'; body: Stmt[] }
  | { kind: 'expr'; expr: Expr }
  | { kind: 'decl'; type: string; decls: Declarator[] }
  | { kind: 'if'; test: Expr; then: Stmt; else?: Stmt }
  | { kind: 'while'; test: Expr; body: Stmt }
  | { kind: 'do'; body: Stmt; test: Expr }
  | { kind: 'for'; init?: Stmt; test?: Expr; step?: Expr; body: Stmt }
  | { kind: 'return'; value?: Expr; at: Token }
  | { kind: 'switch'; test: Expr; body: Stmt; at: Token }
  /** `case N:` or `default:` (value undefined) in a switch's body. */
  | { kind: 'case'; value?: Expr; at: Token }
  /** `NAME: statement`; a label at the end of a block labels an empty statement. */
  | { kind: 'label'; name: string; at: Token; body: Stmt }
  | { kind: 'goto'; label: string; at: Token }
  | { kind: 'break' | 'continue' | 'empty' };

export interface FunctionDef {
  name: string;
  returnType: string;
  isStatic: boolean;
  /** `inline`, `__maybe_unused` or `__used`: gcc's -Wunused-function leaves it alone. */
  mayGoUnused?: boolean;
  params: string[];
  /** Each parameter's type ("int", "const char *"), as params. */
  paramTypes: string[];
  body: Stmt[];
  at: Token;
  /** The closing brace (gcc's -Wreturn-type points at it). */
  end: Token;
}

/** MODULE_LICENSE("GPL"), module_param(x, int, 0644) … at file scope. */
export interface MacroUse {
  name: string;
  args: Expr[];
  /** The raw tokens of each argument (module_param's type is a word, not an expression). */
  words: string[];
  at: Token;
}

/** A struct or union member, in declaration order. */
export interface Member {
  name: string;
  type: string;
  pointer: boolean;
  length?: number;
}

export interface TranslationUnit {
  includes: string[];
  /** struct/union tags ("struct thing") and their members. */
  structs: Record<string, Member[]>;
  globals: Array<{ type: string; decl: Declarator; isStatic: boolean; isExtern: boolean }>;
  functions: FunctionDef[];
  prototypes: Array<{ name: string; at: Token }>;
  macros: MacroUse[];
  /** Syntax errors the parser reported and went on after, as gcc does (each fails the compile). */
  recovered: Array<{ at: Token; message: string }>;
  /** What gcc says of file-scope declarations it went on after (a module macro no header defined). */
  fileScope?: FileScopeDiagnostic[];
}

/** A message about a file-scope declaration, outside any function. */
export interface FileScopeDiagnostic {
  kind: 'error' | 'warning';
  at: Token;
  length: number;
  message: string;
  /** A warning made an error by -Werror=… */
  promoted?: boolean;
  /** At the same place as the message before it: gcc shows the source line only once. */
  noLocus?: boolean;
}

export class CSyntaxError extends Error {
  /** The function whose body it is in: gcc names it first (`In function ‘f’:`). */
  function?: string;
  constructor(readonly at: Token, message: string) {
    super(message);
  }
}

/** A token as gcc's c_parse_error names it after "before". */
function gccTokenName(t: Token): string {
  if (t.kind === 'number') return 'numeric constant';
  if (t.kind === 'string') return 'string constant';
  if (t.kind === 'char') return 'character constant';
  return `'${t.text}'`;
}

/** Words that begin a statement of their own: `default:` is not a label. */
const STATEMENT_WORDS = new Set(['case', 'default']);

const TYPE_WORDS = new Set(['void', 'char', 'short', 'int', 'long', 'unsigned', 'signed', 'bool', '_Bool', 'float', 'double', 'size_t', 'ssize_t',
  'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'uint8_t', 'uint16_t', 'uint32_t', 'uint64_t', 'int8_t', 'int16_t', 'int32_t', 'int64_t', 'loff_t', 'uintptr_t']);
const QUALIFIERS = new Set(['static', 'extern', 'const', 'volatile', 'inline', '__init', '__exit', '__initdata', '__exitdata', '__initconst', '__read_mostly', '__always_inline', 'register', 'auto', 'noinline', '__maybe_unused', '__used']);
/** File-scope macro calls a module makes (include/linux/module.h, moduleparam.h, export.h). */
export const FILE_SCOPE_MACROS = new Set(['MODULE_LICENSE', 'MODULE_AUTHOR', 'MODULE_DESCRIPTION', 'MODULE_VERSION', 'MODULE_ALIAS', 'MODULE_SOFTDEP', 'MODULE_INFO',
  'module_param', 'module_param_named', 'module_param_cb', 'module_param_array', 'module_param_string', 'MODULE_PARM_DESC', 'EXPORT_SYMBOL', 'EXPORT_SYMBOL_GPL', 'module_init', 'module_exit']);

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};
const UNARY_OPS = new Set(['-', '+', '!', '~', '*', '&', '++', '--']);
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']);

type Spec = { type: string; isStatic: boolean; isExtern: boolean; mayGoUnused?: boolean };
/** Words after which gcc never warns that a static function is unused. */
const MAY_GO_UNUSED = new Set(['inline', '__always_inline', '__maybe_unused', '__used']);
type Params = { names: string[]; types: string[] };
type TypeName = Extract<Expr, { kind: 'type' }>;

export interface ParseOptions {
  /** The unit's file as gcc names it. */
  path?: string;
  /** Local headers (#include "x.h") by path. */
  readFile?: (path: string) => string | undefined;
  commandLine?: PpOptions['commandLine'];
}

/**
 * Parse what the preprocessor made of SRC. Its messages are compile()'s business
 * (module-image.ts); here a unit that built once is read again (the runner, modpost).
 */
export function parseUnit(src: string, modname: string, options: ParseOptions = {}): TranslationUnit {
  const pp = preprocess(src, { path: options.path ?? `${modname}.c`, modname, readFile: options.readFile, commandLine: options.commandLine });
  return parseTokens(pp.tokens, pp.includes);
}

/** The unit of preprocessed TOKENS. */
export function parseTokens(tokens: Token[], includes: string[]): TranslationUnit {
  const unit: TranslationUnit = { includes: [...includes], structs: {}, globals: [], functions: [], prototypes: [], macros: [], recovered: [] };
  new Parser(tokens, unit, moduleMacrosOf(includes, FILE_SCOPE_MACROS) ?? FILE_SCOPE_MACROS).unit();
  return unit;
}

/**
 * Every rule that can nest (statements, expressions, initializers, declarators, struct
 * bodies) is a step of trampoline.ts: it yields the rules it needs and gets their results
 * back, so 10,000 levels cost heap, not host stack. The source's size bounds the depth
 * (MAX_TOKENS), as a beginner's module never comes near it.
 */
class Parser {
  private i = 0;
  constructor(private readonly t: Token[], private readonly u: TranslationUnit, private readonly moduleMacros: ReadonlySet<string> = FILE_SCOPE_MACROS) {}

  private peek(k = 0): Token {
    return this.t[Math.min(this.i + k, this.t.length - 1)];
  }
  private next(): Token {
    return this.t[Math.min(this.i++, this.t.length - 1)];
  }
  private is(text: string): boolean {
    const p = this.peek();
    return p.kind !== 'string' && p.kind !== 'char' && p.text === text;
  }
  private expect(text: string): Token {
    if (!this.is(text)) {
      const p = this.peek();
      throw new CSyntaxError(p, `expected '${text}' before '${p.text}'`);
    }
    return this.next();
  }
  private accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.i++;
    return true;
  }

  unit(): void {
    while (this.peek().kind !== 'eof') {
      if (this.accept(';')) continue;
      const p = this.peek();
      if (p.kind === 'ident' && this.moduleMacros.has(p.text) && this.peek(1).text === '(') {
        this.u.macros.push(this.macroUse());
        continue;
      }
      if (p.kind === 'ident' && !this.startsDeclaration() && this.peek(1).text === '(' && this.untypedDeclaration()) continue;
      runDeep(this.external());
    }
  }

  private fileScope(d: FileScopeDiagnostic): void {
    (this.u.fileScope ??= []).push(d);
  }

  /**
   * `name(a, b);` or `name("text");` at file scope with no type: what a module macro becomes
   * when no included header defines it. gcc reads the first as an old-style declaration of a
   * function `name` returning int (c_parser_declaration_or_fndef: "data definition has no
   * type or storage class", then -Werror=implicit-int, then the K&R identifier list), and
   * stops at the second's constant, where a parameter's declaration specifiers belong. Other
   * shapes are left to external(). Returns whether it read the declaration.
   */
  private untypedDeclaration(): boolean {
    const at = this.peek();
    const first = this.peek(2);
    if (first.kind === 'string' || first.kind === 'number' || first.kind === 'char') {
      this.fileScope({ kind: 'error', at: first, length: first.text.length, message: `expected declaration specifiers or '...' before ${gccTokenName(first)}` });
      let level = 0;
      while (this.peek().kind !== 'eof' && !(level === 0 && this.is(';'))) {
        if (this.is('(')) level++;
        if (this.is(')')) level--;
        this.i++;
        if (level === 0 && this.t[this.i - 1].text === ')') break;
      }
      this.accept(';');
      return true;
    }
    // an identifier list: ident (, ident)* ) ;
    let k = 2;
    const names: string[] = [];
    for (;;) {
      const t = this.peek(k);
      if (t.kind !== 'ident' || TYPE_WORDS.has(t.text) || QUALIFIERS.has(t.text)) return false;
      names.push(t.text);
      const sep = this.peek(k + 1).text;
      if (sep === ')') break;
      if (sep !== ',') return false;
      k += 2;
    }
    if (this.peek(k + 2).text !== ';') return false;
    this.fileScope({ kind: 'warning', at, length: at.text.length, message: 'data definition has no type or storage class' });
    this.fileScope({ kind: 'error', at, length: at.text.length, message: `type defaults to 'int' in declaration of '${at.text}' [-Werror=implicit-int]`, promoted: true, noLocus: true });
    this.fileScope({ kind: 'warning', at, length: at.text.length, message: 'parameter names (without types) in function declaration', noLocus: true });
    this.u.prototypes.push({ name: at.text, at });
    this.i += k + 3;
    return true;
  }

  /** An expression of the whole token list (a file-scope macro's argument). */
  expressionOfAll(): Expr {
    return runDeep(this.expression());
  }

  private macroUse(): MacroUse {
    const at = this.next();
    this.expect('(');
    const args: Expr[] = [];
    const words: string[] = [];
    if (!this.is(')')) {
      for (;;) {
        const start = this.i;
        let level = 0;
        while (this.peek().kind !== 'eof' && !(level === 0 && (this.is(',') || this.is(')')))) {
          if (this.is('(')) level++;
          if (this.is(')')) level--;
          this.i++;
        }
        const slice = this.t.slice(start, this.i);
        words.push(slice.map((x) => x.text).join(' '));
        try {
          args.push(new Parser([...slice, { kind: 'eof', text: '', line: at.line, col: at.col }], this.u).expressionOfAll());
        } catch {
          args.push({ kind: 'ident', name: words[words.length - 1], at: slice[0] ?? at });
        }
        if (!this.accept(',')) break;
      }
    }
    this.expect(')');
    this.accept(';');
    return { name: at.text, args, words, at };
  }

  /** Specifiers: returns the base type, whether static/extern. */
  private *specifiers(): Deep<Spec> {
    let type = '';
    let isStatic = false;
    let isExtern = false;
    let mayGoUnused = false;
    for (;;) {
      const p = this.peek();
      if (p.kind !== 'ident') break;
      if (QUALIFIERS.has(p.text)) {
        if (MAY_GO_UNUSED.has(p.text)) mayGoUnused = true;
        if (p.text === 'static') isStatic = true;
        if (p.text === 'extern') isExtern = true;
        this.i++;
      } else if (TYPE_WORDS.has(p.text)) {
        type = type ? `${type} ${p.text}` : p.text;
        this.i++;
      } else if (p.text === 'struct' || p.text === 'enum' || p.text === 'union') {
        this.i++;
        const tag = this.peek().kind === 'ident' ? this.next().text : '';
        type = `${p.text} ${tag}`.trim();
        if (this.is('{')) {
          const start = this.i;
          const members = p.text === 'enum' ? undefined : ((yield this.members()) as Member[] | undefined);
          if (members && tag !== '') this.u.structs[type] = members;
          if (!members) {
            this.i = start;
            this.skipBraces();
          }
        }
      } else break;
    }
    return mayGoUnused ? { type, isStatic, isExtern, mayGoUnused } : { type, isStatic, isExtern };
  }

  /**
   * A struct or union body's members; undefined when it holds what we do not model (a
   * function pointer member such as `int (*set)(…)`, bit fields): then only its name counts.
   */
  private *members(): Deep<Member[] | undefined> {
    const out: Member[] = [];
    try {
      this.expect('{');
      while (!this.is('}')) {
        const spec = (yield this.specifiers()) as Spec;
        if (spec.type === '') return undefined;
        for (;;) {
          const d = (yield this.declarator()) as Declarator;
          const m: Member = { name: d.name, type: spec.type, pointer: d.pointer };
          if (d.length !== undefined) m.length = d.length;
          out.push(m);
          if (!this.accept(',')) break;
        }
        this.expect(';');
      }
      this.expect('}');
      return out;
    } catch (e) {
      if (e instanceof CSyntaxError) return undefined;
      throw e;
    }
  }

  /** A body we do not model (an enum's, a struct's with function pointers): skipped. */
  private skipBraces(): void {
    let level = 0;
    do {
      const t = this.next();
      if (t.kind === 'eof') throw new CSyntaxError(t, "expected declaration or statement at end of input");
      if (t.text === '{') level++;
      if (t.text === '}') level--;
    } while (level > 0);
  }

  private *declarator(): Deep<Declarator> {
    let pointer = false;
    while (this.accept('*')) {
      pointer = true;
      while (this.peek().kind === 'ident' && QUALIFIERS.has(this.peek().text)) this.i++;
    }
    if (this.is('(') && this.peek(1).text === '*') return (yield this.functionPointer()) as Declarator;
    const at = this.next();
    if (at.kind !== 'ident') throw new CSyntaxError(at, `expected identifier or '(' before '${at.text}'`);
    const d: Declarator = { name: at.text, pointer, at };
    while (this.peek().kind === 'ident' && QUALIFIERS.has(this.peek().text)) this.i++;
    if (this.accept('[')) {
      d.length = this.is(']') ? -1 : Number((yield this.constant()) as number);
      this.expect(']');
    }
    return d;
  }

  /** `(*name)(params)` or `(*name[N])(params)`: the parameters' types are not kept. */
  private *functionPointer(): Deep<Declarator> {
    this.expect('(');
    this.expect('*');
    while (this.peek().kind === 'ident' && QUALIFIERS.has(this.peek().text)) this.i++;
    const at = this.next();
    if (at.kind !== 'ident') throw new CSyntaxError(at, `expected identifier or '(' before '${at.text}'`);
    const d: Declarator = { name: at.text, pointer: true, function: true, at };
    if (this.accept('[')) {
      d.length = this.is(']') ? -1 : Number((yield this.constant()) as number);
      this.expect(']');
    }
    this.expect(')');
    yield this.parameters();
    return d;
  }

  private *constant(): Deep<number> {
    const e = (yield this.conditional()) as Expr;
    if (e.kind === 'num') return e.value;
    return 0;
  }

  private *external(): Deep<void> {
    const spec = (yield this.specifiers()) as Spec;
    if (spec.type === '') {
      const p = this.peek();
      throw new CSyntaxError(p, `expected '=', ',', ';', 'asm' or '__attribute__' before '${this.peek(1).text}'`);
    }
    if (this.accept(';')) return;
    const d = (yield this.declarator()) as Declarator;
    if (this.is('(')) {
      const { names: params, types: paramTypes } = (yield this.parameters()) as Params;
      while (this.peek().kind === 'ident' && QUALIFIERS.has(this.peek().text)) this.i++;
      if (this.accept(';')) {
        this.u.prototypes.push({ name: d.name, at: d.at });
        return;
      }
      let body: Stmt[];
      try {
        body = (yield this.block()) as Stmt[];
      } catch (e) {
        if (e instanceof CSyntaxError) e.function ??= d.name;
        throw e;
      }
      const end = this.t[this.i - 1];
      const fn: FunctionDef = { name: d.name, returnType: spec.type + (d.pointer ? ' *' : ''), isStatic: spec.isStatic, params, paramTypes, body, at: d.at, end };
      if (spec.mayGoUnused) fn.mayGoUnused = true;
      this.u.functions.push(fn);
      return;
    }
    for (let decl = d; ; decl = (yield this.declarator()) as Declarator) {
      if (this.accept('=')) decl.init = (yield this.initializer()) as Expr;
      this.u.globals.push({ type: spec.type, decl, isStatic: spec.isStatic, isExtern: spec.isExtern });
      if (!this.accept(',')) break;
    }
    this.expect(';');
  }

  private *parameters(): Deep<Params> {
    this.expect('(');
    const names: string[] = [];
    const types: string[] = [];
    if (this.accept(')')) return { names, types };
    if (this.is('void') && this.peek(1).text === ')') {
      this.i += 2;
      return { names, types };
    }
    for (;;) {
      if (this.accept('...')) break;
      let type = ((yield this.specifiers()) as Spec).type;
      while (this.accept('*')) {
        type += ' *';
        while (this.peek().kind === 'ident' && QUALIFIERS.has(this.peek().text)) this.i++;
      }
      if (this.is('(') && this.peek(1).text === '*') {
        const d = (yield this.functionPointer()) as Declarator;
        names.push(d.name);
        types.push(`${type} *`);
      } else if (this.peek().kind === 'ident') {
        names.push(this.next().text);
        types.push(type);
      }
      if (this.accept('[')) {
        while (!this.is(']') && this.peek().kind !== 'eof') this.i++;
        this.expect(']');
      }
      if (!this.accept(',')) break;
    }
    this.expect(')');
    return { names, types };
  }

  private *initializer(): Deep<Expr> {
    if (this.is('{')) {
      const at = this.next();
      const items: Expr[] = [];
      const fields: Array<string | undefined> = [];
      while (!this.is('}')) {
        // Designators: .field = x names a member; [2] = y is kept as the index "2".
        let field: string | undefined;
        if (this.is('.') && this.peek(1).kind === 'ident' && this.peek(2).text === '=') {
          field = this.peek(1).text;
          this.i += 3;
        } else if (this.is('[')) {
          this.next();
          field = String((yield this.constant()) as number);
          this.expect(']');
          this.expect('=');
        }
        fields.push(field);
        items.push((yield this.initializer()) as Expr);
        if (!this.accept(',')) break;
      }
      this.expect('}');
      return fields.some((f) => f !== undefined) ? { kind: 'init', items, fields, at } : { kind: 'init', items, at };
    }
    return (yield this.assignment()) as Expr;
  }

  private *block(): Deep<Stmt[]> {
    this.expect('{');
    const body: Stmt[] = [];
    while (!this.is('}')) {
      if (this.peek().kind === 'eof') throw new CSyntaxError(this.peek(), "expected declaration or statement at end of input");
      body.push((yield this.statement()) as Stmt);
    }
    this.next();
    return body;
  }

  private startsDeclaration(): boolean {
    const p = this.peek();
    return p.kind === 'ident' && (TYPE_WORDS.has(p.text) || QUALIFIERS.has(p.text) || p.text === 'struct' || p.text === 'enum');
  }

  private *statement(): Deep<Stmt> {
    const p = this.peek();
    if (this.is('{')) return { kind: 'block', body: (yield this.block()) as Stmt[] };
    if (this.accept(';')) return { kind: 'empty' };
    if (this.startsDeclaration()) {
      const spec = (yield this.specifiers()) as Spec;
      const decls: Declarator[] = [];
      for (;;) {
        const d = (yield this.declarator()) as Declarator;
        if (this.accept('=')) d.init = (yield this.initializer()) as Expr;
        decls.push(d);
        if (!this.accept(',')) break;
      }
      this.expect(';');
      return { kind: 'decl', type: spec.type, decls };
    }
    if (p.kind === 'ident' && this.peek(1).kind === 'punct' && this.peek(1).text === ':' && !STATEMENT_WORDS.has(p.text)) {
      const at = this.next();
      this.next();
      return { kind: 'label', name: at.text, at, body: this.is('}') ? { kind: 'empty' } : ((yield this.statement()) as Stmt) };
    }
    if (p.kind === 'ident') {
      switch (p.text) {
        case 'goto': {
          const at = this.next();
          const label = this.peek();
          if (label.kind !== 'ident') throw new CSyntaxError(label, `expected identifier or '*' before ${gccTokenName(label)}`);
          this.next();
          this.expect(';');
          return { kind: 'goto', label: label.text, at };
        }
        case 'if': {
          this.next();
          this.expect('(');
          const test = (yield this.expression()) as Expr;
          this.expect(')');
          const then = (yield this.statement()) as Stmt;
          return this.accept('else') ? { kind: 'if', test, then, else: (yield this.statement()) as Stmt } : { kind: 'if', test, then };
        }
        case 'while': {
          this.next();
          this.expect('(');
          const test = (yield this.expression()) as Expr;
          this.expect(')');
          return { kind: 'while', test, body: (yield this.statement()) as Stmt };
        }
        case 'do': {
          this.next();
          const body = (yield this.statement()) as Stmt;
          this.expect('while');
          this.expect('(');
          const test = (yield this.expression()) as Expr;
          this.expect(')');
          this.expect(';');
          return { kind: 'do', body, test };
        }
        case 'for': {
          this.next();
          this.expect('(');
          const init = this.is(';') ? (this.next(), undefined) : ((yield this.statement()) as Stmt);
          const test = this.is(';') ? undefined : ((yield this.expression()) as Expr);
          this.expect(';');
          const step = this.is(')') ? undefined : ((yield this.expression()) as Expr);
          this.expect(')');
          return { kind: 'for', init, test, step, body: (yield this.statement()) as Stmt };
        }
        case 'switch': {
          const at = this.next();
          this.expect('(');
          const test = (yield this.expression()) as Expr;
          this.expect(')');
          return { kind: 'switch', test, body: (yield this.statement()) as Stmt, at };
        }
        case 'case': {
          const at = this.next();
          const value = (yield this.conditional()) as Expr;
          this.expect(':');
          return { kind: 'case', value, at };
        }
        case 'default': {
          const at = this.next();
          this.expect(':');
          return { kind: 'case', at };
        }
        case 'return': {
          const at = this.next();
          const value = this.is(';') ? undefined : ((yield this.expression()) as Expr);
          this.expect(';');
          return { kind: 'return', value, at };
        }
        case 'break':
        case 'continue':
          this.next();
          this.expect(';');
          return { kind: p.text };
      }
    }
    const expr = (yield this.expression()) as Expr;
    if (!this.is(';') && this.peek().kind === 'ident' && this.peek(1).kind !== 'eof') {
      // gcc (c_parser_statement_after_labels) reports the missing ';' before the next
      // statement's first token and skips that statement: `return 0;` after it is lost,
      // which is why 00b's err_semicolon also gets -Werror=return-type.
      const at = this.peek();
      this.u.recovered.push({ at, message: `expected ';' before '${at.text}'` });
      let level = 0;
      while (this.peek().kind !== 'eof' && !(level === 0 && (this.is(';') || this.is('}')))) {
        if (this.is('{') || this.is('(')) level++;
        if (this.is('}') || this.is(')')) level--;
        this.i++;
      }
      this.accept(';');
      return { kind: 'expr', expr };
    }
    this.expect(';');
    return { kind: 'expr', expr };
  }

  private *expression(): Deep<Expr> {
    let e = (yield this.assignment()) as Expr;
    while (this.is(',')) {
      const at = this.next();
      e = { kind: 'binary', op: ',', left: e, right: (yield this.assignment()) as Expr, at };
    }
    return e;
  }

  private *assignment(): Deep<Expr> {
    const left = (yield this.conditional()) as Expr;
    const p = this.peek();
    if (p.kind === 'punct' && ASSIGN_OPS.has(p.text)) {
      this.next();
      return { kind: 'assign', op: p.text, target: left, value: (yield this.assignment()) as Expr, at: p };
    }
    return left;
  }

  private *conditional(): Deep<Expr> {
    const test = (yield this.binary(1)) as Expr;
    if (!this.is('?')) return test;
    const at = this.next();
    const then = (yield this.expression()) as Expr;
    this.expect(':');
    return { kind: 'cond', test, then, else: (yield this.conditional()) as Expr, at };
  }

  private *binary(min: number): Deep<Expr> {
    let left = (yield this.unary()) as Expr;
    // A chain a+b+c… nests to the left but is read by this loop, as gcc's
    // c_parser_binary_expression does: gcc 12 compiles a 20,000-term sum, and every walk of
    // the tree (walk.ts, the interpreter) goes down a left chain without recursion.
    for (;;) {
      const p = this.peek();
      const prec = p.kind === 'punct' ? BINARY_PRECEDENCE[p.text] : undefined;
      if (prec === undefined || prec < min) return left;
      this.next();
      left = { kind: 'binary', op: p.text, left, right: (yield this.binary(prec + 1)) as Expr, at: p };
    }
  }

  private *unary(): Deep<Expr> {
    const p = this.peek();
    if (p.kind === 'punct' && UNARY_OPS.has(p.text)) {
      this.next();
      return { kind: 'unary', op: p.text, arg: (yield this.unary()) as Expr, at: p };
    }
    if (p.kind === 'ident' && p.text === 'sizeof') {
      this.next();
      if (this.startsTypeName(1)) {
        this.next();
        const t = (yield this.typeName()) as TypeName;
        this.expect(')');
        return { kind: 'unary', op: 'sizeof', arg: t, at: p };
      }
      const arg = (yield this.unary()) as Expr;
      return { kind: 'unary', op: 'sizeof', arg, at: p };
    }
    // A cast: (int) x, (unsigned long) y, (char *) z, (struct thing *) p.
    if (this.startsTypeName(1)) {
      this.next();
      const t = (yield this.typeName()) as TypeName;
      this.expect(')');
      return { kind: 'unary', op: `(${t.type}${t.pointer ? ' *' : ''})`, arg: (yield this.unary()) as Expr, at: p };
    }
    return (yield this.postfix()) as Expr;
  }

  /** `(` then a type: a cast or sizeof's operand. */
  private startsTypeName(k: number): boolean {
    const t = this.peek(k);
    return this.is('(') && t.kind === 'ident' && (TYPE_WORDS.has(t.text) || t.text === 'struct' || t.text === 'union' || t.text === 'const' || t.text === 'volatile');
  }

  private *typeName(): Deep<TypeName> {
    const at = this.peek();
    const type = ((yield this.specifiers()) as Spec).type;
    let pointer = false;
    while (this.accept('*')) pointer = true;
    return { kind: 'type', type, pointer, at };
  }

  private *postfix(): Deep<Expr> {
    let e = (yield this.primary()) as Expr;
    for (;;) {
      const p = this.peek();
      if (this.is('[')) {
        this.next();
        const index = (yield this.expression()) as Expr;
        this.expect(']');
        e = { kind: 'index', base: e, index, at: p };
      } else if (this.is('(') && e.kind === 'ident') {
        e = { kind: 'call', callee: e.name, args: (yield this.arguments()) as Expr[], at: e.at };
      } else if (this.is('(') && e.kind !== 'type') {
        // a call through a pointer: ops->set(…), (*fn)(…), table[i](…)
        e = { kind: 'call', callee: '', target: e, args: (yield this.arguments()) as Expr[], at: p };
      } else if ((this.is('.') || this.is('->')) && this.peek(1).kind === 'ident') {
        this.next();
        const field = this.next().text;
        e = { kind: 'member', base: e, field, arrow: p.text === '->', at: p };
      } else if (this.is('++') || this.is('--')) {
        this.next();
        e = { kind: 'postfix', op: p.text, arg: e, at: p };
      } else return e;
    }
  }

  /** `(a, b, …)` after a callee. */
  private *arguments(): Deep<Expr[]> {
    this.expect('(');
    const args: Expr[] = [];
    if (!this.is(')')) {
      for (;;) {
        args.push((yield this.assignment()) as Expr);
        if (!this.accept(',')) break;
      }
    }
    this.expect(')');
    return args;
  }

  private *primary(): Deep<Expr> {
    const p = this.next();
    if (p.kind === 'number') {
      const text = p.text.replace(/[uUlL]+$/, '');
      const value = /^0[xX]/.test(text) ? parseInt(text, 16) : /^0[0-7]+$/.test(text) ? parseInt(text, 8) : Number(text);
      // Beyond 2^53 a literal keeps every digit as a bigint (LONG_MAX, 0xffffffffffffffff).
      if (Number.isFinite(value) && !Number.isSafeInteger(value) && /^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) {
        return { kind: 'num', value: 0, big: BigInt.asUintN(64, BigInt(text)), at: p };
      }
      return { kind: 'num', value: Number.isFinite(value) ? value : 0, at: p };
    }
    if (p.kind === 'char') return { kind: 'num', value: (p.value ?? '\0').charCodeAt(0), at: p };
    if (p.kind === 'string') {
      // Adjacent literals join: KERN_INFO "text".
      let value = p.value ?? '';
      while (this.peek().kind === 'string') value += this.next().value ?? '';
      return { kind: 'str', value, at: p };
    }
    if (p.kind === 'ident') return { kind: 'ident', name: p.text, at: p };
    if (p.text === '(') {
      const e = (yield this.expression()) as Expr;
      this.expect(')');
      return e;
    }
    throw new CSyntaxError(p, p.kind === 'eof' ? 'expected expression at end of input' : `expected expression before '${p.text}'`);
  }
}
