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
import { execLine } from '../machine/machine';
import { ConversationIndex, conversationName } from '../scope/conversations';
import { teachingOf, type Contribution } from './state';
import { scoreBoard, scoreBoardKey } from './boards';
import { moduleGraph } from '../graph/model';
import { graphPicture } from '../graph/reply';

/** Commands shown per conversation at a glance. */
export const RECENT_COMMANDS = 5;

export interface ExerciseView {
  id: string;
  title: string;
  startedBy: string;
  state: 'open' | 'solved' | 'stopped';
  /** Who contributed, with how many commands. */
  contributors: Array<{ name: string; commands: number }>;
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
  ) {}

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

  async conversation(scope: Scope): Promise<{ view: ConversationView; history: HistoryEntry[]; dmesg: string; machine: MachineState }> {
    const state = await this.store.read(scope);
    // dmesg as the class sees it, run on a copy so that reading never changes the machine.
    const copy = structuredClone(state.machine);
    const dmesg = execLine(copy, 'dmesg', this.machine).output;
    return { view: this.view(scope, state), history: state.history, dmesg, machine: state.machine };
  }

  async picture(scope: Scope): Promise<Uint8Array | undefined> {
    const state = await this.store.read(scope);
    return graphPicture(moduleGraph(openSystem(state.machine, this.machine, state.history)), conversationName(scope));
  }

  async scores(scope: Scope): Promise<ScoreView[]> {
    const board = scoreBoard(await this.store.readDocument(scoreBoardKey(scope))).scores;
    return Object.values(board)
      .map((s) => ({ name: s.name, correct: s.correct, answered: s.answered }))
      .sort((a, b) => b.correct - a.correct || a.answered - b.answered || a.name.localeCompare(b.name));
  }

  private view(scope: Scope, state: ScopeState): ConversationView {
    const sys = openSystem(state.machine, this.machine, state.history);
    const teaching = teachingOf(structuredClone(state));
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
