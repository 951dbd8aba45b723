/**
 * `npm run deploy:discord`: registers Modlab's application commands (from commands/) with
 * Discord, to DISCORD_GUILD_ID when it is set (instant, for development), else globally.
 * A bulk overwrite: commands removed from commands/ disappear too. The bot itself never
 * registers, so restarts cost no API calls and no rate limits.
 */
import 'dotenv/config';
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { ChatCommand } from '../../src/contracts/command';
import { commands } from '../../commands';
import { applicationCommands } from './commands';
import { DiscordConfigError, discordConfigFromEnv, type DiscordConfig } from './config';

export interface Deployed {
  scope: 'guild' | 'global';
  names: string[];
}

export async function deployCommands(config: DiscordConfig, list: readonly ChatCommand[] = commands): Promise<Deployed> {
  if (!config.applicationId) throw new DiscordConfigError('DISCORD_APPLICATION_ID is not set: copy the Application ID from the General Information page.');
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const result = (await rest.put(route, { body: applicationCommands(list) })) as RESTPutAPIApplicationCommandsResult;
  return { scope: config.guildId ? 'guild' : 'global', names: result.map((c) => c.name) };
}

async function main(): Promise<number> {
  let config: DiscordConfig | undefined;
  try {
    config = discordConfigFromEnv(process.env);
    if (!config) throw new DiscordConfigError('DISCORD_TOKEN is not set: copy the bot token from the Bot page of the Developer Portal.');
    const deployed = await deployCommands(config);
    const where = deployed.scope === 'guild' ? `server ${config.guildId}` : 'every server (global commands may take up to an hour to appear)';
    process.stdout.write(`Registered ${deployed.names.length} commands for ${where}: ${deployed.names.join(', ')}\n`);
    return 0;
  } catch (error) {
    const status = (error as { status?: number }).status;
    const message =
      status === 401
        ? 'Discord refused DISCORD_TOKEN (401 Unauthorized).'
        : status === 403 || status === 404
          ? `Discord refused the registration (${status}): check DISCORD_APPLICATION_ID${config?.guildId ? ', DISCORD_GUILD_ID, and that the bot was invited with the applications.commands scope' : ''}.`
          : error instanceof Error
            ? error.message
            : String(error);
    process.stderr.write(`modlab: ${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => process.exit(code));
}
