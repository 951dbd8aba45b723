/**
 * awk's variables: a cell that holds a value or, once used as one, an array. A function's
 * parameter given an untyped variable of its caller stays linked to it, so the callee can
 * make it the caller's array (mawk passes arrays by reference, scalars by value).
 */
import type { Value } from './value';

export class Var {
  value: Value = null;
  arr: Map<string, Value> | null = null;
  /** A caller's untyped variable passed to a function: becomes its array if the callee makes one. */
  link: Var | null = null;
}

/** V's array, made now if V has none (and made its caller's too when V is linked). */
export function arrayOfVar(v: Var): Map<string, Value> {
  if (v.arr !== null) return v.arr;
  if (v.link !== null && v.link.value === null) v.arr = arrayOfVar(v.link);
  else v.arr = new Map();
  return v.arr;
}

