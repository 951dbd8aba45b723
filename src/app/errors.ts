/**
 * Coded errors at Modlab's boundaries (store, app, adapters), after bolt-js src/errors.ts:
 * a string code the log and the code can switch on, one line the user can act on, and the
 * original error kept as `cause` for the log only. Inside the simulation errors are Linux's
 * (negative errnos, exit codes, printk lines), never these.
 */
export type ModlabErrorCode =
  /** The store cannot be reached or refused the call (disk, permissions, closed connection). */
  | 'store-unavailable'
  /** The store did not answer within its deadline. */
  | 'store-timeout'
  /** Other processes kept changing the document, so an update gave up (too many lost compare-and-sets). */
  | 'store-busy'
  /** A scope's saved state cannot be read (not JSON, wrong shape, newer schema). */
  | 'state-damaged'
  /** Configuration Modlab cannot use (e.g. an unknown MODLAB_STORE). */
  | 'bad-config'
  /** The user may not do this (instructor-only command). */
  | 'forbidden'
  /** The user must wait before using this command again. */
  | 'cooldown'
  | 'unknown-command'
  /** Anything else: a bug. */
  | 'internal';

export class ModlabError extends Error {
  override readonly name = 'ModlabError';

  /**
   * @param code what kind of failure this is
   * @param userMessage one helpful line for the user (also the Error message)
   * @param cause the underlying error, for the log; never shown to the user
   */
  constructor(
    readonly code: ModlabErrorCode,
    readonly userMessage: string,
    override readonly cause?: unknown,
  ) {
    super(userMessage);
  }
}

export function isModlabError(error: unknown, code?: ModlabErrorCode): error is ModlabError {
  return error instanceof ModlabError && (code === undefined || error.code === code);
}

/** Wrap anything thrown into a ModlabError ('internal' unless it already is one), as bolt-js asCodedError does. */
export function asModlabError(error: unknown): ModlabError {
  if (error instanceof ModlabError) return error;
  return new ModlabError('internal', 'Something went wrong inside Modlab; the error has been logged.', error);
}
