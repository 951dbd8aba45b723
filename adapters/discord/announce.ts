/**
 * The app speaking unprompted on Discord (a quiz revealed when its time is up): a bot
 * message in the scope's channel, or in its thread (a thread has a channel id of its own, so
 * it is posted to directly). Sent with REST rather than a cached channel object: after a
 * restart an exercise thread need not be in discord.js's cache, and POST
 * /channels/{id}/messages needs nothing but the id.
 */
import { Routes, type Client } from 'discord.js';
import type { Scope } from '../../src/contracts/invocation';
import type { Reply } from '../../src/contracts/reply';
import type { Announcer } from '../../src/contracts/announcer';
import { renderReply } from './render';
import type { DiscordShelf } from './dispatch';

/** The channel id a scope's messages go to: its thread's when it has one. */
export function channelIdOf(scope: Scope): string {
  return scope.thread ?? scope.channel;
}

export function discordAnnouncer(client: Client, shelf: DiscordShelf): Announcer {
  return {
    platform: 'discord',
    async post(scope: Scope, reply: Reply): Promise<Scope | void> {
      // Failures are thrown: the app logs them with the scope (src/teaching/teaching.ts).
      if (scope.platform !== 'discord') throw new Error(`the Discord adapter cannot post to a ${scope.platform} conversation`);
      // Discord has no unprompted ephemeral message: a private reply must not go public.
      if (reply.visibility !== 'channel') throw new Error('the Discord adapter cannot post a private reply unprompted');
      const message = renderReply(reply, { stash: (text) => shelf.put(text) });
      const posted = (await client.rest.post(Routes.channelMessages(channelIdOf(scope)), {
        body: { content: message.content, components: message.components, allowed_mentions: message.allowedMentions },
      })) as { id?: string } | undefined;
      // A thread on the message, as dispatch.ts opens one for a slash command (an exercise started from the dashboard).
      if (!reply.openThread || scope.thread || typeof posted?.id !== 'string') return;
      const thread = (await client.rest.post(Routes.threads(scope.channel, posted.id), { body: { name: reply.openThread.name.slice(0, 100) || 'Modlab' } })) as { id?: string } | undefined;
      return typeof thread?.id === 'string' ? { ...scope, thread: thread.id } : undefined;
    },
  };
}
