/**
 * A slow writer among fast ones (issue 12): one process whose update function takes 150 ms
 * (a long machine step) and three processes updating the same conversation as fast as they
 * can. With compare-and-commit alone the slow one loses every round and gives up with
 * 'store-busy' while the others progress (measured below); with turns (src/store/turns.ts)
 * it gets through after a few lost rounds, and nobody fails.
 */
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import { PostgresDocuments } from '../../src/store/postgres-documents';
import { RedisDocuments } from '../../src/store/redis-documents';
import type { DocumentStore } from '../../src/store/document-store';
import { MAX_UPDATE_ATTEMPTS } from '../../src/store/document-store';
import { TURN_AFTER_LOST_ROUNDS } from '../../src/store/limits';
import { removeDir, tempDir } from './fixtures';
import { POSTGRES_URL, REDIS_URL, dropRedisNamespace, dropSchema, needServer, uniqueName } from './servers';
import type { Tally } from './net-worker';

interface Target {
  name: string;
  server?: 'redis' | 'postgres';
  setUp(): { store: string; name: string };
  open(store: string, name: string): Promise<DocumentStore>;
  tearDown(store: string, name: string): Promise<void>;
}

const targets: Target[] = [
  {
    name: 'sqlite',
    setUp: () => ({ store: `sqlite:${join(tempDir(), 'shared.db')}`, name: '-' }),
    open: async (store) => new SqliteDocuments(store.slice('sqlite:'.length), { deadlineMs: 20_000 }),
    tearDown: async (store) => removeDir(join(store.slice('sqlite:'.length), '..')),
  },
  {
    name: 'redis',
    server: 'redis',
    setUp: () => ({ store: 'redis', name: uniqueName('fair') }),
    open: (_, name) => new RedisDocuments(REDIS_URL, { namespace: name, deadlineMs: 20_000 }).open(),
    tearDown: (_, name) => dropRedisNamespace(name),
  },
  {
    name: 'postgres',
    server: 'postgres',
    setUp: () => ({ store: 'postgres', name: uniqueName('fair') }),
    open: (_, name) => new PostgresDocuments(POSTGRES_URL, { schema: name, deadlineMs: 20_000 }).open(),
    tearDown: (_, name) => dropSchema(name),
  },
];

interface Run {
  acked: number;
  failed: number;
  lost: number;
  turns: number;
  err: string;
}

function run(args: string[], turns: 'on' | 'off'): Promise<Run> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'net-worker.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MODLAB_TEST_TURNS: turns },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /^acked (\d+) failed (\d+) lost (\d+) turns (\d+)$/.exec(out.trim());
      if (code !== 0 || !m) return reject(new Error(`worker exited ${code}: ${out} ${err}`));
      resolve({ acked: Number(m[1]), failed: Number(m[2]), lost: Number(m[3]), turns: Number(m[4]), err });
    });
  });
}

/** One slow process (SLOW updates of 150 ms) among three fast ones (updating for FAST_MS). */
async function race(store: string, name: string, turns: 'on' | 'off', slow: number, fastMs: number): Promise<{ slow: Run; fast: Run[] }> {
  const startAt = String(Date.now() + 1500);
  const [s, ...f] = await Promise.all([
    run([store, name, 'room', 'slow', String(slow), startAt], turns),
    ...[1, 2, 3].map(() => run([store, name, 'room', 'fast', String(fastMs), startAt], turns)),
  ]);
  return { slow: s as Run, fast: f };
}

for (const target of targets) {
  describe(`a slow writer among fast processes (${target.name})`, function () {
    this.timeout(90_000);
    let store: string;
    let name: string;
    let docs: DocumentStore | undefined;

    before(async function () {
      if (target.server) await needServer(this, target.server);
    });

    beforeEach(async () => {
      ({ store, name } = target.setUp());
      docs = await target.open(store, name);
    });

    afterEach(async () => {
      await docs?.close().catch(() => undefined);
      await target.tearDown(store, name);
    });

    if (target.name === 'redis') {
      it(`is starved without turns: it loses round after round (measured: all ${MAX_UPDATE_ATTEMPTS}, then store-busy) while the others progress`, async () => {
        const { slow, fast } = await race(store, name, 'off', 1, 10_000);
        // On a quiet machine it loses all 25 and fails; on a loaded one the fast processes
        // are sometimes all descheduled for 150 ms and it slips through late.
        assert.ok(slow.lost >= 10, `slow: ${JSON.stringify(slow)}`);
        if (slow.failed) assert.match(slow.err, /store-busy/);
        // The others progress (measured: 800, 600 and 400 updates in 7 s; even a fast one lost 25 rounds once).
        assert.ok(fast.every((r) => r.acked > 50), JSON.stringify(fast));
      });
    }

    it(`gets every update through with turns, a few lost rounds each, and nobody fails`, async () => {
      const { slow, fast } = await race(store, name, 'on', 5, 3500);
      assert.equal(slow.failed, 0, `slow: ${JSON.stringify(slow)}`);
      assert.equal(slow.acked, 5);
      assert.ok(slow.turns >= 1, `the slow writer took a turn: ${JSON.stringify(slow)}`);
      assert.ok(slow.lost <= TURN_AFTER_LOST_ROUNDS + 5, `slow lost at most a few rounds: ${JSON.stringify(slow)}`);
      assert.ok(fast.every((r) => r.failed === 0 && r.acked > 0), JSON.stringify(fast));
      const tally = (await docs!.get('room')) as Tally;
      assert.equal(tally.count, slow.acked + fast.reduce((n, r) => n + r.acked, 0));
    });
  });
}
