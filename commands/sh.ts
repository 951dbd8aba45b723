/**
 * Any shell line — or several, one per line (Discord's modal, a message's code block,
 * Slack mentions): each runs in order on the scope's machine, one terminal block each.
 */
import type { ChatCommand } from './command';
import { isGraphLine } from './graph-line';

export const sh: ChatCommand = {
  data: {
    name: 'sh',
    description: 'Run a shell command line on this channel\'s machine, e.g. lsmod | grep hello',
    usage: 'sh LINE',
    access: 'everyone',
    options: [{ name: 'line', description: 'A command line, e.g. cat /proc/modules', type: 'string', multiline: true }],
  },
  run(invocation, ctx) {
    if (invocation.input.kind !== 'command') return ctx.shell('');
    const { text, options } = invocation.input;
    const script = text !== '' ? text : String(options?.line ?? '');
    return isGraphLine(script) ? ctx.graph() : ctx.shell(script);
  },
};
