/**
 * A sed script as GNU sed 4.9's compile.c reads it: addresses (N, $, /re/ and \cREc with I
 * and M, first~step, addr,+N, addr,~N, 0,/re/, !), commands separated by ';' or newlines,
 * blocks, labels, a/i/c text (classic and one-liner forms), s with its flags and y. Errors
 * carry compile.c's texts and its position ("-e expression #2, char 5"): the count of
 * characters of that expression read when the error was found.
 */
import { compileRegex, DIALECTS, REG_ERRORS, RegexSyntaxError, type Regex } from './regex';

/** compile.c's bad_prog(): the script is refused (exit status 1). */
export class SedScriptError extends Error {}

/** compile.c's panic() at the end of compiling (exit status 4). */
export class SedPanic extends Error {}

export type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  /** `re` null: the empty regex, meaning the last one used. */
  | { kind: 're'; re: Regex | null }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'plus'; n: number }
  | { kind: 'multiple'; n: number };

/** A piece of an s replacement: text, a group (0 for &), or a case conversion (\U \L \u \l \E). */
export type ReplacementPart = { text: string } | { group: number } | { caseOp: 'U' | 'L' | 'u' | 'l' | 'E' };

export interface Substitution {
  re: Regex | null;
  replacement: ReplacementPart[];
  global: boolean;
  print: number;
  /** Replace the Nth match (1 when no number was given). */
  nth: number;
  /** `w FILE`. */
  write?: string;
}

export interface Command {
  a1?: Address;
  a2?: Address;
  negate: boolean;
  name: string;
  /** a i c text (with its final newline), r/w file names, b/t/T labels, : label. */
  text?: string;
  /** q Q exit status; l line length. */
  status?: number;
  subst?: Substitution;
  /** y: from → to. */
  map?: Map<string, string>;
  /** { : index of the matching }; b t T: index to jump to (commands.length = end). */
  jump?: number;
  /** Range state, as execute.c's range_state. */
  active: boolean;
  /** End line of an active numeric range. */
  rangeEnd: number;
}

export interface Script {
  commands: Command[];
  /** Lines the script writes with w (truncated when sed starts, as GNU opens them). */
  writeFiles: string[];
}

export interface ScriptSource {
  /** The -e expressions (or the script operand) in order. */
  expressions: string[];
  extended: boolean;
}

/** Commands that take at most one address (GNU mode). */
const ONE_ADDRESS = new Set(['q', 'Q']);
const NO_ADDRESS = new Set([':', '}', '#']);

class ScriptParser {
  /** The whole script: expressions joined by newlines, as GNU joins them. */
  private readonly text: string;
  /** Where each expression starts in `text`. */
  private readonly starts: number[] = [];
  private i = 0;
  private readonly commands: Command[] = [];
  private readonly blocks: number[] = [];
  private readonly writeFiles: string[] = [];
  private sawRegex = false;

  constructor(private readonly src: ScriptSource) {
    let at = 0;
    for (const e of src.expressions) {
      this.starts.push(at);
      at += e.length + 1;
    }
    this.text = src.expressions.join('\n');
  }

  /** compile.c's bad_prog(): "-e expression #N, char M: MESSAGE". */
  private fail(message: string, at = this.i): never {
    let n = 0;
    while (n + 1 < this.starts.length && this.starts[n + 1] <= at - 1) n++;
    const char = Math.max(0, at - this.starts[n]);
    throw new SedScriptError(`-e expression #${n + 1}, char ${char}: ${message}`);
  }

  private peek(): string {
    return this.text[this.i] ?? '';
  }

  private next(): string {
    if (this.i >= this.text.length) return '';
    return this.text[this.i++];
  }

  private skipSpaces(): void {
    while (this.i < this.text.length && /[ \t]/.test(this.text[this.i])) this.i++;
  }

  parse(): Script {
    for (;;) {
      // separators and blank space between commands
      while (this.i < this.text.length && /[ \t\n;]/.test(this.text[this.i])) this.i++;
      if (this.i >= this.text.length) break;
      this.command();
    }
    if (this.blocks.length > 0) this.fail("unmatched `{'", 0);
    const labels = new Map<string, number>();
    this.commands.forEach((c, k) => {
      if (c.name === ':') labels.set(c.text as string, k);
    });
    for (const c of this.commands) {
      if ('btT'.includes(c.name)) {
        if (c.text === '') c.jump = this.commands.length;
        else {
          const target = labels.get(c.text as string);
          if (target === undefined) throw new SedPanic(`can't find label for jump to \`${c.text}'`);
          c.jump = target;
        }
      }
    }
    return { commands: this.commands, writeFiles: this.writeFiles };
  }

  private command(): void {
    const cmd: Command = { negate: false, name: '', active: false, rangeEnd: 0 };
    cmd.a1 = this.address();
    if (cmd.a1) {
      this.skipSpaces();
      if (this.peek() === ',') {
        this.i++;
        this.skipSpaces();
        cmd.a2 = this.address(true);
        if (!cmd.a2) this.fail("unexpected `,'");
      }
    }
    this.skipSpaces();
    if (this.peek() === '!') {
      this.i++;
      cmd.negate = true;
      this.skipSpaces();
      if (this.peek() === '!') this.fail("multiple `!'s");
    }
    const name = this.next();
    cmd.name = name;
    if (name === '') this.fail('missing command');
    if (cmd.a1 && NO_ADDRESS.has(name)) {
      if (name === '#') this.fail("comments don't accept any addresses");
      this.fail(`${name} doesn't want any addresses`);
    }
    if (cmd.a1 && cmd.a1.kind === 'line' && cmd.a1.n === 0 && (!cmd.a2 || cmd.a2.kind !== 're')) this.fail('invalid usage of line address 0');
    if (cmd.a2 && ONE_ADDRESS.has(name)) this.fail('command only uses one address');
    switch (name) {
      case '#':
        while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
        return;
      case '{':
        this.blocks.push(this.commands.length);
        this.commands.push(cmd);
        return;
      case '}': {
        const open = this.blocks.pop();
        if (open === undefined) this.fail("unexpected `}'");
        this.commands[open].jump = this.commands.length + 1;
        this.commands.push(cmd);
        this.endOfCommand();
        return;
      }
      case ':': {
        this.skipSpaces();
        const label = this.readLabel();
        if (label === '') this.fail('":" lacks a label');
        cmd.text = label;
        this.commands.push(cmd);
        return;
      }
      case 'b':
      case 't':
      case 'T':
        this.skipSpaces();
        cmd.text = this.readLabel();
        this.commands.push(cmd);
        return;
      case 'a':
      case 'i':
      case 'c':
        cmd.text = this.readText();
        this.commands.push(cmd);
        return;
      case 'r':
      case 'w': {
        const file = this.readFilename();
        cmd.text = file;
        if (name === 'w') this.writeFiles.push(file);
        this.commands.push(cmd);
        return;
      }
      case 'q':
      case 'Q': {
        this.skipSpaces();
        const m = /^[0-9]+/.exec(this.text.slice(this.i));
        cmd.status = m ? Number(m[0]) & 255 : 0;
        if (m) this.i += m[0].length;
        this.commands.push(cmd);
        this.endOfCommand();
        return;
      }
      case 'l': {
        this.skipSpaces();
        const m = /^[0-9]+/.exec(this.text.slice(this.i));
        if (m) {
          this.i += m[0].length;
          cmd.status = Number(m[0]);
        }
        this.commands.push(cmd);
        this.endOfCommand();
        return;
      }
      case 's':
        cmd.subst = this.substitution();
        this.commands.push(cmd);
        return;
      case 'y':
        cmd.map = this.transliteration();
        this.commands.push(cmd);
        this.endOfCommand();
        return;
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'x':
      case 'z':
      case 'F':
        this.commands.push(cmd);
        this.endOfCommand();
        return;
      default:
        this.fail(`unknown command: \`${name}'`);
    }
  }

  /** After a command: spaces, then ; newline # } or the end (read_end_of_cmd). */
  private endOfCommand(): void {
    this.skipSpaces();
    const c = this.peek();
    if (c === '' || c === '\n' || c === ';') {
      if (c !== '') this.i++;
      return;
    }
    if (c === '#' || c === '}') return;
    this.i++;
    this.fail('extra characters after command');
  }

  /** A label runs to a newline or ';' (GNU), trailing blanks dropped. */
  private readLabel(): string {
    const from = this.i;
    while (this.i < this.text.length && this.text[this.i] !== '\n' && this.text[this.i] !== ';') this.i++;
    const label = this.text.slice(from, this.i).replace(/[ \t]+$/, '');
    if (this.i < this.text.length) this.i++;
    return label;
  }

  private readFilename(): string {
    this.skipSpaces();
    const from = this.i;
    while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
    const name = this.text.slice(from, this.i);
    if (name === '') this.fail('missing filename in r/R/w/W commands');
    return name;
  }

  /**
   * a/i/c text (compile.c read_text): after "a\" the next character leads the text (a newline
   * there is skipped, anything else is kept as it is, so "a\  text" keeps its blanks);
   * "a text" is the one-liner form, blanks before the text dropped. A backslash keeps the
   * next character (a newline too, continuing the text); an unescaped newline ends it.
   */
  private readText(): string {
    this.skipSpaces();
    if (this.i >= this.text.length) this.fail("expected \\ after `a', `c' or `i'");
    let lead = '\n';
    if (this.peek() === '\\') {
      this.i++;
      lead = this.next();
      if (lead === '') return '';
    }
    // a leading backslash is dropped, as normalize_text drops it
    let out = lead === '\n' || lead === '\\' ? '' : lead;
    for (;;) {
      const c = this.next();
      if (c === '' || c === '\n') break;
      if (c === '\\') {
        const n = this.next();
        if (n === '') break;
        out += n;
        continue;
      }
      out += c;
    }
    return out + '\n';
  }

  /** An address, or undefined when none starts here. */
  private address(second = false): Address | undefined {
    const c = this.peek();
    if (c === '$') {
      this.i++;
      return { kind: 'last' };
    }
    if (c === '+' && second) {
      this.i++;
      return { kind: 'plus', n: this.number() };
    }
    if (c === '~' && second) {
      this.i++;
      return { kind: 'multiple', n: this.number() };
    }
    if (c >= '0' && c <= '9') {
      const n = this.number();
      if (this.peek() === '~' && !second) {
        this.i++;
        return { kind: 'step', first: n, step: this.number() };
      }
      return { kind: 'line', n };
    }
    if (c === '/' || c === '\\') {
      this.i++;
      let delim = '/';
      if (c === '\\') delim = this.next();
      const source = this.delimited(delim, 'unterminated address regex', true);
      let icase = false;
      let multiline = false;
      for (;;) {
        if (this.peek() === 'I') icase = true;
        else if (this.peek() === 'M') multiline = true;
        else break;
        this.i++;
      }
      return { kind: 're', re: this.regex(source, icase, multiline) };
    }
    return undefined;
  }

  private number(): number {
    const m = /^[0-9]*/.exec(this.text.slice(this.i)) as RegExpExecArray;
    this.i += m[0].length;
    return Number(m[0] || '0');
  }

  /**
   * Text up to the next unescaped DELIM (match_slash): "\DELIM" stands for DELIM, "\n" for a
   * newline; other escapes stay for the regex or replacement to read. A newline ends it.
   */
  private delimited(delim: string, unterminated: string, regex = false): string {
    let out = '';
    for (;;) {
      if (this.i >= this.text.length) this.fail(unterminated);
      const c = this.next();
      if (c === '\n') this.fail(unterminated, this.i - 1);
      if (c === delim) return out;
      if (c === '[' && regex) {
        // the delimiter does not end the regex inside a bracket expression
        out += c + this.bracketText(unterminated);
        continue;
      }
      if (c === '\\') {
        if (this.i >= this.text.length) this.fail(unterminated);
        const n = this.next();
        if (n === delim) out += delim;
        else if (n === 'n') out += '\\n';
        else if (n === '\n') out += '\n';
        else out += '\\' + n;
        continue;
      }
      out += c;
    }
  }

  /** The rest of a bracket expression after '[', up to and with its ']'. */
  private bracketText(unterminated: string): string {
    const from = this.i;
    if (this.peek() === '^') this.i++;
    if (this.peek() === ']') this.i++;
    for (;;) {
      if (this.i >= this.text.length || this.peek() === '\n') this.fail(unterminated);
      const c = this.next();
      if (c === ']') return this.text.slice(from, this.i);
      if (c === '[' && /[:.=]/.test(this.peek())) {
        const close = this.text.indexOf(this.peek() + ']', this.i + 1);
        if (close >= 0 && !this.text.slice(this.i, close).includes('\n')) this.i = close + 2;
      }
    }
  }

  /** Compile a regex (compile.c match_slash + compile_rx); "" is the last regex used. */
  private regex(source: string, icase: boolean, multiline: boolean, at?: number): Regex | null {
    if (source === '') {
      if (!this.sawRegex) this.fail('no previous regular expression', 0);
      return null;
    }
    this.sawRegex = true;
    try {
      return compileRegex(convertEscapes(source), {
        dialect: this.src.extended ? DIALECTS.sedExtended : DIALECTS.sedBasic,
        icase,
        multiline,
      });
    } catch (e) {
      // dfa.c's own complaint ends sed through dfaerror(), without a position
      if (e instanceof RegexSyntaxError && e.message === REG_ERRORS.COLON) throw new SedPanic(e.message);
      if (e instanceof RegexSyntaxError) this.fail(e.message, at);
      throw e;
    }
  }

  private substitution(): Substitution {
    const delim = this.next();
    if (delim === '' || delim === '\n' || delim === '\\') this.fail("unterminated `s' command");
    const pattern = this.delimited(delim, "unterminated `s' command", true);
    const rhs = this.delimited(delim, "unterminated `s' command");
    const s: Substitution = { re: null, replacement: [], global: false, print: 0, nth: 1 };
    let icase = false;
    let multiline = false;
    let sawNumber = false;
    for (;;) {
      const c = this.peek();
      if (c === 'g') {
        this.i++;
        if (s.global) this.fail("multiple `g' options to `s' command");
        s.global = true;
      } else if (c === 'p') {
        this.i++;
        if (s.print) this.fail("multiple `p' options to `s' command");
        s.print = 1;
      } else if (c === 'i' || c === 'I') {
        this.i++;
        icase = true;
      } else if (c === 'm' || c === 'M') {
        this.i++;
        multiline = true;
      } else if (c >= '0' && c <= '9') {
        if (sawNumber) {
          this.i += (/^[0-9]+/.exec(this.text.slice(this.i)) as RegExpExecArray)[0].length;
          this.fail("multiple number options to `s' command");
        }
        const n = this.number();
        if (n === 0) this.fail("number option to `s' command may not be zero");
        s.nth = n;
        sawNumber = true;
      } else if (c === 'w') {
        this.i++;
        s.write = this.readFilename();
        this.writeFiles.push(s.write);
        break;
      } else if (c === 'e') {
        this.i++;
        this.fail("unknown option to `s'");
      } else {
        // end of the command: what follows must end it
        this.skipSpaces();
        const e = this.peek();
        if (e === '' || e === '\n' || e === ';') {
          if (e !== '') this.i++;
        } else if (e !== '#' && e !== '}') {
          this.i++;
          this.fail("unknown option to `s'");
        }
        break;
      }
    }
    // compile.c compiles the regex and checks the replacement once the flags are read
    const end = this.i;
    s.re = this.regex(pattern, icase, multiline, end);
    s.replacement = parseReplacement(rhs);
    const groups = s.re === null ? 9 : s.re.groups;
    for (const part of s.replacement) {
      if ('group' in part && part.group > groups) this.fail(`invalid reference \\${part.group} on \`s' command's RHS`, end);
    }
    return s;
  }

  private transliteration(): Map<string, string> {
    const delim = this.next();
    if (delim === '' || delim === '\n' || delim === '\\') this.fail("unterminated `y' command");
    const from = this.yString(delim);
    const to = this.yString(delim);
    if (from.length !== to.length) this.fail("strings for `y' command are different lengths");
    const map = new Map<string, string>();
    for (let k = 0; k < from.length; k++) map.set(from[k], to[k]);
    return map;
  }

  /** One side of y: "\\" is a backslash, "\DELIM" the delimiter, "\n" a newline. */
  private yString(delim: string): string[] {
    const out: string[] = [];
    for (;;) {
      if (this.i >= this.text.length) this.fail("unterminated `y' command");
      const c = this.next();
      if (c === delim) return out;
      if (c === '\\') {
        const n = this.next();
        if (n === 'n') out.push('\n');
        else if (n === '\\' || n === delim) out.push(n);
        else out.push('\\', n);
        continue;
      }
      out.push(c);
    }
  }
}

/** GNU sed's escapes in a regex (convert_number/normalize_text): \t \n \f \v \a \r stand for the character. */
function convertEscapes(source: string): string {
  let out = '';
  for (let k = 0; k < source.length; k++) {
    const c = source[k];
    if (c === '\\' && k + 1 < source.length) {
      const n = source[k + 1];
      const ch = ESCAPES[n];
      if (ch !== undefined) out += ch;
      else out += c + n;
      k++;
      continue;
    }
    out += c;
  }
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', f: '\f', v: '\v', a: '\x07', r: '\r' };

/** The right-hand side of s: & and \1…\9, \n and the other escapes, GNU's \U \L \u \l \E. */
function parseReplacement(rhs: string): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let text = '';
  const flush = (): void => {
    if (text !== '') parts.push({ text });
    text = '';
  };
  for (let k = 0; k < rhs.length; k++) {
    const c = rhs[k];
    if (c === '&') {
      flush();
      parts.push({ group: 0 });
    } else if (c === '\\' && k + 1 < rhs.length) {
      const n = rhs[++k];
      if (n >= '0' && n <= '9') {
        flush();
        parts.push({ group: n.charCodeAt(0) - 48 });
      } else if ('ULulE'.includes(n)) {
        flush();
        parts.push({ caseOp: n as 'U' | 'L' | 'u' | 'l' | 'E' });
      } else text += ESCAPES[n] ?? n;
    } else text += c;
  }
  flush();
  return parts;
}

export function parseScript(src: ScriptSource): Script {
  return new ScriptParser(src).parse();
}
