/**
 * A machine worker: runs one step (src/scope/step.ts, with the exercise check of
 * src/teaching after shell lines) at a time for the pool. The pool ends it
 * (Worker.terminate) when a step outlives its wall-clock budget, and V8 ends it when it
 * outgrows its heap budget (resourceLimits); either way the main thread goes on.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../../contracts/clock';
import type { ExerciseSet } from '../../teaching/exercise-set';
import { runStep } from '../../scope/step';
import { observeExercise } from '../../teaching/exercises';
import { CLOCK_WAIT_MS, type JobMessage, type WorkerMessage } from './protocol';

const port = parentPort;
if (!port) throw new Error('src/app/sandbox/worker.js runs only as a worker thread');

const buffer = (workerData as { clockBuffer: SharedArrayBuffer }).clockBuffer;
const flag = new Int32Array(buffer, 0, 1);
const time = new Float64Array(buffer, 8, 1);
const exerciseSets = new Map<number, ExerciseSet>();

function send(message: WorkerMessage): void {
  port?.postMessage(message);
}

/** The main thread's clock, read synchronously: ask, then sleep until it has written the time. */
function bridgeClock(id: number): Clock {
  return () => {
    Atomics.store(flag, 0, 0);
    send({ type: 'clock', id });
    if (Atomics.wait(flag, 0, 0, CLOCK_WAIT_MS) === 'timed-out') return Date.now();
    return time[0] ?? Date.now();
  };
}

port.on('message', (message: JobMessage) => {
  if (message.exercises) exerciseSets.set(message.app, message.exercises);
  const exercises = exerciseSets.get(message.app) ?? { exercises: [], problems: [] };
  const outcome = runStep(message.stored, message.job, {
    hostname: message.hostname,
    clock: message.clock === 'bridge' ? bridgeClock(message.id) : Date.now,
    maxDocumentBytes: message.maxDocumentBytes,
    afterShell: (state, user, ran, machine) => observeExercise(state, exercises, user, ran, machine),
    onLine: (index, prompt) => send({ type: 'line', id: message.id, index, prompt }),
  });
  send({ type: 'done', id: message.id, outcome });
});

send({ type: 'ready' });
