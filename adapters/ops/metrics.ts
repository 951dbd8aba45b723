/**
 * The bot's Prometheus instruments (prom-client), one registry per process: commands by
 * name and outcome, their latency, store errors by code, conversations active lately,
 * and Node's own process metrics (memory, event-loop lag, handles).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** A conversation counts as open while someone used it within this window. */
export const OPEN_CONVERSATION_WINDOW_MS = 15 * 60 * 1000;

export interface Metrics {
  readonly registry: Registry;
  readonly commands: Counter<'command' | 'outcome'>;
  readonly latency: Histogram<'command'>;
  readonly storeErrors: Counter<'code'>;
  /** Note that SCOPE was used now (feeds the open-conversations gauge). */
  touch(scope: string): void;
}

export function createMetrics(now: () => number = Date.now): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'modlab_' });
  const lastUse = new Map<string, number>();
  const commands = new Counter({
    name: 'modlab_commands_total',
    help: 'Invocations handled, by command and outcome (ok, or the ModlabError code)',
    labelNames: ['command', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'modlab_command_duration_seconds',
    help: 'Time from an invocation to its reply, by command',
    labelNames: ['command'] as const,
    // Discord's 3 s and Slack's 3 s deadlines sit between the last two buckets.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const storeErrors = new Counter({
    name: 'modlab_store_errors_total',
    help: 'Store failures seen by invocations, by code (store-unavailable, store-timeout, store-busy, state-damaged)',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'modlab_open_conversations',
    help: `Conversations used in the last ${OPEN_CONVERSATION_WINDOW_MS / 60000} minutes by this process`,
    registers: [registry],
    collect() {
      const since = now() - OPEN_CONVERSATION_WINDOW_MS;
      for (const [scope, at] of lastUse) if (at < since) lastUse.delete(scope);
      this.set(lastUse.size);
    },
  });
  return {
    registry,
    commands,
    latency,
    storeErrors,
    touch(scope) {
      lastUse.delete(scope);
      lastUse.set(scope, now());
    },
  };
}
