/**
 * The contract between the shell and every tool: (argv, io, system) → exit status.
 * A tool never throws for bad input; it prints what the real tool prints and returns
 * the real exit status.
 */
import type { Kernel } from '../kernel/kernel';
import type { FileTree } from '../kernel/filetree';

export interface Io {
  /** Everything piped or redirected into the tool ('' for none). */
  readonly stdin: string;
  out(text: string): void;
  err(text: string): void;
}

/** One command someone ran in this scope, for `history` and attribution. */
export interface HistoryEntry {
  /** Display name of who ran it. */
  user: string;
  line: string;
  /** ms since the epoch */
  at: number;
  status: number;
}

/** One login session on the machine, as utmp records it (who). */
export interface Login {
  /** The account: root for everyone here. */
  user: string;
  /** The terminal, e.g. "pts/0". */
  tty: string;
  /** Login time, ms since the epoch. */
  since: number;
  /** Where the login came from: the chat user's display name. */
  host: string;
}

export interface System {
  readonly kernel: Kernel;
  /** The whole filesystem (disk + /proc + /sys + /dev), absolute normalised paths. */
  readonly fs: FileTree;
  /** Current directory of this shell ($PWD); `cd` changes it for the rest of the line. */
  cwd: string;
  /** Effective uid: 0 (everyone is root here) unless `setpriv --reuid` changed it for a command. */
  uid: number;
  readonly env: Record<string, string>;
  readonly history: readonly HistoryEntry[];
  /** Absolute, normalised path of PATH as seen from cwd ("~" is expanded by the shell). */
  resolve(path: string): string;
  /** Re-run the depmod index over the disk (depmod -a); returns what the index files now hold. */
  depmod(): void;
  /**
   * Run another program, as execvp(3) and wait(2) would (src/machine/exec.ts): ARGV[0] is a
   * name on PATH or a path; `/bin/sh -c LINE` runs a shell line. Returns the exit status
   * (0–255), or -ENOENT when there is no such program, for the caller to word as it does.
   * The program runs as this system's uid and environment at the time of the call.
   */
  exec(argv: readonly string[], io: Io): number;
  /** The programs installed on this machine, by name (what `help` lists). */
  readonly programs: ReadonlyMap<string, Tool>;
  /** Who is logged in (utmp), and the terminal of this shell's own login when it has one. */
  readonly logins: readonly Login[];
  readonly tty?: string;
}

export type ToolMain = (argv: string[], io: Io, sys: System) => number;

export interface Tool {
  name: string;
  main: ToolMain;
  /** One line for `help`. */
  summary?: string;
}
