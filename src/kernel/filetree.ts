/**
 * A mounted tree of files, as the VFS sees it. The kernel implements /proc and /sys with
 * it; src/modules implements the disk (catalog + the scope's own files); src/machine/vfs.ts
 * mounts them together. Paths given to a tree are absolute and normalised ("/sys/module/x").
 * Errors are negative errnos (src/kernel/errno.ts), never exceptions.
 */
/** Where the kernel's own filesystems are mounted on every machine (procfs, sysfs, devtmpfs). */
export const PSEUDO_MOUNTS = ['/proc', '/sys', '/dev'];

/** The path lives on a kernel filesystem (no O_CREAT, no unlink, no rename). */
export function isPseudoPath(path: string): boolean {
  return PSEUDO_MOUNTS.some((m) => path === m || path.startsWith(m + '/'));
}

export type FileType = 'file' | 'dir' | 'symlink' | 'chardev';

export interface FileStat {
  type: FileType;
  /** Permission bits, e.g. 0o644. */
  mode: number;
  /** Bytes, as `ls -l` shows (sysfs attributes show 4096, procfs 0). */
  size: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
  /** Symlink target. */
  target?: string;
  /** Character device major, minor (ls -l /dev/fuse). */
  rdev?: [number, number];
  /** Id of the ModuleImage when the file is a kernel module (.ko). */
  image?: string;
}

export interface FileTree {
  stat(path: string): FileStat | number;
  /** Whole content; a directory gives -EISDIR. */
  read(path: string): string | number;
  /** Entry names of a directory, sorted as the kernel/filesystem returns them (ls sorts anyway). */
  list(path: string): string[] | number;
  /** Replace (or with append, extend) a file's content. 0 or -errno (-EACCES, -EROFS, -EINVAL…). */
  write(path: string, data: string, append: boolean): number;
  /** Optional operations of writable trees (the disk): unlink, mkdir, rename, copy. */
  unlink?(path: string): number;
  mkdir?(path: string): number;
  rename?(from: string, to: string): number;
  copy?(from: string, to: string): number;
}
