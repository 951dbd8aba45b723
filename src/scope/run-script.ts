/**
 * Running a chat message's shell lines on a scope's machine: one `bash -c` per line, in
 * order, each in its user's login session and recorded in the scope's history with who ran it.
 */
import type { ScopeState } from './state';
import { HISTORY_LIMIT } from './state';
import type { MachineOptions } from '../machine/machine';
import { execLine, HOME } from '../machine/machine';
import { splitCommands } from '../shell/parse';
import { boundSession, loginContext, sessionFor } from './sessions';
import type { TerminalBlock } from '../contracts/reply';
import type { User } from '../contracts/invocation';
import { MAX_HISTORY_LINE_CHARS } from '../contracts/budget';

/** The most commands one message may carry (a here-document and its lines count as one); more is refused before it reaches the shell. */
export const MAX_SCRIPT_LINES = 50;

/** bash's PS1 on Debian for root, '\\u@\\h:\\w\\$ ': the directory with ~ for the home directory. */
export function promptFor(hostname: string, cwd = HOME): string {
  const where = cwd === HOME ? '~' : cwd.startsWith(HOME + '/') ? `~${cwd.slice(HOME.length)}` : cwd;
  return `root@${hostname}:${where}#`;
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

/**
 * LINE as the history keeps it: at most MAX chars, then a marker saying how much was cut
 * (bash keeps whole lines, but a scope's saved history must stay bounded: issue 8, finding 6).
 */
export function historyLine(line: string, max = MAX_HISTORY_LINE_CHARS): string {
  if (line.length <= max) return line;
  let keep = max;
  // Never end on the first half of a surrogate pair.
  const last = line.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep -= 1;
  return `${line.slice(0, keep)} [… ${line.length - keep} more characters not kept]`;
}

/** One line as it ran: what the terminal showed, and what the kernel logged while it ran. */
export interface RanLine {
  block: TerminalBlock;
  klog: readonly string[];
}

/** Hears each line just before it runs: its index in the message and the prompt it runs at (so a run stopped over its budget can show where it was). */
export type LineListener = (index: number, prompt: string) => void;

/**
 * The machine step of one message: LINES run in order on STATE (changed in place), each
 * recorded in the history. Pure apart from STATE, so it can run wherever the document is.
 */
export function runScript(state: ScopeState, lines: readonly string[], user: User, options: MachineOptions & { hostname: string }, historyLimit = HISTORY_LIMIT, onLine?: LineListener): RanLine[] {
  const ran: RanLine[] = [];
  for (const [index, line] of lines.entries()) {
    const session = sessionFor(state, user, options.clock());
    const before = session.shell;
    session.shell = structuredClone(before);
    const prompt = promptFor(options.hostname, before.cwd);
    onLine?.(index, prompt);
    const result = execLine(state.machine, line, options, state.history, { state: session.shell, login: loginContext(state, session) });
    boundSession(session, before);
    state.history.push({ user: user.name, line: historyLine(line), at: options.clock(), status: result.exitCode });
    if (state.history.length > historyLimit) state.history.splice(0, state.history.length - historyLimit);
    const block: TerminalBlock = {
      kind: 'terminal',
      user: user.name,
      prompt,
      line: echoed(line),
      output: result.output,
      exitCode: result.exitCode,
      keep: keepFor(line),
    };
    ran.push({ block, klog: result.klog.map((r) => r.text) });
  }
  return ran;
}
