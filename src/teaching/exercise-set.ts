/**
 * The exercises a bot offers: the built-in ones, then the instructors' own. A file with
 * problems is left out and its problems are kept, so /exercise list can show them and the
 * log names them; every other file still loads.
 */
import type { Exercise } from './exercise';
import { checkExercise, parseExerciseFile, type ExerciseProblem } from './exercise-file';

export interface ExerciseSet {
  exercises: Exercise[];
  problems: ExerciseProblem[];
}

export interface ExerciseSources {
  builtin: ReadonlyArray<{ file: string; doc: unknown }>;
  custom?: ReadonlyArray<{ file: string; text: string }>;
}

export function buildExerciseSet(sources: ExerciseSources): ExerciseSet {
  const set: ExerciseSet = { exercises: [], problems: [] };
  const add = (parsed: ReturnType<typeof checkExercise>, file: string): void => {
    if (!parsed.ok) {
      set.problems.push(...parsed.problems);
      return;
    }
    const clash = set.exercises.find((e) => e.id === parsed.exercise.id);
    if (clash) {
      set.problems.push({ file, field: 'id', problem: `"${parsed.exercise.id}" is already the id of ${clash.source === 'built-in' ? 'a built-in exercise' : clash.source}; choose another` });
      return;
    }
    set.exercises.push(parsed.exercise);
  };
  for (const { file, doc } of sources.builtin) add(checkExercise(file, doc, 'built-in'), file);
  for (const { file, text } of sources.custom ?? []) add(parseExerciseFile(file, text), file);
  return set;
}

export function findExercise(set: ExerciseSet, id: string): Exercise | undefined {
  const wanted = id.trim().toLowerCase();
  return set.exercises.find((e) => e.id === wanted);
}
