/**
 * which(1) of Debian 12's debianutils 5.7 (/usr/bin/which.debianutils, a sh script): for each
 * name, the first PATH entry holding an executable regular file of that name (-a: every
 * one), silently skipping what is missing; a name with a slash is printed when it is such a
 * file itself. Status 1 when one was not found, or no operand given. It looks at the files,
 * as the script's `[ -f "$f" -a -x "$f" ]` does: `which insmod modprobe` prints
 * /usr/sbin/insmod and /usr/sbin/modprobe (PATH lists /usr/sbin before /sbin), a builtin
 * such as history is no file, and a removed program is not found.
 */
import type { Io, System, Tool } from './tool';
import { statFollow } from './files';

/** test -f FILE -a -x FILE, as root: a regular file with an execute bit. */
function isExecutable(sys: System, path: string): boolean {
  const st = statFollow(sys, sys.resolve(path));
  return typeof st !== 'number' && st.type === 'file' && (st.mode & 0o111) !== 0;
}

export function main(argv: string[], io: Io, sys: System): number {
  let all = false;
  let args = argv.slice(1);
  while (args.length && /^-[a]+$/.test(args[0])) {
    all = true;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) return 1;
  let status = 0;
  const path = (sys.env.PATH ?? '').split(':');
  for (const name of args) {
    if (name.includes('/')) {
      if (isExecutable(sys, name)) io.out(name + '\n');
      else status = 1;
      continue;
    }
    let found = false;
    for (const dir of path) {
      // the script reads an empty PATH entry as the current directory
      const candidate = `${dir === '' ? '.' : dir}/${name}`;
      if (!isExecutable(sys, candidate)) continue;
      io.out(candidate + '\n');
      found = true;
      if (!all) break;
    }
    if (!found) status = 1;
  }
  return status;
}

export const which: Tool = { name: 'which', main, summary: 'locate a command' };
