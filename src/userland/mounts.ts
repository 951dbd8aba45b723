/**
 * The machine's mounted filesystems as statfs(2) reports them, for df: the oracle guest's
 * mounts (28-lab-system: /proc/mounts, df, df -i) with their sizes, and the usage moved by
 * what this machine has written since it booted. The root is the initramfs's rootfs (a tmpfs
 * of half the RAM: 120113 pages), whose 36912 KiB and 488 inodes at boot are the guest's own
 * files; /tmp and /run are tmpfs mounts of their own, /dev a devtmpfs. On the machine the
 * disk holds /tmp and /run too, so a file counts on the mount its path is under: a page of
 * 4 KiB per started page of data, an inode per file, directory or link
 * (`head -c 100000 /dev/zero > /root/f` takes 100 KiB of /, `mkdir -p x/y/z` three inodes).
 */
import type { FileTree } from '../kernel/filetree';
import { createDisk, freshDisk } from '../modules/index';

export interface Mount {
  source: string;
  target: string;
  fstype: string;
  /** df leaves it out unless -a or a FILE on it is named (gnulib's ME_DUMMY). */
  dummy: boolean;
  /** Size in 4 KiB pages; 0 for the kernel's filesystems. */
  pages: number;
  inodes: number;
  /** Pages and inodes in use on the guest at boot, before anything on this machine's disk counts. */
  basePages: number;
  baseInodes: number;
  /** Its usage follows the machine's disk under TARGET (else it is fixed at the base). */
  onDisk: boolean;
}

/** /proc/mounts of the guest, in its order. */
export const MOUNTS: readonly Mount[] = [
  { source: 'rootfs', target: '/', fstype: 'rootfs', dummy: false, pages: 120113, inodes: 120113, basePages: 9228, baseInodes: 488, onDisk: true },
  { source: 'proc', target: '/proc', fstype: 'proc', dummy: true, pages: 0, inodes: 0, basePages: 0, baseInodes: 0, onDisk: false },
  { source: 'sysfs', target: '/sys', fstype: 'sysfs', dummy: true, pages: 0, inodes: 0, basePages: 0, baseInodes: 0, onDisk: false },
  { source: 'devtmpfs', target: '/dev', fstype: 'devtmpfs', dummy: false, pages: 120113, inodes: 120113, basePages: 0, baseInodes: 99, onDisk: false },
  { source: 'devpts', target: '/dev/pts', fstype: 'devpts', dummy: true, pages: 0, inodes: 0, basePages: 0, baseInodes: 0, onDisk: false },
  // the oracle's /init keeps three files in /run (its command's output, kmsg's sequence, setup's log)
  { source: 'tmpfs', target: '/run', fstype: 'tmpfs', dummy: false, pages: 122684, inodes: 122684, basePages: 1, baseInodes: 4, onDisk: true },
  { source: 'tmpfs', target: '/tmp', fstype: 'tmpfs', dummy: false, pages: 122684, inodes: 122684, basePages: 0, baseInodes: 1, onDisk: true },
];

/** The mount PATH (absolute, links resolved) lives on: the longest target that is a prefix. */
export function mountOf(path: string): Mount {
  let best = MOUNTS[0];
  for (const m of MOUNTS) {
    if ((path === m.target || path.startsWith(m.target === '/' ? '/' : m.target + '/')) && m.target.length >= best.target.length) best = m;
  }
  return best;
}

export interface Usage {
  pages: number;
  inodes: number;
}

/** The disk's entries below ROOT (ROOT itself not counted), per mount that holds them. */
function walk(tree: FileTree, root: string, into: Map<Mount, Usage>, budget: { left: number }): void {
  const names = tree.list(root);
  if (typeof names === 'number') return;
  for (const name of names) {
    if (budget.left-- <= 0) return;
    const path = root === '/' ? `/${name}` : `${root}/${name}`;
    const mount = mountOf(path);
    if (!mount.onDisk) continue;
    const st = tree.stat(path);
    if (typeof st === 'number') continue;
    const u = into.get(mount) ?? { pages: 0, inodes: 0 };
    // a mount point is the mounted filesystem's root, counted in its base
    if (path !== mount.target) {
      u.inodes++;
      if (st.type === 'file') u.pages += Math.ceil(st.size / 4096);
    }
    into.set(mount, u);
    if (st.type === 'dir') walk(tree, path, into, budget);
  }
}

/** Enough for the base image and a full scope (its quota holds a few thousand entries). */
const MAX_WALK = 100_000;

function usageOf(tree: FileTree): Map<Mount, Usage> {
  const into = new Map<Mount, Usage>();
  walk(tree, '/', into, { left: MAX_WALK });
  return into;
}

let atBoot: Map<Mount, Usage> | undefined;

/** What each mount uses now: the guest's base, moved by how the disk differs from a fresh one. */
export function mountUsage(disk: FileTree): Map<Mount, Usage> {
  atBoot ??= usageOf(createDisk(freshDisk(), () => 0));
  const now = usageOf(disk);
  const result = new Map<Mount, Usage>();
  for (const m of MOUNTS) {
    const a = atBoot.get(m) ?? { pages: 0, inodes: 0 };
    const b = now.get(m) ?? { pages: 0, inodes: 0 };
    result.set(m, {
      pages: Math.min(m.pages, Math.max(0, m.basePages + b.pages - a.pages)),
      inodes: Math.min(m.inodes, Math.max(0, m.baseInodes + b.inodes - a.inodes)),
    });
  }
  return result;
}
