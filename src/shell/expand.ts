/**
 * Word expansion in bash's order (subst.c): tilde, parameter, command substitution and
 * arithmetic, then word splitting of the unquoted results on IFS (default blank, tab,
 * newline), then pathname expansion of unquoted glob characters, then quote removal.
 */
import type { List, Word, WordPart } from './ast';
import type { System } from '../userland/tool';
import { evaluateArith, ArithError } from './arith';
import { expandGlob, hasGlobChars } from './glob';
import { removePattern, replacePattern, type Replacement } from './param-pattern';
import { allocateString, allocateVariable } from './memory';
import { braceExpand, mayBraceExpand } from './brace';
import { parseWord, ShellSyntaxError } from './parse';
import { bytesAsUtf8 } from '../userland/echo';

/** An expansion failed; bash prints `text` and the command does not run. */
export class ExpansionError extends Error {
  constructor(
    readonly text: string,
    /** A non-interactive shell exits on ${x:?} (and we stop the line). */
    readonly fatal = false,
    /** The status it exits with: 127 for ${x:?}, 1 for an arithmetic error in an expansion. */
    readonly exitStatus = 127,
  ) {
    super(text);
  }
}

export interface ExpandContext {
  readonly sys: System;
  /** $? */
  status(): number;
  /** $$ */
  readonly pid: number;
  /** $0 */
  readonly name: string;
  /** $-: the shell's option letters. */
  flags(): string;
  /** $!: the last background job's PID, if any. */
  lastAsync(): number | undefined;
  /** Line for messages ("bash: line N: …"). */
  readonly line: number;
  /** "bash: line N: ", or "environment: line N: " in a function. */
  readonly prefix: string;
  /** $1 … */
  positional(): readonly string[];
  /** set -x: print a traced [[ … ]] term (TEXT without the brackets). */
  traceCond?(text: string): void;
  /** The shell's options that change expansion: nounset (set -u), noglob (set -f), braceexpand (set -B). */
  option?(name: 'nounset' | 'noglob' | 'braceexpand'): boolean;
  /** A variable bash keeps itself (BASH_VERSION, PPID …), read when no variable of that name is set. */
  shellVariable?(name: string): string | undefined;
  /** <(LIST): the path its output is read from (/dev/fd/63 …). */
  procSubst?(list: List, output: boolean): string;
  /** Run LIST in a subshell and return its standard output. */
  commandSubst(list: List): string;
  /** Print a message on the shell's standard error (brace expansion's complaints). */
  warn(text: string): void;
}

interface Piece {
  text: string;
  quoted: boolean;
  /** Came from an unquoted expansion: subject to word splitting. */
  split: boolean;
  /** "$@": a new field starts here, even an empty one. */
  fieldBreak?: boolean;
}

const IFS_WS = /[ \t\n]+/;

function tilde(user: string, sys: System): string {
  if (user === '') return sys.env.HOME ?? '/root';
  // /etc/passwd of a Debian 12 base system.
  const homes: Record<string, string> = { root: '/root', nobody: '/nonexistent', daemon: '/usr/sbin', bin: '/bin', sys: '/dev' };
  return homes[user] ?? `~${user}`;
}

function special(name: string, ctx: ExpandContext): string | undefined {
  switch (name) {
    case '?':
      return String(ctx.status());
    case '$':
      return String(ctx.pid);
    case '#':
      return String(ctx.positional().length);
    case '0':
      return ctx.name;
    case '-':
      return ctx.flags();
    case '@':
    case '*':
      return ctx.positional().join(' ');
    case '!': {
      const pid = ctx.lastAsync();
      return pid === undefined ? undefined : String(pid);
    }
    default:
      if (/^[0-9]+$/.test(name)) return ctx.positional()[Number(name) - 1];
      return ctx.sys.env[name] ?? (name === 'LINENO' ? String(ctx.line) : ctx.shellVariable?.(name));
  }
}

/**
 * The oracle guest has no locales: bash runs in the C locale, where ${#x} and ${x:o:l}
 * count bytes (`x=héllo; echo ${#x}` prints 6). Counted without spreading the string.
 */
function byteLength(value: string): number {
  return /^[\x00-\x7f]*$/.test(value) ? value.length : Buffer.byteLength(value, 'utf8');
}

function byteSlice(value: string, start: number, end: number): string {
  if (/^[\x00-\x7f]*$/.test(value)) return value.slice(start, end);
  return bytesAsUtf8(Buffer.from(value, 'utf8').subarray(start, end).toString('latin1'));
}

/** An arithmetic expression of ${x:o:l}; its errors name the parameter, as bash's do. */
function substringValue(word: Word, name: string, ctx: ExpandContext): bigint {
  const text = expandString(word, ctx);
  if (text.trim() === '') return 0n;
  try {
    return evaluateArith(text, (n) => ctx.sys.env[n], 0, (n, v) => (ctx.sys.env[n] = v));
  } catch (e) {
    // An expansion error of arithmetic ends a non-interactive shell, status 1.
    if (e instanceof ArithError) throw new ExpansionError(`${ctx.prefix}${name}: ${e.text}\n`, true, 1);
    throw e;
  }
}

/** ${NAME:OFFSET[:LENGTH]} (subst.c: verify_substring_values for a scalar). */
function substring(value: string, part: Extract<WordPart, { kind: 'param' }>, ctx: ExpandContext): string {
  const len = BigInt(byteLength(value));
  let start = substringValue(part.arg as Word, part.name, ctx);
  if (start < 0n) start += len;
  let end = len;
  if (part.arg2) {
    end = substringValue(part.arg2, part.name, ctx);
    if (end < 0n) {
      end += len;
      if (end < 0n || end < start) throw new ExpansionError(`${ctx.prefix}${part.arg2.raw}: substring expression < 0\n`);
    } else end += start;
    if (end > len) end = len;
  }
  if (start < 0n || start > len) return '';
  return byteSlice(value, Number(start), Number(end));
}

/** The replacement of ${x/p/s}: unquoted `&`s stand for the match (patsub_replacement). */
function replacementOf(word: Word | undefined, ctx: ExpandContext): Replacement {
  const out: string[] = [''];
  for (const piece of word ? pieces(word, ctx) : []) {
    if (piece.quoted) {
      out[out.length - 1] += piece.text;
      continue;
    }
    const split = piece.text.split('&');
    out[out.length - 1] += split[0];
    out.push(...split.slice(1));
  }
  return { pieces: out };
}

function paramValue(part: Extract<WordPart, { kind: 'param' }>, ctx: ExpandContext): string {
  const { name, op, arg } = part;
  if (op === undefined && arg) throw new ExpansionError(`${ctx.prefix}${arg.raw}: bad substitution\n`);
  const value = special(name, ctx);
  // set -u: an unset parameter is an error unless an operator supplies a value ($@ and $* never are).
  if (value === undefined && name !== '@' && name !== '*' && (!op || !/^:?[-=+?]$/.test(op)) && ctx.option?.('nounset')) {
    throw new ExpansionError(`${ctx.prefix}${/^[0-9]+$/.test(name) || name === '!' ? '$' : ''}${name}: unbound variable\n`, true);
  }
  if (op === '#len') return String(byteLength(value ?? ''));
  if (!op) return value ?? '';
  switch (op) {
    case 'substr':
      return substring(value ?? '', part, ctx);
    case '#':
    case '##':
    case '%':
    case '%%':
      return removePattern(value ?? '', arg ? expandPattern(arg, ctx) : '', op);
    case '/':
    case '//':
    case '/#':
    case '/%':
      return replacePattern(value ?? '', arg ? expandPattern(arg, ctx) : '', replacementOf(part.arg2, ctx), op);
    default:
      break;
  }
  const unsetOrNull = op.startsWith(':') ? value === undefined || value === '' : value === undefined;
  const word = (): string => (arg ? expandString(arg, ctx) : '');
  switch (op) {
    case '-':
    case ':-':
      return unsetOrNull ? word() : (value as string);
    case '=':
    case ':=':
      if (unsetOrNull) {
        const v = word();
        if (/^[A-Za-z_]/.test(name)) {
          allocateVariable(ctx.sys.env, name, v);
          ctx.sys.env[name] = v;
        }
        return v;
      }
      return value as string;
    case '+':
    case ':+':
      return unsetOrNull ? '' : word();
    default: {
      if (!unsetOrNull) return value as string;
      const msg = word() || (op === '?' ? 'parameter not set' : 'parameter null or not set');
      throw new ExpansionError(`${ctx.prefix}${name}: ${msg}\n`, true);
    }
  }
}

/** A variable an arithmetic expansion reads; under set -u an unset one ends the shell. */
function arithVariable(name: string, ctx: ExpandContext): string | undefined {
  const value = ctx.sys.env[name] ?? (name === 'LINENO' ? String(ctx.line) : ctx.shellVariable?.(name));
  if (value === undefined && ctx.option?.('nounset')) throw new ExpansionError(`${ctx.prefix}${name}: unbound variable\n`, true);
  return value;
}

function pieces(word: Word, ctx: ExpandContext): Piece[] {
  const out: Piece[] = [];
  for (const part of word.parts) {
    switch (part.kind) {
      case 'lit':
        out.push({ text: part.text, quoted: part.quoted, split: false });
        break;
      case 'tilde':
        out.push({ text: tilde(part.user, ctx.sys), quoted: true, split: false });
        break;
      case 'param':
        if (part.name === '@' && part.quoted && !part.op) {
          // "$@": each positional parameter is a field of its own.
          ctx.positional().forEach((p, n) => out.push({ text: p, quoted: true, split: false, fieldBreak: n > 0 }));
          break;
        }
        out.push({ text: paramValue(part, ctx), quoted: part.quoted, split: !part.quoted });
        break;
      case 'command':
        out.push({ text: ctx.commandSubst(part.list).replace(/\n+$/, ''), quoted: part.quoted, split: !part.quoted });
        break;
      case 'procsubst':
        out.push({ text: ctx.procSubst?.(part.list, part.output) ?? '', quoted: true, split: false });
        break;
      case 'arith': {
        const expr = expandString(part.expr, ctx);
        try {
          const v = evaluateArith(expr, (n) => arithVariable(n, ctx), 0, (n, value) => (ctx.sys.env[n] = value));
          out.push({ text: v.toString(), quoted: part.quoted, split: !part.quoted });
        } catch (e) {
          if (e instanceof ArithError) throw new ExpansionError(`${ctx.prefix}${e.text}\n`, true, 1);
          throw e;
        }
        break;
      }
    }
  }
  return out;
}

/** Expand without splitting or globbing (assignments, here-strings, here-documents). */
export function expandString(word: Word, ctx: ExpandContext): string {
  return joined(pieces(word, ctx), (p) => p.text);
}

/** The pieces' texts as one string, which bash would have to allocate. */
function joined(list: readonly Piece[], text: (p: Piece) => string): string {
  let length = 0;
  for (const p of list) length += p.text.length;
  allocateString(length);
  return list.map(text).join('');
}

function escapeForGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** Expand a pattern of case or [[ == ]]: quoted characters match themselves. */
export function expandPattern(word: Word, ctx: ExpandContext): string {
  return joined(pieces(word, ctx), (p) => (p.quoted ? escapeForGlob(p.text) : p.text));
}

/** expandPattern's pattern, and the pattern as set -x shows it (every quoted character after a backslash). */
export function expandPatternTraced(word: Word, ctx: ExpandContext): { pattern: string; traced: string } {
  const ps = pieces(word, ctx);
  return { pattern: joined(ps, (p) => (p.quoted ? escapeForGlob(p.text) : p.text)), traced: joined(ps, (p) => (p.quoted ? p.text.replace(/[^]/g, '\\$&') : p.text)) };
}

/** Expand the right side of [[ =~ ]]: quoted characters match themselves (regex-escaped). */
export function expandRegex(word: Word, ctx: ExpandContext): string {
  return joined(pieces(word, ctx), (p) => (p.quoted ? p.text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') : p.text));
}

/**
 * A pattern whose only special character is a `[` without its `]` (the test command `[`)
 * matches nothing but itself, which bash then keeps: no need to read the directory.
 */
function canMatchOther(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && pattern.indexOf(']', i + 2) > 0) return true;
  }
  return false;
}

/**
 * Expand a word into fields (argv entries): brace expansion first, on the word as written
 * (each word it makes is then expanded as if written so), then the rest.
 */
export function expandFields(word: Word, ctx: ExpandContext): string[] {
  if (ctx.option?.('braceexpand') === false || !mayBraceExpand(word.raw) || !word.parts.some((p) => p.kind === 'lit' && !p.quoted && p.text.includes('{'))) return fieldsOf(word, ctx);
  const { words, errors } = braceExpand(word.raw);
  for (const e of errors) ctx.warn(`${ctx.prefix}${e}\n`);
  if (words.length === 1 && words[0] === word.raw) return fieldsOf(word, ctx);
  const out: string[] = [];
  for (const text of words) {
    let parsed: Word;
    try {
      // A word that ends in an unpaired backslash ({Z..a} makes one) loses it to quote removal.
      const lone = /(^|[^\\])(\\\\)*\\$/.test(text);
      parsed = lone ? { ...parseWord(text.slice(0, -1)), raw: text } : parseWord(text);
      if (lone) parsed.parts.push({ kind: 'lit', text: '', quoted: true });
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      parsed = { parts: [{ kind: 'lit', text, quoted: true }], raw: text };
    }
    for (const field of fieldsOf(parsed, ctx)) out.push(field);
  }
  return out;
}

function fieldsOf(word: Word, ctx: ExpandContext): string[] {
  // "$@" with no positional parameters is no word at all, even quoted.
  if (ctx.positional().length === 0 && word.parts.some((p) => p.kind === 'param' && (p.name === '@' || p.name === '*') && !p.op) &&
      word.parts.every((p) => (p.kind === 'param' && (p.name === '@' || p.name === '*')) || (p.kind === 'lit' && p.text === ''))) {
    return word.parts.some((p) => p.kind === 'param' && p.name === '*' && p.quoted) ? [''] : [];
  }
  const fields: Piece[][] = [];
  let current: Piece[] | null = null;
  const end = (): void => {
    if (current) fields.push(current);
    current = null;
  };
  for (const piece of pieces(word, ctx)) {
    if (piece.fieldBreak) {
      end();
      current = [];
    }
    if (!piece.split) {
      (current ??= []).push(piece);
      continue;
    }
    if (piece.text === '') continue;
    if (/^[ \t\n]/.test(piece.text)) end();
    const words = piece.text.split(IFS_WS).filter((w) => w !== '');
    words.forEach((w, n) => {
      if (n > 0) end();
      (current ??= []).push({ text: w, quoted: false, split: true });
    });
    if (words.length > 0 && /[ \t\n]$/.test(piece.text)) end();
  }
  end();
  const result: string[] = [];
  for (const field of fields) {
    const plain = joined(field, (p) => p.text);
    const pattern = field.map((p) => (p.quoted ? escapeForGlob(p.text) : p.text)).join('');
    const globbable = field.some((p) => !p.quoted && /[*?[]/.test(p.text));
    if (globbable && ctx.option?.('noglob') !== true && hasGlobChars(pattern) && canMatchOther(pattern)) {
      const matches = expandGlob(pattern, ctx.sys.fs, (p) => ctx.sys.resolve(p));
      if (matches.length > 0) {
        result.push(...matches);
        continue;
      }
      result.push(plain);
      continue;
    }
    result.push(plain);
  }
  return result;
}
