import { toolCommand } from './tool-command';

export const modprobe = toolCommand({
  data: {
    name: 'modprobe',
    description: 'Load or remove a module with its dependencies (kmod modprobe)',
    usage: 'modprobe [-r] [-v] [-n] [-q] [-a] [--show-depends] MODULE [PARAM=VALUE ...]',
    options: [
      { name: 'module', description: 'Module name or alias, e.g. vfat', type: 'string', required: true, autocomplete: 'catalog-modules' },
      { name: 'flags', description: 'Options such as -r, -v, -n, --show-depends', type: 'string' },
      { name: 'params', description: 'Module parameters, e.g. numdummies=2', type: 'string' },
    ],
  },
  lineOrder: ['flags', 'module', 'params'],
});
