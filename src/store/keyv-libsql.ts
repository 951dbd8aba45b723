/**
 * A Keyv 5 storage adapter over libsql (SQLite, prebuilt, no compiler or install script),
 * in the shape of @keyv/sqlite: one table `keyv(key TEXT PRIMARY KEY, value TEXT)` holding
 * Keyv's serialized strings, keys prefixed by the Keyv namespace.
 *
 * Beyond the KeyvStoreAdapter methods it offers `transact`, an atomic read-change-write of
 * one key in a single `BEGIN IMMEDIATE` transaction. IMMEDIATE takes SQLite's write lock
 * before the read, so two processes sharing the file cannot both read the old value and
 * both write (the lost update a plain get-then-set allows). The change function is
 * synchronous, so nothing else on this connection can run between BEGIN and COMMIT.
 *
 * The DocumentStore does not use `transact` (its change function would hold the lock for
 * as long as a machine runs): it reads with `readBytes`, works outside any transaction, and
 * writes with `commitIf`, one statement whose WHERE checks the row is still what it read.
 *
 * Values are read as bytes (`CAST(value AS BLOB)`) and decoded here with a fatal
 * TextDecoder: libsql turns a TEXT column into a Rust String and panics, aborting the
 * whole process, on one invalid UTF-8 byte in a row (issue 8, finding 5). Such a row is a
 * damaged document ('state-damaged'), which `/modlab reboot` replaces without reading.
 *
 * WAL mode lets readers go on while one process writes, with synchronous=NORMAL (no fsync
 * per commit; see the constructor). A writer that finds the lock taken
 * waits `busy_timeout` inside SQLite (short, since that wait blocks the event loop), then
 * retries asynchronously until its caller's deadline aborts it. A clean disconnect
 * checkpoints the WAL into the main file (`wal_checkpoint(TRUNCATE)`), so a copy of the
 * .db file alone taken after a clean exit holds everything (finding 8).
 */
import { EventEmitter } from 'node:events';
import Database from 'libsql';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import { damaged } from './envelope';

export interface KeyvLibsqlOptions {
  /** SQLite file path (its folder must exist), or ":memory:". */
  path: string;
  /** Table name (letters, digits, underscore). */
  table?: string;
  /** How long SQLite itself waits for a lock before reporting SQLITE_BUSY, ms. */
  busyTimeoutMs?: number;
  /** How long a plain get/set/delete keeps retrying a busy database (asynchronously), ms. */
  busyRetryMs?: number;
}

/**
 * What a transaction makes of the key's current raw value: the value to write (undefined:
 * write nothing; null: delete the key) and a result.
 */
export type RawChange<T> = (raw: string | undefined) => { value: string | null | undefined; result: T };

const DEFAULT_BUSY_TIMEOUT_MS = 50;
const DEFAULT_BUSY_RETRY_MS = 2000;
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Row {
  key: string;
  value: Buffer | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A row's bytes as text; invalid UTF-8 is a damaged document, never a panic. */
export function decodeValue(bytes: Buffer | null | undefined): string | undefined {
  if (bytes === null || bytes === undefined) return undefined;
  try {
    return utf8.decode(bytes);
  } catch (error) {
    throw damaged('its saved text is not valid UTF-8', error);
  }
}

export class KeyvLibsql extends EventEmitter implements KeyvStoreAdapter {
  readonly opts: Required<KeyvLibsqlOptions> & { dialect: 'sqlite'; url: string };
  /** Set by Keyv to its namespace; clear() and iterator() stay inside it. */
  namespace?: string;
  private readonly connection: Database.Database;
  private readonly statements: {
    get: Database.Statement;
    upsert: Database.Statement;
    delete: Database.Statement;
    clearAll: Database.Statement;
    clearPrefix: Database.Statement;
    listPrefix: Database.Statement;
    updateIf: Database.Statement;
    deleteIf: Database.Statement;
    insertIfNone: Database.Statement;
  };
  /** Transactions of this process, one after another (FIFO), so a retrying one keeps its turn. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: KeyvLibsqlOptions) {
    super();
    const table = options.table ?? 'keyv';
    if (!TABLE_NAME.test(table)) throw new Error(`invalid table name: ${table}`);
    this.opts = {
      path: options.path,
      table,
      busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      busyRetryMs: options.busyRetryMs ?? DEFAULT_BUSY_RETRY_MS,
      dialect: 'sqlite',
      url: `sqlite://${options.path}`,
    };
    this.connection = new Database(options.path);
    try {
      // busy_timeout first: switching to WAL needs a lock another process may hold.
      this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(this.opts.busyTimeoutMs))}`);
      this.db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of the process
      // loses nothing and the file never corrupts; a power cut may lose the last commits.
      // FULL's fsync per commit cost ~7 ms per message on this disk (issue 9).
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, value TEXT)`);
      this.statements = {
        get: this.db.prepare(`SELECT CAST(value AS BLOB) AS value FROM ${table} WHERE key = ?`),
        upsert: this.db.prepare(
          `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        ),
        delete: this.db.prepare(`DELETE FROM ${table} WHERE key = ?`),
        clearAll: this.db.prepare(`DELETE FROM ${table}`),
        // substr, not LIKE: a namespace may hold % or _.
        clearPrefix: this.db.prepare(`DELETE FROM ${table} WHERE substr(key, 1, length(?)) = ?`),
        listPrefix: this.db.prepare(`SELECT key, CAST(value AS BLOB) AS value FROM ${table} WHERE substr(key, 1, length(?)) = ? ORDER BY key`),
        // commitIf's compare-and-set, each one statement: the row still holds the bytes seen, or there is still none
        updateIf: this.db.prepare(`UPDATE ${table} SET value = ? WHERE key = ? AND CAST(value AS BLOB) = ?`),
        deleteIf: this.db.prepare(`DELETE FROM ${table} WHERE key = ? AND CAST(value AS BLOB) = ?`),
        insertIfNone: this.db.prepare(
          `INSERT INTO ${table} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE ${table}.value IS NULL`,
        ),
      };
    } catch (error) {
      this.connection.close();
      throw error;
    }
  }

  /** A closed connection must fail every call (libsql's prepared statements may still answer). */
  private get db(): Database.Database {
    if (!this.connection.open) throw new Error(`the SQLite store ${this.opts.path} is closed`);
    return this.connection;
  }

  private get sql(): typeof this.statements {
    if (!this.connection.open) throw new Error(`the SQLite store ${this.opts.path} is closed`);
    return this.statements;
  }

  private readRow(key: string): Buffer | undefined {
    const row = this.sql.get.get(key) as Pick<Row, 'value'> | undefined;
    return row?.value ?? undefined;
  }

  private read(key: string): string | undefined {
    return decodeValue(this.readRow(key));
  }

  /** KEY's stored bytes (undefined: no row), in one autocommit read, retried while the file is busy. */
  readBytes(key: string): Promise<Buffer | undefined> {
    return this.whenFree(() => this.readRow(key));
  }

  /**
   * Write VALUE (null: delete) if KEY's row still holds SEEN (undefined: no row; 'any': write
   * unconditionally): false when the row changed. One statement, atomic in SQLite's autocommit,
   * whose condition is the compare (issue 9: a read then a write in BEGIN IMMEDIATE cost a
   * round of statements per commit): `UPDATE … WHERE value = SEEN` or `INSERT … ON CONFLICT DO
   * NOTHING`, and `changes()` says whether it wrote. While another process holds the write
   * lock, retries until SIGNAL aborts.
   */
  async commitIf(key: string, seen: Buffer | undefined | 'any', value: string | null, signal?: AbortSignal): Promise<boolean> {
    return this.busyRetry(signal, () => {
      const sql = this.sql;
      if (seen === 'any') {
        if (value === null) sql.delete.run(key);
        else sql.upsert.run(key, value);
        return true;
      }
      // the row's bytes as readRow reads them (CAST … AS BLOB), compared with the bytes seen
      if (seen !== undefined) return (value === null ? sql.deleteIf.run(key, seen) : sql.updateIf.run(value, key, seen)).changes === 1;
      // no row was seen: a row whose value is NULL reads as none too
      if (value === null) {
        if (this.readRow(key) !== undefined) return false;
        sql.delete.run(key);
        return true;
      }
      return sql.insertIfNone.run(key, value).changes === 1;
    });
  }

  get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.whenFree(() => this.read(key) as StoredData<Value> | undefined);
  }

  getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    return this.whenFree(() => keys.map((key) => this.read(key) as StoredData<Value | undefined>));
  }

  set(key: string, value: string): Promise<boolean> {
    return this.whenFree(() => this.sql.upsert.run(key, value).changes > 0);
  }

  setMany(values: Array<{ key: string; value: string }>): Promise<void> {
    return this.whenFree(() => {
      this.db.transaction(() => {
        for (const { key, value } of values) this.sql.upsert.run(key, value);
      }).immediate();
    });
  }

  delete(key: string): Promise<boolean> {
    return this.whenFree(() => this.sql.delete.run(key).changes > 0);
  }

  deleteMany(keys: string[]): Promise<boolean> {
    return this.whenFree(() => {
      let changes = 0;
      this.db.transaction(() => {
        for (const key of keys) changes += this.sql.delete.run(key).changes;
      }).immediate();
      return changes > 0;
    });
  }

  has(key: string): Promise<boolean> {
    return this.whenFree(() => this.read(key) !== undefined);
  }

  hasMany(keys: string[]): Promise<boolean[]> {
    return this.whenFree(() => keys.map((key) => this.read(key) !== undefined));
  }

  clear(): Promise<void> {
    return this.whenFree(() => {
      if (this.namespace) {
        const prefix = `${this.namespace}:`;
        this.sql.clearPrefix.run(prefix, prefix);
      } else {
        this.sql.clearAll.run();
      }
    });
  }

  async *iterator<Value>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const prefix = namespace ? `${namespace}:` : '';
    const rows = await this.whenFree(() => this.sql.listPrefix.all(prefix, prefix) as Row[]);
    for (const row of rows) yield [row.key, decodeValue(row.value) as Awaited<Value>];
  }

  /**
   * Up to LIMIT rows whose key starts with PREFIX and whose value holds MARK (the expiring
   * side documents a sweep looks at, src/store/expiry.ts), without reading any other row's value.
   */
  scanMarked(prefix: string, mark: string, limit: number): Promise<Array<{ key: string; bytes: Buffer }>> {
    this.marked ??= this.db.prepare(`SELECT key, CAST(value AS BLOB) AS value FROM ${this.opts.table} WHERE substr(key, 1, length(?)) = ? AND instr(value, ?) > 0 LIMIT ?`);
    const statement = this.marked;
    return this.whenFree(() => (statement.all(prefix, prefix, mark, limit) as Row[]).filter((r) => r.value !== null).map((r) => ({ key: r.key, bytes: Buffer.from(r.value as unknown as ArrayBuffer) })));
  }

  private marked?: Database.Statement;

  /**
   * Run one statement (autocommit) until SIGNAL aborts, retrying asynchronously while another
   * process holds a lock SQLite did not release within busy_timeout (commitIf's).
   */
  private async busyRetry<T>(signal: AbortSignal | undefined, statement: () => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      try {
        return statement();
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
      await pause(backoffMs(attempt));
    }
  }

  /**
   * Run one statement (autocommit); while another process holds a lock SQLite did not
   * release within busy_timeout, retry asynchronously for up to busyRetryMs.
   */
  private async whenFree<T>(statement: () => T): Promise<T> {
    const giveUp = Date.now() + this.opts.busyRetryMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return statement();
      } catch (error) {
        if (!isBusy(error) || Date.now() >= giveUp) throw error;
      }
      await pause(backoffMs(attempt));
    }
  }

  async disconnect(): Promise<void> {
    await this.tail.catch(() => undefined);
    if (!this.connection.open) return;
    try {
      // Fold the WAL into the .db file, so the file alone is a complete copy after a clean exit.
      // Another process still reading or writing keeps its part of the WAL; that is fine.
      if (this.opts.path !== ':memory:') this.connection.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Best effort: a busy checkpoint leaves the WAL to the next one (SQLite replays it on open).
    }
    this.connection.close();
  }

  /**
   * Read KEY, apply CHANGE, write its value, atomically across processes: BEGIN IMMEDIATE;
   * SELECT; change; UPSERT; COMMIT (ROLLBACK if anything throws). While another process
   * holds the write lock, retries until SIGNAL aborts; an aborted transaction never starts.
   */
  transact<T>(key: string, change: RawChange<T>, signal?: AbortSignal): Promise<T> {
    const run = this.tail.then(() => this.transactNow(key, change, signal));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async transactNow<T>(key: string, change: RawChange<T>, signal?: AbortSignal): Promise<T> {
    return this.immediate(signal, () => {
      const { value, result } = change(this.read(key));
      if (value === null) this.sql.delete.run(key);
      else if (value !== undefined) this.sql.upsert.run(key, value);
      return { commit: true, result };
    });
  }

  /**
   * WORK inside one BEGIN IMMEDIATE transaction, committed or rolled back as it says (rolled
   * back if it throws). While another process holds the write lock, BEGIN is retried with
   * backoff until SIGNAL aborts; an aborted transaction never starts.
   */
  private async immediate<T>(signal: AbortSignal | undefined, work: () => { commit: boolean; result: T }): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      try {
        this.db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        if (!isBusy(error)) throw error;
        await pause(backoffMs(attempt));
        continue;
      }
      try {
        const { commit, result } = work();
        this.db.exec(commit ? 'COMMIT' : 'ROLLBACK');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** 1, 2, 4 … 16 ms plus jitter, so two waiting processes do not retry in lockstep. */
function backoffMs(attempt: number): number {
  return Math.min(16, 2 ** attempt) + Math.random() * 4;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
