/**
 * The mount table of the simulated machine: the disk at /, proc at /proc, sysfs at /sys and
 * a devtmpfs at /dev. One FileTree over all of them; each path goes to the tree it is
 * mounted on, whole ("/sys/module/x" reaches sysfs as "/sys/module/x").
 */
import { isPseudoPath, PSEUDO_MOUNTS, type FileStat, type FileTree } from '../kernel/filetree';
import type { Kernel } from '../kernel/kernel';
import type { LogLevel } from '../kernel/image';
import { EINVAL, EISDIR, ENOENT, ENOTDIR, EPERM, EXDEV } from '../kernel/errno';

export interface Mounts {
  disk: FileTree;
  proc: FileTree;
  sys: FileTree;
  /** The kernel behind /dev/kmsg and the device nodes modules create (/dev/fuse). */
  kernel?: Kernel;
}


/** A character device node under /dev. */
interface DeviceNode {
  rdev: [number, number];
  mode: number;
  /** The module whose loading creates the node (misc devices); absent for boot-time nodes. */
  module?: string;
  read?: () => string | number;
  write?: (data: string) => number;
}

/** LOG_FACMASK / LOG_PRIMASK of <sys/syslog.h>. */
const LOG_PRIMASK = 0x07;

/**
 * devkmsg_write() (kernel/printk/printk.c): one write(2) is one record; a "<N>" prefix sets
 * level (and facility when non-zero); otherwise facility user (1) and the default message
 * loglevel (4, the second field of /proc/sys/kernel/printk).
 */
function kmsgWrite(kernel: Kernel, data: string): number {
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
  return {
    stat: (path) => treeOf(path).stat(path),
    read: (path) => treeOf(path).read(path),
    list(path) {
      const names = treeOf(path).list(path);
      if (path !== '/' || typeof names === 'number') return names;
      const all = new Set(names);
      for (const m of PSEUDO_MOUNTS) all.add(m.slice(1));
      return [...all].sort();
    },
    write: (path, data, append) => treeOf(path).write(path, data, append),
    unlink(path) {
      if (!onDisk(path)) return -EPERM;
      return disk.unlink ? disk.unlink(path) : -EPERM;
    },
    mkdir(path) {
      if (!onDisk(path)) return typeof treeOf(path).stat(path) === 'number' ? -EPERM : -17;
      return disk.mkdir ? disk.mkdir(path) : -EPERM;
    },
    rename(from, to) {
      if (!onDisk(from) || !onDisk(to)) return -EXDEV;
      return disk.rename ? disk.rename(from, to) : -EPERM;
    },
    copy(from, to) {
      if (onDisk(from) && onDisk(to) && disk.copy) return disk.copy(from, to);
      const data = treeOf(from).read(from);
      if (typeof data === 'number') return data;
      return treeOf(to).write(to, data, false);
    },
  };
}
