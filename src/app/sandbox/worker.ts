/**
/**
 * A machine worker process: runs one step (src/scope/step.ts, with the exercise check of
 * src/teaching after shell lines) at a time for the pool. The pool kills it when a step
 * outlives its wall-clock budget, and V8 ends it when it outgrows its heap budget
 * (--max-old-space-size); either way the bot's process goes on. Time is this process's own
 * clock (the system's), which is what a bot runs with.
 */
import type { ExerciseSet } from '../../teaching/exercise-set';
import { runStep } from '../../scope/step';
import { observeExercise } from '../../teaching/exercises';
import type { JobMessage, WorkerMessage } from './protocol';

const exerciseSets = new Map<number, ExerciseSet>();

function send(message: WorkerMessage): void {
  process.send?.(message);
}

if (!process.send) throw new Error('src/app/sandbox/worker.js runs only as the machine pool\'s worker (an IPC channel)');

process.on('message', (message: JobMessage) => {
  if (message.exercises) exerciseSets.set(message.app, message.exercises);
  const exercises = exerciseSets.get(message.app) ?? { exercises: [], problems: [] };
  const outcome = runStep(message.stored, message.job, {
    hostname: message.hostname,
    clock: Date.now,
    maxDocumentBytes: message.maxDocumentBytes,
    afterShell: (state, user, ran, machine) => observeExercise(state, exercises, user, ran, machine),
    onLine: (index, prompt) => send({ type: 'line', id: message.id, index, prompt }),
  });
  send({ type: 'done', id: message.id, outcome });
});

// The bot's process is gone: so is its worker.
process.on('disconnect', () => process.exit(0));

send({ type: 'ready' });
