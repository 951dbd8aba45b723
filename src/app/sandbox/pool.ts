/**
 * A small pool of machine workers (node:worker_threads), sized to the cores: each step runs
 * in a worker with a V8 heap limit (resourceLimits), and a worker still busy when the
 * step's wall-clock budget runs out is terminated, which stops even code that never
 * yields (`while :; do :; done`, a catastrophic regex, a huge string). A terminated or
 * crashed worker is replaced; the main thread and every other conversation go on.
 *
 * Our own pool rather than piscina: we need termination per task with the line it stopped
 * on, a synchronous clock bridge for injected clocks, and nothing else; ~200 lines.
 * One pool serves the whole process (`sharedPool`), whatever number of apps it runs (tests
 * make many); idle workers are unref'd so they never keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../contracts/clock';
import type { ExerciseSet } from '../../teaching/exercise-set';
import { MESSAGE_WALL_MS, WORKER_HEAP_MB, WORKER_STACK_MB, WORKER_YOUNG_MB } from '../../contracts/budget';
import type { StepJob, StepOutcome } from '../../scope/step';
import { CLOCK_BUFFER_BYTES, type JobMessage, type WorkerMessage } from './protocol';

export interface PoolOptions {
  /** Workers (default: the cores plus one, at least 3: see POOL_SIZE). */
  size?: number;
  /** Wall-clock budget of one step, ms. */
  wallMs?: number;
  /** Heap budget of one worker, MB. */
  heapMb?: number;
}

/** What one job needs beyond the step itself. */
export interface PoolJob {
  job: StepJob;
  stored: string | undefined;
  hostname: string;
  maxDocumentBytes: number;
  /** Identifies the exercise set (one per app). */
  app: number;
  exercises: ExerciseSet;
  /** undefined: the system clock (read in the worker); else this clock, asked across threads. */
  clock: Clock | undefined;
}

export type PoolResult =
  | { kind: 'done'; outcome: StepOutcome; ms: number }
  /** The step was stopped: over its time or memory budget, or its worker died. LINE: the shell line it was on, PROMPT: that line's. */
  | { kind: 'stopped'; limit: 'time' | 'memory' | 'crash'; line: number | undefined; prompt?: string; ms: number; cause?: string };

interface Task {
  id: number;
  request: PoolJob;
  resolve: (result: PoolResult) => void;
  line?: number;
  prompt?: string;
  started?: number;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  flag: Int32Array;
  time: Float64Array;
  apps: Set<number>;
  task?: Task;
  dead: boolean;
  /** The worker has loaded the machine's code and said so. */
  ready: boolean;
}

export class MachinePool {
  readonly size: number;
  readonly wallMs: number;
  readonly heapMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Counters for /metrics and the report. */
  readonly stats = { jobs: 0, stoppedTime: 0, stoppedMemory: 0, crashed: 0, spawned: 0 };

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.max(3, availableParallelism() + 1));
    this.wallMs = options.wallMs ?? MESSAGE_WALL_MS;
    this.heapMb = options.heapMb ?? WORKER_HEAP_MB;
  }

  run(request: PoolJob): Promise<PoolResult> {
    if (this.closed) return Promise.resolve({ kind: 'stopped', limit: 'crash', line: undefined, ms: 0, cause: 'the machine pool is closed' });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, request, resolve });
      this.dispatch();
    });
  }

  /** Start as many workers as the pool may have (optional: they also start on first use). */
  warm(): void {
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  private readonly readyWaiters: Array<() => void> = [];

  /** Resolves when the pool has all its workers started and loaded (after warm(), or a replacement). */
  async ready(): Promise<void> {
    this.warm();
    while (!this.closed && (this.slots.length < this.size || this.slots.some((s) => !s.ready))) {
      await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
      this.warm();
    }
  }

  /** End every worker; queued and running jobs end as 'crash'. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.resolve({ kind: 'stopped', limit: 'crash', line: undefined, ms: 0, cause: 'the machine pool closed' });
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot, 'crash', 'the machine pool closed')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      // Only a loaded worker takes a job: the wall-clock budget is the step's, not the worker's boot.
      const slot = this.slots.find((s) => !s.task && !s.dead && s.ready);
      if (!slot) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      const task = this.queue.shift();
      if (task) this.start(slot, task);
    }
  }

  private spawn(): Slot {
    const buffer = new SharedArrayBuffer(CLOCK_BUFFER_BYTES);
    const worker = new Worker(join(__dirname, 'worker.js'), {
      workerData: { clockBuffer: buffer },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB, stackSizeMb: WORKER_STACK_MB },
    });
    const slot: Slot = { worker, flag: new Int32Array(buffer, 0, 1), time: new Float64Array(buffer, 8, 1), apps: new Set(), dead: false, ready: false };
    this.stats.spawned++;
    worker.unref();
    worker.on('message', (message: WorkerMessage) => this.heard(slot, message));
    worker.on('error', (error: Error & { code?: string }) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      void this.retire(slot, memory ? 'memory' : 'crash', error.stack ?? error.message);
    });
    worker.on('exit', (code) => void this.retire(slot, 'crash', `worker exited with code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    task.started = performance.now();
    const { request } = task;
    const message: JobMessage = {
      type: 'job',
      id: task.id,
      job: request.job,
      stored: request.stored,
      hostname: request.hostname,
      maxDocumentBytes: request.maxDocumentBytes,
      app: request.app,
      clock: request.clock ? 'bridge' : 'system',
    };
    if (!slot.apps.has(request.app)) {
      message.exercises = request.exercises;
      slot.apps.add(request.app);
    }
    // Busy workers keep the process alive (a caller awaits them); idle ones do not.
    slot.worker.ref();
    task.timer = setTimeout(() => void this.retire(slot, 'time', `over ${this.wallMs} ms`), this.wallMs);
    slot.worker.postMessage(message);
  }

  private heard(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true;
      for (const waiter of this.readyWaiters.splice(0)) waiter();
      this.dispatch();
      return;
    }
    const task = slot.task;
    if (!task || message.id !== task.id) return;
    if (message.type === 'line') {
      task.line = message.index;
      task.prompt = message.prompt;
    } else if (message.type === 'clock') {
      slot.time[0] = task.request.clock?.() ?? Date.now();
      Atomics.store(slot.flag, 0, 1);
      Atomics.notify(slot.flag, 0);
    } else {
      this.finish(slot, task, { kind: 'done', outcome: message.outcome, ms: elapsed(task) });
      slot.worker.unref();
      this.dispatch();
    }
  }

  private finish(slot: Slot, task: Task, result: PoolResult): void {
    clearTimeout(task.timer);
    if (slot.task === task) slot.task = undefined;
    this.stats.jobs++;
    task.resolve(result);
  }

  /** Take SLOT out of the pool (over budget, out of memory, crashed), answer its task, replace it. */
  private async retire(slot: Slot, limit: 'time' | 'memory' | 'crash', cause: string): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    const task = slot.task;
    if (task) {
      if (limit === 'time') this.stats.stoppedTime++;
      else if (limit === 'memory') this.stats.stoppedMemory++;
      else this.stats.crashed++;
      this.finish(slot, task, { kind: 'stopped', limit, line: task.line, prompt: task.prompt, ms: elapsed(task), cause });
    }
    // A replacement starts now, so the next message does not wait for a worker to boot.
    if (!this.closed && task) this.spawn();
    this.dispatch();
    await slot.worker.terminate().catch(() => undefined);
  }
}

function elapsed(task: Task): number {
  return task.started === undefined ? 0 : performance.now() - task.started;
}

let shared: MachinePool | undefined;

/** The process's pool, created on first use. */
export function sharedPool(): MachinePool {
  shared ??= new MachinePool();
  return shared;
}
