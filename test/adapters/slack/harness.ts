/** A running Slack adapter (real Bolt, real receivers) wired to FakeSlack, for end-to-end tests. */
import type { App } from '../../../src/app/app';
import type { LogFields, Logger } from '../../../src/contracts/logger';
import { startSlack, type SlackRunning } from '../../../adapters/slack/index';
import type { SlackConfig } from '../../../adapters/slack/config';
import { FakeSlack } from './fake-slack';
import { SIGNING_SECRET } from './signed';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: LogFields;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  info(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: LogFields): void {
    this.lines.push({ level: 'error', message, fields });
  }
}

export interface Harness {
  fake: FakeSlack;
  running: SlackRunning;
  logger: RecordingLogger;
  /** HTTP mode: where Slack would POST (…/slack/events). */
  eventsUrl: string;
  stop(): Promise<void>;
}

export async function startHarness(app: App, options: { socket?: boolean; config?: Partial<SlackConfig>; fake?: FakeSlack } = {}): Promise<Harness> {
  const fake = options.fake ?? new FakeSlack();
  if (!options.fake) await fake.start();
  const logger = new RecordingLogger();
  const config: SlackConfig = {
    botToken: 'xoxb-test-token',
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    instructors: [],
    ...(options.socket ? { appToken: 'xapp-test-token' } : { signingSecret: SIGNING_SECRET }),
    ...options.config,
  };
  let running: SlackRunning;
  try {
    running = await startSlack(app, config, logger);
  } catch (error) {
    await fake.stop();
    throw error;
  }
  return {
    fake,
    running,
    logger,
    eventsUrl: `http://127.0.0.1:${running.port}/slack/events`,
    async stop() {
      await running.stop();
      await fake.stop();
    },
  };
}
