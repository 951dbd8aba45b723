/**
 * MODLAB_STORE=postgres://… (or postgresql://…): documents in PostgreSQL through
 * @keyv/postgres, in its own table layout `keyv(key VARCHAR(255) PRIMARY KEY, value TEXT)`
 * (keys "modlab:<key>", values Keyv's JSON envelope), for several bot processes.
 *
 * Updates run through OptimisticDocuments (optimistic.ts), the one update loop of every
 * store; this file is its CasBackend: read the row and md5(value), and (after the caller's
 * function ran with no transaction open) one statement that writes only if md5(value) is
 * still what was read (`UPDATE … WHERE md5(value) = $2`, or `INSERT … ON CONFLICT DO
 * NOTHING` for a new key). A single statement is atomic, so no lock is ever held across
 * the caller's function and a process that dies mid-update leaves nothing behind.
 *
 * @keyv/postgres 2.x keeps one pool per module and ends it on any instance's disconnect;
 * this store gives its adapter a pool of its own (connect() overridden) so two stores (a
 * migration's source and target, tests) never close each other's, and it listens for the
 * pool's errors, since an idle connection killed by a database restart would otherwise
 * crash the process.
 */
import { Keyv } from 'keyv';
import KeyvPostgres, { type KeyvPostgresOptions } from '@keyv/postgres';
import pg from 'pg';
import { type DocumentStoreOptions, DEFAULT_DEADLINE_MS, NAMESPACE } from './document-store';
import { deserialize, serialize } from './envelope';
import { withDeadline } from './deadline';
import { type CasBackend, type Snapshot, OptimisticDocuments } from './optimistic';
import type { StoreHealth } from './health';
import { type Expiring, expiryOf } from './expiry';

export interface PostgresDocumentsOptions extends DocumentStoreOptions {
  /** Schema of the table (default "public"); tests and several courses keep apart by it. */
  schema?: string;
  /** Connections per process (default 10). */
  poolSize?: number;
}

/** Opening waits longer than a call: a start can afford it, a chat reply cannot. */
const OPEN_DEADLINE_MS = 5000;
/** How long opening a connection may take before the call fails, ms. */
const CONNECT_TIMEOUT_MS = 1000;
/** @keyv/postgres' own column size for keys. */
const KEY_SIZE = 255;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The @keyv/postgres adapter on a pool of its own (see the file comment). */
class OwnPoolPostgres extends KeyvPostgres {
  declare pool: pg.Pool;

  override async connect(): Promise<(sql: string, values?: unknown) => Promise<unknown[]>> {
    const { uri, ...rest } = this.opts;
    this.pool = new pg.Pool({ ...rest, connectionString: uri });
    this.pool.on('error', () => undefined);
    return async (sql, values) => (await this.pool.query(sql, values as unknown[])).rows;
  }

  override async disconnect(): Promise<void> {
    await this.pool.end();
  }
}

interface Row {
  value: string | null;
  version: string | null;
}

export class PostgresDocuments extends OptimisticDocuments {
  readonly adapter: OwnPoolPostgres;
  readonly keyv: Keyv;
  readonly table: string;
  private readonly callDeadlineMs: number;

  constructor(uri: string, options: PostgresDocumentsOptions = {}) {
    const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const schema = options.schema ?? 'public';
    if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    const table = `${schema}.keyv`;
    const adapterOptions: KeyvPostgresOptions = {
      uri,
      schema,
      keySize: KEY_SIZE,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A statement stuck behind a dead connection or a lock gives up at the deadline.
      query_timeout: deadlineMs,
      statement_timeout: deadlineMs,
      keepAlive: true,
    };
    const adapter = new OwnPoolPostgres(adapterOptions);
    // The adapter reports its own CREATE TABLE's failure as an event; open() creates the table itself.
    adapter.on('error', () => undefined);
    const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, serialize, deserialize, throwOnErrors: true });
    super(new PostgresBackend(adapter, table, (key) => keyv._getKeyPrefix(key)), options);
    this.adapter = adapter;
    this.keyv = keyv;
    this.table = table;
    this.callDeadlineMs = deadlineMs;
  }

  /** Reach the server and create the schema and table if missing, within the deadline. */
  async open(): Promise<this> {
    const [schema] = this.table.split('.');
    try {
      await withDeadline(Math.max(this.callDeadlineMs, OPEN_DEADLINE_MS), 'connect', async () => {
        await this.adapter.pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch(ignoreDuplicate);
        await this.adapter.pool
          .query(`CREATE TABLE IF NOT EXISTS ${this.table} (key VARCHAR(${KEY_SIZE}) PRIMARY KEY, value TEXT)`)
          .catch(ignoreDuplicate);
      });
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
    return this;
  }

  /** One `SELECT 1` round trip, or why there is none. */
  async health(): Promise<StoreHealth> {
    const started = performance.now();
    try {
      await withDeadline(this.callDeadlineMs, 'ping', () => this.adapter.pool.query('SELECT 1'));
      return { store: 'postgres', ok: true, latencyMs: performance.now() - started };
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause ?? error;
      return { store: 'postgres', ok: false, error: cause instanceof Error ? cause.message : String(cause) };
    }
  }

  /** The row key of KEY, as Keyv lays it out ("modlab:<key>"). */
  stored(key: string): string {
    return this.keyv._getKeyPrefix(key);
  }
}

/**
 * The row and its md5 in one SELECT; commits are single statements comparing md5(value)
 * ('' = no row, 'null' = a NULL value), so no lock is held between read and commit.
 */
class PostgresBackend implements CasBackend {
  constructor(private readonly adapter: OwnPoolPostgres, private readonly table: string, private readonly stored: (key: string) => string) {}

  async read(key: string): Promise<Snapshot> {
    const { rows } = await this.adapter.pool.query<Row>(`SELECT value, md5(value) AS version FROM ${this.table} WHERE key = $1`, [this.stored(key)]);
    const row = rows[0];
    if (row === undefined) return { text: undefined, token: '' };
    return { text: row.value ?? undefined, token: row.version ?? 'null' };
  }

  async commit(key: string, seen: Snapshot | 'any', text: string | null, signal: AbortSignal): Promise<boolean> {
    signal.throwIfAborted();
    const stored = this.stored(key);
    const { pool } = this.adapter;
    if (seen === 'any') {
      if (text === null) await pool.query(`DELETE FROM ${this.table} WHERE key = $1`, [stored]);
      else await pool.query(`INSERT INTO ${this.table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [stored, text]);
      return true;
    }
    const version = seen.token as string;
    if (text === null) {
      if (version === '') return (await this.read(key)).token === '';
      const { rowCount } = await pool.query(`DELETE FROM ${this.table} WHERE key = $1 AND coalesce(md5(value), 'null') = $2`, [stored, version]);
      return rowCount === 1;
    }
    const { rowCount } =
      version === ''
        ? await pool.query(`INSERT INTO ${this.table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [stored, text])
        : await pool.query(`UPDATE ${this.table} SET value = $2 WHERE key = $1 AND coalesce(md5(value), 'null') = $3`, [stored, text, version]);
    return rowCount === 1;
  }

  async scan(prefix: string, limit: number): Promise<Expiring[]> {
    const stored = this.stored(prefix);
    const start = this.stored('').length;
    // Only the rows that carry an expiry (sealEnvelope writes it last), never the conversations' big ones.
    const { rows } = await this.adapter.pool.query<{ key: string; value: string; version: string }>(
      `SELECT key, value, md5(value) AS version FROM ${this.table} WHERE left(key, length($1)) = $1 AND value LIKE '%,"expires":%' LIMIT $2`,
      [stored, limit],
    );
    return rows.filter((r) => expiryOf(r.value) !== undefined).map((r) => ({ key: r.key.slice(start), seen: { text: r.value, token: r.version } }));
  }

  close(): Promise<void> {
    return this.adapter.disconnect();
  }
}

/** Two processes creating the same table at once: one of them sees a unique violation. */
function ignoreDuplicate(error: unknown): void {
  const code = (error as { code?: unknown }).code;
  if (code !== '23505' && code !== '42P06' && code !== '42P07') throw error;
}
