/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the Slack bot when SLACK_BOT_TOKEN
 * is set (both when both are), and the terminal chat when neither is.
 */
import 'dotenv/config';
import { createApp } from '../src/app/create-app';
import { DEFAULT_STORE } from '../src/store';
import type { App } from '../src/app/app';
import { runConsole } from './console';
import { stderrLogger } from './log';
import { slackConfigFromEnv } from './slack/config';
import { discordConfigFromEnv } from './discord/config';

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
  const logger = stderrLogger(env.MODLAB_LOG === 'quiet' ? 'error' : 'info');
  let slack;
  let discord;
  try {
    discord = discordConfigFromEnv(env);
    slack = slackConfigFromEnv(env);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const store = env.MODLAB_STORE || DEFAULT_STORE;
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
    });
  } catch (error) {
    return fail(`cannot open the store ${store}: ${error instanceof Error ? error.message : String(error)}`);
  }

  const running: Running[] = [];
  try {
    // discord.js and Bolt load only when configured: the terminal chat starts without them.
    if (discord) running.push(await (await import('./discord')).startDiscord(app, discord, logger));
    if (slack) running.push(await (await import('./slack')).startSlack(app, slack, logger));
  } catch (error) {
    await Promise.allSettled(running.map((r) => r.stop()));
    await app.close();
    return fail(error instanceof Error ? error.message : String(error));
  }

  if (running.length === 0) {
    await runConsole(app, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
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
