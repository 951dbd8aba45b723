/**
 * Modlab itself: status of this channel's machine, the command reference, and (for
 * instructors) a reboot into a fresh machine, optionally with kernel command-line
 * parameters such as module.sig_enforce=1.
 */
import type { Command } from './context';
import { noticeReply } from '../src/contracts/reply';

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
        return ctx.status();
      case 'help':
        return ctx.help(rest[0]);
      case 'reboot':
        return ctx.reboot(rest.join(' '));
      default:
        return noticeReply('error', `modlab: unknown subcommand '${sub}'. Try: /modlab status, /modlab help, /modlab reboot`);
    }
  },
};
