/**
 * Per-scope state over a DocumentStore: `update(scope, fn)` is the only way a scope's state
 * changes (DESIGN.md, "Contracts"). The first use of a scope boots a fresh state; older
 * documents are migrated; history stays bounded; a damaged document is an error the
 * instructor can clear with `reset`, never silently replaced.
 */
import type { Clock } from '../kernel/clock';
import { systemClock } from '../kernel/clock';
import type { Scope } from '../app/invocation';
import { scopeKey } from '../app/invocation';
import type { DocumentStore } from './document-store';
import { type StoreHealth, storeHealth } from './health';
import { claim } from './lease';
import { type ScopeState, boundHistory, migrate } from './scope-state';

export class ScopeStore {
  constructor(
    private readonly docs: DocumentStore,
    /** A freshly booted state, for a scope's first use and for reset. */
    private readonly boot: () => ScopeState,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Run FN on the scope's state (changing it in place) and save the result, all or nothing,
   * with no lost update however many callers or processes act on the scope at once.
   * FN may be called more than once (a conflicting writer elsewhere makes the store run it
   * again on the newer state), so it must change nothing but the state it is given.
   */
  update<T>(scope: Scope, fn: (state: ScopeState) => T): Promise<T> {
    return this.docs.update(scopeKey(scope), (raw) => {
      const state = this.open(raw);
      const result = fn(state);
      boundHistory(state);
      state.updatedAt = this.clock();
      return { doc: state, result };
    });
  }

  /**
   * The same contract on the stored text (DocumentStore.updateText), for work done off this
   * thread (src/app/sandbox): FN gets the stored text, undefined for a scope never used, and
   * itself boots, migrates, bounds and stamps what it returns (sandbox/step.ts does). FN may
   * be called more than once; it may be async and runs outside any lock of the database.
   */
  updateStored<T>(scope: Scope, fn: (stored: string | undefined) => Promise<{ text: string | undefined; result: T }>): Promise<T> {
    return this.docs.updateText(scopeKey(scope), fn);
  }

  /** The scope's state as it is now (a fresh one if never used), without saving anything. */
  async read(scope: Scope): Promise<ScopeState> {
    return this.open(await this.docs.get(scopeKey(scope)));
  }

  /**
   * A small document of the app's own beside the scopes' states (an index, a leaderboard):
   * plain JSON under KEY, with no machine and no migration; FN gets undefined when there is
   * none and must check what it reads. KEY starts with "*", which no scope key does (they
   * start with the platform), so such a document can never take a conversation's place.
   */
  async updateDocument<T>(key: string, fn: (doc: unknown) => { doc: unknown; result: T }): Promise<T> {
    return this.docs.update(sideKey(key), fn);
  }

  /** The document updateDocument keeps under KEY, undefined when there is none. */
  async readDocument(key: string): Promise<unknown> {
    return this.docs.get(sideKey(key));
  }

  /** Replace the scope's state, damaged or not, by a freshly booted one. */
  reset(scope: Scope): Promise<void> {
    return this.docs.put(scopeKey(scope), this.boot());
  }

  /**
   * Claim the lease NAME for OWNER for TTL ms, across every process on this store: true
   * while OWNER holds it (src/store/lease.ts). For work that must happen once.
   */
  claim(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return claim(this.docs, name, owner, ttlMs, this.clock);
  }

  /** Which store this is and one round trip's latency (/modlab status, /healthz). */
  health(): Promise<StoreHealth> {
    return storeHealth(this.docs);
  }

  close(): Promise<void> {
    return this.docs.close();
  }

  private open(raw: unknown): ScopeState {
    return raw === undefined ? this.boot() : migrate(raw, this.clock());
  }
}

function sideKey(key: string): string {
  if (!key.startsWith('*')) throw new Error(`a side document's key starts with "*", not ${JSON.stringify(key.slice(0, 40))}`);
  return key;
}
