/**
 * One message's machine work as a pure function: (stored document text, job, environment)
 * → (new stored text, blocks). It runs in a worker thread under the message's budget
 * (pool.ts), or inline where no budget is wanted; either way it is the same function, so
 * what a message does never depends on where it ran. It owns everything ScopeStore.update
 * does around a change (boot or migrate, bounded history, updatedAt, the size bound), in
 * the same order, so the clock is read exactly as often as before.
 */
import type { Clock } from '../../kernel/clock';
import type { User } from '../invocation';
import type { Block, TerminalBlock } from '../reply';
import { isModlabError, type ModlabErrorCode } from '../errors';
import type { Completion } from '../../../commands/command';
import type { ExerciseSet } from '../../teaching/exercise-set';
import { observeShell } from '../../teaching/after-shell';
import { bootMachine, openSystem } from '../../machine/machine';
import { type ScopeState, HISTORY_LIMIT, boundHistory, migrate } from '../../store/scope-state';
import { openEnvelope, sealEnvelope } from '../../store/envelope';
import { documentTooBig } from '../../store/optimistic';
import { freshScopeState } from '../fresh-state';
import { completions } from '../completion';
import { runScript } from '../session';
import { MAX_BLOCK_OUTPUT_CHARS } from '../budget';

export type StepJob =
  | { kind: 'shell'; lines: string[]; user: User }
  | { kind: 'reboot'; cmdline: string; user: User }
  /** Read only: suggestions from the machine (nothing is written). */
  | { kind: 'complete'; source: Completion; prefix: string; limit: number };

export interface StepEnv {
  hostname: string;
  clock: Clock;
  exercises: ExerciseSet;
  maxDocumentBytes: number;
  /** Hears the index of each shell line before it runs. */
  onLine?: (index: number) => void;
}

export type StepOutcome =
  | { ok: true; text: string | undefined; blocks: Block[]; suggestions?: string[] }
  /** A coded failure (state-damaged, over-budget) or a bug ('internal', CAUSE for the log). */
  | { ok: false; code: ModlabErrorCode; message: string; cause?: string };

export function runStep(stored: string | undefined, job: StepJob, env: StepEnv): StepOutcome {
  try {
    return step(stored, job, env);
  } catch (error) {
    if (isModlabError(error)) return { ok: false, code: error.code, message: error.userMessage, cause: describeCause(error.cause) };
    return { ok: false, code: 'internal', message: 'Something went wrong inside Modlab; the error has been logged.', cause: describeCause(error) };
  }
}

function step(stored: string | undefined, job: StepJob, env: StepEnv): StepOutcome {
  const machine = { clock: env.clock, hostname: env.hostname };
  if (job.kind === 'complete') {
    const state = open(stored, env);
    return { ok: true, text: undefined, blocks: [], suggestions: completions(openSystem(state.machine, machine, state.history), job.source, job.prefix, job.limit) };
  }
  let state: ScopeState;
  let blocks: Block[] = [];
  if (job.kind === 'reboot') {
    // A damaged document is what a reboot is for: it starts from a fresh one (reset, then reboot).
    try {
      state = open(stored, env);
    } catch (error) {
      if (!isModlabError(error, 'state-damaged')) throw error;
      state = freshScopeState(machine);
    }
    state.machine = bootMachine(machine, job.cmdline);
    state.history.push({ user: job.user.name, line: `/modlab reboot${job.cmdline ? ' ' + job.cmdline : ''}`, at: env.clock(), status: 0 });
  } else {
    state = open(stored, env);
    const klogFrom = state.machine.kernel.printk.nextSeq;
    const ran = runScript(state, job.lines, job.user, machine, HISTORY_LIMIT, env.onLine);
    const taught = observeShell(state, env.exercises, machine, env.clock(), job.user, ran, klogFrom);
    blocks = [...ran.map(boundOutput), ...taught];
  }
  boundHistory(state);
  state.updatedAt = env.clock();
  const text = sealEnvelope(state);
  // Checked here too, so a huge document is never copied back to the main thread.
  if (text.length > env.maxDocumentBytes / 3) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > env.maxDocumentBytes) throw documentTooBig(bytes, env.maxDocumentBytes);
  }
  return { ok: true, text, blocks };
}

/** ScopeStore.open's rule: no document is a freshly booted machine; an old one is migrated. */
function open(stored: string | undefined, env: StepEnv): ScopeState {
  const raw = openEnvelope(stored);
  return raw === undefined ? freshScopeState({ clock: env.clock, hostname: env.hostname }) : migrate(raw, env.clock());
}

/** A terminal block's output within MAX_BLOCK_OUTPUT_CHARS, cut on the side its `keep` gives up. */
export function boundOutput(block: TerminalBlock): TerminalBlock {
  const max = MAX_BLOCK_OUTPUT_CHARS;
  const out = block.output;
  if (out.length <= max) return block;
  const cut = out.length - max;
  const marker = `[… ${cut} characters of output not shown]\n`;
  const output = block.keep === 'end' ? marker + out.slice(cut) : out.slice(0, max) + '\n' + marker;
  return { ...block, output };
}

function describeCause(cause: unknown): string | undefined {
  if (cause === undefined) return undefined;
  return cause instanceof Error ? cause.stack ?? cause.message : String(cause);
}
