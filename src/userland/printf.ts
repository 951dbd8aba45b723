/**
 * printf as the bash builtin (builtins/printf.def): the format is reused until the
 * arguments run out; %s %b %q %c %d %i %u %o %x %X %e %f %g %% with flags, width and
 * precision (also *); backslash escapes in the format. A bad number prints its error,
 * outputs 0 and makes the status 1.
 */
import type { Io, System, Tool } from './tool';
import { backslashEscapes, bytesAsUtf8 } from './echo';
import { MAX_PRINTF_FIELD } from './limits';

const SPEC = /%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?(hh|h|ll|l|L|j|z|t)?(.)?/y;

function pad(text: string, flags: string, width: number): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  return text.padStart(width);
}

function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return s.replace(/[^A-Za-z0-9_@%+=:,./-]/g, (c) => (c === '\n' ? "$'\\n'" : '\\' + c));
}

/** C's %g: %e when the exponent is below -4 or at least the precision, trailing zeros cut. */
function cFormatG(v: number, p: number, keepZeros: boolean): string {
  if (v === 0) return keepZeros ? (0).toFixed(p - 1) : '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(p)))));
  let text: string;
  if (exp < -4 || exp >= p) {
    text = v.toExponential(p - 1);
    if (!keepZeros) text = text.replace(/\.?0+e/, 'e');
    text = text.replace(/e([+-])(\d)$/, 'e$10$2');
  } else {
    text = v.toFixed(Math.max(0, p - 1 - exp));
    if (!keepZeros && text.includes('.')) text = text.replace(/\.?0+$/, '');
  }
  return text;
}

export function main(argv: string[], io: Io, _sys: System): number {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    io.err('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  if (args[0].startsWith('-') && args[0] !== '-' && args[0] !== '-v') {
    io.err(`printf: ${args[0].slice(0, 2)}: invalid option\nprintf: usage: printf [-v var] format [arguments]\n`);
    return 2;
  }
  const format = args[0];
  const values = args.slice(1);
  let next = 0;
  let status = 0;
  let out = '';
  const take = (): string | undefined => (next < values.length ? values[next++] : undefined);
  const integer = (v: string | undefined): bigint => {
    if (v === undefined || v === '') return 0n;
    if (/^['"]/.test(v)) return BigInt(v.codePointAt(1) ?? 0);
    const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[0-9]+)/.exec(v);
    if (!m) {
      io.err(`printf: ${v}: invalid number\n`);
      status = 1;
      return 0n;
    }
    let n = m[2].startsWith('0x') || m[2].startsWith('0X') ? BigInt(m[2]) : m[2].startsWith('0') && m[2].length > 1 ? BigInt('0o' + m[2].slice(1)) : BigInt(m[2]);
    if (m[1] === '-') n = -n;
    if (m[0].length < v.length) {
      io.err(`printf: ${v}: invalid number\n`);
      status = 1;
    }
    const max = 2n ** 63n - 1n;
    if (n > max || n < -max - 1n) {
      io.err(`printf: warning: ${v}: Numerical result out of range\n`);
      return n > 0 ? max : -max - 1n;
    }
    return n;
  };
  const float = (v: string | undefined): number => {
    if (v === undefined || v === '') return 0;
    const n = Number(v);
    if (Number.isNaN(n)) {
      io.err(`printf: ${v}: invalid number\n`);
      status = 1;
      return 0;
    }
    return n;
  };
  // What no sink can take is not kept: the format still runs to the end (its errors and
  // status are the real ones), but output past MAX_PRINTF_FIELD (one byte more than any
  // sink holds, so that a sink knows it overflowed) is dropped as it is made.
  let written = 0;
  /** A width or precision as written, bounded by what could still be seen (limits.ts). */
  const field = (n: number): number => {
    const room = Math.max(0, MAX_PRINTF_FIELD - written - out.length);
    return Math.max(-room, Math.min(n, room));
  };
  const spill = (): void => {
    if (out.length < MAX_PRINTF_FIELD) return;
    if (written < MAX_PRINTF_FIELD) io.out(bytesAsUtf8(out.slice(0, MAX_PRINTF_FIELD - written)));
    written = Math.min(MAX_PRINTF_FIELD, written + out.length);
    out = '';
  };
  for (let pass = 0; ; pass++) {
    const startNext = next;
    let i = 0;
    while (i < format.length) {
      spill();
      const c = format[i];
      if (c === '\\') {
        const end = format[i + 1] === undefined ? i + 1 : i + 2;
        // \NNN octal and \xHH take more characters; let the escape routine find the length.
        const m = /^\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|.)?/s.exec(format.slice(i)) as RegExpExecArray;
        const piece = m[0] || format.slice(i, end);
        const r = backslashEscapes(piece.startsWith('\\0') ? piece : piece.replace(/^\\([1-7])/, '\\0$1'), true);
        out += r.text;
        i += piece.length;
        continue;
      }
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      SPEC.lastIndex = i;
      const m = SPEC.exec(format) as RegExpExecArray;
      const [whole, flags, widthSpec, precSpec, , conv] = m;
      i += whole.length;
      if (conv === undefined) {
        io.err(`printf: \`%': missing format character\n`);
        io.out(out);
        return 1;
      }
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = field(widthSpec === '*' ? Number(integer(take())) : widthSpec ? Number(widthSpec) : 0);
      const prec = precSpec === undefined ? undefined : field(precSpec === '*' ? Number(integer(take())) : Number(precSpec || '0'));
      const flagsEff = width < 0 ? flags + '-' : flags;
      const w = Math.abs(width);
      switch (conv) {
        case 's':
        case 'q': {
          let v = take() ?? '';
          if (conv === 'q') v = shellQuote(v);
          if (prec !== undefined) v = v.slice(0, prec);
          out += pad(v, flagsEff, w);
          break;
        }
        case 'b': {
          const r = backslashEscapes(take() ?? '', true);
          let v = r.text;
          if (prec !== undefined) v = v.slice(0, prec);
          out += pad(v, flagsEff, w);
          if (r.stop) {
            io.out(out);
            return status;
          }
          break;
        }
        case 'c':
          out += pad((take() ?? '').charAt(0), flagsEff, w);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          let n = integer(take());
          if ((conv === 'u' || conv === 'o' || conv === 'x' || conv === 'X') && n < 0n) n = BigInt.asUintN(64, n);
          const neg = n < 0n;
          let digits = (neg ? -n : n).toString(conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10);
          if (conv === 'X') digits = digits.toUpperCase();
          if (prec !== undefined) digits = prec === 0 && n === 0n ? '' : digits.padStart(prec, '0');
          if (flags.includes('#') && n !== 0n) digits = (conv === 'o' ? '0' : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '') + digits;
          const sign = neg ? '-' : flags.includes('+') && (conv === 'd' || conv === 'i') ? '+' : flags.includes(' ') && (conv === 'd' || conv === 'i') ? ' ' : '';
          if (flags.includes('0') && !flagsEff.includes('-') && prec === undefined) out += sign + digits.padStart(w - sign.length, '0');
          else out += pad(sign + digits, flagsEff, w);
          break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': {
          const v = float(take());
          const p = prec ?? 6;
          let text: string;
          if (conv === 'f' || conv === 'F') text = v.toFixed(p);
          else if (conv === 'e' || conv === 'E') text = v.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
          else text = cFormatG(v, p === 0 ? 1 : p, flags.includes('#'));
          if (conv === 'E' || conv === 'G') text = text.toUpperCase();
          if (flags.includes('+') && v >= 0) text = '+' + text;
          if (flags.includes('0') && !flagsEff.includes('-')) out += text.padStart(w, '0');
          else out += pad(text, flagsEff, w);
          break;
        }
        default:
          io.out(out);
          io.err(`printf: \`${conv}': invalid format character\n`);
          return 1;
      }
    }
    if (next === startNext || next >= values.length) break;
  }
  if (written < MAX_PRINTF_FIELD) io.out(bytesAsUtf8(out.slice(0, MAX_PRINTF_FIELD - written)));
  return status;
}

export const printf: Tool = { name: 'printf', main, summary: 'format and print data' };
