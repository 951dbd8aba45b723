/**
 * Modlab on Discord (discord.js v14). adapters/main.ts calls discordConfigFromEnv and
 * startDiscord, and closes the app after stop(). Commands are registered by deploy.ts,
 * never on start. The app's unprompted posts (quiz reveals) go through announce.ts.
 */
import { Events, type Client } from 'discord.js';
import type { App } from '../../src/app/app';
import type { Logger } from '../../src/contracts/logger';
import type { DiscordConfig } from './config';
import { createClient, destroyClient, login } from './client';
import { dispatch } from './dispatch';
import { discordAnnouncer } from './announce';
import { OutputShelf } from '../shelf';
import type { DiscordShelf } from './dispatch';

export { type DiscordConfig, DiscordConfigError, discordConfigFromEnv } from './config';
export { DiscordStartError } from './client';

/** How long stop() waits for commands already under way. */
export const STOP_GRACE_MS = 10_000;

export interface DiscordRunning {
  stop(): Promise<void>;
  /** The logged-in client (tests read its user and guilds). */
  readonly client: Client;
}

export async function startDiscord(app: App, config: DiscordConfig, logger: Logger): Promise<DiscordRunning> {
  const client = createClient(config);
  const shelf: DiscordShelf = new OutputShelf<string>((text) => text.length);
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const deps = { app, config, logger, shelf, stopping: () => stopping };

  client.on(Events.InteractionCreate, (interaction) => {
    const work = dispatch(interaction, deps);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  client.on(Events.Error, (error) => logger.error('discord client error', { error: error.stack ?? error.message }));
  client.on(Events.Warn, (message) => logger.warn('discord client warning', { message }));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn('discord gateway closed for good', { code: event.code, shard }));

  await login(client, config);
  const applicationId = client.application?.id;
  if (config.applicationId && applicationId && config.applicationId !== applicationId) {
    logger.warn('DISCORD_APPLICATION_ID is not the application of DISCORD_TOKEN', { configured: config.applicationId, actual: applicationId });
  }
  logger.info('discord started', { user: client.user?.tag, application: applicationId, guilds: client.guilds.cache.size });
  // Only now, logged in: the app reveals overdue quizzes as soon as it has an announcer.
  app.setAnnouncer?.(discordAnnouncer(client, shelf));

  let stopped = false;
  return {
    client,
    async stop() {
      if (stopped) return;
      stopped = true;
      stopping = true;
      const pending = inFlight.size;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_GRACE_MS)));
      const outcome = await Promise.race([Promise.allSettled([...inFlight]), late]);
      clearTimeout(timer);
      if (outcome === 'late') logger.warn('discord stopped with commands still under way', { pending: inFlight.size });
      await destroyClient(client);
      logger.info('discord stopped', { answered: pending });
    },
  };
}
