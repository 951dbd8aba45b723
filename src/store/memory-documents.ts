/**
 * MODLAB_STORE=memory: a Keyv over a Map, for tests and throwaway runs. Documents are
 * stored as JSON text (the same plain serialization as SQLite), so a caller never holds a
 * live reference into the store. Updates of one key are serialised by a per-key lock.
 */
import { Keyv } from 'keyv';
import { type DocumentStore, type DocumentStoreOptions, DEFAULT_DEADLINE_MS, NAMESPACE } from './document-store';
import { deserialize, serialize } from './envelope';
import { callerSide, withDeadline } from './deadline';
import { KeyedLock } from './keyed-lock';

export class MemoryDocuments implements DocumentStore {
  /** Public so tests can stub it (a slow or failing store) or plant raw text in `keyv.store`. */
  readonly keyv: Keyv;
  private readonly deadlineMs: number;
  private readonly locks = new KeyedLock();
  private closed = false;

  constructor(options: DocumentStoreOptions = {}) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.keyv = new Keyv({ store: new Map<string, unknown>(), namespace: NAMESPACE, serialize, deserialize, throwOnErrors: true });
  }

  update<T>(key: string, fn: (doc: unknown) => { doc: unknown; result: T }): Promise<T> {
    return this.call('update', (signal) =>
      this.locks.run(key, async () => {
        signal.throwIfAborted();
        const { doc, result } = callerSide(fn, await this.keyv.get(key));
        signal.throwIfAborted();
        await this.keyv.set(key, doc);
        return result;
      }),
    );
  }

  get(key: string): Promise<unknown> {
    return this.call('get', () => this.keyv.get(key));
  }

  put(key: string, doc: unknown): Promise<void> {
    return this.call('put', (signal) =>
      this.locks.run(key, async () => {
        signal.throwIfAborted();
        await this.keyv.set(key, doc);
      }),
    );
  }

  delete(key: string): Promise<void> {
    return this.call('delete', (signal) =>
      this.locks.run(key, async () => {
        signal.throwIfAborted();
        await this.keyv.delete(key);
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.locks.idle();
  }

  private call<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withDeadline(this.deadlineMs, what, (signal) => {
      if (this.closed) throw new Error('the memory store is closed');
      return work(signal);
    });
  }
}
