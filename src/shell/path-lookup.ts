/**
 * Where bash finds a program on PATH (findcmd.c: search_for_command), for the messages that
 * name it ("bash: line 1: /usr/bin/cat: Argument list too long") and for `type` and
 * `command -v`. Debian 12 is merged-/usr: kmod's tools and ip live in /usr/sbin (reached as
 * /sbin too), everything else the machine has in /usr/bin; root's PATH is
 * /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin, so `command -v insmod`
 * prints /usr/sbin/insmod and `command -v cat` /usr/bin/cat (as on the oracle's Debian 12).
 */
import { programFiles, programLinks } from '../modules/programs';

/** Programs of /usr/sbin as Debian installs them (kmod 30's tools, iproute2's ip); the rest are in /usr/bin. */
const SBIN = new Set(
  [...programFiles.keys(), ...programLinks.keys()].filter((path) => path.startsWith('/usr/sbin/')).map((path) => path.slice('/usr/sbin/'.length)),
);

/** Directories on PATH where the simulated tools live (/usr/bin/cat, /usr/sbin/insmod, as /bin/cat …). */
export const BIN_DIRS: ReadonlySet<string> = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/** The merged-/usr symlinks: a PATH entry and the directory it reaches. */
const CANONICAL: Readonly<Record<string, string>> = { '/bin': '/usr/bin', '/sbin': '/usr/sbin' };

/** The directory a tool NAME is installed in. */
export function installedDir(name: string): string {
  return SBIN.has(name) ? '/usr/sbin' : '/usr/bin';
}

/**
 * The path bash runs for the tool NAME with this PATH, or undefined when no PATH entry
 * reaches the tool's directory.
 */
export function programPath(name: string, path: string | undefined): string | undefined {
  const home = installedDir(name);
  for (const entry of (path ?? '').split(':')) {
    // An empty entry is the current directory; a tool is never there.
    const dir = entry.replace(/\/+$/, '') || (entry.startsWith('/') ? '/' : '');
    if ((CANONICAL[dir] ?? dir) === home) return `${dir}/${name}`;
  }
  return undefined;
}
