/**
 * The scope's share of the disk. Everything a class writes (sources, build products,
 * modprobe.d files, whatever `printf > file` makes) is stored in the scope's document, so
 * the disk is as small as a document may be: the worst a class can do to its disk keeps the
 * document under 1 MB, with room left for the kernel log, history and sessions. A write
 * past a quota fails with ENOSPC, and the writing tool says what it says on a full
 * filesystem ("bash: line 1: echo: write error: No space left on device",
 * "cp: error writing '/root/x': No space left on device"), status 1.
 *
 * Bytes are counted as the document stores them (JSON: a control character costs up to six),
 * plus a fixed cost per entry, as a real filesystem spends an inode and a directory entry.
 */
import type { DiskNode } from './disk-state';

/** One file's content. A module source is a few KiB; a kernel module's stored bytes fewer. */
export const MAX_FILE_BYTES = 256 * 1024;
/** All the scope's files, directories and deletions together. */
export const MAX_DISK_BYTES = 512 * 1024;
/**
 * Room kept for entries without content (an empty file, a directory) once data fills the
 * disk, as a filesystem's inodes outlast its blocks: `> file` on a full disk creates the file
 * and the write fails, as on Linux; past it even that fails with ENOSPC.
 */
export const ENTRY_RESERVE_BYTES = 8 * 1024;
/** What an entry costs beside its content: its path, mode and mtime in the document. */
const ENTRY_BYTES = 64;

/** The bytes JSON.stringify spends on one character of a string (without the quotes). */
function jsonCharBytes(code: number): number {
  if (code === 0x22 || code === 0x5c || code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) return 2;
  if (code < 0x20) return 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  // A surrogate half counts 2 (a pair encodes to 4 bytes); a lone one is escaped (\udXXX).
  if (code >= 0xd800 && code <= 0xdfff) return 3;
  return 3;
}

/** The stored size of CONTENT. */
export function storedBytes(content: string): number {
  // Fast path: printable ASCII without quotes or backslashes is stored as is.
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(content)) return content.length;
  let n = 0;
  for (let i = 0; i < content.length; i++) n += jsonCharBytes(content.charCodeAt(i));
  return n;
}

/** How many characters of DATA fit in BYTES of storage (a write that fills the disk stops there). */
export function fittingPrefix(data: string, bytes: number): number {
  let used = 0;
  for (let i = 0; i < data.length; i++) {
    used += jsonCharBytes(data.charCodeAt(i));
    if (used > bytes) return i;
  }
  return data.length;
}

/** What one entry of DiskState.files costs. */
export function entryBytes(path: string, node: DiskNode | null): number {
  return ENTRY_BYTES + path.length + (node === null ? 0 : node.type === 'file' ? storedBytes(node.content) : node.type === 'symlink' ? storedBytes(node.target) : 0);
}

/** What the scope's files cost together. */
export function diskBytes(files: Readonly<Record<string, DiskNode | null>>): number {
  let total = 0;
  for (const [path, node] of Object.entries(files)) total += entryBytes(path, node);
  return total;
}
