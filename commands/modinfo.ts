import { toolCommand } from './tool-command';

export const modinfo = toolCommand({
  data: {
    name: 'modinfo',
    description: 'Show information about a module (kmod modinfo)',
    usage: 'modinfo [-F FIELD] [-a|-d|-l|-p|-n] [-0] MODULE|FILE',
    options: [
      { name: 'module', description: 'Module name or .ko file, e.g. vfat or hello.ko', type: 'string', required: true, autocomplete: 'catalog-modules' },
      { name: 'flags', description: 'Options such as -F parm, -p, -n', type: 'string' },
    ],
  },
  lineOrder: ['flags', 'module'],
});
