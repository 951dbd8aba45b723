/**
 * Recursion on a stack of our own. A step that needs another's result first yields that
 * step and is resumed with its result (or its exception): `const e = (yield this.unary()) as Expr`.
 * However deep the source nests (gcc 12 compiles 10,000 levels of parentheses, blocks or
 * initializer braces), the host's stack holds one step at a time; the steps waiting for
 * a result are in an array on the heap.
 */
export interface Deep<T> extends Generator<Deep<unknown>, T, unknown> {}

/** Run ROOT and every step it asks for to the end: its result, or the exception it ended with. */
export function runDeep<T>(root: Deep<T>): T {
  const waiting: Array<Deep<unknown>> = [root];
  let input: unknown;
  let failure: { error: unknown } | undefined;
  for (;;) {
    const top = waiting[waiting.length - 1] as Deep<unknown>;
    let r: IteratorResult<Deep<unknown>, unknown>;
    try {
      if (failure) {
        const { error } = failure;
        failure = undefined;
        r = top.throw(error);
      } else r = top.next(input);
    } catch (error) {
      waiting.pop();
      if (waiting.length === 0) throw error;
      failure = { error };
      continue;
    }
    if (r.done) {
      waiting.pop();
      if (waiting.length === 0) return r.value as T;
      input = r.value;
    } else {
      waiting.push(r.value);
      input = undefined;
    }
  }
}
