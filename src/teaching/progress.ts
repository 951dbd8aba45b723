/**
 * An exercise running in a conversation: its machine set up, every command observed and
 * credited to who ran it, the goal checked after each message, and the class told once
 * when it is met.
 */
import type { ScopeState } from '../scope/state';
import type { Block } from '../contracts/reply';
import { bootMachine, execLine, openSystem, type MachineOptions, type MachineState } from '../machine/machine';
import type { Exercise } from './exercise';
import { brokenRules, describeGoal, goalParts, isMet, observe, type CommandEvent } from './goal';
import { MAX_CONTRIBUTORS, MAX_CREDITED_LINES, teachingOf, type ExerciseProgress } from './state';

export interface Person {
  id: string;
  name: string;
}

/** A setup line that did not succeed, for the instructor who started the exercise. */
export interface SetupFailure {
  line: string;
  exitCode: number;
  /** Its output's first line. */
  said: string;
}

/** An exercise's machine after its setup lines: what installExercise puts in a conversation. */
export interface SetUpMachine {
  machine: MachineState;
  failures: SetupFailure[];
}

/**
 * The exercise's own machine — FROM (the workspace's snapshot the exercise names, resumed)
 * or a fresh boot with CMDLINE — with its setup lines run. The heavy part of starting an
 * exercise: it runs off the main thread (off-thread.ts). The setup's output is no student's
 * command: it goes to no history and no reply; what failed is returned.
 */
export function setUpMachine(commands: readonly string[], options: MachineOptions, cmdline: string, from?: MachineState): SetUpMachine {
  const machine = from ? structuredClone(from) : bootMachine(options, cmdline);
  const failures: SetupFailure[] = [];
  for (const line of commands) {
    const result = execLine(machine, line, options);
    if (result.exitCode !== 0) failures.push({ line, exitCode: result.exitCode, said: result.output.split('\n')[0] ?? '' });
  }
  return { machine, failures };
}

/**
 * Give STATE the exercise's machine SET (setUpMachine's) and fresh progress. SET is copied:
 * a store update may run this again on a newer document after a conflict.
 */
export function installExercise(state: ScopeState, exercise: Exercise, set: SetUpMachine, startedBy: string, now: number): SetupFailure[] {
  state.machine = structuredClone(set.machine);
  state.history = [];
  // A fresh machine ends every login (as /modlab reboot does).
  delete state.sessions;
  const teaching = teachingOf(state);
  teaching.exercise = {
    id: exercise.id,
    title: exercise.title,
    startedAt: now,
    startedBy,
    hintsShown: 0,
    memory: { met: [], broken: [] },
    contributions: [],
  };
  return set.failures;
}

function credit(progress: ExerciseProgress, who: Person, line: string): void {
  let entry = progress.contributions.find((c) => c.userId === who.id);
  if (!entry) {
    if (progress.contributions.length >= MAX_CONTRIBUTORS) return;
    entry = { userId: who.id, name: who.name, lines: [], count: 0 };
    progress.contributions.push(entry);
  }
  entry.name = who.name;
  entry.count += 1;
  if (entry.lines.length < MAX_CREDITED_LINES) entry.lines.push(line);
}

/** Everyone who contributed, with their commands: "alice (rmmod mod_a, rmmod mod_b), bob (lsmod)". */
export function credits(progress: ExerciseProgress): string {
  if (progress.contributions.length === 0) return 'nobody ran a command';
  return progress.contributions
    .map((c) => {
      const more = c.count > c.lines.length ? `, … ${c.count - c.lines.length} more` : '';
      return `${c.name} (${c.lines.map((l) => `\`${l}\``).join(', ')}${more})`;
    })
    .join(', ');
}

/**
 * Record EVENTS (one message's commands, by WHO) towards the exercise running in STATE,
 * then check its goal. Returns the notices to add to the reply: a broken rule (once), and
 * the announcement with the credits when the goal is met (once).
 */
export function observeCommands(state: ScopeState, exercise: Exercise, who: Person, events: readonly CommandEvent[], options: MachineOptions, now: number): Block[] {
  const progress = teachingOf(state).exercise;
  if (!progress || progress.id !== exercise.id || progress.solvedAt !== undefined || progress.stoppedAt !== undefined) return [];
  for (const event of events) {
    observe(exercise.goal, event, progress.memory);
    credit(progress, who, event.line);
  }
  const blocks: Block[] = [];
  const broken = brokenRules(exercise.goal, progress.memory);
  if (broken.length > 0 && !progress.warnedBroken) {
    progress.warnedBroken = true;
    blocks.push({
      kind: 'notice',
      level: 'warning',
      text: `This exercise asks that ${broken.map(describeGoal).join(' and ')}, so this attempt can no longer count. Start it again from the beginning with /exercise restart.`,
    });
  }
  const sys = openSystem(state.machine, options, state.history);
  if (isMet(exercise.goal, sys, progress.memory)) {
    progress.solvedAt = now;
    blocks.push({ kind: 'notice', level: 'success', text: `Exercise solved: ${exercise.title}. Well done, ${credits(progress)}.` });
    if (exercise.success) blocks.push({ kind: 'text', text: exercise.success });
  }
  return blocks;
}

/** The checklist of a goal's parts on STATE's machine: "[x] module mod_b is not loaded". */
export function checklist(state: ScopeState, exercise: Exercise, options: MachineOptions): string[] {
  const progress = teachingOf(state).exercise;
  const memory = progress?.memory ?? { met: [], broken: [] };
  const sys = openSystem(state.machine, options, state.history);
  return goalParts(exercise.goal).map(({ path, goal }) => `[${isMet(goal, sys, memory, path) ? 'x' : ' '}] ${describeGoal(goal)}`);
}

export function isSolvedNow(state: ScopeState, exercise: Exercise, options: MachineOptions): boolean {
  const memory = teachingOf(state).exercise?.memory ?? { met: [], broken: [] };
  return isMet(exercise.goal, openSystem(state.machine, options, state.history), memory);
}
