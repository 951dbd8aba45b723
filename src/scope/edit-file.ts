/**
 * `/edit FILE` on a conversation's machine: the file is found from the user's own login
 * (their current directory), as their next shell line would find it, and the save is a change
 * to the shared machine like any command's: recorded in the history as `/edit FILE` with who
 * saved it, and shown to the running exercise as that line.
 */
import type { User } from '../contracts/invocation';
import type { Block, TerminalBlock } from '../contracts/reply';
import { strerror } from '../kernel/errno';
import { HOME, openSystem, type MachineOptions } from '../machine/machine';
import { openForEdit, saveEdited, type EditedFile } from '../machine/edit-file';
import type { ScopeState } from './state';
import { HISTORY_LIMIT } from './state';
import { loginContext, sessionFor } from './sessions';
import { historyLine, promptFor, type RanLine } from './run-script';

/** FILE as USER's login finds it (read only: STATE is not changed). */
export function openFileOf(state: ScopeState, user: User, name: string, options: MachineOptions): EditedFile {
  const sys = openSystem(state.machine, options, state.history);
  sys.cwd = state.sessions?.[user.id]?.shell.cwd ?? HOME;
  return openForEdit(sys, name);
}

/** What saving did: the notice the class sees, and the line the exercise hears. */
export interface SavedFile {
  block: Block;
  ran: RanLine;
}

/**
 * USER saves CONTENT to PATH (absolute as /edit opened it, or relative to their directory; NAME is how the class reads it) on
 * STATE's machine, changing STATE in place.
 */
export function saveFileOf(state: ScopeState, user: User, name: string, path: string, content: string, options: MachineOptions & { hostname: string }, historyLimit = HISTORY_LIMIT): SavedFile {
  const now = options.clock();
  const session = sessionFor(state, user, now);
  const sys = openSystem(state.machine, options, state.history, loginContext(state, session));
  sys.cwd = session.shell.cwd ?? HOME;
  // A box may let the user change where to save (a relative name is theirs, from their directory).
  const rc = saveEdited(sys, sys.resolve(path), content);
  const line = `/edit ${name}`;
  state.history.push({ user: user.name, line: historyLine(line), at: now, status: rc === 0 ? 0 : 1 });
  if (state.history.length > historyLimit) state.history.splice(0, state.history.length - historyLimit);
  const block: Block =
    rc === 0
      ? { kind: 'notice', level: 'success', text: `${user.name} saved ${name}: ${describeSize(content)}.` }
      : { kind: 'notice', level: 'error', text: `${user.name} could not save ${name}: ${strerror[-rc] ?? `Unknown error ${-rc}`}.` };
  const terminal: TerminalBlock = { kind: 'terminal', user: user.name, prompt: promptFor(options.hostname, sys.cwd), line, output: '', exitCode: rc === 0 ? 0 : 1, keep: 'start' };
  return { block, ran: { block: terminal, klog: [] } };
}

/** "12 lines, 342 bytes", as an editor reports a write (lines counted as wc -l does, plus an unfinished last one). */
export function describeSize(content: string): string {
  const bytes = Buffer.byteLength(content, 'utf8');
  const newlines = content.split('\n').length - 1;
  const lines = newlines + (content === '' || content.endsWith('\n') ? 0 : 1);
  return `${lines} line${lines === 1 ? '' : 's'}, ${bytes} byte${bytes === 1 ? '' : 's'}`;
}
