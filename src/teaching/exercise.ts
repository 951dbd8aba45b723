/**
 * An exercise: a task for the class on a machine of its own, with a goal the bot checks
 * after every command. Built-in ones live in exercises/*.json; instructors add their own
 * in the folder MODLAB_EXERCISES names. Both use the format README-teaching.md documents.
 */
import type { Goal } from './goal';

export interface ExerciseSetup {
  /** Extra kernel command line for the exercise's machine, e.g. "module.sig_enforce=1". */
  cmdline?: string;
  /** Shell lines run on the fresh machine before the class arrives (not in history). */
  commands?: string[];
}

/** Setup lines an exercise file may hold ("setup": [...] or "setup": {"commands": [...]}). */
export const MAX_SETUP_LINES = 50;

export interface Exercise {
  /** Lowercase words joined by "-", unique: what /exercise start takes. */
  id: string;
  title: string;
  /** A quiz topic or any word, for the list. */
  topic?: string;
  /** What the class is asked to do (shown when it starts and by /exercise status). */
  task: string;
  /** Shown one at a time by /exercise hint. */
  hints: string[];
  setup: ExerciseSetup;
  /**
   * The workspace's saved snapshot (/modlab snapshot save NAME) the exercise's machine starts
   * from instead of a fresh boot; its setup lines run on it. Looked up when the exercise starts.
   */
  snapshot?: string;
  goal: Goal;
  /** What the bot adds when the goal is met: the lesson. */
  success?: string;
  /** A scripted solution (one shell line per entry); the tests run it. */
  solution?: string[];
  /** Where it came from: "built-in" or the file name. */
  source: string;
}
