/**
 * The teaching features as the app uses them, one idea per part: exercises (exercises.ts),
 * the threads they run in (exercise-threads.ts), quizzes and their reveal timer
 * (quizzes.ts). This only wires them together and routes buttons to the part they belong to.
 */
import type { Clock } from '../contracts/clock';
import type { Logger } from '../contracts/logger';
import type { Invocation, Scope } from '../contracts/invocation';
import type { Reply } from '../contracts/reply';
import { noticeReply } from '../contracts/reply';
import type { Completion } from '../contracts/command';
import type { Announcer } from '../contracts/announcer';
import type { ScopeStore } from '../scope/store';
import type { MachineOptions } from '../machine/machine';
import type { TeachingActions } from './actions';
import type { ExerciseSet } from './exercise-set';
import { Exercises } from './exercises';
import { CLAIM_ACTION, ExerciseThreads } from './exercise-threads';
import { Quizzes } from './quizzes';
import type { OffThread } from './off-thread';

export interface TeachingOptions {
  store: ScopeStore;
  clock: Clock;
  logger: Logger;
  machine: MachineOptions & { hostname: string };
  exercises: ExerciseSet;
  /** Default time to answer a quiz, seconds (MODLAB_QUIZ_SECONDS). */
  quizSeconds?: number;
  /** How often the reveal timer looks for quizzes whose time is up, ms; 0: never (tests call tick()). */
  tickMs?: number;
  /** Told of each conversation an exercise starts in (the workspace's list of conversations). */
  noteConversation?: (scope: Scope) => Promise<void>;
  /** Where exercise setups and quiz questions are computed: off the main thread in the bot (src/app's pool). */
  offThread: OffThread;
}

export class Teaching {
  private readonly threads: ExerciseThreads;
  private readonly exercises: Exercises;
  private readonly quizzes: Quizzes;

  constructor(private readonly options: TeachingOptions) {
    const { store, clock, machine, logger, offThread } = options;
    this.threads = new ExerciseThreads({ store, clock, exercises: options.exercises, noteConversation: options.noteConversation, offThread, logger });
    this.quizzes = new Quizzes({ store, clock, logger, offThread, quizSeconds: options.quizSeconds, tickMs: options.tickMs });
    this.exercises = new Exercises({ store, clock, machine, exercises: options.exercises, threads: this.threads, announcerFor: (scope) => this.quizzes.announcerFor(scope) });
  }

  /** Load the open quizzes and start their reveal timer. */
  start(): Promise<void> {
    return this.quizzes.start();
  }

  setAnnouncer(announcer: Announcer): void {
    this.quizzes.setAnnouncer(announcer);
  }

  /** The announcer that posts to SCOPE's platform (one adapter gives each platform's). */
  announcerFor(scope: Scope): Announcer | undefined {
    return this.quizzes.announcerFor(scope);
  }

  /** Reveal the quizzes whose time is up now (the timer does it every tick). */
  tick(): Promise<void> {
    return this.quizzes.tick();
  }

  close(): Promise<void> {
    return this.quizzes.close();
  }

  /** Before anything runs in a thread: a new thread may be the one an exercise is waiting for. */
  prepare(scope: Scope): Promise<void> {
    return this.threads.prepare(scope);
  }

  handlesAction(id: string): boolean {
    return id.startsWith(CLAIM_ACTION) || this.quizzes.handlesAction(id);
  }

  /** A quiz button was clicked, or an adapter claims the thread it opened for an exercise. */
  action(invocation: Invocation): Promise<Reply> {
    if (invocation.input.kind !== 'action') return Promise.resolve(noticeReply('error', 'Not a button.'));
    const id = invocation.input.id;
    if (id.startsWith(CLAIM_ACTION)) return this.threads.claim(invocation.scope, id);
    return this.quizzes.answer(invocation, id);
  }

  complete(source: Completion, prefix: string, limit: number): string[] {
    const all = source === 'exercises' ? this.options.exercises.exercises.map((e) => e.id) : source === 'quiz-topics' ? this.quizzes.topicNames() : [];
    return all.filter((name) => name.startsWith(prefix.toLowerCase())).slice(0, limit);
  }

  /** /exercise and /quiz, bound to one invocation (the exercise check after shell lines: observeExercise, run in the machine step). */
  actions(invocation: Invocation): TeachingActions {
    return {
      listExercises: () => this.exercises.list(invocation),
      startExercise: (name) => this.exercises.start(invocation, name),
      hint: () => this.exercises.hint(invocation),
      exerciseStatus: () => this.exercises.status(invocation),
      stopExercise: () => this.exercises.stop(invocation),
      restartExercise: () => this.exercises.restart(invocation, false),
      resetExercise: (target) => this.exercises.restart(invocation, true, target),
      ask: (request) => this.quizzes.ask(invocation, request),
      reveal: () => this.quizzes.reveal(invocation),
      scores: () => this.quizzes.scores(invocation),
      quizTopics: () => this.quizzes.topics(),
    };
  }
}
