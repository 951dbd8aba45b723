/**
 * Each chat user's login on the conversation's machine (src/machine/session.ts holds what a
 * session remembers): opened by the user's first command, on the next free pts/N, listed
 * by `who`, ended by a reboot. Bounded: at most MAX_SESSIONS logins (the longest idle one
 * logs out first), and a session whose state would grow past SESSION_BYTES keeps the state
 * it had before the line.
 */
import type { User } from '../contracts/invocation';
import type { SessionState } from '../machine/session';
import type { LoginContext } from '../machine/machine';
import type { ScopeSession, ScopeState } from './state';

/** Logins one machine keeps; a class is smaller. */
export const MAX_SESSIONS = 64;
/** What one session may store (directory, variables, functions), as JSON. */
export const SESSION_BYTES = 16 * 1024;

/** USER's session in STATE, opened now if they have none. */
export function sessionFor(state: ScopeState, user: User, now: number): ScopeSession {
  const sessions = (state.sessions ??= {});
  let session = sessions[user.id];
  if (!session) {
    const ids = Object.keys(sessions);
    if (ids.length >= MAX_SESSIONS) {
      const idle = ids.reduce((a, b) => (sessions[a].lastAt <= sessions[b].lastAt ? a : b));
      delete sessions[idle];
    }
    const taken = new Set(Object.values(sessions).map((s) => s.tty));
    let tty = 0;
    while (taken.has(tty)) tty++;
    session = { name: user.name, tty, since: now, lastAt: now, shell: {} };
    sessions[user.id] = session;
  }
  session.name = user.name;
  session.lastAt = now;
  return session;
}

/** The logins `who` lists, by terminal, and SESSION's own. */
export function loginContext(state: ScopeState, session: ScopeSession): LoginContext {
  const logins = Object.values(state.sessions ?? {})
    .sort((a, b) => a.tty - b.tty)
    .map((s) => ({ user: 'root', tty: `pts/${s.tty}`, since: s.since, host: s.name }));
  return { logins, tty: `pts/${session.tty}` };
}

/** SESSION's state after a line: kept when within SESSION_BYTES, else BEFORE again. */
export function boundSession(session: ScopeSession, before: SessionState): void {
  if (sessionBytes(session.shell) > SESSION_BYTES) session.shell = before;
}

/**
 * SHELL's size as JSON. A variable may hold a string of hundreds of MB when its line ends
 * (issue 8, finding 1: `x=$x$x…`): serialising it would need as much again and can end the
 * whole process (V8 aborts when a worker's string builder passes its heap limit), so the
 * variables' own lengths (a lower bound of their JSON) are counted first, and only a
 * session already small that way is serialised.
 */
function sessionBytes(shell: SessionState): number {
  let lowerBound = shell.cwd?.length ?? 0;
  for (const [name, value] of Object.entries(shell.vars ?? {})) {
    lowerBound += name.length + value.length;
    if (lowerBound > SESSION_BYTES) return lowerBound;
  }
  return JSON.stringify(shell).length;
}
