/**
 * What /exercise and /quiz may ask of the teaching features, bound to one invocation
 * (given to commands through CommandContext.teaching).
 */
import type { Reply } from '../contracts/reply';
import type { Scope } from '../contracts/invocation';

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
  /** This conversation's exercise again from its start (refused once solved or stopped). */
  restartExercise(): Promise<Reply>;
  /** An instructor's restart, whatever the state, of TARGET's exercise (default: this conversation's). */
  resetExercise(target?: Scope): Promise<Reply>;
  ask(request: QuizRequest): Promise<Reply>;
  reveal(): Promise<Reply>;
  scores(): Promise<Reply>;
  quizTopics(): Reply;
}
