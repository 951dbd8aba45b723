/** How an awk run stops with an error (error.c): rt_error() and errmsg() + mawk_exit(). */

/** rt_error(): "PROG: run time error: …", where it was (FILENAME, FNR, NR), status 2. */
export class AwkRuntimeError extends Error {}

/** errmsg() + mawk_exit(): "PROG: message", then STATUS (BARE: the message alone, as a signal's). */
export class AwkFatal extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly bare = false,
  ) {
    super(message);
  }
}
