/**
 * The terminal chat: try Modlab with no chat account. On a terminal, an interactive prompt
 * with line editing, history and tab completion; from a pipe or file, one message per line,
 * each answered in order on stdout, exit at end of input.
 */
import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { App } from '../../src/app/app';
import type { Invocation, Scope, User } from '../../src/contracts/invocation';
import type { Choice, EditRequest, Reply } from '../../src/contracts/reply';
import { editSave } from '../../src/contracts/edit';
import { runEditor } from './editor';
import { parseConsoleLine, CONSOLE_HELP } from './parse';
import { renderReply } from './render';
import { completer } from './complete';
import { saveFiles } from './files';
import { CommandReader, needsMoreInput } from '../../src/shell/parse';

/** The console's one workspace. */
const WORKSPACE = 'local';
const FIRST_CONVERSATION = 'lab';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** A TTY gets the interactive prompt; anything else is read as a script. */
  interactive: boolean;
  /** The first user (an instructor: it is their own terminal). */
  user?: string;
  /** Where pictures (the module graph) are saved; default ./data/files. */
  filesDir?: string;
  /** $EDITOR: /edit runs it on a copy of the file; unset, /edit reads the new content as pasted lines ended by ".". */
  editor?: string;
}

/** The line that ends a pasted file (as mail(1) and ed(1) end their text). */
export const PASTE_END = '.';

export class ConsoleSession {
  private user: User;
  private conversation = FIRST_CONVERSATION;
  private counter = 0;
  /** A shell command still being typed (an open here-document, quote or `\`). */
  private readonly continued = new CommandReader();
  /** The buttons of the last reply that had some (`:click N`). */
  private lastChoices: Choice[] = [];
  /** Each conversation's last quiz buttons (`:answer B`). */
  private readonly quizChoices = new Map<string, Choice[]>();
  /** Conversations this session has been in. */
  private readonly visited = new Set<string>([FIRST_CONVERSATION]);
  /** A conversation `:in` named that does not exist yet, waiting for y/n. */
  private pending: string | undefined;
  /** /edit in paste mode: the file being written and the lines so far. */
  private pasting: { edit: EditRequest; lines: string[] } | undefined;

  constructor(
    private readonly app: App,
    private readonly write: (text: string) => void,
    userName = 'you',
    private readonly filesDir = 'data/files',
    private readonly editor?: string,
  ) {
    this.user = { id: userName, name: userName, roles: ['instructor'] };
  }

  get scope(): Scope {
    return { platform: 'console', workspace: WORKSPACE, channel: this.conversation };
  }

  get prompt(): string {
    // bash's PS2 while a command is unfinished.
    if (this.continued.pending) return '> ';
    if (this.pasting) return '';
    if (this.pending !== undefined) return `Create conversation ${this.pending}? (y/n) `;
    return `${this.user.name}@${this.conversation}> `;
  }

  /** Print a reply (saving its files), remembering its buttons. */
  show(reply: Reply, conversation = this.conversation, heading = ''): void {
    if (reply.choices?.length) {
      this.lastChoices = reply.choices;
      if (reply.choices.every((c) => c.id.startsWith('quiz:'))) this.quizChoices.set(conversation, reply.choices);
    }
    const saved = saveFiles(this.filesDir, reply.files ?? []);
    this.write(heading + renderReply(reply, undefined, saved));
  }

  /** Handle one line; false when the session should end. */
  async line(raw: string): Promise<boolean> {
    if (this.pasting) return this.pasteLine(raw.replace(/\r$/, ''));
    if (this.continued.pending) return this.shellLine(raw.replace(/\r$/, ''));
    if (this.pending !== undefined) {
      const name = this.pending;
      this.pending = undefined;
      if (/^\s*y(es)?\s*$/i.test(raw)) this.enter(name);
      else this.write(`[modlab] Not created; still in ${this.conversation}.\n`);
      return true;
    }
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
      case 'conversations': {
        const names = await this.known();
        this.write(names.map((n) => `${n === this.conversation ? '*' : ' '} ${n}`).join('\n') + '\n');
        return true;
      }
      case 'in':
        if ((await this.known()).includes(parsed.conversation)) this.enter(parsed.conversation);
        else this.pending = parsed.conversation;
        return true;
      case 'click': {
        const choice = this.lastChoices[parsed.number - 1];
        if (!choice) {
          this.write(this.lastChoices.length === 0 ? '[modlab] No buttons to press yet.\n' : `[modlab] No button ${parsed.number}: the last buttons are 1 to ${this.lastChoices.length}.\n`);
          return true;
        }
        await this.send({ kind: 'action', id: choice.id });
        return true;
      }
      case 'answer': {
        const choice = this.quizChoices.get(this.conversation)?.find((c) => c.label === parsed.letter);
        if (!choice) {
          this.write(this.quizChoices.has(this.conversation) ? `[modlab] The quiz here has no answer ${parsed.letter}.\n` : '[modlab] No quiz in this conversation yet (start one with /quiz).\n');
          return true;
        }
        await this.send({ kind: 'action', id: choice.id });
        return true;
      }
      case 'input':
        if (parsed.input.kind === 'command' && parsed.input.command === 'sh' && needsMoreInput(parsed.input.text)) {
          return this.shellLine(parsed.input.text);
        }
        await this.send(parsed.input);
        return true;
    }
  }

  /** One more line of an unfinished shell command; it runs once bash would have it whole. */
  private async shellLine(text: string): Promise<boolean> {
    const command = this.continued.push(text);
    if (command !== undefined) await this.send({ kind: 'command', command: 'sh', text: command });
    return true;
  }

  /** One line of a pasted file; the line "." saves what came before it. */
  private async pasteLine(line: string): Promise<boolean> {
    const pasting = this.pasting;
    if (!pasting) return true;
    if (line !== PASTE_END) {
      pasting.lines.push(line);
      return true;
    }
    this.pasting = undefined;
    const content = pasting.lines.length === 0 ? '' : pasting.lines.join('\n') + '\n';
    await this.send(editSave(pasting.edit.path, content, pasting.edit.version));
    return true;
  }

  /** True while /edit reads pasted lines. */
  get isPasting(): boolean {
    return this.pasting !== undefined;
  }

  /** Ctrl-C while pasting: nothing is saved. */
  cancelPaste(): void {
    if (!this.pasting) return;
    this.write(`[modlab] ${this.pasting.edit.name} not saved.\n`);
    this.pasting = undefined;
  }

  /** Open EDIT: $EDITOR on a copy, or paste mode after showing what the file holds now. */
  private async openEditor(edit: EditRequest): Promise<void> {
    if (this.editor) {
      const outcome = runEditor(this.editor, edit);
      if (!outcome.ok) return void this.write(`[modlab] ${edit.name} not saved: ${outcome.why}.\n`);
      if (outcome.content === edit.content) return void this.write(`[modlab] ${edit.name} unchanged; nothing saved.\n`);
      await this.send(editSave(edit.path, outcome.content, edit.version));
      return;
    }
    if (edit.content !== '') {
      const body = edit.content.endsWith('\n') ? edit.content : edit.content + '\n';
      this.write(`----- ${edit.name} now -----\n${body}----- end of ${edit.name} -----\n`);
    }
    this.write(`[modlab] Type or paste the whole new content of ${edit.name}, then a line with only "${PASTE_END}" to save it (Ctrl-C cancels; set $EDITOR to use your own editor).\n`);
    this.pasting = { edit, lines: [] };
  }

  /** Run what was typed of an unfinished command (at the end of the input, bash -c says what is missing). */
  async flush(): Promise<void> {
    if (this.pasting) {
      // The input ended before the "." line: an editor closed without writing saves nothing.
      this.write(`[modlab] The input ended before a "${PASTE_END}" line: ${this.pasting.edit.name} not saved.\n`);
      this.pasting = undefined;
    }
    const text = this.continued.flush();
    if (text !== undefined) await this.send({ kind: 'command', command: 'sh', text });
  }

  private async send(input: Invocation['input']): Promise<void> {
    const invocation: Invocation = { id: `console-${++this.counter}`, scope: this.scope, user: this.user, input };
    const reply = await this.app.handle(invocation);
    this.show(reply);
    if (reply.edit) await this.openEditor(reply.edit);
  }

  private enter(name: string): void {
    this.conversation = name;
    this.visited.add(name);
  }

  /** The conversations of this workspace: those the app knows, and those visited here. */
  private async known(): Promise<string[]> {
    let listed: Scope[] = [];
    try {
      listed = (await this.app.conversations?.('console', WORKSPACE)) ?? [];
    } catch {
      // The store is unreachable: the ones visited here still are conversations.
    }
    const names = new Set([...listed.filter((s) => s.thread === undefined).map((s) => s.channel), ...this.visited]);
    return [...names].sort();
  }
}

export async function runConsole(app: App, options: ConsoleOptions): Promise<void> {
  const write = (text: string): void => {
    options.output.write(text);
  };
  const session = new ConsoleSession(app, write, options.user, options.filesDir, options.editor);
  if (!options.interactive) {
    // Quiz reveals when their time is up: printed with the conversation they belong to.
    app.setAnnouncer?.({ platform: 'console', post: async (scope, reply) => session.show(reply, scope.channel, `[modlab in ${scope.channel}]\n`) });
    const lines = readline.createInterface({ input: options.input, crlfDelay: Infinity, terminal: false });
    let ended = false;
    for await (const line of lines) {
      if (!(await session.line(line))) {
        ended = true;
        break;
      }
    }
    if (!ended) await session.flush();
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
  /** True while the prompt waits for a line (not while a message is being answered). */
  let prompting = false;
  const prompt = (): void => {
    rl.setPrompt(session.prompt);
    rl.prompt();
    prompting = true;
  };
  // A timed reveal arrives while someone may be typing: print it above, then redraw the
  // prompt and the half-typed line where they were.
  app.setAnnouncer?.({
    platform: 'console',
    post: async (scope, reply) => {
      if (prompting) {
        readline.cursorTo(options.output, 0);
        readline.clearScreenDown(options.output);
      }
      session.show(reply, scope.channel, `[modlab in ${scope.channel}]\n`);
      if (prompting) rl.prompt(true);
    },
  });
  // Ctrl-C as in bash: it drops the half-typed line. On an empty line it says how to
  // leave, and a second Ctrl-C there leaves (as node's REPL does); Ctrl-D leaves at once.
  let warned = false;
  rl.on('SIGINT', () => {
    if (session.isPasting) {
      dropInput(rl, () => write('^C\n'));
      session.cancelPaste();
      warned = false;
    } else if (rl.line.length > 0) {
      dropInput(rl, () => write('^C\n'));
      warned = false;
    } else if (warned) {
      write('\n');
      rl.close();
      return;
    } else {
      write('\n(To leave, press Ctrl-C again or Ctrl-D, or type :quit)\n');
      warned = true;
    }
    prompt();
  });
  prompt();
  let ended = false;
  for await (const line of rl) {
    prompting = false;
    warned = false;
    if (!(await session.line(line))) {
      ended = true;
      break;
    }
    prompt();
  }
  if (!ended) await session.flush();
  rl.close();
}

/**
 * Forget the half-typed line, leaving it on screen with ^C after it as bash does. readline
 * has no public call for it: go to the line's end (Ctrl-E), print MARK there, then delete
 * back to the start (Ctrl-U), which redraws an empty prompt on the new row.
 */
function dropInput(rl: readline.Interface, mark: () => void): void {
  rl.write(null, { ctrl: true, name: 'e' });
  mark();
  rl.write(null, { ctrl: true, name: 'u' });
}
