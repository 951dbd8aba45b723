/**
 * The update loop of a store shared by several processes over the network (Redis,
 * PostgreSQL): read the raw document, run the caller's function with no lock and no open
 * transaction (it may take seconds: a shell line in a worker), then write only if the
 * stored text is still the one that was read (a compare-and-set on a hash of it). When
 * another process got there first, read again and run the function again.
 *
 * Inside one process a per-key queue (KeyedLock) makes same-key updates wait for each
 * other, so conflicts come only from other processes and a hot conversation does not spin.
 */
import { createHash } from 'node:crypto';
import { ModlabError } from '../app/errors';
import { CallerError } from './deadline';
import { openEnvelope, sealEnvelope } from './envelope';

/** What an update function makes of a document; it may take its time (a Promise). */
export type UpdateFn<T> = (doc: unknown) => { doc: unknown; result: T } | Promise<{ doc: unknown; result: T }>;

/** The raw stored text of a key and the token a later commit must present. */
export interface Snapshot {
  raw: string | undefined;
  /** '' for no document, else the hash of `raw` the store compares before writing. */
  version: string;
}

/** A store's two primitives: read a snapshot; write RAW only if the key still holds VERSION. */
export interface CompareAndSet {
  read(key: string): Promise<Snapshot>;
  /** True when written; false when the key no longer holds VERSION (someone else wrote). */
  commit(key: string, version: string, raw: string): Promise<boolean>;
}

/**
 * Commits lost to other processes before an update gives up with 'store-busy'. With the
 * per-process queue, one conversation hammered by 3 processes × 50 users loses a few
 * rounds at most; 25 lost rounds means the key is far hotter than a class makes it.
 */
export const MAX_CONFLICTS = 25;

/** The version token of RAW: a SHA-1 of its UTF-8 bytes (Redis' redis.sha1hex computes the same). */
export function sha1Version(raw: string | undefined): string {
  return raw === undefined ? '' : createHash('sha1').update(raw, 'utf8').digest('hex');
}

/** The version token of RAW as PostgreSQL's md5(text) computes it. */
export function md5Version(raw: string | undefined): string {
  return raw === undefined ? '' : createHash('md5').update(raw, 'utf8').digest('hex');
}

export async function optimisticUpdate<T>(store: CompareAndSet, key: string, fn: UpdateFn<T>, signal: AbortSignal): Promise<T> {
  for (let conflicts = 0; ; conflicts++) {
    signal.throwIfAborted();
    const { raw, version } = await store.read(key);
    // Parsed afresh on every attempt, so what a failed attempt changed in place is gone.
    const doc = openEnvelope(raw);
    let outcome: { doc: unknown; result: T };
    try {
      outcome = await fn(doc);
    } catch (error) {
      throw new CallerError(error);
    }
    // The deadline passed while FN ran: the caller has been told; nothing may land now.
    signal.throwIfAborted();
    if (await store.commit(key, version, sealEnvelope(outcome.doc))) return outcome.result;
    if (conflicts + 1 >= MAX_CONFLICTS) throw busy(key, conflicts + 1);
    await pause(backoffMs(conflicts));
  }
}

function busy(key: string, conflicts: number): ModlabError {
  return new ModlabError(
    'store-busy',
    'This conversation is very busy right now, so nothing was changed; please try again in a moment.',
    new Error(`update of ${key} lost ${conflicts} compare-and-set rounds to other processes`),
  );
}

/** 1, 2, 4 … 32 ms plus jitter, so processes that collided do not collide again in step. */
function backoffMs(attempt: number): number {
  return Math.min(32, 2 ** attempt) * (0.5 + Math.random());
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
