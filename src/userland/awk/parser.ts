/**
 * awk's grammar (mawk's parse.y) by recursive descent, with mawk's syntax errors (error.c's
 * yyerror): "syntax error at or near X" at the first token that cannot continue the program,
 * "missing ) near X" / "missing } near X" when a parenthesis or brace is still open there.
 */
import type { Expr, Func, Item, LValue, Program, Redirect, Stmt, VarRef } from './ast';
import { LexError, Lexer, type Token } from './lexer';

export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** error.c's missing() and unexpected_char() print without "line"'s prefix rules of compile_error. */
    readonly form: 'compile' | 'missing' | 'unexpected' = 'compile',
  ) {
    super(message);
  }
}

/** error.c's token_str: how yyerror names the token it stopped at. */
function tokenName(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of file';
    case 'nl':
      return 'end of line';
    default:
      return t.text;
  }
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=']);
const CMP_OPS = new Set(['<', '<=', '==', '!=', '>', '>=']);

export class Parser {
  private readonly lex: Lexer;
  private tok: Token;
  /** Parameters of the function being parsed, by name. */
  private locals: Map<string, number> | null = null;
  /** Inside print's unparenthesized expression list: '>' is a redirection. */
  private noGt = false;
  private readonly funcs = new Map<string, Func>();
  private readonly calls: { name: string; line: number }[] = [];

  constructor(src: string) {
    this.lex = new Lexer(src);
    this.tok = this.scan();
  }

  private scan(): Token {
    try {
      return this.lex.next();
    } catch (e) {
      if (e instanceof LexError) throw new AwkSyntaxError(e.message, e.line);
      throw e;
    }
  }

  private advance(): Token {
    const t = this.tok;
    this.tok = this.scan();
    return t;
  }

  private is(text: string): boolean {
    return (this.tok.kind === 'punct' || this.tok.kind === 'keyword' || this.tok.kind === 'builtin') && this.tok.text === text;
  }

  private fail(t: Token = this.tok): never {
    if (t.kind === 'unexpected') {
      const c = t.text.charCodeAt(0);
      const shown = c > 32 && c < 127 ? `unexpected character '${t.text}'` : `unexpected character 0x${c.toString(16).padStart(2, '0')}`;
      throw new AwkSyntaxError(shown, t.line, 'unexpected');
    }
    if (t.kind === 'ere') throw new AwkSyntaxError(`syntax error at or near /${t.text}/`, t.line);
    const name = tokenName(t);
    const closing = t.kind === 'eof' || t.kind === 'nl' || (t.kind === 'punct' && (t.text === ';' || t.text === '}'));
    if (this.lex.parens > 0 && closing) throw new AwkSyntaxError(`missing ) near ${name}`, t.line, 'missing');
    if (this.lex.braces > 0 && (t.kind === 'eof' || (t.kind === 'keyword' && (t.text === 'BEGIN' || t.text === 'END')))) {
      throw new AwkSyntaxError(`missing } near ${name}`, t.line, 'missing');
    }
    throw new AwkSyntaxError(`syntax error at or near ${name}`, t.line);
  }

  private expect(text: string): Token {
    if (!this.is(text)) this.fail();
    return this.advance();
  }

  private optNewlines(): void {
    while (this.tok.kind === 'nl') this.advance();
  }

  /** The token after the current one, without consuming anything. */
  private peek2(): Token {
    const state = this.lex.save();
    const t = this.scan();
    this.lex.restore(state);
    return t;
  }

  parseProgram(): Program {
    const program: Program = { begin: [], end: [], items: [], funcs: this.funcs };
    for (;;) {
      while (this.tok.kind === 'nl' || this.is(';')) this.advance();
      if (this.tok.kind === 'eof') break;
      if (this.is('BEGIN')) {
        this.advance();
        if (!this.is('{')) this.fail();
        program.begin.push(this.block());
      } else if (this.is('END')) {
        this.advance();
        if (!this.is('{')) this.fail();
        program.end.push(this.block());
      } else if (this.is('function')) {
        this.func();
      } else {
        program.items.push(this.item());
      }
      this.itemEnd();
    }
    for (const call of this.calls) {
      if (!this.funcs.has(call.name)) throw new AwkSyntaxError(`function ${call.name} never defined`, call.line);
    }
    return program;
  }

  private itemEnd(): void {
    if (this.tok.kind === 'nl' || this.tok.kind === 'eof' || this.is(';')) return;
    // a new item may follow a closing brace on the same line
    if (this.lastWasBlock) return;
    this.fail();
  }

  private lastWasBlock = false;

  private item(): Item {
    this.lastWasBlock = false;
    if (this.is('{')) return { pattern: null, end: null, body: this.block() };
    const pattern = this.expr();
    let end: Expr | null = null;
    if (this.is(',')) {
      this.advance();
      this.optNewlines();
      end = this.expr();
    }
    if (this.is('{')) return { pattern, end, body: this.block() };
    return { pattern, end, body: null };
  }

  private func(): void {
    this.advance();
    const nameTok = this.tok;
    if (nameTok.kind !== 'name' && nameTok.kind !== 'funcName') this.fail();
    this.advance();
    if (this.funcs.has(nameTok.text)) throw new AwkSyntaxError(`redefinition of ${nameTok.text}`, nameTok.line);
    this.expect('(');
    const params: string[] = [];
    while (!this.is(')')) {
      if (this.tok.kind !== 'name') this.fail();
      params.push(this.advance().text);
      if (this.is(',')) {
        this.advance();
        this.optNewlines();
      } else if (!this.is(')')) this.fail();
    }
    this.advance();
    this.optNewlines();
    this.locals = new Map(params.map((p, i) => [p, i]));
    const func: Func = { name: nameTok.text, params, body: [] };
    this.funcs.set(func.name, func);
    if (!this.is('{')) this.fail();
    func.body = this.block();
    this.locals = null;
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    for (;;) {
      while (this.tok.kind === 'nl' || this.is(';')) this.advance();
      if (this.is('}')) break;
      body.push(this.statement());
    }
    this.advance();
    this.lastWasBlock = true;
    return body;
  }

  /** End of a simple statement: ';' or newline, or a '}' that stays for the block. */
  private terminator(): void {
    if (this.is(';') || this.tok.kind === 'nl') {
      this.advance();
      return;
    }
    if (this.is('}')) return;
    this.fail();
  }

  private simpleEnds(): boolean {
    return this.is(';') || this.tok.kind === 'nl' || this.is('}') || this.tok.kind === 'eof';
  }

  private statement(): Stmt {
    const t = this.tok;
    if (t.kind === 'punct' && t.text === '{') return { kind: 'block', body: this.block() };
    if (t.kind === 'punct' && t.text === ';') {
      this.advance();
      return { kind: 'block', body: [] };
    }
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'if': {
          this.advance();
          this.expect('(');
          const test = this.expr();
          this.expect(')');
          this.optNewlines();
          const yes = this.statement();
          const state = this.lex.save();
          const saved = this.tok;
          this.optNewlines();
          if (this.is('else')) {
            this.advance();
            this.optNewlines();
            return { kind: 'if', test, yes, no: this.statement() };
          }
          this.lex.restore(state);
          this.tok = saved;
          return { kind: 'if', test, yes, no: null };
        }
        case 'while': {
          this.advance();
          this.expect('(');
          const test = this.expr();
          this.expect(')');
          if (this.is(';')) {
            this.advance();
            return { kind: 'while', test, body: { kind: 'block', body: [] } };
          }
          this.optNewlines();
          return { kind: 'while', test, body: this.statement() };
        }
        case 'do': {
          this.advance();
          this.optNewlines();
          const body = this.statement();
          this.optNewlines();
          this.expect('while');
          this.expect('(');
          const test = this.expr();
          this.expect(')');
          this.terminator();
          return { kind: 'do', body, test };
        }
        case 'for':
          return this.forStatement();
        case 'break':
        case 'continue':
        case 'next':
        case 'nextfile': {
          this.advance();
          this.terminator();
          return { kind: t.text };
        }
        case 'exit':
        case 'return': {
          this.advance();
          const value = this.simpleEnds() ? null : this.expr();
          this.terminator();
          return { kind: t.text, value };
        }
        case 'delete': {
          this.advance();
          const arr = this.arrayName();
          let subs: Expr[] | null = null;
          if (this.is('[')) {
            this.advance();
            subs = this.exprList(']');
            this.expect(']');
          }
          this.terminator();
          return { kind: 'delete', arr, subs };
        }
        case 'print':
        case 'printf':
          return this.print(t.text);
        default:
          break;
      }
    }
    const expr = this.expr();
    this.terminator();
    return { kind: 'expr', expr };
  }

  private forStatement(): Stmt {
    this.advance();
    this.expect('(');
    if (this.tok.kind === 'name') {
      const second = this.peek2();
      if (second.kind === 'keyword' && second.text === 'in') {
        const state = this.lex.save();
        const saved = this.tok;
        const variable = this.lvalueName(this.advance());
        this.advance();
        if (this.tok.kind === 'name') {
          const arr = this.arrayName();
          if (this.is(')')) {
            this.advance();
            this.optNewlines();
            return { kind: 'forIn', variable, arr, body: this.statement() };
          }
        }
        this.lex.restore(state);
        this.tok = saved;
      }
    }
    const init = this.is(';') ? null : this.expr();
    this.expect(';');
    this.optNewlines();
    const test = this.is(';') ? null : this.expr();
    this.expect(';');
    this.optNewlines();
    const step = this.is(')') ? null : this.expr();
    this.expect(')');
    if (this.is(';')) {
      this.advance();
      return { kind: 'for', init, test, step, body: { kind: 'block', body: [] } };
    }
    this.optNewlines();
    return { kind: 'for', init, test, step, body: this.statement() };
  }

  private print(which: string): Stmt {
    this.advance();
    let args: Expr[] | null = null;
    if (this.is('(')) {
      // print (a, b) > "f": a parenthesised list, when what follows it ends the statement
      const state = this.lex.save();
      const saved = this.tok;
      try {
        this.advance();
        const list = this.exprList(')');
        this.expect(')');
        if (this.simpleEnds() || this.is('>') || this.is('>>') || this.is('|')) args = list;
      } catch (e) {
        if (!(e instanceof AwkSyntaxError)) throw e;
      }
      if (args === null) {
        this.lex.restore(state);
        this.tok = saved;
      }
    }
    if (args === null) {
      args = [];
      if (!this.simpleEnds() && !this.is('>') && !this.is('>>') && !this.is('|')) {
        const outer = this.noGt;
        this.noGt = true;
        try {
          args.push(this.expr());
          while (this.is(',')) {
            this.advance();
            this.optNewlines();
            args.push(this.expr());
          }
        } finally {
          this.noGt = outer;
        }
      }
    }
    let redirect: Redirect | null = null;
    if (this.is('>') || this.is('>>') || this.is('|')) {
      const mode = this.advance().text as Redirect['mode'];
      const outer = this.noGt;
      this.noGt = true;
      try {
        redirect = { mode, target: this.concat() };
      } finally {
        this.noGt = outer;
      }
    }
    this.terminator();
    if (which === 'printf' && args.length === 0) this.fail();
    return { kind: which === 'print' ? 'print' : 'printf', args, redirect };
  }

  private exprList(close: string): Expr[] {
    const outer = this.noGt;
    this.noGt = false;
    try {
      const list: Expr[] = [];
      if (this.is(close)) return list;
      list.push(this.expr());
      while (this.is(',')) {
        this.advance();
        this.optNewlines();
        list.push(this.expr());
      }
      return list;
    } finally {
      this.noGt = outer;
    }
  }

  private varRef(name: string): VarRef {
    const local = this.locals?.get(name);
    return local !== undefined ? { scope: 'local', index: local, name } : { scope: 'global', name };
  }

  private arrayName(): VarRef {
    if (this.tok.kind !== 'name') this.fail();
    return this.varRef(this.advance().text);
  }

  private lvalueName(t: Token): LValue {
    return { kind: 'var', ref: this.varRef(t.text) };
  }

  expr(): Expr {
    const left = this.ternary();
    if (this.tok.kind === 'punct' && ASSIGN_OPS.has(this.tok.text) && isLValue(left)) {
      const op = this.advance().text;
      this.optNewlines();
      return { kind: 'assign', op, target: left, value: this.expr() };
    }
    return left;
  }

  private ternary(): Expr {
    const test = this.or();
    if (!this.is('?')) return test;
    this.advance();
    this.optNewlines();
    const yes = this.expr();
    this.optNewlines();
    this.expect(':');
    this.optNewlines();
    const no = this.expr();
    return { kind: 'cond', test, yes, no };
  }

  private or(): Expr {
    let left = this.and();
    while (this.is('||')) {
      this.advance();
      this.optNewlines();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.inExpr();
    while (this.is('&&')) {
      this.advance();
      this.optNewlines();
      left = { kind: 'and', left, right: this.inExpr() };
    }
    return left;
  }

  private inExpr(): Expr {
    let left = this.matchExpr();
    while (this.is('in')) {
      this.advance();
      left = { kind: 'in', subs: [left], arr: this.arrayName() };
    }
    return left;
  }

  private matchExpr(): Expr {
    let left = this.comparison();
    while (this.is('~') || this.is('!~')) {
      const negate = this.advance().text === '!~';
      left = { kind: 'match', negate, left, re: this.comparison() };
    }
    return left;
  }

  private comparison(): Expr {
    let left = this.concat();
    for (;;) {
      if (this.is('|')) {
        const next = this.peek2();
        if (next.kind === 'keyword' && next.text === 'getline') {
          this.advance();
          this.advance();
          left = { kind: 'getline', source: { from: 'cmd', cmd: left }, target: this.getlineTarget() };
          continue;
        }
        return left;
      }
      if (this.tok.kind === 'punct' && CMP_OPS.has(this.tok.text) && !(this.noGt && this.tok.text === '>')) {
        const op = this.advance().text;
        left = { kind: 'cmp', op, left, right: this.concat() };
        continue;
      }
      return left;
    }
  }

  private startsConcat(): boolean {
    const t = this.tok;
    switch (t.kind) {
      case 'num':
      case 'str':
      case 'name':
      case 'funcName':
      case 'builtin':
        return true;
      case 'keyword':
        return false;
      case 'punct':
        return t.text === '$' || t.text === '(' || t.text === '++' || t.text === '--';
      default:
        return false;
    }
  }

  private concat(): Expr {
    let left = this.additive();
    while (this.startsConcat()) {
      left = { kind: 'concat', left, right: this.additive() };
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.advance().text;
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.advance().text;
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.advance().text;
      return { kind: 'unary', op, operand: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (this.is('^')) {
      this.advance();
      // right associative, and the exponent may carry its own sign: 2^-1
      const exponent = this.is('-') || this.is('+') || this.is('!') ? this.unary() : this.power();
      return { kind: 'binary', op: '^', left: base, right: exponent };
    }
    return base;
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.advance().text as '++' | '--';
      const target = this.postfix();
      if (!isLValue(target)) this.fail();
      return { kind: 'incdec', prefix: true, op, target };
    }
    const e = this.primary();
    if (isLValue(e) && (this.is('++') || this.is('--'))) {
      const op = this.advance().text as '++' | '--';
      return { kind: 'incdec', prefix: false, op, target: e };
    }
    return e;
  }

  private getlineTarget(): LValue | null {
    if (this.is('$')) {
      this.advance();
      return { kind: 'field', index: this.fieldOperand() };
    }
    if (this.tok.kind === 'name') {
      const t = this.advance();
      if (this.is('[')) {
        this.advance();
        const subs = this.exprList(']');
        this.expect(']');
        return { kind: 'elem', arr: this.varRef(t.text), subs };
      }
      return this.lvalueName(t);
    }
    return null;
  }

  /** What follows '$': a primary, or a signed / incremented one ($-1, $++i, $NF). */
  private fieldOperand(): Expr {
    if (this.is('-') || this.is('+') || this.is('!')) {
      const op = this.advance().text;
      return { kind: 'unary', op, operand: this.fieldOperand() };
    }
    if (this.is('++') || this.is('--')) {
      const op = this.advance().text as '++' | '--';
      const target = this.primary();
      if (!isLValue(target)) this.fail();
      return { kind: 'incdec', prefix: true, op, target };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.tok;
    if (t.kind === 'punct' && (t.text === '/' || t.text === '/=')) {
      let re: Token;
      try {
        re = this.lex.readRegex(t);
      } catch (e) {
        if (e instanceof LexError) throw new AwkSyntaxError(e.message, e.line);
        throw e;
      }
      this.tok = this.scan();
      return { kind: 'regex', source: re.text };
    }
    switch (t.kind) {
      case 'num':
        this.advance();
        return { kind: 'num', value: t.num ?? 0 };
      case 'str':
        this.advance();
        return { kind: 'str', value: t.text };
      case 'name': {
        this.advance();
        if (this.is('[')) {
          this.advance();
          const subs = this.exprList(']');
          if (subs.length === 0) this.fail();
          this.expect(']');
          return { kind: 'elem', arr: this.varRef(t.text), subs };
        }
        return this.lvalueName(t);
      }
      case 'funcName': {
        this.advance();
        this.expect('(');
        const args = this.exprList(')');
        this.expect(')');
        this.calls.push({ name: t.text, line: t.line });
        return { kind: 'call', name: t.text, args, line: t.line };
      }
      case 'builtin':
        return this.builtin();
      case 'keyword':
        if (t.text === 'getline') {
          this.advance();
          const target = this.getlineTarget();
          if (this.is('<')) {
            this.advance();
            return { kind: 'getline', source: { from: 'file', file: this.primaryForFile() }, target };
          }
          return { kind: 'getline', source: { from: 'main' }, target };
        }
        break;
      case 'punct':
        if (t.text === '$') {
          this.advance();
          return { kind: 'field', index: this.fieldOperand() };
        }
        if (t.text === '(') {
          this.advance();
          const list = this.exprList(')');
          if (list.length === 0) this.fail();
          this.expect(')');
          if (list.length > 1) {
            if (!this.is('in')) this.fail();
            this.advance();
            return { kind: 'in', subs: list, arr: this.arrayName() };
          }
          return { kind: 'group', expr: list[0] };
        }
        if (t.text === '-' || t.text === '+' || t.text === '!') {
          this.advance();
          return { kind: 'unary', op: t.text, operand: this.unary() };
        }
        break;
      default:
        break;
    }
    return this.fail();
  }

  private primaryForFile(): Expr {
    if (this.is('$')) {
      this.advance();
      return { kind: 'field', index: this.fieldOperand() };
    }
    return this.primary();
  }

  private builtin(): Expr {
    const t = this.advance();
    const name = t.text;
    if (name === 'length' && !this.is('(')) return { kind: 'builtin', name, args: [] };
    this.expect('(');
    const args: Expr[] = [];
    if (name === 'split') {
      const outer = this.noGt;
      this.noGt = false;
      args.push(this.expr());
      this.expect(',');
      this.optNewlines();
      const arr = this.arrayName();
      args.push({ kind: 'var', ref: arr });
      if (this.is(',')) {
        this.advance();
        this.optNewlines();
        args.push(this.expr());
      }
      this.noGt = outer;
    } else {
      args.push(...this.exprList(')'));
    }
    this.expect(')');
    return { kind: 'builtin', name, args };
  }
}

export function isLValue(e: Expr): e is LValue {
  return e.kind === 'var' || e.kind === 'field' || e.kind === 'elem';
}

export function parseAwk(src: string): Program {
  return new Parser(src).parseProgram();
}
