/**
 * Sends a rendered Reply to where it was asked for. A slash command (never in a thread)
 * answers through its response_url, which works even in channels the bot has not joined;
 * mentions, shortcuts and clicks in threads answer with the Web API and thread_ts.
 */
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../src/contracts/reply';
import type { Conversation } from './invocations';
import { escapeMrkdwn, renderReply, type SlackMessage } from './render';
import type { SlackShelf } from './upload';

export interface Destination {
  conversation: Conversation;
  /** The invoking user's Slack id (ephemeral answers go to them). */
  user: string;
  /** The payload's response_url, when it had one. */
  respond?: RespondFn;
}

/**
 * Under a thread's parent message: slash commands do not run in threads, so the thread's
 * commands, the teaching ones included, are mentions.
 */
export const THREAD_INVITATION =
  'This thread has its own machine: mention @Modlab here to use it, e.g. `@Modlab lsmod`, `@Modlab exercise hint` (slash commands do not run in threads).';

/** Posts the reply; returns the destination of the thread it opened (Reply.openThread), if any. */
export async function deliver(client: WebClient, to: Destination, reply: Reply, shelf: SlackShelf): Promise<Destination | undefined> {
  const rendered = renderReply(reply, { stash: (block) => shelf.put(block) });
  let where = to;
  let opened: Destination | undefined;
  if (reply.openThread && !rendered.ephemeral) {
    const parent = await client.chat.postMessage({
      channel: to.conversation.channel,
      text: `:thread: *${escapeMrkdwn(reply.openThread.name)}*\n${THREAD_INVITATION}`,
    });
    if (parent.ts) where = opened = { ...to, conversation: { ...to.conversation, thread: parent.ts }, respond: undefined };
  }
  for (const message of rendered.messages) await send(client, where, message, rendered.ephemeral);
  return opened;
}

async function send(client: WebClient, to: Destination, message: SlackMessage, ephemeral: boolean): Promise<void> {
  const { channel, thread } = to.conversation;
  if (to.respond && !thread) {
    await to.respond({ ...message, response_type: ephemeral ? 'ephemeral' : 'in_channel', replace_original: false });
    return;
  }
  const threadTs = thread ? { thread_ts: thread } : {};
  if (ephemeral) {
    await client.chat.postEphemeral({ channel, user: to.user, ...message, ...threadTs });
  } else {
    await client.chat.postMessage({ channel, ...message, ...threadTs, unfurl_links: false, unfurl_media: false });
  }
}
