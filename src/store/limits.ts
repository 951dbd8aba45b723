/**
 * The store's own floors for work several processes share: expiry of side documents and
 * turns of a contended key. The app's budgets are in src/contracts/budget.ts.
 */
import { MESSAGE_WALL_MS } from '../contracts/budget';

/** How often a store without its own TTL (memory, SQLite, PostgreSQL) sweeps expired side documents, ms. */
export const SWEEP_EVERY_MS = 60_000;

/** At most this many expired documents are removed per sweep (the next sweep takes the rest). */
export const SWEEP_BATCH = 500;

/**
 * A document expires this long after its caller's own end of life (a lease's TTL, a flood
 * window): the processes' clocks may differ a little, and removal must never come before
 * the callers' own clocks say the document means nothing.
 */
export const EXPIRY_GRACE_MS = 60_000;

/**
 * After this many lost compare-and-commit rounds an update asks for a turn (turns.ts): the
 * other processes' updates of that key wait until it has committed, so a slow writer is not
 * starved by faster ones. Lower would mark documents for ordinary two-writer collisions.
 */
export const TURN_AFTER_LOST_ROUNDS = 3;

/**
 * How long a turn holds the others back at most, ms: one machine step's wall budget and
 * the commit after it. A holder that runs longer (or crashed) loses nothing but its
 * priority: the compare-and-commit still decides, as without turns.
 */
export const TURN_MS = MESSAGE_WALL_MS + 1000;

/** How often a writer waiting for another's turn looks again, ms. */
export const TURN_POLL_MS = 5;
