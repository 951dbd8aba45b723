/**
 * What /exercise and /quiz may ask of the teaching features, bound to one invocation
 * (given to commands through CommandContext.teaching).
 */
import type { Reply } from '../contracts/reply';

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
}
