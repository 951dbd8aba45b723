import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sinon from 'sinon';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Bot } from '../../src/app/bot';
import type { Platform, Scope } from '../../src/contracts/invocation';
import type { Reply } from '../../src/contracts/reply';
import { as, click, LAB, textOf } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

/** The quiz's buttons, and which one is right (read from the reveal of a twin quiz would be circular: the test asks the app's state). */
async function rightChoice(app: App, scope: Scope): Promise<number> {
  const state = await (app as Bot)['options'].store.read(scope);
  const quiz = (state.teaching as { quiz?: { correct: number } }).quiz;
  assert.ok(quiz);
  return quiz.correct;
}

describe('quizzes, driven through the app', () => {
  let app: App;
  let now: number;
  const clock = (): number => now;
  beforeEach(async () => {
    now = T0;
    app = await createApp({ store: 'memory', clock, quizTickMs: 0 });
  });
  afterEach(() => app.close());

  async function ask(text = 'rmmod seed=7', scope = LAB): Promise<Reply> {
    return app.handle(as('prof', ['instructor'], scope, 'quiz', text));
  }

  it('posts a question with 3 to 5 buttons, the same for the same seed', async () => {
    const q = await ask();
    assert.equal(q.visibility, 'channel');
    assert.ok(q.choices && q.choices.length >= 3 && q.choices.length <= 5);
    const other = await ask('rmmod seed=7', { ...LAB, channel: 'lab2' });
    assert.equal(textOf(other), textOf(q));
  });

  it('keeps one answer per student under concurrent clicks, and acknowledges privately', async () => {
    const q = await ask();
    const ids = (q.choices ?? []).map((c) => c.id);
    const replies = await Promise.all(ids.map((id) => app.handle(click('alice', LAB, id))));
    for (const r of replies) assert.equal(r.visibility, 'user');
    const reveal = textOf(await app.handle(as('prof', ['instructor'], LAB, 'quiz', 'reveal')));
    assert.match(reveal, /\(1 of 1\)|Nobody got it right \(1 answered\)/);
  });

  it('lets a student change their answer before the reveal', async () => {
    const q = await ask();
    const right = await rightChoice(app, LAB);
    const wrong = right === 0 ? 1 : 0;
    const ids = (q.choices ?? []).map((c) => c.id);
    assert.match(textOf(await app.handle(click('bob', LAB, ids[wrong] as string))), /^Your answer: [A-E]\) .*You can change it until the reveal\.$/);
    assert.match(textOf(await app.handle(click('bob', LAB, ids[right] as string))), /^Changed your answer from [A-E] to [A-E]\) /);
    await app.handle(click('carol', LAB, ids[wrong] as string));
    const reveal = textOf(await app.handle(as('prof', ['instructor'], LAB, 'quiz', 'reveal')));
    assert.match(reveal, /^Quiz revealed\. /);
    assert.match(reveal, /^Right: bob \(1 of 2\)\.$/m);
    assert.match(reveal, /^Why: /m);
    assert.match(reveal, /^See it yourself on a fresh machine: .*rmmod /m);
  });

  it('refuses /quiz reveal to a student', async () => {
    await ask();
    const refused = await app.handle(as('alice', ['student'], LAB, 'quiz', 'reveal'));
    assert.equal(refused.visibility, 'user');
    assert.match(textOf(refused), /Only instructors may run \/quiz reveal\./);
  });

  it('reveals on time through the announcer, once', async () => {
    const posted: Array<[Scope, Reply]> = [];
    app.setAnnouncer?.({ post: async (scope, reply) => void posted.push([scope, reply]) });
    const q = await ask('taint 30 seed=11');
    await app.handle(click('alice', LAB, q.choices?.[0]?.id as string));
    now += 29_000;
    await (app as Bot).teaching.tick();
    assert.equal(posted.length, 0);
    now += 1_000;
    await (app as Bot).teaching.tick();
    await (app as Bot).teaching.tick();
    assert.equal(posted.length, 1);
    assert.deepEqual(posted[0]?.[0], LAB);
    assert.match(textOf(posted[0]?.[1] as Reply), /^Time is up! /);
    assert.match(textOf(await app.handle(click('bob', LAB, q.choices?.[1]?.id as string))), /This quiz is over/);
  });

  it('announces through the announcer of the quiz\'s own platform when several adapters run', async () => {
    const byPlatform: Record<string, number> = {};
    const announcer = (platform: Platform) => ({ platform, post: async () => void (byPlatform[platform] = (byPlatform[platform] ?? 0) + 1) });
    app.setAnnouncer?.(announcer(LAB.platform));
    app.setAnnouncer?.(announcer(LAB.platform === 'slack' ? 'discord' : 'slack'));
    await ask('taint 30 seed=11');
    now += 30_000;
    await (app as Bot).teaching.tick();
    assert.deepEqual(byPlatform, { [LAB.platform]: 1 });
  });

  it('posts a timed reveal again when the platform refused it, once it goes through', async () => {
    const posted: Reply[] = [];
    let down = true;
    app.setAnnouncer?.({
      post: async (_scope, reply) => {
        if (down) throw new Error('503 from the platform');
        posted.push(reply);
      },
    });
    await ask('taint 30 seed=11');
    now += 30_000;
    await (app as Bot).teaching.tick();
    assert.equal(posted.length, 0);
    down = false;
    await (app as Bot).teaching.tick();
    await (app as Bot).teaching.tick();
    assert.equal(posted.length, 1);
    assert.match(textOf(posted[0] as Reply), /^Time is up! /);
  });

  it('without an announcer, reveals at the first click after the time limit', async () => {
    const q = await ask('holders 10 seed=3');
    now += 10_000;
    const late = await app.handle(click('bob', LAB, q.choices?.[0]?.id as string));
    assert.equal(late.visibility, 'channel');
    assert.match(textOf(late), /bob, your click came after the time limit\.\nTime is up! /);
  });

  it('refuses a second quiz while one is open, and reveals an overdue one before the next', async () => {
    await ask('seed=5');
    assert.match(textOf(await ask('seed=6')), /A quiz is already open here \(60 s left\)/);
    now += 61_000;
    const next = await ask('seed=6');
    assert.match(textOf(next), /^Time is up! /);
    assert.match(textOf(next), /Quiz \(\S+\), 60 s to answer:/);
  });

  it('keeps scores per conversation and for the whole workspace, with display names', async () => {
    const other: Scope = { ...LAB, channel: 'lab2' };
    for (const scope of [LAB, other]) {
      const q = await ask('seed=21', scope);
      const right = await rightChoice(app, scope);
      await app.handle(click('alice', scope, q.choices?.[right]?.id as string));
      await app.handle(as('prof', ['instructor'], scope, 'quiz', 'reveal'));
    }
    const scores = textOf(await app.handle(as('alice', ['student'], other, 'quiz', 'scores')));
    assert.equal(scores, 'Quiz scores in this conversation:\n  1. alice: 1 right of 1\nQuiz scores in every conversation:\n  1. alice: 2 right of 2');
  });

  it('answers an unknown topic and a bad time limit with the rules', async () => {
    assert.match(textOf(await ask('nosuchtopic')), /No quiz topic "nosuchtopic"\. Topics: lsmod, deps/);
    assert.match(textOf(await ask('taint 5')), /The time to answer must be 10 to 3600 seconds\./);
  });
});

describe('quizzes across a restart', () => {
  it('reveals a quiz whose time ran out while the bot was down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modlab-quiz-'));
    const store = `sqlite:${join(dir, 'modlab.db')}`;
    let now = T0;
    const first = await createApp({ store, clock: () => now, quizTickMs: 0 });
    const q = await first.handle(as('prof', ['instructor'], LAB, 'quiz', 'params 20 seed=9'));
    await first.handle(click('alice', LAB, q.choices?.[0]?.id as string));
    await first.close();

    now += 3_600_000;
    const second = await createApp({ store, clock: () => now, quizTickMs: 0 });
    const post = sinon.fake.resolves(undefined);
    second.setAnnouncer?.({ post });
    await (second as Bot).teaching.tick();
    sinon.assert.calledOnce(post);
    assert.deepEqual(post.firstCall.args[0], LAB);
    assert.match(textOf(post.firstCall.args[1] as Reply), /^Time is up! [\s\S]*(Right: alice \(1 of 1\)|Nobody got it right \(1 answered\))/);
    await second.close();
  });
});
