/**
 * The teaching part of a scope's state (ScopeState.teaching): plain JSON, owned here.
 * Read defensively: a damaged part is dropped rather than crashing the conversation.
 */
import type { ScopeState } from '../scope/state';
import type { EventMemory } from './goal';
import type { Scope } from '../contracts/invocation';

/** Who did what towards an exercise. */
export interface Contribution {
  userId: string;
  name: string;
  /** Their commands, oldest first, at most MAX_CREDITED_LINES. */
  lines: string[];
  /** How many commands in all. */
  count: number;
}

export interface ExerciseProgress {
  id: string;
  title: string;
  startedAt: number;
  startedBy: string;
  hintsShown: number;
  memory: EventMemory;
  contributions: Contribution[];
  /** Set once, when the goal is first met. */
  solvedAt?: number;
  stoppedAt?: number;
  /** A rule (notRan) was broken: said once. */
  warnedBroken?: boolean;
  /** How often it was started again from its start (/exercise restart, /exercise reset), and by whom last. */
  restarts?: number;
  restartedBy?: string;
}

/** An exercise waiting for the thread the adapter opens for it (Slack/Discord). */
export interface PendingExercise {
  id: string;
  startedBy: string;
  at: number;
  /** The claim the adapter sends from the thread it opened (Reply.openThread.claim); absent in older states. */
  claim?: string;
}

export interface QuizAnswer {
  choice: number;
  name: string;
  at: number;
  /** How often this person changed their answer. */
  changes: number;
}

export interface QuizChoice {
  label: string;
  /** What the simulator printed or did, exactly. */
  value: string;
}

export interface Quiz {
  /** Unique in the scope; part of each button's id. */
  id: string;
  template: string;
  topic: string;
  seed: number;
  prompt: string;
  /** Setup lines shown with the question, and the command asked about. */
  setup: string[];
  probe: string;
  choices: QuizChoice[];
  correct: number;
  fact: string;
  /** The command that shows the fact on a fresh machine. */
  shows: string;
  askedBy: string;
  postedAt: number;
  deadline: number;
  answers: Record<string, QuizAnswer>;
  revealedAt?: number;
}

/** A revealed quiz as the conversation's quiz history keeps it (the dashboard's per-question results). */
export interface QuizRecord {
  id: string;
  topic: string;
  template: string;
  seed: number;
  prompt: string;
  askedBy: string;
  postedAt: number;
  revealedAt: number;
  /** How many answers it offered, and the right one's index. */
  choices: number;
  correct: number;
  /** Each student's final answer, in the order they first answered. */
  answers: Array<{ userId: string; name: string; choice: number }>;
}

export interface Score {
  name: string;
  correct: number;
  answered: number;
}

export interface TeachingState {
  exercise?: ExerciseProgress;
  pending?: PendingExercise[];
  /** Exercise conversations opened from here (console names). */
  opened?: number;
  /** Their names, newest last (at most a few), for /exercise status back in the lab. */
  openedHere?: string[];
  quiz?: Quiz;
  /** Revealed quizzes, oldest first, at most MAX_QUIZ_HISTORY (the open one is `quiz`). */
  quizHistory?: QuizRecord[];
  quizzes?: number;
  scores?: Record<string, Score>;
}

/** A quiz open in SCOPE, as the platform's index of open quizzes lists it (boards.ts). */
export interface OpenQuizEntry {
  scope: Scope;
  quizId: string;
  deadline: number;
}

export const MAX_CREDITED_LINES = 10;
export const MAX_CONTRIBUTORS = 100;
export const MAX_SCORES = 500;
/** Revealed quizzes a conversation remembers (a term of weekly quizzes, with room to spare; the leaderboard keeps every total). */
export const MAX_QUIZ_HISTORY = 40;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The scope's teaching state, created when missing; changes to it land in STATE. */
export function teachingOf(state: ScopeState): TeachingState {
  if (!isObject(state.teaching)) state.teaching = {};
  const t = state.teaching as TeachingState & Record<string, unknown>;
  if (t.exercise !== undefined && !(isObject(t.exercise) && typeof t.exercise.id === 'string' && isObject(t.exercise.memory) && Array.isArray(t.exercise.contributions))) delete t.exercise;
  if (t.quiz !== undefined && !(isObject(t.quiz) && typeof t.quiz.id === 'string' && Array.isArray(t.quiz.choices) && isObject(t.quiz.answers))) delete t.quiz;
  if (t.pending !== undefined && !Array.isArray(t.pending)) delete t.pending;
  if (t.openedHere !== undefined && !(Array.isArray(t.openedHere) && t.openedHere.every((n) => typeof n === 'string'))) delete t.openedHere;
  if (t.scores !== undefined && !isObject(t.scores)) delete t.scores;
  if (t.quizHistory !== undefined) {
    if (!Array.isArray(t.quizHistory)) delete t.quizHistory;
    else t.quizHistory = t.quizHistory.filter((r) => isObject(r) && typeof r.id === 'string' && typeof r.prompt === 'string' && typeof r.correct === 'number' && Array.isArray(r.answers));
  }
  return t;
}

/** Add one answer's outcome to a leaderboard. */
export function addScore(scores: Record<string, Score>, userId: string, name: string, right: boolean): void {
  const score = scores[userId] ?? { name, correct: 0, answered: 0 };
  score.name = name;
  score.answered += 1;
  if (right) score.correct += 1;
  scores[userId] = score;
  const ids = Object.keys(scores);
  if (ids.length > MAX_SCORES) {
    // Keep the board bounded: forget the weakest first.
    ids.sort((a, b) => (scores[a]?.correct ?? 0) - (scores[b]?.correct ?? 0));
    for (const id of ids.slice(0, ids.length - MAX_SCORES)) delete scores[id];
  }
}
