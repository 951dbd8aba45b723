/**
 * How a started exercise finds its thread, implemented once for every platform. Outside a
 * thread, /exercise start leaves the exercise pending in its channel and asks the adapter to
 * open a thread with a claim (an action id); the adapter sends that claim from the new
 * thread (App.handle with the claim as an action), and the thread gets the exercise's
 * machine. Where an adapter cannot claim (a Slack thread a student opened by hand), the first
 * message in a new thread of that channel takes the oldest unclaimed exercise instead.
 */
import type { Clock } from '../contracts/clock';
import type { Scope } from '../contracts/invocation';
import { scopeKey } from '../contracts/invocation';
import type { Reply } from '../contracts/reply';
import { noticeReply } from '../contracts/reply';
import { ModlabError } from '../contracts/errors';
import type { ScopeStore } from '../scope/store';
import type { ScopeState } from '../scope/state';
import type { Exercise } from './exercise';
import { findExercise, type ExerciseSet } from './exercise-set';
import { installExercise, type SetUpMachine, type SetupFailure } from './progress';
import type { OffThread } from './off-thread';
import type { Logger } from '../contracts/logger';
import type { OffThreadResult } from '../contracts/off-thread';
import type { MachineState } from '../machine/machine';
import { teachingOf, type ExerciseProgress } from './state';
import { startingMachine } from './exercise-start';
import { threadCreatedAt } from './thread-time';

/** Action id prefix of an adapter's claim of the thread it opened for an exercise. */
export const CLAIM_ACTION = 'exercise-thread:';
/** How long an exercise waits for the first message in its new thread. */
const PENDING_MS = 24 * 3600 * 1000;
/** How much older than the exercise its thread's id may look (clocks of bot and platform differ). */
const THREAD_SKEW_MS = 5 * 60 * 1000;
/** Pending exercises a channel keeps (the oldest go first). */
const MAX_PENDING = 20;
/** Thread scopes remembered as needing no claim (a cache only). */
const MAX_SETTLED = 10_000;

export interface ExerciseThreadsOptions {
  store: ScopeStore;
  clock: Clock;
  exercises: ExerciseSet;
  /** Told of each conversation an exercise starts in (the workspace's list of conversations). */
  noteConversation?: (scope: Scope) => Promise<void>;
  /** Where an exercise's machine is set up: off the main thread in the bot (src/app's pool). */
  offThread: OffThread;
  logger: Logger;
}

export class ExerciseThreads {
  /** Thread scopes known to need no exercise claim (bounded; a cache only). */
  private readonly settled = new Set<string>();

  constructor(private readonly options: ExerciseThreadsOptions) {}

  /** Leave EXERCISE pending in the channel SCOPE; the claim the adapter sends from its new thread. */
  async leavePending(scope: Scope, exercise: Exercise, startedBy: string): Promise<string> {
    const now = this.options.clock();
    const claim = `${CLAIM_ACTION}${exercise.id}:${now.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`.slice(0, 80);
    await this.options.store.update(scope, (s) => {
      const t = teachingOf(s);
      t.pending = [...(t.pending ?? []).filter((p) => now - p.at < PENDING_MS), { id: exercise.id, startedBy, at: now, claim }].slice(-MAX_PENDING);
    });
    return claim;
  }

  /**
   * Before anything runs in a thread: if the thread is new and its channel has an exercise
   * waiting for a thread that no adapter will claim, this thread gets it.
   */
  async prepare(scope: Scope): Promise<void> {
    if (!scope.thread) return;
    const key = scopeKey(scope);
    if (this.settled.has(key)) return;
    const store = this.options.store;
    const state = await store.read(scope);
    if (state.history.length > 0 || state.teaching?.exercise !== undefined) return this.settle(key);
    const parent = parentOf(scope);
    const now = this.options.clock();
    // A thread that existed before the exercise was started is someone else's conversation:
    // only a thread at least as new as the exercise (give or take clock skew) may take it.
    const createdAt = threadCreatedAt(scope);
    const claimed = await store.update(parent, (s) => {
      const t = teachingOf(s);
      t.pending = (t.pending ?? []).filter((p) => now - p.at < PENDING_MS);
      // An exercise whose adapter will claim its thread waits for that claim (see claim).
      const i = t.pending.findIndex((p) => p.claim === undefined && (createdAt === undefined || createdAt >= p.at - THREAD_SKEW_MS));
      return i < 0 ? undefined : t.pending.splice(i, 1)[0];
    });
    if (!claimed) return this.settle(key);
    const exercise = findExercise(this.options.exercises, claimed.id);
    if (!exercise) return this.settle(key);
    // Its snapshot was there at /exercise start; snapshots are never deleted, only saved over.
    const start = await startingMachine(store, scope, exercise, now);
    const set = await this.setUp(exercise, start.ok ? start.machine : undefined);
    // A machine that cannot be set up leaves the exercise waiting, for a claim or another thread.
    if (!set.ok) this.options.logger.warn(`exercise ${exercise.id} not set up in a new thread: ${set.why}`, { code: set.limit === 'time' || set.limit === 'memory' ? 'over-budget' : 'internal', scope: key });
    const installed = set.ok && await store.update(scope, (s) => {
      if (s.history.length > 0 || teachingOf(s).exercise) return false;
      installExercise(s, exercise, set.value, claimed.startedBy, now);
      return true;
    });
    if (!installed) await store.update(parent, (s) => void (teachingOf(s).pending ?? []).unshift(claimed));
    this.settle(key);
  }

  /** The thread SCOPE the adapter opened for a started exercise claims it with CLAIM: it gets the exercise's machine. */
  async claim(scope: Scope, claim: string): Promise<Reply> {
    if (!scope.thread) return noticeReply('error', 'An exercise thread can only be claimed from a thread.');
    const now = this.options.clock();
    const claimed = await this.options.store.update(parentOf(scope), (s) => {
      const t = teachingOf(s);
      const i = (t.pending ?? []).findIndex((p) => p.claim === claim);
      return i < 0 ? undefined : t.pending?.splice(i, 1)[0];
    });
    const exercise = claimed ? findExercise(this.options.exercises, claimed.id) : undefined;
    if (!claimed || !exercise) return { blocks: [], visibility: 'channel' };
    const installed = await this.installFresh(scope, exercise, claimed.startedBy);
    if (!installed.ok) return noticeReply('error', installed.why, 'channel');
    const from = exercise.snapshot ? `a machine started from the snapshot ${exercise.snapshot}` : 'a freshly booted machine';
    return { blocks: [{ kind: 'notice', level: 'info', text: `This thread runs the exercise "${exercise.title}" on ${from} of its own.` }], visibility: 'channel' };
  }

  /**
   * EXERCISE on its starting machine in SCOPE, with fresh progress (a damaged document is
   * replaced); AGAIN keeps a restarted exercise's record of restarts. Why not, when its
   * snapshot is missing; else the setup lines that failed.
   */
  async installFresh(scope: Scope, exercise: Exercise, startedBy: string, again?: Pick<ExerciseProgress, 'restarts' | 'restartedBy'>): Promise<{ ok: true; failures: SetupFailure[] } | { ok: false; why: string }> {
    const now = this.options.clock();
    const start = await startingMachine(this.options.store, scope, exercise, now);
    if (!start.ok) return start;
    const set = await this.setUp(exercise, start.machine);
    if (!set.ok) return { ok: false, why: `The machine of the exercise "${exercise.title}" could not be set up (${set.why}); nothing was changed. Try again, or tell an instructor.` };
    const install = (s: ScopeState): SetupFailure[] => {
      const failures = installExercise(s, exercise, set.value, startedBy, now);
      const progress = teachingOf(s).exercise;
      if (again && progress) Object.assign(progress, again);
      return failures;
    };
    let failures: SetupFailure[];
    try {
      failures = await this.options.store.update(scope, install);
    } catch (error) {
      if (!(error instanceof ModlabError) || error.code !== 'state-damaged') throw error;
      await this.options.store.reset(scope);
      failures = await this.options.store.update(scope, install);
    }
    await this.options.noteConversation?.(scope);
    if (scope.thread) this.settle(scopeKey(scope));
    return { ok: true, failures };
  }

  /** EXERCISE's machine with its setup lines run, off the main thread: FROM resumed, or a fresh boot. */
  private setUp(exercise: Exercise, from: MachineState | undefined): Promise<OffThreadResult<SetUpMachine>> {
    return this.options.offThread.setUp(exercise.setup.commands ?? [], exercise.setup.cmdline ?? '', from);
  }

  private settle(key: string): void {
    if (this.settled.size > MAX_SETTLED) this.settled.clear();
    this.settled.add(key);
  }
}

function parentOf(scope: Scope): Scope {
  return { platform: scope.platform, workspace: scope.workspace, channel: scope.channel };
}
