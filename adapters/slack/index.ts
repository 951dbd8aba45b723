/**
 * Modlab on Slack (@slack/bolt v5): Socket Mode when SLACK_APP_TOKEN is set, else HTTP
 * on PORT with signed requests. adapters/main.ts calls slackConfigFromEnv and startSlack,
 * and closes the app after stop().
 */
import { App as Bolt, HTTPReceiver, LogLevel, type Logger as BoltLogger, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { App } from '../../src/app/app';
import type { Logger } from '../../src/contracts/logger';
import { SlackAnnouncer } from './announcer';
import type { SlackConfig } from './config';
import { Deliveries, SharedDeliveries } from './dedupe';
import { listen } from './listeners';
import { errorText, People } from './people';
import { slackShelf } from './upload';

export { type SlackConfig, SlackConfigError, slackConfigFromEnv } from './config';

export interface SlackRunning {
  stop(): Promise<void>;
  /** HTTP mode: the port actually listened on (PORT=0 picks one). */
  port?: number;
}

export class SlackStartError extends Error {
  readonly code = 'slack-start';
  constructor(message: string) {
    super(message);
    this.name = 'SlackStartError';
  }
}

/**
 * A reply that comes minutes late helps nobody in a lab: a few quick retries, not the
 * Web API client's default of ten over half an hour.
 */
/** How long stop() waits for answers already acknowledged. */
export const STOP_GRACE_MS = 10_000;

const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 };

export async function startSlack(app: App, config: SlackConfig, logger: Logger): Promise<SlackRunning> {
  const boltLogger = bridgeLogger(logger);
  const clientOptions: WebClientOptions = { retryConfig: RETRY_CONFIG };
  if (config.apiUrl) clientOptions.slackApiUrl = config.apiUrl;

  let receiver: Receiver;
  if (config.appToken) {
    receiver = new SocketModeReceiver({ appToken: config.appToken, logger: boltLogger, installerOptions: { clientOptions } });
  } else {
    if (!config.signingSecret) throw new SlackStartError('SLACK_SIGNING_SECRET is not set: HTTP mode needs it to verify requests.');
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      logger: boltLogger,
      port: config.port,
    });
  }

  const bolt = new Bolt({
    token: config.botToken,
    receiver,
    logger: boltLogger,
    clientOptions,
    // auth.test runs in init() below, so a wrong token is one clear error instead of an unhandled rejection.
    deferInitialization: true,
  });
  bolt.error(async (error) => {
    logger.error('slack listener error', { code: (error as { code?: string }).code, error: errorText(error) });
  });

  const people = new People(bolt.client, config.instructors, logger);
  const inFlight = new Set<Promise<void>>();
  const shelf = slackShelf();
  // With a shared store (App.firstTime), a retried event is answered once across instances.
  const deliveries = app.firstTime ? new SharedDeliveries((name, ttlMs) => app.firstTime!(name, ttlMs)) : new Deliveries();
  listen(bolt, { app, people, deliveries, shelf, logger, inFlight });

  try {
    await bolt.init();
  } catch (error) {
    throw new SlackStartError(`Slack refused SLACK_BOT_TOKEN (auth.test: ${slackCode(error)}).`);
  }

  let port: number | undefined;
  try {
    if (config.appToken) {
      await bolt.start();
    } else {
      const server = (await bolt.start(config.host ? { port: config.port, host: config.host } : config.port)) as import('node:http').Server;
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : config.port;
    }
  } catch (error) {
    await bolt.stop().catch(() => undefined);
    if (config.appToken) throw new SlackStartError(`Slack refused SLACK_APP_TOKEN (apps.connections.open: ${slackCode(error)}).`);
    throw new SlackStartError(`Could not listen on port ${config.port}: ${errorText(error)}.`);
  }
  // Only once Slack accepted us: a quiz overdue since before a restart is revealed right away.
  app.setAnnouncer?.(new SlackAnnouncer(bolt.client, shelf, logger));
  logger.info('slack started', { mode: config.appToken ? 'socket' : 'http', port });

  let stopped = false;
  return {
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await bolt.stop();
      // Answers already acknowledged still reach Slack, within a bound.
      const pending = inFlight.size;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_GRACE_MS)));
      const outcome = await Promise.race([Promise.allSettled([...inFlight]), late]);
      clearTimeout(timer);
      if (outcome === 'late') logger.warn('slack stopped with answers still under way', { pending: inFlight.size });
      logger.info('slack stopped', { answered: pending });
    },
  };
}

function slackCode(error: unknown): string {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' ? code : errorText(error);
}

/** Bolt's logger interface over Modlab's; Bolt's debug chatter is dropped. */
export function bridgeLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? errorText(p) : JSON.stringify(p))).join(' ');
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => logger.info(`bolt: ${text(msg)}`),
    warn: (...msg: unknown[]) => logger.warn(`bolt: ${text(msg)}`),
    error: (...msg: unknown[]) => logger.error(`bolt: ${text(msg)}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
