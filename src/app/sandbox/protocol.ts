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
  /** 'system': the worker reads Date.now(); 'bridge': it asks the main thread's clock (an injected one). */
  clock: 'system' | 'bridge';
}

/** Worker → main. */
export type WorkerMessage =
  | { type: 'ready' }
  /** The job's shell line INDEX starts, at PROMPT. */
  | { type: 'line'; id: number; index: number; prompt: string }
  /** The worker waits (Atomics.wait on its clock buffer) until the main thread writes the time. */
  | { type: 'clock'; id: number }
  | { type: 'done'; id: number; outcome: StepOutcome };

/** Layout of a worker's clock buffer: Int32 flag at 0 (1 = time written), Float64 time at 8. */
export const CLOCK_BUFFER_BYTES = 16;
/** How long a worker waits for the main thread's clock before it reads its own, ms. */
export const CLOCK_WAIT_MS = 1000;
