/**
 * What one build or one call into a student's C may cost. A real gcc and a real kernel have
 * no such bounds, but a chat message must never stall the bot (src/contracts/budget.ts gives
 * a whole message 2 s of wall clock): past a bound the call stops, and the kernel reports
 * a call that never ends as a soft lockup (src/kernel/faults.ts).
 */

/**
 * Statements and expressions evaluated in one call from the kernel (init, exit, a set
 * function): about 0.12 s of the interpreter on the bench machine (bench/cc.ts measured
 * 0.24 s p50 for a million), so several such calls fit in one message's 2 s. A real CPU
 * runs this much in well under a millisecond: code that needs more is looping.
 */
export const MAX_STEPS = 500_000;
/** Nested calls; the kernel's 16 KiB stack would have overflowed long before (recursion). */
export const MAX_CALL_DEPTH = 64;
/** printk calls one call into the module may make (the kernel's ring holds 4096 records). */
export const MAX_PRINTK = 200;
/** Characters one printk may format (the kernel's LOG_LINE_MAX is 1024 - 32). */
export const MAX_PRINTK_CHARS = 992;
/**
 * Values a module's data may hold (globals, kmalloc'd blocks, counted member by member):
 * its data is saved in the conversation's document, which stays under 1 MB.
 */
export const MAX_CELLS = 8192;
/**
 * Values made at once (a declared array or struct zeroed, a string copied into an array)
 * that cost the call one step: making a value is cheaper than evaluating an expression,
 * but not free — a char[4096] declared inside a loop must run out of steps, not take a
 * minute (it did), and what one call makes stays near MAX_STEPS × 4 values.
 */
export const CELLS_PER_STEP = 4;
/**
 * Steps one byte costs that a string or memory function (memset, memcpy, strcpy, snprintf,
 * %s) reads or writes through a pointer, or that printk formats: such a byte took ~1.5 µs
 * (memset of 4096 in an endless loop: 500,000 bytes in 0.75 s of CPU), about four
 * statements' worth — so an endless loop of memsets ends as soon as one of statements does.
 */
export const STEPS_PER_BYTE = 4;
/** Elements of one declared array or one block indexed as an array. */
export const MAX_ARRAY = 4096;
/** Bytes of C source one build reads (all files of all modules of one make). */
export const MAX_SOURCE_BYTES = 256 * 1024;
/** Tokens one translation unit may have. */
export const MAX_TOKENS = 50_000;
/**
 * Nested #include files: gcc's own -fmax-include-depth default (a header that includes
 * itself stops here with gcc's message).
 */
export const MAX_INCLUDE_DEPTH = 200;
/**
 * Tokens macro expansion may produce for one translation unit (every body and argument
 * copied counts). Real cpp has no bound short of memory; ours stops a macro that doubles
 * itself thirty times (2^30 tokens) long before it costs the message's time budget.
 */
export const MAX_EXPANDED_TOKENS = 200_000;
/**
 * Macro calls nested in one another's arguments (F(F(F(…)))): each level expands its
 * argument on its own first, which costs host stack. gcc 12 takes 10 000 levels; a kernel
 * header nests a few dozen.
 */
export const MAX_MACRO_NESTING = 256;
