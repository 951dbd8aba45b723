/**
 * Modlab itself: status of this channel's machine, a picture of its module graph, the
 * command reference, and (for
 * instructors) a reboot into a fresh machine, optionally with kernel command-line
 * parameters such as module.sig_enforce=1.
 */
import type { ChatCommand } from './command';
import { noticeReply } from '../src/app/reply';

export const modlab: ChatCommand = {
  data: {
    name: 'modlab',
    description: 'Modlab: machine status, module graph picture, help, reboot',
    usage: 'modlab status | graph | help [COMMAND] | reboot [KERNEL-PARAMS | SNAPSHOT] | snapshot save NAME | snapshot list | dashboard',
    access: 'everyone',
    options: [],
    subcommands: [
      { name: 'status', description: 'What is loaded on this channel\'s machine and who ran what', options: [], access: 'everyone' },
      { name: 'graph', description: 'A picture of the loaded modules: who holds whom, taint, state', options: [], access: 'everyone' },
      {
        name: 'help',
        description: 'The command reference',
        options: [{ name: 'command', description: 'One command to explain', type: 'string' }],
        access: 'everyone',
      },
      {
        name: 'reboot',
        description: 'Give this channel a freshly booted machine (instructors)',
        options: [{ name: 'cmdline', description: 'Extra kernel command line (module.sig_enforce=1), or a snapshot name', type: 'string' }],
        access: 'instructor',
      },
      { name: 'dashboard', description: 'A private sign-in link to the class dashboard (instructors)', options: [], access: 'instructor' },
      {
        name: 'snapshot',
        description: 'Save this machine as a named starting point for the workspace, or list them',
        options: [
          { name: 'action', description: 'save or list', type: 'string', choices: [{ name: 'save', value: 'save' }, { name: 'list', value: 'list' }] },
          { name: 'name', description: 'The snapshot\'s name, e.g. week3-start', type: 'string' },
        ],
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
      case 'graph':
        return ctx.graph();
      case 'help':
        return ctx.help(rest[0]);
      case 'reboot':
        return ctx.reboot(rest.join(' '));
      case 'dashboard':
        return ctx.dashboard();
      case 'snapshot': {
        const [action = 'list', name] = rest;
        if (action !== 'save' && action !== 'list') return noticeReply('error', 'modlab snapshot: save NAME or list.');
        return ctx.snapshot(action, name);
      }
      default:
        return noticeReply('error', `modlab: unknown subcommand '${sub}'. Try: /modlab status, /modlab graph, /modlab help, /modlab reboot, /modlab snapshot`);
    }
  },
};
