/**
 * which(1) of Debian 12's debianutils 5.7: the first PATH entry holding each program
 * (-a: every one), silently skipping what is missing; status 1 when one was not found, or
 * no operand given. The oracle shows `which insmod modprobe` as /usr/sbin/insmod and
 * /usr/sbin/modprobe: PATH lists /usr/sbin before /sbin.
 */
import type { Io, System, Tool } from './tool';

/** Where Debian 12's packages put the programs that are not in /usr/bin (dpkg -L kmod iproute2). */
const SBIN = new Set(['insmod', 'rmmod', 'modprobe', 'modinfo', 'depmod', 'ip']);
/** Both directories hold them (kmod ships /bin/lsmod and /sbin/lsmod; iproute2 /bin/ip and /sbin/ip). */
const BOTH = new Set(['lsmod', 'ip']);

/** The directories (canonical, merged /usr) the program NAME is installed in. */
export function installedIn(name: string): string[] {
  if (BOTH.has(name)) return ['/usr/bin', '/usr/sbin'];
  return [SBIN.has(name) ? '/usr/sbin' : '/usr/bin'];
}

/** Directories where the simulated programs are installed (merged /usr: /bin is /usr/bin). */
const BIN_DIRS = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/** The program NAME (or a path to it in a bin directory), as execvp(3) would find it (sys.programs). */
function findProgram(sys: System, name: string): Tool | undefined {
  if (!name.includes('/')) return sys.programs.get(name);
  const path = sys.resolve(name);
  const slash = path.lastIndexOf('/');
  return BIN_DIRS.has(path.slice(0, slash) || '/') ? sys.programs.get(path.slice(slash + 1)) : undefined;
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
      if (findProgram(sys, name)) io.out(name + '\n');
      else status = 1;
      continue;
    }
    const homes = findProgram(sys, name) ? installedIn(name) : [];
    let found = false;
    for (const dir of path) {
      const canonical = dir.replace(/^\/(bin|sbin|lib)(?=\/|$)/, '/usr/$1');
      if (!homes.includes(canonical)) continue;
      io.out(`${dir === '' ? '.' : dir}/${name}\n`);
      found = true;
      if (!all) break;
    }
    if (!found) status = 1;
  }
  return status;
}

export const which: Tool = { name: 'which', main, summary: 'locate a command' };
