/**
 * MODLAB_STORE=redis://HOST:PORT[/DB]: documents in Redis through @keyv/redis, for several
 * bot processes sharing one server. Keys are "<namespace>::<key>" (KeyvRedis' own layout),
 * values Keyv's JSON envelope, so Keyv reads them as any Keyv user would.
 *
 * Updates run through OptimisticDocuments (optimistic.ts), the one update loop of every
 * store; this file is its CasBackend: GET, and a commit that is a Lua script on the
 * adapter's own client, writing only if the key's SHA-1 is still the one read. The script
 * runs atomically inside Redis, so no other process can write in between.
 *
 * The client is built with the offline queue disabled: while the server is away, a call
 * fails at once ('store-unavailable') instead of waiting in a queue and landing after its
 * caller was told it failed; the client reconnects by itself in the background.
 */
import { createHash } from 'node:crypto';
import { Keyv } from 'keyv';
import KeyvRedis, { createClient } from '@keyv/redis';
import { type DocumentStoreOptions, DEFAULT_DEADLINE_MS, NAMESPACE } from './document-store';
import { deserialize, serialize } from './envelope';
import { withDeadline } from './deadline';
import { type CasBackend, type Snapshot, OptimisticDocuments } from './optimistic';
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

/**
 * Write ARGV[2] to KEYS[1] (ARGV[3] = 'del': delete it) only if its SHA-1 is ARGV[1]
 * ('' = no key); ARGV[4], when not '', is the key's TTL in ms (a lease, a flood window:
 * Redis removes it by itself; a SET without PX clears an earlier TTL). Returns 1 if written.
 */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
local seen = ''
if current then seen = redis.sha1hex(current) end
if seen ~= ARGV[1] then return 0 end
if ARGV[3] == 'del' then redis.call('DEL', KEYS[1])
elseif ARGV[4] ~= '' then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
else redis.call('SET', KEYS[1], ARGV[2]) end
return 1
`;

/** The version token of RAW: a SHA-1 of its UTF-8 bytes (Redis' redis.sha1hex computes the same). */
export function sha1Version(raw: string | undefined): string {
  return raw === undefined ? '' : createHash('sha1').update(raw, 'utf8').digest('hex');
}

type RedisClient = ReturnType<typeof createClient>;

export class RedisDocuments extends OptimisticDocuments {
  readonly adapter: KeyvRedis<string>;
  readonly keyv: Keyv;
  readonly client: RedisClient;
  readonly namespace: string;
  private readonly callDeadlineMs: number;
  private readonly errors: { last: string | undefined };

  constructor(url: string, options: RedisDocumentsOptions = {}) {
    const namespace = options.namespace ?? NAMESPACE;
    const client: RedisClient = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries: number) => Math.min(RECONNECT_CAP_MS, 50 * 2 ** retries),
      },
    });
    const errors: { last: string | undefined } = { last: undefined };
    // Without a listener node-redis would throw connection errors at the process.
    client.on('error', (error: unknown) => {
      errors.last = error instanceof Error ? error.message : String(error);
    });
    const adapter = new KeyvRedis<string>(client, { namespace, throwOnErrors: true, throwOnConnectError: true });
    adapter.on('error', () => undefined);
    super(new RedisBackend(client, (key) => adapter.createKeyPrefix(key, namespace)), options);
    this.client = client;
    this.adapter = adapter;
    this.namespace = namespace;
    this.errors = errors;
    this.callDeadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    this.keyv = new Keyv({ store: adapter, namespace, useKeyPrefix: false, serialize, deserialize, throwOnErrors: true });
  }

  /**
   * Connect once, within the deadline; afterwards the client reconnects by itself. A first
   * attempt that fails fails the start (node-redis would otherwise keep retrying quietly).
   */
  async open(): Promise<this> {
    await withDeadline(Math.max(this.callDeadlineMs, OPEN_DEADLINE_MS), 'connect', async () => {
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

  /** PING's round trip, or why there is none. */
  async health(): Promise<StoreHealth> {
    const started = performance.now();
    try {
      await withDeadline(this.callDeadlineMs, 'ping', () => this.client.ping());
      return { store: 'redis', ok: true, latencyMs: performance.now() - started };
    } catch (error) {
      return { store: 'redis', ok: false, error: this.errors.last ?? (error instanceof Error ? error.message : String(error)) };
    }
  }

  /** The Redis key of KEY, as KeyvRedis lays it out ("<namespace>::<key>"). */
  stored(key: string): string {
    return this.adapter.createKeyPrefix(key, this.namespace);
  }
}

/** GET and the compare-and-set script, on the client's own connection. */
class RedisBackend implements CasBackend {
  constructor(private readonly client: RedisClient, private readonly stored: (key: string) => string) {}

  async read(key: string): Promise<Snapshot> {
    const text = (await this.client.get(this.stored(key))) ?? undefined;
    return { text, token: sha1Version(text) };
  }

  async commit(key: string, seen: Snapshot | 'any', text: string | null, signal: AbortSignal, ttlMs?: number): Promise<boolean> {
    signal.throwIfAborted();
    const name = this.stored(key);
    if (seen === 'any') {
      if (text === null) await this.client.del(name);
      else await this.client.set(name, text, ttlMs === undefined ? undefined : { PX: ttlMs });
      return true;
    }
    const written = await this.client.eval(COMPARE_AND_SET, {
      keys: [name],
      arguments: [seen.token as string, text ?? '', text === null ? 'del' : 'set', ttlMs === undefined ? '' : String(ttlMs)],
    });
    return written === 1;
  }

  async close(): Promise<void> {
    // destroy(), not quit(): a quit waits for a server that may be gone.
    if (this.client.isOpen) this.client.destroy();
  }
}
