/**
 * The iteration order of kmod's shared/hash.c, which depmod's output inherits:
 * modules.dep lists modules outside modules.order in `modules_by_name` order (512 buckets),
 * and modules.symbols lists symbols in `symbols` order (2048 buckets). Buckets are visited
 * in index order; inside a bucket, entries are kept sorted by strcmp (hash_add).
 */

/** hash_superfast() of kmod 30 (Paul Hsieh's SuperFastHash), 32-bit unsigned, little-endian reads. */
export function hashSuperfast(key: string): number {
  const bytes = Buffer.from(key, 'latin1');
  let len = bytes.length;
  let hash = len >>> 0;
  const rem = len & 3;
  let i = 0;
  const u16 = (at: number) => bytes[at] | (bytes[at + 1] << 8);
  len >>>= 2;
  for (; len > 0; len--) {
    hash = (hash + u16(i)) >>> 0;
    const tmp = ((u16(i + 2) << 11) ^ hash) >>> 0;
    hash = ((hash << 16) ^ tmp) >>> 0;
    i += 4;
    hash = (hash + (hash >>> 11)) >>> 0;
  }
  switch (rem) {
    case 3:
      hash = (hash + u16(i)) >>> 0;
      hash = (hash ^ (hash << 16)) >>> 0;
      hash = (hash ^ (signedChar(bytes[i + 2]) << 18)) >>> 0;
      hash = (hash + (hash >>> 11)) >>> 0;
      break;
    case 2:
      hash = (hash + u16(i)) >>> 0;
      hash = (hash ^ (hash << 11)) >>> 0;
      hash = (hash + (hash >>> 17)) >>> 0;
      break;
    case 1:
      hash = (hash + signedChar(bytes[i])) >>> 0;
      hash = (hash ^ (hash << 10)) >>> 0;
      hash = (hash + (hash >>> 1)) >>> 0;
      break;
  }
  hash = (hash ^ (hash << 3)) >>> 0;
  hash = (hash + (hash >>> 5)) >>> 0;
  hash = (hash ^ (hash << 4)) >>> 0;
  hash = (hash + (hash >>> 17)) >>> 0;
  hash = (hash ^ (hash << 25)) >>> 0;
  hash = (hash + (hash >>> 6)) >>> 0;
  return hash;
}

/** `char` is signed on x86-64. */
function signedChar(b: number): number {
  return b >= 128 ? b - 256 : b;
}

function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keys in the order hash_iter_next() returns them for a table of `buckets` buckets (a power of two). */
export function hashOrder(keys: Iterable<string>, buckets: number): string[] {
  const table = new Map<number, string[]>();
  for (const key of keys) {
    const pos = hashSuperfast(key) & (buckets - 1);
    const list = table.get(pos) ?? [];
    if (!list.includes(key)) list.push(key);
    table.set(pos, list);
  }
  return [...table.keys()].sort((a, b) => a - b).flatMap((pos) => (table.get(pos) ?? []).sort(strcmp));
}
