/**
 * The Slack adapter's settings, from the environment (README-slack.md). Wrong settings fail
 * early with one line that says which variable to fix.
 */
export interface SlackConfig {
  /** xoxb-… (SLACK_BOT_TOKEN). */
  botToken: string;
  /** xapp-… (SLACK_APP_TOKEN): Socket Mode, no public URL needed. */
  appToken?: string;
  /** SLACK_SIGNING_SECRET: HTTP mode verifies every request with it. */
  signingSecret?: string;
  /** HTTP mode's port (PORT, default 3000); 0 picks a free one (tests). */
  port: number;
  /** HTTP mode's listen address (SLACK_HOST; default all interfaces). */
  host?: string;
  /** Web API base (SLACK_API_URL), e.g. a fake server in tests; ends with "/api/". */
  apiUrl?: string;
  /** User ids that are instructors everywhere (SLACK_INSTRUCTORS, comma or space separated). */
  instructors: string[];
}

export class SlackConfigError extends Error {
  readonly code = 'slack-config';
  constructor(message: string) {
    super(message);
    this.name = 'SlackConfigError';
  }
}

export const DEFAULT_PORT = 3000;

/** undefined when SLACK_BOT_TOKEN is unset (Slack not configured); throws SlackConfigError when it is set wrongly. */
export function slackConfigFromEnv(env: NodeJS.ProcessEnv): SlackConfig | undefined {
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const botToken = value('SLACK_BOT_TOKEN');
  if (botToken === undefined) return undefined;
  if (!botToken.startsWith('xoxb-')) {
    throw new SlackConfigError('SLACK_BOT_TOKEN must be the bot token (xoxb-…) from OAuth & Permissions.');
  }
  const appToken = value('SLACK_APP_TOKEN');
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    throw new SlackConfigError('SLACK_APP_TOKEN must be an app-level token (xapp-…) with connections:write, from Basic Information.');
  }
  const signingSecret = value('SLACK_SIGNING_SECRET');
  if (appToken === undefined && signingSecret === undefined) {
    throw new SlackConfigError(
      'SLACK_SIGNING_SECRET is not set: HTTP mode needs it to verify requests (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  }
  const portText = value('PORT');
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!/^\d+$/.test(portText ?? '0') || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SlackConfigError(`PORT must be a TCP port number (0-65535), not "${portText}".`);
  }
  const apiUrl = value('SLACK_API_URL');
  if (apiUrl !== undefined && !/^https?:\/\//.test(apiUrl)) {
    throw new SlackConfigError(`SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, not "${apiUrl}".`);
  }
  const config: SlackConfig = {
    botToken,
    port,
    instructors: (value('SLACK_INSTRUCTORS') ?? '').split(/[\s,]+/).filter((id) => id !== ''),
  };
  if (appToken !== undefined) config.appToken = appToken;
  if (signingSecret !== undefined) config.signingSecret = signingSecret;
  const host = value('SLACK_HOST');
  if (host !== undefined) config.host = host;
  if (apiUrl !== undefined) config.apiUrl = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  return config;
}
