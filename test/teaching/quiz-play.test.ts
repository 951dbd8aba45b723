import { strict as assert } from 'node:assert';
import { answerQuiz, choiceId, leaderboard, openQuiz, parseChoiceId, questionReply, revealQuiz, revealReply } from '../../src/teaching/quiz/play';
import type { Question } from '../../src/teaching/quiz/question';
import { Rng } from '../../src/teaching/quiz/rng';
import type { TeachingState } from '../../src/teaching/state';
import { parseQuizWords } from '../../commands/quiz';

/** A question as generateQuestion makes it (here with fixed values: only the bookkeeping is under test). */
const question: Question = {
  template: 'rmmod-prints',
  topic: 'rmmod',
  seed: 42,
  setup: ['insmod mod_b.ko', 'insmod mod_a.ko'],
  probe: 'rmmod mod_b',
  text: 'What does `rmmod mod_b` print?',
  choices: ['(prints nothing)', 'rmmod: ERROR: Module mod_b is in use by: mod_a', 'rmmod: ERROR: Module mod_b is not currently loaded'],
  correct: 1,
  fact: 'rmmod refused.',
  shows: 'insmod mod_b.ko; insmod mod_a.ko; rmmod mod_b',
};

const T0 = 1_000_000;
const alice = { id: 'u1', name: 'alice' };
const bob = { id: 'u2', name: 'bob' };

describe('quiz bookkeeping', () => {
  let teaching: TeachingState;
  beforeEach(() => {
    teaching = {};
    openQuiz(teaching, question, 'prof', T0, 60);
  });

  it('posts the question with one button per choice, ids carrying the quiz', () => {
    const quiz = teaching.quiz!;
    assert.equal(quiz.id, '1-16');
    const reply = questionReply(quiz);
    assert.equal(reply.visibility, 'channel');
    assert.deepEqual(reply.choices?.map((c) => [c.id, c.label]), [['quiz:1-16:0', 'A'], ['quiz:1-16:1', 'B'], ['quiz:1-16:2', 'C']]);
    const text = reply.blocks[0]?.kind === 'text' ? reply.blocks[0].text : '';
    assert.equal(text, [
      'Quiz (rmmod), 60 s to answer:',
      'On a freshly booted machine, someone ran:',
      '  # insmod mod_b.ko',
      '  # insmod mod_a.ko',
      'What does `rmmod mod_b` print?',
      '  A) (prints nothing)',
      '  B) rmmod: ERROR: Module mod_b is in use by: mod_a',
      '  C) rmmod: ERROR: Module mod_b is not currently loaded',
      '(one answer each; you may change it until the reveal. seed 42)',
    ].join('\n'));
    for (const c of reply.choices ?? []) assert.ok(c.id.length <= 80);
  });

  it('keeps one answer per person: clicking every button leaves only the last', () => {
    for (let i = 0; i < 3; i++) answerQuiz(teaching, '1-16', i, alice, T0 + 1000 + i);
    assert.deepEqual(Object.keys(teaching.quiz!.answers), ['u1']);
    assert.equal(teaching.quiz!.answers.u1?.choice, 2);
    assert.equal(teaching.quiz!.answers.u1?.changes, 2);
    const reveal = revealQuiz(teaching, T0 + 60_000)!;
    assert.deepEqual(reveal.outcomes, [{ userId: 'u1', name: 'alice', right: false }]);
  });

  it('lets a person change their answer before the reveal', () => {
    assert.deepEqual(answerQuiz(teaching, '1-16', 0, bob, T0 + 10), { kind: 'recorded', choice: 0 });
    assert.deepEqual(answerQuiz(teaching, '1-16', 0, bob, T0 + 20), { kind: 'same', choice: 0 });
    assert.deepEqual(answerQuiz(teaching, '1-16', 1, bob, T0 + 30), { kind: 'changed', from: 0, choice: 1 });
    const reveal = revealQuiz(teaching, T0 + 40)!;
    assert.deepEqual(reveal.outcomes, [{ userId: 'u2', name: 'bob', right: true }]);
  });

  it('refuses answers to another quiz, a missing choice, after the time limit and after the reveal', () => {
    assert.deepEqual(answerQuiz(teaching, '0-zz', 1, alice, T0 + 10), { kind: 'over' });
    assert.deepEqual(answerQuiz(teaching, '1-16', 7, alice, T0 + 10), { kind: 'over' });
    assert.deepEqual(answerQuiz(teaching, '1-16', 1, alice, T0 + 60_000), { kind: 'due' });
    revealQuiz(teaching, T0 + 60_000);
    assert.deepEqual(answerQuiz(teaching, '1-16', 1, alice, T0 + 60_001), { kind: 'over' });
    assert.equal(revealQuiz(teaching, T0 + 60_002), undefined, 'a quiz is revealed once');
  });

  it('reveals the answer, the fact, the command that shows it, and who got it right', () => {
    answerQuiz(teaching, '1-16', 1, alice, T0 + 10);
    answerQuiz(teaching, '1-16', 0, bob, T0 + 20);
    const reply = revealReply(revealQuiz(teaching, T0 + 60_000)!, 'time');
    const text = reply.blocks[0]?.kind === 'text' ? reply.blocks[0].text : '';
    assert.equal(text, [
      'Time is up! What does `rmmod mod_b` print?',
      'Answer: B) rmmod: ERROR: Module mod_b is in use by: mod_a',
      'Why: rmmod refused.',
      'See it yourself on a fresh machine: insmod mod_b.ko; insmod mod_a.ko; rmmod mod_b',
      'Right: alice (1 of 2).',
    ].join('\n'));
    assert.equal(leaderboard('Scores', teaching.scores), 'Scores:\n  1. alice: 1 right of 1\n  2. bob: 0 right of 1');
  });

  it('parses button ids and nothing else', () => {
    assert.deepEqual(parseChoiceId(choiceId(teaching.quiz!, 2)), { quizId: '1-16', choice: 2 });
    assert.equal(parseChoiceId('quiz:1-16:'), undefined);
    assert.equal(parseChoiceId('quiz:../../x:1'), undefined);
    assert.equal(parseChoiceId('out:123'), undefined);
  });
});

describe('quiz seeds', () => {
  it('give the same sequence for the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    assert.deepEqual([a.next(), a.int(10), a.shuffle([1, 2, 3, 4])], [b.next(), b.int(10), b.shuffle([1, 2, 3, 4])]);
    assert.notDeepEqual(new Rng(8).shuffle([1, 2, 3, 4, 5, 6]), new Rng(7).shuffle([1, 2, 3, 4, 5, 6]));
  });
});

describe('/quiz words', () => {
  it('takes Discord\'s named options over the same values repeated as words', async () => {
    const { quiz } = await import('../../commands/quiz');
    let asked: unknown;
    const ctx = { teaching: { ask: async (r: unknown) => ((asked = r), { blocks: [], visibility: 'channel' as const }) } } as never;
    await quiz.run({ id: 'i', scope: { platform: 'discord', workspace: 'g', channel: 'c' }, user: { id: 'u', name: 'u', roles: ['student'] }, input: { kind: 'command', command: 'quiz', text: 'ask taint 30 5', options: { topic: 'taint', seconds: 30, seed: 5 } } }, ctx);
    assert.deepEqual(asked, { topic: 'taint', seconds: 30, seed: 5 });
  });

  it('reads a topic, a time limit and a seed in any order', () => {
    assert.deepEqual(parseQuizWords(['taint', '30', 'seed=99']), { topic: 'taint', seconds: 30, seed: 99 });
    assert.deepEqual(parseQuizWords(['45s']), { seconds: 45 });
    assert.deepEqual(parseQuizWords([], { topic: 'holders', seconds: 20 }), { topic: 'holders', seconds: 20 });
  });

  it('refuses what it does not understand, without echoing a huge argument', () => {
    assert.equal(parseQuizWords(['taint', 'deps']), 'quiz: I do not understand "deps". Usage: /quiz [TOPIC] [SECONDS] [seed=N]');
    assert.equal(parseQuizWords(['x'.repeat(500)]), `quiz: I do not understand "${'x'.repeat(40)}". Usage: /quiz [TOPIC] [SECONDS] [seed=N]`);
  });
});
