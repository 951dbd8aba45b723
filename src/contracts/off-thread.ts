/**
 * What work sent off the main thread gives back (src/app's pool runs it; inline where no
 * budget is wanted): its value, or why there is none. WHY is a clause for the user ("it took
 * longer than 10 s"); the caller puts it in its own sentence, so every failure becomes a
 * reply, never a crash.
 */
export type OffThreadResult<T> =
  | { ok: true; value: T }
  /** TIME, MEMORY: over the work's budget; CRASH: its worker died; FAILED: the work itself threw. */
  | { ok: false; limit: 'time' | 'memory' | 'crash' | 'failed'; why: string };
