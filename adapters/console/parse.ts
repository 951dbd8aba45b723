/**
 * One console line = one chat message: a shell line (`insmod hello.ko`), a chat command
 * with a leading slash (`/lsmod`, `/modlab status`), or a console directive
 * (`:as alice`, `:in lab2`, `:click ID`, `:help`).
 */
import type { ActionInput, CommandInput } from '../../src/contracts/invocation';

export type ConsoleLine =
  | { kind: 'input'; input: CommandInput | ActionInput }
  | { kind: 'as'; name: string; instructor: boolean }
  | { kind: 'in'; conversation: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

export function parseConsoleLine(raw: string): ConsoleLine {
  const line = raw.replace(/\r$/, '');
  if (line.trim() === '') return { kind: 'empty' };
  // ":as bob" is a directive; ": > empty.ko" is bash's null command.
  if (/^:[a-z]/.test(line)) {
    const [directive = '', ...args] = line.slice(1).trim().split(/\s+/);
    switch (directive) {
      case 'as':
        if (!args[0]) return { kind: 'error', message: 'usage: :as NAME [instructor]' };
        return { kind: 'as', name: args[0], instructor: args[1] === 'instructor' };
      case 'in':
        if (!args[0]) return { kind: 'error', message: 'usage: :in CONVERSATION' };
        return { kind: 'in', conversation: args[0] };
      case 'click':
        if (!args[0]) return { kind: 'error', message: 'usage: :click ID' };
        return { kind: 'input', input: { kind: 'action', id: args[0] } };
      case 'help':
        return { kind: 'help' };
      case 'quit':
      case 'exit':
        return { kind: 'quit' };
      default:
        return { kind: 'error', message: `unknown directive :${directive} (try :help)` };
    }
  }
  if (line.startsWith('/')) {
    const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
    if (match && /^[a-z][a-z0-9_-]*$/.test(match[1] ?? '')) {
      return { kind: 'input', input: { kind: 'command', command: match[1] ?? '', text: match[2] ?? '' } };
    }
  }
  return { kind: 'input', input: { kind: 'command', command: 'sh', text: line } };
}

export const CONSOLE_HELP = [
  'Type a shell line (insmod hello.ko, lsmod | grep hello) or a chat command (/lsmod, /modlab status).',
  ':as NAME [instructor]   act as another user (students by default)',
  ':in NAME                switch to another conversation (each has its own machine)',
  ':click ID               click a button of the last reply',
  ':quit                   leave (Ctrl-D works too)',
].join('\n');
