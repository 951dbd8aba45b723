/**
 * Where a conversation's machine runs: every message's machine work (shell lines, reboot,
 * autocomplete) goes through here, as one step (step.ts) run by the machine pool under the
 * message's budget, inside the store's read → run → compare-and-commit update. The store
 * holds no lock while the step runs, and a step stopped over its budget commits nothing:
 * the conversation's state is exactly what it was before the message.
 */
import type { Clock } from '../../kernel/clock';
import type { Logger } from '../logger';
import type { Scope, User } from '../invocation';
import { scopeKey } from '../invocation';
import type { Reply, Block } from '../reply';
import { isModlabError, ModlabError } from '../errors';
import type { ScopeStore } from '../../store/scope-store';
import type { ExerciseSet } from '../../teaching/exercise-set';
import type { Completion } from '../../../commands/command';
import { keepFor, promptFor } from '../session';
import { runStep, type StepJob, type StepOutcome } from './step';
import { type MachinePool, type PoolResult, sharedPool } from './pool';

export interface SandboxOptions {
  store: ScopeStore;
  logger: Logger;
  hostname: string;
  /** An injected clock (tests): machines then run inline, since a worker process cannot call it; undefined: the system clock. */
  clock: Clock | undefined;
  exercises: () => ExerciseSet;
  maxDocumentBytes: number;
  /** 'workers' (default with the system clock): the budgeted pool; 'inline' (default with an injected clock): this thread, no budget. */
  mode?: 'workers' | 'inline';
  pool?: MachinePool;
}

/** Thrown out of the store's update so nothing is committed; carries what the user sees. */
class Stopped {
  constructor(readonly reply: Reply) {}
}

let appCounter = 0;

export class Sandbox {
  private readonly app = ++appCounter;
  private readonly pool: MachinePool | undefined;

  constructor(private readonly options: SandboxOptions) {
    const mode = options.mode ?? (options.clock ? 'inline' : 'workers');
    this.pool = mode === 'inline' ? undefined : options.pool ?? sharedPool();
    // Workers load the machine's code (~0.3 s each) while the adapters connect, not on the first message.
    this.pool?.warm();
  }

  /** Run LINES (one message) on the scope's machine; the reply shows each line's terminal. */
  async shell(scope: Scope, lines: string[], user: User): Promise<Reply> {
    try {
      const blocks = await this.options.store.updateStored(scope, async (stored) => {
        const outcome = this.settle(await this.execute({ kind: 'shell', lines, user }, stored), scope, lines, user);
        return { text: outcome.text, result: outcome.blocks };
      });
      return { blocks, visibility: 'channel' };
    } catch (error) {
      if (error instanceof Stopped) return error.reply;
      throw error;
    }
  }

  /** Replace the scope's machine by a freshly booted one (a damaged document too). */
  async reboot(scope: Scope, cmdline: string, user: User): Promise<Reply | undefined> {
    const reboot = (): Promise<void> => this.options.store.updateStored(scope, async (stored) => {
      const outcome = this.settle(await this.execute({ kind: 'reboot', cmdline, user }, stored), scope, [`/modlab reboot ${cmdline}`.trim()], user);
      return { text: outcome.text, result: undefined };
    });
    try {
      try {
        await reboot();
      } catch (error) {
        // A document the store itself cannot read (bytes that are not text): replace it unread, then reboot.
        if (!isModlabError(error, 'state-damaged')) throw error;
        await this.options.store.reset(scope);
        await reboot();
      }
      return undefined;
    } catch (error) {
      if (error instanceof Stopped) return error.reply;
      throw error;
    }
  }

  /** Autocomplete from the scope's machine; nothing is written. */
  async complete(scope: Scope, source: Completion, prefix: string, limit: number): Promise<string[]> {
    return this.options.store.updateStored(scope, async (stored) => {
      const result = await this.execute({ kind: 'complete', source, prefix, limit }, stored);
      const suggestions = result.kind === 'done' && result.outcome.ok ? result.outcome.suggestions ?? [] : [];
      return { text: undefined, result: suggestions };
    });
  }

  private async execute(job: StepJob, stored: string | undefined): Promise<PoolResult> {
    const { hostname, maxDocumentBytes } = this.options;
    if (!this.pool) {
      const started = performance.now();
      const outcome = runStep(stored, job, { hostname, maxDocumentBytes, clock: this.options.clock ?? Date.now, exercises: this.options.exercises() });
      return { kind: 'done', outcome, ms: performance.now() - started };
    }
    return this.pool.run({ job, stored, hostname, maxDocumentBytes, app: this.app, exercises: this.options.exercises() });
  }

  /** A finished step's outcome, or the error or notice its failure means. */
  private settle(result: PoolResult, scope: Scope, lines: string[], user: User): Extract<StepOutcome, { ok: true }> {
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
      user: user.id,
      ms: Math.round(result.ms),
      cause: result.cause,
    });
    const line = lines[result.line ?? 0] ?? lines[0] ?? '';
    // What a terminal shows after Ctrl-C: the line, ^C, and bash's status for SIGINT (128 + 2).
    const blocks: Block[] = [
      { kind: 'terminal', user: user.name, prompt: promptFor(this.options.hostname), line, output: '^C\n', exitCode: 130, keep: keepFor(line) },
      { kind: 'notice', level: 'warning', text: why },
    ];
    throw new Stopped({ blocks, visibility: 'channel' });
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
