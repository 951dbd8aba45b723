/**
 * Data derived from a piece of a machine's state (the JSON of its log, the lines dmesg printed
 * of it), kept with that piece instead of in a WeakMap: a WeakMap keeps what it maps to alive
 * until a full collection, and a worker opening a conversation's state from text makes
 * thousands of such objects at a time, so the collector spent more than the work saved. Kept
 * under a symbol, not enumerable: JSON, Object.keys, structuredClone and deepEqual never see
 * it, and it goes when the state goes. On the ground floor because two floors keep such data
 * (src/scope's stored text, src/userland's dmesg).
 */

/** One kind of derived data; the description names it in a debugger. */
export type DerivedKey<T> = symbol & { readonly __derived?: T };

export function derivedKey<T>(description: string): DerivedKey<T> {
  return Symbol(description) as DerivedKey<T>;
}

/** What was kept under KEY with OWNER, undefined when nothing was. */
export function derived<T>(owner: object, key: DerivedKey<T>): T | undefined {
  return (owner as Record<symbol, T | undefined>)[key];
}

/** Keep VALUE under KEY with OWNER (replacing what was there). */
export function keepDerived<T>(owner: object, key: DerivedKey<T>, value: T): void {
  Object.defineProperty(owner, key, { value, enumerable: false, configurable: true, writable: true });
}
