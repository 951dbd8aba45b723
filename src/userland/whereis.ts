/**
 * whereis(1) of util-linux 2.38.1 (misc-utils/whereis.c): for each name, the files of that
 * name in the binary, manual and source directories. The lists are whereis's own (bindirs,
 * mandirs, srcdirs, a '*' standing for each subdirectory), then $PATH and $MANPATH; a
 * directory that is missing or already listed (the same directory after links: /bin is
 * /usr/bin) is left out. Options are read by hand, left to right, as whereis.c does: -b, -m,
 * -s narrow the search ("cumulative", reset once a name has been looked up), -B/-M/-S DIR...
 * replace a list up to the next word starting with '-' (-f ends it; without -f the run ends
 * with "option -f is missing"), -u prints only names with an unusual count of files, -l the
 * lists. Entries are read in the directory's order, as readdir gives them.
 */
import type { Io, System, Tool } from './tool';

const BIN_DIR = 1 << 1;
const MAN_DIR = 1 << 2;
const SRC_DIR = 1 << 3;
const ALL_DIRS = BIN_DIR | MAN_DIR | SRC_DIR;

/** Debian builds whereis with MULTIARCHTRIPLET x86_64-linux-gnu. */
const BIN_DIRS = [
  '/usr/bin', '/usr/sbin', '/bin', '/sbin',
  '/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/usr/local/lib/x86_64-linux-gnu',
  '/usr/lib', '/usr/lib32', '/usr/lib64', '/etc', '/usr/etc', '/lib', '/lib32', '/lib64',
  '/usr/games', '/usr/games/bin', '/usr/games/lib', '/usr/emacs/etc', '/usr/lib/emacs/*/etc',
  '/usr/TeX/bin', '/usr/tex/bin', '/usr/interviews/bin/LINUX',
  '/usr/X11R6/bin', '/usr/X386/bin', '/usr/bin/X11', '/usr/X11/bin', '/usr/X11R5/bin',
  '/usr/local/bin', '/usr/local/sbin', '/usr/local/etc', '/usr/local/lib', '/usr/local/games',
  '/usr/local/games/bin', '/usr/local/emacs/etc', '/usr/local/TeX/bin', '/usr/local/tex/bin', '/usr/local/bin/X11',
  '/usr/contrib', '/usr/hosts', '/usr/include', '/usr/g++-include',
  '/usr/ucb', '/usr/old', '/usr/new', '/usr/local', '/usr/libexec', '/usr/share',
  '/opt/*/bin',
];
const MAN_DIRS = ['/usr/man/*', '/usr/share/man/*', '/usr/X386/man/*', '/usr/X11/man/*', '/usr/TeX/man/*', '/usr/interviews/man/mann', '/usr/share/info'];
const SRC_DIRS = ['/usr/src/*', '/usr/src/lib/libc/*', '/usr/src/lib/libc/net/*', '/usr/src/ucb/pascal', '/usr/src/ucb/pascal/utilities', '/usr/src/undoc'];

const USAGE = `
Usage:
 whereis [options] [-BMS <dir>... -f] <name>

Locate the binary, source, and manual-page files for a command.

Options:
 -b         search only for binaries
 -B <dirs>  define binaries lookup path
 -m         search only for manuals and infos
 -M <dirs>  define man and info lookup path
 -s         search only for sources
 -S <dirs>  define sources lookup path
 -f         terminate <dirs> argument list
 -u         search for unusual entries
 -l         output effective lookup paths

 -h, --help     display this help
 -V, --version  display version

For more details see whereis(1).
`;

interface DirEntry {
  type: number;
  /** The directory with its links resolved: whereis's st_dev/st_ino and its canonical path. */
  path: string;
}

/** dirlist_add_dir: a readable directory not yet in the list with this type. */
function addDir(list: DirEntry[], type: number, dir: string, sys: System): void {
  const abs = sys.resolve(dir);
  const real = sys.fs.realpath ? sys.fs.realpath(abs, true) : abs;
  if (typeof real === 'number') return;
  const st = sys.fs.stat(real);
  if (typeof st === 'number' || st.type !== 'dir') return;
  if (list.some((d) => d.path === real && d.type === type)) return;
  list.push({ type, path: real });
}

/** dirlist_add_subdir: each entry of the directory before '*', with what follows the '*'. */
function addSubdirs(list: DirEntry[], type: number, pattern: string, sys: System): void {
  const star = pattern.indexOf('*');
  const parent = pattern.slice(0, star);
  const postfix = pattern.slice(star + 1);
  const names = sys.fs.list(sys.resolve(parent));
  if (typeof names === 'number') return;
  for (const name of names) addDir(list, type, parent + name + postfix, sys);
}

function construct(list: DirEntry[], type: number, dirs: readonly string[], sys: System): void {
  for (const d of dirs) {
    if (d.includes('*')) addSubdirs(list, type, d, sys);
    else addDir(list, type, d, sys);
  }
}

/** strtok(":") of an environment variable: empty fields are skipped. */
function constructFromEnv(list: DirEntry[], type: number, value: string | undefined, sys: System): void {
  if (value === undefined) return;
  for (const d of value.split(':')) if (d !== '') addDir(list, type, d, sys);
}

/** filename_equal(): a binary by its exact name; a manual or source also as NAME.SECTION[.C], compressed or not. */
function filenameEqual(cp: string, dp: string, type: number): boolean {
  if (type & SRC_DIR && dp.startsWith('s.') && filenameEqual(cp, dp.slice(2), type)) return true;
  let i = dp.length;
  if (type & MAN_DIR) {
    for (const ext of ['.Z', '.gz', '.xz', '.bz2', '.zst']) {
      if (i > ext.length - 1 && dp.endsWith(ext)) {
        i -= ext.length;
        break;
      }
    }
  }
  let c = 0;
  let d = 0;
  while (c < cp.length && d < dp.length && cp[c] === dp[d]) c++, d++, i--;
  if (c === cp.length && d === dp.length) return true;
  if (!(type & BIN_DIR) && c === cp.length && dp[d++] === '.') {
    i--;
    while (i > 0 && d < dp.length) {
      i--;
      if (dp[d++] === '.') return dp[d++] === 'C' && d === dp.length;
    }
    return true;
  }
  return false;
}

interface Lookup {
  count: number;
  wait?: string;
}

function findIn(dir: DirEntry, pattern: string, found: Lookup, uflag: boolean, io: Io, sys: System): void {
  const names = sys.fs.list(dir.path);
  if (typeof names === 'number') return;
  const base = dir.path === '/' ? '' : dir.path;
  for (const name of names) {
    if (!filenameEqual(pattern, name, dir.type)) continue;
    if (uflag && found.count === 0) found.wait = `${base}/${name}`;
    else if (uflag && found.count === 1 && found.wait !== undefined) {
      io.out(`${pattern}: ${found.wait} ${base}/${name}`);
      found.wait = undefined;
    } else io.out(` ${base}/${name}`);
    found.count++;
  }
}

function lookup(name: string, list: readonly DirEntry[], want: number, uflag: boolean, io: Io, sys: System): void {
  const pattern = name.slice(name.lastIndexOf('/') + 1);
  if (!uflag) io.out(`${pattern}:`);
  const found: Lookup = { count: 0 };
  for (const dir of list) if (dir.type & want) findIn(dir, pattern, found, uflag, io, sys);
  if (!uflag || found.count > 1) io.out('\n');
}

function badUsage(io: Io, message: string): number {
  io.err(`whereis: ${message}\nTry 'whereis --help' for more information.\n`);
  return 1;
}

export function main(argv: string[], io: Io, sys: System): number {
  if (argv.length <= 1) return badUsage(io, 'not enough arguments');
  if (argv[1] === '--help') return io.out(USAGE), 0;
  if (argv[1] === '--version') return io.out('whereis from util-linux 2.38.1\n'), 0;

  let list: DirEntry[] = [];
  construct(list, BIN_DIR, BIN_DIRS, sys);
  constructFromEnv(list, BIN_DIR, sys.env.PATH, sys);
  construct(list, MAN_DIR, MAN_DIRS, sys);
  constructFromEnv(list, MAN_DIR, sys.env.MANPATH, sys);
  construct(list, SRC_DIR, SRC_DIRS, sys);

  let want = ALL_DIRS;
  let wantResetable = false;
  let fMissing = false;
  let uflag = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    const argI = i;
    if (!arg.startsWith('-')) {
      lookup(arg, list, want, uflag, io, sys);
      wantResetable = true;
      continue;
    }
    for (let k = 1; k < arg.length; k++) {
      const c = arg[k];
      switch (c) {
        case 'f':
          fMissing = false;
          break;
        case 'u':
          uflag = true;
          fMissing = false;
          break;
        case 'B':
        case 'M':
        case 'S': {
          if (k + 1 < arg.length) return badUsage(io, 'bad usage');
          const type = c === 'B' ? BIN_DIR : c === 'M' ? MAN_DIR : SRC_DIR;
          i++;
          list = list.filter((d) => !(d.type & type));
          // construct_dirlist_from_argv: up to the next '-' word; i stays on the last directory taken
          for (let j = i; j < argv.length; j++) {
            if (argv[j].startsWith('-')) break;
            addDir(list, type, argv[j], sys);
            i = j;
          }
          fMissing = true;
          break;
        }
        case 'b':
        case 'm':
        case 's': {
          const type = c === 'b' ? BIN_DIR : c === 'm' ? MAN_DIR : SRC_DIR;
          if (wantResetable) {
            want = ALL_DIRS;
            wantResetable = false;
          }
          want = want === ALL_DIRS ? type : want | type;
          fMissing = false;
          break;
        }
        case 'l':
          for (const d of list) io.out(`${d.type === BIN_DIR ? 'bin' : d.type === MAN_DIR ? 'man' : 'src'}: ${d.path}\n`);
          break;
        case 'V':
          io.out('whereis from util-linux 2.38.1\n');
          return 0;
        case 'h':
          io.out(USAGE);
          return 0;
        default:
          return badUsage(io, 'bad usage');
      }
      if (argI < i) break;
    }
  }
  if (fMissing) {
    io.err('whereis: option -f is missing\n');
    return 1;
  }
  return 0;
}

export const whereis: Tool = { name: 'whereis', main, summary: 'locate the binary, source, and manual page files for a command' };
