/**
 * Running a chat message's shell lines on a scope's machine: one `bash -c` per line, in
 * order, each recorded in the scope's history with who ran it.
 */
import type { ScopeState } from '../store/scope-state';
import type { MachineOptions } from '../machine/machine';
import { execLine } from '../machine/machine';
import { splitCommands } from '../shell/parse';
import type { TerminalBlock } from './reply';
import type { User } from './invocation';

/** The most commands one message may carry (a here-document and its lines count as one); more is refused before it reaches the shell. */
export const MAX_SCRIPT_LINES = 50;

export function promptFor(hostname: string): string {
  return `root@${hostname}:~#`;
}

/** Logs keep their newest lines when cut; listings keep their first. */
export function keepFor(line: string): TerminalBlock['keep'] {
  const first = line.trim().split(/\s+/)[0] ?? '';
  if (first === 'dmesg' || /\|\s*tail\b/.test(line) || first === 'tail') return 'end';
  return 'start';
}

/**
 * Split a message into the commands to run: one per line, except that a here-document, an
 * open quote or compound command, or a trailing `\` carries on over the next lines as bash
 * reads them; blank lines between commands are dropped (a lone empty line still runs).
 */
export function scriptLines(script: string): string[] {
  const commands = splitCommands(script);
  return commands.length === 0 ? [script.trim()] : commands;
}

/** A command over several lines as a terminal echoes it: each further line after bash's PS2, `> `. */
export function echoed(command: string): string {
  return command.replace(/\n/g, '\n> ');
}

export function runScript(state: ScopeState, lines: readonly string[], user: User, options: MachineOptions & { hostname: string }, historyLimit: number): TerminalBlock[] {
  const blocks: TerminalBlock[] = [];
  for (const line of lines) {
    const result = execLine(state.machine, line, options, state.history);
    state.history.push({ user: user.name, line, at: options.clock(), status: result.exitCode });
    if (state.history.length > historyLimit) state.history.splice(0, state.history.length - historyLimit);
    blocks.push({
      kind: 'terminal',
      user: user.name,
      prompt: promptFor(options.hostname),
      line: echoed(line),
      output: result.output,
      exitCode: result.exitCode,
      keep: keepFor(line),
    });
  }
  return blocks;
}
