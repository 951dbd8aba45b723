/**
 * The scope's own changes to the disk, over the read-only base image (catalog modules in
 * /lib/modules/RELEASE/kernel, teaching modules in /root and extra/, /etc, /lib/modprobe.d).
 * Plain JSON, persisted with the scope.
 */
import type { ModuleImage } from '../kernel/image';

export type DiskNode =
  /** program: the installed program (programs.ts) a copy or a move of its file still is. */
  | { type: 'file'; content: string; mode: number; mtime: number; image?: string; program?: string; fresh?: true }
  | { type: 'dir'; mode: number; mtime: number; fresh?: true }
  /** ln -s: the target as given, resolved by the VFS's path walk (src/machine/vfs.ts). */
  | { type: 'symlink'; target: string; mtime: number; fresh?: true };

/*
 * The order of `files` is the order in which the scope's entries were made (readdir lists
 * them newest first, dentry-order.ts). `fresh` marks an entry made at a path the base image
 * also has, after the shipped one went (rm then cp, mv back): it lists among the new entries,
 * where an edited shipped file keeps the shipped place.
 */

export interface DiskState {
  /** Absolute path → node; null marks a base file the scope deleted. */
  files: Record<string, DiskNode | null>;
  /**
   * The .ko paths (relative to /lib/modules/RELEASE) that the modules.* index files list,
   * as the last `depmod` found them; undefined = the image's shipped index (what
   * `depmod -a` at install time produced). A module copied into extra/ is found by
   * modprobe only after depmod.
   */
  indexed?: string[];
  /**
   * The image each of `indexed` held when depmod read it (null: no module), where that was
   * not the shipped file's (a path depmod found as shipped has no entry). The index files are
   * files: they go on naming a .ko deleted or replaced since, until depmod runs again.
   * Absent in documents older than it: the files' images now.
   */
  indexedImages?: Record<string, string | null>;
  /**
   * Module images built on this machine (make), by id: a built .ko file names its image.
   * Images no file and no loaded module refers to any more are dropped at the next build.
   */
  images?: Record<string, ModuleImage>;
  /** When depmod last wrote the index files (their mtime); undefined: the package's build date. */
  depmodAt?: number;
}
