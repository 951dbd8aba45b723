/**
 * The semantic checks of gcc 12 that a beginner's module meets first, with kbuild's flags
 * (-Werror=implicit-function-declaration, -Werror=return-type, -Wunused-variable), worded
 * and placed as 00b-kbuild-errors.txt shows them:
 *   - an identifier declared nowhere: `‘counter’ undeclared (first use in this function)`
 *     and, the first time, the note that each is reported once per function;
 *   - a call to a function not declared above it: `implicit declaration of function ‘f’`;
 *   - a local variable never used: `unused variable ‘x’` (a warning: the module builds);
 *   - a non-void function without any return: `no return statement in function returning
 *     non-void`.
 * Each function's first message is preceded by `FILE: In function ‘NAME’:`.
 */
import type { Expr, FunctionDef, Stmt, TranslationUnit } from './parse';
import { walkExpr } from './walk';
import type { Token } from './lex';
import { KERNEL_FUNCTIONS, KERNEL_NAMES } from './kernel-api';

export interface Diagnostic {
  kind: 'error' | 'warning' | 'note';
  at: Token;
  /** Length of the caret's underline. */
  length: number;
  message: string;
  /** The warning was made an error by -Werror=… (cc1 then says so at the end). */
  promoted?: boolean;
  /** No source line after it (gcc's "each undeclared identifier" note repeats the locus; ours too). */
  function?: string;
}

export function check(unit: TranslationUnit): Diagnostic[] {
  const out: Diagnostic[] = [];
  const globals = new Map<string, number>();
  for (const g of unit.globals) globals.set(g.decl.name, g.decl.at.line);
  const functions = new Map<string, number>();
  for (const f of unit.functions) if (!functions.has(f.name)) functions.set(f.name, f.at.line);
  for (const p of unit.prototypes) functions.set(p.name, Math.min(functions.get(p.name) ?? Infinity, p.at.line));
  let notedUndeclared = false;
  for (const f of unit.functions) {
    const diags: Diagnostic[] = [];
    const reported = new Set<string>();
    const scopes: Array<Map<string, { used: boolean; at: Token }>> = [new Map(f.params.map((p) => [p, { used: true, at: f.at }]))];
    const declaredAbove = (name: string, line: number): boolean =>
      (globals.get(name) ?? Infinity) <= line || (functions.get(name) ?? Infinity) <= line || KERNEL_NAMES.has(name) || KERNEL_FUNCTIONS.has(name);
    const use = (name: string, at: Token): void => {
      for (let i = scopes.length - 1; i >= 0; i--) {
        const v = scopes[i].get(name);
        if (v) {
          v.used = true;
          return;
        }
      }
      if (declaredAbove(name, at.line) || reported.has(name)) return;
      reported.add(name);
      diags.push({ kind: 'error', at, length: name.length, message: `‘${name}’ undeclared (first use in this function)` });
      if (!notedUndeclared) {
        notedUndeclared = true;
        diags.push({ kind: 'note', at, length: name.length, message: 'each undeclared identifier is reported only once for each function it appears in' });
      }
    };
    const expr = (root: Expr): void =>
      walkExpr(root, (e) => {
        switch (e.kind) {
          case 'ident':
            use(e.name, e.at);
            return false;
          case 'call':
            if (!scopes.some((s) => s.has(e.callee)) && !declaredAbove(e.callee, e.at.line) && !reported.has(e.callee)) {
              reported.add(e.callee);
              diags.push({ kind: 'error', at: e.at, length: e.callee.length, message: `implicit declaration of function ‘${e.callee}’ [-Werror=implicit-function-declaration]`, promoted: true });
            }
            return true;
          case 'unary':
            if (e.op === 'sizeof' && e.arg.kind === 'ident') {
              use(e.arg.name, e.arg.at);
              return false;
            }
            return true;
          default:
            return true;
        }
      });
    const block = (body: Stmt[]): void => {
      scopes.push(new Map());
      body.forEach(stmt);
      unused(scopes.pop() as Map<string, { used: boolean; at: Token }>);
    };
    const unused = (scope: Map<string, { used: boolean; at: Token }>): void => {
      for (const [name, v] of scope) {
        if (!v.used) diags.push({ kind: 'warning', at: v.at, length: name.length, message: `unused variable ‘${name}’ [-Wunused-variable]` });
      }
    };
    const stmt = (s: Stmt): void => {
      switch (s.kind) {
        case 'block':
          return block(s.body);
        case 'expr':
          return expr(s.expr);
        case 'decl':
          // A declarator's scope begins before its initializer (sizeof(*p) in p's own init).
          for (const d of s.decls) {
            const v = { used: false, at: d.at };
            scopes[scopes.length - 1].set(d.name, v);
            if (d.init) {
              expr(d.init);
              v.used = false;
            }
          }
          return;
        case 'if':
          expr(s.test);
          stmt(s.then);
          if (s.else) stmt(s.else);
          return;
        case 'while':
        case 'do':
          expr(s.test);
          return stmt(s.body);
        case 'for':
          scopes.push(new Map());
          if (s.init) stmt(s.init);
          if (s.test) expr(s.test);
          if (s.step) expr(s.step);
          stmt(s.body);
          unused(scopes.pop() as Map<string, { used: boolean; at: Token }>);
          return;
        case 'return':
          if (s.value) expr(s.value);
          return;
        case 'switch':
          expr(s.test);
          return stmt(s.body);
        case 'case':
          if (s.value) expr(s.value);
          return;
        default:
          return;
      }
    };
    block(f.body);
    // gcc reports unused variables when the function ends, after what its body said.
    const unusedFirst = diags.filter((d) => d.kind !== 'warning');
    const warnings = diags.filter((d) => d.kind === 'warning');
    const all = [...unusedFirst, ...warnings];
    if (f.returnType !== 'void' && f.returnType !== '' && !returns(f)) {
      all.push({ kind: 'error', at: f.end, length: 1, message: 'no return statement in function returning non-void [-Werror=return-type]', promoted: true });
    }
    for (const d of all) d.function = f.name;
    out.push(...all);
  }
  return out;
}

function returns(f: FunctionDef): boolean {
  const any = (s: Stmt): boolean => {
    switch (s.kind) {
      case 'return':
        return true;
      case 'block':
        return s.body.some(any);
      case 'if':
        return any(s.then) || (s.else !== undefined && any(s.else));
      case 'while':
      case 'do':
      case 'for':
      case 'switch':
        return any(s.body);
      default:
        return false;
    }
  };
  return f.body.some(any);
}
