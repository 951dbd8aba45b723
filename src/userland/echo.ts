/**
 * echo as the bash builtin (builtins/echo.def): leading -n, -e, -E (also combined, "-ne")
 * are options until the first word that is not one; no "--". With -e, backslash escapes
 * as xpg_echo does; \c ends the output.
 */
import type { Io, System, Tool } from './tool';
import { MAX_OUTPUT } from './limits';

/** Interpret echo -e / printf %b escapes; `stop` is set when \c was seen. */
export function backslashEscapes(text: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  const r = rawEscapes(text, octalNeedsZero);
  return { text: bytesAsUtf8(r.text), stop: r.stop };
}

/**
 * Escapes such as \303\251 produce bytes; where a run of them is valid UTF-8 it is the
 * character it encodes (é), so that files and pipes carry the bytes the real tool wrote.
 */
export function bytesAsUtf8(text: string): string {
  return text.replace(/[\x80-\xff]+/g, (run) => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(run, 'latin1'));
    } catch {
      return run;
    }
  });
}

function rawEscapes(text: string, octalNeedsZero: boolean): { text: string; stop: boolean } {
  let out = '';
  const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[i + 1];
    if (simple[n] !== undefined) {
      out += simple[n];
      i++;
    } else if (n === 'c') {
      return { text: out, stop: true };
    } else if (n === '0' || (!octalNeedsZero && /[1-7]/.test(n))) {
      const start = n === '0' && octalNeedsZero ? i + 2 : i + 1;
      const m = /^[0-7]{0,3}/.exec(text.slice(start, start + 3)) as RegExpExecArray;
      out += String.fromCharCode(parseInt(m[0] || '0', 8) & 0xff);
      i = start + m[0].length - 1;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2, i + 4));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += 1 + m[0].length;
      } else {
        out += '\\x';
        i++;
      }
    } else if (n === 'u' || n === 'U') {
      const m = (n === 'u' ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(text.slice(i + 2, i + 10));
      if (m) {
        out += String.fromCodePoint(Math.min(parseInt(m[0], 16), 0x10ffff));
        i += 1 + m[0].length;
      } else {
        out += '\\' + n;
        i++;
      }
    } else {
      out += '\\' + n;
      i++;
    }
  }
  return { text: out, stop: false };
}

export function main(argv: string[], io: Io, _sys: System): number {
  let newline = true;
  let escapes = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (!/^-[neE]+$/.test(arg)) break;
    for (const c of arg.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  // One write(2), as echo.def's stdio flush makes (a record of /dev/kmsg is one write); no
  // sink takes more than MAX_OUTPUT, so a line of many long words is cut there, not joined whole.
  const parts: string[] = [];
  let size = 0;
  const add = (text: string): void => {
    if (size > MAX_OUTPUT) return;
    parts.push(text.length > MAX_OUTPUT + 1 - size ? text.slice(0, MAX_OUTPUT + 1 - size) : text);
    size += text.length;
  };
  for (let n = i; n < argv.length; n++) {
    if (n > i) add(' ');
    if (!escapes) {
      add(argv[n]);
      continue;
    }
    const r = backslashEscapes(argv[n], true);
    add(r.text);
    if (r.stop) {
      io.out(parts.join(''));
      return 0;
    }
  }
  if (newline) add('\n');
  io.out(parts.join(''));
  return 0;
}

export const echo: Tool = { name: 'echo', main, summary: 'display a line of text' };
