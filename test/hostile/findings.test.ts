/**
 * Issue 8's findings as tests: each reproduces the report's own input and checks what the
 * bot does now. (Findings 3 and 4, the patterns and the code fence, are the `patterns`
 * helper's; the hostile-class suite still runs them for survival.)
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as sinon from 'sinon';
import Database from 'libsql';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Invocation, Role, Scope } from '../../src/contracts/invocation';
import { scopeKey } from '../../src/contracts/invocation';
import * as stores from '../../src/store';
import { MemoryDocuments } from '../../src/store/memory-documents';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import { MachinePool } from '../../src/app/sandbox/pool';
import { MAX_DOCUMENT_BYTES, MAX_HISTORY_LINE_CHARS, USER_FLOOD } from '../../src/contracts/budget';
import { ModlabError } from '../../src/contracts/errors';
import { migrate } from '../../src/scope/state';
import { removeDir, tempDir } from '../store/fixtures';

const LAB: Scope = { platform: 'discord', workspace: 'guild', channel: 'lab' };
let counter = 0;
function as(user: string, roles: Role[], command: string, text: string, scope = LAB): Invocation {
  return { id: `f${++counter}`, scope, user: { id: user, name: user, roles }, input: { kind: 'command', command, text } };
}
const sh = (text: string, scope = LAB): Invocation => as('mallory', ['student'], 'sh', text, scope);

async function appOver(docs: stores.DocumentStore, options: { rateLimit?: false } = {}): Promise<App> {
  const open = sinon.stub(stores, 'openStore').resolves(docs);
  try {
    return await createApp({ store: 'memory', quizTickMs: 0, ...options });
  } finally {
    open.restore();
  }
}

describe('issue 8, finding by finding', function () {
  this.timeout(20_000);

  describe('findings 1, 2, 7: bounded by the shell, or stopped by the budget (^C, status 130, nothing kept)', () => {
    let docs: MemoryDocuments;
    let app: App;
    before(async () => {
      docs = new MemoryDocuments({ maxDocumentBytes: MAX_DOCUMENT_BYTES });
      app = await appOver(docs, { rateLimit: false });
    });
    after(() => app.close());

    // The shell's own bounds (src/shell/limits.ts) now end findings 1 and 7 with bash's
    // allocator message, as a real bash under `ulimit -v` does; the line still ran, so what it
    // did is kept (here: nothing but the history line).
    const bounded = [
      ['finding 1: ${#x} of a 128 MB string', `x=$(printf %4000000s); x=${'$x'.repeat(32)}; echo \${#x}`, 'bash: xmalloc: cannot allocate 128000001 bytes\n'],
      ['finding 7: string doubling', 'x=a; while :; do x=$x$x; done', 'bash: xmalloc: cannot allocate 8388609 bytes\n'],
    ];
    for (const [name, line, output] of bounded) {
      it(`${name} ends with bash's allocator message, status 2`, async () => {
        const reply = await app.handle(sh(line));
        assert.deepEqual(reply.blocks, [{ kind: 'terminal', user: 'mallory', prompt: 'root@modlab:~#', line, output, exitCode: 2, keep: 'start' }]);
      });
    }

    // What no bound of the shell stops in time: 100,000 iterations, each scanning 4 MB.
    const slow = 'x=$(printf %4000000s); while :; do y=${x//a/b}; done';
    it('a line past the wall-clock budget: ^C, status 130, the limit named, nothing kept', async () => {
      await app.handle(sh('insmod hello.ko'));
      const before = await docs.get(scopeKey(LAB));
      const reply = await app.handle(sh(`echo first\n${slow}`));
      assert.deepEqual(reply.blocks, [
        { kind: 'terminal', user: 'mallory', prompt: 'root@modlab:~#', line: slow, output: '^C\n', exitCode: 130, keep: 'start' },
        { kind: 'notice', level: 'warning', text: 'Stopped after 2 s: one message may run for at most 2 s, so nothing it did was kept.' },
      ]);
      assert.equal(reply.visibility, 'channel');
      assert.deepEqual(await docs.get(scopeKey(LAB)), before);
    });

    it('finding 2: a file that would make the document larger than its bound is refused, nothing kept', async () => {
      const before = await docs.get(scopeKey(LAB));
      const reply = await app.handle(sh("printf '%1500000s' x > /root/p"));
      const text = reply.blocks.map((b) => (b.kind === 'notice' ? b.text : '')).join('');
      // Either the shell's own quota (bounds helper) or the document bound refuses it; never a 1.5 MB document.
      const after = await docs.get(scopeKey(LAB));
      assert.ok(Buffer.byteLength(JSON.stringify({ value: after })) <= MAX_DOCUMENT_BYTES);
      if (/^Refused/.test(text)) {
        assert.match(text, /^Refused: this would make the conversation's saved machine 1\.\d MB, and one may hold at most 1\.0 MB; nothing it did was kept\.$/);
        assert.deepEqual(after, before);
      }
    });
  });

  it('finding 7: running out of memory in a worker is a notice about memory, and the worker is replaced', async () => {
    const pool = new MachinePool({ size: 1, heapMb: 48, wallMs: 15_000 });
    try {
      const job = (lines: string[]) => ({
        job: { kind: 'shell' as const, lines, user: { id: 'm', name: 'm', roles: [] } },
        stored: undefined, hostname: 'modlab', maxDocumentBytes: MAX_DOCUMENT_BYTES, app: 1, exercises: { exercises: [], problems: [] }, clock: undefined,
      });
      // Within the shell's bounds, but not within a 48 MB heap: sort holds 2 million lines.
      const result = await pool.run(job(['true', 'yes | sort | wc -l']));
      assert.equal(result.kind, 'stopped');
      assert.equal(result.kind === 'stopped' && result.limit, 'memory');
      assert.equal(result.kind === 'stopped' && result.line, 1);
      const next = await pool.run(job(['echo alive']));
      assert.equal(next.kind === 'done' && next.outcome.ok && next.outcome.blocks[0]?.kind === 'terminal' && next.outcome.blocks[0].output, 'alive\n');
    } finally {
      await pool.close();
    }
  });

  describe('SQLite (findings 5 and 8)', () => {
    let dir: string;
    beforeEach(() => {
      dir = tempDir();
    });
    afterEach(() => removeDir(dir));

    it('finding 5: an invalid UTF-8 byte in a row is a damaged machine, and /modlab reboot replaces it', async () => {
      const path = join(dir, 'modlab.db');
      const docs = new SqliteDocuments(path);
      const app = await appOver(docs);
      try {
        await app.handle(sh('lsmod'));
        const raw = new Database(path);
        raw.prepare('UPDATE keyv SET value = CAST(? AS TEXT) WHERE key = ?').run(Buffer.from([0x7b, 0x22, 0x76, 0xff, 0xfe, 0x7d]), `modlab:${scopeKey(LAB)}`);
        raw.close();
        const damaged = await app.handle(sh('lsmod'));
        assert.deepEqual(damaged.blocks, [{ kind: 'notice', level: 'error', text: "This conversation's saved machine is damaged (its saved text is not valid UTF-8). An instructor can replace it with a fresh one: /modlab reboot." }]);
        const reboot = await app.handle(as('prof', ['instructor'], 'modlab', 'reboot'));
        assert.deepEqual(reboot.blocks, [{ kind: 'notice', level: 'success', text: 'prof rebooted this machine: a fresh Linux 6.1.0-56-amd64 with nothing loaded.' }]);
        const after = await app.handle(sh('uname -r'));
        assert.equal(after.blocks[0]?.kind === 'terminal' && after.blocks[0].output, '6.1.0-56-amd64\n');
      } finally {
        await app.close();
      }
    });

    it('finding 8: after a clean close the .db file alone holds everything (WAL checkpointed)', async () => {
      const path = join(dir, 'modlab.db');
      const docs = new SqliteDocuments(path);
      await docs.put('k', { count: 41 });
      await docs.update('k', (doc) => ({ doc: { count: (doc as { count: number }).count + 1 }, result: undefined }));
      await docs.close();
      assert.ok(!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0, 'the WAL still holds data');
      mkdirSync(join(dir, 'backup'));
      copyFileSync(path, join(dir, 'backup', 'modlab.db'));
      const copy = new SqliteDocuments(join(dir, 'backup', 'modlab.db'));
      try {
        assert.deepEqual(await copy.get('k'), { count: 42 });
      } finally {
        await copy.close();
      }
    });
  });

  it('finding 6: a long line is kept in the history cut to its bound, with a marker', async () => {
    const docs = new MemoryDocuments();
    const app = await appOver(docs, { rateLimit: false });
    try {
      const line = `echo ${'y'.repeat(15_000)}`;
      const reply = await app.handle(sh(line));
      assert.equal(reply.blocks[0]?.kind, 'terminal', JSON.stringify(reply.blocks).slice(0, 300));
      const state = migrate(await docs.get(scopeKey(LAB)));
      const kept = state.history.at(-1)?.line;
      assert.equal(kept, `${line.slice(0, MAX_HISTORY_LINE_CHARS)} [… ${line.length - MAX_HISTORY_LINE_CHARS} more characters not kept]`);
    } finally {
      await app.close();
    }
  });

  it(`finding 9: 100 quiz clicks in a burst: ${USER_FLOOD.count} count, the rest are refused without a store write`, async () => {
    const docs = new MemoryDocuments();
    const app = await appOver(docs);
    try {
      const quiz = await app.handle(as('prof', ['instructor'], 'quiz', 'seed=3'));
      const choice = quiz.choices?.[0]?.id;
      assert.ok(choice);
      const update = sinon.spy(docs, 'updateText');
      const clicks = await Promise.all(Array.from({ length: 100 }, (_, i) => app.handle({ id: `c${i}`, scope: LAB, user: { id: 'clicker', name: 'clicker', roles: ['student'] }, input: { kind: 'action', id: choice } })));
      const refused = clicks.filter((r) => r.blocks.some((b) => b.kind === 'notice' && /^You are sending clicks faster than the class can read them; wait \d+ s\.$/.test(b.text)));
      assert.equal(refused.length, 100 - USER_FLOOD.count);
      assert.ok(update.callCount <= USER_FLOOD.count, `${update.callCount} store writes`);
    } finally {
      sinon.restore();
      await app.close();
    }
  });

  it('a conversation has a flood limit of its own: many users together are refused too', async () => {
    const docs = new MemoryDocuments();
    const app = await appOver(docs);
    try {
      const replies = [];
      for (let i = 0; i < 70; i++) replies.push(await app.handle(as(`student${i}`, ['student'], 'sh', 'true')));
      const refused = replies.filter((r) => r.blocks.some((b) => b.kind === 'notice' && /^This conversation is sending commands faster than the class can read them; wait \d+ s\.$/.test(b.text)));
      assert.equal(refused.length, 10);
    } finally {
      await app.close();
    }
  });
});

describe('the store under a slow machine (finding 3\'s lock)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => removeDir(dir));

  it('holds no SQLite lock while an update function runs: another process writes meanwhile, and the update re-runs on its result', async () => {
    const path = join(dir, 'modlab.db');
    const mine = new SqliteDocuments(path);
    const theirs = new SqliteDocuments(path, { deadlineMs: 500 });
    try {
      await mine.put('k', { count: 0 });
      let calls = 0;
      const slow = mine.update('k', async (doc) => {
        calls++;
        if (calls === 1) {
          // The machine runs; meanwhile the other process writes this key and another one, at once.
          const started = Date.now();
          await theirs.update('k', () => ({ doc: { count: 10 }, result: undefined }));
          await theirs.put('other', { ok: true });
          assert.ok(Date.now() - started < 400, 'the other writer waited for this update');
        }
        return { doc: { count: (doc as { count: number }).count + 1 }, result: calls };
      });
      assert.equal(await slow, 2);
      assert.deepEqual(await mine.get('k'), { count: 11 });
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it("gives up with 'store-busy' when every compare-and-commit loses", async () => {
    const docs = new MemoryDocuments();
    sinon.stub(docs.backend, 'commit').resolves(false);
    try {
      await assert.rejects(docs.update('k', () => ({ doc: 1, result: undefined })), (error) => error instanceof ModlabError && error.code === 'store-busy' && error.userMessage === 'This conversation is busy (others changed its machine at the same moment); nothing was changed, please try again.');
    } finally {
      sinon.restore();
    }
  });

  for (const [label, size, refused] of [['N-1', MAX_DOCUMENT_BYTES - 1, false], ['N', MAX_DOCUMENT_BYTES, false], ['N+1', MAX_DOCUMENT_BYTES + 1, true]] as const) {
    it(`checks the document bound before every commit (${label} bytes: ${refused ? 'refused' : 'saved'})`, async () => {
      const docs = new MemoryDocuments({ maxDocumentBytes: MAX_DOCUMENT_BYTES });
      const envelope = '{"value":""}'.length;
      const doc = 'z'.repeat(size - envelope);
      const saving = docs.update('k', () => ({ doc, result: undefined }));
      if (refused) {
        await assert.rejects(saving, (error) => error instanceof ModlabError && error.code === 'over-budget');
        assert.equal(await docs.get('k'), undefined);
      } else {
        await saving;
        assert.equal((await docs.get('k') as string).length, doc.length);
      }
    });
  }

  it('updates of different keys do not wait for each other; of one key, they queue', async () => {
    const docs = new MemoryDocuments();
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowA = docs.update('a', async () => {
      await gate;
      order.push('a1');
      return { doc: 1, result: undefined };
    });
    const secondA = docs.update('a', () => {
      order.push('a2');
      return { doc: 2, result: undefined };
    });
    await docs.update('b', () => {
      order.push('b');
      return { doc: 1, result: undefined };
    });
    release();
    await Promise.all([slowA, secondA]);
    assert.deepEqual(order, ['b', 'a1', 'a2']);
  });
});
