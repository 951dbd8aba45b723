/**
 * What an instructor's dashboard reads about a workspace, read-only: each conversation's
 * machine at a glance, its history and kernel log, its exercise, and the quiz leaderboard.
 * Computed from the same store documents the chat commands change (nothing kept apart).
 */
import type { Platform, Scope } from '../contracts/invocation';
import { scopeKey } from '../contracts/invocation';
import type { ScopeStore } from '../scope/store';
import type { ScopeState } from '../scope/state';
import type { HistoryEntry } from '../userland/tool';
import { openSystem, type MachineOptions, type MachineState } from '../machine/machine';
import { ConversationIndex, conversationName } from '../scope/conversations';
import { teachingOf, type Contribution } from './state';
import type { ExerciseSet } from './exercise-set';
import { scoreBoard, scoreBoardKey } from './boards';
import { moduleGraph } from '../graph/model';
import { graphPicture } from '../graph/reply';
import type { OffThreadResult } from '../contracts/off-thread';
import type { OffThread } from './off-thread';

/** Commands shown per conversation at a glance. */
export const RECENT_COMMANDS = 5;

export interface ExerciseView {
  id: string;
  title: string;
  startedBy: string;
  state: 'open' | 'solved' | 'stopped';
  /** Who contributed, with how many commands. */
  contributors: Array<{ name: string; commands: number }>;
  /** How often it was started again from its start (/exercise restart, /exercise reset). */
  restarts: number;
}

/** The conversation's last quiz: the question, each student's answer, and (once revealed) who was right. */
export interface QuizView {
  prompt: string;
  topic: string;
  askedBy: string;
  revealed: boolean;
  /** The right answer's letter, only once revealed (the dashboard must not spoil an open quiz on a projector). */
  correct?: string;
  answers: Array<{ name: string; letter: string; right?: boolean }>;
}

/** One quiz of a conversation's history, per question and per student; the open one has no answer yet. */
export interface QuizResultView {
  /** 1 for the conversation's first quiz it still remembers. */
  number: number;
  topic: string;
  seed: number;
  prompt: string;
  askedBy: string;
  postedAt: number;
  revealed: boolean;
  /** The right answer's letter, once revealed. */
  correct?: string;
  answers: Array<{ name: string; letter: string; right?: boolean }>;
}

/** A conversation's quiz history, for the dashboard's results and quizzes.csv. */
export interface ConversationQuizzes {
  key: string;
  name: string;
  quizzes: QuizResultView[];
}

export interface ConversationView {
  scope: Scope;
  /** scopeKey: the dashboard's id of the conversation. */
  key: string;
  name: string;
  modules: string[];
  tainted: number;
  uptimeSeconds: number;
  updatedAt: number;
  commands: number;
  recent: HistoryEntry[];
  exercise?: ExerciseView;
  quiz?: QuizView;
}

export interface ScoreView {
  name: string;
  correct: number;
  answered: number;
}

export class ClassView {
  constructor(
    private readonly store: ScopeStore,
    private readonly index: ConversationIndex,
    private readonly machine: MachineOptions & { hostname: string },
    /** Where the heavy reads run (the picture, dmesg): off the main thread in the bot (src/app's pool). */
    private readonly offThread: OffThread,
    private readonly exerciseSet: ExerciseSet = { exercises: [], problems: [] },
  ) {}

  /** The exercises an instructor may start (the dashboard's form; /exercise list in chat). */
  exercises(): Array<{ id: string; title: string }> {
    return this.exerciseSet.exercises.map((e) => ({ id: e.id, title: e.title }));
  }

  async conversations(platform: Platform, workspace: string): Promise<ConversationView[]> {
    const entries = await this.index.list(platform, workspace);
    const views: ConversationView[] = [];
    for (const { scope } of entries) {
      try {
        views.push(this.view(scope, await this.store.read(scope)));
      } catch {
        // a damaged conversation is left out of the overview; the chat reports it
      }
    }
    return views.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** KEY's conversation if it belongs to the workspace (a key of another workspace is not found). */
  async find(platform: Platform, workspace: string, key: string): Promise<Scope | undefined> {
    return (await this.index.list(platform, workspace)).map((e) => e.scope).find((s) => scopeKey(s) === key);
  }

  /** DMESG: what the class's `dmesg` prints, read off the main thread on a copy of the machine (reading never changes it), or why it could not be read. */
  async conversation(scope: Scope): Promise<{ view: ConversationView; history: HistoryEntry[]; dmesg: OffThreadResult<string>; machine: MachineState; quizzes: QuizResultView[] }> {
    const state = await this.store.read(scope);
    const dmesg = await this.offThread.dmesg(state.machine);
    return { view: this.view(scope, state), history: state.history, dmesg, machine: state.machine, quizzes: quizHistory(state) };
  }

  /** The conversation's machine and history as stored, for an export: no worker is asked for anything. */
  async snapshot(scope: Scope): Promise<{ view: ConversationView; history: HistoryEntry[]; machine: MachineState }> {
    const state = await this.store.read(scope);
    return { view: this.view(scope, state), history: state.history, machine: state.machine };
  }

  /** Every quiz each conversation of the workspace remembers, revealed ones and the open one, oldest first. */
  async quizResults(platform: Platform, workspace: string): Promise<ConversationQuizzes[]> {
    const results: ConversationQuizzes[] = [];
    for (const { scope } of await this.index.list(platform, workspace)) {
      try {
        const quizzes = quizHistory(await this.store.read(scope));
        if (quizzes.length > 0) results.push({ key: scopeKey(scope), name: conversationName(scope), quizzes });
      } catch {
        // a damaged conversation is left out, as in the overview
      }
    }
    return results;
  }

  /** The conversation's module graph drawn off the main thread, or why it cannot be. */
  async picture(scope: Scope): Promise<OffThreadResult<Uint8Array>> {
    const state = await this.store.read(scope);
    return graphPicture(moduleGraph(openSystem(state.machine, this.machine, state.history)), conversationName(scope), (dot) => this.offThread.draw(dot));
  }

  async scores(scope: Scope): Promise<ScoreView[]> {
    const board = scoreBoard(await this.store.readDocument(scoreBoardKey(scope))).scores;
    return Object.values(board)
      .map((s) => ({ name: s.name, correct: s.correct, answered: s.answered }))
      .sort((a, b) => b.correct - a.correct || a.answered - b.answered || a.name.localeCompare(b.name));
  }

  private view(scope: Scope, state: ScopeState): ConversationView {
    const sys = openSystem(state.machine, this.machine, state.history);
    const teaching = teachingOf(teachingCopy(state));
    const exercise = teaching.exercise;
    const quiz = teaching.quiz;
    const letter = (i: number): string => String.fromCharCode(65 + i);
    return {
      scope,
      key: scopeKey(scope),
      name: conversationName(scope),
      modules: sys.kernel.modules().map((m) => m.name),
      tainted: state.machine.kernel.tainted,
      uptimeSeconds: Math.floor(sys.kernel.uptimeUsec() / 1_000_000),
      updatedAt: state.updatedAt,
      commands: state.history.length,
      recent: state.history.slice(-RECENT_COMMANDS),
      exercise: exercise && {
        id: exercise.id,
        title: exercise.title,
        startedBy: exercise.startedBy,
        state: exercise.solvedAt !== undefined ? 'solved' : exercise.stoppedAt !== undefined ? 'stopped' : 'open',
        contributors: contributors(exercise.contributions),
        restarts: exercise.restarts ?? 0,
      },
      quiz: quiz && {
        prompt: quiz.prompt,
        topic: quiz.topic,
        askedBy: quiz.askedBy,
        revealed: quiz.revealedAt !== undefined,
        correct: quiz.revealedAt !== undefined ? letter(quiz.correct) : undefined,
        answers: Object.values(quiz.answers)
          .map((a) => ({ name: a.name, letter: letter(a.choice), right: quiz.revealedAt !== undefined ? a.choice === quiz.correct : undefined }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
    };
  }
}

function contributors(list: readonly Contribution[]): Array<{ name: string; commands: number }> {
  return list.map((c) => ({ name: c.name, commands: c.count }));
}

/** STATE's revealed quizzes and its open one, numbered, each student's answer beside the right one. */
export function quizHistory(state: ScopeState): QuizResultView[] {
  const teaching = teachingOf(teachingCopy(state));
  const past = teaching.quizHistory ?? [];
  const letter = (i: number): string => String.fromCharCode(65 + i);
  const views: QuizResultView[] = past.map((r, i) => ({
    number: i + 1,
    topic: r.topic,
    seed: r.seed,
    prompt: r.prompt,
    askedBy: r.askedBy,
    postedAt: r.postedAt,
    revealed: true,
    correct: letter(r.correct),
    answers: r.answers.map((a) => ({ name: a.name, letter: letter(a.choice), right: a.choice === r.correct })),
  }));
  const open = teaching.quiz;
  if (open && open.revealedAt !== undefined && !past.some((r) => r.id === open.id)) {
    // Revealed before the history was kept (an older document): its last quiz still counts.
    views.push({
      number: views.length + 1,
      topic: open.topic,
      seed: open.seed,
      prompt: open.prompt,
      askedBy: open.askedBy,
      postedAt: open.postedAt,
      revealed: true,
      correct: letter(open.correct),
      answers: Object.values(open.answers).map((a) => ({ name: a.name, letter: letter(a.choice), right: a.choice === open.correct })),
    });
  }
  if (open && open.revealedAt === undefined) {
    views.push({
      number: views.length + 1,
      topic: open.topic,
      seed: open.seed,
      prompt: open.prompt,
      askedBy: open.askedBy,
      postedAt: open.postedAt,
      revealed: false,
      // Who answered what, never which is right: the page may be on a projector.
      answers: Object.values(open.answers).map((a) => ({ name: a.name, letter: letter(a.choice) })),
    });
  }
  return views;
}

/**
 * A copy of STATE for teachingOf, which mends its teaching part in place: only that part is
 * copied (a whole copy, machine and history included, was most of the overview's cost).
 */
function teachingCopy(state: ScopeState): ScopeState {
  return { ...state, teaching: structuredClone(state.teaching) };
}
