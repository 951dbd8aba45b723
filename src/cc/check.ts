/**
 * The semantic checks of gcc 12 that a beginner's module meets first, with kbuild's flags
 * (-Werror=implicit-function-declaration, -Werror=return-type, -Wunused-variable), worded
 * and placed as 00b-kbuild-errors.txt shows them:
 *   - an identifier declared nowhere: `‘counter’ undeclared (first use in this function)`
 *     and, the first time, the note that each is reported once per function;
 *   - a call to a function not declared above it: `implicit declaration of function ‘f’`;
 *   - a local variable never used: `unused variable ‘x’` (a warning: the module builds);
 *   - a non-void function without any return: `no return statement in function returning
 *     non-void`;
 *   - labels: `duplicate label`, and when the function ends `label ‘x’ used but not defined`
 *     (an error) or `label ‘x’ defined but not used` (-Wunused-label, in kbuild's -Wall).
 * A scope's end reports its names newest first, as gcc's pop_scope walks its bindings.
 * Each function's first message is preceded by `FILE: In function ‘NAME’:`.
 */
import type { Expr, FunctionDef, Stmt, TranslationUnit } from './parse';
import { subStatements, walkExpr, walkStatements, type StmtWork } from './walk';
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
  /** The function it is in (gcc's `In function ‘f’:` line). */
  function?: string;
  /** Reported when a scope ends (unused names, undefined labels), after what the body said. */
  atScopeEnd?: boolean;
  /** Printed without the source line and caret (gcc's "each undeclared identifier" note). */
  noLocus?: boolean;
}

/** A name in a scope: whether it was used, where it was declared, and when it was bound. */
interface Binding {
  used: boolean;
  at: Token;
  seq: number;
}

interface LabelUse {
  used: boolean;
  seq: number;
  defined?: Token;
  /** The first `goto` naming it. */
  goto?: Token;
}

/** Where a token stands in the unit: its place in the preprocessed stream (headers included), else its line. */
const place = (t: Token): number => t.order ?? t.line;

export function check(unit: TranslationUnit): Diagnostic[] {
  const out: Diagnostic[] = [];
  const globals = new Map<string, number>();
  for (const g of unit.globals) globals.set(g.decl.name, place(g.decl.at));
  const functions = new Map<string, number>();
  for (const f of unit.functions) if (!functions.has(f.name)) functions.set(f.name, place(f.at));
  for (const p of unit.prototypes) functions.set(p.name, Math.min(functions.get(p.name) ?? Infinity, place(p.at)));
  let notedUndeclared = false;
  for (const f of unit.functions) {
    const diags: Diagnostic[] = [];
    const reported = new Set<string>();
    let bound = 0;
    const scopes: Array<Map<string, Binding>> = [new Map(f.params.map((p) => [p, { used: true, at: f.at, seq: bound++ }]))];
    const labels = new Map<string, LabelUse>();
    const mentionLabel = (name: string): LabelUse => {
      let l = labels.get(name);
      if (!l) labels.set(name, (l = { used: false, seq: bound++ }));
      return l;
    };
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
      if (declaredAbove(name, place(at)) || reported.has(name)) return;
      reported.add(name);
      diags.push({ kind: 'error', at, length: name.length, message: `‘${name}’ undeclared (first use in this function)` });
      if (!notedUndeclared) {
        notedUndeclared = true;
        diags.push({ kind: 'note', at, length: name.length, message: 'each undeclared identifier is reported only once for each function it appears in', noLocus: true });
      }
    };
    const expr = (root: Expr): void =>
      walkExpr(root, (e) => {
        switch (e.kind) {
          case 'ident':
            use(e.name, e.at);
            return false;
          case 'call':
            // a call through a pointer: its target and arguments are walked
            if (e.target) return true;
            // a local function pointer called by name is a use of it
            if (scopes.some((s) => s.has(e.callee))) use(e.callee, e.at);
            else if (!declaredAbove(e.callee, place(e.at)) && !reported.has(e.callee)) {
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
    const unused = (scope: Map<string, Binding>): void => {
      for (const [name, v] of [...scope].reverse()) {
        if (!v.used) diags.push({ kind: 'warning', at: v.at, length: name.length, message: `unused variable ‘${name}’ [-Wunused-variable]`, atScopeEnd: true });
      }
    };
    const enterScope = (): void => void scopes.push(new Map());
    const leaveScope = (): void => unused(scopes.pop() as Map<string, Binding>);
    // A statement's parts are walked by walkStatements' stack: 10,000 nested blocks are fine.
    const stmt = (s: Stmt): readonly StmtWork[] | void => {
      switch (s.kind) {
        case 'block':
          return [enterScope, ...s.body, leaveScope];
        case 'expr':
          return expr(s.expr);
        case 'decl':
          // A declarator's scope begins before its initializer (sizeof(*p) in p's own init).
          for (const d of s.decls) {
            const v = { used: false, at: d.at, seq: bound++ };
            scopes[scopes.length - 1].set(d.name, v);
            if (d.init) {
              expr(d.init);
              v.used = false;
            }
          }
          return;
        case 'if':
          expr(s.test);
          return s.else ? [s.then, s.else] : [s.then];
        case 'while':
        case 'do':
          expr(s.test);
          return [s.body];
        case 'for':
          return [
            enterScope,
            ...(s.init ? [s.init] : []),
            () => {
              if (s.test) expr(s.test);
              if (s.step) expr(s.step);
            },
            s.body,
            leaveScope,
          ];
        case 'return':
          if (s.value) expr(s.value);
          return;
        case 'switch':
          expr(s.test);
          return [s.body];
        case 'case':
          if (s.value) expr(s.value);
          return;
        case 'label': {
          const l = mentionLabel(s.name);
          if (l.defined) {
            diags.push({ kind: 'error', at: s.at, length: s.name.length, message: `duplicate label ‘${s.name}’` });
            diags.push({ kind: 'note', at: l.defined, length: s.name.length, message: `previous definition of ‘${s.name}’ with type ‘void’` });
          } else l.defined = s.at;
          return [s.body];
        }
        case 'goto': {
          const l = mentionLabel(s.label);
          l.used = true;
          l.goto ??= s.at;
          return;
        }
        default:
          return;
      }
    };
    // The body's own scope ends with the function: its labels and variables, newest first.
    scopes.push(new Map());
    walkStatements(f.body, stmt);
    const outer = scopes.pop() as Map<string, Binding>;
    const ending: Array<{ seq: number; diag?: Diagnostic }> = [];
    for (const [name, v] of outer) {
      if (!v.used) ending.push({ seq: v.seq, diag: { kind: 'warning', at: v.at, length: name.length, message: `unused variable ‘${name}’ [-Wunused-variable]`, atScopeEnd: true } });
    }
    for (const [name, l] of labels) {
      if (!l.defined && l.goto) ending.push({ seq: l.seq, diag: { kind: 'error', at: l.goto, length: 'goto'.length, message: `label ‘${name}’ used but not defined`, atScopeEnd: true } });
      else if (l.defined && !l.used) ending.push({ seq: l.seq, diag: { kind: 'warning', at: l.defined, length: name.length, message: `label ‘${name}’ defined but not used [-Wunused-label]`, atScopeEnd: true } });
    }
    const atEnd = ending.sort((a, b) => b.seq - a.seq).flatMap((e) => (e.diag ? [e.diag] : []));
    // gcc reports unused variables when the function ends, after what its body said.
    const unusedFirst = diags.filter((d) => d.kind !== 'warning');
    const warnings = diags.filter((d) => d.kind === 'warning');
    const all = [...unusedFirst, ...warnings, ...atEnd];
    if (f.returnType !== 'void' && f.returnType !== '' && !returns(f)) {
      all.push({ kind: 'error', at: f.end, length: 1, message: 'no return statement in function returning non-void [-Werror=return-type]', promoted: true });
    }
    for (const d of all) d.function = f.name;
    out.push(...all);
  }
  return out;
}

/** Whether any statement of F's body is a return (in a branch, a loop, a label's statement). */
function returns(f: FunctionDef): boolean {
  let found = false;
  walkStatements(f.body, (s) => {
    if (s.kind === 'return') found = true;
    return found ? undefined : subStatements(s);
  });
  return found;
}

/** Every mention of a name in UNIT: where it stands, the function it is in, the token. */
interface Mention {
  place: number;
  in?: string;
  at: Token;
  call: boolean;
  /** Named by string (module_init's alias(#initfn)): a use wherever it stands. */
  byName?: boolean;
}

function mentions(unit: TranslationUnit): Map<string, Mention[]> {
  const out = new Map<string, Mention[]>();
  const add = (name: string, m: Mention): void => {
    const list = out.get(name);
    if (list) list.push(m);
    else out.set(name, [m]);
  };
  let fn: string | undefined;
  const expr = (root: Expr): void =>
    walkExpr(root, (e) => {
      if (e.kind === 'ident') add(e.name, { place: place(e.at), at: e.at, call: false, ...(fn !== undefined ? { in: fn } : {}) });
      if (e.kind === 'call' && e.callee !== '') add(e.callee, { place: place(e.at), at: e.at, call: true, ...(fn !== undefined ? { in: fn } : {}) });
      return true;
    });
  const stmt = (s: Stmt): readonly StmtWork[] | void => {
    switch (s.kind) {
      case 'expr':
        expr(s.expr);
        break;
      case 'decl':
        for (const d of s.decls) if (d.init) expr(d.init);
        break;
      case 'if':
      case 'while':
      case 'do':
      case 'switch':
        expr(s.test);
        break;
      case 'for':
        if (s.test) expr(s.test);
        if (s.step) expr(s.step);
        break;
      case 'return':
      case 'case':
        if (s.value) expr(s.value);
        break;
      default:
        break;
    }
    return subStatements(s);
  };
  for (const f of unit.functions) {
    fn = f.name;
    walkStatements(f.body, stmt);
  }
  fn = undefined;
  for (const g of unit.globals) if (g.decl.init) expr(g.decl.init);
  for (const m of unit.macros) {
    m.args.forEach(expr);
    const byName = m.name === 'module_init' || m.name === 'module_exit';
    for (const w of m.words) for (const word of w.split(/[^A-Za-z0-9_]+/)) add(word, { place: place(m.at), at: m.at, call: false, ...(byName ? { byName } : {}) });
  }
  return out;
}

/** Where NAME is first declared as a function (a prototype or its definition). */
function declaredAt(unit: TranslationUnit, name: string): number {
  let at = Infinity;
  for (const f of unit.functions) if (f.name === name) at = Math.min(at, place(f.at));
  for (const p of unit.prototypes) if (p.name === name) at = Math.min(at, place(p.at));
  return at;
}

/**
 * A static function defined after a call that declared it implicitly (a call above its
 * definition, 00b's err_order_call): gcc's implicit declaration is extern, so the definition
 * is `static declaration of ‘f’ follows non-static declaration`, with a note at that call.
 * The call named the implicit declaration, not the static function, which -Wunused-function
 * then finds unused.
 */
export function staticAfterImplicit(unit: TranslationUnit): Diagnostic[] {
  const out: Diagnostic[] = [];
  const all = mentions(unit);
  const seen = new Set<string>();
  for (const f of unit.functions) {
    if (!f.isStatic || seen.has(f.name)) continue;
    seen.add(f.name);
    const first = declaredAt(unit, f.name);
    const call = (all.get(f.name) ?? []).find((m) => m.call && m.in !== undefined && m.place < first && !KERNEL_FUNCTIONS.has(f.name) && !locallyDeclared(unit, m.in, f.name));
    if (!call) continue;
    out.push({ kind: 'error', at: f.at, length: f.name.length, message: `static declaration of ‘${f.name}’ follows non-static declaration` });
    out.push({ kind: 'note', at: call.at, length: f.name.length, message: `previous implicit declaration of ‘${f.name}’ with type ‘int()’` });
  }
  return out;
}

/** Whether function FN has a parameter or local named NAME (a call through it is no implicit declaration). */
function locallyDeclared(unit: TranslationUnit, fn: string, name: string): boolean {
  const f = unit.functions.find((x) => x.name === fn);
  if (!f) return false;
  if (f.params.includes(name)) return true;
  let found = false;
  walkStatements(f.body, (s) => {
    if (s.kind === 'decl' && s.decls.some((d) => d.name === name)) found = true;
    return found ? undefined : subStatements(s);
  });
  return found;
}

/**
 * -Wunused-function (kbuild's -Wall): a static function, neither inline nor
 * __maybe_unused/__used, that nothing names — no call, no address taken, no initializer, no
 * module macro (module_init(f) names f only where <linux/module.h> made it a macro). gcc says
 * so when the unit ends, last defined first, even after errors (00b's err_noinclude,
 * err_order_call). A mention counts only below the function's first declaration (above it, a
 * call declared something else) and outside its own body (recursion is no use), as gcc 12
 * does; a mention from a function itself unused counts.
 */
export function unusedFunctions(unit: TranslationUnit): Diagnostic[] {
  const all = mentions(unit);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const f of unit.functions) {
    if (!f.isStatic || f.mayGoUnused || seen.has(f.name)) continue;
    seen.add(f.name);
    const first = declaredAt(unit, f.name);
    if ((all.get(f.name) ?? []).some((m) => m.byName === true || (m.in !== f.name && m.place > first))) continue;
    out.push({ kind: 'warning', at: f.at, length: f.name.length, message: `‘${f.name}’ defined but not used [-Wunused-function]` });
  }
  return out.reverse();
}
