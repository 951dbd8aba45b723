/**
 * Bounds that keep one chat line from hanging or exhausting the bot. Real bash has none of
 * these, but a real machine has ARG_MAX and a process limit; where a bound is hit we print
 * what that real limit makes bash print.
 */

/** MAX_ARG_STRLEN (32 pages): execve("/bin/bash", ["bash", "-c", LINE]) fails with E2BIG above it. */
export const MAX_LINE = 131072;
/** Nesting of $( ), ` `, ( ) and { } in one line. */
export const MAX_NESTING = 64;
/** Commands (processes) one line may start; beyond it fork(2) fails with EAGAIN. */
export const MAX_COMMANDS = 2000;
/**
 * Pathnames one glob may produce, and directories it may read on the way (six starred
 * components over /proc and /sys). Past either, the glob fails as bash's does when memory
 * runs out and the word stays unexpanded (glob.ts).
 */
export const MAX_GLOB = 10000;
export const MAX_GLOB_DIRS = 5000;
/** Bytes a pipe, a command substitution or the terminal may collect. */
export const MAX_OUTPUT = 4 * 1024 * 1024;
/** Loop iterations one line may run (all loops together); beyond it the line is stopped as by ulimit -t. */
export const MAX_ITERATIONS = 10000;
/** Nested function calls; beyond it bash would overflow its stack and die of SIGSEGV. */
export const MAX_FUNCTION_DEPTH = 100;
