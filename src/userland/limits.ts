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
