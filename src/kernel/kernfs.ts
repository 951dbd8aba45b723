/**
 * The order in which sysfs (kernfs) returns a directory's entries: kernfs keeps siblings in
 * an rbtree sorted by kernfs_name_hash() and then by name (fs/kernfs/dir.c), and readdir
 * walks it in that order. lsmod prints holders in this order (kmod reads
 * /sys/module/NAME/holders with readdir), which is why `lsmod` shows "fat ... msdos,vfat"
 * and "snd ... snd_timer,snd_pcm,snd_dummy" whatever the load order.
 */
const MASK64 = (1n << 64n) - 1n;
const GOLDEN_RATIO_64 = 0x61c8864680b583ebn;
const INT_MAX = 0x7fffffff;

/** kernfs_name_hash(name, NULL): partial_name_hash per byte, end_name_hash = hash_long(h, 32). */
export function kernfsNameHash(name: string): number {
  let hash = 0n;
  for (const byte of Buffer.from(name, 'utf8')) {
    const c = BigInt(byte);
    hash = ((hash + (c << 4n) + (c >> 4n)) * 11n) & MASK64;
  }
  // hash_64(val, 32) = (val * GOLDEN_RATIO_64) >> (64 - 32)
  let h = Number((((hash * GOLDEN_RATIO_64) & MASK64) >> 32n) & 0x7fffffffn);
  if (h < 2) h += 2;
  if (h >= INT_MAX) h = INT_MAX - 1;
  return h;
}

/** Names in kernfs readdir order (hash, then strcmp). */
export function kernfsOrder(names: readonly string[]): string[] {
  return [...names]
    .map((n) => ({ n, h: kernfsNameHash(n) }))
    .sort((a, b) => a.h - b.h || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0))
    .map((e) => e.n);
}
