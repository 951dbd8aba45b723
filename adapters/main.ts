/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the Slack bot when SLACK_BOT_TOKEN
 * is set (both when both are), and the terminal chat when neither is.
 */
import 'dotenv/config';
import { createApp } from '../src/app/create-app';
import { DEFAULT_STORE } from '../src/store';
import type { App } from '../src/app/app';
import { runConsole } from './console';
import { fileLogger, stderrLogger } from './log';
import { slackConfigFromEnv } from './slack/config';
import { discordConfigFromEnv } from './discord/config';
import { MIN_SECRET_LENGTH } from '../src/teaching/dashboard-link';
import { systemClock } from '../src/contracts/clock';

interface Running {
  stop(): Promise<void>;
}

/** One line for the operator: configuration and start-up failures are not stack traces. */
function fail(message: string): number {
  process.stderr.write(`modlab: ${message}\n`);
  return 1;
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function main(): Promise<number> {
  const env = process.env;
  let slack;
  let discord;
  try {
    discord = discordConfigFromEnv(env);
    slack = slackConfigFromEnv(env);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const threshold = env.MODLAB_LOG === 'quiet' ? 'error' : 'info';
  // The interactive terminal chat keeps log lines off the terminal (MODLAB_LOG_FILE);
  // the bots, and the terminal chat reading a pipe, log to stderr.
  const interactiveConsole = !discord && !slack && Boolean(process.stdin.isTTY);
  const logger = interactiveConsole ? fileLogger(env.MODLAB_LOG_FILE || './data/modlab.log', threshold) : stderrLogger(threshold);
  const store = env.MODLAB_STORE || DEFAULT_STORE;
  // The dashboard: MODLAB_HTTP_PORT and MODLAB_SECRET; links point at MODLAB_PUBLIC_URL.
  const port = env.MODLAB_HTTP_PORT ? Number(env.MODLAB_HTTP_PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) return fail(`MODLAB_HTTP_PORT must be a port number, not ${env.MODLAB_HTTP_PORT}`);
  const secret = env.MODLAB_SECRET ?? '';
  if (port !== undefined && secret.length < MIN_SECRET_LENGTH) return fail(`MODLAB_SECRET must be at least ${MIN_SECRET_LENGTH} characters when MODLAB_HTTP_PORT is set (it signs the dashboard's sign-in links)`);
  const dashboard = port !== undefined ? { secret, url: env.MODLAB_PUBLIC_URL || `http://localhost:${port}` } : undefined;
  let app: App;
  try {
    app = await createApp({
      store,
      logger,
      hostname: env.MODLAB_HOSTNAME || undefined,
      // The terminal chat is one person's own: no flood protection there.
      rateLimit: discord || slack ? undefined : false,
      exercisesDir: env.MODLAB_EXERCISES || undefined,
      quizSeconds: env.MODLAB_QUIZ_SECONDS ? Number(env.MODLAB_QUIZ_SECONDS) : undefined,
      dashboard,
    });
  } catch (error) {
    return fail(`cannot open the store ${store}: ${error instanceof Error ? error.message : String(error)}`);
  }

  const running: Running[] = [];
  try {
    if (dashboard && port !== undefined) {
      // fastify loads only when the dashboard is configured, as discord.js and Bolt below.
      const { createDashboard } = await import('./web/server');
      const web = createDashboard({ app, secret: dashboard.secret, clock: systemClock });
      await web.listen({ port, host: env.MODLAB_HTTP_HOST || '0.0.0.0' });
      logger.info('dashboard listening', { port, url: dashboard.url });
      running.push({ stop: () => web.close() });
    }
    // discord.js and Bolt load only when configured: the terminal chat starts without them.
    if (discord) running.push(await (await import('./discord')).startDiscord(app, discord, logger));
    if (slack) running.push(await (await import('./slack')).startSlack(app, slack, logger));
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.stop()));
    await app.close();
    return fail(error instanceof Error ? error.message : String(error));
  }

  if (!discord && !slack) {
    await runConsole(app, { input: process.stdin, output: process.stdout, interactive: interactiveConsole, filesDir: env.MODLAB_FILES_DIR || './data/files' });
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
