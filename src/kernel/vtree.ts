/**
 * A FileTree over nodes computed on demand, for /proc and /sys: nothing is stored, every
 * lookup asks the kernel state. kernfs refuses to open a file for reading or writing when
 * its mode has no such bit at all, even for root (fs/kernfs/file.c kernfs_fop_open), and
 * cannot create files (-EACCES).
 */
import type { FileStat, FileTree } from './filetree';
import { EACCES, EISDIR, ENOENT, ENOTDIR } from './errno';

export type VNode =
  | { kind: 'dir'; mode: number; mtime: number; list: () => string[] }
  | { kind: 'file'; mode: number; size: number; mtime: number; read?: () => string | number; write?: (data: string) => number }
  /** size: st_size, the target's length unless the filesystem says otherwise (kernfs: 0). */
  | { kind: 'symlink'; mtime: number; target: string; size?: number };

export type Lookup = (path: string) => VNode | undefined;

function parent(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** An absolute symlink target, from the link's own directory. */
function resolveLink(path: string, target: string): string {
  if (target.startsWith('/')) return target;
  const parts = parent(path).split('/').filter((p) => p !== '');
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return '/' + parts.join('/');
}

export function vtree(lookup: Lookup): FileTree {
  const follow = (path: string): VNode | undefined => {
    let node = lookup(path);
    let p = path;
    for (let i = 0; node?.kind === 'symlink' && i < 8; i++) {
      p = resolveLink(p, node.target);
      node = lookup(p);
    }
    return node;
  };
  return {
    stat(path: string): FileStat | number {
      const n = lookup(path);
      if (!n) return -ENOENT;
      if (n.kind === 'dir') return { type: 'dir', mode: n.mode, size: 0, mtime: n.mtime };
      if (n.kind === 'symlink') return { type: 'symlink', mode: 0o777, size: n.size ?? n.target.length, mtime: n.mtime, target: n.target };
      return { type: 'file', mode: n.mode, size: n.size, mtime: n.mtime };
    },
    read(path: string): string | number {
      const n = follow(path);
      if (!n) return -ENOENT;
      if (n.kind === 'dir') return -EISDIR;
      if (n.kind !== 'file' || !n.read || (n.mode & 0o444) === 0) return -EACCES;
      return n.read();
    },
    list(path: string): string[] | number {
      const n = follow(path);
      if (!n) return -ENOENT;
      if (n.kind !== 'dir') return -ENOTDIR;
      return n.list();
    },
    write(path: string, data: string): number {
      const n = follow(path);
      if (!n) return lookup(parent(path))?.kind === 'dir' ? -EACCES : -ENOENT;
      if (n.kind === 'dir') return -EISDIR;
      if (n.kind !== 'file' || (n.mode & 0o222) === 0 || !n.write) return -EACCES;
      return n.write(data);
    },
  };
}
