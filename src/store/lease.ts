/**
 * Work that must happen once however many bot processes run (a quiz's timed reveal, an
 * exercise's completion announcement, a Slack event delivered twice): whoever claims the
 * lease does it. A lease is a small side document `*lease:<name>` changed only by the
 * store's atomic update, so two processes can never both hold it; it expires, so the work
 * of a process that crashed while holding it is taken over once TTL has passed.
 *
 * Works on every store (memory, SQLite, Redis, PostgreSQL) through DocumentStore.update.
 * Every write says when the document stops meaning anything (`expiresInMs`), so leases and
 * flood windows do not pile up: Redis drops them by TTL, the other stores sweep them.
 */
import type { DocumentStore } from './document-store';

interface Lease {
  owner: string;
  expiresAt: number;
}

function leaseKey(name: string): string {
  return `*lease:${name}`;
}

function asLease(doc: unknown): Lease | undefined {
  const lease = doc as Partial<Lease> | undefined;
  return typeof lease?.owner === 'string' && typeof lease.expiresAt === 'number' ? (lease as Lease) : undefined;
}

/**
 * Claim NAME for OWNER for TTL ms: true when OWNER holds it now (newly, again, or renewed),
 * false while another owner's lease has not expired.
 */
export function claim(docs: DocumentStore, name: string, owner: string, ttlMs: number, now: () => number = Date.now): Promise<boolean> {
  return docs.update(leaseKey(name), (doc) => {
    const held = asLease(doc);
    const at = now();
    if (held && held.owner !== owner && held.expiresAt > at) return { doc: held, result: false, expiresInMs: held.expiresAt - at };
    return { doc: { owner, expiresAt: at + ttlMs }, result: true, expiresInMs: ttlMs };
  });
}

/** Give NAME up early (only OWNER's own lease). */
export function release(docs: DocumentStore, name: string, owner: string, now: () => number = Date.now): Promise<void> {
  return docs.update(leaseKey(name), (doc) => {
    const held = asLease(doc);
    if (held && held.owner === owner) return { doc: { owner, expiresAt: 0 }, result: undefined, expiresInMs: 0 };
    return { doc, result: undefined, expiresInMs: held ? Math.max(0, held.expiresAt - now()) : undefined };
  });
}

/**
 * A flood limit shared by every process: at most LIMIT takes of KEY in any WINDOW ms (the
 * sliding window src/app/rate-limit.ts keeps in one process: the times of the recent
 * takes). Returns 0 when this one is allowed (and counts it), else the seconds to wait.
 * One small side document per user, expiring a window after its last take.
 */
export function takeShared(docs: DocumentStore, key: string, limit: number, windowMs: number, now: () => number = Date.now): Promise<number> {
  return docs.update(`*flood:${key}`, (doc) => {
    const at = now();
    const seen = (doc as { times?: unknown } | undefined)?.times;
    const times = Array.isArray(seen) ? seen.filter((t): t is number => typeof t === 'number' && t > at - windowMs && t <= at).slice(-limit) : [];
    if (times.length >= limit) {
      return { doc: { times }, result: Math.max(1, Math.ceil(((times[0] ?? at) + windowMs - at) / 1000)), expiresInMs: windowMs };
    }
    return { doc: { times: [...times, at] }, result: 0, expiresInMs: windowMs };
  });
}
