/**
 * Sizes as gnulib's human.c prints and reads them for du and df (coreutils 9.1): a block size
 * given as -B/--block-size or a BLOCK_SIZE variable (humblock: "1K", "M", "KB", "KiB",
 * "human-readable", "si", a leading ' for digit groups), and human_readable() with its
 * default rounding, human_ceiling, from a count of bytes (from_block_size 1).
 */

export interface HumanOptions {
  /** -h / --si: the biggest unit that keeps the number under the base. */
  autoscale: boolean;
  /** A unit letter after the number (K, M … or k for 1000). */
  si: boolean;
  /** Powers of 1024 rather than 1000. */
  base1024: boolean;
  /** "B" after the letter ("KiB" with base 1024). */
  bSuffix: boolean;
  /** thousands' grouping: a no-op in the C locale, whose grouping is empty. */
  group: boolean;
  /** "1M" rather than "1.0M" (df's block-size header). */
  suppressPointZero?: boolean;
}

export interface BlockSize {
  opts: HumanOptions;
  size: bigint;
}

export const PLAIN: HumanOptions = { autoscale: false, si: false, base1024: false, bSuffix: false, group: false };
export const HUMAN_1024: HumanOptions = { autoscale: true, si: true, base1024: true, bSuffix: false, group: false };
export const HUMAN_1000: HumanOptions = { autoscale: true, si: true, base1024: false, bSuffix: false, group: false };

const POWER_LETTERS = ['', 'K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const UINTMAX_MAX = 2n ** 64n - 1n;

/**
 * humblock(SPEC): the block size and output options, or "invalid" / "overflow" as
 * xstrtoumax reports (the tool words it: "invalid -B argument 'x'", "invalid suffix in -B
 * argument '1Q'" once a number or a unit letter has been read, "-B argument '…' too large").
 */
export function parseBlockSize(spec: string): BlockSize | 'invalid' | 'suffix' | 'overflow' {
  const opts: HumanOptions = { ...PLAIN };
  let s = spec;
  if (s.startsWith("'")) {
    opts.group = true;
    s = s.slice(1);
  }
  // ARGMATCH: an exact name or an unambiguous abbreviation of one
  const named = [['human-readable', HUMAN_1024], ['si', HUMAN_1000]] as const;
  const hits = s === '' ? [] : named.filter(([name]) => name.startsWith(s));
  if (hits.length === 1) return { opts: { ...hits[0][1], group: opts.group }, size: 1n };
  // xstrtoumax(s, &ptr, 0, &size, "eEgGkKmMpPtTyYzZ0"): digits (base 0: 0x.., 0..), then a suffix
  const m = /^[ \t\n\v\f\r]*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)?(.*)$/s.exec(s);
  if (!m) return 'invalid';
  const digits = m[1];
  const rest = m[2];
  if (s.trimStart().startsWith('-')) return 'invalid';
  let value = digits === undefined ? 1n : BigInt(digits.startsWith('0') && digits.length > 1 && !/^0[xX]/.test(digits) ? '0o' + digits.slice(1) : digits);
  if (digits === undefined && rest === '') return 'invalid';
  let overflow = value > UINTMAX_MAX;
  if (rest !== '') {
    const letter = rest[0];
    if (!'eEgGkKmMpPtTyYzZ0'.includes(letter)) return digits === undefined ? 'invalid' : 'suffix';
    let base = 1024n;
    let suffixLength = 1;
    if (rest.length > 1) {
      if (rest[1] === 'B') {
        base = 1000n;
        suffixLength = 2;
      } else if (rest[1] === 'i' && rest[2] === 'B') {
        suffixLength = 3;
      }
    }
    const power = { e: 6, E: 6, g: 3, G: 3, k: 1, K: 1, m: 2, M: 2, p: 5, P: 5, t: 4, T: 4, y: 8, Y: 8, z: 7, Z: 7, '0': 0 }[letter] ?? 0;
    if (letter === '0') {
      // "0" stands for no suffix multiplier; xstrtoumax accepts it only with 2-byte B/D suffixes
      suffixLength = rest.length > 1 && (rest[1] === 'B' || rest[1] === 'D') ? 2 : 1;
    }
    value *= base ** BigInt(power);
    if (value > UINTMAX_MAX) overflow = true;
    if (rest.length > suffixLength) return 'suffix';
    if (digits === undefined) {
      opts.si = true;
      if (rest[suffixLength - 1] === 'B') opts.bSuffix = true;
      if (rest[suffixLength - 1] !== 'B' || rest[suffixLength - 2] === 'i') opts.base1024 = true;
    }
  }
  if (overflow) return 'overflow';
  if (value === 0n) return 'invalid';
  return { opts, size: value };
}

/** human_readable(n, opts, 1, toBlock), rounding up as human_ceiling does. */
export function humanReadable(n: bigint, opts: HumanOptions, toBlock: bigint): string {
  const base = opts.base1024 ? 1024n : 1000n;
  let amt: bigint;
  let tenths = 0n;
  let rounding = 0n;
  let exponent = 0;
  let text = '';
  if (toBlock <= 1n) {
    amt = n;
  } else {
    amt = n / toBlock;
    const r10 = (n % toBlock) * 10n;
    const r2 = (r10 % toBlock) * 2n;
    tenths = r10 / toBlock;
    rounding = r2 < toBlock ? (r2 !== 0n ? 1n : 0n) : 2n + (toBlock < r2 ? 1n : 0n);
  }
  if (opts.si && !opts.autoscale) {
    // the unit letter of the block size itself (-BM prints "5M")
    for (let power = 1n; power < toBlock; power *= base) if (++exponent === POWER_LETTERS.length - 1) break;
  }
  if (opts.autoscale && base <= amt) {
    do {
      const r10 = (amt % base) * 10n + tenths;
      const r2 = (r10 % base) * 2n + (rounding >> 1n);
      amt /= base;
      tenths = r10 / base;
      rounding = r2 < base ? (r2 !== 0n ? 1n : 0n) + (rounding !== 0n ? 1n : 0n) : 2n + (base < r2 + rounding ? 1n : 0n);
      exponent++;
    } while (base <= amt && exponent < POWER_LETTERS.length - 1);
    if (amt < 10n) {
      if (rounding > 0n) {
        tenths++;
        rounding = 0n;
        if (tenths === 10n) {
          amt++;
          tenths = 0n;
        }
      }
      if (amt < 10n && (tenths > 0n || !opts.suppressPointZero)) {
        text = '.' + tenths.toString();
        tenths = 0n;
        rounding = 0n;
      }
    }
  }
  if (tenths + rounding > 0n) {
    amt++;
    if (opts.autoscale && amt === base && exponent < POWER_LETTERS.length - 1) {
      exponent++;
      text = opts.suppressPointZero ? '' : '.0';
      amt = 1n;
    }
  }
  let out = amt.toString() + text;
  if (opts.si && (exponent > 0 || opts.bSuffix)) {
    if (exponent > 0) out += !opts.base1024 && exponent === 1 ? 'k' : POWER_LETTERS[exponent];
    if (opts.bSuffix) out += (opts.base1024 && exponent > 0 ? 'i' : '') + 'B';
  }
  return out;
}
