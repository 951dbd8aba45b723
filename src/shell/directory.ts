/**
 * bash 5.2's cd and pwd (builtins/cd.def): the shell keeps a logical working directory,
 * $PWD, that remembers the symbolic links it came through (`cd /lib` gives /lib, where
 * chdir(2) lands in /usr/lib), while the kernel's working directory is physical. `cd -L`
 * (the default) takes `..` lexically from $PWD; `cd -P` and `pwd -P` see the links
 * resolved. On Debian 12 /lib, /bin and /sbin are such links (merged /usr).
 */
import type { Io, System } from '../userland/tool';
import type { BuiltinContext } from './builtins';
import { builtinOptions } from './builtin-options';
import { strerror, ENOENT, ENOTDIR, EACCES } from '../kernel/errno';

const CD_USAGE = 'cd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n';
const PWD_USAGE = 'pwd: usage: pwd [-LP]\n';

/** Whether -P (physical) is in effect: the later of -L and -P counts. */
function physical(flags: string): boolean {
  return flags.lastIndexOf('P') > flags.lastIndexOf('L');
}

/** The physical path of DIR (getcwd(3) after chdir), or -errno. */
function realDir(sys: System, path: string): string | number {
  return sys.fs.realpath ? sys.fs.realpath(path, true) : path;
}

/** chdir(2) to PATH: 0, or the errno it fails with. */
function chdirErrno(sys: System, path: string): number {
  const real = realDir(sys, path);
  const st = typeof real === 'number' ? real : sys.fs.stat(real);
  if (typeof st === 'number') return -st;
  if (st.type !== 'dir') return ENOTDIR;
  if (sys.uid !== 0 && (st.mode & 0o001) === 0) return EACCES;
  return 0;
}

/**
 * sh_canonpath(PATH, PATH_CHECKDOTDOT | PATH_CHECKEXISTS): `.` and `..` removed lexically,
 * each directory before a `..` checked to be one, the result checked to exist; null when a
 * check fails. A leading `//` stays, as POSIX leaves its meaning to the system.
 */
function canonpath(sys: System, path: string): string | null {
  const root = /^\/\/(?!\/)/.test(path) ? '//' : '/';
  const parts: string[] = [];
  const here = (): string => root + parts.join('/');
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (chdirErrno(sys, here()) !== 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return chdirErrno(sys, here()) === 0 ? here() : null;
}

export function cd(argv: string[], io: Io, ctx: BuiltinContext): number {
  const { sys, prefix } = ctx;
  const parsed = builtinOptions(argv, 'LPe@');
  if ('bad' in parsed) {
    io.err(`${prefix}cd: -${parsed.bad}: invalid option\n${CD_USAGE}`);
    return 2;
  }
  const { flags, args } = parsed;
  if (args.length > 1) {
    io.err(`${prefix}cd: too many arguments\n`);
    return 1;
  }
  let target = args[0];
  let print = false;
  if (target === undefined) {
    target = sys.env.HOME;
    if (target === undefined) {
      io.err(`${prefix}cd: HOME not set\n`);
      return 1;
    }
  } else if (target === '-') {
    target = sys.env.OLDPWD;
    if (target === undefined) {
      io.err(`${prefix}cd: OLDPWD not set\n`);
      return 1;
    }
    print = true;
  }
  if (target === '') return 0;
  let next: string | undefined;
  if (!physical(flags)) {
    // -L: $PWD/DIR made canonical; where that fails, what the user typed, as chdir reads it
    const canon = canonpath(sys, target.startsWith('/') ? target : `${sys.cwd === '/' ? '' : sys.cwd}/${target}`);
    if (canon !== null) next = canon;
  }
  if (next === undefined) {
    const path = sys.resolve(target);
    const errno = chdirErrno(sys, path);
    if (errno) {
      io.err(`${prefix}cd: ${target}: ${strerror[errno] ?? strerror[ENOENT]}\n`);
      return 1;
    }
    // resetpwd / bindpwd(no_symlinks): the physical directory
    next = realDir(sys, path) as string;
  }
  sys.env.OLDPWD = sys.cwd;
  sys.cwd = next;
  sys.env.PWD = next;
  if (print) io.out(next + '\n');
  return 0;
}

export function pwd(argv: string[], io: Io, ctx: BuiltinContext): number {
  const parsed = builtinOptions(argv, 'LP');
  if ('bad' in parsed) {
    io.err(`${ctx.prefix}pwd: -${parsed.bad}: invalid option\n${PWD_USAGE}`);
    return 2;
  }
  // bash 5.2 ignores operands (26-shell-paths: `pwd extra` prints the directory).
  const { sys } = ctx;
  if (!physical(parsed.flags)) {
    io.out(sys.cwd + '\n');
    return 0;
  }
  const real = realDir(sys, sys.cwd);
  if (typeof real === 'number') {
    io.err(`${ctx.prefix}pwd: error retrieving current directory: getcwd: cannot access parent directories: ${strerror[-real] ?? strerror[ENOENT]}\n`);
    return 1;
  }
  io.out(real + '\n');
  return 0;
}
