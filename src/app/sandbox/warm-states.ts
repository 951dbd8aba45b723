/**
 * The states a machine worker keeps between messages (its side of scope affinity): after a
 * conversation's step, the worker keeps the ScopeState it sealed into the new text, so the
 * conversation's next step on this worker starts from it instead of parsing and unpacking
 * the text again. The worker never decides on its own that a state is current: the pool
 * keeps the text each kept state stands for (affinity.ts) and sends `warm` only when the
 * stored text is still exactly that text, so a write by another process or a commit that lost
 * its compare-and-set can never be run on. Which states to drop is the pool's decision too
 * (its bounds), except under heap pressure, when the worker drops them all and says so.
 */
import type { ScopeState } from '../../scope/state';
import { runStepOn, type StepEnv, type StepJob, type StepOutcome, type StepSource } from '../../scope/step';

export interface WarmJob {
  /** The conversation (scope key); undefined: keep nothing. */
  key?: string;
  /** True: start from the state kept for KEY; otherwise from STORED. */
  warm?: boolean;
  stored: string | undefined;
  job: StepJob;
  /** Keys whose kept states the pool has let go. */
  evict?: string[];
}

export type WarmResult =
  /** KEPT: the state after the step is kept under the job's key (its text is outcome.text). */
  | { kind: 'done'; outcome: StepOutcome; kept: boolean }
  /** `warm` was asked, but no state is kept for the key (the pool's view was wrong): send the text. */
  | { kind: 'miss' };

export class WarmStates {
  private readonly states = new Map<string, ScopeState>();

  get size(): number {
    return this.states.size;
  }

  run(request: WarmJob, env: StepEnv): WarmResult {
    for (const key of request.evict ?? []) this.states.delete(key);
    const { key, job } = request;
    // A completion reads the machine but is never saved: it runs on the text, so a kept state never sees what it touched.
    if (job.kind === 'complete') return { kind: 'done', outcome: runStepOn({ stored: request.stored }, job, env).outcome, kept: false };
    let source: StepSource = { stored: request.stored };
    if (request.warm) {
      const state = key === undefined ? undefined : this.states.get(key);
      if (!state) return { kind: 'miss' };
      source = { open: state };
    }
    // The kept state is changed in place by the step: until it succeeds, nothing is kept.
    if (key !== undefined) this.states.delete(key);
    const { outcome, state } = runStepOn(source, job, env);
    const kept = key !== undefined && outcome.ok && outcome.text !== undefined && state !== undefined;
    if (kept) this.states.set(key, state);
    return { kind: 'done', outcome, kept };
  }

  /** Drop every kept state (the heap is getting full). */
  clear(): void {
    this.states.clear();
  }
}
