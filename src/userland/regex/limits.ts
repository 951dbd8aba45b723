/**
 * Bounds of the pattern matcher. The matcher itself is linear (pike.ts); these bound what a
 * pattern may ask of it, so one chat line cannot make a program of millions of states or run
 * a back-reference search forever.
 */

/** glibc's RE_DUP_MAX (0x7fff): a larger count in {m,n} is "Regular expression too big". */
export const RE_DUP_MAX = 0x7fff;

/**
 * Instructions one compiled pattern may hold. `a{32767}` is legal and takes ~33 000; nested
 * intervals multiply (`(a{1000}){1000}`), and glibc answers those with REG_ESPACE, which grep
 * and sed report as memory exhausted.
 */
export const MAX_PROGRAM = 200_000;

/**
 * Steps the back-reference matcher may take for one search (patterns with \1 … \9 cannot be
 * matched in linear time). Beyond it the search fails as glibc's does when its backtracking
 * runs out of memory (re_search returns -2).
 */
export const MAX_BACKTRACK_STEPS = 200_000;
