/**
 * Discord interactions → Invocations: where (scope), who (user and roles), what (command
 * input, or a button's action). Only reads the interaction; dispatch.ts does the answering.
 */
import {
  ActionRowBuilder,
  GuildMember,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type BaseInteraction,
  type CommandInteractionOption,
} from 'discord.js';
import type { ChatCommand } from '../../src/contracts/command';
import type { CommandInput, Role, Scope, User } from '../../src/contracts/invocation';
import type { EditRequest } from '../../src/contracts/reply';
import { INSTRUCTOR_PERMISSION } from './commands';

/**
 * One machine per server channel; a thread is a machine of its own (it has its own channel
 * id), recorded under its parent channel. undefined outside a server (DMs).
 */
export function scopeOf(interaction: BaseInteraction): Scope | undefined {
  if (!interaction.inGuild() || interaction.channelId === null) return undefined;
  const channel = interaction.channel;
  if (channel?.isThread() && channel.parentId) {
    return { platform: 'discord', workspace: interaction.guildId, channel: channel.parentId, thread: channel.id };
  }
  return { platform: 'discord', workspace: interaction.guildId, channel: interaction.channelId };
}

/** Instructors: members who may manage channels, or who hold DISCORD_INSTRUCTOR_ROLE. */
export function userOf(interaction: BaseInteraction, instructorRole?: string): User {
  const member = interaction.member;
  let name = interaction.user.globalName ?? interaction.user.username;
  let roleIds: readonly string[] = [];
  if (member instanceof GuildMember) {
    name = member.displayName;
    roleIds = [...member.roles.cache.keys()];
  } else if (member) {
    name = member.nick ?? name;
    roleIds = member.roles;
  }
  const manages = interaction.memberPermissions?.has(INSTRUCTOR_PERMISSION) ?? false;
  const instructor = manages || (instructorRole !== undefined && roleIds.includes(instructorRole));
  const roles: Role[] = instructor ? ['instructor'] : ['student'];
  return { id: interaction.user.id, name, roles };
}

type OptionValue = string | number | boolean;

function values(options: readonly CommandInteractionOption[] | undefined): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const o of options ?? []) {
    if (o.value !== undefined && o.value !== null) out[o.name] = o.value;
  }
  return out;
}

/**
 * A slash command as the app takes it. Without a subcommand, the option values go in
 * `options` and `text` stays "" (the app joins them in its own order). With one (/modlab
 * reboot cmdline:…), `text` is the subcommand name and its values in declared order.
 */
export function commandInput(command: ChatCommand | undefined, name: string, data: readonly CommandInteractionOption[]): CommandInput {
  const sub = data.find((o) => o.options !== undefined && o.value === undefined);
  if (!sub) return { kind: 'command', command: name, options: values(data), text: '' };
  const options = values(sub.options);
  const declared = command?.data.subcommands?.find((s) => s.name === sub.name)?.options ?? [];
  const order = [...declared.map((o) => o.name), ...Object.keys(options).filter((k) => !declared.some((o) => o.name === k))];
  const words = order.map((k) => options[k]).filter((v) => v !== undefined && String(v).trim() !== '').map((v) => String(v).trim());
  return { kind: 'command', command: name, options, text: [sub.name, ...words].join(' ') };
}

/** The shell lines an invocation of /sh carries, as the app takes them (one per line). */
export function shellInput(script: string): CommandInput {
  return { kind: 'command', command: 'sh', text: script };
}

/* ---------------------------------------------------------------------------------- */
/* "Run in Modlab": the shell lines of a message's code block                          */

/** Language tags Discord hides after an opening fence that a shell script is likely to carry. */
const SCRIPT_LANGUAGES = new Set(['sh', 'bash', 'shell', 'console', 'shellsession', 'zsh', 'text', 'txt', 'plaintext', 'ansi', 'terminal']);

/** A line of a pasted terminal session: "$ lsmod" or "root@modlab:~# lsmod". */
const PROMPTED = /^\s*(?:\S+@\S+:\S*[#$]|[#$])\s+(.*)$/;

/**
 * The script in a message: the first fenced code block (else the message's inline code,
 * else nothing). When the block is a pasted session, only its prompted lines run, without
 * their prompts, so that pasting Modlab's own transcript reruns its commands, not its output.
 */
export function scriptOfMessage(content: string): string | undefined {
  let body: string | undefined;
  const fenced = /```([^\n`]*)\n?([\s\S]*?)```/.exec(content);
  if (fenced) {
    const [, first, rest] = fenced;
    const tag = first.trim();
    if (!fenced[0].includes('\n')) body = first;
    else if (tag === '' || SCRIPT_LANGUAGES.has(tag.toLowerCase())) body = rest;
    else body = `${first}\n${rest}`;
  } else {
    const inline = /`([^`\n]+)`/.exec(content);
    body = inline?.[1];
  }
  if (body === undefined) return undefined;
  const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '');
  const prompted = lines.map((l) => PROMPTED.exec(l)?.[1]).filter((l): l is string => l !== undefined && l.trim() !== '');
  if (prompted.length > 0) return prompted.join('\n');
  // A plain script keeps its blank and indented lines: a here-document's body is source text.
  return lines.length > 0 ? body.replace(/\r\n/g, '\n').replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '') : undefined;
}

/* ---------------------------------------------------------------------------------- */
/* The /sh modal: several lines at once                                                 */

export const SH_MODAL_ID = 'modlab:sh';
export const SH_MODAL_FIELD = 'lines';
/** Discord: a paragraph text input holds at most 4000 characters. */
export const SH_MODAL_MAX_LENGTH = 4000;

export function shModal(): ModalBuilder {
  const field = new TextInputBuilder()
    .setCustomId(SH_MODAL_FIELD)
    .setLabel('Shell lines, one per line')
    .setStyle(TextInputStyle.Paragraph)
    .setPlaceholder('insmod hello.ko\nlsmod | head -3\ndmesg | tail -2')
    .setRequired(true)
    .setMaxLength(SH_MODAL_MAX_LENGTH);
  return new ModalBuilder()
    .setCustomId(SH_MODAL_ID)
    .setTitle('Run in Modlab')
    .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(field));
}

/* ---------------------------------------------------------------------------------- */
/* The /edit modal: a file of the machine in a text box                                 */

export const EDIT_MODAL_ID = 'modlab:edit';

/** An edit modal's custom_id: whether it is one, and the version it was opened on (none from a modal opened before versions). */
export function editModalVersion(customId: string): { version?: string } | undefined {
  if (customId === EDIT_MODAL_ID) return {};
  return customId.startsWith(`${EDIT_MODAL_ID}:`) ? { version: customId.slice(EDIT_MODAL_ID.length + 1) } : undefined;
}
export const EDIT_MODAL_PATH = 'path';
export const EDIT_MODAL_CONTENT = 'content';
/** Discord: a modal's title is at most 45 characters. */
export const MODAL_TITLE_MAX = 45;

/**
 * The file in a modal: its path (prefilled, so "save as" is one change away) and its content
 * (prefilled; at most SH_MODAL_MAX_LENGTH characters, which the caller has checked).
 */
export function editModal(edit: EditRequest): ModalBuilder {
  const path = new TextInputBuilder()
    .setCustomId(EDIT_MODAL_PATH)
    .setLabel('File')
    .setStyle(TextInputStyle.Short)
    .setValue(edit.path)
    .setRequired(true)
    .setMaxLength(SH_MODAL_MAX_LENGTH);
  const content = new TextInputBuilder()
    .setCustomId(EDIT_MODAL_CONTENT)
    .setLabel(edit.exists ? 'Content' : 'Content (a new file)')
    .setStyle(TextInputStyle.Paragraph)
    .setRequired(false)
    .setMaxLength(SH_MODAL_MAX_LENGTH);
  // discord.js refuses an empty prefill: a new file's box just starts empty.
  if (edit.content !== '') content.setValue(edit.content);
  const title = `Edit ${edit.name}`;
  return new ModalBuilder()
    // The version rides in the custom_id (≤ 100 characters; a version is 22), so the save can say what it was opened on.
    .setCustomId(`${EDIT_MODAL_ID}:${edit.version}`)
    .setTitle(title.length <= MODAL_TITLE_MAX ? title : `Edit …${edit.name.slice(-(MODAL_TITLE_MAX - 6))}`)
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(path),
      new ActionRowBuilder<TextInputBuilder>().addComponents(content),
    );
}
