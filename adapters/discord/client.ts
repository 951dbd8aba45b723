/**
 * The discord.js client Modlab needs: the Guilds intent only (slash commands, buttons,
 * modals and context menus arrive as interactions without privileged intents), no pings
 * by default, a small message cache, REST on its own undici agent (rest-agent.ts: the Slack
 * adapter's undici must not carry Discord's uploads), and a login that fails with one line.
 */
import { Client, DiscordAPIError, DiscordjsError, Events, GatewayIntentBits, Options } from 'discord.js';
import type { DiscordConfig } from './config';
import { restAgent } from './rest-agent';

/** How long a login may take, READY and every GUILD_CREATE included (discord.js waits up to 15 s for guilds). */
export const LOGIN_TIMEOUT_MS = 30_000;

export class DiscordStartError extends Error {
  readonly code = 'discord-start';
  constructor(message: string) {
    super(message);
    this.name = 'DiscordStartError';
  }
}

export function createClient(config: DiscordConfig): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { ...(config.apiUrl ? { api: config.apiUrl } : {}), agent: restAgent() },
    allowedMentions: { parse: [] },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
  });
}

/** Logs in and waits until the client is ready; a refused token or an unreachable Discord is a DiscordStartError. */
export async function login(client: Client, config: DiscordConfig, timeoutMs: number = LOGIN_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DiscordStartError(`Discord did not get ready within ${timeoutMs / 1000} s.`)), timeoutMs);
  });
  try {
    await Promise.race([client.login(config.token).then(() => ready), late]);
  } catch (error) {
    await destroyClient(client).catch(() => undefined);
    throw error instanceof DiscordStartError ? error : new DiscordStartError(loginFailure(error, config));
  } finally {
    clearTimeout(timer);
  }
}

/** Logs out and closes the client's own REST agent (its idle keep-alive sockets with it). */
export async function destroyClient(client: Client): Promise<void> {
  await client.destroy();
  await client.rest.agent?.destroy();
}

function loginFailure(error: unknown, config: DiscordConfig): string {
  if (error instanceof DiscordjsError && error.code === 'TokenInvalid') {
    return 'Discord refused DISCORD_TOKEN (401 Unauthorized): copy a fresh token from the Bot page of the Developer Portal.';
  }
  if (error instanceof DiscordAPIError) return `Discord refused the login: ${error.status} ${error.message}.`;
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code ?? (error as { code?: string } | undefined)?.code;
  const where = config.apiUrl ?? 'https://discord.com/api';
  if (typeof cause === 'string' && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|UND_ERR)/.test(cause)) {
    return `Cannot reach Discord at ${where} (${cause}).`;
  }
  return `Discord login failed: ${error instanceof Error ? error.message : String(error)}`;
}
