/**
 * tac(1) of GNU coreutils 9.1: FILEs' records last first. A record ends with the separator
 * (newline, or -s STRING; an empty STRING is the NUL byte), or with -b starts with it; -r
 * reads the separator as a regular expression in the default (Emacs) syntax of glibc's
 * re_search, found from the end backwards, each match ending where the later one began.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand, tryHelp } from './files';
import { compileRegex, DIALECTS, RegexSyntaxError, type Regex } from './regex';
import { EISDIR } from '../kernel/errno';
import { coreutilsVersion } from './gnu-version';

const HELP = `Usage: tac [OPTION]... [FILE]...
Write each FILE to standard output, last line first.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --before             attach the separator before instead of after
  -r, --regex              interpret the separator as a regular expression
  -s, --separator=STRING   use STRING as the separator instead of newline
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/tac>
or available locally via: info '(coreutils) tac invocation'
`;

const VERSION = coreutilsVersion('tac', 'Jay Lepreau and David MacKenzie');

const LONG: LongOption[] = [
  { name: 'before', has: 'none', key: 'b' },
  { name: 'regex', has: 'none', key: 'r' },
  { name: 'separator', has: 'required', key: 's' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

/** Where each separator is in TEXT, [start, end), last first. */
type Finder = (text: string, limit: number) => [number, number] | undefined;

function fixedFinder(separator: string): Finder {
  return (text, limit) => {
    if (limit < separator.length) return undefined;
    const at = text.lastIndexOf(separator, limit - separator.length);
    return at < 0 ? undefined : [at, at + separator.length];
  };
}

/**
 * re_search backwards: the last position where the pattern matches within TEXT[0, LIMIT).
 * The positions where a match can start are found once, forwards (each search resumes after
 * the last start, so the whole text costs about one pass); going backwards, only those are
 * tried, anchored, within the limit the later separator sets.
 */
function regexFinder(re: Regex): Finder {
  let starts: number[] | undefined;
  let next = -1;
  return (text, limit) => {
    if (starts === undefined) {
      starts = [];
      for (let from = 0; from <= text.length; ) {
        const m = re.exec(text, from, false);
        if (m === null) break;
        starts.push(m.start);
        from = m.start + 1;
      }
      next = starts.length - 1;
    }
    const within = text.slice(0, limit);
    for (; next >= 0; next--) {
      const at = starts[next]!;
      if (at >= limit) continue;
      const m = re.exec(within, at, false);
      if (m !== null && m.start === at && m.end > at) {
        next--;
        return [at, m.end];
      }
    }
    return undefined;
  };
}

function reversed(text: string, find: Finder, before: boolean): string {
  const out: string[] = [];
  let end = text.length;
  let limit = text.length;
  for (let sep = find(text, limit); sep !== undefined; sep = find(text, limit)) {
    // After: a record runs to the end of its separator; before: from its start.
    const cut = before ? sep[0] : sep[1];
    if (cut < end) out.push(text.slice(cut, end));
    end = cut;
    limit = sep[0];
  }
  if (end > 0) out.push(text.slice(0, end));
  return out.join('');
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'brs:', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'tac');
  }
  let before = false;
  let regex = false;
  let separator = '\n';
  for (const { key, arg: value } of parsed.options) {
    if (key === 'help') return io.out(HELP), 0;
    if (key === 'version') return io.out(VERSION), 0;
    if (key === 'b') before = true;
    else if (key === 'r') regex = true;
    else if (key === 's') separator = value === '' ? '\0' : value ?? '\n';
  }
  let finder = (): Finder => fixedFinder(separator);
  if (regex) {
    try {
      const re = compileRegex(separator, { dialect: DIALECTS.emacs });
      // A finder per file: it remembers where matches start in that file's text.
      finder = () => regexFinder(re);
    } catch (error) {
      if (!(error instanceof RegexSyntaxError)) throw error;
      io.err(`tac: ${error.message}\n`);
      return 1;
    }
  }
  let status = 0;
  for (const name of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    const text = readOperand(name, io, sys);
    if (typeof text === 'number') {
      // A directory opens, and its read(2) fails.
      io.err(text === -EISDIR ? `tac: ${name}: read error: Invalid argument\n` : `tac: failed to open '${name}' for reading: ${errnoText(text)}\n`);
      status = 1;
      continue;
    }
    io.out(reversed(text, finder(), before));
  }
  return status;
}

export const tac: Tool = { name: 'tac', main, summary: 'concatenate and print files in reverse' };
