import { strict as assert } from 'node:assert';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Bot } from '../../src/app/bot';
import type { ScopeStore } from '../../src/scope/store';
import { openQuizIndex, openQuizzesKey, scoreBoard, scoreBoardKey, withOpenQuiz } from '../../src/teaching/boards';
import { as, click, LAB } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

describe('teaching side documents (open quizzes, leaderboards)', () => {
  let app: App;
  let now: number;
  let store: ScopeStore;
  beforeEach(async () => {
    now = T0;
    app = await createApp({ store: 'memory', clock: () => now, quizTickMs: 0 });
    store = (app as Bot)['options'].store as ScopeStore;
  });
  afterEach(() => app.close());

  it('list an open quiz in the platform index without a machine, and drop it at the reveal', async () => {
    const q = await app.handle(as('prof', ['instructor'], LAB, 'quiz', 'taint seed=4'));
    const open = await store.readDocument(openQuizzesKey('console'));
    assert.deepEqual(open, { openQuizzes: [{ scope: LAB, quizId: '1-4', deadline: T0 + 60_000 }] });
    await app.handle(click('alice', LAB, q.choices?.[0]?.id as string));
    await app.handle(as('prof', ['instructor'], LAB, 'quiz', 'reveal'));
    assert.deepEqual(await store.readDocument(openQuizzesKey('console')), { openQuizzes: [] });
  });

  it('keep the workspace leaderboard as a small document of names and counts', async () => {
    const q = await app.handle(as('prof', ['instructor'], LAB, 'quiz', 'taint seed=4'));
    await app.handle(click('alice', LAB, q.choices?.[0]?.id as string));
    await app.handle(as('prof', ['instructor'], LAB, 'quiz', 'reveal'));
    const board = await store.readDocument(scoreBoardKey(LAB));
    assert.equal(Object.keys(board as object).join(), 'scores');
    assert.deepEqual(Object.values((board as { scores: object }).scores).map((s: { name: string; answered: number }) => [s.name, s.answered]), [['alice', 1]]);
    assert.ok(JSON.stringify(board).length < 200, JSON.stringify(board));
  });

  it('read damaged parts as missing, never crash', () => {
    assert.deepEqual(openQuizIndex(undefined), { openQuizzes: [] });
    assert.deepEqual(openQuizIndex({ openQuizzes: 'x' }), { openQuizzes: [] });
    const good = { scope: LAB, quizId: '2-a', deadline: 5 };
    assert.deepEqual(openQuizIndex({ openQuizzes: [good, { scope: 1, quizId: 'x', deadline: 1 }, null] }), { openQuizzes: [good] });
    assert.deepEqual(scoreBoard({ scores: { u1: { name: 'a', correct: 1, answered: 2 }, u2: { name: 3 } } }), { scores: { u1: { name: 'a', correct: 1, answered: 2 } } });
    assert.deepEqual(scoreBoard([1, 2]), { scores: {} });
  });

  it('replace a conversation\'s entry, and remove only the quiz revealed', () => {
    const a = { scope: LAB, quizId: '1-a', deadline: 1 };
    const b = { scope: { ...LAB, channel: 'lab2' }, quizId: '1-b', deadline: 2 };
    const next = { scope: LAB, quizId: '2-c', deadline: 3 };
    assert.deepEqual(withOpenQuiz({ openQuizzes: [a, b] }, LAB, next), { openQuizzes: [b, next] });
    assert.deepEqual(withOpenQuiz({ openQuizzes: [b, next] }, LAB, undefined, '1-a'), { openQuizzes: [b, next] });
    assert.deepEqual(withOpenQuiz({ openQuizzes: [b, next] }, LAB, undefined, '2-c'), { openQuizzes: [b] });
  });

  it('cannot take a conversation\'s key', async () => {
    await assert.rejects(store.updateDocument('console:local:lab', () => ({ doc: {}, result: 0 })), /side document's key starts with "\*"/);
    assert.notEqual(scoreBoardKey({ platform: 'slack', workspace: 'T:1', channel: 'c' }), scoreBoardKey({ platform: 'slack', workspace: 'T', channel: '1:c' }));
  });
});
