/**
 * Where an exercise's machine starts: a fresh boot, or the workspace's snapshot its file
 * names (`"snapshot": "week3"`), resumed as /modlab reboot NAME resumes it. A snapshot is
 * looked up when the exercise starts (and at each restart), so an instructor who saves it
 * again changes what the next team starts from, not what a running team has.
 */
import type { Scope } from '../contracts/invocation';
import type { NoticeBlock } from '../contracts/reply';
import type { ScopeStore } from '../scope/store';
import type { MachineState } from '../machine/machine';
import { loadSnapshot, resumeSnapshot } from '../scope/snapshots';
import type { Exercise } from './exercise';
import type { SetupFailure } from './progress';

export type StartingMachine = { ok: true; machine?: MachineState } | { ok: false; why: string };

/** The machine EXERCISE starts from in SCOPE's workspace (none: a fresh boot), or why it cannot start. */
export async function startingMachine(store: ScopeStore, scope: Scope, exercise: Exercise, now: number): Promise<StartingMachine> {
  if (exercise.snapshot === undefined) return { ok: true };
  const snapshot = await loadSnapshot(store, scope, exercise.snapshot);
  if (!snapshot) return { ok: false, why: missingSnapshot(exercise) };
  return { ok: true, machine: resumeSnapshot(snapshot, now) };
}

export function missingSnapshot(exercise: Exercise): string {
  const name = exercise.snapshot ?? '';
  return `The exercise "${exercise.id}" starts from the snapshot ${name}, which this workspace does not have. Save it first: set a machine up, then /modlab snapshot save ${name} (see /modlab snapshot list).`;
}

/** What the instructor is told when setup lines failed (the class sees no setup output). */
export function setupWarning(failures: readonly SetupFailure[]): NoticeBlock | undefined {
  if (failures.length === 0) return undefined;
  const lines = failures.map((f) => `\`${f.line}\` exited ${f.exitCode}${f.said ? `: ${f.said}` : ''}`);
  return { kind: 'notice', level: 'warning', text: `Setup line${failures.length > 1 ? 's' : ''} of this exercise failed: ${lines.join('; ')}` };
}
