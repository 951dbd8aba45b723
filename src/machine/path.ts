/** Absolute, normalised form of PATH relative to CWD: the kernel's FileTree rule (src/kernel/filetree.ts). */
import type { FileTree } from '../kernel/filetree';
import { ENOTDIR } from '../kernel/errno';
export { resolvePath } from '../kernel/filetree';

/** The directory PATH leads to, every link resolved; -errno when it is none (lookup of `..` in it fails). */
export type DirectoryLookup = (path: string) => string | number;

/**
 * PATH from CWD as the kernel's path walk reads it (fs/namei.c follow_dotdot): `..` is the
 * parent of the directory the walk has reached, after the symbolic links on the way, not a
 * lexical step back. From /lib (a link to usr/lib) `..` is /usr, and `/lib/../etc` is
 * /usr/etc. The result is normalised as FileTrees expect; where the part before a `..` does
 * not resolve, the `..` stays in the path so the lookup fails with that part's errno.
 */
export function resolvePhysical(cwd: string, path: string, directory: DirectoryLookup): string {
  const start = path.startsWith('/') ? [] : cwd.split('/');
  let parts: string[] = [];
  let broken = false;
  for (const part of [...start, ...path.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part !== '..' || broken) {
      parts.push(part);
      continue;
    }
    const real = directory('/' + parts.join('/'));
    if (typeof real === 'number') {
      broken = true;
      parts.push(part);
      continue;
    }
    parts = real.split('/').filter((p) => p !== '');
    parts.pop();
  }
  return '/' + parts.join('/');
}

/** DIR with its links resolved when it is a directory; -ENOENT, -ENOTDIR, -ELOOP otherwise. */
export function realDirectory(fs: FileTree, dir: string): string | number {
  const real = fs.realpath ? fs.realpath(dir, true) : dir;
  if (typeof real === 'number') return real;
  const st = fs.stat(real);
  if (typeof st === 'number') return st;
  return st.type === 'dir' ? real : -ENOTDIR;
}
