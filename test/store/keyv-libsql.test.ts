/**
 * KeyvLibsql as a Keyv 5 store, and its atomic transact.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import Database from 'libsql';
import { Keyv } from 'keyv';
import { KeyvLibsql } from '../../src/store/keyv-libsql';
import { delay, removeDir, tempDir } from './fixtures';

describe('KeyvLibsql', () => {
  let dir: string;
  let path: string;
  let adapter: KeyvLibsql;
  let keyv: Keyv;

  beforeEach(() => {
    dir = tempDir();
    path = join(dir, 'k.db');
    adapter = new KeyvLibsql({ path });
    keyv = new Keyv({ store: adapter, namespace: 'lab', serialize: JSON.stringify, deserialize: JSON.parse, throwOnErrors: true });
  });

  afterEach(async () => {
    await adapter.disconnect();
    removeDir(dir);
  });

  it('commits only over the bytes it saw, in one statement: a changed row, a row that came or went, a NULL row as none', async () => {
    const bytes = async (key: string): Promise<Buffer | undefined> => adapter.readBytes(key);
    assert.equal(await adapter.commitIf('k', undefined, 'één', undefined), true, 'no row seen, none there');
    assert.equal(await adapter.commitIf('k', undefined, 'x', undefined), false, 'no row seen, one came');
    const seen = await bytes('k');
    assert.equal(await adapter.commitIf('k', Buffer.from('een'), 'y', undefined), false, 'other bytes');
    assert.equal(await adapter.commitIf('k', seen, 'twee', undefined), true, 'the same bytes (UTF-8)');
    assert.equal(await adapter.get('k'), 'twee');
    assert.equal(await adapter.commitIf('k', seen, null, undefined), false, 'a delete over bytes that changed');
    assert.equal(await adapter.commitIf('k', await bytes('k'), null, undefined), true);
    assert.equal(await adapter.get('k'), undefined);
    assert.equal(await adapter.commitIf('k', Buffer.from('twee'), 'z', undefined), false, 'the row went');
    assert.equal(await adapter.commitIf('k', undefined, null, undefined), true, 'no row seen, none to delete');
    const raw = new Database(path);
    raw.prepare('INSERT INTO keyv (key, value) VALUES (?, NULL)').run('n');
    raw.close();
    assert.equal(await adapter.commitIf('n', undefined, 'v', undefined), true, 'a NULL value reads as no row');
    assert.equal(await adapter.get('n'), 'v');
    assert.equal(await adapter.commitIf('n', Buffer.from('old'), 'w', undefined), false);
    assert.equal(await adapter.commitIf('n', 'any', 'w', undefined), true);
    assert.equal(await adapter.get('n'), 'w');
  });

  it('sets, gets, checks and deletes values through Keyv', async () => {
    await keyv.set('a', { n: 1 });
    assert.deepEqual(await keyv.get('a'), { n: 1 });
    assert.equal(await keyv.has('a'), true);
    assert.equal(await keyv.delete('a'), true);
    assert.equal(await keyv.get('a'), undefined);
    assert.equal(await keyv.has('a'), false);
  });

  it('stores rows under the namespace prefix as plain JSON', async () => {
    await keyv.set('a', [1, 'x']);
    assert.equal(await adapter.get('lab:a'), '{"value":[1,"x"]}');
  });

  it('clears only its own namespace', async () => {
    const neighbour = new KeyvLibsql({ path });
    const other = new Keyv({ store: neighbour, namespace: 'other' });
    try {
      await keyv.set('a', 1);
      await other.set('a', 2);
      await keyv.clear();
      assert.equal(await keyv.get('a'), undefined);
      assert.equal(await other.get('a'), 2);
    } finally {
      await neighbour.disconnect();
    }
  });

  it('iterates over its namespace', async () => {
    await keyv.set('b', 2);
    await keyv.set('a', 1);
    const seen: Array<[string, unknown]> = [];
    for await (const [key, value] of keyv.iterator!(undefined)) seen.push([key as string, value]);
    assert.deepEqual(seen, [['a', 1], ['b', 2]]);
  });

  it('throws through Keyv once disconnected, instead of answering undefined', async () => {
    await keyv.set('a', 1);
    await adapter.disconnect();
    await assert.rejects(keyv.get('a'), /closed/);
    await assert.rejects(keyv.set('a', 2), /closed/);
  });

  it('opens the file in WAL mode', () => {
    const db = new Database(path);
    try {
      assert.deepEqual((db.pragma('journal_mode') as Array<{ journal_mode: string }>)[0].journal_mode, 'wal');
    } finally {
      db.close();
    }
  });

  describe('transact', () => {
    it('reads, changes and writes one key, and returns the result', async () => {
      await adapter.set('k', '1');
      const result = await adapter.transact('k', (raw) => ({ value: String(Number(raw) + 1), result: `was ${raw}` }));
      assert.equal(result, 'was 1');
      assert.equal(await adapter.get('k'), '2');
    });

    it('deletes the key for a null value and writes nothing for undefined', async () => {
      await adapter.set('k', '1');
      await adapter.transact('k', () => ({ value: undefined, result: 0 }));
      assert.equal(await adapter.get('k'), '1');
      await adapter.transact('k', () => ({ value: null, result: 0 }));
      assert.equal(await adapter.get('k'), undefined);
    });

    it('rolls back when the change throws, leaving no transaction open', async () => {
      await adapter.set('k', '1');
      await assert.rejects(adapter.transact('k', () => {
        throw new Error('boom');
      }), /boom/);
      assert.equal(await adapter.get('k'), '1');
      assert.equal(await adapter.transact('k', (raw) => ({ value: 'x', result: raw })), '1');
    });

    it("waits for another connection's write lock instead of failing", async () => {
      const other = new Database(path);
      other.exec('BEGIN IMMEDIATE');
      other.prepare('INSERT INTO keyv (key, value) VALUES (?, ?)').run('k', '10');
      setTimeout(() => other.exec('COMMIT'), 150);
      try {
        const started = Date.now();
        const seen = await adapter.transact('k', (raw) => ({ value: String(Number(raw) + 1), result: raw }));
        assert.equal(seen, '10');
        assert.ok(Date.now() - started >= 100, 'the transaction did not wait for the lock');
        assert.equal(await adapter.get('k'), '11');
      } finally {
        await delay(0);
        other.close();
      }
    });

    it('gives up when aborted while waiting for the lock, and never writes later', async () => {
      const other = new Database(path);
      other.exec('BEGIN IMMEDIATE');
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('deadline')), 60);
      try {
        await assert.rejects(adapter.transact('k', () => ({ value: 'late', result: 0 }), controller.signal), /deadline/);
      } finally {
        other.exec('COMMIT');
        other.close();
      }
      await delay(50);
      assert.equal(await adapter.get('k'), undefined);
    });
  });
});
