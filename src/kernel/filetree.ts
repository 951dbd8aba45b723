/**
 * A mounted tree of files, as the VFS sees it. The kernel implements /proc and /sys with
 * it; src/modules implements the disk (catalog + the scope's own files); src/machine/vfs.ts
 * mounts them together. Paths given to a tree are absolute and normalised ("/sys/module/x").
 * Errors are negative errnos (src/kernel/errno.ts), never exceptions.
 */
import type { ModuleImage } from './image';

/**
 * PATH made absolute from CWD and normalised lexically ("." and ".." resolved, no empty or
 * trailing components), as every FileTree expects its paths; symbolic links are the VFS's.
 */
export function resolvePath(cwd: string, path: string): string {
  const start = path.startsWith('/') ? [] : cwd.split('/');
  const parts: string[] = [];
  for (const part of [...start, ...path.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

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
  /** The installed program this file is (its path in the base image), while nothing has rewritten it. */
  program?: string;
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
  /**
   * Write a kernel module file that holds IMAGE (kbuild's LD [M]); the disk keeps the image
   * with the scope, and forgets built images that no file names and KEEP does not list.
   */
  writeModule?(path: string, image: ModuleImage, keep?: ReadonlySet<string>): number;
  /** rmdir(2): -ENOTEMPTY, -ENOTDIR, -ENOENT. */
  rmdir?(path: string): number;
  /** symlink(2): a link at PATH holding TARGET as given (relative or absolute). */
  symlink?(target: string, path: string): number;
  /** utimensat(2) to MTIME (ms; now when absent), or creat(2) of an empty file when PATH is missing (touch). */
  touch?(path: string, mtime?: number): number;
  /** chmod(2) of PATH (links followed) to MODE's permission bits (07777). */
  chmod?(path: string, mode: number): number;
  /**
   * The path with every symbolic link resolved (the last one too when followLast), or
   * -ELOOP / -ENOENT / -ENOTDIR as path lookup meets them. Only the mounted VFS has it.
   */
  realpath?(path: string, followLast: boolean): string | number;
}
