/**
 * The HTTP agent for discord.js's REST calls, taken from the undici that @discordjs/rest
 * itself depends on.
 *
 * Why: without an agent, @discordjs/rest sends through undici's process-wide global
 * dispatcher (globalThis[Symbol.for('undici.globalDispatcher.1')]), which belongs to
 * whichever copy of undici was loaded first. @slack/bolt brings @slack/socket-mode and
 * with it undici 7, and adapters/main.ts imports the Slack adapter before this one, so
 * undici 7's Agent became Discord's too. Its request body encoder accepts only undici 7's
 * own FormData, not the FormData @discordjs/rest builds for attachments: every upload (the
 * "Whole output as a file" button) failed with "TypeError: action is not a function"
 * (undici/lib/web/fetch/body.js), while JSON requests kept working.
 */
import { createRequire } from 'node:module';
import type { RESTOptions } from 'discord.js';

export type RestAgent = NonNullable<RESTOptions['agent']>;

/** A fresh Agent of @discordjs/rest's own undici, wherever the package manager put it. */
export function restAgent(): RestAgent {
  const fromDiscordJs = createRequire(require.resolve('discord.js'));
  const fromRest = createRequire(fromDiscordJs.resolve('@discordjs/rest'));
  const { Agent } = fromRest('undici') as { Agent: new () => RestAgent };
  return new Agent();
}
