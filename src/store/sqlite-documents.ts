/**
 * MODLAB_STORE=sqlite:PATH, the embedded default: a Keyv over KeyvLibsql. Reads and writes
 * go through Keyv (plain JSON, errors thrown, not swallowed); an update is the adapter's
 * `transact`, one BEGIN IMMEDIATE transaction, so several bot processes can share the file.
 */
import { Keyv } from 'keyv';
import { type DocumentStore, type DocumentStoreOptions, DEFAULT_DEADLINE_MS, NAMESPACE } from './document-store';
import { deserialize, openEnvelope, sealEnvelope, serialize } from './envelope';
import { callerSide, withDeadline } from './deadline';
import { KeyvLibsql } from './keyv-libsql';

export interface SqliteDocumentsOptions extends DocumentStoreOptions {
  /** SQLite's own lock wait before a busy writer retries asynchronously, ms. */
  busyTimeoutMs?: number;
}

export class SqliteDocuments implements DocumentStore {
  /** Public so tests can stub `transact` or `get` (a slow or failing store) or write raw rows. */
  readonly adapter: KeyvLibsql;
  readonly keyv: Keyv;
  private readonly deadlineMs: number;

  /** Opens (creating if needed) the SQLite file at PATH; its folder must exist. Throws if it cannot. */
  constructor(path: string, options: SqliteDocumentsOptions = {}) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.adapter = new KeyvLibsql({ path, busyTimeoutMs: options.busyTimeoutMs });
    this.keyv = new Keyv({ store: this.adapter, namespace: NAMESPACE, serialize, deserialize, throwOnErrors: true });
  }

  update<T>(key: string, fn: (doc: unknown) => { doc: unknown; result: T }): Promise<T> {
    return withDeadline(this.deadlineMs, 'update', (signal) =>
      this.adapter.transact(
        this.keyv._getKeyPrefix(key),
        (raw) => {
          const { doc, result } = callerSide(fn, openEnvelope(raw));
          return { value: sealEnvelope(doc), result };
        },
        signal,
      ),
    );
  }

  get(key: string): Promise<unknown> {
    return withDeadline(this.deadlineMs, 'get', () => this.keyv.get(key));
  }

  put(key: string, doc: unknown): Promise<void> {
    return withDeadline(this.deadlineMs, 'put', async (signal) => {
      await this.adapter.transact(this.keyv._getKeyPrefix(key), () => ({ value: sealEnvelope(doc), result: undefined }), signal);
    });
  }

  delete(key: string): Promise<void> {
    // Through transact, not keyv.delete, so a delete that missed its deadline never lands later.
    return withDeadline(this.deadlineMs, 'delete', async (signal) => {
      await this.adapter.transact(this.keyv._getKeyPrefix(key), () => ({ value: null, result: undefined }), signal);
    });
  }

  close(): Promise<void> {
    return withDeadline(this.deadlineMs, 'close', () => this.adapter.disconnect());
  }
}
