/**
 * Fuzzing through the real app, with a fixed seed in `npm test` and a long run by
 * `npm run fuzz` (FUZZ_RUNS, FUZZ_SEED): random shell lines, and random bytes planted in a
 * conversation's stored row. Whatever comes in, the app answers with a Reply (a terminal,
 * or one notice), never throws, never answers "Something went wrong", and stays alive.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import * as sinon from 'sinon';
import Database from 'libsql';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Invocation, Scope } from '../../src/contracts/invocation';
import { scopeKey } from '../../src/contracts/invocation';
import * as stores from '../../src/store';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import { random } from './random';
import { removeDir, tempDir } from '../store/fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

const TOKENS = [
  'lsmod', 'insmod', 'rmmod', 'modprobe', 'modinfo', 'dmesg', 'echo', 'printf', 'cat', 'grep', 'sed', 'head', 'wc', 'ls', 'cd', 'x=$x$x',
  'hello.ko', 'dummy', '-r', '-E', '-c', '%s', '%99999s', '"(a+)+$"', '/proc/modules', '/sys/module', '/root/f', '/dev/zero',
  '|', '||', '&&', ';', '>', '>>', '<', '2>&1', '$(', ')', '`', '{', '}', '{1..9}', '*', '?', '[', ']', '"', "'", '\\', '$?', '${#x}', '$((1<<62))',
  'expr', 'tac', 'fold', 'md5sum', 'chmod', 'cmp', 'free', 'printenv', 'hostname', 'getconf', 'whereis', 'du', 'df', '-B', '--output=', './f', '(', 'length', '+x', '-s', '1K',
  'set', '-e', '-u', '-x', '-o', 'pipefail', '-C', '-f', '-a', '--', 'export', '-n', '-p', 'declare', 'let', 'env', 'bash', '-c', 'x=1', '$x', '((', '))',
  'for', 'i', 'in', 'do', 'done', 'while', 'until', 'if', 'then', 'fi', 'case', 'esac', '[[', ']]', '=~', '!', ':', '\u00e9', '\ud83d\ude00', '\u0000',
];

function line(next: () => number): string {
  const words = 1 + Math.floor(next() * 12);
  return Array.from({ length: words }, () => TOKENS[Math.floor(next() * TOKENS.length)] ?? '').join(next() < 0.8 ? ' ' : '');
}

function assertSane(reply: Awaited<ReturnType<App['handle']>>, input: string): void {
  assert.ok(reply.blocks.length > 0, `no blocks for ${JSON.stringify(input)}`);
  for (const block of reply.blocks) {
    if (block.kind === 'notice') assert.doesNotMatch(block.text, /Something went wrong/, `for ${JSON.stringify(input)}`);
  }
}

const LAB: Scope = { platform: 'console', workspace: 'fuzz', channel: 'lab' };
let counter = 0;
const sh = (text: string): Invocation => ({ id: `z${++counter}`, scope: LAB, user: { id: 'fuzz', name: 'fuzz', roles: ['instructor'] }, input: { kind: 'command', command: 'sh', text } });

describe('fuzzing through the app (fixed seed; npm run fuzz for a long run)', function () {
  this.timeout(RUNS > 0 ? 0 : 60_000);
  let dir: string;
  let path: string;
  let app: App;

  before(async () => {
    dir = tempDir();
    path = join(dir, 'modlab.db');
    const open = sinon.stub(stores, 'openStore').resolves(new SqliteDocuments(path));
    try {
      app = await createApp({ store: 'memory', rateLimit: false, quizTickMs: 0 });
    } finally {
      open.restore();
    }
  });

  after(async () => {
    await app.close();
    removeDir(dir);
  });

  it(`answers ${RUNS || 200} random shell lines (seed ${SEED}) with a reply, never a crash`, async () => {
    const next = random(SEED);
    for (let i = 0; i < (RUNS || 200); i++) {
      const text = line(next);
      assertSane(await app.handle(sh(text)), text);
    }
  });

  it(`survives ${RUNS || 150} random byte strings planted in its stored row (seed ${SEED})`, async () => {
    const next = random(SEED + 1);
    const raw = new Database(path);
    try {
      const good = (raw.prepare('SELECT CAST(value AS BLOB) AS v FROM keyv WHERE key = ?').get(`modlab:${scopeKey(LAB)}`) as { v: Buffer } | undefined)?.v ?? Buffer.from('{"value":{}}');
      for (let i = 0; i < (RUNS || 150); i++) {
        // Mostly damaged copies of a real document (a flipped byte, a cut), sometimes pure noise.
        let bytes: Buffer;
        const how = next();
        if (how < 0.4) {
          bytes = Buffer.from(good);
          for (let k = 0; k < 1 + Math.floor(next() * 4); k++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
        } else if (how < 0.7) {
          bytes = good.subarray(0, Math.floor(next() * good.length));
        } else {
          bytes = Buffer.from(Array.from({ length: Math.floor(next() * 64) }, () => Math.floor(next() * 256)));
        }
        raw.prepare('INSERT INTO keyv (key, value) VALUES (?, CAST(? AS TEXT)) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(`modlab:${scopeKey(LAB)}`, bytes);
        assertSane(await app.handle(sh('lsmod')), `row ${bytes.toString('hex').slice(0, 80)}`);
      }
      // And the conversation can always be brought back.
      const reboot = await app.handle({ ...sh(''), input: { kind: 'command', command: 'modlab', text: 'reboot' } });
      assert.equal(reboot.blocks[0]?.kind === 'notice' && reboot.blocks[0].level, 'success');
    } finally {
      raw.close();
    }
  });
});
