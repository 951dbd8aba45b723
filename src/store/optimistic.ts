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
   */
  commit(key: string, seen: Snapshot | 'any', text: string | null, signal: AbortSignal): Promise<boolean>;
  /** Release the connection (after the last call). */
  close(): Promise<void>;
}

export class OptimisticDocuments implements DocumentStore {
  private readonly deadlineMs: number;
  private readonly maxBytes: number;
  private readonly locks = new KeyedLock();
  private closed = false;

  /** BACKEND is public so tests can stub it (a slow, failing or contended store). */
  constructor(readonly backend: CasBackend, options: DocumentStoreOptions = {}) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.maxBytes = options.maxDocumentBytes ?? Infinity;
  }

  update<T>(key: string, fn: (doc: unknown) => DocumentChange<T> | Promise<DocumentChange<T>>): Promise<T> {
    return this.updateText(key, async (stored) => {
      const { doc, result } = await fn(openEnvelope(stored));
      return { text: sealEnvelope(doc), result };
    });
  }

  updateText<T>(key: string, fn: (stored: string | undefined) => Promise<TextChange<T>>): Promise<T> {
    return this.locks.run(key, async () => {
      for (let attempt = 1; ; attempt++) {
        const seen = await this.call('update', (signal) => this.backend.read(key, signal));
        // The caller's work: no deadline of ours, no lock of the database; its errors are its own.
        const { text, result } = await fn(seen.text);
        if (text === undefined) return result;
        this.checkSize(text);
        if (await this.call('update', (signal) => this.backend.commit(key, seen, text, signal))) return result;
        if (attempt >= MAX_UPDATE_ATTEMPTS) {
          throw new ModlabError('store-busy', 'This conversation is busy (others changed its machine at the same moment); nothing was changed, please try again.', new Error(`update of ${key} lost ${attempt} compare-and-commit rounds`));
        }
        // 1, 2, 4 … 32 ms with jitter, so writers that collided do not collide again in step.
        await pause(Math.min(32, 2 ** attempt) * (0.5 + Math.random()));
      }
    });
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
