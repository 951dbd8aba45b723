/**
 * The networked stores for the contract and multi-process suites: the machine's Redis and
 * PostgreSQL (real servers, no mocks), each test run in a namespace / schema of its own.
 *
 * A server that cannot be reached skips its tests with a message saying so; under CI=true
 * it fails them instead (CI has both servers, so a skip there would hide a broken store).
 */
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import * as sinon from 'sinon';
import pg from 'pg';
import { createClient } from '@keyv/redis';
import { PostgresDocuments } from '../../src/store/postgres-documents';
import { RedisDocuments } from '../../src/store/redis-documents';
import type { StoreKind } from './fixtures';
import { delay } from './fixtures';

export const REDIS_URL = process.env.MODLAB_TEST_REDIS ?? 'redis://127.0.0.1:6379';
export const POSTGRES_URL = process.env.MODLAB_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Server = 'redis' | 'postgres';

/**
 * The networked kinds' deadline unless a test sets its own: the contract's 100 queued
 * updates of one key take ~20 ms each on PostgreSQL, and on a loaded 2-core CI machine the
 * last in the queue waited past 2 s. What the suite checks there is "no lost update"; the
 * deadline tests set 50 ms themselves.
 */
const CONTRACT_DEADLINE_MS = 10_000;

/** A fresh name for a test's own key prefix or schema. */
export function uniqueName(what: string): string {
  return `modlab_test_${what}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

const reachable = new Map<Server, Promise<string | undefined>>();

/** Undefined when SERVER answers, else why not. */
function probe(server: Server): Promise<string | undefined> {
  let answer = reachable.get(server);
  if (!answer) {
    answer = (server === 'redis' ? probeRedis() : probePostgres()).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    reachable.set(server, answer);
  }
  return answer;
}

async function probeRedis(): Promise<void> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  await client.ping();
  client.destroy();
}

async function probePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 1000 });
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end();
  }
}

/** In a mocha `before`: skip (or under CI=true fail) when SERVER cannot be reached. */
export async function needServer(context: Mocha.Context, server: Server): Promise<void> {
  const why = await probe(server);
  if (why === undefined) return;
  const where = server === 'redis' ? REDIS_URL : POSTGRES_URL;
  if (process.env.CI === 'true') throw new Error(`${server} at ${where} cannot be reached (${why}); CI must have it`);
  process.stderr.write(`      skipped: ${server} at ${where} cannot be reached (${why}); .ci/run starts it\n`);
  context.skip();
}

/** Delete every key of NAMESPACE (KeyvRedis' "<namespace>::" layout). */
export async function dropRedisNamespace(namespace: string, url = REDIS_URL): Promise<void> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${namespace}::*`, COUNT: 1000 })) keys.push(...batch);
    if (keys.length) await client.del(keys);
  } finally {
    client.destroy();
  }
}

export async function dropSchema(schema: string, url = POSTGRES_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Stub the store's first read (update's snapshot, or get) to take MS first. */
function slowFirstRead(store: RedisDocuments | PostgresDocuments, ms: number): sinon.SinonStub {
  let slowed = false;
  const slow = async <T>(run: () => Promise<T>): Promise<T> => {
    if (!slowed) {
      slowed = true;
      await delay(ms);
    }
    return run();
  };
  // Both get and update read through the backend (OptimisticDocuments).
  const { backend } = store;
  const read = backend.read.bind(backend);
  return sinon.stub(backend, 'read').callsFake((key: string, signal: AbortSignal) => slow(() => read(key, signal)));
}

function breakReads(store: RedisDocuments | PostgresDocuments): sinon.SinonStub {
  const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  sinon.stub(store.backend, 'commit').rejects(reset);
  return sinon.stub(store.backend, 'read').rejects(reset);
}

export function redisKind(): StoreKind {
  let namespace: string | undefined;
  return {
    name: 'redis',
    server: 'redis',
    open(options) {
      namespace ??= uniqueName('ns');
      return new RedisDocuments(REDIS_URL, { deadlineMs: CONTRACT_DEADLINE_MS, ...options, namespace }).open();
    },
    slowDown: (docs, ms) => slowFirstRead(docs as RedisDocuments, ms),
    breakDown: (docs) => breakReads(docs as RedisDocuments),
    async plant(docs, key, text) {
      const store = docs as RedisDocuments;
      await store.client.set(store.stored(key), text);
    },
    async cleanup() {
      if (namespace) await dropRedisNamespace(namespace);
      namespace = undefined;
    },
  };
}

export function postgresKind(): StoreKind {
  let schema: string | undefined;
  return {
    name: 'postgres',
    server: 'postgres',
    open(options) {
      schema ??= uniqueName('s');
      return new PostgresDocuments(POSTGRES_URL, { deadlineMs: CONTRACT_DEADLINE_MS, ...options, schema }).open();
    },
    slowDown: (docs, ms) => slowFirstRead(docs as PostgresDocuments, ms),
    breakDown: (docs) => breakReads(docs as PostgresDocuments),
    async plant(docs, key, text) {
      const store = docs as PostgresDocuments;
      await store.adapter.set(store.stored(key), text);
    },
    async cleanup() {
      if (schema) await dropSchema(schema);
      schema = undefined;
    },
  };
}

/** A port nothing listens on now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
