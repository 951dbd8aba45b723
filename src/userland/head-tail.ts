/**
 * What head(1) and tail(1) of GNU coreutils 9.1 share: the obsolete "-N" form, -n/-c
 * counts with multiplier suffixes, "==> FILE <==" headers for several files (-q, -v),
 * and the loop over operands that prints each one's part.
 */
import type { Io, System } from './tool';
import { errnoText, readOperand, statOperand } from './files';

export interface Count {
  value: number;
  /** tail -n +N / head -n -N */
  sign: '' | '+' | '-';
}

const SUFFIXES: Record<string, number> = { b: 512, kB: 1000, K: 1024, k: 1024, MB: 1e6, M: 1048576, GB: 1e9, G: 1073741824 };

/** xdectoumax with the tools' suffixes; null when invalid. */
export function parseCount(text: string): Count | null {
  const m = /^([+-]?)([0-9]+)(b|kB|K|k|MB|M|GB|G)?$/.exec(text.trim());
  if (!m) return null;
  return { sign: m[1] as Count['sign'], value: Number(m[2]) * (m[3] ? SUFFIXES[m[3]] : 1) };
}

/** "-5" → "-n5", "-5c" → "-c5" (obsolete usage, accepted only as the first argument). */
export function obsoleteCount(argv: string[]): string[] {
  const first = argv[1];
  if (first !== undefined && /^-[0-9]+[bkmcl]?$/.test(first)) {
    const m = /^-([0-9]+)([bkmcl]?)$/.exec(first) as RegExpExecArray;
    const unit = m[2] === 'c' ? 'c' : 'n';
    return [argv[0], `-${unit}${m[1]}${m[2] === 'b' || m[2] === 'k' || m[2] === 'm' ? m[2] : ''}`, ...argv.slice(2)];
  }
  return argv;
}

export function header(io: Io, name: string, first: boolean): void {
  io.out(`${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`);
}

/** The first N lines (or N bytes: never more than N characters) of TEXT, found without splitting it all. */
function prefix(text: string, n: number, bytes: boolean): string {
  if (bytes) return text.slice(0, n);
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text;
  }
  return text.slice(0, at + 1);
}

/** Split into lines keeping each one's "\n". */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Print PART of each operand ('-' is stdin) with headers when asked or when there are
 * several; errors as coreutils words them. PART gets the text split into lines (or bytes
 * as one-character units) and returns the slice to print. Exit status 1 after any error.
 */
export function eachOperand(
  prog: 'head' | 'tail',
  operands: readonly string[],
  headers: boolean | null,
  bytes: boolean,
  io: Io,
  sys: System,
  part: (units: readonly string[]) => readonly string[],
  /** head with a positive count reads no further than it prints (`yes | head -2`). */
  needed?: number,
): number {
  const files = operands.length ? operands : ['-'];
  const showHeaders = headers ?? files.length > 1;
  let status = 0;
  let first = true;
  for (const name of files) {
    const st = name === '-' ? null : statOperand(name, sys);
    if (typeof st === 'number') {
      io.err(`${prog}: cannot open '${name}' for reading: ${errnoText(st)}\n`);
      status = 1;
      continue;
    }
    if (showHeaders) header(io, name, first);
    first = false;
    const whole = readOperand(name, io, sys);
    const data = typeof whole === 'string' && needed !== undefined ? prefix(whole, needed, bytes) : whole;
    if (typeof data === 'number') {
      io.err(`${prog}: error reading '${name}': ${errnoText(data)}\n`);
      status = 1;
      continue;
    }
    if (bytes && needed !== undefined) {
      io.out(Buffer.from(data, 'utf8').subarray(0, needed).toString('utf8'));
    } else if (bytes) {
      const buf = Buffer.from(data, 'utf8');
      const units = Array.from(buf, (b) => String.fromCharCode(b));
      io.out(Buffer.from(part(units).join(''), 'latin1').toString('utf8'));
    } else {
      io.out(part(splitLines(data)).join(''));
    }
  }
  return status;
}
