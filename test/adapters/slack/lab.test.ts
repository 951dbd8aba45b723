/**
 * A whole lab on Slack, end to end: the real app (createApp, memory store) behind the real
 * Bolt HTTP receiver, signed requests, FakeSlack for the Web API and response_url. An
 * instructor starts an exercise (a parent message whose thread is the exercise's machine),
 * two students solve it by mentioning the bot in the thread, then a quiz in the channel:
 * buttons, private acknowledgements, the reveal, the scores; and a timed reveal posted by
 * the announcer into the quiz's thread.
 */
import { strict as assert } from 'node:assert';
import type { KnownBlock } from '@slack/types';
import type { App } from '../../../src/app/app';
import { createApp } from '../../../src/app/create-app';
import { Scratch } from '../../../src/teaching/quiz/scratch';
import { generateQuestion } from '../../../src/teaching/quiz/question';
import { escapeMrkdwn } from '../../../adapters/slack/render';
import type { ApiCall } from './fake-slack';
import { startHarness, type Harness } from './harness';
import { buttonClick, CHANNEL, mentionEvent, slashCommand } from './payloads';
import { postEvent, postInteraction, postSlashCommand } from './signed';

const ALICE = { id: 'U0ALICE', name: 'alice' };
const BOB = { id: 'U0BOB', name: 'bob' };
const TEACH = { id: 'U0TEACH', name: 'teach' };

function sectionTexts(blocks: unknown): string[] {
  return ((blocks ?? []) as KnownBlock[]).flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

describe('a whole lab on Slack: an instructor and two students', () => {
  let app: App;
  let h: Harness;
  let now: number;
  let responses = 0;

  beforeEach(async () => {
    now = Date.now();
    app = await createApp({ store: 'memory', clock: () => now, quizTickMs: 20 });
    h = await startHarness(app, { config: { instructors: [TEACH.id] } });
    for (const u of [ALICE, BOB, TEACH]) h.fake.addUser(u);
  });

  afterEach(async () => {
    await h.stop();
    await app.close();
  });

  /** The chat.postMessage / chat.postEphemeral calls made after the first SINCE calls. */
  function posts(since: number): ApiCall[] {
    return h.fake.calls.slice(since).filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral');
  }

  async function mention(text: string, user: { id: string }, thread?: string, count = 1): Promise<ApiCall[]> {
    const since = h.fake.calls.length;
    await postEvent(h.eventsUrl, mentionEvent(text, { user: user.id, thread_ts: thread }));
    return h.fake.waitFor(() => (posts(since).length >= count ? posts(since) : undefined), 5000, `${count} answer(s) to @Modlab ${text}`);
  }

  async function slash(command: string, text: string, user: { id: string; name: string }) {
    const id = `r${++responses}`;
    await postSlashCommand(h.eventsUrl, slashCommand(command, text, h.fake.responseUrl(id), user.id, user.name));
    return h.fake.waitForResponse(id);
  }

  async function click(actionId: string, value: string, messageTs: string, user: { id: string; name: string }, thread?: string) {
    const id = `r${++responses}`;
    const since = h.fake.calls.length;
    await postInteraction(h.eventsUrl, buttonClick(actionId, value, h.fake.responseUrl(id), { ts: messageTs, thread_ts: thread }, user));
    if (thread) return (await h.fake.waitFor(() => posts(since)[0], 5000, 'an ephemeral answer')).args;
    return (await h.fake.waitForResponse(id)).body;
  }

  /** Everything one Web API message shows (its sections), joined. */
  function shown(call: ApiCall | { args: Record<string, unknown> }): string {
    return sectionTexts(call.args.blocks).join('\n');
  }

  it('runs an exercise in the thread the bot opens: students mention the bot until the goal is met', async () => {
    // /exercise start: a parent message in the channel, the task in its thread.
    const since = h.fake.calls.length;
    await postSlashCommand(h.eventsUrl, slashCommand('/exercise', 'start rmmod-in-use', h.fake.responseUrl('start'), TEACH.id, TEACH.name));
    const [parent, task] = await h.fake.waitFor(() => (posts(since).length >= 2 ? posts(since) : undefined), 5000, 'the parent message and the task');
    assert.equal(parent.method, 'chat.postMessage');
    assert.equal(parent.args.channel, CHANNEL);
    assert.equal(parent.args.thread_ts, undefined);
    assert.match(String(parent.args.text), /^:thread: \*Exercise: rmmod and "in use"\*\nThis thread has its own machine: mention @Modlab here/);
    assert.match(String(parent.args.text), /`@Modlab exercise hint`/);
    const thread = String(task.args.thread_ts);
    assert.match(thread, /^\d{10}\.\d{6}$/);
    assert.equal(task.method, 'chat.postMessage');
    assert.equal(task.args.channel, CHANNEL);
    assert.deepEqual(sectionTexts(task.args.blocks).slice(0, 2), [
      ':white_check_mark: teach started the exercise "rmmod and "in use"". It runs in this thread, on a machine of its own.',
      ':information_source: Exercise: rmmod and "in use"',
    ]);
    assert.match(shown(task), /^mod_a and mod_b are loaded \(mod_a uses mod_b\)\. Unload mod_b using rmmod only\./m);
    // Nothing went back through the slash command's response_url: the answer is the thread.
    await h.fake.settle(1500);
    assert.equal(h.fake.responses.length, 0);

    // The thread's machine is the exercise's (set up with mod_a and mod_b); the channel's is not.
    const [lsmod] = await mention('lsmod', ALICE, thread);
    assert.equal(lsmod.method, 'chat.postMessage');
    assert.equal(lsmod.args.thread_ts, thread);
    assert.equal(shown(lsmod), '```root@modlab:~# lsmod\nModule                  Size  Used by\nmod_a                  16384  0\nmod_b                  16384  1 mod_a```');
    const [channelLsmod] = await mention('lsmod', ALICE);
    assert.equal(channelLsmod.args.thread_ts, undefined);
    assert.equal(shown(channelLsmod), '```root@modlab:~# lsmod\nModule                  Size  Used by```');

    const [refused] = await mention('rmmod mod_b', ALICE, thread);
    assert.equal(shown(refused), '```root@modlab:~# rmmod mod_b\nrmmod: ERROR: Module mod_b is in use by: mod_a```');
    assert.ok(!shown(refused).includes('Exercise solved'));

    // Teaching commands in a thread are mentions too: a hint for everyone there.
    const [hint] = await mention('exercise hint', ALICE, thread);
    assert.equal(hint.method, 'chat.postMessage');
    assert.equal(hint.args.thread_ts, thread);
    assert.equal(shown(hint), 'Hint 1 of 3 (asked by alice): `rmmod mod_b` says who holds it.');

    const [rmmodA] = await mention('rmmod mod_a', BOB, thread);
    assert.equal(shown(rmmodA), '```root@modlab:~# rmmod mod_a```');

    // The status only to the one who asked, in the thread.
    const [status] = await mention('exercise status', BOB, thread);
    assert.equal(status.method, 'chat.postEphemeral');
    assert.equal(status.args.user, BOB.id);
    assert.equal(status.args.thread_ts, thread);
    assert.match(shown(status), /^Exercise: rmmod and "in use" \(rmmod-in-use\), in progress; started by teach\.\n/);
    assert.match(shown(status), /\nGoal:\n {2}\[ \] module mod_b is not loaded\n {2}\[x\] nobody used modprobe\nHints shown: 1 of 3\.\nContributors: alice \(`lsmod`, `rmmod mod_b`\), bob \(`rmmod mod_a`\)\.$/);

    // The goal is met: said once, in the thread, crediting both students with their commands.
    const [solved] = await mention('rmmod mod_b', ALICE, thread);
    assert.equal(solved.method, 'chat.postMessage');
    assert.equal(solved.args.thread_ts, thread);
    const solvedTexts = sectionTexts(solved.args.blocks);
    assert.equal(solvedTexts[0], '```root@modlab:~# rmmod mod_b```');
    assert.equal(solvedTexts[1], ':white_check_mark: Exercise solved: rmmod and "in use". Well done, alice (`lsmod`, `rmmod mod_b`, `rmmod mod_b`), bob (`rmmod mod_a`).');
    const [after] = await mention('lsmod', BOB, thread);
    assert.ok(!shown(after).includes('Exercise solved'));

    // A student may not stop it; the instructor may, and everyone in the thread sees it.
    const [studentStop] = await mention('exercise stop', BOB, thread);
    assert.equal(studentStop.method, 'chat.postEphemeral');
    assert.equal(studentStop.args.user, BOB.id);
    assert.equal(shown(studentStop), ':x: Only instructors may run /exercise stop.');
    const [stop] = await mention('exercise stop', TEACH, thread);
    assert.equal(stop.method, 'chat.postMessage');
    assert.equal(stop.args.thread_ts, thread);
    assert.equal(shown(stop), ':information_source: teach stopped the exercise "rmmod and "in use"". It was solved; contributors: alice (`lsmod`, `rmmod mod_b`, `rmmod mod_b`), bob (`rmmod mod_a`). The machine stays as it is.');
  });

  it('starts an exercise in the thread it is asked in, by mention, without opening another', async () => {
    const thread = `${Math.floor(Date.now() / 1000)}.000555`;
    const [started] = await mention('exercise start rmmod-in-use', TEACH, thread);
    assert.equal(started.method, 'chat.postMessage');
    assert.equal(started.args.thread_ts, thread);
    assert.equal(sectionTexts(started.args.blocks)[0], ':white_check_mark: teach started the exercise here, on a freshly booted machine.');
    await h.fake.settle(100);
    assert.equal(h.fake.callsOf('chat.postMessage').length, 1);
    const [lsmod] = await mention('lsmod', ALICE, thread);
    assert.match(shown(lsmod), /\nmod_b {18}16384 {2}1 mod_a```$/);
  });

  it('refuses /exercise start to a student, only to them, and opens nothing', async () => {
    const refused = await slash('/exercise', 'start rmmod-in-use', ALICE);
    assert.equal(refused.body.response_type, 'ephemeral');
    assert.deepEqual(sectionTexts(refused.body.blocks), [':x: Only instructors may run /exercise start.']);
    assert.equal(h.fake.callsOf('chat.postMessage').length, 0);
  });

  it('tells the instructor privately when Slack will not let the bot open the thread (a private channel it is not in)', async () => {
    h.fake.handlers.set('chat.postMessage', () => ({ ok: false, error: 'not_in_channel' }));
    const answer = await slash('/exercise', 'start rmmod-in-use', TEACH);
    assert.equal(answer.body.response_type, 'ephemeral');
    assert.deepEqual(sectionTexts(answer.body.blocks), [':x: Modlab could not post its answer here (not_in_channel).']);
  });

  it('runs a quiz in the channel: buttons, private acknowledgements, the instructor\'s reveal, scores', async () => {
    const question = generateQuestion(new Scratch('modlab'), 7, 'rmmod');
    assert.ok(question);
    const right = question.correct;
    const wrong = right === 0 ? 1 : 0;
    const letter = (i: number) => 'ABCDE'[i];
    const firstLine = (i: number) => escapeMrkdwn(question.choices[i].split('\n')[0]);

    const asked = await slash('/quiz', 'rmmod seed=7', ALICE);
    assert.equal(asked.body.response_type, 'in_channel');
    const text = sectionTexts(asked.body.blocks).join('\n');
    assert.match(text, /^Quiz \(rmmod\), 60 s to answer:\n/);
    assert.match(text, /\(one answer each; you may change it until the reveal\. seed 7\)$/);
    const buttons = (asked.body.blocks as KnownBlock[]).flatMap((b) => (b.type === 'actions' ? b.elements : []));
    assert.deepEqual(
      buttons.map((b) => (b.type === 'button' ? [b.text.text, b.action_id, b.value] : [])),
      question.choices.map((_, i) => [letter(i), `modlab.choice.quiz:1-7:${i}`, `quiz:1-7:${i}`]),
    );

    // Each click answers only the one who clicked; alice changes her mind.
    const messageTs = '1795000000.000100';
    const button = (i: number) => [`modlab.choice.quiz:1-7:${i}`, `quiz:1-7:${i}`] as const;
    const a1 = await click(...button(wrong), messageTs, ALICE);
    assert.equal(a1.response_type, 'ephemeral');
    assert.equal(a1.replace_original, false);
    assert.deepEqual(sectionTexts(a1.blocks), [`:information_source: Your answer: ${letter(wrong)}) ${firstLine(wrong)}. You can change it until the reveal.`]);
    const b1 = await click(...button(wrong), messageTs, BOB);
    assert.equal(b1.response_type, 'ephemeral');
    assert.deepEqual(sectionTexts(b1.blocks), [`:information_source: Your answer: ${letter(wrong)}) ${firstLine(wrong)}. You can change it until the reveal.`]);
    const a2 = await click(...button(right), messageTs, ALICE);
    assert.equal(a2.response_type, 'ephemeral');
    assert.deepEqual(sectionTexts(a2.blocks), [`:information_source: Changed your answer from ${letter(wrong)} to ${letter(right)}) ${firstLine(right)}.`]);
    // Nothing about the answers reached the channel.
    assert.equal(h.fake.callsOf('chat.postMessage').length, 0);

    // A student cannot reveal it; the instructor can, for everyone.
    const early = await slash('/quiz', 'reveal', BOB);
    assert.equal(early.body.response_type, 'ephemeral');
    assert.deepEqual(sectionTexts(early.body.blocks), [':x: Only instructors may run /quiz reveal.']);
    const reveal = await slash('/quiz', 'reveal', TEACH);
    assert.equal(reveal.body.response_type, 'in_channel');
    const revealed = sectionTexts(reveal.body.blocks).join('\n');
    assert.match(revealed, new RegExp(`^Quiz revealed\\. What does \`rmmod \\w+\` print\\?\nAnswer: ${letter(right)}\\) `));
    assert.match(revealed, /^See it yourself on a fresh machine: .*rmmod \w+$/m);
    assert.match(revealed, /^Right: alice \(1 of 2\)\.$/m);

    // A click after the reveal is told so, privately.
    const late = await click(...button(wrong), messageTs, BOB);
    assert.equal(late.response_type, 'ephemeral');
    assert.deepEqual(sectionTexts(late.blocks), [':information_source: This quiz is over; its answer has been posted. Ask for a new one with /quiz.']);

    const scores = await slash('/quiz', 'scores', BOB);
    assert.equal(scores.body.response_type, 'in_channel');
    assert.equal(
      sectionTexts(scores.body.blocks).join('\n'),
      'Quiz scores in this conversation:\n  1. alice: 1 right of 1\n  2. bob: 0 right of 1\nQuiz scores in this workspace:\n  1. alice: 1 right of 1\n  2. bob: 0 right of 1',
    );
  });

  it('reveals a thread\'s quiz when its time is up, with the announcer, in that thread', async () => {
    const question = generateQuestion(new Scratch('modlab'), 7, 'rmmod');
    assert.ok(question);
    const right = question.correct;
    const thread = `${Math.floor(Date.now() / 1000)}.000777`;
    const [asked] = await mention('quiz rmmod 30 seed=7', ALICE, thread);
    assert.equal(asked.method, 'chat.postMessage');
    assert.equal(asked.args.thread_ts, thread);
    assert.match(shown(asked), /^Quiz \(rmmod\), 30 s to answer:\n/);

    // In a thread, the acknowledgement is an ephemeral message in that thread.
    const ack = await click(`modlab.choice.quiz:1-7:${right}`, `quiz:1-7:${right}`, `${Math.floor(Date.now() / 1000)}.000900`, BOB, thread);
    assert.equal(ack.user, BOB.id);
    assert.equal(ack.thread_ts, thread);
    assert.match(sectionTexts(ack.blocks)[0], /^:information_source: Your answer: [A-E]\) /);

    // Nothing is revealed before the time limit; after it, the timer reveals it by itself.
    const before = h.fake.callsOf('chat.postMessage').length;
    now += 29_000;
    await h.fake.settle(150);
    assert.equal(h.fake.callsOf('chat.postMessage').length, before);
    now += 2_000;
    const timed = await h.fake.waitForCall('chat.postMessage', before + 1);
    assert.equal(timed.args.channel, CHANNEL);
    assert.equal(timed.args.thread_ts, thread);
    const text = shown(timed);
    assert.match(text, new RegExp(`^Time is up! What does \`rmmod \\w+\` print\\?\nAnswer: ${'ABCDE'[right]}\\) `));
    assert.match(text, /^Right: bob \(1 of 1\)\.$/m);
    // Once only.
    await h.fake.settle(150);
    assert.equal(h.fake.callsOf('chat.postMessage').length, before + 1);

    // The thread's scores count toward the workspace's board, seen from the channel.
    const scores = await slash('/quiz', 'scores', TEACH);
    assert.equal(sectionTexts(scores.body.blocks).join('\n'), 'Quiz scores in this conversation: no answers yet.\nQuiz scores in this workspace:\n  1. bob: 1 right of 1');
  });
});
