// Placeholder: the shell helper replaces this file.
import type { FileTree } from '../kernel/filetree';

export interface Mounts {
  disk: FileTree;
  proc: FileTree;
  sys: FileTree;
}

/** One file tree over the disk with /proc, /sys and /dev mounted on it. */
export function mountVfs(_mounts: Mounts): FileTree {
  throw new Error('vfs not written yet');
}
