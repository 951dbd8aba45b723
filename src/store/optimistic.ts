/**
 * The DocumentStore's update as document-store.ts describes it, over any store that can
 * read a key's text and commit a new text only if the stored one is still what was read
 * (a CasBackend). The memory, SQLite, Redis (a Lua compare-and-set on the value's SHA-1,
 * redis-documents.ts) and PostgreSQL (UPDATE … WHERE md5(value), postgres-documents.ts)
 * stores are such backends: this is the one update loop of every store.
 */
import { ModlabError } from '../contracts/errors';
import {
  type DocumentChange, type DocumentStore, type DocumentStoreOptions, type TextChange,
  DEFAULT_DEADLINE_MS, MAX_UPDATE_ATTEMPTS,
} from './document-store';
import { openEnvelope, sealEnvelope } from './envelope';
import { withDeadline } from './deadline';
import { KeyedLock } from './keyed-lock';
import { randomUUID } from 'node:crypto';
import { type Expiring, SIDE_PREFIX, expiresAt, sweepExpired, ttlOf } from './expiry';
import { SWEEP_BATCH, SWEEP_EVERY_MS, TURN_AFTER_LOST_ROUNDS, TURN_MS, TURN_POLL_MS } from './limits';
import { othersTurn, turnOf, withTurn, withoutTurn } from './turns';

/** What a read saw: the stored text (undefined: no document) and whatever the backend needs to compare. */
export interface Snapshot {
  text: string | undefined;
  /** The backend's own version token (e.g. the stored bytes); opaque to this file. */
  token: unknown;
}

export interface CasBackend {
  /** The stored text of KEY now. A stored value that is not valid text is 'state-damaged'. */
  read(key: string, signal: AbortSignal): Promise<Snapshot>;
  /**
   * Write TEXT (null: delete) if KEY still holds what SEEN read (SEEN 'any': unconditionally),
   * atomically; false when another writer got there first. Never writes once SIGNAL aborted.
   * TTL_MS (when given): a store with its own expiry (Redis) removes KEY that long after.
   */
  commit(key: string, seen: Snapshot | 'any', text: string | null, signal: AbortSignal, ttlMs?: number): Promise<boolean>;
  /**
   * Stores without their own expiry: up to LIMIT documents whose key starts with PREFIX and
   * whose text carries an expiry (expiry.ts), for the periodic sweep. Absent: no sweeping.
   */
  scan?(prefix: string, limit: number, signal: AbortSignal): Promise<Expiring[]>;
  /** Release the connection (after the last call). */
  close(): Promise<void>;
}

export class OptimisticDocuments implements DocumentStore {
  private readonly deadlineMs: number;
  private readonly maxBytes: number;
  private readonly locks = new KeyedLock();
  private closed = false;
  private readonly sweeper: NodeJS.Timeout | undefined;
  private readonly turnAfter: number;
  /** How contended this process's updates were (bench, tests): lost rounds, the most of one update, turns taken. */
  readonly contention = { lostRounds: 0, maxLostRounds: 0, turns: 0 };

  /** BACKEND is public so tests can stub it (a slow, failing or contended store). */
  constructor(readonly backend: CasBackend, options: DocumentStoreOptions = {}) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.maxBytes = options.maxDocumentBytes ?? Infinity;
    this.turnAfter = options.turnAfterLostRounds ?? TURN_AFTER_LOST_ROUNDS;
    const every = options.sweepMs ?? SWEEP_EVERY_MS;
    if (backend.scan && every > 0) {
      this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), every);
      this.sweeper.unref();
    }
  }

  update<T>(key: string, fn: (doc: unknown) => DocumentChange<T> | Promise<DocumentChange<T>>): Promise<T> {
    let ttlMs: number | undefined;
    return this.updateText(key, async (stored) => {
      const { doc, result, expiresInMs } = await fn(openEnvelope(stored));
      ttlMs = expiresInMs === undefined ? undefined : ttlOf(expiresInMs);
      return { text: sealEnvelope(doc, expiresInMs === undefined ? undefined : expiresAt(expiresInMs)), result };
    }, () => ttlMs);
  }

  updateText<T>(key: string, fn: (stored: string | undefined) => Promise<TextChange<T>>, ttl: () => number | undefined = () => undefined): Promise<T> {
    return this.locks.run(key, async () => {
      const me = randomUUID();
      let mine = false;
      let lost = 0;
      try {
        for (let attempt = 1; ; attempt++) {
          let seen = await this.waitForTurn(key, await this.read(key), me);
          if (lost >= this.turnAfter && !mine) {
            // Starved: ask the others to let this update through once (turns.ts).
            const marked = withTurn(seen.text, { owner: me, until: Date.now() + TURN_MS });
            if (marked !== undefined && (await this.call('update', (signal) => this.backend.commit(key, seen, marked, signal)))) {
              mine = true;
              this.contention.turns++;
              seen = await this.read(key);
            } else if (marked !== undefined) {
              // Someone wrote in between: mark the newer text (quick) rather than run FN for nothing.
              if (attempt >= MAX_UPDATE_ATTEMPTS) throw this.busy(key, attempt);
              continue;
            }
          }
          // The caller's work: no deadline of ours, no lock of the database; its errors are its own.
          const { text, result } = await fn(withoutTurn(seen.text));
          if (text === undefined) {
            if (mine) await this.endTurn(key, me);
            mine = false;
            return result;
          }
          const bare = withoutTurn(text);
          this.checkSize(bare);
          if (await this.call('update', (signal) => this.backend.commit(key, seen, bare, signal, ttl()))) {
            mine = false;
            this.noteLost(lost);
            return result;
          }
          lost++;
          // Another writer overrode the turn (its wait ran out): ask for a new one next round.
          mine = false;
          if (attempt >= MAX_UPDATE_ATTEMPTS) {
            this.noteLost(lost);
            throw this.busy(key, attempt);
          }
          // 1, 2, 4 … 32 ms with jitter, so writers that collided do not collide again in step.
          await pause(Math.min(32, 2 ** attempt) * (0.5 + Math.random()));
        }
      } finally {
        if (mine) await this.endTurn(key, me);
      }
    });
  }

  /**
   * Remove the expired side documents (expiry.ts) of a store without its own TTL; the
   * number removed. Runs every SWEEP_EVERY_MS by itself; tests and the bench call it.
   */
  async sweep(now: number = Date.now()): Promise<number> {
    const { scan } = this.backend;
    if (!scan || this.closed) return 0;
    const listed = await this.call('sweep', (signal) => scan.call(this.backend, SIDE_PREFIX, SWEEP_BATCH, signal));
    return sweepExpired(listed, (entry) => this.locks.run(entry.key, () => this.call('sweep', (signal) => this.backend.commit(entry.key, entry.seen, null, signal))), now);
  }

  private read(key: string): Promise<Snapshot> {
    return this.call('update', (signal) => this.backend.read(key, signal));
  }

  /** SEEN, or once another writer's turn on KEY has ended (committed or timed out), KEY read again. */
  private async waitForTurn(key: string, seen: Snapshot, me: string): Promise<Snapshot> {
    const giveUp = Date.now() + TURN_MS;
    while (othersTurn(seen.text, me, Math.min(Date.now(), giveUp)) && Date.now() < giveUp) {
      await pause(TURN_POLL_MS);
      seen = await this.read(key);
    }
    return seen;
  }

  /** Take ME's mark off KEY when the update wrote nothing or failed (best effort: it expires anyway). */
  private async endTurn(key: string, me: string): Promise<void> {
    try {
      const seen = await this.read(key);
      if (turnOf(seen.text)?.owner === me) await this.call('update', (signal) => this.backend.commit(key, seen, withoutTurn(seen.text) ?? null, signal));
    } catch {
      // The mark ends at its `until` by itself.
    }
  }

  private busy(key: string, attempt: number): ModlabError {
    return new ModlabError('store-busy', 'This conversation is busy (others changed its machine at the same moment); nothing was changed, please try again.', new Error(`update of ${key} lost ${attempt} compare-and-commit rounds`));
  }

  private noteLost(lost: number): void {
    this.contention.lostRounds += lost;
    this.contention.maxLostRounds = Math.max(this.contention.maxLostRounds, lost);
  }

  async get(key: string): Promise<unknown> {
    const seen = await this.call('get', (signal) => this.backend.read(key, signal));
    return openEnvelope(seen.text);
  }

  put(key: string, doc: unknown): Promise<void> {
    const text = sealEnvelope(doc);
    return this.locks.run(key, async () => {
      this.checkSize(text);
      await this.call('put', (signal) => this.backend.commit(key, 'any', text, signal));
    });
  }

  delete(key: string): Promise<void> {
    return this.locks.run(key, async () => {
      await this.call('delete', (signal) => this.backend.commit(key, 'any', null, signal));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await this.locks.idle();
    await withDeadline(this.deadlineMs, 'close', () => this.backend.close());
  }

  private call<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withDeadline(this.deadlineMs, what, (signal) => {
      if (this.closed) throw new Error('the store is closed');
      return work(signal);
    });
  }

  private checkSize(text: string): void {
    // Cheap before exact: a string's UTF-8 size is at most 3 bytes per UTF-16 unit.
    if (text.length * 3 <= this.maxBytes) return;
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.maxBytes) throw documentTooBig(bytes, this.maxBytes);
  }
}

/** The user's line for a change that would make the saved document bigger than its bound. */
export function documentTooBig(bytes: number, max: number): ModlabError {
  return new ModlabError(
    'over-budget',
    `Refused: this would make the conversation's saved machine ${formatBytes(bytes)}, and one may hold at most ${formatBytes(max)}; nothing it did was kept.`,
    new Error(`document of ${bytes} bytes over the bound of ${max}`),
  );
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} kB`;
  return `${bytes} bytes`;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
