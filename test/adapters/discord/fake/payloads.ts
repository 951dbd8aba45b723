/** Interaction data as Discord sends it, for FakeDiscord.interact(). */
import { snowflake } from './fake-discord';

type Value = string | number | boolean;

/** A slash command; `sub` names a subcommand whose options these are. */
export function slash(name: string, options: Record<string, Value> = {}, sub?: string): Record<string, unknown> {
  const typed = Object.entries(options).map(([n, value]) => ({
    name: n,
    type: typeof value === 'string' ? 3 : typeof value === 'number' ? 4 : 5,
    value,
  }));
  return {
    id: snowflake(),
    name,
    type: 1,
    options: sub ? [{ name: sub, type: 1, options: typed }] : typed,
  };
}

/** An autocomplete request for `focused` of /name (in subcommand `sub`). */
export function autocomplete(name: string, focused: string, value: string, sub?: string): Record<string, unknown> {
  const option = [{ name: focused, type: 3, value, focused: true }];
  return { id: snowflake(), name, type: 1, options: sub ? [{ name: sub, type: 1, options: option }] : option };
}

export function button(customId: string): Record<string, unknown> {
  return { custom_id: customId, component_type: 2 };
}

export function modal(customId: string, fields: Record<string, string>): Record<string, unknown> {
  return {
    custom_id: customId,
    components: Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })),
  };
}

export function userMessage(channelId: string, content: string): Record<string, unknown> {
  return {
    id: snowflake(),
    type: 0,
    channel_id: channelId,
    author: { id: '1200000000000000009', username: 'dave', discriminator: '0', global_name: null, avatar: null },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: 0,
    components: [],
  };
}

/** The message context-menu command "Run in Modlab" on `message`. */
export function messageCommand(name: string, message: Record<string, unknown>): Record<string, unknown> {
  return { id: snowflake(), name, type: 3, target_id: message.id, resolved: { messages: { [String(message.id)]: message } } };
}

/** A bot message carrying buttons, as a component interaction's `message`. */
export function botMessage(channelId: string, applicationId: string, components: unknown[]): Record<string, unknown> {
  return {
    ...userMessage(channelId, 'output'),
    author: { id: applicationId, username: 'Modlab', discriminator: '0', bot: true, avatar: null },
    components,
    application_id: applicationId,
  };
}
