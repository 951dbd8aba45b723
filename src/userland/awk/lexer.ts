/**
 * mawk's scanner (scan.c): tokens with their line, C escapes in strings (rm_escape: an
 * unknown escape keeps its backslash), `\/` in a regular expression, comments, `\`-newline.
 * A '/' is division or the start of a regular expression depending on where the parser
 * is, so the parser asks for a regular expression explicitly (readRegex).
 */

export type TokenKind =
  | 'num'
  | 'str'
  | 'ere'
  | 'name'
  | 'funcName'
  | 'builtin'
  | 'keyword'
  | 'punct'
  | 'nl'
  | 'eof'
  | 'unexpected';

export interface Token {
  kind: TokenKind;
  /** The token's text: the operator, the name, a string's value, a number's source. */
  text: string;
  line: number;
  /** Offset where the token starts in the program text. */
  start: number;
  /** The value of a number. */
  num?: number;
}

/** kw.c's keywords. */
export const KEYWORDS = new Set([
  'print', 'printf', 'do', 'while', 'for', 'break', 'continue', 'if', 'else', 'in', 'delete',
  'split', 'match', 'BEGIN', 'END', 'exit', 'next', 'nextfile', 'return', 'getline', 'sub', 'gsub', 'function',
]);

/** bi_funct.c's table (split, match, sub and gsub are keywords there, built-ins here too). */
export const BUILTINS = new Set([
  'length', 'index', 'substr', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'int', 'sqrt', 'rand', 'srand',
  'tolower', 'toupper', 'system', 'close', 'fflush', 'split', 'match', 'sub', 'gsub',
]);

const PUNCT3: string[] = [];
const PUNCT2 = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~'];
const PUNCT1 = '{}()[];,+-*/%^!><|?:~$=';

export class LexError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** rm_escape(): C escapes; an unknown one keeps its backslash. */
export function rmEscape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[i + 1];
    const simple: Record<string, string> = { n: '\n', t: '\t', f: '\f', b: '\b', r: '\r', a: '\x07', v: '\x0b', '\\': '\\', '"': '"' };
    if (n === undefined) {
      out += '\\';
      continue;
    }
    if (n in simple) {
      out += simple[n];
      i++;
    } else if (n >= '0' && n <= '7') {
      let j = i + 1;
      let v = 0;
      while (j < s.length && j < i + 4 && s[j] >= '0' && s[j] <= '7') v = v * 8 + (s.charCodeAt(j++) - 48);
      out += String.fromCharCode(v & 0xff);
      i = j - 1;
    } else if (n === 'x' && /[0-9A-Fa-f]/.test(s[i + 2] ?? '')) {
      let j = i + 2;
      let v = 0;
      while (j < s.length && j < i + 4 && /[0-9A-Fa-f]/.test(s[j])) v = v * 16 + parseInt(s[j++], 16);
      out += String.fromCharCode(v);
      i = j - 1;
    } else {
      out += '\\' + n;
      i++;
    }
  }
  return out;
}

export class Lexer {
  private pos = 0;
  private line = 1;
  /** Open '(' and '{' minus closed ones among the tokens read (scan.c's paren_cnt, brace_cnt). */
  parens = 0;
  braces = 0;

  constructor(private readonly src: string) {}

  /** Where the scanner is, to look ahead and come back (the parser's two-token peeks). */
  save(): [number, number, number, number] {
    return [this.pos, this.line, this.parens, this.braces];
  }

  restore(state: [number, number, number, number]): void {
    [this.pos, this.line, this.parens, this.braces] = state;
  }

  private skipBlanks(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '\\' && s[this.pos + 1] === '\r' && s[this.pos + 2] === '\n') {
        this.pos += 3;
        this.line++;
      } else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  next(): Token {
    this.skipBlanks();
    const s = this.src;
    const start = this.pos;
    const line = this.line;
    if (this.pos >= s.length) return { kind: 'eof', text: '', line, start };
    const c = s[this.pos];
    if (c === '\n') {
      this.pos++;
      this.line++;
      return { kind: 'nl', text: '\n', line, start };
    }
    if (c === '"') return this.string(start, line);
    if (/[0-9.]/.test(c) && (c !== '.' || /[0-9]/.test(s[this.pos + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F]+|([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)/.exec(s.slice(this.pos));
      const text = m ? m[0] : c;
      this.pos += text.length;
      const num = /^0[xX]/.test(text) ? parseInt(text, 16) : parseFloat(text);
      return { kind: 'num', text, line, start, num };
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z_0-9]*/.exec(s.slice(this.pos));
      const text = m ? m[0] : c;
      this.pos += text.length;
      if (KEYWORDS.has(text) && !BUILTINS.has(text)) return { kind: 'keyword', text, line, start };
      if (BUILTINS.has(text)) return { kind: 'builtin', text, line, start };
      if (s[this.pos] === '(') return { kind: 'funcName', text, line, start };
      return { kind: 'name', text, line, start };
    }
    for (const p of [...PUNCT3, ...PUNCT2]) {
      if (s.startsWith(p, this.pos)) {
        this.pos += p.length;
        return { kind: 'punct', text: p, line, start };
      }
    }
    if (PUNCT1.includes(c)) {
      this.pos++;
      if (c === '(') this.parens++;
      else if (c === ')' && --this.parens < 0) throw new LexError("extra ')'", line);
      else if (c === '{') this.braces++;
      else if (c === '}' && --this.braces < 0) throw new LexError("extra '}'", line);
      return { kind: 'punct', text: c, line, start };
    }
    this.pos++;
    return { kind: 'unexpected', text: c, line, start };
  }

  private string(start: number, line: number): Token {
    const s = this.src;
    let raw = '';
    let i = this.pos + 1;
    for (;;) {
      const c = s[i];
      if (c === undefined || c === '\n') {
        throw new LexError(`runaway string constant "${rmEscape(raw).slice(0, 10)} ...`, this.line);
      }
      if (c === '"') break;
      if (c === '\\') {
        if (s[i + 1] === '\n') {
          i += 2;
          this.line++;
          continue;
        }
        raw += c + (s[i + 1] ?? '');
        i += 2;
        continue;
      }
      raw += c;
      i++;
    }
    this.pos = i + 1;
    return { kind: 'str', text: rmEscape(raw), line, start };
  }

  /** Re-read from TOKEN (a '/' or '/=') as a regular expression literal (collect_RE). */
  readRegex(token: Token): Token {
    const s = this.src;
    let i = token.start + 1;
    let text = '';
    let boxed = false;
    for (;;) {
      const c = s[i];
      if (c === undefined || c === '\n') {
        throw new LexError(`runaway regular expression /${text.slice(0, 10)} ...`, this.line);
      }
      if (c === '/' && !boxed) break;
      if (c === '[') boxed = true;
      else if (c === ']') boxed = false;
      if (c === '\\') {
        const n = s[i + 1];
        if (n === '/') {
          text += '/';
          i += 2;
          continue;
        }
        if (n === '\n') {
          i += 2;
          this.line++;
          continue;
        }
        text += c + (n ?? '');
        i += 2;
        continue;
      }
      text += c;
      i++;
    }
    this.pos = i + 1;
    return { kind: 'ere', text, line: token.line, start: token.start };
  }
}
