/**
 * od(1) of GNU coreutils 9.1: -c (characters), -b (octal bytes), -o (octal 2-byte, the
 * default), -x (hex 2-byte), -d (unsigned decimal 2-byte), -t TYPE (c, a, oN, xN, dN, uN),
 * -A RADIX for offsets, 16 bytes a line, a repeated line shown once then '*' unless -v.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand, tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'address-radix', has: 'required', key: 'A' },
  { name: 'format', has: 'required', key: 't' },
  { name: 'output-duplicates', has: 'none', key: 'v' },
  { name: 'skip-bytes', has: 'required', key: 'j' },
  { name: 'read-bytes', has: 'required', key: 'N' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

interface Format {
  kind: 'c' | 'a' | 'o' | 'x' | 'd' | 'u';
  size: number;
}

const CHAR_NAMES: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
const ASCII_NAMES = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si', 'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp'];

/** Field width of one value of FORMAT (od.c: width of the largest value plus one space). */
function width(f: Format): number {
  if (f.kind === 'c' || f.kind === 'a') return 4;
  const max = 2n ** BigInt(8 * f.size) - 1n;
  const digits = f.kind === 'o' ? max.toString(8).length : f.kind === 'x' ? max.toString(16).length : f.kind === 'u' ? max.toString(10).length : (max / 2n).toString(10).length + 1;
  return digits + 1;
}

function render(f: Format, chunk: Buffer, at: number): string {
  const w = width(f);
  if (f.kind === 'c') {
    const b = chunk[at];
    let s: string;
    if (CHAR_NAMES[b] !== undefined) s = CHAR_NAMES[b];
    else if (b >= 32 && b < 127) s = String.fromCharCode(b);
    else s = b.toString(8).padStart(3, '0');
    return s.padStart(w);
  }
  if (f.kind === 'a') {
    const b = chunk[at] & 0x7f;
    const s = b <= 32 ? ASCII_NAMES[b] : b === 127 ? 'del' : String.fromCharCode(b);
    return s.padStart(w);
  }
  let v = 0n;
  for (let k = f.size - 1; k >= 0; k--) v = (v << 8n) | BigInt(chunk[at + k] ?? 0);
  if (f.kind === 'd') v = BigInt.asIntN(8 * f.size, v);
  const text = f.kind === 'o' ? v.toString(8).padStart(width(f) - 1, '0') : f.kind === 'x' ? v.toString(16).padStart(width(f) - 1, '0') : v.toString(10);
  return text.padStart(w);
}

function parseType(spec: string): Format[] | null {
  const out: Format[] = [];
  const re = /([acdoux])([0-9]*|[CSIL])?/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(spec))) {
    consumed = re.lastIndex;
    const kind = m[1] as Format['kind'];
    const sizeSpec = m[2] ?? '';
    let size = kind === 'c' || kind === 'a' ? 1 : 4;
    if (sizeSpec) size = ({ C: 1, S: 2, I: 4, L: 8 } as Record<string, number>)[sizeSpec] ?? Number(sizeSpec);
    if (![1, 2, 4, 8].includes(size)) return null;
    out.push({ kind, size });
  }
  return consumed === spec.length && out.length ? out : null;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'A:t:vj:N:bcdoxsw::', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'od');
  }
  const formats: Format[] = [];
  let radix = 'o';
  let dup = false;
  let skip = 0;
  let limit = Infinity;
  for (const { key, arg } of parsed.options) {
    switch (key) {
      case 'help':
        io.out('Usage: od [OPTION]... [FILE]...\n  or:  od [-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]\nWrite an unambiguous representation, octal bytes by default,\nof FILE to standard output.\n');
        return 0;
      case 'version':
        io.out('od (GNU coreutils) 9.1\n');
        return 0;
      case 'A':
        if (!['d', 'o', 'x', 'n'].includes(arg as string)) {
          io.err(`od: invalid output address radix '${(arg as string).charAt(0)}'; it must be one character from [doxn]\n`);
          return 1;
        }
        radix = arg as string;
        break;
      case 't': {
        const f = parseType(arg as string);
        if (!f) {
          const bad = /[^acdouxfCSIL0-9]/.exec(arg as string);
          io.err(bad ? `od: invalid character '${bad[0]}' in type string '${arg}'\n` : `od: invalid type string '${arg}'\n`);
          return 1;
        }
        formats.push(...f);
        break;
      }
      case 'v': dup = true; break;
      case 'j': skip = Number(arg) || 0; break;
      case 'N': limit = Number(arg); break;
      case 'b': formats.push({ kind: 'o', size: 1 }); break;
      case 'c': formats.push({ kind: 'c', size: 1 }); break;
      case 'd': formats.push({ kind: 'u', size: 2 }); break;
      case 'o': formats.push({ kind: 'o', size: 2 }); break;
      case 'x': formats.push({ kind: 'x', size: 2 }); break;
      case 's': formats.push({ kind: 'd', size: 2 }); break;
    }
  }
  if (formats.length === 0) formats.push({ kind: 'o', size: 2 });
  let data = '';
  let status = 0;
  let opened = 0;
  for (const name of parsed.operands.length ? parsed.operands : ['-']) {
    const text = readOperand(name, io, sys);
    if (typeof text === 'number') {
      io.err(`od: ${name}: ${errnoText(text)}\n`);
      status = 1;
      continue;
    }
    opened++;
    data += text;
  }
  if (opened === 0) return status;
  let buf = Buffer.from(data, 'utf8').subarray(skip);
  if (Number.isFinite(limit)) buf = buf.subarray(0, limit);
  const offsetText = (n: number): string => {
    if (radix === 'n') return '';
    const digits = radix === 'd' ? 7 : radix === 'x' ? 6 : 7;
    return (radix === 'x' ? n.toString(16) : radix === 'd' ? n.toString(10) : n.toString(8)).padStart(digits, '0');
  };
  // All formats share one line width: the widest per-byte field decides the padding (od.c).
  const perByte = Math.max(...formats.map((f) => width(f) / f.size));
  let out = '';
  let previous: Buffer | null = null;
  let starred = false;
  for (let at = 0; at < buf.length; at += 16) {
    const chunk = buf.subarray(at, at + 16);
    if (!dup && previous && chunk.length === 16 && chunk.equals(previous)) {
      if (!starred) out += '*\n';
      starred = true;
      continue;
    }
    starred = false;
    previous = chunk;
    formats.forEach((f, n) => {
      let line = n === 0 ? offsetText(skip + at) : ' '.repeat(offsetText(0).length);
      const padded = Buffer.concat([chunk, Buffer.alloc((f.size - (chunk.length % f.size)) % f.size)]);
      for (let i = 0; i < chunk.length; i += f.size) {
        line += render(f, padded, i).padStart(perByte * f.size);
      }
      out += line + '\n';
    });
  }
  if (radix !== 'n') out += offsetText(skip + buf.length) + '\n';
  io.out(out);
  return status;
}

export const od: Tool = { name: 'od', main, summary: 'dump files in octal and other formats' };
