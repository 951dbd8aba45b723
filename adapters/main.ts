/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the Slack bot when SLACK_BOT_TOKEN
 * is set (both when both are), and the terminal chat when neither is.
 */
import 'dotenv/config';
import { createApp } from '../src/app/create-app';
import { DEFAULT_STORE } from '../src/store';
import type { App } from '../src/app/app';
import { runConsole } from './console';
import { fileLogger, jsonLogger, logSetting, type LogSetting, type OpsLogger } from './log';
import { slackConfigFromEnv } from './slack/config';
import { discordConfigFromEnv } from './discord/config';
import { MIN_SECRET_LENGTH } from '../src/teaching/dashboard-link';
import { systemClock } from '../src/contracts/clock';
import { createMetrics } from './ops/metrics';
import { observe } from './ops/observe';
import { isShardChild, shardSetting, type ShardSetting } from './discord/shards';

interface Running {
  stop(): Promise<void>;
}

/** One line for the operator: configuration and start-up failures are not stack traces. */
function fail(message: string): number {
  process.stderr.write(`modlab: ${message}\n`);
  return 1;
}

/** Shard children serve their own /metrics: MODLAB_HTTP_PORT + 1 + their first shard id. */
function opsPort(base: number, env: NodeJS.ProcessEnv): number {
  if (!isShardChild(env)) return base;
  const first = (JSON.parse(env.SHARDS ?? '[0]') as number[])[0] ?? 0;
  return base + 1 + first;
}

/** A store URL as it may be logged: the password, if any, replaced. */
function redactPassword(spec: string): string {
  return spec.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function main(): Promise<number> {
  const env = process.env;
  let setting: LogSetting;
  let slack;
  let discord;
  let shards: ShardSetting | undefined;
  try {
    discord = discordConfigFromEnv(env);
    // In a shard child discord.js has set SHARDS: run that one client, do not manage again.
    shards = discord && !isShardChild(env) ? shardSetting(env.MODLAB_DISCORD_SHARDS) : undefined;
    slack = slackConfigFromEnv(env);
    // The terminal chat shares its terminal with stderr: one line per command would drown it.
    // A piped terminal chat shares stderr with its output: quiet unless asked.
    setting = logSetting(env.MODLAB_LOG || (discord || slack || process.stdin.isTTY ? 'info' : 'quiet'));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  // The interactive terminal chat keeps log lines off the terminal (MODLAB_LOG_FILE);
  // the bots, and the terminal chat reading a pipe, log to stderr (pino).
  const interactiveConsole = !discord && !slack && Boolean(process.stdin.isTTY);
  const logger: OpsLogger = interactiveConsole ? fileLogger(env.MODLAB_LOG_FILE || './data/modlab.log', setting) : jsonLogger(setting);
  const store = env.MODLAB_STORE || DEFAULT_STORE;
  const metrics = createMetrics();
  const observer = observe(logger, metrics);
  // MODLAB_HTTP_PORT serves /healthz and /metrics; with MODLAB_SECRET also the dashboard,
  // whose links point at MODLAB_PUBLIC_URL.
  const basePort = env.MODLAB_HTTP_PORT ? Number(env.MODLAB_HTTP_PORT) : undefined;
  if (basePort !== undefined && !(Number.isInteger(basePort) && basePort >= 0 && basePort <= 65535)) return fail(`MODLAB_HTTP_PORT must be a port number, not ${env.MODLAB_HTTP_PORT}`);
  const port = basePort === undefined ? undefined : opsPort(basePort, env);
  const secret = env.MODLAB_SECRET ?? '';
  if (port !== undefined && secret !== '' && secret.length < MIN_SECRET_LENGTH) return fail(`MODLAB_SECRET must be at least ${MIN_SECRET_LENGTH} characters (it signs the dashboard's sign-in links)`);
  const dashboard = port !== undefined && secret !== '' ? { secret, url: env.MODLAB_PUBLIC_URL || `http://localhost:${port}` } : undefined;
  let app: App;
  try {
    app = await createApp({
      store,
      logger: observer.logger,
      hostname: env.MODLAB_HOSTNAME || undefined,
      // The terminal chat is one person's own: no flood protection there.
      rateLimit: discord || slack ? undefined : false,
      // Redis and PostgreSQL count it in the store by default; a SQLite file several processes share (shards) too.
      sharedFlood: env.MODLAB_SHARED_FLOOD ? env.MODLAB_SHARED_FLOOD === 'on' : isShardChild(env) || undefined,
      exercisesDir: env.MODLAB_EXERCISES || undefined,
      quizSeconds: env.MODLAB_QUIZ_SECONDS ? Number(env.MODLAB_QUIZ_SECONDS) : undefined,
      dashboard,
    });
    app = observer.wrap(app);
  } catch (error) {
    return fail(`cannot open the store ${redactPassword(store)}: ${error instanceof Error ? error.message : String(error)}`);
  }

  const running: Running[] = [];
  try {
    if (port !== undefined) {
      // fastify loads only when MODLAB_HTTP_PORT is set, as discord.js and Bolt below.
      const { httpServer } = await import('./web/ops');
      const web = await httpServer({
        metrics,
        health: app.health?.bind(app),
        dashboard: dashboard ? { app, secret: dashboard.secret, clock: systemClock } : undefined,
      });
      await web.listen({ port, host: env.MODLAB_HTTP_HOST || '0.0.0.0' });
      if (dashboard) logger.info('dashboard listening', { port, url: dashboard.url });
      logger.info('ops endpoints listening', { port, paths: '/healthz /metrics' });
      running.push({ stop: () => web.close() });
    }
    // discord.js and Bolt load only when configured: the terminal chat starts without them.
    if (discord && shards !== undefined) running.push(await (await import('./discord/shards')).startShards(__filename, discord.token, shards, logger));
    else if (discord) running.push(await (await import('./discord')).startDiscord(app, discord, logger));
    if (slack) running.push(await (await import('./slack')).startSlack(app, slack, logger));
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.stop()));
    await app.close();
    return fail(error instanceof Error ? error.message : String(error));
  }

  if (!discord && !slack) {
    await runConsole(app, { input: process.stdin, output: process.stdout, interactive: interactiveConsole, filesDir: env.MODLAB_FILES_DIR || './data/files', editor: env.EDITOR || undefined });
    await Promise.allSettled(running.map((r) => r.stop()));
    await app.close();
    return 0;
  }

  const signal = await waitForSignal();
  logger.info('shutting down', { signal });
  await Promise.allSettled(running.map((r) => r.stop()));
  await app.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`modlab: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
