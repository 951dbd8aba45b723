/**
 * What /exercise and /quiz may ask of the teaching features, bound to one invocation
 * (given to commands through CommandContext.teaching).
 */
import type { Block, Reply } from '../contracts/reply';
import type { RanLine } from '../scope/run-script';
import type { ScopeState } from '../scope/state';

export interface QuizRequest {
  /** A topic (lsmod, deps, taint …) or a template id; any when absent. */
  topic?: string;
  /** Time to answer, seconds. */
  seconds?: number;
  /** Reproduce a question. */
  seed?: number;
}

export interface TeachingActions {
  listExercises(): Reply;
  startExercise(name: string): Promise<Reply>;
  hint(): Promise<Reply>;
  exerciseStatus(): Promise<Reply>;
  stopExercise(): Promise<Reply>;
  ask(request: QuizRequest): Promise<Reply>;
  reveal(): Promise<Reply>;
  scores(): Promise<Reply>;
  quizTopics(): Reply;
  /**
   * After a message's shell lines ran in STATE (inside its store update): check them against
   * the running exercise.
   */
  observe(state: ScopeState, ran: readonly RanLine[]): Block[];
}
