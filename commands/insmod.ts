import { toolCommand } from './tool-command';

export const insmod = toolCommand({
  data: {
    name: 'insmod',
    description: 'Insert a module file into the kernel (kmod insmod)',
    usage: 'insmod FILE [PARAM=VALUE ...]',
    options: [
      { name: 'file', description: 'The .ko file, e.g. hello.ko or /lib/modules/…/dummy.ko', type: 'string', required: true, autocomplete: 'module-files' },
      { name: 'params', description: 'Module parameters, e.g. myint=3 mystring=hi', type: 'string' },
    ],
  },
  lineOrder: ['file', 'params'],
});
