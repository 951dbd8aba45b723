import { toolCommand } from './tool-command';

export const depmod = toolCommand({
  data: {
    name: 'depmod',
    description: 'Rebuild modules.dep and the other module index files (kmod depmod)',
    usage: 'depmod [-a] [-n] [-A]',
    options: [{ name: 'flags', description: 'Options such as -a or -n (print instead of writing)', type: 'string' }],
  },
  lineOrder: ['flags'],
});
