/**
 * Every quiz of a conversation, not only the last: revealed quizzes are kept (bounded) with
 * each student's answer, and the class view gives them per question and per student.
 */
import { strict as assert } from 'node:assert';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Bot } from '../../src/app/bot';
import { quizHistory } from '../../src/teaching/class-view';
import { MAX_QUIZ_HISTORY, teachingOf, type Quiz } from '../../src/teaching/state';
import { revealQuiz } from '../../src/teaching/quiz/play';
import { freshScopeState } from '../../src/scope/fresh';
import { as, click, LAB, textOf } from './helpers';

function quiz(n: number, answers: Record<string, number>): Quiz {
  return {
    id: `${n}-x`, template: 't', topic: 'rmmod', seed: n, prompt: `Question ${n}?`, setup: [], probe: '', choices: ['a', 'b', 'c'].map((v) => ({ label: v, value: v })),
    correct: 1, fact: '', shows: '', askedBy: 'prof', postedAt: n, deadline: n + 60_000,
    answers: Object.fromEntries(Object.entries(answers).map(([who, choice]) => [who, { choice, name: who, at: n, changes: 0 }])),
  };
}

describe('quiz history', () => {
  it('reads a conversation without changing it: a damaged teaching part is mended in a copy only', () => {
    const state = freshScopeState({ clock: () => 0, hostname: 'modlab' });
    state.teaching = { quiz: { id: 7 }, quizHistory: 'not a list' } as unknown as typeof state.teaching;
    const before = JSON.stringify(state);
    assert.deepEqual(quizHistory(state), []);
    assert.equal(JSON.stringify(state), before);
  });

  it('keeps each revealed quiz with every answer, at most MAX_QUIZ_HISTORY, oldest dropped first', () => {
    const state = freshScopeState({ clock: () => 0, hostname: 'modlab' });
    const t = teachingOf(state);
    for (let n = 1; n <= MAX_QUIZ_HISTORY + 2; n++) {
      t.quiz = quiz(n, { alice: 1, bob: n % 3 });
      revealQuiz(t, n + 1);
    }
    assert.equal(t.quizHistory?.length, MAX_QUIZ_HISTORY);
    assert.equal(t.quizHistory?.[0]?.seed, 3);
    const views = quizHistory(state);
    assert.equal(views.length, MAX_QUIZ_HISTORY);
    assert.deepEqual(views[0], {
      number: 1, topic: 'rmmod', seed: 3, prompt: 'Question 3?', askedBy: 'prof', postedAt: 3, revealed: true, correct: 'B',
      answers: [{ name: 'alice', letter: 'B', right: true }, { name: 'bob', letter: 'A', right: false }],
    });
  });

  it('shows the open quiz after the revealed ones, without saying which answer is right', () => {
    const state = freshScopeState({ clock: () => 0, hostname: 'modlab' });
    const t = teachingOf(state);
    t.quiz = quiz(1, { alice: 0 });
    revealQuiz(t, 2);
    t.quiz = quiz(2, { carol: 2 });
    assert.deepEqual(quizHistory(state).map((q) => [q.number, q.revealed, q.correct, q.answers]), [
      [1, true, 'B', [{ name: 'alice', letter: 'A', right: false }]],
      [2, false, undefined, [{ name: 'carol', letter: 'C' }]],
    ]);
  });

  it('drops a damaged history rather than failing the conversation', () => {
    const state = freshScopeState({ clock: () => 0, hostname: 'modlab' });
    state.teaching = { quizHistory: [{ id: 'ok', prompt: 'p', correct: 0, answers: [] }, { nonsense: true }, 7] };
    assert.equal(teachingOf(state).quizHistory?.length, 1);
    state.teaching = { quizHistory: 'no' };
    assert.equal(teachingOf(state).quizHistory, undefined);
  });

  describe('through the app', () => {
    let app: App;
    beforeEach(async () => {
      app = await createApp({ store: 'memory', quizTickMs: 0, rateLimit: false });
    });
    afterEach(() => app.close());

    it('lists every quiz of every conversation of the workspace for the dashboard', async () => {
      for (const seed of [3, 4]) {
        const q = await app.handle(as('prof', ['instructor'], LAB, 'quiz', `rmmod seed=${seed}`));
        await app.handle(click('alice', LAB, q.choices?.[0]?.id ?? ''));
        assert.match(textOf(await app.handle(as('prof', ['instructor'], LAB, 'quiz', 'reveal'))), /^Quiz revealed\./);
      }
      const results = await (app as Bot).classView.quizResults(LAB.platform, LAB.workspace);
      assert.deepEqual(results.map((c) => [c.name, c.quizzes.map((q) => [q.number, q.seed, q.answers.map((a) => `${a.name}:${a.letter}`).join()])]), [['lab', [[1, 3, 'alice:A'], [2, 4, 'alice:A']]]]);
    });
  });
});
