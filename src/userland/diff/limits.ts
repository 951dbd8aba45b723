/**
 * Bounds of one diff run. GNU diff gives up searching for a minimal script when it gets
 * too expensive and reports a larger change; the same cut-off keeps a diff of two big
 * unrelated files from taking the bot's time.
 */

/** Steps of the edit-script search (about N·D for files of N lines differing in D). */
export const MAX_DIFF_COST = 4_000_000;
