/**
 * The exercise check after a message's shell lines ran: a pure function of the scope's
 * state, so it can run wherever the machine ran (a worker thread, src/app/sandbox).
 */
import type { User } from '../app/invocation';
import type { Block, TerminalBlock } from '../app/reply';
import type { ScopeState } from '../store/scope-state';
import type { MachineOptions } from '../machine/machine';
import { findExercise, type ExerciseSet } from './exercise-set';
import { observeCommands } from './progress';
import { teachingOf } from './state';

/** Observe BLOCKS (the lines just run in STATE) for the running exercise; the blocks it adds. */
export function observeShell(
  state: ScopeState,
  exercises: ExerciseSet,
  machine: MachineOptions & { hostname: string },
  now: number,
  user: User,
  blocks: readonly TerminalBlock[],
  klogFromSeq: number,
): Block[] {
  const progress = teachingOf(state).exercise;
  if (!progress || progress.solvedAt !== undefined || progress.stoppedAt !== undefined) return [];
  const exercise = findExercise(exercises, progress.id);
  if (!exercise) return [];
  const klog = state.machine.kernel.printk.records.filter((r) => r.seq >= klogFromSeq).map((r) => r.text);
  const events = blocks.map((b, i) => ({ line: b.line, exitCode: b.exitCode, output: b.output, klog: i === blocks.length - 1 ? klog : [] }));
  return observeCommands(state, exercise, user, events, machine, now);
}
