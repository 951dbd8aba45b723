/**
 * The mount table of the simulated machine: the disk at /, proc at /proc, sysfs at /sys and
 * a devtmpfs at /dev. One FileTree over all of them; each path goes to the tree it is
 * mounted on, whole ("/sys/module/x" reaches sysfs as "/sys/module/x").
 */
import { isPseudoPath, PSEUDO_MOUNTS, type FileStat, type FileTree } from '../kernel/filetree';
import type { Kernel } from '../kernel/kernel';
import type { LogLevel } from '../kernel/image';
import { EACCES, EEXIST, EINVAL, EISDIR, ELOOP, ENOENT, ENOSPC, ENOTDIR, EPERM, EXDEV } from '../kernel/errno';
import { resolvePath } from './path';
import * as crypto from 'node:crypto';
import { MAX_OUTPUT } from '../shell/limits';

export interface Mounts {
  disk: FileTree;
  proc: FileTree;
  sys: FileTree;
  /** The kernel behind /dev/kmsg and the device nodes modules create (/dev/fuse). */
  kernel?: Kernel;
}

/** EXDEV: rename(2) and link(2) across mounts. */
export { EXDEV };

/** MAXSYMLINKS of the kernel's namei: the 41st link in one lookup gives ELOOP. */
const MAXSYMLINKS = 40;

/** A character device node under /dev. */
interface DeviceNode {
  rdev: [number, number];
  mode: number;
  /** The module whose loading creates the node (misc devices); absent for boot-time nodes. */
  module?: string;
  read?: () => string | number;
  write?: (data: string) => number;
}

/** LOG_LINE_MAX of 6.1's printk.h: the largest record /dev/kmsg takes in one write(2). */
const LOG_LINE_MAX = 1024 - 32;

/** LOG_FACMASK / LOG_PRIMASK of <sys/syslog.h>. */
const LOG_PRIMASK = 0x07;

/**
 * devkmsg_write() (kernel/printk/printk.c): one write(2) is one record; a "<N>" prefix sets
 * level (and facility when non-zero); otherwise facility user (1) and the default message
 * loglevel (4, the second field of /proc/sys/kernel/printk).
 */
function kmsgWrite(kernel: Kernel, data: string): number {
  // One write may hold LOG_LINE_MAX (1024 - PREFIX_MAX) bytes; a longer one is refused whole.
  if (Buffer.byteLength(data, 'utf8') > LOG_LINE_MAX) return -EINVAL;
  let text = data;
  let level = 4;
  let facility = 1;
  const m = /^<([0-9]+)>/.exec(text);
  if (m) {
    const u = Number(m[1]);
    if (u >> 3) facility = u >> 3;
    level = u & LOG_PRIMASK;
    text = text.slice(m[0].length);
  }
  if (text.endsWith('\n')) text = text.slice(0, -1);
  kernel.printk(level as LogLevel, text, facility);
  return 0;
}

/** /dev/kmsg as read(2) returns it: "PRI,SEQ,USEC,FLAGS;TEXT" with unprintables as \xNN. */
function kmsgRead(kernel: Kernel): string {
  return kernel.state.printk.records
    .map((r) => {
      const text = r.text.replace(/[\x00-\x1f\x7f\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
      return `${(r.facility << 3) | r.level},${r.seq},${r.usec},-;${text}\n`;
    })
    .join('');
}

/**
 * Random bytes from the host's CSPRNG, kept below 0x80: the tools count a string's bytes as
 * UTF-8, so a higher byte would count twice (`head -c 16 /dev/urandom | wc -c` must say 16).
 */
function randomBytes(n: number): string {
  const buf = crypto.randomBytes(n);
  for (let i = 0; i < buf.length; i++) buf[i] &= 0x7f;
  return buf.toString('latin1');
}

function devices(kernel: Kernel | undefined): Record<string, DeviceNode> {
  return {
    console: { rdev: [5, 1], mode: 0o600, read: () => -EPERM, write: () => 0 },
    fuse: { rdev: [10, 229], mode: 0o600, module: 'fuse', read: () => -EPERM, write: () => -EPERM },
    kmsg: {
      rdev: [1, 11],
      mode: 0o644,
      read: () => (kernel ? kmsgRead(kernel) : ''),
      write: (data) => (kernel ? kmsgWrite(kernel, data) : 0),
    },
    null: { rdev: [1, 3], mode: 0o666, read: () => '', write: () => 0 },
    // drivers/char/mem.c: endless devices; a read returns what one pipe or terminal can hold
    zero: { rdev: [1, 5], mode: 0o666, read: () => '\0'.repeat(MAX_OUTPUT), write: () => 0 },
    full: { rdev: [1, 7], mode: 0o666, read: () => '\0'.repeat(MAX_OUTPUT), write: () => -ENOSPC },
    random: { rdev: [1, 8], mode: 0o666, read: () => randomBytes(MAX_OUTPUT), write: () => 0 },
    urandom: { rdev: [1, 9], mode: 0o666, read: () => randomBytes(MAX_OUTPUT), write: () => 0 },
  };
}

/** devtmpfs at /dev: boot-time nodes plus the misc devices of loaded modules. */
export function createDevTree(kernel: Kernel | undefined, sysfs: FileTree): FileTree {
  const nodes = devices(kernel);
  const bootedAt = kernel?.state.bootedAt ?? 0;
  const present = (name: string): DeviceNode | undefined => {
    const node = nodes[name];
    if (!node) return undefined;
    if (node.module && !kernel?.find(node.module)) return undefined;
    return node;
  };
  const nodeOf = (path: string): DeviceNode | number => {
    if (!path.startsWith('/dev/')) return -ENOENT;
    const rest = path.slice(5);
    if (rest.includes('/')) return nodes[rest.slice(0, rest.indexOf('/'))] ? -ENOTDIR : -ENOENT;
    return present(rest) ?? -ENOENT;
  };
  return {
    stat(path: string): FileStat | number {
      if (path === '/dev') return { type: 'dir', mode: 0o755, size: 0, mtime: bootedAt };
      const node = nodeOf(path);
      if (typeof node === 'number') return node;
      let mtime = bootedAt;
      if (node.module) {
        // The node appears when the module registers it: the module's sysfs directory's time.
        const st = sysfs.stat(`/sys/module/${node.module}`);
        if (typeof st !== 'number') mtime = st.mtime;
      }
      return { type: 'chardev', mode: node.mode, size: 0, mtime, rdev: node.rdev };
    },
    read(path: string): string | number {
      if (path === '/dev') return -EISDIR;
      const node = nodeOf(path);
      if (typeof node === 'number') return node;
      return node.read ? node.read() : -EINVAL;
    },
    list(path: string): string[] | number {
      if (path !== '/dev') return typeof nodeOf(path) === 'number' ? -ENOENT : -ENOTDIR;
      return Object.keys(nodes).filter((n) => present(n));
    },
    write(path: string, data: string): number {
      const node = nodeOf(path);
      if (typeof node === 'number') return path === '/dev' ? -EISDIR : node;
      return node.write ? node.write(data) : -EINVAL;
    },
  };
}

/** One file tree over the disk with /proc, /sys and /dev mounted on it. */
export function mountVfs(mounts: Mounts): FileTree {
  const dev = createDevTree(mounts.kernel, mounts.sys);
  const { disk, proc, sys } = mounts;
  const treeOf = (path: string): FileTree => {
    if (path === '/proc' || path.startsWith('/proc/')) return proc;
    if (path === '/sys' || path.startsWith('/sys/')) return sys;
    if (path === '/dev' || path.startsWith('/dev/')) return dev;
    return disk;
  };
  const onDisk = (path: string): boolean => treeOf(path) === disk;

  /**
   * Path lookup as the kernel's link_path_walk does it: each directory component that is a
   * symbolic link on the disk is replaced by its target (relative to the link's directory),
   * the last one too when FOLLOW (open, opendir, stat); 40 links in one lookup give ELOOP.
   * /lib, /bin, /sbin and /lib64 are such links (merged /usr), and so are sysfs's class
   * entries (/sys/class/net/lo) and /proc/self: getcwd and realpath see where they lead.
   */
  const walk = (path: string, follow: boolean): string | number => {
    let todo = path.split('/').filter((c) => c !== '');
    let done = '';
    let links = 0;
    while (todo.length > 0) {
      const [name, ...rest] = todo;
      const here = `${done}/${name}`;
      if (rest.length === 0 && !follow) return here;
      const st = treeOf(here).stat(here);
      if (typeof st !== 'number' && st.type === 'symlink' && st.target !== undefined) {
        if (++links > MAXSYMLINKS) return -ELOOP;
        todo = [...resolvePath(done || '/', st.target).split('/').filter((c) => c !== ''), ...rest];
        done = '';
        continue;
      }
      done = here;
      todo = rest;
    }
    return done || '/';
  };
  /** Run OP on the path with its directories resolved (lstat, unlink, mkdir: the last component stays). */
  const at = <T>(path: string, follow: boolean, op: (p: string) => T | number): T | number => {
    const p = walk(path, follow);
    return typeof p === 'number' ? p : op(p);
  };
  return {
    stat: (path) => at(path, false, (p) => treeOf(p).stat(p)),
    read: (path) => at(path, true, (p) => treeOf(p).read(p)),
    list: (path) =>
      at(path, true, (p) => {
        const names = treeOf(p).list(p);
        if (p !== '/' || typeof names === 'number') return names;
        const all = new Set(names);
        for (const m of PSEUDO_MOUNTS) all.add(m.slice(1));
        return [...all].sort();
      }),
    write: (path, data, append) => at(path, true, (p) => treeOf(p).write(p, data, append)),
    unlink: (path) => at(path, false, (p) => (onDisk(p) && disk.unlink ? disk.unlink(p) : -EPERM)),
    rmdir: (path) => at(path, false, (p) => (onDisk(p) && disk.rmdir ? disk.rmdir(p) : pseudoRmdir(treeOf(p), p))),
    mkdir: (path) =>
      at(path, false, (p) => {
        if (!onDisk(p)) return typeof treeOf(p).stat(p) === 'number' ? -EPERM : -EEXIST;
        return disk.mkdir ? disk.mkdir(p) : -EPERM;
      }),
    symlink: (target, path) =>
      at(path, false, (p) => {
        if (!onDisk(p)) return typeof treeOf(p).stat(p) === 'number' ? -EPERM : -EEXIST;
        return disk.symlink ? disk.symlink(target, p) : -EPERM;
      }),
    touch: (path, mtime) =>
      at(path, true, (p) => {
        if (onDisk(p)) return disk.touch ? disk.touch(p, mtime) : -EPERM;
        const st = treeOf(p).stat(p);
        return typeof st === 'number' ? -EACCES : 0;
      }),
    // procfs and sysfs keep their generated modes: a chmod there is refused (not simulated).
    chmod: (path, mode) => at(path, true, (p) => (onDisk(p) && disk.chmod ? disk.chmod(p, mode) : -EPERM)),
    rename(from, to) {
      const f = walk(from, false);
      if (typeof f === 'number') return f;
      const t = walk(to, false);
      if (typeof t === 'number') return t;
      if (!onDisk(f) || !onDisk(t)) return -EXDEV;
      return disk.rename ? disk.rename(f, t) : -EPERM;
    },
    writeModule: (path, image, keep) =>
      at(path, true, (p) => (onDisk(p) && disk.writeModule ? disk.writeModule(p, image, keep) : -EPERM)),
    copy(from, to) {
      const f = walk(from, true);
      if (typeof f === 'number') return f;
      const t = walk(to, true);
      if (typeof t === 'number') return t;
      if (onDisk(f) && onDisk(t) && disk.copy) return disk.copy(f, t);
      const data = treeOf(f).read(f);
      if (typeof data === 'number') return data;
      return treeOf(t).write(t, data, false);
    },
    realpath(path, follow) {
      const p = walk(path, follow);
      if (typeof p === 'number') return p;
      // realpath(3) fails where a directory of the path is missing or not a directory
      const parent = p.slice(0, p.lastIndexOf('/')) || '/';
      const st = treeOf(parent).stat(parent);
      if (typeof st === 'number') return st;
      if (st.type !== 'dir') return -ENOTDIR;
      return p;
    },
  };
}

/** rmdir(2) on a kernel filesystem: its directories are not the user's to remove. */
function pseudoRmdir(tree: FileTree, path: string): number {
  const st = tree.stat(path);
  if (typeof st === 'number') return st;
  return st.type === 'dir' ? -EPERM : -ENOTDIR;
}
