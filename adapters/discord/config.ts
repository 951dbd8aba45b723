/**
 * The Discord adapter's settings, from the environment (README-discord.md). Wrong settings
 * fail early with one line that says which variable to fix.
 */
export interface DiscordConfig {
  /** The bot token (DISCORD_TOKEN), from the Developer Portal's Bot page. */
  token: string;
  /** DISCORD_APPLICATION_ID: needed to register commands; the bot itself learns it from READY. */
  applicationId?: string;
  /** DISCORD_GUILD_ID: register commands to this one server (instant, for development) instead of globally. */
  guildId?: string;
  /** DISCORD_API_URL: REST base passed to discord.js as `rest.api` (a fake server in tests). */
  apiUrl?: string;
  /** DISCORD_INSTRUCTOR_ROLE: members with this role id are instructors (as are those with Manage Channels). */
  instructorRole?: string;
}

export class DiscordConfigError extends Error {
  readonly code = 'discord-config';
  constructor(message: string) {
    super(message);
    this.name = 'DiscordConfigError';
  }
}

/** Discord ids are snowflakes: 17 to 20 decimal digits. */
const SNOWFLAKE = /^\d{17,20}$/;

/** undefined when DISCORD_TOKEN is unset (Discord not configured); throws DiscordConfigError when a setting is wrong. */
export function discordConfigFromEnv(env: NodeJS.ProcessEnv): DiscordConfig | undefined {
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const token = value('DISCORD_TOKEN');
  if (token === undefined) return undefined;
  if (/\s/.test(token) || token.toLowerCase().startsWith('bot ')) {
    throw new DiscordConfigError('DISCORD_TOKEN must be the bot token alone (no "Bot " prefix, no spaces), from the Bot page of the Developer Portal.');
  }
  const snowflake = (name: string): string | undefined => {
    const v = value(name);
    if (v !== undefined && !SNOWFLAKE.test(v)) {
      throw new DiscordConfigError(`${name} must be a Discord id (17-20 digits; Developer Mode → Copy ID), not "${v}".`);
    }
    return v;
  };
  const config: DiscordConfig = { token };
  const applicationId = snowflake('DISCORD_APPLICATION_ID');
  const guildId = snowflake('DISCORD_GUILD_ID');
  const instructorRole = snowflake('DISCORD_INSTRUCTOR_ROLE');
  const apiUrl = value('DISCORD_API_URL');
  if (apiUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(apiUrl)) {
    throw new DiscordConfigError(`DISCORD_API_URL must be an http(s) URL such as https://discord.com/api, not "${apiUrl}".`);
  }
  if (applicationId !== undefined) config.applicationId = applicationId;
  if (guildId !== undefined) config.guildId = guildId;
  if (instructorRole !== undefined) config.instructorRole = instructorRole;
  if (apiUrl !== undefined) config.apiUrl = apiUrl.replace(/\/+$/, '');
  return config;
}
