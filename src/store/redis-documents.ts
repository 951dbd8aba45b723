/**
 * MODLAB_STORE=redis://HOST:PORT[/DB]: documents in Redis through @keyv/redis, for several
 * bot processes sharing one server. Keys are "<namespace>::<key>" (KeyvRedis' own layout),
 * values Keyv's JSON envelope, so Keyv reads them as any Keyv user would.
 *
 * An update is optimistic (optimistic.ts): GET, run the caller's function, then a Lua
 * script on the adapter's own client writes only if the key's SHA-1 is still the one read.
 * The script runs atomically inside Redis, so no other process can write in between.
 *
 * The client is built with the offline queue disabled: while the server is away, a call
 * fails at once ('store-unavailable') instead of waiting in a queue and landing after its
 * caller was told it failed; the client reconnects by itself in the background.
 */
import { Keyv } from 'keyv';
import KeyvRedis, { createClient } from '@keyv/redis';
import { type DocumentStore, type DocumentStoreOptions, DEFAULT_DEADLINE_MS, NAMESPACE } from './document-store';
import { deserialize, sealEnvelope, serialize } from './envelope';
import { withDeadline } from './deadline';
import { KeyedLock } from './keyed-lock';
import { type CompareAndSet, type Snapshot, type UpdateFn, optimisticUpdate, sha1Version } from './optimistic';
import type { StoreHealth } from './health';

export interface RedisDocumentsOptions extends DocumentStoreOptions {
  /** Key prefix (default "modlab"): tests and several courses on one server keep apart by it. */
  namespace?: string;
}

/** Opening waits longer than a call: a start can afford it, a chat reply cannot. */
const OPEN_DEADLINE_MS = 5000;
/** How long a (re)connection attempt may take before it counts as failed, ms. */
const CONNECT_TIMEOUT_MS = 1000;
/** Reconnection backoff: 50, 100, 200 … capped at 1 s, so recovery is noticed within a second. */
const RECONNECT_CAP_MS = 1000;

/** Write ARGV[2] to KEYS[1] only if its SHA-1 is ARGV[1] ('' = no key). Returns 1 if written. */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
local seen = ''
if current then seen = redis.sha1hex(current) end
if seen ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

export class RedisDocuments implements DocumentStore, CompareAndSet {
  readonly adapter: KeyvRedis<string>;
  readonly keyv: Keyv;
  readonly client: ReturnType<typeof createClient>;
  readonly namespace: string;
  private readonly deadlineMs: number;
  private readonly queue = new KeyedLock();
  private closed = false;
  private lastError: string | undefined;

  constructor(url: string, options: RedisDocumentsOptions = {}) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.namespace = options.namespace ?? NAMESPACE;
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries: number) => Math.min(RECONNECT_CAP_MS, 50 * 2 ** retries),
      },
    });
    // Without a listener node-redis would throw connection errors at the process.
    this.client.on('error', (error: unknown) => {
      this.lastError = error instanceof Error ? error.message : String(error);
    });
    this.adapter = new KeyvRedis<string>(this.client, { namespace: this.namespace, throwOnErrors: true, throwOnConnectError: true });
    this.adapter.on('error', () => undefined);
    this.keyv = new Keyv({ store: this.adapter, namespace: this.namespace, useKeyPrefix: false, serialize, deserialize, throwOnErrors: true });
  }

  /**
   * Connect once, within the deadline; afterwards the client reconnects by itself. A first
   * attempt that fails fails the start (node-redis would otherwise keep retrying quietly).
   */
  async open(): Promise<this> {
    await withDeadline(Math.max(this.deadlineMs, OPEN_DEADLINE_MS), 'connect', async () => {
      let onError: ((error: unknown) => void) | undefined;
      const refused = new Promise<never>((_, reject) => {
        onError = reject;
        this.client.once('error', reject);
      });
      try {
        await Promise.race([this.client.connect(), refused]);
      } finally {
        if (onError) this.client.removeListener('error', onError);
      }
    }).catch(async (error: unknown) => {
      await this.close().catch(() => undefined);
      throw error;
    });
    return this;
  }

  update<T>(key: string, fn: UpdateFn<T>): Promise<T> {
    return this.call('update', (signal) => this.queue.run(key, () => optimisticUpdate(this, key, fn, signal)));
  }

  get(key: string): Promise<unknown> {
    return this.call('get', () => this.keyv.get(key));
  }

  put(key: string, doc: unknown): Promise<void> {
    return this.call('put', (signal) =>
      this.queue.run(key, async () => {
        signal.throwIfAborted();
        await this.client.set(this.stored(key), sealEnvelope(doc));
      }),
    );
  }

  delete(key: string): Promise<void> {
    return this.call('delete', (signal) =>
      this.queue.run(key, async () => {
        signal.throwIfAborted();
        await this.client.del(this.stored(key));
      }),
    );
  }

  async read(key: string): Promise<Snapshot> {
    const raw = (await this.client.get(this.stored(key))) ?? undefined;
    return { raw, version: sha1Version(raw) };
  }

  async commit(key: string, version: string, raw: string): Promise<boolean> {
    const written = await this.client.eval(COMPARE_AND_SET, { keys: [this.stored(key)], arguments: [version, raw] });
    return written === 1;
  }

  /** PING's round trip, or why there is none. */
  async health(): Promise<StoreHealth> {
    const started = performance.now();
    try {
      await withDeadline(this.deadlineMs, 'ping', () => this.client.ping());
      return { store: 'redis', ok: true, latencyMs: performance.now() - started };
    } catch (error) {
      return { store: 'redis', ok: false, error: this.lastError ?? (error instanceof Error ? error.message : String(error)) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.idle();
    // destroy(), not quit(): a quit waits for a server that may be gone.
    if (this.client.isOpen) this.client.destroy();
  }

  /** The Redis key of KEY, as KeyvRedis lays it out ("<namespace>::<key>"). */
  stored(key: string): string {
    return this.adapter.createKeyPrefix(key, this.namespace);
  }

  private call<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return withDeadline(this.deadlineMs, what, (signal) => {
      if (this.closed) throw new Error('the Redis store is closed');
      return work(signal);
    });
  }
}
