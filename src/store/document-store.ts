/**
 * The persistence contract under ScopeStore: JSON documents by key, each changed only by
 * an atomic `update` (no lost update, within one process or across several sharing a
 * store). Every call has a deadline; failures are ModlabErrors:
 * 'store-unavailable' (cause kept for the log), 'store-timeout', 'state-damaged'.
 */
export interface DocumentStore {
  /**
   * Run FN on the current document (undefined when there is none) and save the `doc` it
   * returns (the same object changed in place, or a new one), all or nothing. If FN throws,
   * nothing is saved and its error reaches the caller unchanged.
   */
  update<T>(key: string, fn: (doc: unknown) => { doc: unknown; result: T }): Promise<T>;
  /** The current document, undefined when there is none. */
  get(key: string): Promise<unknown>;
  /** Replace the document without reading it (how a damaged one is reset). */
  put(key: string, doc: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Let in-flight calls finish, then release the store; later calls fail with 'store-unavailable'. */
  close(): Promise<void>;
}

export interface DocumentStoreOptions {
  /** Deadline of every call, ms (default DEFAULT_DEADLINE_MS). */
  deadlineMs?: number;
}

/** Long enough for a busy SQLite file, short enough to answer within Discord's 3 s. */
export const DEFAULT_DEADLINE_MS = 2000;

/** The Keyv namespace of Modlab's documents (stored keys are "modlab:<key>"). */
export const NAMESPACE = 'modlab';
