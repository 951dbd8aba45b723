/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the Slack bot when SLACK_BOT_TOKEN
 * is set (both when both are), and the terminal chat when neither is.
 */
import 'dotenv/config';
import { createApp } from '../src/app/create-app';
import type { App } from '../src/app/app';
import { runConsole } from './console';
import { jsonLogger, logSetting } from './log';
import { createMetrics } from './ops/metrics';
import { observe } from './ops/observe';
import { startOpsServer } from './web/ops';
import { isShardChild, shardSetting, startShards, type ShardSetting } from './discord/shards';
import { slackConfigFromEnv, startSlack } from './slack';
import { discordConfigFromEnv, startDiscord } from './discord';

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
  let logger;
  let slack;
  let discord;
  let shards: ShardSetting | undefined;
  try {
    discord = discordConfigFromEnv(env);
    // In a shard child discord.js has set SHARDS: run that one client, do not manage again.
    shards = discord && !isShardChild(env) ? shardSetting(env.MODLAB_DISCORD_SHARDS) : undefined;
    slack = slackConfigFromEnv(env);
    // The terminal chat shares its terminal with stderr: one line per command would drown it.
    logger = jsonLogger(logSetting(env.MODLAB_LOG || (discord || slack ? 'info' : 'quiet')));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const store = env.MODLAB_STORE || 'sqlite:./data/modlab.db';
  const metrics = createMetrics();
  const observer = observe(logger, metrics);
  let app: App;
  try {
    app = await createApp({
      store,
      logger: observer.logger,
      hostname: env.MODLAB_HOSTNAME || undefined,
      // The terminal chat is one person's own: no flood protection there.
      rateLimit: discord || slack ? undefined : false,
      exercisesDir: env.MODLAB_EXERCISES || undefined,
      quizSeconds: env.MODLAB_QUIZ_SECONDS ? Number(env.MODLAB_QUIZ_SECONDS) : undefined,
    });
    app = observer.wrap(app);
  } catch (error) {
    return fail(`cannot open the store ${redactPassword(store)}: ${error instanceof Error ? error.message : String(error)}`);
  }

  const running: Running[] = [];
  try {
    if (env.MODLAB_HTTP_PORT) {
      const port = opsPort(Number(env.MODLAB_HTTP_PORT), env);
      const ops = await startOpsServer(port, { metrics, health: app.health?.bind(app) });
      running.push({ stop: () => ops.close() });
      logger.info('ops endpoints listening', { port, paths: '/healthz /metrics' });
    }
    if (discord && shards !== undefined) running.push(await startShards(__filename, discord.token, shards, logger));
    else if (discord) running.push(await startDiscord(app, discord, logger));
    if (slack) running.push(await startSlack(app, slack, logger));
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.stop()));
    await app.close();
    return fail(error instanceof Error ? error.message : String(error));
  }

  if (!discord && !slack) {
    await runConsole(app, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
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
