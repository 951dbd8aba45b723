import { toolCommand } from './tool-command';

export const rmmod = toolCommand({
  data: {
    name: 'rmmod',
    description: 'Remove a module from the kernel (kmod rmmod)',
    usage: 'rmmod [-f] [-s] [-v] MODULE ...',
    options: [
      { name: 'module', description: 'Loaded module name(s), e.g. hello', type: 'string', required: true, autocomplete: 'loaded-modules' },
      { name: 'flags', description: 'Options such as -f (force) or -v (verbose)', type: 'string' },
    ],
  },
  lineOrder: ['flags', 'module'],
});
