/**
 * What `/edit FILE` does to a machine, as an editor on it would: read the file the user
 * names (relative to their current directory, through symbolic links) and later write it back
 * with open(O_WRONLY|O_CREAT|O_TRUNC) and one write(2). The checks are the ones the shell's
 * `>` makes (src/shell/exec.ts, open), so /edit can do exactly what `cat > FILE` can: a
 * missing directory, a directory, a read-only /proc or /sys file and a full disk fail with
 * the kernel's errno.
 */
import { createHash } from 'node:crypto';
import type { System } from '../userland/tool';
import { isPseudoPath } from '../kernel/filetree';
import { EACCES, EISDIR, ENOENT, ENOTDIR } from '../kernel/errno';

/** What an editor finds at a path. */
export type EditedFile =
  /** A text file (CONTENT), or none yet (EXISTS false: the editor opens empty and the save creates it). */
  | { ok: true; path: string; content: string; exists: boolean }
  /** Not editable: -errno of the lookup, or 'binary' (a module image, bytes that are not text). */
  | { ok: false; path: string; error: number | 'binary' };

/** NAME on SYS as an editor opens it: PATH is where the save goes (absolute, as typed from the cwd). */
export function openForEdit(sys: System, name: string): EditedFile {
  const path = sys.resolve(name);
  const data = sys.fs.read(path);
  if (typeof data === 'number') {
    if (data !== -ENOENT) return { ok: false, path, error: data };
    // A new file: only where open(O_CREAT) could make it.
    const parent = parentDirectory(sys, path);
    return parent === 0 ? { ok: true, path, content: '', exists: false } : { ok: false, path, error: parent };
  }
  const st = sys.fs.stat(path);
  if ((typeof st !== 'number' && st.image !== undefined) || data.includes('\0')) return { ok: false, path, error: 'binary' };
  return { ok: true, path, content: data, exists: true };
}

/**
 * What the editor saw, as a short tag: PATH and its text, or PATH missing. A save that
 * carries it can tell that the file changed since it was opened (a classmate saved it, a
 * shell line rewrote it), as vim warns "The file has been changed since reading it".
 */
export function editedVersion(file: { path: string; content: string; exists: boolean }): string {
  const seen = file.exists ? `${file.path}\0${file.content}` : `${file.path}\0(none)`;
  return createHash('sha256').update(seen).digest('base64url').slice(0, 22);
}

/**
 * Whether saving to PATH (absolute) would overwrite a file other than the one VERSION saw:
 * the same file since changed, or, where the box's path was changed, another existing file.
 * Creating a file that does not exist overwrites nothing, and a path that cannot be written is
 * left to the save's own error.
 */
export function changedSinceOpened(sys: System, path: string, version: string): boolean {
  const now = openForEdit(sys, path);
  if (!now.ok) return now.error === 'binary';
  return now.exists && editedVersion(now) !== version;
}

/**
 * Write CONTENT to PATH (absolute) as an editor saves: 0, or -errno (-ENOSPC with what fit
 * written, as write(2) on a full disk). As root, or SYS's uid where it is not.
 */
export function saveEdited(sys: System, path: string, content: string): number {
  const { fs, uid } = sys;
  const pseudo = isPseudoPath(path);
  const st = fs.stat(path);
  if (typeof st === 'number') {
    if (st !== -ENOENT) return st;
    const parent = parentDirectory(sys, path);
    if (parent !== 0) return parent;
    if (pseudo) return -EACCES;
  } else if (st.type === 'dir') {
    return -EISDIR;
  } else if (pseudo) {
    const writable = uid === 0 ? (st.mode & 0o222) !== 0 : (st.mode & 0o002) !== 0;
    if (!writable) return -EACCES;
  } else if (uid !== 0 && (st.mode & 0o002) === 0) {
    return -EACCES;
  }
  return fs.write(path, content, false);
}

/** 0 when PATH's directory exists and is one (open(O_CREAT) can make PATH there), else -errno. */
function parentDirectory(sys: System, path: string): number {
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  const pst = sys.fs.read(parent);
  if (pst === -EISDIR) return 0;
  if (typeof pst === 'number') return pst === -ENOENT ? -ENOENT : pst;
  return -ENOTDIR;
}
