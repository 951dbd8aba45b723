/**
 * Slack payloads → Invocations (pure). Which machine: the channel's, or a thread's own when
 * the conversation is a thread (Scope.thread = the parent message's ts).
 */
import type { Invocation, Scope, User } from '../../src/contracts/invocation';
import type { CommandData } from '../../src/contracts/command';
import { commands } from '../../commands';

/** Where an answer goes: the conversation, and (for Web API answers) the thread in it. */
export interface Conversation {
  workspace: string;
  channel: string;
  /** The parent message's ts when the conversation is a thread. */
  thread?: string;
}

export function scopeOf(conversation: Conversation): Scope {
  const scope: Scope = { platform: 'slack', workspace: conversation.workspace, channel: conversation.channel };
  if (conversation.thread) scope.thread = conversation.thread;
  return scope;
}

/**
 * The thread a message lives in. A thread's parent carries thread_ts equal to its own ts,
 * but it sits in the channel, so it belongs to the channel's machine.
 */
export function threadOf(message: { ts?: string; thread_ts?: string } | undefined): string | undefined {
  if (!message?.thread_ts) return undefined;
  return message.thread_ts === message.ts ? undefined : message.thread_ts;
}

/**
 * Slack sends &, < and > escaped, and wraps links and mentions in <…> (docs: "Formatting
 * text for app surfaces"). A shell line wants what the user typed: links become their text,
 * entities their characters, and phones' typographic quotes plain quotes.
 */
export function typedText(text: string): string {
  return text
    .replace(/<((?:https?|mailto|tel):[^|>]*)\|([^>]*)>/g, '$2')
    .replace(/<((?:https?|mailto|tel):[^>]*)>/g, '$1')
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * The text addressed to the bot: what follows its mention ("hey @Modlab lsmod" → "lsmod"),
 * or what precedes it when nothing follows ("lsmod @Modlab").
 */
export function withoutMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`) : /^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/;
  const found = mention.exec(text);
  if (!found) return text.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/, '').trim();
  const after = text.slice(found.index + found[0].length).trim();
  return after !== '' ? after : text.slice(0, found.index).trim();
}

/** The command lines inside a message's ``` code blocks, or [] when it has none. */
export function codeBlockLines(text: string): string[] {
  const blocks = [...text.matchAll(/```([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((b) => b.split('\n')).map((line) => line.trimEnd());
}

/**
 * A code block copied from a terminal ("root@modlab:~# lsmod" then output, or "$ lsmod")
 * runs only its command lines; a plain script runs every line.
 */
const PROMPT = /^(?:[\w.-]+@[\w.-]+:[^\s#$]*[#$]|\$)\s+/;
export function commandLines(lines: readonly string[]): string[] {
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const prompted = nonBlank.filter((l) => PROMPT.test(l));
  if (prompted.length > 0) return prompted.map((l) => l.replace(PROMPT, '').trim());
  // A plain script keeps its blank and indented lines (a here-document's body is source text);
  // only blank lines around it go.
  const first = lines.findIndex((l) => l.trim() !== '');
  const last = lines.length - 1 - [...lines].reverse().findIndex((l) => l.trim() !== '');
  return first < 0 ? [] : lines.slice(first, last + 1).map((l) => l.trimEnd());
}

/**
 * Chat commands that are not shell tools (those with subcommands, and /edit): a mention starting with
 * one of these words runs that command, since slash commands do not run in threads
 * (`@Modlab exercise hint`). Taken from the command list, never written out by hand.
 */
export function mentionCommands(list: readonly { data: CommandData }[]): string[] {
  return list.filter((c) => (c.data.subcommands?.length ?? 0) > 0 || c.data.chatOnly === true).map((c) => c.data.name);
}

export const MENTION_CHAT_COMMANDS: readonly string[] = mentionCommands(commands);

/**
 * What a mention asks for: `@Modlab insmod hello.ko` is a shell line; `@Modlab modlab reboot`
 * the /modlab command, `@Modlab exercise hint` the /exercise command.
 */
export function mentionInput(text: string, botUserId: string | undefined, chatCommands: readonly string[] = MENTION_CHAT_COMMANDS): Invocation['input'] {
  let body = typedText(withoutMention(text, botUserId));
  const fenced = codeBlockLines(body);
  if (fenced.length > 0) {
    body = commandLines(fenced).join('\n');
  } else {
    body = body.replace(/^`([^`]*)`$/, '$1').trim();
  }
  body = body.replace(/^\//, '');
  if (body === '') return { kind: 'command', command: 'modlab', text: 'help' };
  const chat = /^([a-z][\w-]*)(?:\s+([\s\S]*))?$/.exec(body);
  if (chat && chatCommands.includes(chat[1])) return { kind: 'command', command: chat[1], text: (chat[2] ?? '').trim() };
  return { kind: 'command', command: 'sh', text: body };
}

export interface SlashCommandPayload {
  command: string;
  text: string;
  team_id: string;
  channel_id: string;
  user_id: string;
  user_name?: string;
  trigger_id?: string;
}

export function slashCommandInvocation(id: string, body: SlashCommandPayload, user: User): Invocation {
  return {
    id,
    scope: scopeOf({ workspace: body.team_id, channel: body.channel_id }),
    user,
    input: { kind: 'command', command: body.command.replace(/^\//, ''), text: typedText(body.text ?? '').trim() },
  };
}

export function mentionInvocation(
  id: string,
  conversation: Conversation,
  user: User,
  text: string,
  botUserId: string | undefined,
  chatCommands: readonly string[] = MENTION_CHAT_COMMANDS,
): Invocation {
  return { id, scope: scopeOf(conversation), user, input: mentionInput(text, botUserId, chatCommands) };
}

/** The shortcut runs the message's code block; undefined when it has no command lines. */
export function shortcutInvocation(id: string, conversation: Conversation, user: User, messageText: string): Invocation | undefined {
  const lines = commandLines(codeBlockLines(typedText(messageText)));
  if (lines.length === 0) return undefined;
  return { id, scope: scopeOf(conversation), user, input: { kind: 'command', command: 'sh', text: lines.join('\n') } };
}

export function actionInvocation(id: string, conversation: Conversation, user: User, choiceId: string): Invocation {
  return { id, scope: scopeOf(conversation), user, input: { kind: 'action', id: choiceId } };
}
