/**
 * What one build or one call into a student's C may cost. A real gcc and a real kernel have
 * no such bounds, but a chat message must never stall the bot: past a bound the work stops
 * and the build reports what it could not evaluate (see module-image.ts).
 */

/** Statements and expressions evaluated in one function call tree (init or exit). */
export const MAX_STEPS = 200_000;
/** Nested calls; the kernel's 16 KiB stack would have overflowed long before. */
export const MAX_CALL_DEPTH = 64;
/** printk records one init or exit may leave (the kernel's ring holds far fewer of ours anyway). */
export const MAX_PRINTK = 200;
/** Bytes of C source one build reads (all files of all modules of one make). */
export const MAX_SOURCE_BYTES = 256 * 1024;
/** Tokens one translation unit may have. */
export const MAX_TOKENS = 50_000;
