/**
 * sed(1) of GNU sed 4.9 (Debian 12): -n, -e (several), -f, -E/-r, -i[SUFFIX] on the machine's
 * files, -s, -l; the commands of sed-script.ts run as execute.c runs them: a cycle per input
 * line, autoprint, the append queue (a, r) flushed at the end of a cycle or when n/N read,
 * hold space, ranges, t/T flags, q/Q exit statuses. Regular expressions run on regex/
 * (linear time); `$` looks ahead across files as GNU does. Exit status 1 for a bad script,
 * 2 when an input file could not be read, 4 for an I/O error.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText } from './files';
import { BacktrackBudgetExceeded, type Match, type Regex } from './regex';
import { parseScript, SedPanic, SedScriptError, type Address, type Command, type ReplacementPart, type Script, type Substitution } from './sed-script';
import { EISDIR } from '../kernel/errno';

const SHORT = 'ne:f:i::El:rsu';
const LONG: LongOption[] = [
  { name: 'quiet', has: 'none', key: 'n' },
  { name: 'silent', has: 'none', key: 'n' },
  { name: 'expression', has: 'required', key: 'e' },
  { name: 'file', has: 'required', key: 'f' },
  { name: 'in-place', has: 'optional', key: 'i' },
  { name: 'line-length', has: 'required', key: 'l' },
  { name: 'regexp-extended', has: 'none', key: 'E' },
  { name: 'separate', has: 'none', key: 's' },
  { name: 'unbuffered', has: 'none', key: 'u' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

const VERSION = `sed (GNU sed) 4.9
Packaged by Debian
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jay Fenlason, Tom Lord, Ken Pizzini,
Paolo Bonzini, Jim Meyering, and Assaf Gordon.

This sed program was built with SELinux support.
SELinux is disabled on this system.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
E-mail bug reports to: <bug-sed@gnu.org>.
`;

/**
 * The pattern and hold spaces may hold this many characters, and a file edited in place may
 * grow to this size; past it sed fails as its ck_realloc does ("couldn't re-allocate
 * memory"), so `:a;s/.*\/&&/;ba` cannot fill memory. (No file a lab edits comes close.)
 */
export const MAX_SPACE = 1024 * 1024;
/**
 * Commands one sed run may execute (a 20 000-line file through a 20-command script). A script
 * that loops (`:a;ba`) spins until the CPU time limit stops it, as the shell's MAX_ITERATIONS
 * does for loops: "CPU time limit exceeded", status 152 (SIGXCPU).
 */
export const MAX_SED_STEPS = 400_000;

/** execute.c's panic(): message, exit status 4. */
class Panic {
  constructor(readonly message: string, readonly status = 4) {}
}

/** One line of input: its text and whether a newline ended it (the last line may lack one). */
interface InputLine {
  text: string;
  newline: boolean;
}

/** An input file, read when the reader reaches it. */
interface Source {
  name: string;
  /** Content, or -errno. */
  data: string | number;
}

/** Where output goes: stdout, or the new content of a file edited in place. */
class Output {
  text = '';
  /** The last line written lacked its newline: the next write adds it first (output_missing_newline). */
  private missing = false;

  constructor(private readonly sink: ((text: string) => void) | null) {}

  write(text: string): void {
    if (text === '') return;
    if (this.missing) {
      text = '\n' + text;
      this.missing = false;
    }
    if (this.sink) this.sink(text);
    else {
      if (this.text.length + text.length > MAX_SPACE) throw new Panic("sed: couldn't re-allocate memory");
      this.text += text;
    }
  }

  line(text: string, newline: boolean): void {
    this.write(text + (newline ? '\n' : ''));
    if (!newline) this.missing = true;
  }
}

interface Options {
  quiet: boolean;
  separate: boolean;
  inPlace: string | null;
  lineLength: number;
}

/** Splits sources into lines and knows whether a line is the last ("$"). */
class Reader {
  private file = -1;
  private lines: string[] = [];
  private lastNewline = true;
  private at = 0;
  lineNumber = 0;
  status = 0;

  constructor(
    private readonly sources: Source[],
    private readonly io: Io,
    /** -s / -i: each file is its own stream. */
    private readonly separate: boolean,
  ) {}

  get fileName(): string {
    return this.file >= 0 && this.file < this.sources.length ? this.sources[this.file].name : '-';
  }

  /** Open file INDEX; an unreadable one is reported (and a directory ends sed). */
  private open(index: number): boolean {
    this.file = index;
    this.lines = [];
    this.at = 0;
    const src = this.sources[index];
    if (typeof src.data === 'number') {
      if (src.data === -EISDIR) throw new Panic(`sed: read error on ${src.name}: ${errnoText(src.data)}`);
      this.io.err(`sed: can't read ${src.name}: ${errnoText(src.data)}\n`);
      this.status = 2;
      return false;
    }
    const parts = src.data.split('\n');
    this.lastNewline = parts[parts.length - 1] === '';
    if (this.lastNewline) parts.pop();
    this.lines = parts;
    if (this.separate) this.lineNumber = 0;
    return true;
  }

  /** Open the next readable file; false at the end. */
  private openNext(): boolean {
    while (this.file + 1 < this.sources.length) if (this.open(this.file + 1)) return true;
    return false;
  }

  /** -s/-i: start on file INDEX alone. */
  startFile(index: number): boolean {
    return this.open(index);
  }

  next(): InputLine | null {
    while (this.at >= this.lines.length) {
      if (this.separate) return null;
      if (!this.openNext()) return null;
    }
    const text = this.lines[this.at++];
    this.lineNumber++;
    return { text, newline: this.at < this.lines.length || this.lastNewline };
  }

  /** Whether the line just read is the last one ($): no more lines here, nor in any later file. */
  isLast(): boolean {
    if (this.at < this.lines.length) return false;
    if (this.separate) return true;
    for (let f = this.file + 1; f < this.sources.length; f++) {
      const d = this.sources[f].data;
      if (typeof d === 'string' && d !== '') return false;
    }
    return true;
  }
}

/** l: the pattern space unambiguously, wrapped at LENGTH-1 characters with a "\" (output_width). */
function listLine(text: string, length: number): string {
  const named: Record<string, string> = { '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  let out = '';
  let width = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    let piece: string;
    if (named[ch] !== undefined) piece = named[ch];
    else if (code < 32 || code >= 127) {
      piece = '';
      for (const byte of Buffer.from(ch, 'utf8')) piece += '\\' + byte.toString(8).padStart(3, '0');
    } else piece = ch;
    if (length > 1 && width + piece.length > length - 1) {
      out += '\\\n';
      width = 0;
    }
    out += piece;
    width += piece.length;
  }
  return out + '$\n';
}

/** The replacement text for one match, with GNU's case conversions. */
function replace(parts: ReplacementPart[], input: string, groups: ([number, number] | undefined)[]): string {
  let out = '';
  let mode: 'U' | 'L' | 'E' = 'E';
  let once: 'u' | 'l' | null = null;
  const add = (text: string): void => {
    if (text === '') return;
    let t = mode === 'U' ? text.toUpperCase() : mode === 'L' ? text.toLowerCase() : text;
    if (once !== null) {
      t = (once === 'u' ? t[0].toUpperCase() : t[0].toLowerCase()) + t.slice(1);
      once = null;
    }
    out += t;
  };
  for (const part of parts) {
    if ('text' in part) add(part.text);
    else if ('group' in part) {
      const g = groups[part.group];
      if (g) add(input.slice(g[0], g[1]));
    } else if (part.caseOp === 'u' || part.caseOp === 'l') once = part.caseOp;
    else {
      mode = part.caseOp;
      once = null;
    }
  }
  return out;
}

class Sed {
  private ps = '';
  private psNewline = true;
  private hold = '';
  private appendQueue: string[] = [];
  private lastRegex: Regex | null = null;
  private substituted = false;
  private steps = 0;
  private out!: Output;
  private readonly writes = new Map<string, string>();
  /** The exit status q or Q asked for; null while running. */
  quitStatus: number | null = null;

  constructor(
    private readonly script: Script,
    private readonly opts: Options,
    private readonly io: Io,
    private readonly sys: System,
    private readonly reader: Reader,
  ) {
    for (const f of script.writeFiles) this.writes.set(f, '');
  }

  private match(re: Regex | null, text: string): Match | null {
    const r = re ?? this.lastRegex;
    if (r === null) throw new Panic('sed: no previous regular expression');
    this.lastRegex = r;
    try {
      return r.exec(text, 0, false);
    } catch (e) {
      // regexp.c: re_search() < -1 is "no match"
      if (e instanceof BacktrackBudgetExceeded) return null;
      throw e;
    }
  }

  private matchAddress(a: Address): boolean {
    const n = this.reader.lineNumber;
    switch (a.kind) {
      case 'line':
        return n === a.n;
      case 'last':
        return this.reader.isLast();
      case 're':
        return this.match(a.re, this.ps) !== null;
      case 'step':
        return a.step <= 0 ? n === a.first : n >= a.first && (n - a.first) % a.step === 0;
      default:
        return false;
    }
  }

  /** execute.c's match_address_p, range states included. */
  private selected(cmd: Command): boolean {
    if (!cmd.a1) return true;
    if (!cmd.a2) return this.matchAddress(cmd.a1);
    const n = this.reader.lineNumber;
    const a2 = cmd.a2;
    if (cmd.active) {
      switch (a2.kind) {
        case 'line':
        case 'plus':
        case 'multiple':
          if (n >= cmd.rangeEnd) cmd.active = false;
          return true;
        default:
          if (this.matchAddress(a2)) cmd.active = false;
          return true;
      }
    }
    const zero = cmd.a1.kind === 'line' && cmd.a1.n === 0;
    if (zero) {
      // 0,/re/: the range is open before line 1, so /re/ may end it on line 1
      if (cmd.rangeEnd === -1) return false;
      cmd.rangeEnd = -1;
      cmd.active = !this.matchAddress(a2);
      return true;
    }
    if (!this.matchAddress(cmd.a1)) return false;
    switch (a2.kind) {
      case 'line':
        if (a2.n > n) {
          cmd.active = true;
          cmd.rangeEnd = a2.n;
        }
        return true;
      case 'plus':
        if (a2.n > 0) {
          cmd.active = true;
          cmd.rangeEnd = n + a2.n;
        }
        return true;
      case 'multiple':
        if (a2.n > 0 && n % a2.n !== 0) {
          cmd.active = true;
          cmd.rangeEnd = Math.ceil(n / a2.n) * a2.n;
        }
        return true;
      case 'last':
        if (!this.reader.isLast()) cmd.active = true;
        return true;
      default:
        cmd.active = true;
        return true;
    }
  }

  private checkSize(text: string): string {
    if (text.length > MAX_SPACE) throw new Panic("sed: couldn't re-allocate memory");
    return text;
  }

  private flushAppends(): void {
    for (const text of this.appendQueue) this.out.write(text);
    this.appendQueue = [];
  }

  private writeTo(file: string, text: string): void {
    if (file === '/dev/stdout') this.out.write(text);
    else if (file === '/dev/stderr') this.io.err(text);
    else this.writes.set(file, (this.writes.get(file) ?? '') + text);
  }

  private substitute(s: Substitution): boolean {
    const input = this.ps;
    let out = '';
    let from = 0;
    let count = 0;
    let done = false;
    let prevEnd = -1;
    while (from <= input.length) {
      const re = s.re ?? this.lastRegex;
      if (re === null) throw new Panic('sed: no previous regular expression');
      this.lastRegex = re;
      let m: Match | null;
      try {
        m = re.exec(input, from, true);
      } catch (e) {
        if (e instanceof BacktrackBudgetExceeded) m = null;
        else throw e;
      }
      if (m === null) break;
      // an empty match right where the previous match ended is not a match (do_subst)
      if (m.start === m.end && m.start === prevEnd) {
        if (m.start >= input.length) break;
        out += input.slice(from, m.start + 1);
        from = m.start + 1;
        continue;
      }
      out += input.slice(from, m.start);
      count++;
      if (count < s.nth) {
        out += input.slice(m.start, m.end);
      } else {
        out += replace(s.replacement, input, m.groups);
        done = true;
        if (!s.global) {
          from = m.end;
          break;
        }
      }
      prevEnd = m.end;
      if (m.start === m.end) {
        if (m.start < input.length) out += input[m.start];
        from = m.end + 1;
      } else from = m.end;
      this.checkSize(out);
    }
    if (!done) return false;
    if (from < input.length) out += input.slice(from);
    this.ps = this.checkSize(out);
    if (s.print) this.out.line(this.ps, this.psNewline);
    if (s.write !== undefined) this.writeTo(s.write, this.ps + '\n');
    return true;
  }

  /** Read the next line into the pattern space (n, N); false at the end of input. */
  private readNext(append: boolean): boolean {
    const line = this.reader.next();
    if (line === null) return false;
    this.flushAppends();
    this.ps = this.checkSize(append ? `${this.ps}\n${line.text}` : line.text);
    this.psNewline = line.newline;
    this.substituted = append ? this.substituted : false;
    return true;
  }

  /** Run one file set (all input, or one file with -s/-i) through the script, writing to OUT. */
  run(out: Output): void {
    this.out = out;
    const commands = this.script.commands;
    cycles: for (;;) {
      const line = this.reader.next();
      if (line === null) return;
      this.ps = line.text;
      this.psNewline = line.newline;
      this.substituted = false;
      let autoprint = !this.opts.quiet;
      let pc = 0;
      restart: for (;;) {
        while (pc < commands.length) {
          if (++this.steps > MAX_SED_STEPS) throw new Panic('CPU time limit exceeded', 128 + 24);
          const cmd = commands[pc];
          if (this.selected(cmd) === cmd.negate) {
            pc = cmd.name === '{' ? (cmd.jump as number) : pc + 1;
            continue;
          }
          pc++;
          switch (cmd.name) {
            case '{':
            case '}':
            case ':':
              break;
            case '=':
              this.out.write(`${this.reader.lineNumber}\n`);
              break;
            case 'a':
              this.appendQueue.push(cmd.text as string);
              break;
            case 'i':
              this.out.write(cmd.text as string);
              break;
            case 'c':
              if (!cmd.a2 || !cmd.active || cmd.negate) this.out.write(cmd.text as string);
              autoprint = false;
              break restart;
            case 'd':
              autoprint = false;
              break restart;
            case 'D': {
              const nl = this.ps.indexOf('\n');
              if (nl < 0) {
                autoprint = false;
                break restart;
              }
              this.ps = this.ps.slice(nl + 1);
              this.flushAppends();
              pc = 0;
              continue restart;
            }
            case 'g':
              this.ps = this.hold;
              break;
            case 'G':
              this.ps = this.checkSize(`${this.ps}\n${this.hold}`);
              break;
            case 'h':
              this.hold = this.ps;
              break;
            case 'H':
              this.hold = this.checkSize(`${this.hold}\n${this.ps}`);
              break;
            case 'x':
              [this.ps, this.hold] = [this.hold, this.ps];
              break;
            case 'l':
              this.out.write(listLine(this.ps, cmd.status ?? this.opts.lineLength));
              break;
            case 'n':
              if (this.reader.isLast() && this.quitAtEnd()) return;
              if (!this.opts.quiet) this.out.line(this.ps, this.psNewline);
              if (!this.readNext(false)) {
                autoprint = false;
                break restart;
              }
              break;
            case 'N':
              if (this.reader.isLast()) {
                // GNU: no next line — print the pattern space and end (POSIX would not print)
                break restart;
              }
              this.readNext(true);
              break;
            case 'p':
              this.out.line(this.ps, this.psNewline);
              break;
            case 'P': {
              const nl = this.ps.indexOf('\n');
              this.out.line(nl < 0 ? this.ps : this.ps.slice(0, nl), nl < 0 ? this.psNewline : true);
              break;
            }
            case 'q':
              this.quitStatus = cmd.status as number;
              break restart;
            case 'Q':
              this.quitStatus = cmd.status as number;
              this.appendQueue = [];
              return;
            case 'r': {
              const data = this.sys.fs.read(this.sys.resolve(cmd.text as string));
              if (typeof data === 'string') this.appendQueue.push(data);
              break;
            }
            case 'w':
              this.writeTo(cmd.text as string, this.ps + '\n');
              break;
            case 's':
              if (this.substitute(cmd.subst as Substitution)) this.substituted = true;
              break;
            case 'y': {
              const map = cmd.map as Map<string, string>;
              let t = '';
              for (const ch of this.ps) t += map.get(ch) ?? ch;
              this.ps = t;
              break;
            }
            case 'z':
              this.ps = '';
              break;
            case 'F':
              this.out.write(`${this.reader.fileName}\n`);
              break;
            case 'b':
              pc = cmd.jump as number;
              break;
            case 't':
              if (this.substituted) {
                this.substituted = false;
                pc = cmd.jump as number;
              }
              break;
            case 'T':
              if (!this.substituted) pc = cmd.jump as number;
              else this.substituted = false;
              break;
          }
        }
        break;
      }
      if (autoprint) this.out.line(this.ps, this.psNewline);
      this.flushAppends();
      if (this.quitStatus !== null) return;
      continue cycles;
    }
  }

  /** n on the last line: GNU prints the pattern space (unless -n) and ends without running the rest. */
  private quitAtEnd(): boolean {
    if (!this.opts.quiet) this.out.line(this.ps, this.psNewline);
    this.flushAppends();
    return true;
  }

  /** Write the w files (GNU creates them when the script is read, even if nothing is written). */
  finish(): void {
    for (const [file, text] of this.writes) {
      if (file === '/dev/stdout' || file === '/dev/stderr') continue;
      const rc = this.sys.fs.write(this.sys.resolve(file), text, false);
      if (rc < 0) throw new Panic(`sed: couldn't open file ${file}: ${errnoText(rc)}`);
    }
  }
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, SHORT, LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    io.err(USAGE);
    return 1;
  }
  const expressions: string[] = [];
  const opts: Options = { quiet: false, separate: false, inPlace: null, lineLength: 70 };
  let extended = false;
  let haveScript = false;
  for (const { key, arg } of parsed.options) {
    switch (key) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'version':
        io.out(VERSION);
        return 0;
      case 'n':
        opts.quiet = true;
        break;
      case 'e':
        expressions.push(arg as string);
        haveScript = true;
        break;
      case 'f': {
        const data = arg === '-' ? io.stdin : sys.fs.read(sys.resolve(arg as string));
        if (typeof data === 'number') {
          io.err(`sed: couldn't open file ${arg}: ${errnoText(data)}\n`);
          return 1;
        }
        expressions.push(data.endsWith('\n') ? data.slice(0, -1) : data);
        haveScript = true;
        break;
      }
      case 'i':
        opts.inPlace = arg ?? '';
        opts.separate = true;
        break;
      case 'l': {
        if (!/^[0-9]+$/.test(arg as string)) {
          io.err(`sed: invalid line length: ${arg}\n`);
          return 1;
        }
        opts.lineLength = Number(arg);
        break;
      }
      case 'E':
      case 'r':
        extended = true;
        break;
      case 's':
        opts.separate = true;
        break;
      default:
        break;
    }
  }
  const operands = [...parsed.operands];
  if (!haveScript) {
    if (operands.length === 0) {
      io.err(USAGE);
      return 1;
    }
    expressions.push(operands.shift() as string);
  }
  let script: Script;
  try {
    script = parseScript({ expressions, extended });
  } catch (e) {
    if (e instanceof SedScriptError) {
      io.err(`sed: ${e.message}\n`);
      return 1;
    }
    if (e instanceof SedPanic) {
      io.err(`sed: ${e.message}\n`);
      return 4;
    }
    throw e;
  }
  if (opts.inPlace !== null && operands.length === 0) {
    io.err('sed: no input files\n');
    return 4;
  }
  const names = operands.length ? operands : ['-'];
  const sources: Source[] = names.map((name) => ({ name, data: name === '-' ? io.stdin : sys.fs.read(sys.resolve(name)) }));
  const reader = new Reader(sources, io, opts.separate);
  const sed = new Sed(script, opts, io, sys, reader);
  try {
    if (opts.inPlace === null) {
      const out = new Output((text) => io.out(text));
      if (opts.separate) {
        for (let f = 0; f < sources.length && sed.quitStatus === null; f++) if (reader.startFile(f)) sed.run(out);
      } else sed.run(out);
    } else {
      for (let f = 0; f < sources.length && sed.quitStatus === null; f++) {
        const src = sources[f];
        const path = sys.resolve(src.name);
        const st = sys.fs.stat(path);
        if (typeof st !== 'number' && st.type !== 'file') throw new Panic(`sed: couldn't edit ${src.name}: not a regular file`);
        if (!reader.startFile(f)) continue;
        const out = new Output(null);
        sed.run(out);
        if (opts.inPlace !== '') {
          const slash = src.name.lastIndexOf('/');
          const base = src.name.slice(slash + 1);
          const backup = opts.inPlace.includes('*') ? opts.inPlace.split('*').join(base) : base + opts.inPlace;
          const backupPath = sys.resolve(backup.includes('/') ? backup : src.name.slice(0, slash + 1) + backup);
          sys.fs.write(backupPath, src.data as string, false);
        }
        const rc = sys.fs.write(path, out.text, false);
        if (rc < 0) throw new Panic(`sed: couldn't open temporary file ${src.name.slice(0, src.name.lastIndexOf('/') + 1) || './'}sedXXXXXX: ${errnoText(rc)}`);
      }
    }
    sed.finish();
  } catch (e) {
    if (!(e instanceof Panic)) throw e;
    io.err(`${e.message}\n`);
    return e.status;
  }
  if (sed.quitStatus !== null && sed.quitStatus !== 0) return sed.quitStatus;
  return reader.status;
}

export const sed: Tool = { name: 'sed', main, summary: 'stream editor for filtering and transforming text' };
