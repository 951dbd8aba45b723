/**
 * ls(1) of GNU coreutils 9.1 writing to a pipe (the chat is not a terminal): one name per
 * line, no quoting, no colour; names sorted byte-wise as in the C locale of the oracle
 * guest (-U and -f keep the directory's own order, dentry-order.ts). -l prints mode, links, owner, group, size (or "major, minor"), mtime in UTC as
 * "%b %e %H:%M" (or "%b %e  %Y" when older than six months or in the future) with GNU's
 * column widths, after "total N" for a directory.
 */
import type { FileStat } from '../kernel/filetree';
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, now, statFollow, tryHelp } from './files';
import { isPseudoPath } from '../kernel/filetree';

const SHORT = 'aAdlrRtSUf1hFCnigoLs';
const LONG: LongOption[] = [
  { name: 'all', has: 'none', key: 'a' },
  { name: 'almost-all', has: 'none', key: 'A' },
  { name: 'directory', has: 'none', key: 'd' },
  { name: 'reverse', has: 'none', key: 'r' },
  { name: 'recursive', has: 'none', key: 'R' },
  { name: 'human-readable', has: 'none', key: 'h' },
  { name: 'size', has: 'none', key: 's' },
  { name: 'classify', has: 'optional', key: 'F' },
  { name: 'numeric-uid-gid', has: 'none', key: 'n' },
  { name: 'inode', has: 'none', key: 'i' },
  { name: 'dereference', has: 'none', key: 'L' },
  { name: 'color', has: 'optional', key: 'color' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Half a Gregorian year in seconds (ls.c: six months ago). */
const SIX_MONTHS_MS = (31556952 / 2) * 1000;

interface Options {
  all: boolean;
  almostAll: boolean;
  directory: boolean;
  long: boolean;
  reverse: boolean;
  recursive: boolean;
  /** none: -U/-f, directory order (readdir's), which -r does not reverse (ls.c sort_files). */
  sort: 'name' | 'time' | 'size' | 'none';
  human: boolean;
  classify: boolean;
  numeric: boolean;
  owner: boolean;
  group: boolean;
  /** -s: each entry's allocated blocks first, and the total line without -l too. */
  size: boolean;
}

interface Entry {
  name: string;
  path: string;
  stat: FileStat;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function modeString(st: FileStat): string {
  const type = { file: '-', dir: 'd', symlink: 'l', chardev: 'c' }[st.type];
  const bits = 'rwxrwxrwx';
  let s = '';
  for (let i = 0; i < 9; i++) s += st.mode & (1 << (8 - i)) ? bits[i] : '-';
  const chars = s.split('');
  if (st.mode & 0o4000) chars[2] = chars[2] === 'x' ? 's' : 'S';
  if (st.mode & 0o2000) chars[5] = chars[5] === 'x' ? 's' : 'S';
  if (st.mode & 0o1000) chars[8] = chars[8] === 'x' ? 't' : 'T';
  return type + chars.join('');
}

function dateString(mtime: number, current: number): string {
  const d = new Date(mtime);
  const mon = MONTHS[d.getUTCMonth()];
  const day = String(d.getUTCDate()).padStart(2);
  const recent = mtime > current - SIX_MONTHS_MS && mtime <= current + 1000;
  if (recent) return `${mon} ${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${mon} ${day}  ${d.getUTCFullYear()}`;
}

/** human_readable() with -h: 1024-based, one decimal below 10, rounded up. */
function human(size: number): string {
  if (size < 1024) return String(size);
  const units = 'KMGTPE';
  let v = size;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const text = v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v));
  return text + units[u];
}

/** 1K blocks a file occupies: the disk is ext4 with 4K blocks; kernel filesystems use none. */
/** 1K blocks: the disk is a tmpfs, where only a file's pages take room (a directory none). */
function blocks(e: Entry): number {
  if (isPseudoPath(e.path) || e.stat.type !== 'file') return 0;
  return Math.ceil(e.stat.size / 4096) * 4;
}

function linkCount(e: Entry, sys: System): number {
  if (e.stat.type !== 'dir') return 1;
  const names = sys.fs.list(e.path);
  if (typeof names === 'number') return 2;
  let subdirs = 0;
  for (const n of names) {
    const st = sys.fs.stat(e.path === '/' ? `/${n}` : `${e.path}/${n}`);
    if (typeof st !== 'number' && st.type === 'dir') subdirs++;
  }
  return 2 + subdirs;
}

function sortEntries(entries: Entry[], o: Options): Entry[] {
  if (o.sort === 'none') return entries;
  const sorted = [...entries].sort((a, b) => {
    if (o.sort === 'time' && a.stat.mtime !== b.stat.mtime) return b.stat.mtime - a.stat.mtime;
    if (o.sort === 'size' && a.stat.size !== b.stat.size) return b.stat.size - a.stat.size;
    return byteOrder(a.name, b.name);
  });
  return o.reverse ? sorted.reverse() : sorted;
}

function classifySuffix(st: FileStat, o: Options): string {
  if (!o.classify) return '';
  if (st.type === 'dir') return '/';
  if (st.type === 'symlink') return '@';
  if (st.type === 'file' && st.mode & 0o111) return '*';
  return '';
}

function blocksText(e: Entry, o: Options): string {
  return o.human ? human(blocks(e) * 1024) : String(blocks(e));
}

function totalLine(entries: Entry[], o: Options): string {
  const total = entries.reduce((sum, e) => sum + blocks(e), 0);
  return `total ${o.human ? human(total * 1024) : total}\n`;
}

function format(entries: Entry[], o: Options, sys: System, withTotal: boolean): string {
  // -s: the blocks column, as wide as its widest number (ls.c's block_size_width)
  const blockW = o.size ? Math.max(0, ...entries.map((e) => blocksText(e, o).length)) : 0;
  const sizePrefix = (e: Entry): string => (o.size ? `${blocksText(e, o).padStart(blockW)} ` : '');
  if (!o.long) {
    const head = withTotal && o.size ? totalLine(entries, o) : '';
    return head + entries.map((e) => sizePrefix(e) + e.name + classifySuffix(e.stat, o) + '\n').join('');
  }
  const current = now(sys);
  const rows = entries.map((e) => {
    const links = String(linkCount(e, sys));
    const owner = o.numeric ? '0' : 'root';
    const dev = e.stat.type === 'chardev' && e.stat.rdev ? e.stat.rdev : null;
    const size = o.human ? human(e.stat.size) : String(e.stat.size);
    return { e, links, owner, dev, size };
  });
  const linkW = Math.max(0, ...rows.map((r) => r.links.length));
  const ownW = Math.max(0, ...rows.map((r) => r.owner.length));
  const majW = Math.max(0, ...rows.map((r) => (r.dev ? String(r.dev[0]).length : 0)));
  const minW = Math.max(0, ...rows.map((r) => (r.dev ? String(r.dev[1]).length : 0)));
  const sizeW = Math.max(0, ...rows.map((r) => r.size.length), majW || minW ? majW + 2 + minW : 0);
  let out = '';
  if (withTotal) out += totalLine(entries, o);
  for (const r of rows) {
    const size = r.dev ? `${String(r.dev[0]).padStart(majW)}, ${String(r.dev[1]).padStart(minW)}` : r.size;
    const cols = [modeString(r.e.stat), r.links.padStart(linkW)];
    if (o.owner) cols.push(r.owner.padEnd(ownW));
    if (o.group) cols.push(r.owner.padEnd(ownW));
    cols.push(size.padStart(sizeW), dateString(r.e.stat.mtime, current));
    let name = r.e.name + classifySuffix(r.e.stat, o);
    if (r.e.stat.type === 'symlink' && r.e.stat.target !== undefined) name += ` -> ${r.e.stat.target}`;
    out += `${sizePrefix(r.e)}${cols.join(' ')} ${name}\n`;
  }
  return out;
}

function listDir(path: string, o: Options, sys: System): Entry[] | number {
  const names = sys.fs.list(path);
  if (typeof names === 'number') return names;
  const entries: Entry[] = [];
  const join = (n: string): string => (path === '/' ? `/${n}` : `${path}/${n}`);
  if (o.all) {
    const self = sys.fs.stat(path);
    const parent = sys.fs.stat(path === '/' ? '/' : path.slice(0, path.lastIndexOf('/')) || '/');
    if (typeof self !== 'number') entries.push({ name: '.', path, stat: self });
    if (typeof parent !== 'number') entries.push({ name: '..', path: path.slice(0, path.lastIndexOf('/')) || '/', stat: parent });
  }
  for (const name of names) {
    if (name.startsWith('.') && !o.all && !o.almostAll) continue;
    const st = sys.fs.stat(join(name));
    if (typeof st === 'number') continue;
    entries.push({ name, path: join(name), stat: st });
  }
  return sortEntries(entries, o);
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, SHORT, LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    io.err(`Try 'ls --help' for more information.\n`);
    return 2;
  }
  const o: Options = {
    all: false, almostAll: false, directory: false, long: false, reverse: false, recursive: false,
    sort: 'name', human: false, classify: false, numeric: false, owner: true, group: true, size: false,
  };
  for (const { key, arg } of parsed.options) {
    switch (key) {
      case 'help':
        io.out('Usage: ls [OPTION]... [FILE]...\nList information about the FILEs (the current directory by default).\nSort entries alphabetically if none of -cftuvSUX nor --sort is specified.\n');
        return 0;
      case 'version':
        io.out('ls (GNU coreutils) 9.1\n');
        return 0;
      case 'a': o.all = true; break;
      case 'A': o.almostAll = true; break;
      case 'd': o.directory = true; break;
      case 'l': o.long = true; break;
      case 'n': o.long = true; o.numeric = true; break;
      case 'o': o.long = true; o.group = false; break;
      case 'g': o.long = true; o.owner = false; break;
      case 'r': o.reverse = true; break;
      case 'R': o.recursive = true; break;
      case 't': o.sort = 'time'; break;
      case 'S': o.sort = 'size'; break;
      case 'U': o.sort = 'none'; break;
      // 9.1: "Same as -a -U -1 --color=none --hyperlink=none, while disabling -s": a -l
      // given before it is undone, one given after it stays.
      case 'f': o.all = true; o.sort = 'none'; o.long = false; break;
      case 'h': o.human = true; break;
      case 's': o.size = true; break;
      case 'F':
        if (arg !== undefined && !['always', 'yes', 'force', 'never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(arg)) {
          io.err(`ls: invalid argument '${arg}' for '--classify'\n`);
          return 2;
        }
        o.classify = arg === undefined || ['always', 'yes', 'force'].includes(arg);
        break;
      case '1': case 'C': case 'i': case 'L': case 'color': break;
    }
  }
  const operands = parsed.operands.length ? parsed.operands : ['.'];
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const name of operands) {
    const path = sys.resolve(name);
    let st = sys.fs.stat(path);
    // A trailing slash makes the lookup follow the link; so does a plain `ls LINK` (GNU ls
    // dereferences command-line links to directories unless -l, -d or -F is given).
    if (typeof st !== 'number' && st.type === 'symlink') {
      const followed = statFollow(sys, path);
      const deref = name.endsWith('/') || (!o.long && !o.directory && !o.classify);
      if (typeof followed !== 'number' && (name.endsWith('/') || (deref && followed.type === 'dir'))) st = followed;
      else if (typeof followed === 'number' && name.endsWith('/')) st = followed;
    }
    if (typeof st === 'number') {
      io.err(`ls: cannot access '${name}': ${errnoText(st)}\n`);
      status = 2;
      continue;
    }
    if (st.type === 'dir' && !o.directory) dirs.push({ name, path, stat: st });
    else files.push({ name, path, stat: st });
  }
  let out = '';
  let first = true;
  if (files.length) {
    out += format(sortEntries(files, o), o, sys, false);
    first = false;
  }
  const showHeaders = operands.length > 1 || o.recursive;
  const queue = sortEntries(dirs, o);
  const visit = (d: Entry): void => {
    const entries = listDir(d.path, o, sys);
    if (!first) out += '\n';
    first = false;
    if (showHeaders) out += `${d.name}:\n`;
    if (typeof entries === 'number') {
      io.out(out);
      out = '';
      io.err(`ls: cannot open directory '${d.name}': ${errnoText(entries)}\n`);
      status = 2;
      return;
    }
    out += format(entries, o, sys, true);
    if (o.recursive) {
      for (const e of entries) {
        if (e.stat.type === 'dir' && e.name !== '.' && e.name !== '..') {
          visit({ name: d.name.endsWith('/') ? d.name + e.name : `${d.name}/${e.name}`, path: e.path, stat: e.stat });
        }
      }
    }
  };
  for (const d of queue) visit(d);
  io.out(out);
  return status;
}

export const ls: Tool = { name: 'ls', main, summary: 'list directory contents' };
