/**
 * What libkmod reads from a module file for `modprobe --show-exports` and
 * `--dump-modversions` (kmod 30: kmod_module_new_from_path, kmod_file_open, kmod_elf_new,
 * kmod_elf_get_symbols, kmod_elf_get_modversions). A .ko on this machine carries its
 * ModuleImage; any other file is bytes that pass or fail libkmod's checks as real ones would:
 * Debian's kmod reads the compression magic first (+XZ +ZSTD: 6 bytes), so a file shorter
 * than that is EINVAL; then elf_identify: no "\x7fELF" or 16 bytes at most is ENOEXEC; past
 * that (a class other than 32/64-bit, a header cut short, section headers out of bounds)
 * EINVAL. (Recorded on Debian 12: `depmod: ERROR: failed to load symbols from …/bad.ko:
 * Invalid argument`.)
 */
import type { System } from './tool';
import type { ModuleImage } from '../kernel/image';
import { EINVAL, ENOENT, ENOEXEC } from '../kernel/errno';
import { statFollow } from './files';

/** The largest compression magic libkmod 30 knows (xz: FD 37 7A 58 5A 00): kmod_file_open() reads it first. */
export const MAGIC_SIZE_MAX = 6;
/** elf_identify(): EI_NIDENT, the ELF identification bytes; a file no longer is not ELF. */
const EI_NIDENT = 16;

export type ModuleFileResult = { ok: true; image: ModuleImage | undefined } | { ok: false; errno: number };

/**
 * kmod_module_new_from_path(): stat PATH (from cwd); a missing file is the error the tool
 * words as "Module PATH not found.".
 */
export function statModulePath(sys: System, path: string): number {
  const st = statFollow(sys, sys.resolve(path));
  return typeof st === 'number' ? st : 0;
}

/**
 * kmod_file_open() + kmod_file_get_elf(): the module's image, undefined for an ELF file
 * that is not one of our modules (a program, an object file), or the errno libkmod fails with.
 */
export function openModuleElf(sys: System, path: string): ModuleFileResult {
  const abs = sys.resolve(path);
  const st = statFollow(sys, abs);
  if (typeof st === 'number') return { ok: false, errno: -st };
  const content = sys.fs.read(abs);
  if (typeof content === 'number') return { ok: false, errno: -content };
  if (st.image !== undefined) {
    const image = sys.kernel.config.images(st.image);
    if (image) return { ok: true, image };
  }
  // An installed program is a whole ELF file libkmod reads, with no module sections in it.
  if (st.program !== undefined) return { ok: true, image: undefined };
  // Our object files and programs have an ELF ident but no section headers behind it:
  // kmod_elf_new() finds no string table there (EINVAL).
  return { ok: false, errno: -notModuleErrno(content) };
}

/** The negative errno libkmod gives for CONTENT (bytes as latin1), which holds no module. */
export function notModuleErrno(content: string): number {
  const size = Buffer.byteLength(content, 'latin1');
  if (size < MAGIC_SIZE_MAX) return -EINVAL;
  if (size <= EI_NIDENT || !content.startsWith('\x7fELF')) return -ENOEXEC;
  return -EINVAL;
}

/**
 * kmod_elf_get_symbols(): the __crc_ symbols of .symtab; without any, the __ksymtab_strings
 * fallback, which a module exporting nothing lacks (-ENOENT).
 */
export function moduleSymbols(image: ModuleImage): Array<[number, string]> | number {
  if (image.exportCrcs && image.exportCrcs.length > 0) return image.exportCrcs;
  // Without CRCs (a module built without modversions) the strings carry no CRC: 0.
  if (image.exports.length > 0) return image.exports.map((e): [number, string] => [0, e.symbol]);
  return -ENOENT;
}

/** kmod_elf_get_modversions(): the __versions entries; -ENOENT without the section. */
export function moduleVersions(image: ModuleImage): Array<[number, string]> | number {
  return image.modversions ?? -ENOENT;
}

/** printf("0x%08"PRIx64"\t%s\n", crc, symbol) */
export function formatCrcLine([crc, symbol]: [number, string]): string {
  return `0x${crc.toString(16).padStart(8, '0')}\t${symbol}\n`;
}
