/**
 * What libkmod reads from a module file for `modprobe --show-exports` and
 * `--dump-modversions` (kmod 30: kmod_module_new_from_path, kmod_file_open, kmod_elf_new,
 * kmod_elf_get_symbols, kmod_elf_get_modversions). A .ko on this machine carries its
 * ModuleImage; any other file is bytes that pass or fail libkmod's checks as real ones would.
 */
import type { System } from './tool';
import type { ModuleImage } from '../kernel/image';
import { EINVAL, ENOENT, ENOEXEC } from '../kernel/errno';
import { statFollow } from './files';

/**
 * kmod_file_open() reads the longest compression magic first (xz's, 6 bytes): a shorter
 * file is -EINVAL before any ELF check.
 */
const MAGIC_SIZE_MAX = 6;
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
  if (content.length < MAGIC_SIZE_MAX) return { ok: false, errno: EINVAL };
  if (content.length <= EI_NIDENT || !content.startsWith('\x7fELF')) return { ok: false, errno: ENOEXEC };
  // Our object files and programs have an ELF ident but no section headers behind it:
  // kmod_elf_new() finds no string table there.
  return { ok: false, errno: EINVAL };
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
