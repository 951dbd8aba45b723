/** Starts a FakeDiscord and Modlab's Discord adapter against it, with a recording logger. */
import type { App } from '../../../../src/app/app';
import type { Logger, LogFields } from '../../../../src/contracts/logger';
import { startDiscord, type DiscordRunning } from '../../../../adapters/discord';
import type { DiscordConfig } from '../../../../adapters/discord/config';
import { FakeDiscord, INSTRUCTOR_ROLE_ID, type FakeDiscordOptions } from './fake-discord';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: LogFields;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, fields?: LogFields) => void lines.push({ level, message, fields });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Harness {
  fake: FakeDiscord;
  bot: DiscordRunning;
  logger: ReturnType<typeof recordingLogger>;
  config: DiscordConfig;
  stop(): Promise<void>;
}

export async function startHarness(app: App, options: FakeDiscordOptions = {}): Promise<Harness> {
  const fake = new FakeDiscord(options);
  await fake.start();
  const logger = recordingLogger();
  const config: DiscordConfig = { token: fake.token, apiUrl: fake.apiUrl, instructorRole: INSTRUCTOR_ROLE_ID, applicationId: fake.applicationId };
  const bot = await startDiscord(app, config, logger);
  return {
    fake,
    bot,
    logger,
    config,
    async stop() {
      await bot.stop();
      await fake.stop();
    },
  };
}
