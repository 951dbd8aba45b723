/**
 * The bytes a .ko file holds on this disk. A module's real file is kilobytes of ELF; ours is
 * its first MODULE_BYTES: an ELF64 header whose section table lies where the real file's
 * would (at the end of image.fileSize bytes, as ld puts it), then the image's id. Any copy
 * of those bytes — cp, `cat a.ko > b.ko`, a pipe — is the same module again (identify), and
 * a part of them is what the kernel sees of a truncated file: a header whose section table
 * lies past the end ("Invalid ELF section header overflow", 27-kbuild-install).
 */
import type { ModuleImage } from '../kernel/image';

/** How many bytes a module file holds here (storage and quota: the real size is image.fileSize). */
export const MODULE_BYTES = 512;
const ID_TAG = 'modlab-module:';
/** Section headers a small module has (a catalog module's count varies; only the overflow check reads it). */
const SHNUM = 40;
const SHENTSIZE = 64;
const EHSIZE = 64;

function header(fileSize: number): Buffer {
  const h = Buffer.alloc(EHSIZE);
  h.write('\x7fELF', 0, 'latin1');
  h[4] = 2; // ELFCLASS64
  h[5] = 1; // ELFDATA2LSB
  h[6] = 1; // EV_CURRENT
  h.writeUInt16LE(1, 16); // ET_REL
  h.writeUInt16LE(0x3e, 18); // EM_X86_64
  h.writeUInt32LE(1, 20); // e_version
  h.writeBigUInt64LE(BigInt(Math.max(EHSIZE + MODULE_BYTES, fileSize - SHNUM * SHENTSIZE)), 40); // e_shoff
  h.writeUInt16LE(EHSIZE, 52);
  h.writeUInt16LE(SHENTSIZE, 58);
  h.writeUInt16LE(SHNUM, 60);
  h.writeUInt16LE(SHNUM - 1, 62); // e_shstrndx: .shstrtab comes last
  return h;
}

/** IMAGE's file content (latin1). */
export function moduleBytes(image: ModuleImage): string {
  const head = header(image.fileSize).toString('latin1') + ID_TAG + image.id + '\n';
  return head + '\0'.repeat(Math.max(0, MODULE_BYTES - head.length));
}

/** The image id that CONTENT is the whole of, if it is a module's bytes (checked against IMAGES). */
export function identify(content: string, images: (id: string) => ModuleImage | undefined): string | undefined {
  if (content.length !== MODULE_BYTES || content.charCodeAt(0) !== 0x7f) return undefined;
  const at = EHSIZE + ID_TAG.length;
  if (content.slice(EHSIZE, at) !== ID_TAG) return undefined;
  const end = content.indexOf('\n', at);
  if (end < 0) return undefined;
  const image = images(content.slice(at, end));
  return image && moduleBytes(image) === content ? image.id : undefined;
}
