/** How a store is doing, for /modlab status and /healthz: its kind and one round trip's latency. */
import type { DocumentStore } from './document-store';

export interface StoreHealth {
  /** memory | sqlite | redis | postgres */
  store: string;
  ok: boolean;
  /** One round trip to the store, ms (when ok). */
  latencyMs?: number;
  /** Why not ok, for the operator (never a secret: no URL, no password). */
  error?: string;
}

/** A store that can measure itself (the networked ones ping their server). */
export interface HealthCheck {
  health(): Promise<StoreHealth>;
}

/** Key of no document: reading it is a round trip that touches nothing. */
const PROBE_KEY = '*health-probe';

export async function storeHealth(docs: DocumentStore, kind: string): Promise<StoreHealth> {
  const own = (docs as Partial<HealthCheck>).health;
  if (typeof own === 'function') return own.call(docs);
  const started = performance.now();
  try {
    await docs.get(PROBE_KEY);
    return { store: kind, ok: true, latencyMs: performance.now() - started };
  } catch (error) {
    return { store: kind, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
