/** Slack payloads as the platform sends them (trimmed to the fields Bolt and Modlab read). */
import { randomUUID } from 'node:crypto';
import { BOT_USER_ID, TEAM_ID } from './fake-slack';

export const CHANNEL = 'C0LAB1';

export function slashCommand(command: string, text: string, responseUrl: string, user = 'U0ALICE', userName = 'alice'): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    team_domain: 'class',
    channel_id: CHANNEL,
    channel_name: 'lab',
    user_id: user,
    user_name: userName,
    command,
    text,
    api_app_id: 'A0MODLAB',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `trig.${randomUUID()}`,
  };
}

export function mentionEvent(text: string, options: { thread_ts?: string; user?: string; event_id?: string; ts?: string } = {}): Record<string, unknown> {
  const ts = options.ts ?? `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const event: Record<string, unknown> = {
    type: 'app_mention',
    user: options.user ?? 'U0ALICE',
    text: `<@${BOT_USER_ID}> ${text}`,
    ts,
    channel: CHANNEL,
    event_ts: ts,
  };
  if (options.thread_ts) event.thread_ts = options.thread_ts;
  return {
    token: 'deprecated-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0MODLAB',
    event,
    type: 'event_callback',
    event_id: options.event_id ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function messageShortcut(text: string, responseUrl: string, message: { ts?: string; thread_ts?: string } = {}): Record<string, unknown> {
  const ts = message.ts ?? '1700000100.000100';
  const msg: Record<string, unknown> = { type: 'message', user: 'U0BOB', ts, text };
  if (message.thread_ts) msg.thread_ts = message.thread_ts;
  return {
    type: 'message_action',
    token: 'deprecated-verification-token',
    action_ts: `${Date.now() / 1000}`,
    team: { id: TEAM_ID, domain: 'class' },
    user: { id: 'U0ALICE', username: 'alice', name: 'alice', team_id: TEAM_ID },
    channel: { id: CHANNEL, name: 'lab' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: 'modlab_run',
    trigger_id: `trig.${randomUUID()}`,
    response_url: responseUrl,
    message_ts: ts,
    message: msg,
  };
}

export function buttonClick(
  actionId: string,
  value: string,
  responseUrl: string,
  message: { ts?: string; thread_ts?: string } = {},
  user: { id: string; name: string } = { id: 'U0ALICE', name: 'alice' },
): Record<string, unknown> {
  const ts = message.ts ?? '1700000200.000100';
  const msg: Record<string, unknown> = { type: 'message', user: BOT_USER_ID, ts, text: 'Modlab', blocks: [] };
  if (message.thread_ts) msg.thread_ts = message.thread_ts;
  const container: Record<string, unknown> = { type: 'message', message_ts: ts, channel_id: CHANNEL, is_ephemeral: false };
  if (message.thread_ts) container.thread_ts = message.thread_ts;
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM_ID },
    api_app_id: 'A0MODLAB',
    token: 'deprecated-verification-token',
    container,
    trigger_id: `trig.${randomUUID()}`,
    team: { id: TEAM_ID, domain: 'class' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: CHANNEL, name: 'lab' },
    message: msg,
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value, action_ts: `${Date.now() / 1000}` }],
  };
}

/** A modal's Save, as Slack posts it (view_submission) with the inputs' values. */
export function viewSubmission(callbackId: string, privateMetadata: string, values: Record<string, Record<string, { type: string; value: string | null }>>, user = { id: 'U0ALICE', name: 'alice' }): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: TEAM_ID, domain: 'class' },
    user: { id: user.id, username: user.name, name: user.name, team_id: TEAM_ID },
    api_app_id: 'A0MODLAB',
    token: 'deprecated-verification-token',
    trigger_id: `trig.${randomUUID()}`,
    view: {
      id: `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      team_id: TEAM_ID,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      hash: `${Date.now()}.abc`,
      state: { values },
      blocks: [],
    },
  };
}
