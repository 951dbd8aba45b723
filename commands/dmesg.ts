import { toolCommand } from './tool-command';

export const dmesg = toolCommand({
  data: {
    name: 'dmesg',
    description: 'Print the kernel ring buffer (util-linux dmesg)',
    usage: 'dmesg [-t] [-T] [-x] [-l LEVELS] [-c] [-C] [-k] [-H]',
    options: [{ name: 'flags', description: 'Options such as -T, -x, --level=err,warn', type: 'string' }],
  },
  lineOrder: ['flags'],
});
