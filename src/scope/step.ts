/**
 * One message's machine work as a pure function: (stored document text, job, environment)
 * → (new stored text, blocks). It runs in a worker process under the message's budget
 * (src/app/sandbox), or inline where no budget is wanted; either way it is the same function,
 * so what a message does never depends on where it ran. It opens and closes the document by
 * the rules ScopeStore.update follows (document.ts), in the same order, so the clock is read
 * exactly as often as there.
 */
import type { Clock } from '../contracts/clock';
import type { User } from '../contracts/invocation';
import type { Block, TerminalBlock } from '../contracts/reply';
import type { Completion } from '../contracts/command';
import { isModlabError, type ModlabErrorCode } from '../contracts/errors';
import { MAX_BLOCK_OUTPUT_CHARS } from '../contracts/budget';
import { TEXTS } from '../contracts/texts';
import { bootMachine, openSystem, type MachineOptions, type MachineState } from '../machine/machine';
import { openEnvelope } from '../store/envelope';
import { documentTooBig } from '../store/optimistic';
import type { ScopeState } from './state';
import { closeStateText, openState, type DocumentRules } from './document';
import { debianBase, type SharedBase } from './stored';
import { freshScopeState } from './fresh';
import { completions } from './completion';
import { runScript, type LineListener, type RanLine } from './run-script';
import { saveFileOf } from './edit-file';

export type StepJob =
  | { kind: 'shell'; lines: string[]; user: User }
  /** MACHINE: start from this one (a snapshot resumed) instead of booting with CMDLINE. */
  | { kind: 'reboot'; cmdline: string; user: User; machine?: MachineState }
  /** `/edit NAME`'s save: CONTENT into PATH (absolute, where NAME was found when opened), unless it changed since VERSION. */
  | { kind: 'save-file'; name: string; path: string; content: string; version?: string; user: User }
  /** Read only: suggestions from the machine (nothing is written). */
  | { kind: 'complete'; source: Completion; prefix: string; limit: number };

/** What the step's caller adds to the machine's own work: the exercise check after shell lines (src/teaching). */
export type AfterShell = (state: ScopeState, user: User, ran: readonly RanLine[], machine: MachineOptions & { hostname: string }) => Block[];

export interface StepEnv {
  hostname: string;
  clock: Clock;
  maxDocumentBytes: number;
  afterShell?: AfterShell;
  /** Hears each shell line before it runs. */
  onLine?: LineListener;
  /** The read-only data a stored document refers to (default: Debian 12's boot log). */
  base?: SharedBase;
}

export type StepOutcome =
  | { ok: true; text: string | undefined; blocks: Block[]; suggestions?: string[] }
  /** A coded failure (state-damaged, over-budget) or a bug ('internal', CAUSE for the log). */
  | { ok: false; code: ModlabErrorCode; message: string; cause?: string };

/** What a command gets back from its step: its blocks, or, over budget, what the user sees instead (nothing was committed). */
export type StepResult =
  | { stopped: false; blocks: Block[]; suggestions: string[] }
  | { stopped: true; blocks: Block[] };

/**
 * Runs a message's step on the invocation's scope under the message's budget, inside one
 * update of its document (src/app's machine pool implements it; commands get it in their
 * context). Coded failures (a damaged document, the document bound) reject as ModlabErrors.
 */
export type StepRunner = (job: StepJob) => Promise<StepResult>;

export function runStep(stored: string | undefined, job: StepJob, env: StepEnv): StepOutcome {
  return runStepOn({ stored }, job, env).outcome;
}

/**
 * Where a step starts: the stored text, or the state a previous step of this process left
 * for exactly that text (the worker's warm state: src/app/sandbox/warm-states.ts), which
 * spares parsing and unpacking it again. OPEN is changed in place.
 */
export type StepSource = { stored: string | undefined } | { open: ScopeState };

/** What runStepOn gives back: the outcome, and after a shell line or a reboot that succeeded, the state its text stands for. */
export interface SteppedState {
  outcome: StepOutcome;
  /** The state `outcome.text` was sealed from (undefined after a failure or a completion). */
  state?: ScopeState;
}

export function runStepOn(source: StepSource, job: StepJob, env: StepEnv): SteppedState {
  try {
    return step(source, job, env);
  } catch (error) {
    if (isModlabError(error)) return { outcome: { ok: false, code: error.code, message: error.userMessage, cause: describeCause(error.cause) } };
    return { outcome: { ok: false, code: 'internal', message: TEXTS.failed, cause: describeCause(error) } };
  }
}

function step(source: StepSource, job: StepJob, env: StepEnv): SteppedState {
  const machine = { clock: env.clock, hostname: env.hostname };
  const rules: DocumentRules = { boot: () => freshScopeState(machine), clock: env.clock, base: env.base ?? debianBase };
  const open = (): ScopeState => ('open' in source ? source.open : openState(openEnvelope(source.stored), rules));
  if (job.kind === 'complete') {
    const state = open();
    return { outcome: { ok: true, text: undefined, blocks: [], suggestions: completions(openSystem(state.machine, machine, state.history), job.source, job.prefix, job.limit) } };
  }
  let state: ScopeState;
  let blocks: Block[] = [];
  if (job.kind === 'reboot') {
    // A damaged document is what a reboot is for: it starts from a fresh one (reset, then reboot).
    try {
      state = open();
    } catch (error) {
      if (!isModlabError(error, 'state-damaged')) throw error;
      state = rules.boot();
    }
    state.machine = job.machine ?? bootMachine(machine, job.cmdline);
    // A reboot ends every login.
    delete state.sessions;
    state.history.push({ user: job.user.name, line: `/modlab reboot${job.cmdline ? ' ' + job.cmdline : ''}`, at: env.clock(), status: 0 });
  } else if (job.kind === 'save-file') {
    state = open();
    const saved = saveFileOf(state, job.user, job, machine);
    // A refused save changed nothing: no exercise hears it.
    blocks = [saved.block, ...(saved.ran ? env.afterShell?.(state, job.user, [saved.ran], machine) ?? [] : [])];
  } else {
    state = open();
    const ran = runScript(state, job.lines, job.user, machine, undefined, env.onLine);
    const taught = env.afterShell?.(state, job.user, ran, machine) ?? [];
    blocks = [...ran.map((r) => boundOutput(r.block)), ...taught];
  }
  const text = closeStateText(state, rules);
  // Checked here too, so a huge document is never copied back to the main thread.
  if (text.length > env.maxDocumentBytes / 3) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > env.maxDocumentBytes) throw documentTooBig(bytes, env.maxDocumentBytes);
  }
  return { outcome: { ok: true, text, blocks }, state };
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
