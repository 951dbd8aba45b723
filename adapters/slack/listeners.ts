/**
 * Bolt listeners: acknowledge, translate, delegate (STYLE.md "Adapters"). Each one acks
 * first (Slack wants it within 3 s), drops a redelivery, turns the payload into an
 * Invocation, lets the app answer, and delivers the Reply.
 */
import type { App as Bolt, BlockAction, ButtonAction, MessageShortcut, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { App } from '../../src/app/app';
import { threadClaim, type Invocation } from '../../src/contracts/invocation';
import type { LogFields, Logger } from '../../src/contracts/logger';
import { noticeReply, type Reply } from '../../src/contracts/reply';
import type { DeliveryLog } from './dedupe';
import { deliver, type Destination } from './deliver';
import {
  actionInvocation,
  type Conversation,
  mentionCommands,
  mentionInvocation,
  shortcutInvocation,
  scopeOf,
  slashCommandInvocation,
  threadOf,
} from './invocations';
import { errorText, type People } from './people';
import { CHOICE_ACTION_PREFIX, UPLOAD_ACTION_PREFIX } from './render';
import type { EditRequest } from '../../src/contracts/reply';
import { EDIT_COMMAND, editSave, editTooLong } from '../../src/contracts/edit';
import { EDIT_ACTION_ID, EDIT_VIEW_ID, editButtonMessage, editView, SLACK_TEXT_BOX_MAX, submittedEdit } from './edit';
import { type SlackShelf, uploadOutput } from './upload';

/** The message shortcut's callback_id (manifest.ts declares it). */
export const RUN_SHORTCUT = 'modlab_run';

export interface Adapter {
  app: App;
  people: People;
  deliveries: DeliveryLog;
  shelf: SlackShelf;
  logger: Logger;
  /** Answers under way, so that stop() can let them reach Slack before the app closes. */
  inFlight: Set<Promise<void>>;
}

export function listen(bolt: Bolt, m: Adapter): void {
  for (const { data } of m.app.commands) {
    bolt.command(`/${data.name}`, async ({ ack, body, respond, client }) => {
      await ack();
      if (!(await m.deliveries.first(`trigger:${body.trigger_id}`))) return;
      const to = { conversation: { workspace: body.team_id, channel: body.channel_id }, user: body.user_id, respond };
      await answer(
        m,
        client,
        to,
        `slack:${body.trigger_id}`,
        async (id) => slashCommandInvocation(id, body, await m.people.user(body.team_id, body.user_id, body.user_name)),
        body.trigger_id,
      );
    });
  }

  const chatCommands = mentionCommands(m.app.commands);
  bolt.event('app_mention', async ({ event, body, client, context }) => {
    if (!(await m.deliveries.first(`event:${body.event_id}`)) || event.bot_id || !event.user) return;
    const workspace = body.team_id;
    const conversation: Conversation = { workspace, channel: event.channel, thread: event.thread_ts };
    const user = event.user;
    await answer(m, client, { conversation, user }, `slack:${body.event_id}`, async (id) =>
      mentionInvocation(id, conversation, await m.people.user(workspace, user), event.text, context.botUserId, chatCommands),
    );
  });

  bolt.shortcut<MessageShortcut>({ type: 'message_action', callback_id: RUN_SHORTCUT }, async ({ ack, body, client, respond }) => {
    await ack();
    if (!(await m.deliveries.first(`trigger:${body.trigger_id}`))) return;
    const workspace = body.team?.id ?? body.user.team_id ?? '';
    const conversation = { workspace, channel: body.channel.id, thread: threadOf(body.message) };
    const to = { conversation, user: body.user.id, respond };
    await answer(m, client, to, `slack:${body.trigger_id}`, async (id) => {
      const user = await m.people.user(workspace, body.user.id, body.user.name);
      const invocation = shortcutInvocation(id, conversation, user, body.message.text ?? '');
      return invocation ?? noticeReply('warning', 'That message has no code block (```…```) with a command line to run.');
    });
  });

  bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: new RegExp(`^${escapeRegExp(CHOICE_ACTION_PREFIX)}`) }, async ({ ack, body, action, client, respond }) => {
    await ack();
    if (!(await m.deliveries.first(`trigger:${body.trigger_id}`))) return;
    const { conversation, to } = clickedIn(body, respond);
    await answer(m, client, to, `slack:${body.trigger_id}`, async (id) =>
      actionInvocation(id, conversation, await m.people.user(conversation.workspace, body.user.id, body.user.name), action.value ?? ''),
    );
  });

  // /edit where no modal could open at once (a mention): the button opens it, with a fresh read of the file.
  bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: EDIT_ACTION_ID }, async ({ ack, body, action, client, respond }) => {
    await ack();
    if (!(await m.deliveries.first(`trigger:${body.trigger_id}`))) return;
    const { conversation, to } = clickedIn(body, respond);
    const user = body.user;
    await answer(
      m,
      client,
      to,
      `slack:${body.trigger_id}`,
      async (id) => ({ id, scope: scopeOf(conversation), user: await m.people.user(conversation.workspace, user.id, user.name), input: { kind: 'command', command: EDIT_COMMAND, text: action.value ?? '' } }),
      body.trigger_id,
    );
  });

  // The /edit modal's Save: the file goes back to the machine it came from.
  bolt.view({ callback_id: EDIT_VIEW_ID, type: 'view_submission' }, async ({ ack, body, view, client }) => {
    await ack();
    const saved = submittedEdit(view);
    if (!saved || !(await m.deliveries.first(`view:${view.id}:${view.hash}`))) return;
    const to: Destination = { conversation: saved.conversation, user: body.user.id };
    await answer(m, client, to, `slack:${view.id}`, async (id) => ({
      id,
      scope: scopeOf(saved.conversation),
      user: await m.people.user(saved.conversation.workspace, body.user.id, body.user.name),
      input: editSave(saved.path, saved.content, saved.version),
    }));
  });

  bolt.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: new RegExp(`^${escapeRegExp(UPLOAD_ACTION_PREFIX)}`) }, async ({ ack, body, action, client, respond }) => {
    await ack();
    if (!(await m.deliveries.first(`trigger:${body.trigger_id}`))) return;
    const { conversation, to } = clickedIn(body, respond);
    const block = m.shelf.get(action.value ?? '');
    if (!block) {
      await reply(m, client, to, noticeReply('warning', 'That output is no longer kept (Modlab restarted or it is too old). Run the command again.'), {});
      return;
    }
    try {
      await uploadOutput(client, conversation, block, body.user.name ?? body.user.id);
    } catch (error) {
      m.logger.error('slack upload failed', { ...where(conversation), error: errorText(error) });
      await reply(m, client, to, noticeReply('error', `Slack refused the upload (${slackError(error)}). Invite @Modlab to this channel, then try again.`), {});
    }
  });
}

/** Runs one invocation and delivers its reply; nothing escapes (a bad request never ends the process). */
function answer(
  m: Adapter,
  client: WebClient,
  to: Destination,
  id: string,
  build: (id: string) => Promise<Invocation | Reply>,
  trigger?: string,
): Promise<void> {
  const work = answerNow(m, client, to, id, build, trigger).finally(() => m.inFlight.delete(work));
  m.inFlight.add(work);
  return work;
}

async function answerNow(
  m: Adapter,
  client: WebClient,
  to: Destination,
  id: string,
  build: (id: string) => Promise<Invocation | Reply>,
  trigger?: string,
): Promise<void> {
  const fields: LogFields = { invocation: id, ...where(to.conversation), user: to.user };
  let result: Reply;
  let invocation: Invocation | undefined;
  try {
    const built = await build(id);
    if ('input' in built) invocation = built;
    result = 'input' in built ? await m.app.handle(built) : built;
  } catch (error) {
    m.logger.error('slack invocation failed', { ...fields, error: errorText(error) });
    result = noticeReply('error', `Modlab could not run that (invocation ${id}).`);
  }
  if (result.edit) return openEditor(m, client, to, result.edit, fields, trigger);
  const opened = await reply(m, client, to, result, fields);
  const claim = result.openThread?.claim;
  if (opened?.conversation.thread && claim && invocation) {
    // Tell the app which thread it got (threadClaim), and answer in it.
    const claimed = await m.app
      .handle(threadClaim(invocation, scopeOf(opened.conversation), claim))
      .catch((error: unknown) => {
        m.logger.error('slack thread claim failed', { ...fields, error: errorText(error) });
        return undefined;
      });
    if (claimed && claimed.blocks.length > 0) await reply(m, client, opened, claimed, fields);
  }
}

async function reply(m: Adapter, client: WebClient, to: Destination, result: Reply, fields: LogFields): Promise<Destination | undefined> {
  try {
    return await deliver(client, to, result, m.shelf);
  } catch (error) {
    m.logger.error('slack delivery failed', { ...fields, error: errorText(error) });
    if (result.visibility === 'channel') {
      // Tell the user why the class saw nothing (e.g. not_in_channel for a mention's thread).
      const why = noticeReply('error', `Modlab could not post its answer here (${slackError(error)}).`);
      await deliver(client, to, why, m.shelf).catch(() => undefined);
    }
  }
}

/**
 * /edit's answer: the modal (with the request's trigger), a button that opens it (a mention
 * has no trigger), or, for a file longer than a Slack text box, why it cannot be opened.
 */
async function openEditor(m: Adapter, client: WebClient, to: Destination, edit: EditRequest, fields: LogFields, trigger?: string): Promise<void> {
  if (edit.content.length > SLACK_TEXT_BOX_MAX) {
    await reply(m, client, to, noticeReply('warning', editTooLong(edit, SLACK_TEXT_BOX_MAX, 'a Slack text box')), fields);
    return;
  }
  try {
    if (trigger) {
      await client.views.open({ trigger_id: trigger, view: editView(edit, to.conversation) });
      return;
    }
    const message = editButtonMessage(edit);
    const { channel, thread } = to.conversation;
    if (to.respond && !thread) await to.respond({ ...message, response_type: 'ephemeral', replace_original: false });
    else await client.chat.postEphemeral({ channel, user: to.user, ...message, ...(thread ? { thread_ts: thread } : {}) });
  } catch (error) {
    m.logger.error('slack edit failed', { ...fields, error: errorText(error) });
    await reply(m, client, to, noticeReply('error', `Slack would not open the text box (${slackError(error)}); run /edit again.`), fields);
  }
}

function clickedIn(body: BlockAction, respond: RespondFn): { conversation: Conversation; to: Destination } {
  const container = body.container as { message_ts?: string; thread_ts?: string; channel_id?: string };
  const message = body.message ?? { ts: container.message_ts, thread_ts: container.thread_ts };
  const conversation: Conversation = {
    workspace: body.team?.id ?? body.user.team_id ?? '',
    channel: body.channel?.id ?? container.channel_id ?? '',
    thread: threadOf(message),
  };
  return { conversation, to: { conversation, user: body.user.id, respond } };
}

function where(c: Conversation): LogFields {
  return { team: c.workspace, channel: c.channel, thread: c.thread };
}

function slackError(error: unknown): string {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error;
  return typeof code === 'string' ? code : 'error';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
