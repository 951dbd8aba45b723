/**
 * Side documents that expire (leases, flood windows): written with `expiresInMs`, their
 * envelope carries Keyv's `expires` (ms since the epoch). Redis drops them by its own TTL
 * (SET … PX); the stores without one (memory, SQLite, PostgreSQL) sweep them: every
 * SWEEP_EVERY_MS each process lists the side documents that carry an expiry and deletes
 * those past it, each with a compare-and-delete, so one renewed in between is kept. Several
 * processes sweeping at once only repeat each other's deletes.
 */
import type { Snapshot } from './optimistic';
import { EXPIRY_GRACE_MS } from './limits';

/** The `expires` the envelope gets for a document meaning nothing after IN_MS: with the grace of clock skew. */
export function expiresAt(inMs: number, now: number = Date.now()): number {
  return now + inMs + EXPIRY_GRACE_MS;
}

/** The physical TTL (Redis PX) of the same, ms. */
export function ttlOf(inMs: number): number {
  return Math.max(1, Math.ceil(inMs + EXPIRY_GRACE_MS));
}

/** sealEnvelope writes `expires` last: a stored text's expiry, read without parsing the document. */
const EXPIRES_AT_END = /,"expires":(\d+)\}$/;

/** The expiry of a stored text, undefined when it has none. */
export function expiryOf(text: string | undefined): number | undefined {
  const m = text === undefined ? null : EXPIRES_AT_END.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Side documents' keys start with "*" (src/scope/store.ts); scope documents never expire. */
export const SIDE_PREFIX = '*';

/** A stored side document that carries an expiry, as a backend's scan lists it. */
export interface Expiring {
  key: string;
  seen: Snapshot;
}

/** Delete every listed document past its expiry at NOW; the number deleted. */
export async function sweepExpired(listed: Expiring[], remove: (entry: Expiring) => Promise<boolean>, now: number = Date.now()): Promise<number> {
  let removed = 0;
  for (const entry of listed) {
    const expires = expiryOf(entry.seen.text);
    if (expires !== undefined && expires <= now && (await remove(entry))) removed++;
  }
  return removed;
}
