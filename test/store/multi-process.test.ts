/**
 * Several bot processes on one store (issue 12): 3 processes × 50 users acting at once in
 * one conversation lose nothing, and a process killed with SIGKILL in the middle of a
 * burst loses nothing it acknowledged (and leaves a document that still reads).
 */
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import { PostgresDocuments } from '../../src/store/postgres-documents';
import { RedisDocuments } from '../../src/store/redis-documents';
import type { DocumentStore } from '../../src/store/document-store';
import { removeDir, tempDir } from './fixtures';
import { POSTGRES_URL, REDIS_URL, dropRedisNamespace, dropSchema, needServer, uniqueName } from './servers';
import type { Tally } from './net-worker';

interface Target {
  name: string;
  server?: 'redis' | 'postgres';
  /** The worker's STORE argument and a name of its own for this test. */
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
    setUp: () => ({ store: 'redis', name: uniqueName('mp') }),
    open: (_, name) => new RedisDocuments(REDIS_URL, { namespace: name, deadlineMs: 20_000 }).open(),
    tearDown: (_, name) => dropRedisNamespace(name),
  },
  {
    name: 'postgres',
    server: 'postgres',
    setUp: () => ({ store: 'postgres', name: uniqueName('mp') }),
    open: (_, name) => new PostgresDocuments(POSTGRES_URL, { schema: name, deadlineMs: 20_000 }).open(),
    tearDown: (_, name) => dropSchema(name),
  },
];

function start(...args: string[]): ChildProcess {
  return spawn(process.execPath, [join(__dirname, 'net-worker.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

function finished(child: ChildProcess): Promise<{ out: string; err: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ out: out.trim(), err }) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

for (const target of targets) {
  describe(`several processes on one store (${target.name})`, function () {
    this.timeout(60_000);
    let store: string;
    let name: string;
    let docs: DocumentStore | undefined;

    before(async function () {
      if (target.server) await needServer(this, target.server);
    });

    beforeEach(async () => {
      ({ store, name } = target.setUp());
      // Create the table / file before the race, as a running deployment has it.
      docs = await target.open(store, name);
    });

    afterEach(async () => {
      await docs?.close().catch(() => undefined);
      await target.tearDown(store, name);
    });

    it('loses nothing when 3 processes × 50 users update one conversation at once (150 changes)', async () => {
      const startAt = String(Date.now() + 1500);
      const runs = await Promise.all([1, 2, 3].map(() => finished(start(store, name, 'room', 'burst', '50', startAt))));
      assert.deepEqual(runs.map((r) => r.out), ['acked 50 failed 0', 'acked 50 failed 0', 'acked 50 failed 0'], runs.map((r) => r.err).join(''));
      const tally = (await docs!.get('room')) as Tally;
      assert.equal(tally.count, 150);
      assert.deepEqual(Object.values(tally.per), [50, 50, 50]);
    });

    it('loses nothing acknowledged when a process is killed with SIGKILL mid-burst', async () => {
      const child = start(store, name, 'room', 'acks', '0', '0');
      let lastAck = 0;
      let err = '';
      child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        let buffered = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) lastAck = Number(line.replace('ack ', ''));
          if (lastAck >= 40 && !child.killed) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('close', () => reject(new Error(`worker ended before 40 acks: ${err}`)));
      });
      await new Promise((resolve) => child.once('close', resolve));
      // Read again after the kill: the document is whole, and holds every acknowledged update
      // (and at most the one that was in flight).
      const tally = (await docs!.get('room')) as Tally;
      const landed = tally.per[String(child.pid)] ?? 0;
      assert.ok(landed >= lastAck && landed <= lastAck + 1, `acked ${lastAck}, landed ${landed}`);
      assert.equal(tally.count, landed);
      assert.equal(await (docs as { update(key: string, fn: (doc: unknown) => { doc: unknown; result: number }): Promise<number> }).update('room', (doc) => {
        const t = doc as Tally;
        t.count += 1;
        return { doc: t, result: t.count };
      }), landed + 1);
    });
  });
}
