/**
 * The terminal chat: try Modlab with no chat account. On a terminal, an interactive prompt
 * with line editing, history and tab completion; from a pipe or file, one message per line,
 * each answered in order on stdout, exit at end of input.
 */
import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { App } from '../../src/app/app';
import type { Invocation, Scope, User } from '../../src/contracts/invocation';
import { parseConsoleLine, CONSOLE_HELP } from './parse';
import { renderReply } from './render';
import { completer } from './complete';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** A TTY gets the interactive prompt; anything else is read as a script. */
  interactive: boolean;
  /** The first user (an instructor: it is their own terminal). */
  user?: string;
}

export class ConsoleSession {
  private user: User;
  private conversation = 'lab';
  private counter = 0;

  constructor(private readonly app: App, private readonly write: (text: string) => void, userName = 'you') {
    this.user = { id: userName, name: userName, roles: ['instructor'] };
  }

  get scope(): Scope {
    return { platform: 'console', workspace: 'local', channel: this.conversation };
  }

  get prompt(): string {
    return `${this.user.name}@${this.conversation}> `;
  }

  /** Handle one line; false when the session should end. */
  async line(raw: string): Promise<boolean> {
    const parsed = parseConsoleLine(raw);
    switch (parsed.kind) {
      case 'empty':
        return true;
      case 'quit':
        return false;
      case 'help':
        this.write(CONSOLE_HELP + '\n');
        return true;
      case 'error':
        this.write(`[modlab] ${parsed.message}\n`);
        return true;
      case 'as':
        this.user = { id: parsed.name, name: parsed.name, roles: parsed.instructor ? ['instructor'] : ['student'] };
        return true;
      case 'in':
        this.conversation = parsed.conversation;
        return true;
      case 'input': {
        const invocation: Invocation = { id: `console-${++this.counter}`, scope: this.scope, user: this.user, input: parsed.input };
        const reply = await this.app.handle(invocation);
        this.write(renderReply(reply));
        return true;
      }
    }
  }
}

export async function runConsole(app: App, options: ConsoleOptions): Promise<void> {
  const write = (text: string): void => {
    options.output.write(text);
  };
  const session = new ConsoleSession(app, write, options.user);
  // Quiz reveals when their time is up: printed with the conversation they belong to.
  app.setAnnouncer?.({ platform: 'console', post: async (scope, reply) => write(`[modlab in ${scope.channel}]\n${renderReply(reply)}`) });
  if (!options.interactive) {
    const lines = readline.createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
    for await (const line of lines) {
      if (!(await session.line(line))) break;
    }
    lines.close();
    return;
  }
  write('Modlab: a shared Debian 12 / Linux 6.1 machine. Type :help for the console, /modlab help for commands.\n');
  const rl = readline.createInterface({
    input: options.input,
    output: options.output,
    terminal: true,
    historySize: 500,
    completer: (line: string, callback: (err: null, result: [string[], string]) => void) => {
      completer(app, session.scope, line).then((result) => callback(null, result), () => callback(null, [[], line]));
    },
  });
  rl.setPrompt(session.prompt);
  rl.prompt();
  for await (const line of rl) {
    if (!(await session.line(line))) break;
    rl.setPrompt(session.prompt);
    rl.prompt();
  }
  rl.close();
}
