/**
 * What an operator's tools poll, as a fastify 5 plugin (the dashboard's server mounts it;
 * `startOpsServer` serves it alone on MODLAB_HTTP_PORT):
 * - GET /healthz: 200 {"status":"ok","store":…,"storeLatencyMs":…} while the store answers,
 *   503 {"status":"unavailable",…} while it does not (a load balancer takes the process out);
 * - GET /metrics: Prometheus text from the process' registry (adapters/ops/metrics.ts).
 */
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { StoreHealth } from '../../src/store/health';
import type { Metrics } from '../ops/metrics';
import { createDashboard, type DashboardOptions } from './server';

export interface OpsOptions {
  metrics: Metrics;
  /** The store's health (App.health); without it /healthz only says the process is up. */
  health?: () => Promise<StoreHealth>;
}

export const opsRoutes: FastifyPluginAsync<OpsOptions> = async (server, { metrics, health }) => {
  server.get('/healthz', async (_request, reply) => {
    if (!health) return { status: 'ok' };
    const store = await health();
    const body = store.ok
      ? { status: 'ok', store: store.store, storeLatencyMs: Math.round((store.latencyMs ?? 0) * 100) / 100 }
      : { status: 'unavailable', store: store.store, error: store.error };
    return reply.code(store.ok ? 200 : 503).send(body);
  });
  server.get('/metrics', async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });
};

/** Serve the ops routes alone on PORT (HOST default 0.0.0.0, so a scraper can reach it). */
export async function startOpsServer(port: number, options: OpsOptions, host = '0.0.0.0'): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  await server.register(opsRoutes, options);
  await server.listen({ port, host });
  return server;
}

/**
 * The bot's one HTTP server on MODLAB_HTTP_PORT: the ops routes, beside the dashboard when
 * DASHBOARD is given (it needs MODLAB_SECRET; without one only /healthz and /metrics answer).
 */
export async function httpServer(options: OpsOptions & { dashboard?: DashboardOptions }): Promise<FastifyInstance> {
  const server = options.dashboard ? createDashboard(options.dashboard) : Fastify({ logger: false });
  await server.register(opsRoutes, { metrics: options.metrics, health: options.health });
  return server;
}
