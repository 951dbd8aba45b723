/**
 * Every expression inside one, in source order (each before its parts, the parts left to
 * right), with a stack of our own: a chain of 20,000 additions is a tree as deep, and
 * walking it by recursion overflowed the host's stack. VISIT returns false to skip an
 * expression's parts.
 */
import { subExpressions, type Expr } from './parse';

export function walkExpr(root: Expr, visit: (e: Expr) => boolean | void): void {
  const todo: Expr[] = [root];
  for (let e = todo.pop(); e !== undefined; e = todo.pop()) {
    if (visit(e) === false) continue;
    const parts = subExpressions(e);
    for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i] as Expr);
  }
}
