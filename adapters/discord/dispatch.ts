/**
 * One interaction, answered: acknowledge within Discord's 3 s, translate, delegate to the
 * app, render (STYLE.md "Adapters: acknowledge, translate, delegate"). A command that is
 * done quickly is answered directly; a slow one is deferred and its reply edited in. A
 * failure is logged with its context and answered to the user alone; nothing thrown here
 * reaches the process (10062 "Unknown interaction" included).
 */
import {
  AttachmentBuilder,
  DiscordAPIError,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { App } from '../../src/app/app';
import type { Logger } from '../../src/contracts/logger';
import { threadClaim, type ActionInput, type CommandInput, type Invocation } from '../../src/contracts/invocation';
import type { Reply } from '../../src/contracts/reply';
import type { DiscordConfig } from './config';
import { findOption, RUN_IN_MODLAB } from './commands';
import {
  commandInput,
  editModal,
  EDIT_MODAL_CONTENT,
  editModalVersion,
  EDIT_MODAL_PATH,
  scopeOf,
  scriptOfMessage,
  shellInput,
  shModal,
  SH_MODAL_FIELD,
  SH_MODAL_ID,
  SH_MODAL_MAX_LENGTH,
  userOf,
} from './interactions';
import { EDIT_COMMAND, editSave, editTooLong } from '../../src/contracts/edit';
import { FULL_OUTPUT_FILE_NAME, noticeMessage, parseCustomId, plainText, renderReply, type DiscordMessage } from './render';
import type { OutputShelf } from '../shelf';
import { TEXTS } from '../../src/contracts/texts';

/** Whole outputs of cut replies, as text (adapters/shelf.ts). */
export type DiscordShelf = OutputShelf<string>;

/** Answer directly when the app is done by then; else defer. Leaves room in Discord's 3 s for the network. */
export const DEFER_AFTER_MS = 1200;
/** Autocomplete must answer within 3 s too, and cannot be deferred: no suggestions beat none at all. */
export const AUTOCOMPLETE_DEADLINE_MS = 2000;
/** Discord: at most 25 autocomplete choices, each name and value at most 100 characters. */
export const AUTOCOMPLETE_LIMIT = 25;
export const AUTOCOMPLETE_VALUE_LIMIT = 100;
/** A whole-output file bigger than this is uploaded after a deferral rather than in the first response. */
export const DIRECT_UPLOAD_BYTES = 256 * 1024;

export const TEXT = {
  dm: 'Modlab runs in server channels: each channel (and each thread) has its own machine. Use the commands there.',
  restarting: TEXTS.restarting,
  failed: TEXTS.failed,
  noScript: `That message has no code block to run. Put the shell lines in a \`\`\` block, one per line, then use ${RUN_IN_MODLAB}.`,
  outputGone: 'That output is no longer kept (Modlab keeps recent outputs only, and not across restarts). Run the command again.',
  editSlow: 'Opening the file took too long for Discord to show its text box; run /edit again.',
  unknownButton: TEXTS.buttonGone,
} as const;

export interface DispatchDeps {
  app: App;
  config: DiscordConfig;
  logger: Logger;
  shelf: DiscordShelf;
  /** True once stop() began: new interactions are turned away politely. */
  stopping: () => boolean;
}

export async function dispatch(interaction: Interaction, deps: DispatchDeps): Promise<void> {
  try {
    if (interaction.isAutocomplete()) return await autocomplete(interaction, deps);
    if (!interaction.isRepliable()) return;
    if (deps.stopping()) return void (await interaction.reply(noticeMessage('warning', TEXT.restarting)));
    if (!interaction.inGuild()) return void (await interaction.reply(noticeMessage('info', TEXT.dm)));
    if (interaction.isChatInputCommand()) return await slashCommand(interaction, deps);
    if (interaction.isMessageContextMenuCommand()) return await runMessage(interaction, deps);
    if (interaction.isModalSubmit()) return await modalSubmit(interaction, deps);
    if (interaction.isButton()) return await buttonClick(interaction, deps);
  } catch (error) {
    logFailure(deps.logger, interaction, error);
    if (interaction.isRepliable()) await apologise(interaction, deps.logger);
  }
}

async function slashCommand(interaction: ChatInputCommandInteraction, deps: DispatchDeps): Promise<void> {
  const name = interaction.commandName;
  const command = deps.app.commands.find((c) => c.data.name === name);
  const input = commandInput(command, name, interaction.options.data);
  if (name === 'sh' && String(input.options?.line ?? '').trim() === '') {
    await interaction.showModal(shModal());
    return;
  }
  if (name === EDIT_COMMAND) return openEditor(interaction, input, deps);
  await answer(interaction, input, deps);
}

/**
 * /edit: a modal must be the interaction's first response, so the file is read before
 * Discord's deadline and shown in one; a file longer than a text box holds is refused with
 * its size, never cut. The app's other answers (a directory, a missing folder) are replies.
 */
async function openEditor(interaction: ChatInputCommandInteraction, input: CommandInput, deps: DispatchDeps): Promise<void> {
  const scope = scopeOf(interaction);
  if (!scope) return void (await interaction.reply(noticeMessage('info', TEXT.dm)));
  const invocation: Invocation = { id: interaction.id, scope, user: userOf(interaction, deps.config.instructorRole), input };
  let timer: NodeJS.Timeout | undefined;
  const reply = await Promise.race([
    handleSafely(invocation, deps),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), DEFER_AFTER_MS))),
  ]);
  clearTimeout(timer);
  if (!reply) return void (await interaction.reply(noticeMessage('warning', TEXT.editSlow)));
  const edit = reply.edit;
  if (!edit) return void (await interaction.reply(renderReply(reply, { stash: (text) => deps.shelf.put(text) })));
  if (edit.content.length > SH_MODAL_MAX_LENGTH) return void (await interaction.reply(noticeMessage('warning', editTooLong(edit, SH_MODAL_MAX_LENGTH, 'a Discord text box'))));
  await interaction.showModal(editModal(edit));
}

async function runMessage(interaction: MessageContextMenuCommandInteraction, deps: DispatchDeps): Promise<void> {
  const script = scriptOfMessage(interaction.targetMessage.content);
  if (script === undefined) {
    await interaction.reply(noticeMessage('info', TEXT.noScript));
    return;
  }
  await answer(interaction, shellInput(script), deps);
}

async function modalSubmit(interaction: ModalSubmitInteraction, deps: DispatchDeps): Promise<void> {
  const edit = editModalVersion(interaction.customId);
  if (edit) {
    const path = interaction.fields.getTextInputValue(EDIT_MODAL_PATH).trim();
    return answer(interaction, editSave(path, interaction.fields.getTextInputValue(EDIT_MODAL_CONTENT), edit.version), deps);
  }
  if (interaction.customId !== SH_MODAL_ID) return void (await interaction.reply(noticeMessage('info', TEXT.unknownButton)));
  await answer(interaction, shellInput(interaction.fields.getTextInputValue(SH_MODAL_FIELD)), deps);
}

async function buttonClick(interaction: ButtonInteraction, deps: DispatchDeps): Promise<void> {
  const parsed = parseCustomId(interaction.customId);
  if (parsed?.kind === 'choice') {
    const input: ActionInput = { kind: 'action', id: parsed.id };
    await answer(interaction, input, deps);
    return;
  }
  const text = parsed?.kind === 'full-output' ? deps.shelf.get(parsed.key) : undefined;
  if (text === undefined) {
    await interaction.reply(noticeMessage('info', parsed ? TEXT.outputGone : TEXT.unknownButton));
    return;
  }
  const file = { files: [new AttachmentBuilder(Buffer.from(text, 'utf8'), { name: FULL_OUTPUT_FILE_NAME })], allowedMentions: { parse: [] as [] } };
  // An upload can outlast the 3 s deadline on a slow link: a big file is deferred first.
  if (Buffer.byteLength(text) > DIRECT_UPLOAD_BYTES) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(file);
    return;
  }
  await interaction.reply({ ...file, flags: MessageFlags.Ephemeral });
}

/**
 * Runs an invocation and delivers its reply within the deadline: directly when the app
 * answers within DEFER_AFTER_MS, else deferred (public: most replies are) and edited in.
 */
async function answer(interaction: RepliableInteraction, input: CommandInput | ActionInput, deps: DispatchDeps): Promise<void> {
  const scope = scopeOf(interaction);
  if (!scope) return void (await interaction.reply(noticeMessage('info', TEXT.dm)));
  const invocation: Invocation = { id: interaction.id, scope, user: userOf(interaction, deps.config.instructorRole), input };
  const work = handleSafely(invocation, deps);
  let timer: NodeJS.Timeout | undefined;
  const early = await Promise.race([
    work,
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), DEFER_AFTER_MS))),
  ]);
  clearTimeout(timer);

  const render = (reply: Reply): DiscordMessage => renderReply(reply, { stash: (text) => deps.shelf.put(text) });
  if (early) {
    const message = render(early);
    await interaction.reply(message);
    if (early.openThread && early.visibility === 'channel') await openThread(interaction, invocation, await interaction.fetchReply(), early, deps);
    return;
  }

  await interaction.deferReply();
  const reply = await work;
  const message = render(reply);
  if (reply.visibility === 'channel') {
    const sent = await interaction.editReply(message);
    if (reply.openThread) await openThread(interaction, invocation, sent, reply, deps);
    return;
  }
  // A public deferral cannot turn ephemeral (its first follow-up keeps its flags), so the
  // placeholder is resolved, the answer follows for the user alone, and the placeholder goes.
  await interaction.editReply({ content: `-# ${plainText(invocation.user.name)}: answered privately.`, components: [], allowedMentions: { parse: [] } });
  await interaction.followUp(message);
  await interaction.deleteReply().catch((error: unknown) => logFailure(deps.logger, interaction, error, 'warn'));
}

/** app.handle never throws by contract; should it, the user still gets one polite line. */
async function handleSafely(invocation: Invocation, deps: DispatchDeps): Promise<Reply> {
  try {
    return await deps.app.handle(invocation);
  } catch (error) {
    deps.logger.error('app.handle threw', {
      invocation: invocation.id,
      scope: `${invocation.scope.workspace}/${invocation.scope.channel}${invocation.scope.thread ? '/' + invocation.scope.thread : ''}`,
      user: invocation.user.id,
      error: error instanceof Error ? error.stack ?? error.message : String(error),
    });
    return { blocks: [{ kind: 'notice', level: 'error', text: TEXT.failed }], visibility: 'user' };
  }
}

async function openThread(interaction: RepliableInteraction, invocation: Invocation, message: Message, reply: Reply, deps: DispatchDeps): Promise<void> {
  if (!reply.openThread || interaction.channel?.isThread()) return;
  try {
    const thread = await message.startThread({ name: reply.openThread.name.slice(0, 100) || 'Modlab' });
    const claim = reply.openThread.claim;
    if (!claim || !interaction.inGuild()) return;
    // Tell the app which thread it got (threadClaim), and post its answer in it.
    const scope = { platform: 'discord' as const, workspace: interaction.guildId, channel: message.channelId, thread: thread.id };
    const claimed = await handleSafely(threadClaim(invocation, scope, claim), deps);
    if (claimed.blocks.length > 0 && claimed.visibility === 'channel') await thread.send(renderReply(claimed, { stash: (text) => deps.shelf.put(text) }));
  } catch (error) {
    logFailure(deps.logger, interaction, error, 'warn');
  }
}

async function autocomplete(interaction: AutocompleteInteraction, deps: DispatchDeps): Promise<void> {
  const scope = scopeOf(interaction);
  const focused = interaction.options.getFocused(true);
  const option = findOption(deps.app.commands, interaction.commandName, interaction.options.getSubcommand(false), focused.name);
  let names: string[] = [];
  if (scope && option?.autocomplete && !deps.stopping()) {
    let timer: NodeJS.Timeout | undefined;
    names = await Promise.race([
      deps.app.complete(scope, option.autocomplete, String(focused.value), AUTOCOMPLETE_LIMIT).catch((error: unknown) => {
        logFailure(deps.logger, interaction, error, 'warn');
        return [];
      }),
      new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), AUTOCOMPLETE_DEADLINE_MS))),
    ]);
    clearTimeout(timer);
  }
  const choices = names
    .filter((n) => n.length >= 1 && n.length <= AUTOCOMPLETE_VALUE_LIMIT)
    .slice(0, AUTOCOMPLETE_LIMIT)
    .map((n) => ({ name: n, value: n }));
  await interaction.respond(choices);
}

/** The user's one line when something failed; itself guarded (the interaction may have expired). */
async function apologise(interaction: RepliableInteraction, logger: Logger): Promise<void> {
  try {
    const message = noticeMessage('error', TEXT.failed);
    if (interaction.replied || interaction.deferred) await interaction.followUp(message);
    else await interaction.reply(message);
  } catch (error) {
    logFailure(logger, interaction, error, 'warn', 'could not tell the user');
  }
}

export function logFailure(logger: Logger, interaction: Interaction, error: unknown, level: 'error' | 'warn' = 'error', what = 'discord interaction failed'): void {
  const api = error instanceof DiscordAPIError ? error : undefined;
  logger[level](what, {
    interaction: interaction.id,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() || interaction.isModalSubmit() ? interaction.customId : undefined,
    guild: interaction.guildId ?? undefined,
    channel: interaction.channelId ?? undefined,
    user: interaction.user.id,
    // 10062 Unknown interaction: answered after the 3 s deadline; 40060: answered twice.
    code: api ? String(api.code) : (error as { code?: string } | undefined)?.code,
    status: api?.status,
    error: error instanceof Error ? error.stack ?? error.message : String(error),
  });
}
