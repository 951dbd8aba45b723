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

/** The embedded stores by class, for those that do not measure themselves. */
const KINDS: Record<string, string> = { MemoryDocuments: 'memory', SqliteDocuments: 'sqlite' };

export async function storeHealth(docs: DocumentStore): Promise<StoreHealth> {
  const own = (docs as Partial<HealthCheck>).health;
  if (typeof own === 'function') return own.call(docs);
  const kind = KINDS[docs.constructor.name] ?? docs.constructor.name;
  const started = performance.now();
  try {
    await docs.get(PROBE_KEY);
    return { store: kind, ok: true, latencyMs: performance.now() - started };
  } catch (error) {
    return { store: kind, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The status line: "Store: redis, 0.4 ms" or "Store: postgres, unavailable (…)". */
export function healthLine(health: StoreHealth): string {
  if (!health.ok) return `Store: ${health.store}, unavailable (${health.error ?? 'no answer'})`;
  return `Store: ${health.store}, ${(health.latencyMs ?? 0).toFixed(1)} ms`;
}
