/**
 * The __versions section modpost writes into NAME.mod.c for a module built here: one
 * [CRC, symbol] for each symbol the object leaves undefined, in the order the assembler
 * first met them (modpost keeps the .o's symtab order), then module_layout.
 * gcc's code for a module function, as the oracle's builds show (hello, mod_a, mod_b,
 * hello_param, exp_user, params_cb built against linux-headers-6.1.0-56-amd64): `call
 * __fentry__` first, the calls of its body in evaluation order (a call's arguments first,
 * right to left), `jmp __x86_return_thunk`, then __stack_chk_fail where -fstack-protector-strong
 * guards a local array or a local whose address is taken; functions in source order, those
 * only reached through a pointer in data (a module_param_cb's .set) last; then the file-scope
 * data, last declared first: module_param structures' ops and what initializers point to.
 * gcc sometimes moves code into .text.unlikely (BUG_ON, WARN_ON, an early error path), which
 * puts _printk ahead of __fentry__ (the oracle's bug_on, leak, printk_levels, warn_on): this
 * ordering does not see that.
 */
import type { Expr, FunctionDef, MacroUse, Stmt, TranslationUnit } from '../../cc/parse';
import { subExpressions } from '../../cc/parse';
import { subStatements, walkExpr, walkStatements } from '../../cc/walk';
import { symbolCrc } from '../../modules/modversions';

/** C names whose calls reach another symbol (macros, inline wrappers of include/linux). */
const CALL_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  printk: ['_printk'],
  pr_emerg: ['_printk'],
  pr_alert: ['_printk'],
  pr_crit: ['_printk'],
  pr_err: ['_printk'],
  pr_warn: ['_printk'],
  pr_warning: ['_printk'],
  pr_notice: ['_printk'],
  pr_info: ['_printk'],
  pr_cont: ['_printk'],
  // CONFIG_DYNAMIC_DEBUG=y in Debian's config
  pr_debug: ['__dynamic_pr_debug'],
  // kmalloc_trace(kmalloc_caches[…][…], flags, size) for a size known at compile time
  kmalloc: ['kmalloc_caches', 'kmalloc_trace'],
  kzalloc: ['kmalloc_caches', 'kmalloc_trace'],
  WARN: ['__warn_printk'],
  WARN_ONCE: ['__warn_printk'],
  usleep_range: ['usleep_range_state'],
};

/** KMALLOC_MAX_CACHE_SIZE on x86-64 (2 pages): a larger constant size goes to kmalloc_large. */
const KMALLOC_MAX_CACHE_SIZE = 8192;

/** An integer constant expression's value (what gcc folds), undefined for anything else. */
function constantValue(e: Expr): number | undefined {
  if (e.kind === 'num') return e.value;
  if (e.kind !== 'binary') return undefined;
  const l = constantValue(e.left);
  const r = constantValue(e.right);
  if (l === undefined || r === undefined) return undefined;
  switch (e.op) {
    case '+': return l + r;
    case '-': return l - r;
    case '*': return l * r;
    case '<<': return l * 2 ** r;
    default: return undefined;
  }
}

function callSymbols(e: Extract<Expr, { kind: 'call' }>): readonly string[] {
  if (e.callee === 'kmalloc' || e.callee === 'kzalloc') {
    const size = e.args[0] === undefined ? undefined : constantValue(e.args[0]);
    if (size === undefined) return ['__kmalloc'];
    if (size > KMALLOC_MAX_CACHE_SIZE) return ['kmalloc_large'];
  }
  return CALL_SYMBOLS[e.callee] ?? [e.callee];
}

/** The expressions and statements directly inside S, in the order gcc emits their code. */
function partsOf(s: Stmt): Stmt[] {
  switch (s.kind) {
    case 'do':
      return [s.body, { kind: 'expr', expr: s.test }];
    case 'for':
      return [...(s.init ? [s.init] : []), ...(s.test ? [{ kind: 'expr' as const, expr: s.test }] : []), s.body, ...(s.step ? [{ kind: 'expr' as const, expr: s.step }] : [])];
    default:
      return subStatements(s);
  }
}

/**
 * Every statement of BODY (on walkStatements' stack: 10,000 nested blocks are fine), and
 * EXPR for each expression they hold, in the order gcc emits their code; DECLARED sees a
 * declaration before its initializers.
 */
function eachExpression(body: Stmt[], expr: (e: Expr) => void, declared?: (s: Extract<Stmt, { kind: 'decl' }>) => void): void {
  walkStatements(body, (s) => {
    switch (s.kind) {
      case 'expr':
        return expr(s.expr);
      case 'decl':
        declared?.(s);
        return s.decls.forEach((d) => d.init && expr(d.init));
      case 'if':
      case 'while':
      case 'switch':
        expr(s.test);
        return subStatements(s);
      case 'return':
        return s.value && expr(s.value);
      default:
        // a do's or a for's test and step are walked as statements of their own
        return partsOf(s);
    }
  });
}

/** The module_param* lines' ops symbols. */
function paramOps(macros: MacroUse[]): string[] {
  const out: string[] = [];
  for (const m of macros) {
    const type = m.name === 'module_param' ? m.words[1] : m.name === 'module_param_named' ? m.words[2] : m.name === 'module_param_array' ? m.words[1] : undefined;
    if (m.name === 'module_param_array') out.push('param_array_ops');
    if (m.name === 'module_param_string') out.push('param_ops_string');
    if (type !== undefined) out.push(`param_ops_${type.trim()}`);
  }
  return out;
}

/** File-scope data with what it points to, last declared first, as gcc emits it. */
function fileScopeData(u: TranslationUnit): Array<{ macro: MacroUse; line: number } | { init: Expr; line: number }> {
  const items: Array<{ macro: MacroUse; line: number } | { init: Expr; line: number }> = [
    ...u.macros.map((macro) => ({ macro, line: macro.at.line })),
    ...u.globals.flatMap((g) => (g.decl.init ? [{ init: g.decl.init, line: g.decl.at.line }] : [])),
  ];
  return items.sort((a, b) => b.line - a.line);
}

/** -fstack-protector-strong: a local array, or a local whose address is taken (&n). */
function stackProtected(f: FunctionDef): boolean {
  const locals = new Set<string>();
  let guarded = false;
  const expr = (root: Expr): void =>
    walkExpr(root, (e) => {
      if (e.kind === 'unary' && e.op === '&' && e.arg.kind === 'ident' && locals.has(e.arg.name)) guarded = true;
    });
  eachExpression(f.body, expr, (s) => {
    for (const d of s.decls) {
      locals.add(d.name);
      if (d.length !== undefined) guarded = true;
    }
  });
  return guarded;
}

/**
 * The __versions entries of a module linked from UNITS: the undefined symbols whose CRC is
 * known (vmlinux's, or CRCS of modules modpost read), in first-use order, then module_layout.
 * modpost leaves out a symbol without a CRC (it warns about it instead).
 */
export function builtModversions(units: TranslationUnit[], crcs: ReadonlyMap<string, number>): Array<[number, string]> {
  const defined = new Set(units.flatMap((u) => [...u.functions.map((f) => f.name), ...u.globals.filter((g) => !g.isExtern).map((g) => g.decl.name)]));
  const order: string[] = [];
  const use = (symbol: string): void => {
    if (!defined.has(symbol) && !order.includes(symbol)) order.push(symbol);
  };
  // Parts before the expression (a call's arguments last to first, as gcc emits them), with
  // a stack of our own: a 20,000-term chain is a tree as deep (see cc/walk.ts).
  const expr = (root: Expr): void => {
    const todo: Array<[Expr, boolean]> = [[root, false]];
    for (let top = todo.pop(); top !== undefined; top = todo.pop()) {
      const [e, partsDone] = top;
      if (partsDone) {
        if (e.kind === 'call') callSymbols(e).forEach(use);
        else if (e.kind === 'ident') use(e.name);
        continue;
      }
      todo.push([e, true]);
      const subs = subExpressions(e);
      const ordered = e.kind === 'call' ? [...subs].reverse() : subs;
      for (let i = ordered.length - 1; i >= 0; i--) todo.push([ordered[i] as Expr, false]);
    }
  };
  const functions = units.flatMap((u) => u.functions);
  const called = new Set<string>();
  const entry = new Set(units.flatMap((u) => u.macros.filter((m) => m.name === 'module_init' || m.name === 'module_exit').map((m) => m.words[0]?.trim())));
  const collect = (root: Expr): void =>
    walkExpr(root, (e) => {
      if (e.kind === 'call') called.add(e.callee);
    });
  functions.forEach((f) => eachExpression(f.body, collect));
  const onlyThroughData = (f: FunctionDef): boolean => f.isStatic && !called.has(f.name) && !entry.has(f.name);
  for (const f of [...functions.filter((g) => !onlyThroughData(g)), ...functions.filter(onlyThroughData)]) {
    use('__fentry__');
    eachExpression(f.body, expr);
    use('__x86_return_thunk');
    if (stackProtected(f)) use('__stack_chk_fail');
  }
  for (const u of [...units].reverse()) {
    for (const item of fileScopeData(u)) {
      if ('macro' in item) paramOps([item.macro]).forEach(use);
      else expr(item.init);
    }
  }
  use('module_layout');
  return order.flatMap((symbol): Array<[number, string]> => {
    const crc = crcs.get(symbol) ?? symbolCrc(symbol);
    return crc === undefined ? [] : [[crc, symbol]];
  });
}
