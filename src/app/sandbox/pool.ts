/**
 * A small pool of machine workers, sized to the cores: each step runs in a worker process
 * with a V8 heap limit (--max-old-space-size), and a worker still busy when the step's
 * wall-clock budget runs out is killed, which stops even code that never yields
 * (`while :; do :; done`, a catastrophic regex, a huge string). A killed or crashed worker
 * is replaced; the bot's process and every other conversation go on. The heavy work a
 * message needs besides its step (drawing the module graph, an exercise's setup, a quiz
 * question, the dashboard's dmesg: src/teaching/off-thread.ts) runs here the same way,
 * queued with the steps, under its own kind's budget (OFF_THREAD_WALL_MS), behind them
 * (queue-order.ts).
 *
 * Processes, not worker threads: a worker thread's resourceLimits do not always end the
 * thread alone. A string that outgrows the heap in one allocation (x=$x$x, flattened) can
 * make V8 fail with "Reached heap limit" inside a GC, which aborts the whole process
 * (seen here with a 48 MB heap: the test process died with SIGABRT). A process dies alone.
 *
 * Our own pool rather than piscina (threads only): we need a kill per task with the line it
 * stopped on, and scope affinity: a worker keeps the states of the conversations it ran
 * last, and a free worker takes a queued step of a conversation it keeps before any other,
 * so most steps start from a parsed state instead of the text (affinity.ts). One pool serves
 * the whole process (`sharedPool`), whatever number of apps it runs; idle workers are
 * unref'd so they never keep the process alive.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ExerciseSet } from '../../teaching/exercise-set';
import { MESSAGE_WALL_MS, OFF_THREAD_WALL_MS, POOL_MIN_WORKERS, WORKER_HEAP_MB, WORKER_YOUNG_MB, WORK_QUEUE_PATIENCE_MS } from '../../contracts/budget';
import type { StepJob, StepOutcome } from '../../scope/step';
import type { Work, WorkKind, Worked } from '../../teaching/off-thread';
import type { JobMessage, WorkMessage, WorkerMessage } from './protocol';
import { Affinity } from './affinity';
import { nextTask } from './queue-order';

export interface PoolOptions {
  /** Workers (default: one per core, at least POOL_MIN_WORKERS, so another works while a stopped one is replaced). */
  size?: number;
  /** Wall-clock budget of one step, ms. */
  wallMs?: number;
  /** Heap budget of one worker, MB. */
  heapMb?: number;
  /** Wall-clock budget of each kind of heavy work, ms (default OFF_THREAD_WALL_MS). */
  workWallMs?: Partial<Record<WorkKind, number>>;
}

/** What one job needs beyond the step itself. */
export interface PoolJob {
  job: StepJob;
  stored: string | undefined;
  /** The conversation (scope key): its worker may keep its state for the next step. Undefined: nothing kept. */
  key?: string;
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

/** What heavy work (src/teaching/off-thread.ts) gives back from the pool. */
export type WorkResult =
  | { kind: 'done'; worked: Worked; ms: number }
  /** The work threw in its worker (the worker goes on). */
  | { kind: 'failed'; cause: string; ms: number }
  | { kind: 'stopped'; limit: 'time' | 'memory' | 'crash'; ms: number; cause?: string };

/** A queued or running step or piece of heavy work. */
type Task = StepTask | WorkTask;

interface WorkTask extends Running {
  kind: 'work';
  work: Work;
  resolve: (result: WorkResult) => void;
}

interface StepTask extends Running {
  kind: 'step';
  request: PoolJob;
  resolve: (result: PoolResult) => void;
  line?: number;
  prompt?: string;
  /** The message as sent, for a resend with the text after a miss. */
  message?: JobMessage;
}

/** What every task has while it waits and runs. */
interface Running {
  id: number;
  /** performance.now() when it was queued (queue-order.ts). */
  queuedAt: number;
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
  readonly workWallMs: Record<WorkKind, number>;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Which worker keeps which conversation's state (scope affinity). */
  readonly affinity = new Affinity<Slot>();
  /** Counters for /metrics and the report (warm: steps started from a kept state; misses: a worker had lost one). */
  readonly stats = { jobs: 0, works: 0, stoppedTime: 0, stoppedMemory: 0, crashed: 0, spawned: 0, warm: 0, misses: 0 };

  constructor(options: PoolOptions = {}) {
    this.size = Math.max(1, options.size ?? defaultPoolSize());
    this.wallMs = options.wallMs ?? MESSAGE_WALL_MS;
    this.heapMb = options.heapMb ?? WORKER_HEAP_MB;
    this.workWallMs = { ...OFF_THREAD_WALL_MS, ...options.workWallMs };
  }

  run(request: PoolJob): Promise<PoolResult> {
    if (this.closed) return Promise.resolve({ kind: 'stopped', limit: 'crash', line: undefined, ms: 0, cause: 'the machine pool is closed' });
    return new Promise((resolve) => {
      this.queue.push({ kind: 'step', id: this.nextId++, queuedAt: performance.now(), request, resolve });
      this.dispatch();
    });
  }

  /** Run heavy work (render, setup, question, dmesg) in a worker under its kind's budget, queued with the steps. */
  perform(work: Work): Promise<WorkResult> {
    if (this.closed) return Promise.resolve({ kind: 'stopped', limit: 'crash', ms: 0, cause: 'the machine pool is closed' });
    return new Promise((resolve) => {
      this.queue.push({ kind: 'work', id: this.nextId++, queuedAt: performance.now(), work, resolve });
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
      this.awaitLoading();
      await new Promise<void>((resolve) => this.readyWaiters.push(resolve));
      this.warm(this.size);
    }
  }

  /** End every worker; queued and running jobs end as 'crash'. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) settle(task, 'crash', 'the machine pool closed');
    await Promise.all(this.slots.splice(0).map((slot) => this.retire(slot, 'crash', 'the machine pool closed')));
  }

  /** The process ids of the live workers (the bench reads their CPU time). */
  workerPids(): number[] {
    return this.slots.flatMap((slot) => (slot.dead || slot.worker.pid === undefined ? [] : [slot.worker.pid]));
  }

  /** Someone waits for the workers still loading: they keep the process alive until they are ready. */
  private awaitLoading(): void {
    for (const slot of this.slots) if (!slot.ready && !slot.dead) busy(slot.worker);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      // Only a loaded worker takes a job: the wall-clock budget is the step's, not the worker's boot.
      const free = this.slots.filter((s) => !s.task && !s.dead && s.ready);
      if (free.length === 0) {
        if (this.slots.length < this.size) this.spawn();
        this.awaitLoading();
        return;
      }
      const working = this.slots.filter((s) => s.task?.kind === 'work').length;
      const next = nextTask(this.queue, {
        now: performance.now(),
        workMayStart: working < Math.max(1, this.size - 1),
        patienceMs: WORK_QUEUE_PATIENCE_MS,
        keeper: (index) => {
          const task = this.queue[index];
          const holder = task?.kind === 'step' ? this.holder(task.request) : undefined;
          return holder && free.includes(holder) ? holder : undefined;
        },
      });
      // Only heavy work is queued, and it may not take the worker kept for steps: it starts when other work ends.
      if (!next) return;
      const [task] = this.queue.splice(next.index, 1);
      if (task) this.start(next.slot ?? (free[0] as Slot), task);
    }
  }

  /** The worker that keeps the state REQUEST's step may start from. */
  private holder(request: PoolJob | undefined): Slot | undefined {
    if (request?.key === undefined || request.job.kind === 'complete') return undefined;
    return this.affinity.holder(request.key, request.stored);
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
    // Busy workers keep the process alive (a caller awaits them); idle ones do not.
    busy(slot.worker);
    if (task.kind === 'work') {
      const wallMs = this.workWallMs[task.work.kind];
      task.timer = setTimeout(() => void this.retire(slot, 'time', `${task.work.kind} over ${wallMs} ms`), wallMs);
      const message: WorkMessage = { type: 'work', id: task.id, work: task.work };
      slot.worker.send(message);
      return;
    }
    const { request } = task;
    const warm = this.holder(request) === slot;
    const message: JobMessage = {
      type: 'job',
      id: task.id,
      job: request.job,
      // A warm step needs no text: the worker keeps the state it stands for.
      stored: warm ? undefined : request.stored,
      hostname: request.hostname,
      maxDocumentBytes: request.maxDocumentBytes,
      app: request.app,
    };
    if (request.key !== undefined) message.key = request.key;
    if (warm) {
      message.warm = true;
      this.stats.warm++;
    }
    const evict = this.affinity.takeEvictions(slot);
    if (evict) message.evict = evict;
    if (!slot.apps.has(request.app)) {
      message.exercises = request.exercises;
      slot.apps.add(request.app);
    }
    task.message = message;
    task.timer = setTimeout(() => void this.retire(slot, 'time', `over ${this.wallMs} ms`), this.wallMs);
    slot.worker.send(message);
  }

  private heard(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true;
      idle(slot.worker);
      for (const waiter of this.readyWaiters.splice(0)) waiter();
      this.dispatch();
      return;
    }
    const task = slot.task;
    if (!task || message.id !== task.id) return;
    if (task.kind === 'work') {
      if (message.type !== 'worked' && message.type !== 'work-failed') return;
      this.finishWork(slot, task, message.type === 'worked' ? { kind: 'done', worked: message.worked, ms: elapsed(task) } : { kind: 'failed', cause: message.cause, ms: elapsed(task) });
      idle(slot.worker);
      this.dispatch();
      return;
    }
    if (message.type === 'worked' || message.type === 'work-failed') return;
    if (message.type === 'line') {
      task.line = message.index;
      task.prompt = message.prompt;
    } else if (message.type === 'miss') {
      // The worker lost the state (it should not happen): the same job again, with the text.
      this.stats.misses++;
      const { key, stored } = task.request;
      if (key !== undefined) this.affinity.ran(key, slot, false, undefined);
      if (task.message) slot.worker.send({ ...task.message, stored, warm: false });
    } else {
      if (message.cleared) this.affinity.dropSlot(slot);
      const { key, job } = task.request;
      if (key !== undefined && job.kind !== 'complete') this.affinity.ran(key, slot, message.kept, message.outcome.ok ? message.outcome.text : undefined);
      this.finish(slot, task, { kind: 'done', outcome: message.outcome, ms: elapsed(task) });
      idle(slot.worker);
      this.dispatch();
    }
  }

  private finish(slot: Slot, task: StepTask, result: PoolResult): void {
    clearTimeout(task.timer);
    if (slot.task === task) slot.task = undefined;
    this.stats.jobs++;
    task.resolve(result);
  }

  private finishWork(slot: Slot, task: WorkTask, result: WorkResult): void {
    clearTimeout(task.timer);
    if (slot.task === task) slot.task = undefined;
    this.stats.works++;
    task.resolve(result);
  }

  /** Take SLOT out of the pool (over budget, out of memory, crashed), answer its task, replace it. */
  private async retire(slot: Slot, limit: 'time' | 'memory' | 'crash', cause: string): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    this.affinity.dropSlot(slot);
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    const task = slot.task;
    if (task) {
      if (limit === 'time') this.stats.stoppedTime++;
      else if (limit === 'memory') this.stats.stoppedMemory++;
      else this.stats.crashed++;
      if (task.kind === 'step') this.finish(slot, task, { kind: 'stopped', limit, line: task.line, prompt: task.prompt, ms: elapsed(task), cause });
      else this.finishWork(slot, task, { kind: 'stopped', limit, ms: elapsed(task), cause });
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
  // The stderr pipe too: a ref'd pipe kept a finished bench's process waiting for workers that wait for it.
  (worker.stderr as { unref?: () => void } | null)?.unref?.();
}

function busy(worker: ChildProcess): void {
  worker.ref();
  (worker.channel as { ref?: () => void } | undefined)?.ref?.();
}

/** TASK ends unrun: the pool closed. */
function settle(task: Task, limit: 'crash', cause: string): void {
  if (task.kind === 'step') task.resolve({ kind: 'stopped', limit, line: undefined, ms: 0, cause });
  else task.resolve({ kind: 'stopped', limit, ms: 0, cause });
}

function elapsed(task: Running): number {
  return task.started === undefined ? 0 : performance.now() - task.started;
}

/** Workers of a pool whose size is not configured: one per core, at least POOL_MIN_WORKERS. */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(POOL_MIN_WORKERS, cores);
}

let shared: MachinePool | undefined;

/** The process's pool, created on first use. */
export function sharedPool(): MachinePool {
  shared ??= new MachinePool();
  return shared;
}
