import { toolCommand } from './tool-command';

export const lsmod = toolCommand({
  data: {
    name: 'lsmod',
    description: 'Show the modules loaded in the kernel (kmod lsmod)',
    usage: 'lsmod',
    options: [],
  },
  lineOrder: [],
});
