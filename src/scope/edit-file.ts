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
import { changedSinceOpened, openForEdit, saveEdited, type EditedFile } from '../machine/edit-file';
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

/**
 * What saving did: the notice the class sees, and the line the exercise hears; or, where the
 * file changed since the box opened, a warning (REFUSED) and nothing written.
 */
export type SavedFile = { refused: false; block: Block; ran: RanLine } | { refused: true; block: Block; ran?: undefined };

/** A save: CONTENT to PATH (absolute as /edit opened it, or relative to the user's directory), NAME as the class reads it, VERSION what the box opened on. */
export interface FileSave {
  name: string;
  path: string;
  content: string;
  version?: string;
}

/**
 * USER saves SAVE on STATE's machine, changing STATE in place — unless the file there is not
 * the one the box opened on: then nothing is written, as vim will not write over a file
 * "changed since reading it" without asking.
 */
export function saveFileOf(state: ScopeState, user: User, save: FileSave, options: MachineOptions & { hostname: string }, historyLimit = HISTORY_LIMIT): SavedFile {
  const { name, content } = save;
  const now = options.clock();
  const session = sessionFor(state, user, now);
  const sys = openSystem(state.machine, options, state.history, loginContext(state, session));
  sys.cwd = session.shell.cwd ?? HOME;
  // A box may let the user change where to save (a relative name is theirs, from their directory).
  const path = sys.resolve(save.path);
  if (save.version !== undefined && changedSinceOpened(sys, path, save.version)) {
    return { refused: true, block: { kind: 'notice', level: 'warning', text: changedText(name) } };
  }
  const rc = saveEdited(sys, path, content);
  const line = `/edit ${name}`;
  state.history.push({ user: user.name, line: historyLine(line), at: now, status: rc === 0 ? 0 : 1 });
  if (state.history.length > historyLimit) state.history.splice(0, state.history.length - historyLimit);
  const block: Block =
    rc === 0
      ? { kind: 'notice', level: 'success', text: `${user.name} saved ${name}: ${describeSize(content)}.` }
      : { kind: 'notice', level: 'error', text: `${user.name} could not save ${name}: ${strerror[-rc] ?? `Unknown error ${-rc}`}.` };
  const terminal: TerminalBlock = { kind: 'terminal', user: user.name, prompt: promptFor(options.hostname, sys.cwd), line, output: '', exitCode: rc === 0 ? 0 : 1, keep: 'start' };
  return { refused: false, block, ran: { block: terminal, klog: [] } };
}

/**
 * Whether a save step's BLOCKS say it was refused (the blocks are what crosses back from the
 * step's worker; a refusal is the only save whose first block is a warning).
 */
export function saveWasRefused(blocks: readonly Block[]): boolean {
  const first = blocks[0];
  return first?.kind === 'notice' && first.level === 'warning';
}

function changedText(name: string): string {
  return (
    `Not saved: ${name} changed after you opened it (someone saved it, or a shell line wrote it). ` +
    `Your text is attached; open \`/edit ${name}\` again to see the file as it is now and merge your change into it.`
  );
}

/** "12 lines, 342 bytes", as an editor reports a write (lines counted as wc -l does, plus an unfinished last one). */
export function describeSize(content: string): string {
  const bytes = Buffer.byteLength(content, 'utf8');
  const newlines = content.split('\n').length - 1;
  const lines = newlines + (content === '' || content.endsWith('\n') ? 0 : 1);
  return `${lines} line${lines === 1 ? '' : 's'}, ${bytes} byte${bytes === 1 ? '' : 's'}`;
}
