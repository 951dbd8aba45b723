/** Tab completion: command names first, then module names from the conversation's machine. */
import type { App } from '../../src/app/app';
import type { Scope } from '../../src/contracts/invocation';
import type { Completion } from '../../src/contracts/command';

const SHELL_WORDS = ['insmod', 'rmmod', 'modprobe', 'lsmod', 'modinfo', 'depmod', 'dmesg', 'cat', 'ls', 'grep', 'echo', 'head', 'tail', 'uname', 'history', 'help', 'clear'];

/** What the word after a command completes to. */
const SOURCES: Record<string, Completion> = {
  insmod: 'module-files',
  rmmod: 'loaded-modules',
  modprobe: 'catalog-modules',
  modinfo: 'catalog-modules',
};

export async function completer(app: App, scope: Scope, line: string): Promise<[string[], string]> {
  const words = line.split(/\s+/);
  const current = words[words.length - 1] ?? '';
  if (words.length <= 1) {
    const slash = current.startsWith('/');
    const names = slash ? app.commands.map((c) => '/' + c.data.name) : SHELL_WORDS;
    return [names.filter((n) => n.startsWith(current)), current];
  }
  const command = (words[0] ?? '').replace(/^\//, '');
  const source = SOURCES[command];
  if (!source || current.startsWith('-')) return [[], current];
  return [await app.complete(scope, source, current, 50), current];
}
