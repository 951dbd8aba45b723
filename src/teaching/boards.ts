/**
 * The teaching documents that belong to no conversation: each platform's index of open
 * quizzes (so that a restarted bot reveals the overdue ones) and each workspace's quiz
 * leaderboard. They are small side documents of the ScopeStore (plain JSON, no machine),
 * read defensively: a damaged part is dropped, never a crash.
 */
import type { Platform, Scope } from '../contracts/invocation';
import { scopeKey } from '../contracts/invocation';
import type { OpenQuizEntry, Score } from './state';

/** At most this many open quizzes per platform are remembered (the oldest go first). */
export const MAX_OPEN_QUIZZES = 1000;

export interface OpenQuizIndex {
  openQuizzes: OpenQuizEntry[];
}

export interface ScoreBoard {
  scores: Record<string, Score>;
}

export function openQuizzesKey(platform: Platform): string {
  return `*teaching:open-quizzes:${platform}`;
}

/** One leaderboard per Discord server / Slack workspace (the console has one). */
export function scoreBoardKey(scope: Scope): string {
  return `*teaching:scores:${scope.platform}:${encodeURIComponent(scope.workspace)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEntry(v: unknown): v is OpenQuizEntry {
  if (!isObject(v) || typeof v.quizId !== 'string' || typeof v.deadline !== 'number' || !isObject(v.scope)) return false;
  const s = v.scope;
  return typeof s.platform === 'string' && typeof s.workspace === 'string' && typeof s.channel === 'string' && (s.thread === undefined || typeof s.thread === 'string');
}

function isScore(v: unknown): v is Score {
  return isObject(v) && typeof v.name === 'string' && typeof v.correct === 'number' && typeof v.answered === 'number';
}

export function openQuizIndex(doc: unknown): OpenQuizIndex {
  const list = isObject(doc) && Array.isArray(doc.openQuizzes) ? doc.openQuizzes : [];
  return { openQuizzes: list.filter(isEntry) };
}

export function scoreBoard(doc: unknown): ScoreBoard {
  const scores: Record<string, Score> = {};
  if (isObject(doc) && isObject(doc.scores)) {
    for (const [id, score] of Object.entries(doc.scores)) if (isScore(score)) scores[id] = score;
  }
  return { scores };
}

/** The index with SCOPE's entry replaced by ENTRY (or removed, when ENTRY is undefined). */
export function withOpenQuiz(index: OpenQuizIndex, scope: Scope, entry: OpenQuizEntry | undefined, quizId?: string): OpenQuizIndex {
  const key = scopeKey(scope);
  const rest = index.openQuizzes.filter((e) => !(scopeKey(e.scope) === key && (quizId === undefined || e.quizId === quizId)));
  return { openQuizzes: entry ? [...rest, entry].slice(-MAX_OPEN_QUIZZES) : rest };
}
