/**
 * C's preprocessing tokens for a module's source, each with the file, line and column
 * (1-based, in bytes as gcc counts them for ASCII text) where it starts, so that messages
 * can point at the student's text. Comments and backslash-newlines go; what a directive is
 * the preprocessor decides (preprocess.ts), from `bol` (first token of its line) and
 * `space` (whitespace before it: `#define F(x)` versus `#define F (x)`, and `#x`'s spacing).
 */
import { MAX_TOKENS } from './limits';

export type TokenKind = 'ident' | 'number' | 'string' | 'char' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The text as written (strings with their quotes); for `string`, `value` holds the decoded bytes. */
  text: string;
  value?: string;
  line: number;
  col: number;
  /** The file it was read from, as gcc names it; absent for the unit's own file. */
  file?: string;
  /** First token of its (logical) line. */
  bol?: boolean;
  /** Whitespace or a comment before it on its line. */
  space?: boolean;
  /** Its place in the preprocessed unit (what came first, across #included files). */
  order?: number;
  /** An unterminated literal: what gcc says when it reaches it outside a skipped #if group. */
  invalid?: string;
}

/** Longest first. */
const PUNCTUATORS = ['%:%:', '<<=', '>>=', '...', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '##', '<:', ':>', '<%', '%>', '%:'];

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?', e: '\x1b' };

/** The bytes a C string or character literal's body stands for. */
export function decodeEscapes(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i];
    if (SIMPLE_ESCAPES[n] !== undefined) out += SIMPLE_ESCAPES[n];
    else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += m[0].length - 1;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]+/.exec(body.slice(i + 1));
      out += m ? String.fromCharCode(parseInt(m[0].slice(-2), 16)) : 'x';
      i += m ? m[0].length : 0;
    } else out += n;
  }
  return out;
}

export class LexError extends Error {
  constructor(readonly line: number, readonly col: number, message: string, readonly file?: string) {
    super(message);
  }
}

const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_$]/.test(c);
const isIdentChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_$]/.test(c);

/**
 * The tokens of one file. A literal missing its closing quote becomes one `invalid` token
 * running to the end of the line, as cpp lexes it; only the preprocessor knows whether it
 * sits in a group that counts.
 */
export function tokenize(src: string, file?: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  let bol = true;
  let space = false;
  const push = (kind: TokenKind, text: string, start: number, extra: Partial<Token> = {}): void => {
    if (tokens.length >= MAX_TOKENS) throw new LexError(line, start - lineStart + 1, 'too many tokens', file);
    const t: Token = { kind, text, line, col: start - lineStart + 1, ...extra };
    if (file !== undefined) t.file = file;
    if (bol) t.bol = true;
    if (space) t.space = true;
    bol = false;
    space = false;
    tokens.push(t);
  };
  /** Line splices: a backslash-newline vanishes (the line count goes on). */
  const splice = (): boolean => {
    let k = i;
    if (src[k] !== '\\') return false;
    k++;
    while (src[k] === ' ' || src[k] === '\t') k++;
    if (src[k] === '\r') k++;
    if (src[k] !== '\n') return false;
    i = k + 1;
    line++;
    lineStart = i;
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      bol = true;
      space = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      space = true;
      continue;
    }
    if (splice()) continue;
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let j = i; j < stop; j++) if (src[j] === '\n') {
        line++;
        lineStart = j + 1;
      }
      i = stop;
      space = true;
      continue;
    }
    if (src.startsWith('//', i)) {
      // a // comment goes on over backslash-newlines too
      while (i < src.length && src[i] !== '\n') {
        if (splice()) continue;
        i++;
      }
      space = true;
      continue;
    }
    const start = i;
    if (isIdentStart(c) && !/^(u8|[LuU])["']/.test(src.slice(i, i + 3))) {
      for (;;) {
        if (isIdentChar(src[i])) i++;
        else if (!splice()) break;
      }
      push('ident', src.slice(start, i).replace(/\\[ \t]*\r?\n/g, ''), start);
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      // a pp-number: digits, letters, dots and exponent signs (1e+5, 0x1p-3)
      while (i < src.length) {
        if (/[eEpP]/.test(src[i]) && (src[i + 1] === '+' || src[i + 1] === '-')) i += 2;
        else if (/[A-Za-z0-9_.]/.test(src[i])) i++;
        else break;
      }
      push('number', src.slice(start, i), start);
      continue;
    }
    // an encoding prefix makes one literal with what follows: L'a', u8"x"
    const prefix = /^(u8|[LuU])["']/.exec(src.slice(i, i + 3))?.[1];
    if (c === '"' || c === "'" || prefix !== undefined) {
      const q = prefix !== undefined ? src[i + prefix.length] : c;
      i += (prefix?.length ?? 0) + 1;
      const body = i;
      while (i < src.length && src[i] !== q && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      if (src[i] !== q) {
        const text = src.slice(start, Math.min(i, src.length));
        const t: Partial<Token> = { invalid: `missing terminating ${q} character` };
        push(q === '"' ? 'string' : 'char', text, start, t);
        continue;
      }
      i++;
      const text = src.slice(start, i);
      push(q === '"' ? 'string' : 'char', text, start, { value: decodeEscapes(src.slice(body, i - 1)) });
      continue;
    }
    const p = PUNCTUATORS.find((op) => src.startsWith(op, i)) ?? c;
    i += p.length;
    // digraphs are their punctuator (%: is #)
    const canonical: Record<string, string> = { '%:%:': '##', '%:': '#', '<:': '[', ':>': ']', '<%': '{', '%>': '}' };
    push('punct', canonical[p] ?? p, start);
  }
  const end: Token = { kind: 'eof', text: '', line, col: i - lineStart + 1, bol: true };
  if (file !== undefined) end.file = file;
  tokens.push(end);
  return tokens;
}
