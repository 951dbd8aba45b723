/**
 * Bounds of one awk run. A real mawk runs until its CPU limit or memory runs out; here a
 * program that loops or grows a string without end is stopped first, with the message the
 * real limit would give. A lab's awk line (a 20,000-line file through a handful of
 * statements, a 20,000-iteration loop) stays far below both.
 */
import { MAX_OUTPUT } from '../limits';

/** Statements and loop iterations one run may execute; past it, SIGXCPU ("CPU time limit exceeded", 152). */
export const MAX_AWK_STEPS = 2_000_000;
/** Characters one string (a variable, $0, an output buffer) may hold; past it mawk's "out of memory". */
export const MAX_AWK_STRING = MAX_OUTPUT;
