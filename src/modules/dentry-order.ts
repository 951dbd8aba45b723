/**
 * The order in which readdir(3) returns a directory's entries, which find(1), `ls -U` and
 * depmod's tree walk show (depmod keeps the first module of a name it meets). The oracle's
 * root is a tmpfs unpacked from a C-sorted cpio archive, and in 6.1 a tmpfs lists newest
 * first: d_alloc() puts a new dentry at the head of its parent's d_subdirs, __d_move() puts
 * a renamed one there, and dcache_readdir() walks that list from the head. So the shipped
 * entries come in reverse byte order (`find /root -name 'mod_*.ko'`: mod_d_prop.ko,
 * mod_c_prop.ko, mod_b.ko, mod_a.ko), after the entries made since, newest first.
 */
import { INDEX_FILES, MODDIR } from './base-image';

/**
 * depmod_output() of kmod 30 writes its files in this order, each to a temporary name renamed
 * over the old one; the guest's /init runs `depmod -a` after unpacking, so these are the
 * newest shipped entries of /lib/modules/RELEASE.
 */
const DEPMOD_WRITES: readonly string[] = [
  'modules.dep', 'modules.dep.bin', 'modules.alias', 'modules.alias.bin', 'modules.softdep',
  'modules.symbols', 'modules.symbols.bin', 'modules.builtin.bin', 'modules.builtin.alias.bin', 'modules.devname',
];

/** Byte order, as `LC_ALL=C sort` orders the archive (all names here are ASCII). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The shipped entries NAMES of DIR in readdir order. */
export function shippedOrder(dir: string, names: readonly string[]): string[] {
  const unpacked = names.filter((n) => dir !== MODDIR || !(INDEX_FILES as readonly string[]).includes(n));
  unpacked.sort(byteOrder).reverse();
  if (dir !== MODDIR) return unpacked;
  const rewritten = DEPMOD_WRITES.filter((n) => names.includes(n)).reverse();
  return [...rewritten, ...unpacked];
}

/** A directory's entries in readdir order: those made on this machine (oldest first as given) before the shipped ones. */
export function readdirOrder(dir: string, made: readonly string[], shipped: readonly string[]): string[] {
  return [...[...made].reverse(), ...shippedOrder(dir, shipped)];
}
