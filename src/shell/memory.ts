/**
 * The simulated bash's memory. Real bash allocates through xmalloc/xrealloc (xmalloc.c);
 * when the allocator fails it calls fatal_error ("bash: xmalloc: cannot allocate N bytes",
 * no line number) and the shell (or the subshell that failed) exits with status 2, as a real
 * bash under `ulimit -v` does: `x=x; while :; do x=$x$x; done` ends with
 * "bash: xmalloc: cannot allocate 134217729 bytes" there. Our allocator fails at the bounds
 * of limits.ts instead of at the end of RAM; N is the size bash would have asked for.
 */
import { MAX_STRING, MAX_VARIABLES } from './limits';

/** bash ran out of memory: `text` is what it printed; the (sub)shell exits with `status`. */
export class ShellOutOfMemory {
  readonly status = 2;
  constructor(readonly text: string) {}
}

/** An allocation of BYTES by bash's xmalloc (WHO = "xmalloc") or xrealloc failed. */
export function outOfMemory(bytes: number, who: 'xmalloc' | 'xrealloc' = 'xmalloc'): ShellOutOfMemory {
  return new ShellOutOfMemory(`bash: ${who}: cannot allocate ${bytes} bytes\n`);
}

/** A string of LENGTH characters is about to be built (a word, a variable's value): its NUL too. */
export function allocateString(length: number, who: 'xmalloc' | 'xrealloc' = 'xmalloc'): void {
  if (length > MAX_STRING) throw outOfMemory(length + 1, who);
}

/**
 * NAME is about to hold VALUE: the variables together stay within MAX_VARIABLES. Only a
 * large value can tip the balance, so the sum is taken only then.
 */
export function allocateVariable(env: Readonly<Record<string, string>>, name: string, value: string): void {
  allocateString(value.length);
  if (value.length < 65536) return;
  let total = value.length;
  for (const [key, v] of Object.entries(env)) if (key !== name) total += v.length;
  if (total > MAX_VARIABLES) throw outOfMemory(value.length + 1);
}
