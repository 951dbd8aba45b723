/**
 * MODLAB_STORE=memory: documents as JSON text in a Map (behind a Keyv, whose key prefix
 * and namespace match the SQLite store's), for tests and throwaway runs. Text, never live
 * objects, so a caller never holds a reference into the store. Updates follow the
 * DocumentStore contract through OptimisticDocuments; the compare of a commit is a string
 * comparison (the same string object when nobody wrote in between).
 */
import { Keyv } from 'keyv';
import { type DocumentStoreOptions, NAMESPACE } from './document-store';
import { damaged, deserialize, serialize } from './envelope';
import { type CasBackend, type Snapshot, OptimisticDocuments } from './optimistic';
import { type Expiring, expiryOf } from './expiry';

export class MemoryDocuments extends OptimisticDocuments {
  /** Public so tests can plant raw text in `keyv.store`. */
  readonly keyv: Keyv;

  constructor(options: DocumentStoreOptions = {}) {
    const keyv = new Keyv({ store: new Map<string, unknown>(), namespace: NAMESPACE, serialize, deserialize, throwOnErrors: true });
    super(new MapBackend(keyv.store as Map<string, unknown>, (key) => keyv._getKeyPrefix(key)), options);
    this.keyv = keyv;
  }
}

class MapBackend implements CasBackend {
  private open = true;

  constructor(private readonly map: Map<string, unknown>, private readonly stored: (key: string) => string) {}

  async read(key: string): Promise<Snapshot> {
    if (!this.open) throw new Error('the memory store is closed');
    const text = this.map.get(this.stored(key));
    if (text !== undefined && typeof text !== 'string') throw damaged('it is not stored text');
    return { text, token: text };
  }

  async commit(key: string, seen: Snapshot | 'any', text: string | null, signal: AbortSignal): Promise<boolean> {
    signal.throwIfAborted();
    if (!this.open) throw new Error('the memory store is closed');
    const name = this.stored(key);
    if (seen !== 'any' && this.map.get(name) !== seen.token) return false;
    if (text === null) this.map.delete(name);
    else this.map.set(name, text);
    return true;
  }

  async scan(prefix: string, limit: number): Promise<Expiring[]> {
    const stored = this.stored(prefix);
    const start = this.stored('').length;
    const found: Expiring[] = [];
    for (const [name, text] of this.map) {
      if (found.length >= limit) break;
      if (typeof text === 'string' && name.startsWith(stored) && expiryOf(text) !== undefined) found.push({ key: name.slice(start), seen: { text, token: text } });
    }
    return found;
  }

  async close(): Promise<void> {
    this.open = false;
  }
}
