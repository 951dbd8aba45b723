import { strict as assert } from 'node:assert';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Scope } from '../../src/contracts/invocation';
import { builtinExerciseFiles } from '../../exercises';
import { buildExerciseSet } from '../../src/teaching/exercise-set';
import { as, click, LAB, startExercise, textOf } from './helpers';

/** A thread id as the platform would make it for a thread created at AT (ms since 1970). */
function threadId(platform: 'slack' | 'discord', at: number): string {
  return platform === 'slack' ? (at / 1000).toFixed(6) : ((BigInt(at) - 1420070400000n) << 22n).toString();
}

const exercises = buildExerciseSet({ builtin: builtinExerciseFiles }).exercises;
const STUDENTS = ['alice', 'bob', 'chen'];

describe('exercises, driven through the app', () => {
  let app: App;
  let now = Date.UTC(2026, 10, 25, 9, 0, 0);
  beforeEach(async () => {
    app = await createApp({ store: 'memory', clock: () => (now += 100), quizTickMs: 0 });
  });
  afterEach(() => app.close());

  const start = (id: string): Promise<Scope> => startExercise(app, id);

  for (const exercise of exercises) {
    it(`${exercise.id}: not solved at its start, solved by its scripted solution`, async () => {
      const room = await start(exercise.id);
      const status = textOf(await app.handle(as('alice', ['student'], room, 'exercise', 'status')));
      assert.match(status, /, in progress;/);
      // The goal must not be met by the setup alone: some part of the checklist is open.
      assert.match(status, /^ {2}\[ \] /m, status);
      const solvedAt: number[] = [];
      const lines = exercise.solution ?? [];
      for (const [i, line] of lines.entries()) {
        const reply = await app.handle(as(STUDENTS[i % STUDENTS.length] as string, ['student'], room, 'sh', line));
        if (/Exercise solved/.test(textOf(reply))) solvedAt.push(i);
      }
      assert.deepEqual(solvedAt.length, 1, `solved exactly once (at lines ${solvedAt.join(', ')})`);
      const after = textOf(await app.handle(as('alice', ['student'], room, 'exercise', 'status')));
      assert.match(after, /, solved;/);
      assert.doesNotMatch(after, /\[ \]/);
    });
  }

  it('credits everyone who contributed, with their commands', async () => {
    const room = await start('rmmod-in-use');
    await app.handle(as('alice', ['student'], room, 'sh', 'rmmod mod_b'));
    await app.handle(as('bob', ['student'], room, 'rmmod', 'mod_a'));
    const done = await app.handle(as('alice', ['student'], room, 'sh', 'rmmod mod_b'));
    assert.match(textOf(done), /^Exercise solved: rmmod and "in use"\. Well done, alice \(`rmmod mod_b`, `rmmod mod_b`\), bob \(`rmmod mod_a`\)\.$/m);
    assert.equal(done.visibility, 'channel');
  });

  it('gives the exercise its own machine, and leaves the lab\'s alone', async () => {
    await app.handle(as('alice', ['student'], LAB, 'sh', 'insmod hello.ko'));
    const room = await start('rmmod-in-use');
    assert.equal(textOf(await app.handle(as('alice', ['student'], room, 'sh', 'lsmod'))), 'Module                  Size  Used by\nmod_a                  16384  0\nmod_b                  16384  1 mod_a\n');
    assert.match(textOf(await app.handle(as('alice', ['student'], LAB, 'sh', 'lsmod'))), /^hello /m);
  });

  it('says once that a broken rule spoils the attempt', async () => {
    const room = await start('insmod-order');
    const first = await app.handle(as('bob', ['student'], room, 'sh', 'modprobe mod_a'));
    assert.match(textOf(first), /This exercise asks that nobody used modprobe, so this attempt can no longer count\. Start it again from the beginning with \/exercise restart\./);
    assert.doesNotMatch(textOf(first), /Exercise solved/);
    const second = await app.handle(as('bob', ['student'], room, 'sh', 'lsmod'));
    assert.doesNotMatch(textOf(second), /attempt/);
  });

  it('gives hints one by one, then keeps giving the last', async () => {
    const room = await start('rmmod-in-use');
    assert.match(textOf(await app.handle(as('alice', ['student'], room, 'exercise', 'hint'))), /^Hint 1 of 3 \(asked by alice\): `rmmod mod_b` says who holds it\.$/);
    assert.match(textOf(await app.handle(as('bob', ['student'], room, 'exercise', 'hint'))), /^Hint 2 of 3/);
    await app.handle(as('bob', ['student'], room, 'exercise', 'hint'));
    assert.match(textOf(await app.handle(as('bob', ['student'], room, 'exercise', 'hint'))), /^Hint 3 of 3/);
  });

  it('refuses start and stop to students, and lets them list, hint and see status', async () => {
    const start = await app.handle(as('alice', ['student'], LAB, 'exercise', 'start rmmod-in-use'));
    assert.equal(start.visibility, 'user');
    assert.match(textOf(start), /Only instructors may run \/exercise start\./);
    const stop = await app.handle(as('alice', ['student'], LAB, 'exercise', 'stop'));
    assert.match(textOf(stop), /Only instructors may run \/exercise stop\./);
    assert.match(textOf(await app.handle(as('alice', ['student'], LAB, 'exercise', 'list'))), /rmmod-in-use/);
    assert.match(textOf(await app.handle(as('alice', ['student'], LAB, 'exercise', 'status'))), /No exercise is running/);
  });

  it('stops an exercise on an instructor\'s word, and no longer checks it', async () => {
    const room = await start('rmmod-in-use');
    assert.match(textOf(await app.handle(as('prof', ['instructor'], room, 'exercise', 'stop'))), /prof stopped the exercise "rmmod and "in use""\. It was not solved/);
    await app.handle(as('alice', ['student'], room, 'sh', 'rmmod mod_a'));
    assert.doesNotMatch(textOf(await app.handle(as('alice', ['student'], room, 'sh', 'rmmod mod_b'))), /solved/);
  });

  it('answers an unknown exercise name with a pointer to the list', async () => {
    assert.match(textOf(await app.handle(as('prof', ['instructor'], LAB, 'exercise', 'start nosuch'))), /No exercise named "nosuch"\. See \/exercise list\./);
  });

  it('on Slack and Discord, opens a thread and gives the exercise to the thread the adapter claims', async () => {
    for (const platform of ['slack', 'discord'] as const) {
      const channel: Scope = { platform, workspace: 'T1', channel: 'C1' };
      const reply = await app.handle(as('prof', ['instructor'], channel, 'exercise', 'start holders-refcnt'));
      assert.equal(reply.openThread?.name, 'Exercise: Holders and reference counts');
      assert.match(reply.openThread?.claim ?? '', /^exercise-thread:holders-refcnt:/);
      assert.match(textOf(reply), /Load mod_a and mod_d_prop/);
      const thread: Scope = { ...channel, thread: threadId(platform, now + 1000) };
      // What the adapter does once the thread exists: send the claim from it.
      const claimed = await app.handle(click('prof', thread, reply.openThread?.claim ?? ''));
      assert.match(textOf(claimed), /This thread runs the exercise "Holders and reference counts"/);
      await app.handle(as('alice', ['student'], thread, 'sh', 'modprobe mod_a'));
      await app.handle(as('bob', ['student'], thread, 'sh', 'insmod mod_d_prop.ko'));
      await app.handle(as('bob', ['student'], thread, 'sh', 'cat /sys/module/mod_b/refcnt; ls /sys/module/mod_b/holders/'));
      const done = await app.handle(as('alice', ['student'], thread, 'sh', 'rmmod mod_a'));
      assert.match(textOf(done), /Exercise solved: Holders and reference counts\. Well done, alice/);
      // The channel itself has no exercise, a second thread gets none, and a claim works once.
      assert.match(textOf(await app.handle(as('alice', ['student'], channel, 'exercise', 'status'))), /No exercise is running/);
      assert.match(textOf(await app.handle(as('alice', ['student'], { ...channel, thread: 'other' }, 'exercise', 'status'))), /No exercise is running/);
      assert.deepEqual((await app.handle(click('prof', { ...channel, thread: 'again' }, reply.openThread?.claim ?? ''))).blocks, []);
    }
  });

  it('gives the exercise to no thread but the claimed one, however new', async () => {
    for (const platform of ['slack', 'discord'] as const) {
      const channel: Scope = { platform, workspace: 'T1', channel: 'C2' };
      const old: Scope = { ...channel, thread: threadId(platform, now - 3_600_000) };
      const started = await app.handle(as('prof', ['instructor'], channel, 'exercise', 'start rmmod-in-use'));
      assert.match(textOf(await app.handle(as('bob', ['student'], old, 'sh', 'lsmod'))), /^Module +Size +Used by\n$/);
      const other: Scope = { ...channel, thread: threadId(platform, now + 500) };
      assert.match(textOf(await app.handle(as('carol', ['student'], other, 'sh', 'lsmod'))), /^Module +Size +Used by\n$/);
      const opened: Scope = { ...channel, thread: threadId(platform, now + 1000) };
      await app.handle(click('prof', opened, started.openThread?.claim ?? ''));
      assert.match(textOf(await app.handle(as('alice', ['student'], opened, 'sh', 'lsmod'))), /^mod_b +16384 +1 mod_a$/m);
    }
  });
});
