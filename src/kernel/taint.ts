/**
 * Kernel taint flags (kernel/panic.c taint_flags[] of 6.1): bit number, the letter
 * print_tainted() shows when set (c_true) or not (c_false), and whether the flag can be
 * carried by a single module (/sys/module/NAME/taint, "(POE)" in /proc/modules).
 */
export const TAINT_PROPRIETARY_MODULE = 0;
export const TAINT_FORCED_MODULE = 1;
export const TAINT_FORCED_RMMOD = 3;
export const TAINT_CRAP = 10;
export const TAINT_OOT_MODULE = 12;
export const TAINT_UNSIGNED_MODULE = 13;

interface TaintFlag {
  cTrue: string;
  cFalse: string;
  module: boolean;
}

/** taint_flags[], indexed by bit (TAINT_FLAGS_COUNT = 19 in 6.1). */
export const taintFlags: readonly TaintFlag[] = [
  { cTrue: 'P', cFalse: 'G', module: true },
  { cTrue: 'F', cFalse: ' ', module: true },
  { cTrue: 'S', cFalse: ' ', module: false },
  { cTrue: 'R', cFalse: ' ', module: false },
  { cTrue: 'M', cFalse: ' ', module: false },
  { cTrue: 'B', cFalse: ' ', module: false },
  { cTrue: 'U', cFalse: ' ', module: false },
  { cTrue: 'D', cFalse: ' ', module: false },
  { cTrue: 'A', cFalse: ' ', module: false },
  { cTrue: 'W', cFalse: ' ', module: false },
  { cTrue: 'C', cFalse: ' ', module: true },
  { cTrue: 'I', cFalse: ' ', module: false },
  { cTrue: 'O', cFalse: ' ', module: true },
  { cTrue: 'E', cFalse: ' ', module: true },
  { cTrue: 'L', cFalse: ' ', module: false },
  { cTrue: 'K', cFalse: ' ', module: true },
  { cTrue: 'X', cFalse: ' ', module: true },
  { cTrue: 'T', cFalse: ' ', module: true },
  { cTrue: 'N', cFalse: ' ', module: true },
];

export function testTaint(mask: number, bit: number): boolean {
  return (mask & (1 << bit)) !== 0;
}

/**
 * print_tainted(): "Not tainted", or "Tainted: " and one character per flag, e.g.
 * "Tainted: P           OE      " for P, O and E (the dump_stack header shows it).
 */
export function printTainted(mask: number): string {
  if (mask === 0) return 'Not tainted';
  return 'Tainted: ' + taintFlags.map((t, bit) => (testTaint(mask, bit) ? t.cTrue : t.cFalse)).join('');
}

/** module_flags_taint(): the letters of a module's taints, in bit order ("POE"). */
export function moduleTaintLetters(mask: number): string {
  return taintFlags.map((t, bit) => (t.module && testTaint(mask, bit) ? t.cTrue : '')).join('');
}

/** The bit mask of per-module taint letters as LoadedModule.taint stores them. */
export function moduleTaintMask(letters: string): number {
  let mask = 0;
  taintFlags.forEach((t, bit) => {
    if (t.module && letters.includes(t.cTrue)) mask |= 1 << bit;
  });
  return mask;
}
