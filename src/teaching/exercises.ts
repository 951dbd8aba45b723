/**
 * /exercise: a task for the class on a machine of its own, checked after every shell
 * message (observeExercise). Starting one opens a new conversation for it: a thread on Discord and
 * Slack (exercise-threads.ts), a named conversation on the console.
 */
import type { Clock } from '../contracts/clock';
import { scopeKey, type Invocation, type Scope, type User } from '../contracts/invocation';
import type { Block, Reply } from '../contracts/reply';
import { noticeReply, textReply } from '../contracts/reply';
import type { ScopeStore } from '../scope/store';
import type { ScopeState } from '../scope/state';
import type { RanLine } from '../scope/run-script';
import type { MachineOptions } from '../machine/machine';
import type { Exercise } from './exercise';
import { findExercise, type ExerciseSet } from './exercise-set';
import { formatProblem } from './exercise-file';
import { checklist, credits, observeCommands } from './progress';
import { teachingOf } from './state';
import type { ExerciseThreads } from './exercise-threads';
import { setupWarning } from './exercise-start';
import { startingMachine } from './exercise-start';
import type { Announcer } from '../contracts/announcer';
import { conversationName } from '../scope/conversations';

/** How many exercise conversations opened from a console conversation it remembers. */
const MAX_OPENED_LISTED = 10;

export interface ExercisesOptions {
  store: ScopeStore;
  clock: Clock;
  machine: MachineOptions & { hostname: string };
  exercises: ExerciseSet;
  threads: ExerciseThreads;
  /** Who posts in another conversation (an instructor's reset from elsewhere tells its class). */
  announcerFor?: (scope: Scope) => Announcer | undefined;
}

/**
 * After a message's shell lines ran in STATE (inside its machine step, src/scope/step.ts):
 * check them against the running exercise of SET. Pure apart from STATE, so it runs wherever
 * the machine ran (a worker process of src/app's pool).
 */
export function observeExercise(state: ScopeState, set: ExerciseSet, user: User, ran: readonly RanLine[], machine: MachineOptions & { hostname: string }): Block[] {
  const progress = teachingOf(state).exercise;
  if (!progress || progress.solvedAt !== undefined || progress.stoppedAt !== undefined) return [];
  const exercise = findExercise(set, progress.id);
  if (!exercise) return [];
  const events = ran.map(({ block, klog }) => ({ line: block.line, exitCode: block.exitCode, output: block.output, klog: [...klog] }));
  return observeCommands(state, exercise, user, events, machine, machine.clock());
}

export class Exercises {
  constructor(private readonly options: ExercisesOptions) {}

  private get set(): ExerciseSet {
    return this.options.exercises;
  }

  list(invocation: Invocation): Reply {
    const lines = ['Exercises (an instructor starts one with /exercise start NAME):'];
    for (const e of this.set.exercises) lines.push(`  ${e.id.padEnd(26)} ${e.title}${e.source === 'built-in' ? '' : ` [${e.source}]`}`);
    if (this.set.problems.length > 0 && invocation.user.roles.includes('instructor')) {
      lines.push('Exercise files that could not be loaded:');
      for (const p of this.set.problems) lines.push(`  ${formatProblem(p)}`);
    }
    return textReply(lines.join('\n'), 'user');
  }

  async start(invocation: Invocation, name: string): Promise<Reply> {
    const exercise = findExercise(this.set, name);
    if (!exercise) {
      return noticeReply('error', name.trim() === '' ? 'Which one? /exercise start NAME (see /exercise list).' : `No exercise named "${name.trim()}". See /exercise list.`);
    }
    const { scope, user } = invocation;
    if (scope.platform === 'console') {
      // The console has no threads: a new conversation, named so that :in can reach it.
      const target = await this.options.store.update(scope, (s): Scope => {
        const t = teachingOf(s);
        t.opened = (t.opened ?? 0) + 1;
        const channel = `${exercise.id}-${t.opened}`;
        t.openedHere = [...(t.openedHere ?? []), channel].slice(-MAX_OPENED_LISTED);
        return { platform: scope.platform, workspace: scope.workspace, channel };
      });
      const installed = await this.options.threads.installFresh(target, exercise, user.name);
      if (!installed.ok) return noticeReply('error', installed.why);
      return {
        blocks: [
          { kind: 'notice', level: 'success', text: `${user.name} opened the exercise "${exercise.title}" in the conversation ${target.channel}. Switch to it with :in ${target.channel}` },
          ...optional(setupWarning(installed.failures)),
          ...taskBlocks(exercise, scope.platform),
        ],
        visibility: 'channel',
      };
    }
    if (scope.thread) {
      // Already in a thread (a Discord thread cannot hold another): the exercise takes this one.
      const installed = await this.options.threads.installFresh(scope, exercise, user.name);
      if (!installed.ok) return noticeReply('error', installed.why);
      return {
        blocks: [{ kind: 'notice', level: 'success', text: `${user.name} started the exercise here, on ${machineWords(exercise)}.` }, ...optional(setupWarning(installed.failures)), ...taskBlocks(exercise, scope.platform)],
        visibility: 'channel',
      };
    }
    // Its snapshot must exist before a thread is opened for it.
    const start = await startingMachine(this.options.store, scope, exercise, this.options.clock());
    if (!start.ok) return noticeReply('error', start.why);
    const claim = await this.options.threads.leavePending(scope, exercise, user.name);
    return {
      blocks: [
        { kind: 'notice', level: 'success', text: `${user.name} started the exercise "${exercise.title}". It runs in this thread, on a machine of its own.` },
        ...taskBlocks(exercise, scope.platform),
      ],
      visibility: 'channel',
      openThread: { name: `Exercise: ${exercise.title}`.slice(0, 100), claim },
    };
  }

  async hint(invocation: Invocation): Promise<Reply> {
    await this.options.threads.prepare(invocation.scope);
    const result = await this.options.store.update(invocation.scope, (s) => {
      const progress = teachingOf(s).exercise;
      if (!progress) return undefined;
      const exercise = findExercise(this.set, progress.id);
      if (!exercise) return undefined;
      if (exercise.hints.length === 0) return { text: 'This exercise has no hints.', n: 0, of: 0 };
      const n = Math.min(progress.hintsShown + 1, exercise.hints.length);
      progress.hintsShown = Math.max(progress.hintsShown, n);
      return { text: exercise.hints[n - 1] ?? '', n, of: exercise.hints.length };
    });
    if (!result) return noExercise(invocation.scope);
    const head = result.of ? `Hint ${result.n} of ${result.of} (asked by ${invocation.user.name}): ` : '';
    return textReply(`${head}${result.text}`, 'channel');
  }

  async status(invocation: Invocation): Promise<Reply> {
    await this.options.threads.prepare(invocation.scope);
    const state = await this.options.store.read(invocation.scope);
    const t = teachingOf(state);
    const progress = t.exercise;
    const exercise = progress && findExercise(this.set, progress.id);
    if (!progress || !exercise) {
      const pending = (t.pending ?? []).map((p) => p.id);
      const reply = noExercise(invocation.scope, state);
      if (pending.length) reply.blocks.push({ kind: 'text', text: `Waiting for their thread's first message: ${pending.join(', ')}.` });
      return reply;
    }
    const how = progress.solvedAt !== undefined ? 'solved' : progress.stoppedAt !== undefined ? 'stopped' : 'in progress';
    const lines = [
      `Exercise: ${exercise.title} (${exercise.id}), ${how}; started by ${progress.startedBy}.`,
      exercise.task,
      'Goal:',
      ...checklist(state, exercise, this.options.machine).map((l) => `  ${l}`),
      `Hints shown: ${progress.hintsShown} of ${exercise.hints.length}.`,
      `Contributors: ${credits(progress)}.`,
    ];
    return textReply(lines.join('\n'), 'user');
  }

  /**
   * The exercise of TARGET (default: the invocation's conversation) again from its start: its
   * starting machine (snapshot, setup) and fresh progress — hints, contributions, rules. The
   * class may restart an attempt in progress; once it is solved or stopped only an
   * instructor may (FORCE: /exercise reset), so a finished record is not lost by accident.
   */
  async restart(invocation: Invocation, force: boolean, target: Scope = invocation.scope): Promise<Reply> {
    const { user } = invocation;
    const here = scopeKey(target) === scopeKey(invocation.scope);
    if (here) await this.options.threads.prepare(target);
    const state = await this.options.store.read(target);
    const progress = teachingOf(state).exercise;
    if (!progress) return here ? noExercise(target, state) : noticeReply('info', `No exercise runs in ${conversationName(target)}.`);
    const exercise = findExercise(this.set, progress.id);
    if (!exercise) return noticeReply('error', `The exercise "${progress.id}" is no longer offered by this bot (its file was removed); start another with /exercise start NAME.`);
    if (!force && (progress.solvedAt !== undefined || progress.stoppedAt !== undefined)) {
      return noticeReply('info', `This exercise is ${progress.solvedAt !== undefined ? 'solved' : 'stopped'}; only an instructor can start it again (/exercise reset).`);
    }
    const installed = await this.options.threads.installFresh(target, exercise, progress.startedBy, { restarts: (progress.restarts ?? 0) + 1, restartedBy: user.name });
    if (!installed.ok) return noticeReply('error', installed.why);
    const said: Reply = {
      blocks: [
        { kind: 'notice', level: 'success', text: `${user.name} ${force ? 'reset' : 'restarted'} the exercise "${exercise.title}": ${machineWords(exercise)} again, hints and contributions back to none.` },
        ...optional(setupWarning(installed.failures)),
        ...taskBlocks(exercise, target.platform),
      ],
      visibility: 'channel',
    };
    if (here) return said;
    // Reset from another conversation: its class is told there, the instructor here.
    let posted = false;
    const announcer = this.options.announcerFor?.(target);
    if (announcer) posted = await announcer.post(target, said).then(() => true, () => false);
    return noticeReply('success', `Reset the exercise "${exercise.title}" in ${conversationName(target)}${posted ? ' (its class was told there)' : ''}.`);
  }

  async stop(invocation: Invocation): Promise<Reply> {
    const now = this.options.clock();
    const progress = await this.options.store.update(invocation.scope, (s) => {
      const p = teachingOf(s).exercise;
      if (!p || p.stoppedAt !== undefined) return undefined;
      p.stoppedAt = now;
      return { ...p };
    });
    if (!progress) return noExercise(invocation.scope);
    const outcome = progress.solvedAt !== undefined ? 'It was solved' : 'It was not solved';
    return noticeReply('info', `${invocation.user.name} stopped the exercise "${progress.title}". ${outcome}; contributors: ${credits(progress)}. The machine stays as it is.`, 'channel');
  }
}

function optional<T>(item: T | undefined): T[] {
  return item === undefined ? [] : [item];
}

function machineWords(exercise: Exercise): string {
  return exercise.snapshot ? `a machine started from the snapshot ${exercise.snapshot}` : 'a freshly booted machine';
}

function taskBlocks(exercise: Exercise, platform: Scope['platform']): Block[] {
  // Slack runs no slash commands in threads: there the class talks to the bot by mention.
  const how = platform === 'slack' ? '@Modlab exercise hint gives a hint, @Modlab exercise status shows what is done.' : '/exercise hint gives a hint, /exercise status shows what is done.';
  return [
    { kind: 'notice', level: 'info', text: `Exercise: ${exercise.title}` },
    { kind: 'text', text: `${exercise.task}\n\nEveryone here shares this machine. ${how}` },
  ];
}

function noExercise(scope: Scope, state?: ScopeState): Reply {
  const where = scope.platform === 'console' ? 'conversation (/exercise start opens a new one; switch with :in)' : 'conversation (exercises run in their own thread)';
  const reply = noticeReply('info', `No exercise is running in this ${where}. See /exercise list.`);
  // An instructor back in the lab after /exercise start: say where the exercises went.
  const opened = state ? teachingOf(state).openedHere ?? [] : [];
  if (opened.length > 0) reply.blocks.push({ kind: 'text', text: `Exercises opened from here: ${opened.join(', ')} (switch with :in NAME).` });
  return reply;
}
