/**
 * How Modlab speaks on Slack unprompted (src/contracts/announcer.ts): a quiz whose time is up
 * is revealed with chat.postMessage to the scope's channel, in its thread when the scope is a
 * thread (thread_ts). Rendered like every other answer (render.ts: escaping, limits).
 */
import type { WebClient } from '@slack/web-api';
import type { Scope } from '../../src/contracts/invocation';
import type { Logger } from '../../src/contracts/logger';
import type { Reply } from '../../src/contracts/reply';
import type { Announcer } from '../../src/contracts/announcer';
import { deliver } from './deliver';
import { errorText } from './people';
import type { SlackShelf } from './upload';

export class SlackAnnouncer implements Announcer {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: WebClient,
    private readonly shelf: SlackShelf,
    private readonly logger: Logger,
  ) {}

  async post(scope: Scope, reply: Reply): Promise<Scope | void> {
    if (scope.platform !== 'slack') throw new Error(`Slack cannot post to a ${scope.platform} conversation`);
    const conversation = { workspace: scope.workspace, channel: scope.channel, thread: scope.thread };
    try {
      // Nobody asked, so there is nobody to answer privately: an announcement is for everyone there.
      // deliver posts a thread's parent message first when the reply asks for one (openThread).
      const opened = await deliver(this.client, { conversation, user: '' }, { ...reply, visibility: 'channel' }, this.shelf);
      if (opened?.conversation.thread) return { ...scope, thread: opened.conversation.thread };
    } catch (error) {
      this.logger.error('slack announcement failed', { team: scope.workspace, channel: scope.channel, thread: scope.thread, error: errorText(error) });
      throw error;
    }
  }
}
