/**
 * A small pool of machine workers, sized to the cores: each step runs in a worker process
 * with a V8 heap limit (--max-old-space-size), and a worker still busy when the step's
 * wall-clock budget runs out is killed, which stops even code that never yields
 * (`while :; do :; done`, a catastrophic regex, a huge string). A killed or crashed worker
 * is replaced; the bot's process and every other conversation go on.
 *
 * Processes, not worker threads: a worker thread's resourceLimits do not always end the
 * thread alone. A string that outgrows the heap in one allocation (x=$x$x, flattened) can
 * make V8 fail with "Reached heap limit" inside a GC, which aborts the whole process
 * (seen here with a 48 MB heap: the test process died with SIGABRT). A process dies alone.
 *
 * Our own pool rather than piscina (threads only): we need a kill per task with the line it
 * stopped on, and nothing else. One pool serves the whole process (`sharedPool`), whatever
 * number of apps it runs; idle workers are unref'd so they never keep the process alive.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ExerciseSet } from '../../teaching/exercise-set';
import { MESSAGE_WALL_MS, WORKER_HEAP_MB, WORKER_YOUNG_MB } from '../../contracts/budget';
import type { StepJob, StepOutcome } from '../../scope/step';
import type { JobMessage, WorkerMessage } from './protocol';

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
  worker: ChildProcess;
  /** The end of what the worker wrote to stderr (V8's out-of-memory report), for the log. */
  stderr: string;
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

  /**
   * Start COUNT workers now (default: two, one to work and a spare for when it is stopped);
   * the others start when messages come in at once. Optional: workers also start on first use.
   */
  warm(count = Math.min(2, this.size)): void {
    while (!this.closed && this.slots.length < Math.min(count, this.size)) this.spawn();
  }

  private readonly readyWaiters: Array<() => void> = [];

  /** Starts every worker the pool may have; resolves when all are loaded. */
  async ready(): Promise<void> {
    this.warm(this.size);
    while (!this.closed && (this.slots.length < this.size || this.slots.some((s) => !s.ready))) {
      await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
      this.warm(this.size);
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
    const worker = fork(join(__dirname, 'worker.js'), [], {
      execArgv: [`--max-old-space-size=${this.heapMb}`, `--max-semi-space-size=${Math.max(1, Math.floor(WORKER_YOUNG_MB / 3))}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = { worker, stderr: '', apps: new Set(), dead: false, ready: false };
    this.stats.spawned++;
    worker.stderr?.setEncoding('utf8');
    worker.stderr?.on('data', (chunk: string) => (slot.stderr = (slot.stderr + chunk).slice(-2000)));
    idle(worker);
    worker.on('message', (message: WorkerMessage) => this.heard(slot, message));
    worker.on('error', (error: Error) => void this.retire(slot, 'crash', error.stack ?? error.message));
    worker.on('exit', (code, signal) => {
      // V8 out of memory aborts (SIGABRT) after "Reached heap limit … JavaScript heap out of memory".
      const memory = signal === 'SIGABRT' || /heap out of memory|Reached heap limit/.test(slot.stderr);
      void this.retire(slot, memory ? 'memory' : 'crash', `worker exited (code ${code}, signal ${signal}) ${slot.stderr.slice(-300)}`);
    });
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
    };
    if (!slot.apps.has(request.app)) {
      message.exercises = request.exercises;
      slot.apps.add(request.app);
    }
    // Busy workers keep the process alive (a caller awaits them); idle ones do not.
    busy(slot.worker);
    task.timer = setTimeout(() => void this.retire(slot, 'time', `over ${this.wallMs} ms`), this.wallMs);
    slot.worker.send(message);
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
    } else {
      this.finish(slot, task, { kind: 'done', outcome: message.outcome, ms: elapsed(task) });
      idle(slot.worker);
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
    slot.worker.kill('SIGKILL');
  }
}

/** An idle worker does not keep the bot's process alive. */
function idle(worker: ChildProcess): void {
  worker.unref();
  (worker.channel as { unref?: () => void } | undefined)?.unref?.();
}

function busy(worker: ChildProcess): void {
  worker.ref();
  (worker.channel as { ref?: () => void } | undefined)?.ref?.();
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
