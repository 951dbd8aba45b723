/**
 * What one message, one user and one conversation may cost the bot: every budget and
 * flood limit of the app, named once. The README's "Safety" section states them for
 * instructors. (The shell's and tools' own bounds live in src/shell/limits.ts.) They sit on
 * the ground floor because several floors enforce them: src/scope (the document, history
 * and output bounds of a machine step) and src/app (the worker pool, flood limits, message size).
 *
 * Why these numbers: a chat answer must come within Discord's 3 s (the adapters defer, but
 * a class waits for the terminal), a machine must never stall the other conversations of
 * the process (issue 8), and the worst document a user can create must stay under 1 MB so
 * that one command on it stays under 50 ms.
 */

/** Wall-clock time one message's machine work may take in its worker, ms. */
export const MESSAGE_WALL_MS = 2000;

/**
 * Wall-clock time of the heavy work a message hands the pool besides its step, ms, by kind
 * (src/teaching/off-thread.ts): drawing the module graph (Graphviz in WebAssembly, then
 * resvg), an exercise's setup lines on its fresh machine, a quiz question's scratch machines,
 * the dashboard's dmesg of a conversation. Each runs in a machine worker, so even a stuck
 * one stalls no conversation; these bound how long its asker waits. Measured on the shared
 * 2-core test host with bench/off-thread.ts: the biggest picture (120 modules) 2–5 s, the
 * slowest exercise setup 0.14 s, a quiz question ≤ 0.11 s, dmesg of a full ring 20 ms; each
 * budget leaves three times the worst or more, so only work that has gone wrong is stopped.
 */
export const OFF_THREAD_WALL_MS = { render: 15_000, setup: 5_000, question: 5_000, dmesg: 2_000 } as const;

/**
 * Heavy work (above) queued behind a class's shell lines: a line takes a free worker first,
 * and heavy work may hold all workers but one, so a picture or quiz being made never makes
 * the next `lsmod` wait seconds. Work waits at most this long for lines queued after it
 * (ms), then goes in its turn: a class that keeps every worker busy cannot starve it.
 */
export const WORK_QUEUE_PATIENCE_MS = 250;

/**
 * Machine workers of a process's pool unless it is configured (src/app/sandbox/pool.ts):
 * one per core, at least this many, so a step stopped for its budget (its worker killed and
 * replaced) never leaves the class without a worker. Measured on the shared 2-core test host
 * (issue 9, `npm run bench`): one worker more than the cores only added contention, the
 * workers' CPU per command was ~12 % lower with two workers than with three.
 */
export const POOL_MIN_WORKERS = 2;

/** V8 heap of one machine worker process (old generation), MB: far above a lab's needs (~20 MB), far below the host's. */
export const WORKER_HEAP_MB = 256;
/** V8 young generation of one worker, MB. */
export const WORKER_YOUNG_MB = 32;

/**
 * Conversations' states one machine worker keeps between their messages (scope affinity,
 * src/app/sandbox/affinity.ts), and the characters of stored text they stand for together:
 * a class of 100 conversations on a pool of 2 or 3 stays warm, while what they hold stays a small
 * share of the worker's heap budget.
 */
export const WARM_STATES = 64;
export const WARM_CHARS = 4_000_000;
/** Past this share of its heap budget in use after a step, a worker drops every state it keeps, so a message keeps nearly all of its budget. */
export const WARM_HEAP_SHARE = 0.25;

/** The largest saved document of one conversation, UTF-8 bytes (checked before every commit). */
export const MAX_DOCUMENT_BYTES = 1_000_000;

/** Output of one terminal block the app hands the adapters, characters; the rest is cut with a marker. */
export const MAX_BLOCK_OUTPUT_CHARS = 64_000;

/** The longest message the app takes, characters: Discord's longest option is 6000, Slack's input 3000. */
export const MAX_MESSAGE_CHARS = 16_000;

/** The most characters `/edit` saves at once (a terminal's $EDITOR has no field limit): the largest file the disk takes (src/modules/disk-quota.ts). */
export const MAX_EDIT_CHARS = 256 * 1024;

/** One history line as saved, characters; longer lines are cut with a marker (issue 8, finding 6). */
export const MAX_HISTORY_LINE_CHARS = 500;

export interface FloodLimit {
  /** At most this many inputs … */
  count: number;
  /** … in any window of this many ms. */
  windowMs: number;
}

/** Commands, button clicks and modal submits of one user (all conversations of a platform). */
export const USER_FLOOD: FloodLimit = { count: 20, windowMs: 10_000 };
/** The same, of one conversation (everyone in it together). */
export const CONVERSATION_FLOOD: FloodLimit = { count: 60, windowMs: 10_000 };
/**
 * How long an input waits for the store's count of its user's shared flood limit (several
 * processes on one store) before it goes on without it: the limit fails open, a slow or
 * absent store never blocks a command because of it.
 */
export const SHARED_FLOOD_WAIT_MS = 300;
/** Autocomplete requests of one conversation (the platforms send no user with them): one per keystroke, so more, but not unbounded. */
export const COMPLETE_FLOOD: FloodLimit = { count: 30, windowMs: 5_000 };
