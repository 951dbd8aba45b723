/**
 * Every store call runs under a deadline: an unreachable or stuck store must give the user
 * an error within seconds, never hang a chat interaction (Discord's is 3 s).
 */
import { ModlabError } from '../contracts/errors';

/**
 * Thrown around an error from the caller's own function, so the store layer passes it on
 * unchanged instead of calling it a store failure.
 */
export class CallerError {
  constructor(readonly error: unknown) {}
}

/** Call FN inside a store transaction; an error it throws is the caller's, not the store's. */
export function callerSide<A, R>(fn: (arg: A) => R, arg: A): R {
  try {
    return fn(arg);
  } catch (error) {
    throw new CallerError(error);
  }
}

/**
 * Run WORK, rejecting with 'store-timeout' after MS. WORK gets a signal that aborts at the
 * deadline, so queued work that has not started yet never starts (no write lands after
 * the caller was told it timed out). Store failures become 'store-unavailable'.
 */
export async function withDeadline<T>(ms: number, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ModlabError('store-timeout', `Modlab's store did not answer within ${ms} ms; please try again in a moment.`, new Error(`${what} timed out after ${ms} ms`));
      controller.abort(error);
      reject(error);
    }, ms);
  });
  let running: Promise<T>;
  try {
    running = work(controller.signal);
  } catch (error) {
    running = Promise.reject(error);
  }
  // If the deadline wins, WORK's late failure must not become an unhandled rejection.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } catch (error) {
    throw storeFailure(error, what);
  } finally {
    clearTimeout(timer);
  }
}

/** What the caller sees for ERROR thrown while doing WHAT. */
export function storeFailure(error: unknown, what: string): unknown {
  if (error instanceof CallerError) return error.error;
  if (error instanceof ModlabError) return error;
  return new ModlabError('store-unavailable', `Modlab's store is unavailable right now (${what} failed), so nothing was changed; please try again in a moment.`, error);
}
