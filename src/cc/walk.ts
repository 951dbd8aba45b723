/**
 * Every expression inside one, in source order (each before its parts, the parts left to
 * right), with a stack of our own: a chain of 20,000 additions is a tree as deep, and
 * walking it by recursion overflowed the host's stack. VISIT returns false to skip an
 * expression's parts.
 */
import { subExpressions, type Expr, type Stmt } from './parse';

export function walkExpr(root: Expr, visit: (e: Expr) => boolean | void): void {
  const todo: Expr[] = [root];
  for (let e = todo.pop(); e !== undefined; e = todo.pop()) {
    if (visit(e) === false) continue;
    const parts = subExpressions(e);
    for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i] as Expr);
  }
}

/** A statement to walk, or something to do when the walk gets there (a scope that ends). */
export type StmtWork = Stmt | (() => void);

/**
 * The statements of BODY and those inside them, in source order, with a stack of our own:
 * 10,000 nested blocks or `if`s are a tree as deep. VISIT returns what to walk inside S
 * (its statements, and actions in between), in order; nothing to go no deeper.
 */
export function walkStatements(body: readonly StmtWork[], visit: (s: Stmt) => readonly StmtWork[] | void): void {
  const todo: StmtWork[] = [...body].reverse();
  for (let w = todo.pop(); w !== undefined; w = todo.pop()) {
    if (typeof w === 'function') {
      w();
      continue;
    }
    const parts = visit(w);
    if (parts) for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i] as StmtWork);
  }
}

/** The statements directly inside S (a block's, a branch's, a loop's body, a label's). */
export function subStatements(s: Stmt): Stmt[] {
  switch (s.kind) {
    case 'block':
      return s.body;
    case 'if':
      return s.else ? [s.then, s.else] : [s.then];
    case 'while':
    case 'do':
    case 'switch':
    case 'label':
      return [s.body];
    case 'for':
      return s.init ? [s.init, s.body] : [s.body];
    default:
      return [];
  }
}
