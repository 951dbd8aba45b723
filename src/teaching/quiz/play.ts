/**
 * A quiz in a conversation's state: posted with its buttons, one answer per person
 * (changeable until the reveal, so clicking every button only moves one's own answer),
 * then revealed with the answer, the fact, the command that shows it, and who got it right.
 */
import type { Choice, Reply } from '../../contracts/reply';
import type { Question } from './question';
import { addScore, MAX_QUIZ_HISTORY, type Quiz, type QuizRecord, type Score, type TeachingState } from '../state';

export const QUIZ_ACTION = 'quiz:';
const LETTERS = 'ABCDE';

export function letter(i: number): string {
  return LETTERS[i] ?? String(i + 1);
}

export function openQuiz(teaching: TeachingState, question: Question, askedBy: string, now: number, seconds: number): Quiz {
  teaching.quizzes = (teaching.quizzes ?? 0) + 1;
  const quiz: Quiz = {
    id: `${teaching.quizzes}-${question.seed.toString(36)}`,
    template: question.template,
    topic: question.topic,
    seed: question.seed,
    prompt: question.text,
    setup: question.setup,
    probe: question.probe,
    choices: question.choices.map((value) => ({ label: value, value })),
    correct: question.correct,
    fact: question.fact,
    shows: question.shows,
    askedBy,
    postedAt: now,
    deadline: now + seconds * 1000,
    answers: {},
  };
  teaching.quiz = quiz;
  return quiz;
}

export function isOpen(quiz: Quiz | undefined): quiz is Quiz {
  return quiz !== undefined && quiz.revealedAt === undefined;
}

export function choiceId(quiz: Quiz, index: number): string {
  return `${QUIZ_ACTION}${quiz.id}:${index}`;
}

/** "quiz:3-abc:2" → { quizId: "3-abc", choice: 2 }. */
export function parseChoiceId(id: string): { quizId: string; choice: number } | undefined {
  const m = /^quiz:([0-9a-z-]{1,40}):([0-9])$/.exec(id);
  return m ? { quizId: m[1] as string, choice: Number(m[2]) } : undefined;
}

function indent(text: string): string {
  return text.split('\n').join('\n     ');
}

export function questionText(quiz: Quiz): string {
  const seconds = Math.round((quiz.deadline - quiz.postedAt) / 1000);
  const lines = [`Quiz (${quiz.topic}), ${seconds} s to answer:`];
  if (quiz.setup.length > 0) {
    lines.push('On a freshly booted machine, someone ran:');
    for (const line of quiz.setup) lines.push(`  # ${line}`);
  } else {
    lines.push('On a freshly booted machine:');
  }
  lines.push(quiz.prompt);
  quiz.choices.forEach((c, i) => lines.push(`  ${letter(i)}) ${indent(c.label)}`));
  lines.push(`(one answer each; you may change it until the reveal. seed ${quiz.seed})`);
  return lines.join('\n');
}

export function questionReply(quiz: Quiz): Reply {
  const choices: Choice[] = quiz.choices.map((_, i) => ({ id: choiceId(quiz, i), label: letter(i), style: 'secondary' }));
  return { blocks: [{ kind: 'text', text: questionText(quiz) }], choices, visibility: 'channel' };
}

export type AnswerResult =
  | { kind: 'recorded'; choice: number }
  | { kind: 'changed'; from: number; choice: number }
  | { kind: 'same'; choice: number }
  | { kind: 'over' }
  | { kind: 'due' };

/** Record WHO's answer CHOICE to the quiz QUIZID, if it is still the open one. */
export function answerQuiz(teaching: TeachingState, quizId: string, choice: number, who: { id: string; name: string }, now: number): AnswerResult {
  const quiz = teaching.quiz;
  if (!isOpen(quiz) || quiz.id !== quizId || choice < 0 || choice >= quiz.choices.length) return { kind: 'over' };
  if (now >= quiz.deadline) return { kind: 'due' };
  const previous = quiz.answers[who.id];
  if (previous?.choice === choice) return { kind: 'same', choice };
  quiz.answers[who.id] = { choice, name: who.name, at: now, changes: previous ? previous.changes + 1 : 0 };
  return previous ? { kind: 'changed', from: previous.choice, choice } : { kind: 'recorded', choice };
}

export function answerReply(result: AnswerResult, quiz: Quiz | undefined): Reply {
  const label = (i: number): string => `${letter(i)}) ${quiz?.choices[i]?.label.split('\n')[0] ?? ''}`;
  switch (result.kind) {
    case 'recorded':
      return { blocks: [{ kind: 'notice', level: 'info', text: `Your answer: ${label(result.choice)}. You can change it until the reveal.` }], visibility: 'user' };
    case 'changed':
      return { blocks: [{ kind: 'notice', level: 'info', text: `Changed your answer from ${letter(result.from)} to ${label(result.choice)}.` }], visibility: 'user' };
    case 'same':
      return { blocks: [{ kind: 'notice', level: 'info', text: `Your answer is already ${label(result.choice)}.` }], visibility: 'user' };
    default:
      return { blocks: [{ kind: 'notice', level: 'info', text: 'This quiz is over; its answer has been posted. Ask for a new one with /quiz.' }], visibility: 'user' };
  }
}

export interface Reveal {
  quiz: Quiz;
  outcomes: Array<{ userId: string; name: string; right: boolean }>;
}

/** Close the open quiz: mark it revealed and count every answer on the conversation's board. */
export function revealQuiz(teaching: TeachingState, now: number): Reveal | undefined {
  const quiz = teaching.quiz;
  if (!isOpen(quiz)) return undefined;
  quiz.revealedAt = now;
  const scores = (teaching.scores ??= {});
  const outcomes = Object.entries(quiz.answers).map(([userId, a]) => ({ userId, name: a.name, right: a.choice === quiz.correct }));
  for (const o of outcomes) addScore(scores, o.userId, o.name, o.right);
  teaching.quizHistory = [...(teaching.quizHistory ?? []), quizRecord(quiz, now)].slice(-MAX_QUIZ_HISTORY);
  return { quiz, outcomes };
}

/** What the quiz history keeps of a revealed quiz: the question, the right answer, each student's answer. */
export function quizRecord(quiz: Quiz, revealedAt: number): QuizRecord {
  return {
    id: quiz.id,
    topic: quiz.topic,
    template: quiz.template,
    seed: quiz.seed,
    prompt: quiz.prompt,
    askedBy: quiz.askedBy,
    postedAt: quiz.postedAt,
    revealedAt,
    choices: quiz.choices.length,
    correct: quiz.correct,
    answers: Object.entries(quiz.answers).map(([userId, a]) => ({ userId, name: a.name, choice: a.choice })),
  };
}

export function revealReply(reveal: Reveal, why: 'time' | 'request'): Reply {
  const { quiz, outcomes } = reveal;
  const right = outcomes.filter((o) => o.right).map((o) => o.name);
  const answer = quiz.choices[quiz.correct]?.label ?? '';
  const lines = [
    `${why === 'time' ? 'Time is up!' : 'Quiz revealed.'} ${quiz.prompt}`,
    `Answer: ${letter(quiz.correct)}) ${indent(answer)}`,
    `Why: ${quiz.fact}`,
    `See it yourself on a fresh machine: ${quiz.shows}`,
    outcomes.length === 0
      ? 'Nobody answered.'
      : right.length === 0
        ? `Nobody got it right (${outcomes.length} answered).`
        : `Right: ${right.join(', ')} (${right.length} of ${outcomes.length}).`,
  ];
  return { blocks: [{ kind: 'text', text: lines.join('\n') }], visibility: 'channel' };
}

export function leaderboard(title: string, scores: Record<string, Score> | undefined, limit = 10): string {
  const rows = Object.values(scores ?? {}).sort((a, b) => b.correct - a.correct || a.answered - b.answered || a.name.localeCompare(b.name));
  if (rows.length === 0) return `${title}: no answers yet.`;
  const lines = [`${title}:`];
  rows.slice(0, limit).forEach((s, i) => lines.push(`  ${i + 1}. ${s.name}: ${s.correct} right of ${s.answered}`));
  if (rows.length > limit) lines.push(`  … and ${rows.length - limit} more`);
  return lines.join('\n');
}
