/**
 * stat(1) of GNU coreutils 9.1: the default format, -t (terse), -c/--format (a newline after
 * each file), --printf (backslash escapes, no newline), -L (follow links). The numbers a
 * FileStat does not keep are those of the oracle guest's filesystems (22-lab-time-procs):
 * the disk is a tmpfs on device 0,2 (4096-byte blocks, a directory's size 40 + 20 per entry,
 * birth time known), /proc is device 0,20 (IO block 1024, no birth time), /dev a devtmpfs on
 * 0,5, /sys a sysfs on 0,21. Inode numbers are the tmpfs's allocation order there; here a
 * stable number per path (they differ, as they differ between two builds of the guest).
 */
import type { FileStat } from '../kernel/filetree';
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, statFollow, tryHelp } from './files';
import { getpwuid, groupName } from './passwd';
import { instantOfMs, strftime } from './strftime';

const LONG: LongOption[] = [
  { name: 'dereference', has: 'none', key: 'L' },
  { name: 'file-system', has: 'none', key: 'f' },
  { name: 'format', has: 'required', key: 'c' },
  { name: 'printf', has: 'required', key: 'printf' },
  { name: 'terse', has: 'none', key: 't' },
  { name: 'cached', has: 'required', key: 'cached' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const DEFAULT_FORMAT =
  '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Hd,%Ld\tInode: %-11i Links: %h\n' +
  'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n';
const DEVICE_FORMAT =
  '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Hd,%Ld\tInode: %-11i Links: %-5h Device type: %Hr,%Lr\n' +
  'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n';
const TERSE_FORMAT = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n';

/** What the guest's mounts report (22-lab-time-procs: stat /root, /proc/modules, /dev/null). */
interface Mount {
  dev: [number, number];
  ioBlock: number;
  birth: boolean;
}
const MOUNTS: Array<[string, Mount]> = [
  ['/proc', { dev: [0, 20], ioBlock: 1024, birth: false }],
  ['/sys', { dev: [0, 21], ioBlock: 4096, birth: false }],
  ['/dev', { dev: [0, 5], ioBlock: 4096, birth: true }],
];
const DISK: Mount = { dev: [0, 2], ioBlock: 4096, birth: true };

function mountOf(path: string): Mount {
  return MOUNTS.find(([m]) => path === m || path.startsWith(m + '/'))?.[1] ?? DISK;
}

const TYPE_NAMES: Record<FileStat['type'], string> = {
  file: 'regular file',
  dir: 'directory',
  symlink: 'symbolic link',
  chardev: 'character special file',
};
const TYPE_BITS: Record<FileStat['type'], number> = { file: 0o100000, dir: 0o040000, symlink: 0o120000, chardev: 0o020000 };

/** A stable inode number for PATH (FNV-1a), small as a tmpfs's are. */
function inodeOf(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return 2 + (h % 50000);
}

function modeString(st: FileStat): string {
  const type = { file: '-', dir: 'd', symlink: 'l', chardev: 'c' }[st.type];
  const bits = 'rwxrwxrwx';
  const chars: string[] = [];
  for (let i = 0; i < 9; i++) chars.push(st.mode & (1 << (8 - i)) ? bits[i] : '-');
  if (st.mode & 0o4000) chars[2] = chars[2] === 'x' ? 's' : 'S';
  if (st.mode & 0o2000) chars[5] = chars[5] === 'x' ? 's' : 'S';
  if (st.mode & 0o1000) chars[8] = chars[8] === 'x' ? 't' : 'T';
  return type + chars.join('');
}

interface Target {
  name: string;
  path: string;
  st: FileStat;
}

function links(t: Target, sys: System): number {
  if (t.st.type !== 'dir') return 1;
  const names = sys.fs.list(t.path);
  if (typeof names === 'number') return 2;
  return 2 + names.filter((n) => {
    const st = sys.fs.stat(t.path === '/' ? `/${n}` : `${t.path}/${n}`);
    return typeof st !== 'number' && st.type === 'dir';
  }).length;
}

function blocks(t: Target): number {
  if (t.st.type !== 'file' || mountOf(t.path) !== DISK) return 0;
  return Math.ceil(t.st.size / 4096) * 8;
}

/** "2026-12-04 18:27:17.000000000 +0000" with PRECISION digits of nanoseconds. */
function timeText(ms: number, precision = 9): string {
  const t = instantOfMs(ms);
  const frac = precision > 0 ? '.' + String(t.nsec).padStart(9, '0').slice(0, precision) : '';
  return strftime('%Y-%m-%d %H:%M:%S', t) + frac + ' +0000';
}

function secondsText(ms: number, precision: number | undefined): string {
  const t = instantOfMs(ms);
  if (precision === undefined || precision === 0) return String(t.sec);
  return `${t.sec}.${String(t.nsec).padStart(9, '0').slice(0, precision).padEnd(precision, '0')}`;
}

/** printf-style padding of one directive's value: flags "-", "0", width, precision. */
function pad(value: string, flags: string, width: number | undefined, precision: number | undefined, numeric: boolean): string {
  let v = value;
  if (!numeric && precision !== undefined) v = v.slice(0, precision);
  if (width === undefined || v.length >= width) return v;
  if (flags.includes('-')) return v.padEnd(width);
  if (numeric && flags.includes('0')) return v.startsWith('-') ? '-' + v.slice(1).padStart(width - 1, '0') : v.padStart(width, '0');
  return v.padStart(width);
}

function directive(conv: string, hl: string, t: Target, sys: System, precision: number | undefined): { value: string; numeric: boolean } {
  const { st } = t;
  const mount = mountOf(t.path);
  const n = (v: number): { value: string; numeric: boolean } => ({ value: String(v), numeric: true });
  const s = (v: string): { value: string; numeric: boolean } => ({ value: v, numeric: false });
  const mtime = st.mtime;
  switch (conv) {
    case 'a': return { value: (st.mode & 0o7777).toString(8), numeric: true };
    case 'A': return s(modeString(st));
    case 'b': return n(blocks(t));
    case 'B': return n(512);
    case 'C': return s('?');
    case 'd': {
      const [ma, mi] = mount.dev;
      if (hl === 'H') return n(ma);
      if (hl === 'L') return n(mi);
      return n(ma * 256 + mi);
    }
    case 'D': return s(((mount.dev[0] << 8) | mount.dev[1]).toString(16));
    case 'f': return s((TYPE_BITS[st.type] | (st.mode & 0o7777)).toString(16));
    case 'F': return s(st.type === 'file' && t.st.size === 0 ? 'regular empty file' : TYPE_NAMES[st.type]);
    case 'g': return n(0);
    case 'G': return s(groupName(sys, 0) ?? 'root');
    case 'h': return n(links(t, sys));
    case 'i': return n(mount === DISK ? inodeOf(t.path) : 4026532000 + (inodeOf(t.path) % 1000));
    case 'm': return s(MOUNTS.find(([m]) => t.path === m || t.path.startsWith(m + '/'))?.[0] ?? '/');
    case 'n': return s(t.name);
    case 'N': return s(st.type === 'symlink' && st.target !== undefined ? `'${t.name}' -> '${st.target}'` : `'${t.name}'`);
    case 'o': return n(mount.ioBlock);
    case 's': return n(t.st.size);
    case 'r': {
      const [ma, mi] = st.rdev ?? [0, 0];
      if (hl === 'H') return n(ma);
      if (hl === 'L') return n(mi);
      return n(ma * 256 + mi);
    }
    case 't': return s((st.rdev?.[0] ?? 0).toString(16));
    case 'T': return s((st.rdev?.[1] ?? 0).toString(16));
    case 'u': return n(0);
    case 'U': return s(getpwuid(sys, 0)?.name ?? 'root');
    case 'w': return s(mount.birth ? timeText(mtime, precision) : '-');
    case 'W': return s(mount.birth ? secondsText(mtime, precision) : '0');
    case 'x':
    case 'y':
    case 'z': return s(timeText(mtime, precision));
    case 'X':
    case 'Y':
    case 'Z': return s(secondsText(mtime, precision));
    default: return s('?');
  }
}

/** print_it(): %-directives with flags, width and precision; with ESCAPES, --printf's backslashes. */
function render(format: string, t: Target, sys: System, escapes: boolean): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '\\' && escapes) {
      const next = format[i + 1];
      const map: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v', '"': '"', e: '\x1b' };
      if (next !== undefined && map[next] !== undefined) {
        out += map[next];
        i++;
        continue;
      }
      out += c;
      continue;
    }
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-#+ 0']*)(\d*)(?:\.(\d*))?([HL]?)(.?)/.exec(format.slice(i)) as RegExpExecArray;
    const [whole, flags, widthText, precText, hl, conv] = m;
    i += whole.length - 1;
    if (conv === '') {
      out += '%';
      continue;
    }
    if (conv === '%') {
      out += '%';
      continue;
    }
    if (hl !== '' && !'dr'.includes(conv)) {
      out += whole;
      continue;
    }
    const width = widthText === '' ? undefined : Number(widthText);
    const timeConv = 'wxyzWXYZ'.includes(conv);
    const precision = precText === undefined ? undefined : Number(precText || '0');
    const { value, numeric } = directive(conv, hl, t, sys, timeConv ? (conv === conv.toLowerCase() ? precision ?? 9 : precision) : undefined);
    out += pad(value, flags, width, timeConv ? undefined : precision, numeric);
  }
  return out;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'c:fLt', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'stat');
  }
  let follow = false;
  let terse = false;
  let format: string | undefined;
  let escapes = false;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: stat [OPTION]... FILE...\nDisplay file or file system status.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('stat (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'L') follow = true;
    if (key === 't') terse = true;
    if (key === 'c') {
      format = (arg ?? '') + '\n';
      escapes = false;
    }
    if (key === 'printf') {
      format = arg ?? '';
      escapes = true;
    }
  }
  if (parsed.operands.length === 0) {
    io.err('stat: missing operand\n');
    return tryHelp(io, 'stat');
  }
  let status = 0;
  for (const name of parsed.operands) {
    const path = sys.resolve(name);
    const st = follow ? statFollow(sys, path) : sys.fs.stat(path);
    if (typeof st === 'number') {
      io.err(`stat: cannot statx '${name}': ${errnoText(st)}\n`);
      status = 1;
      continue;
    }
    const real = follow && sys.fs.realpath ? sys.fs.realpath(path, true) : path;
    const target: Target = { name, path: typeof real === 'string' ? real : path, st };
    const fmt = format ?? (terse ? TERSE_FORMAT : st.type === 'chardev' ? DEVICE_FORMAT : DEFAULT_FORMAT);
    let text = render(fmt, target, sys, escapes);
    if (format === undefined && !terse && st.type === 'symlink' && st.target !== undefined) {
      // The default format's %N is unquoted: "  File: /lib -> usr/lib".
      text = text.replace(`  File: '${name}' -> '${st.target}'`, `  File: ${name} -> ${st.target}`);
    } else if (format === undefined && !terse) {
      text = text.replace(`  File: '${name}'`, `  File: ${name}`);
    }
    io.out(text);
  }
  return status;
}

export const stat: Tool = { name: 'stat', main, summary: 'display file or file system status' };
