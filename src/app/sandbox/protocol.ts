/** The messages between the machine pool (main thread) and its workers. */
import type { ExerciseSet } from '../../teaching/exercise-set';
import type { StepJob, StepOutcome } from '../../scope/step';
import type { Work, Worked } from '../../teaching/off-thread';

/** Main → worker: run JOB on STORED, or on the state the worker keeps for KEY (WARM; affinity.ts). */
export interface JobMessage {
  type: 'job';
  id: number;
  job: StepJob;
  /** The stored text; left out when WARM. */
  stored: string | undefined;
  /** The conversation, so the worker may keep its state; undefined: keep nothing. */
  key?: string;
  warm?: boolean;
  /** Conversations whose kept states the worker drops first. */
  evict?: string[];
  hostname: string;
  maxDocumentBytes: number;
  /** Which app's exercise set to use; EXERCISES comes along the first time a worker sees APP. */
  app: number;
  exercises?: ExerciseSet;
}

/** Main → worker: heavy work besides a step (src/teaching/off-thread.ts): render, setup, question, dmesg. */
export interface WorkMessage {
  type: 'work';
  id: number;
  work: Work;
}

/** Worker → main. */
export type WorkerMessage =
  | { type: 'ready' }
  /** The job's shell line INDEX starts, at PROMPT (not sent for a first line at the home directory's prompt, which the pool assumes). */
  | { type: 'line'; id: number; index: number; prompt: string }
  /** KEPT: the worker keeps the state after the step for the job's key; CLEARED: it dropped every state it kept (heap). */
  | { type: 'done'; id: number; outcome: StepOutcome; kept: boolean; cleared?: boolean }
  /** The job came WARM but the worker keeps no state for its key: send it again with the text. */
  | { type: 'miss'; id: number }
  /** The work's result: rendered, set-up, asked, read. */
  | { type: 'worked'; id: number; worked: Worked }
  /** The work threw (the worker goes on); CAUSE for the log. */
  | { type: 'work-failed'; id: number; cause: string };
