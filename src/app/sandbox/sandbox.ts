/**
 * Where a conversation's machine runs: every message's machine work (shell lines, reboot,
 * autocomplete) comes through here as one step (src/scope/step.ts), run by the machine pool
 * under the message's budget, inside the store's read → run → compare-and-commit update.
 * The store holds no lock while the step runs, and a step stopped over its budget commits
 * nothing: the conversation's state is exactly what it was before the message. Commands
 * reach it through their context (CommandContext.step); autocomplete through the app.
 */
import type { Clock } from '../../contracts/clock';
import type { Logger } from '../../contracts/logger';
import type { Scope } from '../../contracts/invocation';
import { scopeKey } from '../../contracts/invocation';
import type { Block } from '../../contracts/reply';
import { ModlabError } from '../../contracts/errors';
import type { ScopeStore } from '../../scope/store';
import { keepFor, promptFor } from '../../scope/run-script';
import { runStep, type StepJob, type StepOutcome, type StepResult } from '../../scope/step';
import type { ExerciseSet } from '../../teaching/exercise-set';
import { observeExercise } from '../../teaching/exercises';
import { type MachinePool, type PoolResult, sharedPool } from './pool';
import { seconds } from './seconds';
import type { OffThread } from '../../teaching/off-thread';
import { inlineOffThread } from '../../teaching/heavy-work';
import { poolOffThread } from './off-thread-pool';

export interface SandboxOptions {
  store: ScopeStore;
  logger: Logger;
  hostname: string;
  /** An injected clock (tests): machines then run inline, since a worker process cannot call it; undefined: the system clock. */
  clock: Clock | undefined;
  exercises: ExerciseSet;
  maxDocumentBytes: number;
  /** 'workers' (default with the system clock): the budgeted pool; 'inline' (default with an injected clock): this thread, no budget. */
  mode?: 'workers' | 'inline';
  pool?: MachinePool;
}

/** Thrown out of the store's update so nothing is committed; carries what the user sees. */
class Stopped {
  constructor(readonly blocks: Block[]) {}
}

let appCounter = 0;

export class Sandbox {
  private readonly app = ++appCounter;
  private readonly pool: MachinePool | undefined;
  /** The heavy work besides steps (graph pictures, exercise setups, quiz questions, dashboard dmesg), where the steps run. */
  readonly offThread: OffThread;

  constructor(private readonly options: SandboxOptions) {
    const mode = options.mode ?? (options.clock ? 'inline' : 'workers');
    this.pool = mode === 'inline' ? undefined : options.pool ?? sharedPool();
    this.offThread = this.pool ? poolOffThread(this.pool, options.hostname, options.logger) : inlineOffThread(options.clock ?? Date.now, options.hostname, options.logger);
    // Workers load the machine's code (~0.3 s each) while the adapters connect, not on the first message.
    this.pool?.warm();
  }

  /**
   * Run JOB on SCOPE's machine and commit what it did; over budget, the ^C terminal and a
   * notice naming the limit instead, and nothing committed. Autocomplete writes nothing and
   * gives no suggestions when it fails.
   */
  async run(scope: Scope, job: StepJob): Promise<StepResult> {
    if (job.kind === 'complete') {
      const suggestions = await this.options.store.updateStored(scope, async (stored) => {
        const result = await this.execute(scope, job, stored);
        return { text: undefined, result: result.kind === 'done' && result.outcome.ok ? result.outcome.suggestions ?? [] : [] };
      });
      return { stopped: false, blocks: [], suggestions };
    }
    try {
      const blocks = await this.options.store.updateStored(scope, async (stored) => {
        const outcome = this.settle(await this.execute(scope, job, stored), scope, job);
        return { text: outcome.text, result: outcome.blocks };
      });
      return { stopped: false, blocks, suggestions: [] };
    } catch (error) {
      if (error instanceof Stopped) return { stopped: true, blocks: error.blocks };
      throw error;
    }
  }

  private async execute(scope: Scope, job: StepJob, stored: string | undefined): Promise<PoolResult> {
    const { hostname, maxDocumentBytes, exercises } = this.options;
    if (!this.pool) {
      const started = performance.now();
      const outcome = runStep(stored, job, {
        hostname,
        maxDocumentBytes,
        clock: this.options.clock ?? Date.now,
        afterShell: (state, user, ran, machine) => observeExercise(state, exercises, user, ran, machine),
      });
      return { kind: 'done', outcome, ms: performance.now() - started };
    }
    return this.pool.run({ job, stored, key: scopeKey(scope), hostname, maxDocumentBytes, app: this.app, exercises });
  }

  /** A finished step's outcome, or the error or notice its failure means. */
  private settle(result: PoolResult, scope: Scope, job: Exclude<StepJob, { kind: 'complete' }>): Extract<StepOutcome, { ok: true }> {
    if (result.kind === 'done') {
      if (result.outcome.ok) return result.outcome;
      throw new ModlabError(result.outcome.code, result.outcome.message, result.outcome.cause === undefined ? undefined : new Error(result.outcome.cause));
    }
    const pool = this.pool;
    const why =
      result.limit === 'time' ? `Stopped after ${seconds(pool?.wallMs ?? 0)}: one message may run for at most ${seconds(pool?.wallMs ?? 0)}, so nothing it did was kept.`
      : result.limit === 'memory' ? `Stopped: one message may use at most ${pool?.heapMb ?? 0} MB of memory, so nothing it did was kept.`
      : 'Stopped: the machine failed while running this message, so nothing it did was kept; the error has been logged.';
    this.options.logger[result.limit === 'crash' ? 'error' : 'warn'](why, {
      code: result.limit === 'crash' ? 'internal' : 'over-budget',
      scope: scopeKey(scope),
      user: job.user.id,
      ms: Math.round(result.ms),
      cause: result.cause,
    });
    const lines = job.kind === 'shell' ? job.lines : job.kind === 'save-file' ? [`/edit ${job.name}`] : [`/modlab reboot ${job.cmdline}`.trim()];
    const line = lines[result.line ?? 0] ?? lines[0] ?? '';
    // What a terminal shows after Ctrl-C: the line at its prompt, ^C, and bash's status for SIGINT (128 + 2).
    throw new Stopped([
      { kind: 'terminal', user: job.user.name, prompt: result.prompt ?? promptFor(this.options.hostname), line, output: '^C\n', exitCode: 130, keep: keepFor(line) },
      { kind: 'notice', level: 'warning', text: why },
    ]);
  }
}
