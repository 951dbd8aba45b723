import { strict as assert } from 'node:assert';
import { toolLine } from '../../commands/tool-command';
import type { Invocation } from '../../src/contracts/invocation';

function invocation(text: string, options?: Record<string, string>): Invocation {
  return {
    id: 't',
    scope: { platform: 'console', workspace: 'w', channel: 'c' },
    user: { id: 'u', name: 'u', roles: ['student'] },
    input: { kind: 'command', command: 'x', text, options },
  };
}

describe('tool commands turn options or text into one shell line', () => {
  const rows: Array<[string, Invocation, string]> = [
    ['raw text (Slack, console) wins', invocation(' hello.ko  myint=3 ', { file: 'other.ko' }), 'insmod hello.ko  myint=3'],
    ['options in line order, flags before the module', invocation('', { module: 'hello', flags: '-f' }), 'rmmod -f hello'],
    ['missing optional options are left out', invocation('', { module: 'hello' }), 'rmmod hello'],
    ['blank options are left out', invocation('', { module: 'hello', flags: '  ' }), 'rmmod hello'],
    ['no text and no options', invocation(''), 'rmmod'],
  ];
  for (const [description, inv, want] of rows) {
    it(description, () => {
      const order = want.startsWith('insmod') ? ['file', 'params'] : ['flags', 'module'];
      assert.equal(toolLine(want.split(' ')[0] ?? '', order, inv), want);
    });
  }
});
