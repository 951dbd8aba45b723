/**
 * migrate-store: every document from one store to another, idempotent and resumable,
 * never overwriting what the target already holds differently unless told to.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { DocumentStore } from '../../src/store/document-store';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import { MemoryDocuments } from '../../src/store/memory-documents';
import { migrate, summary } from '../../src/store/migrate';
import { type StoreKind, memoryKind, removeDir, tempDir } from './fixtures';
import { needServer, postgresKind, redisKind } from './servers';

const DOCS: Record<string, unknown> = {
  'discord:guild-1:chan-1': { schema: 3, history: [{ user: 'ada', line: 'lsmod' }] },
  'discord:guild-1:chan-1:thread-9': { schema: 3, history: [] },
  'slack:T1:C%3A2': { schema: 3, teaching: { quiz: 'q1' } },
  '*boards': { ada: 3 },
};

async function fill(docs: DocumentStore): Promise<void> {
  for (const [key, doc] of Object.entries(DOCS)) await docs.put(key, doc);
}

describe('migrate-store', () => {
  let dir: string;
  let source: SqliteDocuments;

  beforeEach(async () => {
    dir = tempDir();
    source = new SqliteDocuments(join(dir, 'from.db'));
    await fill(source);
    await source.adapter.set('modlab:discord:guild-1:broken', '{"value": {"schema": 3');
  });

  afterEach(async () => {
    await source.close();
    removeDir(dir);
  });

  for (const makeKind of [memoryKind, redisKind, postgresKind] as Array<() => StoreKind>) {
    const kind = makeKind();

    describe(`SQLite → ${kind.name}`, () => {
      let target: DocumentStore;

      before(async function () {
        if (kind.server) await needServer(this, kind.server);
      });

      beforeEach(async () => {
        target = await kind.open();
      });

      afterEach(async () => {
        await target.close();
        await kind.cleanup();
      });

      it('copies every conversation and side document, reports the damaged one, and a second run changes nothing', async () => {
        const first = await migrate(source, target);
        assert.equal(summary(first), '4 copied, 0 already there, 0 overwritten, 0 kept (target differs), 1 damaged (not copied)');
        assert.equal(first.problems.length, 1);
        assert.match(first.problems[0] ?? '', /^discord:guild-1:broken: not copied: This conversation's saved machine is damaged/);
        for (const [key, doc] of Object.entries(DOCS)) assert.deepEqual(await target.get(key), doc);
        assert.equal(await target.get('discord:guild-1:broken'), undefined);
        const second = await migrate(source, target);
        assert.equal(summary(second), '0 copied, 4 already there, 0 overwritten, 0 kept (target differs), 1 damaged (not copied)');
      });

      it('goes on where an interrupted run stopped', async () => {
        let seen = 0;
        await assert.rejects(
          migrate(source, target, {
            progress: () => {
              if (++seen === 3) throw new Error('interrupted'); // after *boards, the damaged one, chan-1
            },
          }),
          /interrupted/,
        );
        const rest = await migrate(source, target);
        assert.equal(rest.counts.copied + rest.counts.unchanged, 4);
        assert.equal(rest.counts.unchanged, 2);
        for (const [key, doc] of Object.entries(DOCS)) assert.deepEqual(await target.get(key), doc);
      });

      it('keeps a document the target already holds differently, unless told to overwrite it', async () => {
        await target.put('*boards', { grace: 9 });
        const kept = await migrate(source, target);
        assert.equal(kept.counts.kept, 1);
        assert.deepEqual(await target.get('*boards'), { grace: 9 });
        const replaced = await migrate(source, target, { overwrite: true });
        assert.equal(replaced.counts.overwritten, 1);
        assert.deepEqual(await target.get('*boards'), { ada: 3 });
      });
    });
  }

  it('lists the documents of Redis and PostgreSQL as sources (Redis → PostgreSQL → memory)', async function () {
    await needServer(this, 'redis');
    await needServer(this, 'postgres');
    const redis = redisKind();
    const postgres = postgresKind();
    const r = await redis.open();
    const p = await postgres.open();
    const m = new MemoryDocuments();
    try {
      await fill(r);
      assert.equal((await migrate(r, p)).counts.copied, 4);
      assert.equal((await migrate(p, m)).counts.copied, 4);
      for (const [key, doc] of Object.entries(DOCS)) assert.deepEqual(await m.get(key), doc);
    } finally {
      await Promise.allSettled([r.close(), p.close(), m.close()]);
      await redis.cleanup();
      await postgres.cleanup();
    }
  });

  describe('npm run migrate-store', () => {
    const script = join(__dirname, '..', '..', 'scripts', 'migrate-store.js');
    const run = (...args: string[]): Promise<{ code: number; out: string; err: string }> =>
      new Promise((resolve) => {
        execFile(process.execPath, [script, ...args], (error, out, err) => resolve({ code: error ? Number(error.code) : 0, out, err }));
      });

    it('prints its usage and exits 2 without two stores', async () => {
      const { code, err } = await run('sqlite:/tmp/x.db');
      assert.equal(code, 2);
      assert.equal(err.split('\n')[0], 'usage: npm run migrate-store -- FROM TO [--overwrite]');
    });

    it('copies SQLite to SQLite, exits 1 while a document is damaged, and says how to go on when a store is unreachable', async () => {
      const to = `sqlite:${join(dir, 'to.db')}`;
      const first = await run(`sqlite:${join(dir, 'from.db')}`, to);
      assert.equal(first.code, 1);
      assert.match(first.out, /^migrate-store: 4 copied, 0 already there, 0 overwritten, 0 kept \(target differs\), 1 damaged \(not copied\)$/m);
      const down = await run(`sqlite:${join(dir, 'from.db')}`, 'redis://127.0.0.1:1');
      assert.equal(down.code, 1);
      assert.match(down.err, /run the same command again to go on/);
    });
  });
});
