/**
 * Work that must happen once however many bot processes run (a quiz's timed reveal, an
 * exercise's completion announcement, a Slack event delivered twice): whoever claims the
 * lease does it. A lease is a small side document `*lease:<name>` changed only by the
 * store's atomic update, so two processes can never both hold it; it expires, so the work
 * of a process that crashed while holding it is taken over once TTL has passed.
 *
 * Works on every store (memory, SQLite, Redis, PostgreSQL) through DocumentStore.update.
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
    if (held && held.owner !== owner && held.expiresAt > at) return { doc: held, result: false };
    return { doc: { owner, expiresAt: at + ttlMs }, result: true };
  });
}

/** Give NAME up early (only OWNER's own lease). */
export function release(docs: DocumentStore, name: string, owner: string): Promise<void> {
  return docs.update(leaseKey(name), (doc) => {
    const held = asLease(doc);
    return { doc: held && held.owner === owner ? { owner, expiresAt: 0 } : doc, result: undefined };
  });
}

/**
 * A flood limit shared by every process: at most LIMIT takes of KEY per window of
 * WINDOW ms (a fixed window, as src/app/rate-limit.ts counts in one process). Returns 0
 * when this one is allowed, else the seconds to wait. One small side document per user.
 */
export function takeShared(docs: DocumentStore, key: string, limit: number, windowMs: number, now: () => number = Date.now): Promise<number> {
  return docs.update(`*flood:${key}`, (doc) => {
    const at = now();
    const seen = doc as { start?: unknown; count?: unknown } | undefined;
    const fresh = typeof seen?.start !== 'number' || typeof seen.count !== 'number' || at - seen.start >= windowMs;
    const window = fresh ? { start: at, count: 0 } : { start: seen.start as number, count: seen.count as number };
    if (window.count >= limit) return { doc: window, result: Math.max(1, Math.ceil((window.start + windowMs - at) / 1000)) };
    return { doc: { start: window.start, count: window.count + 1 }, result: 0 };
  });
}
