/**
 * One console line = one chat message: a shell line (`insmod hello.ko`), a chat command
 * with a leading slash (`/lsmod`, `/modlab status`), or a console directive
 * (`:as alice`, `:in lab2`, `:click 2`, `:answer B`, `:help`).
 */
import type { ActionInput, CommandInput } from '../../src/contracts/invocation';

export type ConsoleLine =
  | { kind: 'input'; input: CommandInput | ActionInput }
  | { kind: 'as'; name: string; instructor: boolean }
  | { kind: 'in'; conversation: string }
  | { kind: 'conversations' }
  /** A button of the last reply that had some, by its number in the list (1 = first). */
  | { kind: 'click'; number: number }
  /** The open quiz's answer by its letter (A = first). */
  | { kind: 'answer'; letter: string }
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
        if (!args[0]) return { kind: 'conversations' };
        return { kind: 'in', conversation: args[0] };
      case 'click':
        if (!args[0]) return { kind: 'error', message: 'usage: :click N (the number shown beside a button)' };
        // A short number from the list under a reply; anything else is a button's own id.
        if (/^[1-9][0-9]?$/.test(args[0])) return { kind: 'click', number: Number(args[0]) };
        return { kind: 'input', input: { kind: 'action', id: args[0] } };
      case 'answer':
        if (!args[0] || !/^[a-zA-Z]$/.test(args[0])) return { kind: 'error', message: 'usage: :answer LETTER (A, B, C …)' };
        return { kind: 'answer', letter: args[0].toUpperCase() };
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
  ':in                     list the conversations',
  ':click N                press button N of the last reply that had buttons',
  ':answer B               answer the open quiz of this conversation',
  '/edit FILE              edit a file of the machine: $EDITOR if set, else paste lines ended by "."',
  ':quit                   leave (Ctrl-D, or Ctrl-C on an empty line twice, works too)',
].join('\n');
