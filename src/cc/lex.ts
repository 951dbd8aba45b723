/**
 * C tokens for a module's source, each with the line and column (1-based, in bytes as gcc
 * counts them for ASCII text) where it starts, so that messages can point at the student's
 * text. Comments go; preprocessor lines become one `directive` token each.
 */
import { MAX_TOKENS } from './limits';

export type TokenKind = 'ident' | 'number' | 'string' | 'char' | 'punct' | 'directive' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The text as written (strings with their quotes); for `string`, `value` holds the decoded bytes. */
  text: string;
  value?: string;
  line: number;
  col: number;
}

/** Longest first. */
const PUNCTUATORS = ['<<=', '>>=', '...', '->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '##'];

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
  constructor(readonly line: number, readonly col: number, message: string) {
    super(message);
  }
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  let atLineStart = true;
  const push = (kind: TokenKind, text: string, start: number, value?: string): void => {
    if (tokens.length >= MAX_TOKENS) throw new LexError(line, start - lineStart + 1, 'too many tokens');
    const t: Token = { kind, text, line, col: start - lineStart + 1 };
    if (value !== undefined) t.value = value;
    tokens.push(t);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      atLineStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      lineStart = i;
      continue;
    }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      for (let j = i; j < stop; j++) if (src[j] === '\n') {
        line++;
        lineStart = j + 1;
      }
      i = stop;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '#' && atLineStart) {
      // One directive, continued over backslash-newlines; comments inside it dropped.
      const start = i;
      const startLine = line;
      const startCol = i - lineStart + 1;
      let text = '';
      while (i < src.length && src[i] !== '\n') {
        if (src[i] === '\\' && src[i + 1] === '\n') {
          i += 2;
          line++;
          lineStart = i;
          text += ' ';
          continue;
        }
        if (src.startsWith('/*', i)) {
          const end = src.indexOf('*/', i + 2);
          const stop = end < 0 ? src.length : end + 2;
          for (let j = i; j < stop; j++) if (src[j] === '\n') {
            line++;
            lineStart = j + 1;
          }
          i = stop;
          text += ' ';
          continue;
        }
        if (src.startsWith('//', i)) {
          while (i < src.length && src[i] !== '\n') i++;
          break;
        }
        text += src[i++];
      }
      void start;
      tokens.push({ kind: 'directive', text: text.trim(), line: startLine, col: startCol });
      continue;
    }
    atLineStart = false;
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i])) i++;
      push('ident', src.slice(start, i), start);
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      while (i < src.length && /[A-Za-z0-9_.]/.test(src[i])) i++;
      push('number', src.slice(start, i), start);
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      if (src[i] !== c) throw new LexError(line, start - lineStart + 1, `missing terminating ${c} character`);
      i++;
      const text = src.slice(start, i);
      push(c === '"' ? 'string' : 'char', text, start, decodeEscapes(text.slice(1, -1)));
      continue;
    }
    const p = PUNCTUATORS.find((op) => src.startsWith(op, i)) ?? c;
    i += p.length;
    push('punct', p, start);
  }
  tokens.push({ kind: 'eof', text: '', line, col: i - lineStart + 1 });
  return tokens;
}
