/**
 * Bounds of the tools themselves (the shell's are in src/shell/limits.ts, which builds on
 * these). Every place a tool's output can go (the terminal, a pipe, a command
 * substitution) holds MAX_OUTPUT bytes and a file far less (src/modules/disk-quota.ts), so a
 * tool never needs to make more than that: the rest could not be seen.
 */

/** Bytes a pipe, a command substitution or the terminal may collect. */
export const MAX_OUTPUT = 4 * 1024 * 1024;

/**
 * printf's field width and precision, and its output in all (`printf '%500000000s' x`):
 * bash's printf writes every byte of a 500 MB field; no sink here takes more than
 * MAX_OUTPUT, so a wider field is written as MAX_OUTPUT + 1 bytes, which fills every sink
 * just the same (and lets a command substitution see that it overflowed).
 */
export const MAX_PRINTF_FIELD = MAX_OUTPUT + 1;

/**
 * expr's recursion (src/expr.c): one level of parentheses costs eval()…eval7() on the C
 * stack, a keyword (length, substr …) one eval6(); the arguments themselves (each string
 * and its argv pointer) and the environment sit on the same 8 MiB stack (ulimit -s 8192).
 * Fitted to coreutils 9.1 on Debian 12, where 14,854 nested parentheses or 30,892 nested
 * `length` work and a few more die of SIGSEGV (the exact point moves with the environment).
 */
export const EXPR_STACK_BYTES = 8 * 1024 * 1024 - 8 * 1024;
export const EXPR_EVAL_FRAME_BYTES = 288;
export const EXPR_EVAL6_FRAME_BYTES = 256;
/** An argument's own cost on that stack, beyond its characters: the NUL and its argv pointer. */
export const EXPR_ARG_OVERHEAD_BYTES = 9;
