/**
 * Bounds that keep one chat line from hanging or exhausting the bot. Real bash has few of
 * these, but a real machine has ARG_MAX, a process limit and finite memory; where a bound
 * is hit we print what that real limit makes bash (or the tool) print. The worker's wall
 * clock and heap budget (src/app) is the outer guard; these keep every structure small
 * enough that it is never needed by a legitimate lab line.
 */
import { MAX_OUTPUT } from '../userland/limits';

/** MAX_ARG_STRLEN (32 pages): execve("/bin/bash", ["bash", "-c", LINE]) fails with E2BIG above it. */
export const MAX_LINE = 131072;
/** Nesting of $( ), ` `, ( ) and { } in one line. */
export const MAX_NESTING = 64;
/**
 * Processes (fork(2): external commands, subshells, pipeline elements, command
 * substitutions) one line may start; beyond it fork fails with EAGAIN, as under a process
 * limit. Builtins and functions do not fork, as in bash.
 */
export const MAX_COMMANDS = 50000;
/**
 * Pathnames one glob may produce, and directories it may read on the way (six starred
 * components over /proc and /sys). Past either, the glob fails as bash's does when memory
 * runs out and the word stays unexpanded (glob.ts).
 */
export const MAX_GLOB = 10000;
export const MAX_GLOB_DIRS = 5000;
/** Bytes a pipe, a command substitution or the terminal may collect (the tools' bound). */
export { MAX_OUTPUT };
/**
 * Loop iterations one line may run (all loops together): five times the 20,000 a
 * legitimate lab script may need. Beyond it the line is stopped as ulimit -t would stop
 * a runaway bash (SIGXCPU, "CPU time limit exceeded", status 152).
 */
export const MAX_ITERATIONS = 100000;
/**
 * Processes alive at once along one chain (a subshell, a pipeline element or a command
 * substitution inside another): the process limit (ulimit -u) a fork bomb runs into, with
 * fork's EAGAIN ("bash: fork: retry: Resource temporarily unavailable").
 */
export const MAX_PROCESS_DEPTH = 64;
/** Nested function calls; beyond it bash would overflow its stack and die of SIGSEGV. */
export const MAX_FUNCTION_DEPTH = 100;

/**
 * The simulated shell's memory. One string (a variable, an expanded word, a here-string,
 * a command substitution's output) may hold MAX_STRING characters: as much as a pipe or
 * the terminal carries. Beyond it bash's allocator fails, and bash dies with
 * `bash: xmalloc: cannot allocate N bytes` (status 2), as a real bash does under ulimit -v.
 */
export const MAX_STRING = MAX_OUTPUT;
/** All variables together; a bash holding more would fail the same way. */
export const MAX_VARIABLES = 4 * MAX_STRING;

/**
 * execve(2) of a program on PATH (not a builtin): one argument may hold MAX_ARG_STRLEN
 * bytes, argv and the environment together ARG_MAX (Linux: a quarter of the 8 MiB stack,
 * `getconf ARG_MAX` = 2097152, each string counted with its NUL and its pointer). Beyond
 * either: `bash: line 1: /usr/bin/cat: Argument list too long`, status 126.
 */
export const MAX_ARG_STRLEN = 131072;
export const ARG_MAX = 2097152;

/**
 * Elements one brace expansion ({1..N}, {a,b}{c,d}…) may produce: five times a
 * 20,000-element sequence. Beyond it bash's strvec_mcreate fails
 * ("brace expansion: failed to allocate memory for N elements") and the word stays as
 * written, as bash 5.2 under a memory limit does.
 */
export const MAX_BRACE_ELEMENTS = 100000;
