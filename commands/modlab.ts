/**
 * Modlab itself: status of this channel's machine, the command reference, and (for
 * instructors) a reboot into a fresh machine, optionally with kernel command-line
 * parameters such as module.sig_enforce=1.
 */
import type { Command, CommandContext } from './context';
import type { Reply } from '../src/contracts/reply';
import { noticeReply, textReply } from '../src/contracts/reply';
import { isModlabError } from '../src/contracts/errors';
import type { StepResult } from '../src/scope/step';
import { RELEASE } from '../src/modules';
import { helpText } from './help';
import { statusText } from './modlab-status';

/**
 * A freshly booted machine for the conversation, recorded in its history; every login ends.
 * It is a machine step under the message's budget (src/scope/step.ts). A damaged document
 * is replaced: a reboot is how an instructor recovers one (the step boots over a document it
 * cannot read; one the store itself cannot read is reset first).
 */
async function reboot(ctx: CommandContext, cmdline: string): Promise<Reply> {
  const user = ctx.invocation.user;
  const job = { kind: 'reboot', cmdline, user } as const;
  let result: StepResult;
  try {
    result = await ctx.step(job);
  } catch (error) {
    if (!isModlabError(error, 'state-damaged')) throw error;
    await ctx.scope.reset();
    result = await ctx.step(job);
  }
  if (result.stopped) return { blocks: result.blocks, visibility: 'channel' };
  const extra = cmdline ? ` with ${cmdline}` : '';
  return noticeReply('success', `${user.name} rebooted this machine${extra}: a fresh Linux ${RELEASE} with nothing loaded.`, 'channel');
}

export const modlab: Command = {
  data: {
    name: 'modlab',
    description: 'Modlab: machine status, help, reboot',
    usage: 'modlab status | help [COMMAND] | reboot [KERNEL-PARAMS]',
    access: 'everyone',
    options: [],
    subcommands: [
      { name: 'status', description: 'What is loaded on this channel\'s machine and who ran what', options: [], access: 'everyone' },
      {
        name: 'help',
        description: 'The command reference',
        options: [{ name: 'command', description: 'One command to explain', type: 'string' }],
        access: 'everyone',
      },
      {
        name: 'reboot',
        description: 'Give this channel a freshly booted machine (instructors)',
        options: [{ name: 'cmdline', description: 'Extra kernel command line, e.g. module.sig_enforce=1', type: 'string' }],
        access: 'instructor',
      },
    ],
  },
  async run(invocation, ctx) {
    const text = invocation.input.kind === 'command' ? invocation.input.text.trim() : '';
    const [sub = 'help', ...rest] = text.split(/\s+/).filter((w) => w !== '');
    switch (sub) {
      case 'status':
        return textReply(statusText(await ctx.scope.read(), ctx.machine), 'user');
      case 'help':
        return textReply(helpText(ctx.commands, rest[0]), 'user');
      case 'reboot':
        return reboot(ctx, rest.join(' '));
      default:
        return noticeReply('error', `modlab: unknown subcommand '${sub}'. Try: /modlab status, /modlab help, /modlab reboot`);
    }
  },
};
