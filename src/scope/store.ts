/**
 * Per-scope state over a DocumentStore: `update(scope, fn)` is the only way a scope's state
 * changes (DESIGN.md, "Contracts"). The first use of a scope boots a fresh state; older
 * documents are migrated; history stays bounded; a damaged document is an error the
 * instructor can clear with `reset`, never silently replaced.
 */
import type { Clock } from '../contracts/clock';
import { systemClock } from '../contracts/clock';
import type { Scope } from '../contracts/invocation';
import { scopeKey } from '../contracts/invocation';
import type { DocumentStore } from '../store/document-store';
import { type StoreHealth, storeHealth } from '../store/health';
import { claim, takeShared } from '../store/lease';
import type { ScopeState } from './state';
import { debianBase, pack, type SharedBase } from './stored';
import { closeState, openState, type DocumentRules } from './document';

/** One conversation's document, as a command sees it (ScopeStore bound to its scope). */
export interface ScopeHandle {
  update<T>(fn: (state: ScopeState) => T): Promise<T>;
  read(): Promise<ScopeState>;
  /** Replace the document, damaged or not, by a freshly booted one. */
  reset(): Promise<void>;
  /** Which store holds it and one round trip's latency (/modlab status). */
  health(): Promise<StoreHealth>;
}

export class ScopeStore {
  private readonly rules: DocumentRules;

  constructor(
    private readonly docs: DocumentStore,
    /** A freshly booted state, for a scope's first use and for reset. */
    private readonly boot: () => ScopeState,
    clock: Clock = systemClock,
    /** The read-only data a stored document refers to (the boot log). */
    private readonly base: SharedBase = debianBase,
  ) {
    this.rules = { boot, clock, base };
  }

  /**
   * Run FN on the scope's state (changing it in place) and save the result, all or nothing,
   * with no lost update however many callers or processes act on the scope at once.
   * FN may be called more than once (a conflicting writer elsewhere makes the store run it
   * again on the newer state), so it must change nothing but the state it is given.
   */
  update<T>(scope: Scope, fn: (state: ScopeState) => T): Promise<T> {
    return this.docs.update(scopeKey(scope), (raw) => {
      const state = openState(raw, this.rules);
      const result = fn(state);
      return { doc: closeState(state, this.rules), result };
    });
  }

  /**
   * The same contract on the stored text (DocumentStore.updateText), for work done off this
   * thread (src/app/sandbox): FN gets the stored text, undefined for a scope never used, and
   * itself opens and closes the document by the same rules (document.ts; step.ts does). FN may
   * be called more than once; it may be async and runs outside any lock of the database.
   */
  updateStored<T>(scope: Scope, fn: (stored: string | undefined) => Promise<{ text: string | undefined; result: T }>): Promise<T> {
    return this.docs.updateText(scopeKey(scope), fn);
  }

  /** The scope's state as it is now (a fresh one if never used), without saving anything. */
  async read(scope: Scope): Promise<ScopeState> {
    return openState(await this.docs.get(scopeKey(scope)), this.rules);
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
    return this.docs.put(scopeKey(scope), pack(this.boot(), this.base));
  }

  bind(scope: Scope): ScopeHandle {
    return { update: (fn) => this.update(scope, fn), read: () => this.read(scope), reset: () => this.reset(scope), health: () => this.health() };
  }

  /**
   * Claim the lease NAME for OWNER for TTL ms, across every process on this store: true
   * while OWNER holds it (src/store/lease.ts). For work that must happen once.
   */
  claim(name: string, owner: string, ttlMs: number): Promise<boolean> {
    return claim(this.docs, name, owner, ttlMs, this.rules.clock);
  }

  /**
   * Count one input of KEY against LIMIT in the store, for every process sharing it: 0 when
   * it may go on, else the seconds to wait (src/store/lease.ts takeShared).
   */
  takeFlood(key: string, limit: { count: number; windowMs: number }): Promise<number> {
    return takeShared(this.docs, key, limit.count, limit.windowMs, this.rules.clock);
  }

  /** Which store this is and one round trip's latency (/modlab status, /healthz). */
  health(): Promise<StoreHealth> {
    return storeHealth(this.docs);
  }

  close(): Promise<void> {
    return this.docs.close();
  }
}

function sideKey(key: string): string {
  if (!key.startsWith('*')) throw new Error(`a side document's key starts with "*", not ${JSON.stringify(key.slice(0, 40))}`);
  return key;
}
