/**
 * A whole lab on Discord, through the real discord.js against FakeDiscord with the real app
 * (createApp, memory store): an instructor opens an exercise, which gets its own thread;
 * two students solve it there; then a quiz with buttons, private acknowledgements, the
 * instructor's reveal and the scores; and a quiz whose time runs out, revealed in its thread
 * by the app's timer through the adapter's announcer. The app's clock is the real one plus a
 * skew the test moves forward (thread ids carry real time; quizzes last 10 s at least).
 * Texts are compared as Discord receives them: plain text is markdown-escaped (mod\_b,
 * \`rmmod\`, 1\.) so that it shows as written.
 */
import { strict as assert } from 'node:assert';
import { MessageFlags } from 'discord.js';
import { createApp } from '../../../src/app/create-app';
import type { App } from '../../../src/app/app';
import { Scratch } from '../../../src/teaching/quiz/scratch';
import { generateQuestion } from '../../../src/teaching/quiz/question';
import { startHarness, type Harness } from './fake/harness';
import { CHANNEL_ID, GUILD_ID, OTHER_CHANNEL_ID, ROLE_INSTRUCTOR, STUDENT, type FakeChannel, type FakeMember } from './fake/fake-discord';
import { botMessage, button, slash } from './fake/payloads';

/** A second student (alice is the first). */
const EVE: FakeMember = { id: '1200000000000000011', username: 'eve' };
const INSTRUCTOR = ROLE_INSTRUCTOR; // "Prof Bob", by DISCORD_INSTRUCTOR_ROLE
const TICK_MS = 50;

type Rows = Array<{ type: number; components: Array<{ custom_id: string; label: string; style: number }> }>;

describe('a lab on Discord: an exercise in its thread, then quizzes (real app)', function () {
  this.timeout(60_000);
  let h: Harness;
  let app: App;
  let skew = 0;
  let thread: FakeChannel;

  before(async () => {
    app = await createApp({ store: 'memory', clock: () => Date.now() + skew, quizTickMs: TICK_MS });
    h = await startHarness(app);
  });
  after(async () => {
    await h?.stop();
    await app?.close();
  });

  /** Sends a slash command (or a click) and waits for what its user finally sees. */
  async function run(member: FakeMember, channelId: string, data: Record<string, unknown>): Promise<{ content: string; flags: unknown; components: Rows; id: string }> {
    const { id } = h.fake.interact({ type: 2, data, channelId, member });
    const answer = await h.fake.answer(id, 15_000);
    return { content: String(answer.body.content), flags: answer.body.flags, components: (answer.body.components ?? []) as Rows, id };
  }

  async function click(member: FakeMember, channelId: string, customId: string, rows: Rows): Promise<{ content: string; flags: unknown }> {
    const { id } = h.fake.interact({ type: 3, data: button(customId), channelId, member, message: botMessage(channelId, h.fake.applicationId, rows) });
    const answer = await h.fake.answer(id, 15_000);
    return { content: String(answer.body.content), flags: answer.body.flags };
  }

  describe('the exercise', () => {
    it('opens on the instructor\'s /exercise start in a thread on the bot\'s reply', async () => {
      const created = new Promise<FakeChannel>((resolve) => h.fake.once('thread', resolve));
      const start = await run(INSTRUCTOR, CHANNEL_ID, slash('exercise', { name: 'rmmod-in-use' }, 'start'));
      assert.equal(
        start.content,
        [
          '✅ Prof Bob started the exercise "rmmod and "in use"". It runs in this thread, on a machine of its own.',
          'ℹ️ Exercise: rmmod and "in use"',
          'mod\\_a and mod\\_b are loaded (mod\\_a uses mod\\_b). Unload mod\\_b using rmmod only. Read rmmod\'s message when it refuses.',
          '',
          'Everyone here shares this machine. /exercise hint gives a hint, /exercise status shows what is done.',
        ].join('\n'),
      );
      assert.equal(start.flags, undefined, 'the whole channel sees it');
      thread = await created;
      assert.deepEqual([thread.name, thread.parentId, thread.id], ['Exercise: rmmod and "in use"', CHANNEL_ID, h.fake.original(start.id)!.id]);
    });

    it('runs the students\' commands in the thread on the exercise\'s machine, and gives hints to all', async () => {
      const lsmod = await run(STUDENT, thread.id, slash('lsmod'));
      assert.equal(lsmod.content, '**alice**\n```\nroot@modlab:~# lsmod\nModule                  Size  Used by\nmod_a                  16384  0\nmod_b                  16384  1 mod_a\n```');
      const refused = await run(STUDENT, thread.id, slash('rmmod', { module: 'mod_b' }));
      assert.equal(refused.content, '**alice**\n```\nroot@modlab:~# rmmod mod_b\nrmmod: ERROR: Module mod_b is in use by: mod_a\n```\n-# exit status 1');
      const hint = await run(STUDENT, thread.id, slash('exercise', {}, 'hint'));
      assert.equal(hint.content, 'Hint 1 of 3 (asked by alice): `rmmod mod_b` says who holds it.');
      assert.equal(hint.flags, undefined);
      const eve = await run(EVE, thread.id, slash('sh', { line: 'rmmod mod_a' }));
      assert.equal(eve.content, '**eve**\n```\nroot@modlab:~# rmmod mod_a\n```');
      // The channel the exercise was started from keeps a machine of its own.
      const lab = await run(STUDENT, CHANNEL_ID, slash('sh', { line: 'lsmod | grep -c mod_' }));
      assert.equal(lab.content, '**alice**\n```\nroot@modlab:~# lsmod | grep -c mod_\n0\n```\n-# exit status 1');
    });

    it('shows /exercise status to the asker alone: the checklist and who contributed', async () => {
      const status = await run(EVE, thread.id, slash('exercise', {}, 'status'));
      assert.equal(status.flags, MessageFlags.Ephemeral);
      assert.match(status.content, /^Exercise: rmmod and "in use" \(rmmod-in-use\), in progress; started by Prof Bob\.\n/);
      assert.match(status.content, /\nGoal:\n {2}\[ \] module mod\\_b is not loaded\n {2}\[x\] nobody used modprobe\nHints shown: 1 of 3\.\nContributors: alice \(`lsmod`, `rmmod mod_b`\), eve \(`rmmod mod_a`\)\.$/);
    });

    it('says once, to everyone, when the goal is met, crediting both students', async () => {
      const solved = await run(STUDENT, thread.id, slash('rmmod', { module: 'mod_b' }));
      assert.equal(
        solved.content,
        [
          '**alice**',
          '```',
          'root@modlab:~# rmmod mod_b',
          '```',
          '✅ Exercise solved: rmmod and "in use". Well done, alice (`lsmod`, `rmmod mod_b`, `rmmod mod_b`), eve (`rmmod mod_a`).',
          'A module whose refcount is not zero cannot be removed: mod\\_a holds a reference on mod\\_b as long as it is loaded.',
        ].join('\n'),
      );
      assert.equal(solved.flags, undefined);
      const again = await run(EVE, thread.id, slash('lsmod'));
      assert.doesNotMatch(again.content, /solved/);
    });

    it('refuses /exercise stop to a student, privately, and lets the instructor stop it', async () => {
      const refused = await run(EVE, thread.id, slash('exercise', {}, 'stop'));
      assert.equal(refused.content, '❌ Only instructors may run /exercise stop.');
      assert.equal(refused.flags, MessageFlags.Ephemeral);
      const stopped = await run(INSTRUCTOR, thread.id, slash('exercise', {}, 'stop'));
      assert.equal(
        stopped.content,
        'ℹ️ Prof Bob stopped the exercise "rmmod and "in use"". It was solved; contributors: alice (`lsmod`, `rmmod mod_b`, `rmmod mod_b`), eve (`rmmod mod_a`). The machine stays as it is.',
      );
      assert.equal(stopped.flags, undefined);
    });
  });

  describe('the quiz', () => {
    // The right answer, from the simulator: what the right button must be.
    const question = generateQuestion(new Scratch('modlab'), 7, 'rmmod');

    it('posts a question with one button per answer; every click is acknowledged privately, and an answer can change', async () => {
      assert.ok(question);
      const right = question.correct;
      const wrong = right === 0 ? 1 : 0;
      const asked = await run(STUDENT, CHANNEL_ID, slash('quiz', { topic: 'rmmod', seed: 7 }, 'ask'));
      assert.equal(asked.flags, undefined);
      assert.match(asked.content, /^Quiz \(rmmod\), 60 s to answer:\n/);
      assert.match(asked.content, /\n\(one answer each; you may change it until the reveal\. seed 7\)$/);
      const buttons = asked.components.flatMap((row) => row.components);
      assert.deepEqual(buttons.map((b) => b.label), 'ABCDE'.slice(0, question.choices.length).split(''));
      const ids = buttons.map((b) => b.custom_id);
      assert.ok(ids.every((id, i) => new RegExp(`^mc:quiz:\\d+-7:${i}$`).test(id)), ids.join(' '));

      const alice = await click(STUDENT, CHANNEL_ID, ids[right], asked.components);
      assert.match(alice.content, new RegExp(`^ℹ️ Your answer: ${'ABCDE'[right]}\\) .*You can change it until the reveal\\.$`));
      assert.equal(alice.flags, MessageFlags.Ephemeral);
      const eveFirst = await click(EVE, CHANNEL_ID, ids[right], asked.components);
      assert.equal(eveFirst.flags, MessageFlags.Ephemeral);
      const eveChanged = await click(EVE, CHANNEL_ID, ids[wrong], asked.components);
      assert.match(eveChanged.content, new RegExp(`^ℹ️ Changed your answer from ${'ABCDE'[right]} to ${'ABCDE'[wrong]}\\) `));
      assert.equal(eveChanged.flags, MessageFlags.Ephemeral);
    });

    it('refuses /quiz reveal to a student; the instructor\'s reveals the answer and who got it right, to everyone', async () => {
      assert.ok(question);
      const refused = await run(EVE, CHANNEL_ID, slash('quiz', {}, 'reveal'));
      assert.equal(refused.content, '❌ Only instructors may run /quiz reveal.');
      assert.equal(refused.flags, MessageFlags.Ephemeral);
      const reveal = await run(INSTRUCTOR, CHANNEL_ID, slash('quiz', {}, 'reveal'));
      assert.equal(reveal.flags, undefined);
      assert.match(reveal.content, new RegExp(`^Quiz revealed\\. What does \`rmmod \\w+\` print\\?\nAnswer: ${'ABCDE'[question.correct]}\\) `));
      assert.match(reveal.content, /\nSee it yourself on a fresh machine: .*rmmod [\w\\]+\nRight: alice \(1 of 2\)\.$/);
    });

    it('answers a click after the reveal privately: the quiz is over', async () => {
      const late = await click(EVE, CHANNEL_ID, 'mc:quiz:1-7:0', []);
      assert.equal(late.content, 'ℹ️ This quiz is over; its answer has been posted. Ask for a new one with /quiz.');
      assert.equal(late.flags, MessageFlags.Ephemeral);
    });

    it('shows /quiz scores for the channel and the whole server', async () => {
      const scores = await run(EVE, CHANNEL_ID, slash('quiz', {}, 'scores'));
      assert.equal(
        scores.content,
        'Quiz scores in this conversation:\n  1\\. alice: 1 right of 1\n  2\\. eve: 0 right of 1\nQuiz scores in this server:\n  1\\. alice: 1 right of 1\n  2\\. eve: 0 right of 1',
      );
    });

    it('reveals a quiz whose time is up in its thread, posted by the announcer', async () => {
      assert.ok(question);
      const asked = await run(STUDENT, thread.id, slash('quiz', { topic: 'rmmod', seconds: 10, seed: 7 }, 'ask'));
      assert.match(asked.content, /^Quiz \(rmmod\), 10 s to answer:\n/);
      const ids = asked.components.flatMap((row) => row.components.map((b) => b.custom_id));
      await click(EVE, thread.id, ids[question.correct], asked.components);
      h.fake.restCalls.length = 0;
      skew += 11_000; // the time limit passes; the app's timer (every TICK_MS) reveals it
      const posted = await h.fake.waitForPost(thread.id, (m) => m.content.startsWith('Time is up!'));
      assert.match(posted.content, /\nRight: eve \(1 of 1\)\.$/);
      assert.equal(posted.flags, 0);
      const post = h.fake.restCalls.find((c) => c.method === 'POST' && c.path.endsWith('/messages'));
      assert.equal(post?.path, `/channels/${thread.id}/messages`);
      assert.deepEqual((post?.body as { allowed_mentions?: unknown }).allowed_mentions, { parse: [] });
      assert.equal(h.fake.messages.get(CHANNEL_ID)?.some((m) => m.content.startsWith('Time is up!')), false, 'not in the parent channel');
      // The thread's scores include it; the server's add it to the channel's quiz.
      const scores = await run(EVE, thread.id, slash('quiz', {}, 'scores'));
      assert.equal(
        scores.content,
        'Quiz scores in this conversation:\n  1\\. eve: 1 right of 1\nQuiz scores in this server:\n  1\\. alice: 1 right of 1\n  2\\. eve: 1 right of 2',
      );
    });
  });
});

describe('a quiz that ran out while the Discord bot was away (real app)', function () {
  this.timeout(30_000);

  it('is revealed in its channel as soon as the bot is logged in again', async () => {
    let skew = 0;
    // No timer (quizTickMs 0): only the announcer's arrival can reveal it.
    const app = await createApp({ store: 'memory', clock: () => Date.now() + skew, quizTickMs: 0 });
    let h: Harness | undefined;
    try {
      const asked = await app.handle({
        id: 'before-start',
        scope: { platform: 'discord', workspace: GUILD_ID, channel: OTHER_CHANNEL_ID },
        user: { id: STUDENT.id, name: 'alice', roles: ['student'] },
        input: { kind: 'command', command: 'quiz', options: { topic: 'rmmod', seconds: 10, seed: 7 }, text: 'ask rmmod 10 7' },
      });
      assert.match(asked.blocks[0]?.kind === 'text' ? asked.blocks[0].text : '', /^Quiz \(rmmod\), 10 s to answer:/);
      skew += 11_000;
      h = await startHarness(app);
      const posted = await h.fake.waitForPost(OTHER_CHANNEL_ID, (m) => m.content.startsWith('Time is up!'));
      assert.match(posted.content, /\nNobody answered\.$/);
      assert.deepEqual(posted.components, []);
    } finally {
      await h?.stop();
      await app.close();
    }
  });
});
