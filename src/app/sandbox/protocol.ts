/** The messages between the machine pool (main thread) and its workers. */
import type { ExerciseSet } from '../../teaching/exercise-set';
import type { StepJob, StepOutcome } from '../../scope/step';

/** Main → worker: run JOB on STORED. */
export interface JobMessage {
  type: 'job';
  id: number;
  job: StepJob;
  stored: string | undefined;
  hostname: string;
  maxDocumentBytes: number;
  /** Which app's exercise set to use; EXERCISES comes along the first time a worker sees APP. */
  app: number;
  exercises?: ExerciseSet;
}

/** Worker → main. */
export type WorkerMessage =
  | { type: 'ready' }
  /** The job's shell line INDEX starts, at PROMPT. */
  | { type: 'line'; id: number; index: number; prompt: string }
  | { type: 'done'; id: number; outcome: StepOutcome };

