/**
 * A user's login session on a machine: like separate logins on one computer, each chat user
 * keeps their own current directory, variables and shell functions from one message to the
 * next, while the machine (modules, files, log) is shared. A session holds only what differs
 * from a fresh login, in plain JSON.
 */
import type { CompoundCommand } from '../shell/ast';
import type { System } from '../userland/tool';

export interface SessionState {
  /** The current directory, when not the home directory. */
  cwd?: string;
  /** Variables set or changed since login. */
  vars?: Record<string, string>;
  /** Login variables unset since. */
  unset?: string[];
  /**
   * Variables the shell has without the export attribute (`x=1`, `export -n`), which its
   * programs do not get. A session stored before this field existed has none: all exported.
   */
  unexported?: string[];
  /** Shell functions defined, by name (the parsed body). */
  functions?: Record<string, CompoundCommand>;
  /** $? as the last line left it, when not 0: an interactive shell's next line sees it. */
  status?: number;
}

/** SYS as SESSION left it: its directory and variables; the functions to run the line with. */
export function resume(sys: System, session: SessionState): Map<string, CompoundCommand> {
  if (session.cwd !== undefined) sys.cwd = session.cwd;
  for (const name of session.unset ?? []) delete sys.env[name];
  Object.assign(sys.env, session.vars ?? {});
  return new Map(Object.entries(session.functions ?? {}));
}

/** The names with the export attribute as SYS resumed from SESSION has them: every variable but its unexported ones. */
export function exportedNames(sys: System, session: SessionState): Set<string> {
  const unexported = new Set(session.unexported ?? []);
  return new Set(Object.keys(sys.env).filter((name) => !unexported.has(name)));
}

/** What SYS (opened with LOGIN_ENV and HOME) now differs in from a fresh login, as a session; STATUS is the line's; EXPORTED the names with the export attribute. */
export function capture(sys: System, loginEnv: Readonly<Record<string, string>>, home: string, functions: ReadonlyMap<string, CompoundCommand>, status = 0, exported?: ReadonlySet<string>): SessionState {
  const session: SessionState = {};
  if (status !== 0) session.status = status;
  if (sys.cwd !== home) session.cwd = sys.cwd;
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(sys.env)) if (loginEnv[name] !== value) vars[name] = value;
  if (Object.keys(vars).length > 0) session.vars = vars;
  const unset = Object.keys(loginEnv).filter((name) => !(name in sys.env));
  if (unset.length > 0) session.unset = unset;
  const unexportedNow = exported ? Object.keys(sys.env).filter((name) => !exported.has(name)) : [];
  if (unexportedNow.length > 0) session.unexported = unexportedNow;
  if (functions.size > 0) session.functions = Object.fromEntries(functions);
  return session;
}
