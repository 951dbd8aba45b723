/**
 * A machine worker process: runs one step (src/scope/step.ts, with the exercise check of
 * src/teaching after shell lines) at a time for the pool. The pool kills it when a step
 * outlives its wall-clock budget, and V8 ends it when it outgrows its heap budget
 * (--max-old-space-size); either way the bot's process goes on. Time is this process's own
 * clock (the system's), which is what a bot runs with. Between messages it keeps the states
 * of the conversations it ran last (warm-states.ts), as the pool directs. It also does the
 * heavy work besides steps (src/teaching/heavy-work.ts), one piece at a time, in between.
 */
import { getHeapStatistics } from 'node:v8';
import type { ExerciseSet } from '../../teaching/exercise-set';
import { observeExercise } from '../../teaching/exercises';
import { promptFor } from '../../scope/run-script';
import { WARM_HEAP_SHARE } from '../../contracts/budget';
import { Workbench } from '../../teaching/heavy-work';
import type { JobMessage, WorkMessage, WorkerMessage } from './protocol';
import { WarmStates } from './warm-states';

const exerciseSets = new Map<number, ExerciseSet>();
const warm = new WarmStates();
/** Heavy work besides steps, on this process's own clock; it keeps the quiz scratch machines' boots. */
const bench = new Workbench(Date.now);
/** Heap in use past which the kept states go (a share of this worker's --max-old-space-size). */
const heapCeiling = getHeapStatistics().heap_size_limit * WARM_HEAP_SHARE;

function send(message: WorkerMessage): void {
  process.send?.(message);
}

if (!process.send) throw new Error('src/app/sandbox/worker.js runs only as the machine pool\'s worker (an IPC channel)');

process.on('message', (message: JobMessage | WorkMessage) => {
  if (message.type === 'work') return void work(message);
  if (message.exercises) exerciseSets.set(message.app, message.exercises);
  const exercises = exerciseSets.get(message.app) ?? { exercises: [], problems: [] };
  const home = promptFor(message.hostname);
  const result = warm.run(message, {
    hostname: message.hostname,
    clock: Date.now,
    maxDocumentBytes: message.maxDocumentBytes,
    afterShell: (state, user, ran, machine) => observeExercise(state, exercises, user, ran, machine),
    // The pool assumes the first line at the home prompt; every other line says where it is.
    onLine: (index, prompt) => {
      if (index > 0 || prompt !== home) send({ type: 'line', id: message.id, index, prompt });
    },
  });
  if (result.kind === 'miss') return send({ type: 'miss', id: message.id });
  let cleared = false;
  if (warm.size > 0 && getHeapStatistics().used_heap_size > heapCeiling) {
    warm.clear();
    cleared = true;
  }
  send({ type: 'done', id: message.id, outcome: result.outcome, kept: result.kept && !cleared, ...(cleared ? { cleared } : {}) });
});

/** Heavy work: its result, or why it threw (the worker goes on; the pool's timer ends what never returns). */
function work(message: WorkMessage): void {
  bench.perform(message.work).then(
    (worked) => send({ type: 'worked', id: message.id, worked }),
    (error: unknown) => send({ type: 'work-failed', id: message.id, cause: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
}

// The bot's process is gone: so is its worker.
process.on('disconnect', () => process.exit(0));

send({ type: 'ready' });
