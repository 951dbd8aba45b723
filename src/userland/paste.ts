/**
 * paste(1) of GNU coreutils 9.1: lines of the FILEs side by side (or each FILE on one line
 * with -s), joined by the -d list used in turn ("\n", "\t", "\\", "\0" escapes). "-" several
 * times shares one standard input (`paste - - < f` pairs lines).
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, lines, readOperand, tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'delimiters', has: 'required', key: 'd' },
  { name: 'serial', has: 'none', key: 's' },
  { name: 'zero-terminated', has: 'none', key: 'z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

/** collapse_escapes(): the delimiter list; "\0" is the empty delimiter. */
function delimiters(spec: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== '\\' || i === spec.length - 1) {
      out.push(spec[i]);
      continue;
    }
    const c = spec[++i];
    out.push({ n: '\n', t: '\t', '\\': '\\', '0': '', b: '\b', f: '\f', r: '\r', v: '\v' }[c] ?? c);
  }
  return out;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'd:sz', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'paste');
  }
  let delims = ['\t'];
  let serial = false;
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: paste [OPTION]... [FILE]...\nWrite lines consisting of the sequentially corresponding lines from\neach FILE, separated by TABs, to standard output.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('paste (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'd') {
      if (arg === '' ) delims = [''];
      else delims = delimiters(arg ?? '');
    }
    if (key === 's') serial = true;
  }
  const names = parsed.operands.length ? parsed.operands : ['-'];
  const inputs: string[][] = [];
  let stdinLines: string[] | null = null;
  const stdinShared: number[] = [];
  for (const [i, name] of names.entries()) {
    if (name === '-') {
      stdinLines ??= lines(io.stdin);
      stdinShared.push(i);
      inputs.push([]);
      continue;
    }
    const text = readOperand(name, io, sys);
    if (typeof text === 'number') {
      io.err(`paste: ${name}: ${errnoText(text)}\n`);
      return 1;
    }
    inputs.push(lines(text));
  }
  // Several "-" read the one stdin in turn, a line each.
  if (stdinLines && !serial) {
    stdinLines.forEach((l, n) => inputs[stdinShared[n % stdinShared.length]].push(l));
  } else if (stdinLines) {
    inputs[stdinShared[0]] = stdinLines;
  }
  let out = '';
  if (serial) {
    for (const ls of inputs) {
      if (ls.length === 0 && names.length > 0) {
        out += '\n';
        continue;
      }
      out += ls.map((l, i) => (i === 0 ? '' : delims[(i - 1) % delims.length]) + l).join('') + '\n';
    }
  } else {
    const rows = Math.max(0, ...inputs.map((l) => l.length));
    for (let r = 0; r < rows; r++) {
      out += inputs.map((ls, i) => (i === 0 ? '' : delims[(i - 1) % delims.length]) + (ls[r] ?? '')).join('') + '\n';
    }
  }
  io.out(out);
  return 0;
}

export const paste: Tool = { name: 'paste', main, summary: 'merge lines of files' };
