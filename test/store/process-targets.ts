/**
 * The three shared stores that several bot processes can meet on, and the net-worker
 * processes that race on them: what the fairness and multi-process tests have in common.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import { PostgresDocuments } from '../../src/store/postgres-documents';
import { RedisDocuments } from '../../src/store/redis-documents';
import type { DocumentStore } from '../../src/store/document-store';
import { removeDir, tempDir } from './fixtures';
import { POSTGRES_URL, REDIS_URL, dropRedisNamespace, dropSchema, needServer, uniqueName } from './servers';

export interface StoreTarget {
  name: 'sqlite' | 'redis' | 'postgres';
  server?: 'redis' | 'postgres';
  /** The worker's STORE argument and a name of its own for this test. */
  setUp(): { store: string; name: string };
  open(store: string, name: string): Promise<DocumentStore>;
  tearDown(store: string, name: string): Promise<void>;
}

/** The shared stores, each test's names starting with `prefix`. */
export function storeTargets(prefix: string): StoreTarget[] {
  return [
    {
      name: 'sqlite',
      setUp: () => ({ store: `sqlite:${join(tempDir(), 'shared.db')}`, name: '-' }),
      open: async (store) => new SqliteDocuments(store.slice('sqlite:'.length), { deadlineMs: 20_000 }),
      tearDown: async (store) => removeDir(join(store.slice('sqlite:'.length), '..')),
    },
    {
      name: 'redis',
      server: 'redis',
      setUp: () => ({ store: 'redis', name: uniqueName(prefix) }),
      open: (_, name) => new RedisDocuments(REDIS_URL, { namespace: name, deadlineMs: 20_000 }).open(),
      tearDown: (_, name) => dropRedisNamespace(name),
    },
    {
      name: 'postgres',
      server: 'postgres',
      setUp: () => ({ store: 'postgres', name: uniqueName(prefix) }),
      open: (_, name) => new PostgresDocuments(POSTGRES_URL, { schema: name, deadlineMs: 20_000 }).open(),
      tearDown: (_, name) => dropSchema(name),
    },
  ];
}

/** What a test of one target sees: the worker's STORE and name, and the store opened here. */
export interface OnStore {
  store: string;
  name: string;
  docs: DocumentStore;
}

/**
 * A describe block per target: the server is required (or the test skipped, or failed under
 * CI), and each test gets a fresh store, created before the race as a running deployment has
 * it, and removed after.
 */
export function forEachStore(title: string, prefix: string, timeoutMs: number, body: (target: StoreTarget, on: OnStore) => void): void {
  for (const target of storeTargets(prefix)) {
    describe(`${title} (${target.name})`, function () {
      this.timeout(timeoutMs);
      const on = {} as OnStore;

      before(async function () {
        if (target.server) await needServer(this, target.server);
      });

      beforeEach(async () => {
        Object.assign(on, target.setUp());
        on.docs = await target.open(on.store, on.name);
      });

      afterEach(async () => {
        await on.docs?.close().catch(() => undefined);
        await target.tearDown(on.store, on.name);
      });

      body(target, on);
    });
  }
}

/** A net-worker process with these arguments (see net-worker.ts). */
export function startWorker(args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, [join(__dirname, 'net-worker.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
}

/** Its whole output once it has exited; a non-zero exit is an error carrying its stderr. */
export function finished(child: ChildProcess): Promise<{ out: string; err: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ out: out.trim(), err }) : reject(new Error(`worker exited ${code}: ${out} ${err}`))));
  });
}
