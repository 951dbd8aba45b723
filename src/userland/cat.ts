/**
 * cat(1) of GNU coreutils 9.1: concatenate operands ("-" or none is standard input);
 * -n/-b number lines ("%6d\t"), -s squeezes blank lines, -E marks ends with '$', -T shows
 * tabs as ^I, -v/-A/-e/-t show nonprinting characters. A missing operand or a directory is
 * reported and skipped; the status is then 1.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand, tryHelp } from './files';

const SHORT = 'benstuvAET';
const LONG: LongOption[] = [
  { name: 'number-nonblank', has: 'none', key: 'b' },
  { name: 'number', has: 'none', key: 'n' },
  { name: 'squeeze-blank', has: 'none', key: 's' },
  { name: 'show-nonprinting', has: 'none', key: 'v' },
  { name: 'show-ends', has: 'none', key: 'E' },
  { name: 'show-tabs', has: 'none', key: 'T' },
  { name: 'show-all', has: 'none', key: 'A' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const USAGE = `Usage: cat [OPTION]... [FILE]...
Concatenate FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

  -A, --show-all           equivalent to -vET
  -b, --number-nonblank    number nonempty output lines, overrides -n
  -e                       equivalent to -vE
  -E, --show-ends          display $ at end of each line
  -n, --number             number all output lines
  -s, --squeeze-blank      suppress repeated empty output lines
  -t                       equivalent to -vT
  -T, --show-tabs          display TAB characters as ^I
  -u                       (ignored)
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB
      --help        display this help and exit
      --version     output version information and exit

Examples:
  cat f - g  Output f's contents, then standard input, then g's contents.
  cat        Copy standard input to standard output.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/cat>
or available locally via: info '(coreutils) cat invocation'
`;

function nonprinting(text: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    let c = b;
    let prefix = '';
    if (c >= 128) {
      prefix = 'M-';
      c -= 128;
    }
    if (c < 32 && c !== 9 && c !== 10) out += `${prefix}^${String.fromCharCode(c + 64)}`;
    else if (c === 127) out += `${prefix}^?`;
    else out += prefix + String.fromCharCode(c);
  }
  return out;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, SHORT, LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'cat');
  }
  const o = { b: false, n: false, s: false, v: false, E: false, T: false };
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (key === 'version') {
      io.out('cat (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'A') Object.assign(o, { v: true, E: true, T: true });
    else if (key === 'e') Object.assign(o, { v: true, E: true });
    else if (key === 't') Object.assign(o, { v: true, T: true });
    else if (key in o) o[key as keyof typeof o] = true;
  }
  const plain = !o.b && !o.n && !o.s && !o.v && !o.E && !o.T;
  const files = parsed.operands.length ? parsed.operands : ['-'];
  let status = 0;
  let lineNo = 0;
  let blankRun = 0;
  let atLineStart = true;
  for (const name of files) {
    const data = readOperand(name, io, sys);
    if (typeof data === 'number') {
      io.err(`cat: ${name}: ${errnoText(data)}\n`);
      status = 1;
      continue;
    }
    if (plain) {
      io.out(data);
      continue;
    }
    let out = '';
    const pieces = data.split('\n');
    pieces.forEach((piece, i) => {
      const last = i === pieces.length - 1;
      if (last && piece === '') return;
      const hasNewline = !last;
      if (atLineStart) {
        if (piece === '' && hasNewline) {
          blankRun++;
          if (o.s && blankRun > 1) return;
        } else blankRun = 0;
        if (o.n && !(o.b && piece === '')) out += `${String(++lineNo).padStart(6)}\t`;
        else if (o.b && piece !== '') out += `${String(++lineNo).padStart(6)}\t`;
      }
      let text = o.v ? nonprinting(piece) : piece;
      if (o.T) text = text.replace(/\t/g, '^I');
      out += text;
      if (hasNewline) out += o.E ? '$\n' : '\n';
      atLineStart = hasNewline;
    });
    io.out(out);
  }
  return status;
}

export const cat: Tool = { name: 'cat', main, summary: 'concatenate files and print on the standard output' };
