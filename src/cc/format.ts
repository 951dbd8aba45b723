/**
 * vsnprintf() of lib/vsprintf.c for the conversions a beginner uses: flags (- + space 0 #),
 * width and precision (also *), the length modifiers hh h l ll z t, and d i u x X o c s p %.
 * The argument is converted as the modifier says (%d of a long prints its low 32 bits as an
 * int, as the real printk would read it). %p prints a hashed pointer as the kernel does
 * (ptr_to_id: 16 hex digits, the upper half zero on 64-bit), %px the address itself.
 */
import type { Value } from './memory';
import { big, isPtr } from './memory';

/** How a pointer reads as text (%s): the interpreter's string reader; a literal is itself. */
export type StringReader = (v: Value) => string | undefined;

function widthOf(mod: string | undefined): { bits: number } {
  switch (mod) {
    case 'hh':
      return { bits: 8 };
    case 'h':
      return { bits: 16 };
    case 'l':
    case 'll':
    case 'z':
    case 't':
      return { bits: 64 };
    default:
      return { bits: 32 };
  }
}

/** ptr_to_id(): siphash of the address, here a stable stand-in of the same shape. */
function hashedPointer(v: Value): string {
  const key = isPtr(v) ? `${v.ptr}/${v.path.join('.')}` : String(v);
  let h = 0x9e3779b9;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x85ebca6b) >>> 0;
  return '00000000' + h.toString(16).padStart(8, '0');
}

/**
 * lib/vsprintf.c's bounds: a field width past FIELD_WIDTH_MAX and a precision past
 * PRECISION_MAX are clamped (the kernel also WARNs once "field width %d too large"; not
 * modelled).
 */
const FIELD_WIDTH_MAX = (1 << 23) - 1;
const PRECISION_MAX = (1 << 15) - 1;

export function format(fmt: string, args: readonly Value[], readString: StringReader = (v) => (typeof v === 'string' ? v : undefined)): string {
  return formatCounted(fmt, args, readString, Infinity).text;
}

/**
 * vsnprintf into a buffer of MAX characters: the text as far as it fits, and the length the
 * whole would have (what snprintf returns). Padding past MAX is counted, never made: a
 * width of 8 million into a 16-byte buffer costs nothing.
 */
export function formatCounted(fmt: string, args: readonly Value[], readString: StringReader, max: number): { text: string; length: number } {
  let out = '';
  let length = 0;
  const emit = (piece: string, pad = 0, padChar = ' ', padLeft = true): void => {
    const room = (): number => Math.max(0, max - out.length);
    const padding = (): void => {
      if (pad > 0 && room() > 0) out += padChar.repeat(Math.min(pad, room()));
    };
    if (padLeft) padding();
    if (room() > 0) out += piece.slice(0, room());
    if (!padLeft) padding();
    length += piece.length + Math.max(0, pad);
  };
  let next = 0;
  const re = /%([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?(hh|h|ll|l|z|t)?([diuxXocsp%])([a-zA-Z]?)/g;
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    emit(fmt.slice(last, m.index));
    last = m.index + m[0].length;
    const [, flags, widthText, precText, mod, conv, after] = m;
    if (conv === '%') {
      emit('%');
      last -= after.length;
      continue;
    }
    // a negative * width is the - flag (set_field_width); both clamped as the kernel does
    let width = widthText === '*' ? Number(BigInt.asIntN(32, big(args[next++] ?? 0))) : Number(widthText ?? 0);
    let left = flags.includes('-');
    if (width < 0) [width, left] = [-width, true];
    width = Math.min(width, FIELD_WIDTH_MAX);
    const precArg = precText === '*' ? Number(BigInt.asIntN(32, big(args[next++] ?? 0))) : precText !== undefined ? Number(precText) : undefined;
    const precision = precArg === undefined ? undefined : Math.min(Math.max(precArg, 0), PRECISION_MAX);
    const arg = args[next++] ?? 0;
    let text: string;
    let numeric = true;
    if (conv === 'p') {
      // %px prints the address; %p (and its %pX extensions we do not model) the hashed id
      if (after === 'x') text = isPtr(arg) || typeof arg === 'string' ? 'ffff8880' + hashedPointer(arg).slice(8) : big(arg).toString(16).padStart(16, '0');
      else {
        last -= after.length;
        text = big(arg) === 0n && !isPtr(arg) && typeof arg !== 'string' ? '0000000000000000' : hashedPointer(arg);
      }
      numeric = false;
    } else {
      last -= after.length;
      if (conv === 's') {
        numeric = false;
        const s = big(arg) === 0n && typeof arg === 'number' ? '(null)' : readString(arg) ?? '(efault)';
        text = precision !== undefined ? s.slice(0, precision) : s;
      } else if (conv === 'c') {
        numeric = false;
        text = String.fromCharCode(Number(BigInt.asUintN(8, big(arg))));
      } else {
        const { bits } = widthOf(mod);
        const v = big(arg);
        const signed = conv === 'd' || conv === 'i';
        const n = signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
        const neg = n < 0n;
        const mag = neg ? -n : n;
        let digits = conv === 'x' ? mag.toString(16) : conv === 'X' ? mag.toString(16).toUpperCase() : conv === 'o' ? mag.toString(8) : mag.toString(10);
        if (precision !== undefined) digits = digits.padStart(precision, '0');
        let prefix = neg ? '-' : signed && flags.includes('+') ? '+' : signed && flags.includes(' ') ? ' ' : '';
        if (flags.includes('#') && mag !== 0n) prefix += conv === 'x' ? '0x' : conv === 'X' ? '0X' : conv === 'o' ? '0' : '';
        if (flags.includes('0') && !left && precision === undefined && prefix.length + digits.length < width) {
          emit(prefix);
          emit(digits, width - prefix.length - digits.length, '0');
          continue;
        }
        text = prefix + digits;
      }
    }
    void numeric;
    emit(text, width - text.length, ' ', !left);
  }
  emit(fmt.slice(last));
  return { text: out, length };
}
