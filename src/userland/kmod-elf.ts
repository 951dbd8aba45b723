/**
 * What libkmod 30 says of a file that is no module image when it opens it for its ELF
 * sections (kmod_file_open, then kmod_elf_new: modinfo, depmod's symbol pass, modprobe's
 * insert). Debian's kmod reads the compression magic first (+XZ +ZSTD: 6 bytes), so a file
 * shorter than that is EINVAL; then elf_identify: no "\x7fELF" or 16 bytes at most is
 * ENOEXEC; past that (a class other than 32/64-bit, a header cut short, section headers
 * out of bounds) EINVAL. (Recorded on Debian 12:
 * `depmod: ERROR: failed to load symbols from …/bad.ko: Invalid argument`.)
 */
import { EINVAL, ENOEXEC } from '../kernel/errno';

/** The largest compression magic libkmod 30 knows (xz: FD 37 7A 58 5A 00). */
export const MAGIC_SIZE_MAX = 6;
/** EI_NIDENT: the identification bytes elf_identify() needs more than. */
const EI_NIDENT = 16;

/** The negative errno libkmod gives for CONTENT (bytes as latin1), which holds no module. */
export function notModuleErrno(content: string): number {
  const size = Buffer.byteLength(content, 'latin1');
  if (size < MAGIC_SIZE_MAX) return -EINVAL;
  if (size <= EI_NIDENT || !content.startsWith('\x7fELF')) return -ENOEXEC;
  return -EINVAL;
}
