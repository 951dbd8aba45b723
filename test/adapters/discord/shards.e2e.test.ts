/**
 * Two Discord shards as two bot processes on one store (issue 12): each runs Modlab's own
 * entry point (adapters/main.js) as a ShardingManager child would, with SHARDS and
 * SHARD_COUNT set, through the real discord.js against FakeDiscord, which routes guilds to
 * shards by Discord's formula. A quiz whose time ran out is known to both (each loads the
 * open quizzes at start, as after a restart) and both reveal timers fire: it is posted
 * exactly once. A command in each guild is answered once, by its own shard.
 */
import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createApp } from '../../../src/app/create-app';
import { FakeDiscord, GUILD_ID, CHANNEL_ID, INSTRUCTOR_ROLE_ID, STUDENT, defaultGuild, type FakeGuild } from './fake/fake-discord';
import { slash } from './fake/payloads';
import { removeDir, tempDir } from '../../store/fixtures';
import { REDIS_URL, dropRedisNamespace, needServer } from '../../store/servers';

/** A guild on shard 0 of 2 ((id >> 22) % 2 === 0); GUILD_ID is on shard 1. */
const OTHER_GUILD_ID = '1100000000004194305';
const OTHER_GUILD_CHANNEL = '1100000000004194306';
const otherGuild: FakeGuild = { id: OTHER_GUILD_ID, name: 'Second class', roles: [INSTRUCTOR_ROLE_ID], channels: [{ id: OTHER_GUILD_CHANNEL, name: 'lab', type: 0 }] };

const MAIN = join(__dirname, '..', '..', '..', 'adapters', 'main.js');

/** A Redis database of this test's own (the app's default namespace lives in it). */
const REDIS_DB_URL = `${REDIS_URL.replace(/\/\d*$/, '')}/13`;

interface Shared {
  name: string;
  server?: 'redis';
  setUp(): string;
  tearDown(spec: string): Promise<void>;
}

const stores: Shared[] = [
  {
    name: 'one SQLite file',
    setUp: () => `sqlite:${join(tempDir(), 'shared.db')}`,
    tearDown: async (spec) => removeDir(join(spec.slice('sqlite:'.length), '..')),
  },
  {
    name: 'one Redis',
    server: 'redis',
    setUp: () => REDIS_DB_URL,
    tearDown: () => dropRedisNamespace('modlab', REDIS_DB_URL),
  },
];

function startShard(id: number, fake: FakeDiscord, store: string, cwd: string): { child: ChildProcess; log: () => string } {
  let log = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      SHARDS: JSON.stringify([id]),
      SHARD_COUNT: '2',
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_INSTRUCTOR_ROLE: INSTRUCTOR_ROLE_ID,
      MODLAB_STORE: store,
      MODLAB_LOG: 'info',
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return { child, log: () => log };
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGTERM');
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const store of stores) {
  describe(`two Discord shard processes on ${store.name}`, function () {
    this.timeout(90_000);
    let fake: FakeDiscord;
    let spec: string;
    let cwd: string;
    let shards: Array<{ child: ChildProcess; log: () => string }> = [];

    before(async function () {
      if (store.server) await needServer(this, store.server);
    });

    beforeEach(async () => {
      spec = store.setUp();
      cwd = tempDir();
      fake = new FakeDiscord({ guilds: [defaultGuild(), otherGuild] });
      await fake.start();
    });

    afterEach(async () => {
      await Promise.all(shards.map((s) => stopped(s.child)));
      shards = [];
      await fake.stop();
      await store.tearDown(spec);
      removeDir(cwd);
    });

    it('posts a timed-out quiz\'s reveal exactly once, and each guild\'s commands are answered once by its shard', async () => {
      // A quiz asked 11 s ago with 10 s to answer, by a process now gone: both shards find it at start.
      const before = await createApp({ store: spec, clock: () => Date.now() - 11_000, quizTickMs: 0, sandbox: 'inline' });
      await before.handle({
        id: 'asked-earlier',
        scope: { platform: 'discord', workspace: GUILD_ID, channel: CHANNEL_ID },
        user: { id: STUDENT.id, name: 'alice', roles: ['student'] },
        input: { kind: 'command', command: 'quiz', options: { topic: 'rmmod', seconds: 10, seed: 7 }, text: 'ask rmmod 10 7' },
      });
      await before.close();

      shards = [startShard(0, fake, spec, cwd), startShard(1, fake, spec, cwd)];
      const deadline = Date.now() + 60_000;
      while (fake.connections.filter(Boolean).length < 2 && Date.now() < deadline) await delay(50);
      assert.deepEqual(fake.connections.map((c) => c?.join('/')).sort(), ['0/2', '1/2'], shards.map((s) => s.log()).join('\n'));

      const posted = await fake.waitForPost(CHANNEL_ID, (m) => m.content.startsWith('Time is up!'), 30_000);
      assert.match(posted.content, /\nNobody answered\.$/);
      // Both timers tick every second: give the slower shard a few ticks to (not) post it again.
      await delay(3000);
      const reveals = (fake.messages.get(CHANNEL_ID) ?? []).filter((m) => m.type === 0 && m.content.startsWith('Time is up!'));
      assert.equal(reveals.length, 1, shards.map((s) => s.log()).join('\n'));

      for (const channelId of [CHANNEL_ID, OTHER_GUILD_CHANNEL]) {
        const { id } = fake.interact({ type: 2, data: slash('sh', { line: 'echo once' }), channelId });
        const answer = await fake.answer(id, 20_000);
        assert.match(String(answer.body.content), /echo once\nonce/);
        await delay(500);
        assert.deepEqual(fake.events(id).filter((e) => e.kind === 'callback').map((e) => e.status), [204], 'acknowledged once');
      }
    });
  });
}
