/**
 * MODLAB_STORE=sqlite:PATH, the embedded default, over KeyvLibsql. An update follows the
 * DocumentStore contract (OptimisticDocuments): read the row's bytes, run the caller's
 * function outside any transaction, then commit in one statement whose condition is that
 * the row still holds those bytes (UPDATE … WHERE value = those bytes, changes() = 1), so
 * several bot processes can share the file and a slow machine never holds SQLite's write lock.
 */
import { Keyv } from 'keyv';
import { type DocumentStoreOptions, NAMESPACE } from './document-store';
import { deserialize, serialize } from './envelope';
import { type CasBackend, type Snapshot, OptimisticDocuments } from './optimistic';
import { KeyvLibsql, decodeValue } from './keyv-libsql';
import { type Expiring, expiryOf } from './expiry';

export interface SqliteDocumentsOptions extends DocumentStoreOptions {
  /** SQLite's own lock wait before a busy writer retries asynchronously, ms. */
  busyTimeoutMs?: number;
}

export class SqliteDocuments extends OptimisticDocuments {
  /** Public so tests can write raw rows or stub the adapter. */
  readonly adapter: KeyvLibsql;
  readonly keyv: Keyv;

  /** Opens (creating if needed) the SQLite file at PATH; its folder must exist. Throws if it cannot. */
  constructor(path: string, options: SqliteDocumentsOptions = {}) {
    const adapter = new KeyvLibsql({ path, busyTimeoutMs: options.busyTimeoutMs });
    const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, serialize, deserialize, throwOnErrors: true });
    super(new LibsqlBackend(adapter, (key) => keyv._getKeyPrefix(key)), options);
    this.adapter = adapter;
    this.keyv = keyv;
  }
}

class LibsqlBackend implements CasBackend {
  constructor(private readonly adapter: KeyvLibsql, private readonly stored: (key: string) => string) {}

  async read(key: string): Promise<Snapshot> {
    const bytes = await this.adapter.readBytes(this.stored(key));
    return { text: decodeValue(bytes), token: bytes };
  }

  commit(key: string, seen: Snapshot | 'any', text: string | null, signal: AbortSignal): Promise<boolean> {
    return this.adapter.commitIf(this.stored(key), seen === 'any' ? 'any' : (seen.token as Buffer | undefined), text, signal);
  }

  async scan(prefix: string, limit: number): Promise<Expiring[]> {
    const start = this.stored('').length;
    const rows = await this.adapter.scanMarked(this.stored(prefix), ',"expires":', limit);
    const found: Expiring[] = [];
    for (const row of rows) {
      let text: string | undefined;
      try {
        text = decodeValue(row.bytes);
      } catch {
        continue; // a damaged row is the instructor's to see, not the sweep's to delete
      }
      if (expiryOf(text) !== undefined) found.push({ key: row.key.slice(start), seen: { text, token: row.bytes } });
    }
    return found;
  }

  close(): Promise<void> {
    return this.adapter.disconnect();
  }
}
