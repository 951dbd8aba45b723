/**
 * du(1) of GNU coreutils 9.1: the device usage of each FILE, directories walked depth first
 * in readdir order (fts without a comparison function), each directory printed after its
 * contents. Usage is st_blocks × 512 as the filesystems report it: on the machine's tmpfs a
 * file takes its size rounded up to 4 KiB pages and a directory takes none; /proc, /sys and
 * /dev take none at all (stat.ts keeps the same numbers). --apparent-size and -b count
 * st_size instead (a tmpfs directory's 40 + 20 per entry). Sizes are rounded up to the block
 * size (1024, -k, -m, -B SIZE, -h/--si as human.c prints them). With several operands a
 * directory or file already counted is skipped, as du's inode hash does (`du -c d d/sub`).
 */
import type { FileStat } from '../kernel/filetree';
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, tryHelp } from './files';
import { coreutilsVersion } from './gnu-version';
import { HUMAN_1000, HUMAN_1024, PLAIN, humanReadable, parseBlockSize, type HumanOptions } from './human-size';
import { instantOfMs, strftime } from './strftime';
import { blockSizeNotes } from './block-size-note';

const LONG: LongOption[] = [
  { name: 'null', has: 'none', key: '0' },
  { name: 'all', has: 'none', key: 'a' },
  { name: 'apparent-size', has: 'none', key: 'apparent' },
  { name: 'block-size', has: 'required', key: 'B' },
  { name: 'bytes', has: 'none', key: 'b' },
  { name: 'count-links', has: 'none', key: 'l' },
  { name: 'dereference', has: 'none', key: 'L' },
  { name: 'dereference-args', has: 'none', key: 'D' },
  { name: 'exclude', has: 'required', key: 'exclude' },
  { name: 'exclude-from', has: 'required', key: 'X' },
  { name: 'files0-from', has: 'required', key: 'files0' },
  { name: 'human-readable', has: 'none', key: 'h' },
  { name: 'inodes', has: 'none', key: 'inodes' },
  { name: 'max-depth', has: 'required', key: 'd' },
  { name: 'no-dereference', has: 'none', key: 'P' },
  { name: 'one-file-system', has: 'none', key: 'x' },
  { name: 'separate-dirs', has: 'none', key: 'S' },
  { name: 'summarize', has: 'none', key: 's' },
  { name: 'total', has: 'none', key: 'c' },
  { name: 'threshold', has: 'required', key: 't' },
  { name: 'time', has: 'optional', key: 'time' },
  { name: 'time-style', has: 'required', key: 'time-style' },
  { name: 'si', has: 'none', key: 'si' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const USAGE = `Usage: du [OPTION]... [FILE]...
  or:  du [OPTION]... --files0-from=F
Summarize device usage of the set of FILEs, recursively for directories.

Mandatory arguments to long options are mandatory for short options too.
  -0, --null            end each output line with NUL, not newline
  -a, --all             write counts for all files, not just directories
      --apparent-size   print apparent sizes rather than device usage; although
                          the apparent size is usually smaller, it may be
                          larger due to holes in ('sparse') files, internal
                          fragmentation, indirect blocks, and the like
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes;
                           see SIZE format below
  -b, --bytes           equivalent to '--apparent-size --block-size=1'
  -c, --total           produce a grand total
  -D, --dereference-args  dereference only symlinks that are listed on the
                          command line
  -d, --max-depth=N     print the total for a directory (or file, with --all)
                          only if it is N or fewer levels below the command
                          line argument;  --max-depth=0 is the same as
                          --summarize
      --files0-from=F   summarize device usage of the
                          NUL-terminated file names specified in file F;
                          if F is -, then read names from standard input
  -H                    equivalent to --dereference-args (-D)
  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)
      --inodes          list inode usage information instead of block usage
  -k                    like --block-size=1K
  -L, --dereference     dereference all symbolic links
  -l, --count-links     count sizes many times if hard linked
  -m                    like --block-size=1M
  -P, --no-dereference  don't follow any symbolic links (this is the default)
  -S, --separate-dirs   for directories do not include size of subdirectories
      --si              like -h, but use powers of 1000 not 1024
  -s, --summarize       display only a total for each argument
  -t, --threshold=SIZE  exclude entries smaller than SIZE if positive,
                          or entries greater than SIZE if negative
      --time            show time of the last modification of any file in the
                          directory, or any of its subdirectories
      --time=WORD       show time as WORD instead of modification time:
                          atime, access, use, ctime or status
      --time-style=STYLE  show times using STYLE, which can be:
                            full-iso, long-iso, iso, or +FORMAT;
                            FORMAT is interpreted like in 'date'
  -X, --exclude-from=FILE  exclude files that match any pattern in FILE
      --exclude=PATTERN    exclude files that match PATTERN
  -x, --one-file-system    skip directories on different file systems
      --help        display this help and exit
      --version     output version information and exit

${blockSizeNotes('DU')}
GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/du>
or available locally via: info '(coreutils) du invocation'
`;

const VERSION = coreutilsVersion('du', 'Torbjorn Granlund, David MacKenzie, Paul Eggert,\nand Jim Meyering');

/** Where the machine's kernel filesystems are: their files report no blocks. */
const NO_BLOCKS = ['/proc', '/sys', '/dev'];

/** The deepest tree du walks here; deeper entries are still counted by the limit on entries. */
const MAX_ENTRIES = 200_000;

interface Control {
  all: boolean;
  apparent: boolean;
  inodes: boolean;
  separateDirs: boolean;
  maxDepth: number;
  opts: HumanOptions;
  blockSize: bigint;
  end: string;
  derefArgs: boolean;
  derefAll: boolean;
  time: boolean;
  /** What has been counted: du's hash of (device, inode), here the resolved path. */
  seen: Set<string>;
  visited: number;
}

function usage(st: FileStat, abs: string, ctl: Control): bigint {
  if (ctl.inodes) return 1n;
  if (ctl.apparent) return BigInt(st.type === 'file' || st.type === 'dir' || st.type === 'symlink' ? st.size : 0);
  if (NO_BLOCKS.some((m) => abs === m || abs.startsWith(m + '/'))) return 0n;
  if (st.type === 'file') return BigInt(Math.ceil(st.size / 4096) * 4096);
  // tmpfs keeps a symlink's target in the inode up to 128 bytes, else in a page
  if (st.type === 'symlink') return (st.target ?? '').length > 128 ? 4096n : 0n;
  return 0n;
}

interface Walked {
  /** Bytes (or inodes) of the entry and what is below it; -1 when it could not be reached. */
  size: bigint;
  mtime: number;
  isDir: boolean;
  /** Something below it could not be read. */
  failed: boolean;
}

const UNREACHED: Walked = { size: -1n, mtime: 0, isDir: false, failed: true };

function print(size: bigint, mtime: number, path: string, ctl: Control, io: Io): void {
  const n = ctl.inodes ? size.toString() : humanReadable(size, ctl.opts, ctl.blockSize);
  const time = ctl.time ? `\t${strftime('%Y-%m-%d %H:%M', instantOfMs(mtime))}` : '';
  io.out(`${n}${time}\t${path}${ctl.end}`);
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** One entry and what is below it; undefined when it was already counted. */
function walk(path: string, abs: string, depth: number, follow: boolean, ctl: Control, io: Io, sys: System): Walked | undefined {
  const real = sys.fs.realpath ? sys.fs.realpath(abs, follow) : abs;
  if (typeof real === 'number') {
    io.err(`du: cannot access '${path}': ${errnoText(real)}\n`);
    return UNREACHED;
  }
  const st = sys.fs.stat(real);
  if (typeof st === 'number') {
    io.err(`du: cannot access '${path}': ${errnoText(st)}\n`);
    return UNREACHED;
  }
  if (ctl.seen.has(real)) return undefined;
  ctl.seen.add(real);
  ctl.visited++;
  let size = usage(st, real, ctl);
  let mtime = st.mtime;
  let failed = false;
  if (st.type === 'dir' && ctl.visited < MAX_ENTRIES) {
    const names = sys.fs.list(real);
    if (typeof names === 'number') {
      io.err(`du: cannot read directory '${path}': ${errnoText(names)}\n`);
      failed = true;
    } else {
      for (const name of names) {
        const child = walk(join(path, name), real === '/' ? `/${name}` : `${real}/${name}`, depth + 1, ctl.derefAll, ctl, io, sys);
        if (!child) continue;
        if (child.size < 0n) {
          failed = true;
          continue;
        }
        if (!(ctl.separateDirs && child.isDir)) size += child.size;
        if (child.mtime > mtime) mtime = child.mtime;
        if (child.failed) failed = true;
      }
    }
  }
  if (depth <= ctl.maxDepth && (st.type === 'dir' || ctl.all || depth === 0)) print(size, mtime, path, ctl, io);
  return { size, mtime, isDir: st.type === 'dir', failed };
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, '0abd:chHklmsxB:DLPSt:X:', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'du');
  }
  const ctl: Control = {
    all: false, apparent: false, inodes: false, separateDirs: false, maxDepth: Number.MAX_SAFE_INTEGER,
    opts: PLAIN, blockSize: 1024n, end: '\n', derefArgs: false, derefAll: false, time: false, seen: new Set(), visited: 0,
  };
  const envBlock = sys.env.DU_BLOCK_SIZE ?? sys.env.BLOCK_SIZE ?? sys.env.BLOCKSIZE;
  if (envBlock !== undefined) {
    const b = parseBlockSize(envBlock);
    if (typeof b !== 'string') {
      ctl.opts = b.opts;
      ctl.blockSize = b.size;
    }
  }
  let summarize = false;
  let maxDepthGiven: number | undefined;
  let total = false;
  for (const { key, arg, spelled } of parsed.options) {
    switch (key) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'version':
        io.out(VERSION);
        return 0;
      case '0': ctl.end = '\0'; break;
      case 'a': ctl.all = true; break;
      case 'apparent': ctl.apparent = true; break;
      case 'b':
        ctl.apparent = true;
        ctl.opts = PLAIN;
        ctl.blockSize = 1n;
        break;
      case 'c': total = true; break;
      case 'd': {
        const value = /^[ \t\n\v\f\r]*\+?([0-9]+)$/.exec(arg ?? '');
        if (!value || BigInt(value[1]) > BigInt(Number.MAX_SAFE_INTEGER)) {
          io.err(`du: invalid maximum depth '${arg ?? ''}'\n`);
          return tryHelp(io, 'du');
        }
        maxDepthGiven = Number(value[1]);
        break;
      }
      case 'h':
        ctl.opts = HUMAN_1024;
        ctl.blockSize = 1n;
        break;
      case 'si':
        ctl.opts = HUMAN_1000;
        ctl.blockSize = 1n;
        break;
      case 'k':
        ctl.opts = PLAIN;
        ctl.blockSize = 1024n;
        break;
      case 'm':
        ctl.opts = PLAIN;
        ctl.blockSize = 1024n * 1024n;
        break;
      case 'B': {
        const b = parseBlockSize(arg ?? '');
        if (typeof b === 'string') {
          const option = spelled === '-B' ? '-B' : '--block-size';
          io.err(
            b === 'overflow'
              ? `du: ${option} argument '${arg ?? ''}' too large\n`
              : `du: invalid ${b === 'suffix' ? 'suffix in ' : ''}${option} argument '${arg ?? ''}'\n`,
          );
          return 1;
        }
        ctl.opts = b.opts;
        ctl.blockSize = b.size;
        break;
      }
      case 'D': case 'H': ctl.derefArgs = true; break;
      case 'L': ctl.derefAll = true; break;
      case 'P': ctl.derefAll = false; ctl.derefArgs = false; break;
      case 'S': ctl.separateDirs = true; break;
      case 's': summarize = true; break;
      case 'inodes': ctl.inodes = true; break;
      case 'time': ctl.time = true; break;
      default: break;
    }
  }
  if (ctl.all && summarize) {
    io.err('du: cannot both summarize and show all entries\n');
    return tryHelp(io, 'du');
  }
  if (summarize && maxDepthGiven !== undefined && maxDepthGiven !== 0) {
    io.err(`du: warning: summarizing conflicts with --max-depth=${maxDepthGiven}\n`);
    return tryHelp(io, 'du');
  }
  if (summarize && maxDepthGiven === 0) io.err('du: warning: summarizing is the same as using --max-depth=0\n');
  if (summarize) ctl.maxDepth = 0;
  else if (maxDepthGiven !== undefined) ctl.maxDepth = maxDepthGiven;

  const operands = parsed.operands.length ? parsed.operands : ['.'];
  let status = 0;
  let sum = 0n;
  for (const operand of operands) {
    // fts_open keeps one trailing slash of a run of them
    const path = operand.length > 2 ? operand.replace(/(?<=.)\/+$/, '/') : operand;
    // a trailing slash makes the kernel follow a link to a directory (du /lib/)
    const w = walk(path, sys.resolve(operand), 0, ctl.derefArgs || ctl.derefAll || operand.endsWith('/'), ctl, io, sys);
    if (!w) continue;
    if (w.size < 0n) {
      status = 1;
      continue;
    }
    if (w.failed) status = 1;
    sum += w.size;
  }
  if (total) print(sum, 0, 'total', { ...ctl, time: false }, io);
  return status;
}

export const du: Tool = { name: 'du', main, summary: 'estimate file space usage' };
