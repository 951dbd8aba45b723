/**
 * The persistence contract under ScopeStore: JSON documents by key, each changed only by
 * an atomic `update` (no lost update, within one process or across several sharing a
 * store). Every call to the database has a deadline; failures are ModlabErrors:
 * 'store-unavailable' (cause kept for the log), 'store-timeout', 'state-damaged',
 * 'store-busy' (too many conflicting writers), 'over-budget' (a document over its bound).
 *
 * How an update runs (every store implements the same steps; optimistic.ts does it over a
 * small CasBackend, which is all a new store has to provide):
 *  1. Wait for this process's earlier updates of the same KEY (a per-key queue: updates of
 *     one key in one process wait for each other instead of conflicting; updates of
 *     different keys never wait for each other).
 *  2. Read the stored text and a token of its version (the text itself will do), under the
 *     deadline, holding no lock and no transaction.
 *  3. Run FN on it, OUTSIDE any transaction or lock of the database: FN may take as long as
 *     its own budget allows (a machine running in a worker thread) without stalling anyone
 *     else's writes, in this process or another.
 *  4. Check the new text against the document bound (`maxDocumentBytes`, UTF-8 bytes):
 *     over it, nothing is written and the update rejects with 'over-budget'.
 *  5. Compare and commit in one short transaction (SQLite: BEGIN IMMEDIATE; the row is
 *     still the text read in step 2; write; COMMIT. Redis: WATCH/MULTI; PostgreSQL:
 *     UPDATE … WHERE value = $seen, or a version column). If another process changed the
 *     document meanwhile, go back to step 2, at most MAX_UPDATE_ATTEMPTS times in all, then
 *     reject with 'store-busy'. After TURN_AFTER_LOST_ROUNDS lost rounds the update marks
 *     the document as its turn (turns.ts): other processes' updates of KEY wait for its
 *     commit (at most TURN_MS), so a slow writer is not starved by fast ones.
 * So FN may be called more than once for one update; it must have no effect beyond the
 * document it returns (compute side effects from its result, after update resolves).
 * If FN throws or rejects, nothing is saved and its error reaches the caller unchanged.
 */
export interface DocumentStore {
  /**
   * Run FN on the current document (undefined when there is none) and save the `doc` it
   * returns (the same object changed in place, or a new one), all or nothing.
   */
  update<T>(key: string, fn: (doc: unknown) => DocumentChange<T> | Promise<DocumentChange<T>>): Promise<T>;
  /**
   * The same, on the stored text itself (the JSON text `get` would parse: Keyv's envelope
   * `{"value": …}`, see envelope.ts), so that a caller that works on the document elsewhere
   * (a worker thread) need not parse or serialise it on this thread. FN returns the text to
   * store, or `text: undefined` to leave the document as it is.
   */
  updateText<T>(key: string, fn: (stored: string | undefined) => Promise<TextChange<T>>): Promise<T>;
  /** The current document, undefined when there is none. */
  get(key: string): Promise<unknown>;
  /** Replace the document without reading it (how a damaged one is reset). */
  put(key: string, doc: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Let in-flight calls finish, then release the store; later calls fail with 'store-unavailable'. */
  close(): Promise<void>;
}

export interface DocumentChange<T> {
  doc: unknown;
  result: T;
  /**
   * The document means nothing this many ms after this write (a lease, a flood window): the
   * store may then remove it (Redis by its own TTL, the others by a periodic sweep, expiry.ts).
   * Absent: kept until changed. Only for small side documents ("*…" keys).
   */
  expiresInMs?: number;
}

export interface TextChange<T> {
  /** The new stored text; undefined: write nothing. */
  text: string | undefined;
  result: T;
}

export interface DocumentStoreOptions {
  /** Deadline of every call to the database (read, commit), ms (default DEFAULT_DEADLINE_MS). */
  deadlineMs?: number;
  /** The largest stored text a commit may write, UTF-8 bytes (default: no bound). */
  maxDocumentBytes?: number;
  /** Lost rounds after which an update takes a turn (turns.ts; default TURN_AFTER_LOST_ROUNDS; Infinity: never, to measure starvation). */
  turnAfterLostRounds?: number;
  /** How often expired side documents are swept, ms (default SWEEP_EVERY_MS; 0: never). Redis expires them itself. */
  sweepMs?: number;
}

/** Long enough for a busy SQLite file, short enough to answer within Discord's 3 s. */
export const DEFAULT_DEADLINE_MS = 2000;

/**
 * Read-run-commit rounds of one update before it gives up with 'store-busy'. Each lost
 * round means another writer's update of the same key landed, so the class made progress.
 * 25, not 16: with 3 processes × 50 users on one conversation over Redis on a loaded
 * 2-core machine, one update in 150 lost 16 rounds (test/store/multi-process.test.ts).
 */
export const MAX_UPDATE_ATTEMPTS = 25;

/** The Keyv namespace of Modlab's documents (stored keys are "modlab:<key>"). */
export const NAMESPACE = 'modlab';
