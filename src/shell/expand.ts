/**
 * Word expansion in bash's order (subst.c): tilde, parameter, command substitution and
 * arithmetic, then word splitting of the unquoted results on IFS (default blank, tab,
 * newline), then pathname expansion of unquoted glob characters, then quote removal.
 */
import type { List, Word, WordPart } from './ast';
import type { System } from '../userland/tool';
import { evaluateArith, ArithError } from './arith';
import { expandGlob, hasGlobChars } from './glob';

/** An expansion failed; bash prints `text` and the command does not run. */
export class ExpansionError extends Error {
  constructor(
    readonly text: string,
    /** A non-interactive shell exits on ${x:?} (and we stop the line). */
    readonly fatal = false,
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
  /** Line for messages ("bash: line N: …"). */
  readonly line: number;
  /** "bash: line N: ", or "environment: line N: " in a function. */
  readonly prefix: string;
  /** $1 … */
  positional(): readonly string[];
  /** Run LIST in a subshell and return its standard output. */
  commandSubst(list: List): string;
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
      return 'bash';
    case '-':
      return 'hBc';
    case '@':
    case '*':
      return ctx.positional().join(' ');
    case '!':
      return '';
    default:
      if (/^[0-9]+$/.test(name)) return ctx.positional()[Number(name) - 1];
      return ctx.sys.env[name];
  }
}

function paramValue(part: Extract<WordPart, { kind: 'param' }>, ctx: ExpandContext): string {
  const { name, op, arg } = part;
  if (op === undefined && arg) throw new ExpansionError(`${ctx.prefix}${arg.raw}: bad substitution\n`);
  const value = special(name, ctx);
  if (op === '#len') return String([...(value ?? '')].length);
  if (!op) return value ?? '';
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
        if (/^[A-Za-z_]/.test(name)) ctx.sys.env[name] = v;
        return v;
      }
      return value as string;
    case '+':
    case ':+':
      return unsetOrNull ? '' : word();
    default: {
      if (!unsetOrNull) return value as string;
      const msg = word() || 'parameter null or not set';
      throw new ExpansionError(`${ctx.prefix}${name}: ${msg}\n`, true);
    }
  }
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
      case 'arith': {
        const expr = expandString(part.expr, ctx);
        try {
          const v = evaluateArith(expr, (n) => ctx.sys.env[n], 0, (n, value) => (ctx.sys.env[n] = value));
          out.push({ text: v.toString(), quoted: part.quoted, split: !part.quoted });
        } catch (e) {
          if (e instanceof ArithError) throw new ExpansionError(`${ctx.prefix}${e.text}\n`);
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
  return pieces(word, ctx)
    .map((p) => p.text)
    .join('');
}

function escapeForGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** Expand a pattern of case or [[ == ]]: quoted characters match themselves. */
export function expandPattern(word: Word, ctx: ExpandContext): string {
  return pieces(word, ctx)
    .map((p) => (p.quoted ? escapeForGlob(p.text) : p.text))
    .join('');
}

/** Expand the right side of [[ =~ ]]: quoted characters match themselves (regex-escaped). */
export function expandRegex(word: Word, ctx: ExpandContext): string {
  return pieces(word, ctx)
    .map((p) => (p.quoted ? p.text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') : p.text))
    .join('');
}

/** Expand a word into fields (argv entries). */
export function expandFields(word: Word, ctx: ExpandContext): string[] {
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
    const pattern = field.map((p) => (p.quoted ? escapeForGlob(p.text) : p.text)).join('');
    const plain = field.map((p) => p.text).join('');
    const globbable = field.some((p) => !p.quoted && /[*?[]/.test(p.text));
    if (globbable && hasGlobChars(pattern)) {
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
