/**
 * Taint letters and bits, as kernel/panic.c taint_flags[] of 6.1 lists them: the bit
 * number is the index, /proc/sys/kernel/tainted is the sum of 1 << bit.
 */
export const TAINT_LETTERS = 'PFSRMBUDAWCIOELKXT';

export function isTaintLetters(text: string): boolean {
  return text.length > 0 && [...text].every((c) => TAINT_LETTERS.includes(c));
}

/** "OE" → (1 << 12) | (1 << 13) = 12288. */
export function taintMask(letters: string): number {
  let mask = 0;
  for (const c of letters) {
    const bit = TAINT_LETTERS.indexOf(c);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}
