/**
 * Running a chat message's shell lines on a scope's machine: one `bash -c` per line, in
 * order, each recorded in the scope's history with who ran it.
 */
import type { ScopeState } from '../store/scope-state';
import type { MachineOptions } from '../machine/machine';
import { execLine } from '../machine/machine';
import type { TerminalBlock } from './reply';
import type { User } from './invocation';
import { MAX_HISTORY_LINE_CHARS } from './budget';

/** The longest script one message may carry; longer input is refused before it reaches the shell. */
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

/** Split a message into the lines to run: one per line, blank lines dropped (a lone empty line still runs). */
export function scriptLines(script: string): string[] {
  const lines = script.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.length === 0 ? [script.trim()] : lines;
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

/** ONLINE, when given, hears the index of each line before it runs (so a stopped run knows where it was). */
export function runScript(state: ScopeState, lines: readonly string[], user: User, options: MachineOptions & { hostname: string }, historyLimit: number, onLine?: (index: number) => void): TerminalBlock[] {
  const blocks: TerminalBlock[] = [];
  for (const [index, line] of lines.entries()) {
    onLine?.(index);
    const result = execLine(state.machine, line, options, state.history);
    state.history.push({ user: user.name, line: historyLine(line), at: options.clock(), status: result.exitCode });
    if (state.history.length > historyLimit) state.history.splice(0, state.history.length - historyLimit);
    blocks.push({
      kind: 'terminal',
      user: user.name,
      prompt: promptFor(options.hostname),
      line,
      output: result.output,
      exitCode: result.exitCode,
      keep: keepFor(line),
    });
  }
  return blocks;
}
