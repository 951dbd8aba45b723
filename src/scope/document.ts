/**
 * A scope's document between its stored form and the ScopeState the rest of Modlab works
 * on: the rules every change follows, wherever it runs (ScopeStore.update on this thread,
 * a message's machine step in a worker: step.ts). A scope never used boots a fresh machine;
 * an older document is migrated; before it is saved, the history is bounded, the time of
 * the change stamped and the shared parts referenced instead of copied (stored.ts).
 */
import type { Clock } from '../contracts/clock';
import { type ScopeState, boundHistory, migrate } from './state';
import { pack, type SharedBase } from './stored';
import { packedText } from './packed-text';
import { sealEnvelopeJson } from '../store/envelope';

export interface DocumentRules {
  /** A freshly booted state, for a scope's first use. */
  boot: () => ScopeState;
  clock: Clock;
  /** The read-only data a stored document refers to (the boot log). */
  base: SharedBase;
}

/** RAW (a stored document, undefined for none) as a ScopeState; throws 'state-damaged'. */
export function openState(raw: unknown, rules: DocumentRules): ScopeState {
  return raw === undefined ? rules.boot() : migrate(raw, rules.clock(), rules.base);
}

/** STATE after a change, as the document to save. */
export function closeState(state: ScopeState, rules: DocumentRules): Record<string, unknown> {
  boundHistory(state);
  state.updatedAt = rules.clock();
  return pack(state, rules.base);
}

/** STATE after a change, as the stored text: sealEnvelope(closeState(STATE)), without serialising again the records and entries written before (packed-text.ts). */
export function closeStateText(state: ScopeState, rules: DocumentRules): string {
  boundHistory(state);
  state.updatedAt = rules.clock();
  return sealEnvelopeJson(packedText(state, rules.base));
}
