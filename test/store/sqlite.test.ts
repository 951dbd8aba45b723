/**
 * What only the embedded SQLite store can show: several processes sharing one file, a
 * restart, and files or folders it cannot use.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModlabError } from '../../src/contracts/errors';
import { openStore } from '../../src/store';
import { MemoryDocuments } from '../../src/store/memory-documents';
import { ScopeStore } from '../../src/scope/store';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import { countOf, fakeBoot, increment, removeDir, scope, tempDir } from './fixtures';

function coded(code: ModlabError['code']): (error: unknown) => boolean {
  return (error) => error instanceof ModlabError && error.code === code;
}

/** Run the worker in its own node process; resolves with its stdout. */
function worker(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'worker.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

describe('SQLite store', () => {
  let dir: string;

  beforeEach(() => {
    dir = tempDir();
  });

  afterEach(() => {
    removeDir(dir);
  });

  it('loses nothing when two processes update one scope in one file at once (200 + 200 = 400)', async () => {
    const path = join(dir, 'shared.db');
    new SqliteDocuments(path).close(); // create the file and its WAL before the race
    const startAt = String(Date.now() + 400);
    const made = await Promise.all([worker(path, 'counter', '200', startAt), worker(path, 'counter', '200', startAt)]);
    assert.deepEqual(made, ['200', '200']);
    const docs = new SqliteDocuments(path);
    try {
      const doc = (await docs.get('counter')) as { count: number; pids: Record<string, number> };
      assert.equal(doc.count, 400);
      assert.deepEqual(Object.values(doc.pids), [200, 200]);
    } finally {
      await docs.close();
    }
  });

  it('loses nothing when this process and a child process update one scope at once', async () => {
    const path = join(dir, 'shared.db');
    const docs = new SqliteDocuments(path, { deadlineMs: 30_000 });
    try {
      const startAt = Date.now() + 400;
      const child = worker(path, 'counter', '150', String(startAt));
      await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
      const mine = Promise.all(Array.from({ length: 150 }, () => docs.update('counter', (doc) => {
        const state = (doc ?? { count: 0, pids: {} }) as { count: number };
        state.count += 1;
        return { doc: state, result: undefined };
      })));
      await Promise.all([child, mine]);
      assert.equal(((await docs.get('counter')) as { count: number }).count, 300);
    } finally {
      await docs.close();
    }
  });

  it('keeps a scope across a restart (close and reopen)', async () => {
    const path = join(dir, 'modlab.db');
    const boot = fakeBoot();
    const first = new ScopeStore(new SqliteDocuments(path), boot);
    for (let i = 0; i < 3; i++) {
      await first.update(scope, (state) => {
        state.teaching = { count: countOf(state) + 1 };
        state.history.push({ user: 'ada', line: `insmod hello${i}.ko`, at: i, status: 0 });
      });
    }
    await first.close();
    const second = new ScopeStore(new SqliteDocuments(path), boot);
    try {
      const state = await second.read(scope);
      assert.equal(countOf(state), 3);
      assert.deepEqual(state.history.map((h) => h.line), ['insmod hello0.ko', 'insmod hello1.ko', 'insmod hello2.ko']);
    } finally {
      await second.close();
    }
  });

  it('puts the file in WAL mode and stores plain JSON rows in the keyv table', async () => {
    const path = join(dir, 'modlab.db');
    const docs = new SqliteDocuments(path);
    await docs.update('k', increment);
    await docs.close();
    assert.ok(existsSync(`${path}-wal`) || existsSync(path));
    const raw = new SqliteDocuments(path);
    try {
      assert.equal(await raw.adapter.get('modlab:k'), '{"value":{"count":1}}');
    } finally {
      await raw.close();
    }
  });

  describe('openStore(MODLAB_STORE)', () => {
    it('opens "sqlite:PATH", creating its folder', async () => {
      const path = join(dir, 'deep', 'er', 'modlab.db');
      const docs = await openStore(`sqlite:${path}`);
      try {
        assert.ok(docs instanceof SqliteDocuments);
        assert.equal(await docs.update('k', increment), 1);
        assert.ok(existsSync(path));
      } finally {
        await docs.close();
      }
    });

    it('opens "memory"', async () => {
      const docs = await openStore('memory');
      assert.ok(docs instanceof MemoryDocuments);
      await docs.close();
    });

    it('passes the deadline on', async () => {
      const docs = (await openStore('memory', { deadlineMs: 1 })) as MemoryDocuments;
      (docs.backend as unknown as { read: () => Promise<unknown> }).read = () => new Promise((resolve) => setTimeout(resolve, 50));
      await assert.rejects(docs.get('k'), coded('store-timeout'));
      await docs.close();
    });

    const bad = ['mysql://localhost', 'redis:localhost', 'postgres:/db', 'sqlite:', 'SQLITE:x.db', '', 'memory:'];
    for (const spec of bad) {
      it(`refuses ${JSON.stringify(spec)} with a clear 'bad-config' error`, async () => {
        await assert.rejects(openStore(spec), (error) => {
          assert.ok(coded('bad-config')(error));
          assert.equal((error as ModlabError).userMessage, `MODLAB_STORE=${JSON.stringify(spec)} is not a store Modlab knows; use "memory", "sqlite:PATH" (default sqlite:./data/modlab.db), "redis://HOST:PORT" or "postgres://USER@HOST/DB".`);
          return true;
        });
      });
    }

    it("gives 'store-unavailable' for a folder that cannot be created", async () => {
      const file = join(dir, 'a-file');
      writeFileSync(file, '');
      await assert.rejects(openStore(`sqlite:${join(file, 'data', 'modlab.db')}`), coded('store-unavailable'));
    });

    it("gives 'store-unavailable' for a file that is not a database", async () => {
      const path = join(dir, 'notes.txt');
      writeFileSync(path, 'these are my lecture notes, not a database\n'.repeat(100));
      await assert.rejects(openStore(`sqlite:${path}`), coded('store-unavailable'));
    });

    it("gives 'store-unavailable' for a path that is a folder", async () => {
      await assert.rejects(openStore(`sqlite:${dir}`), coded('store-unavailable'));
    });
  });
});
