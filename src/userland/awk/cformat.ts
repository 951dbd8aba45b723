/**
 * C's printf conversions of a double (%e %f %g, with precision and the # flag), as glibc
 * prints them: from the exact decimal value of the double, rounded half to even, so
 * `printf "%.0f", 2.5` gives 2 and `%.2f` of 1.005 gives 1.00 as on Debian.
 */

/** The exact decimal digits of |X| (finite): value = 0.DIGITS × 10^EXP, no leading zeros. */
function exactDecimal(x: number): { digits: string; exp: number } {
  if (x === 0) return { digits: '0', exp: 1 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  let digits: string;
  let point: number; // digits after the decimal point
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    point = 0;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    point = -e2;
  }
  const lead = digits.length - point;
  const trimmed = digits.replace(/^0+/, '');
  const exp = lead - (digits.length - trimmed.length);
  return { digits: trimmed.replace(/0+$/, '') || '0', exp };
}

/** DIGITS (0.DIGITS × 10^EXP) rounded half-even to N significant digits (N ≥ 0). */
function roundDigits(digits: string, exp: number, n: number): { digits: string; exp: number } {
  if (digits.length <= n) return { digits: digits.padEnd(n, '0'), exp };
  const keep = digits.slice(0, n);
  const next = digits.charCodeAt(n) - 48;
  const rest = digits.slice(n + 1).replace(/0+$/, '');
  const lastOdd = n > 0 && (keep.charCodeAt(n - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (rest !== '' || lastOdd));
  if (!up) return { digits: keep, exp };
  // add one in the last place
  const arr = keep.split('');
  let i = n - 1;
  while (i >= 0) {
    if (arr[i] === '9') {
      arr[i] = '0';
      i--;
    } else {
      arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
      break;
    }
  }
  if (i < 0) return { digits: ('1' + arr.join('')).slice(0, Math.max(n, 1)), exp: exp + 1 };
  return { digits: arr.join(''), exp };
}

function special(x: number, upper: boolean): string | null {
  // x86's default NaN (0/0, log(-1), sqrt(-1)) has its sign bit set: glibc prints -nan
  if (Number.isNaN(x)) return upper ? '-NAN' : '-nan';
  if (!Number.isFinite(x)) return upper ? 'INF' : 'inf';
  return null;
}

/** %.Pf of |X|, without sign. */
export function fixed(x: number, prec: number, alt: boolean): string {
  const s = special(x, false);
  if (s !== null) return s;
  const { digits, exp } = exactDecimal(x);
  // significant digits needed: those before the point plus PREC after it
  const n = exp + prec;
  let intPart: string;
  let frac: string;
  if (n < 0) {
    intPart = '0';
    frac = '0'.repeat(prec);
  } else {
    const r = roundDigits(digits, exp, n);
    const all = r.exp >= 0 ? r.digits.padEnd(r.exp + prec, '0') : '0'.repeat(-r.exp) + r.digits;
    const point = r.exp >= 0 ? r.exp : 0;
    const padded = r.exp >= 0 ? all : all;
    intPart = padded.slice(0, point) || '0';
    frac = padded.slice(point, point + prec).padEnd(prec, '0');
    if (r.exp < 0) {
      intPart = '0';
      frac = ('0'.repeat(-r.exp) + r.digits).slice(0, prec).padEnd(prec, '0');
    }
  }
  return prec > 0 || alt ? `${intPart}.${frac}` : intPart;
}

/** %.Pe of |X|, without sign. */
export function expo(x: number, prec: number, alt: boolean, upper: boolean): string {
  const s = special(x, upper);
  if (s !== null) return s;
  let mant: string;
  let e: number;
  if (x === 0) {
    mant = '0'.repeat(prec + 1);
    e = 0;
  } else {
    const d = exactDecimal(x);
    const r = roundDigits(d.digits, d.exp, prec + 1);
    mant = r.digits;
    e = r.exp - 1;
  }
  const body = prec > 0 || alt ? `${mant[0]}.${mant.slice(1)}` : mant[0];
  const sign = e < 0 ? '-' : '+';
  const ee = String(Math.abs(e)).padStart(2, '0');
  return `${body}${upper ? 'E' : 'e'}${sign}${ee}`;
}

/** %.Pg of |X|, without sign. */
export function general(x: number, prec: number, alt: boolean, upper: boolean): string {
  const s = special(x, upper);
  if (s !== null) return s;
  const p = prec === 0 ? 1 : prec;
  let e = 0;
  if (x !== 0) {
    const d = exactDecimal(x);
    const r = roundDigits(d.digits, d.exp, p);
    e = r.exp - 1;
  }
  let out = p > e && e >= -4 ? fixed(x, p - 1 - e, alt) : expo(x, p - 1, alt, upper);
  if (!alt) {
    // strip trailing zeros of the fraction (and the point)
    const m = /^([^eE]*?)(\.?0*)?([eE].*)?$/.exec(out);
    if (m && out.includes('.')) {
      const mantissa = (m[1] + (m[2] ?? '')).replace(/\.?0+$/, '').replace(/\.$/, '');
      out = mantissa + (m[3] ?? '');
    }
  }
  return out;
}
