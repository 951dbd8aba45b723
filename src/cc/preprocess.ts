/**
 * The C preprocessor of a module's build, after libcpp (gcc 12.2): directives, conditional
 * groups (only the taken one is read on), object- and function-like macros with #, ## and
 * variadic arguments (`##__VA_ARGS__` drops the comma before nothing, GNU's `args...`),
 * `defined`, and #include — "local.h" from the machine's disk in the including file's
 * directory, <linux/…> as the simulated kernel headers (kernel-headers.ts).
 *
 * Expansion follows the hide-set algorithm (Prosser's, as chibicc writes it): every token
 * carries the names of the macros it came out of and is never expanded by them again, so a
 * self-referential macro stops as cpp's does. Body tokens take the place of the macro's name
 * in the student's text and argument tokens keep their own, so that gcc's messages point at
 * what the student wrote. Nothing here recurses on the input: nesting of #if groups, of
 * parentheses in #if, and of macro calls is bounded by the input's size and by
 * MAX_EXPANDED_TOKENS, never by the host's stack.
 */
import { tokenize, type Token } from './lex';
import { evaluate, type PpExprMessage } from './pp-expr';
import { DYNAMIC_MACROS, kbuildNames, predefinedSource } from './predefined';
import { isKernelHeader, KERNEL_HEADER_MACROS } from './kernel-headers';
import { MAX_EXPANDED_TOKENS, MAX_INCLUDE_DEPTH, MAX_MACRO_NESTING, MAX_TOKENS } from './limits';

/** Where a definition or message came from when it is no file's line (gcc's `<built-in>`). */
export const BUILT_IN = '<built-in>';
/** The simulated kernel headers' macros: they have no text to show, and no redefinition warning. */
const KERNEL_HEADERS = '<kernel headers>';

export interface Macro {
  name: string;
  /** Parameter names; undefined for an object-like macro. */
  params?: string[];
  /** The last parameter takes the rest of the arguments (`...` as __VA_ARGS__, or GNU's `name...`). */
  variadic?: boolean;
  body: Token[];
  /** The name in its #define. */
  at: Token;
}

export interface PpDiagnostic {
  kind: 'error' | 'warning' | 'note' | 'fatal error';
  at: Token;
  /** Length of the caret's underline (1: a lone caret). */
  length: number;
  message: string;
  /** gcc gives no column (`file:line: warning:`) and an empty caret line. */
  lineOnly?: boolean;
  /** The #include lines that led to `at`'s file, innermost first. */
  includedFrom: Array<{ file: string; line: number }>;
  /** Said when the file ended (an unterminated group), after everything else in it. */
  atEnd?: boolean;
  /** A warning kbuild's -Werror=… made an error (cc1 then says so at the end). */
  promoted?: boolean;
}

export interface PpOptions {
  /** The unit's file as gcc names it (kbuild passes the absolute path). */
  path: string;
  modname: string;
  /** A file's text from the machine's disk, or undefined when there is none. */
  readFile?: (path: string) => string | undefined;
  /** -D and -U options (ccflags-y), in order: [name, body] defines, [name] undefines. */
  commandLine?: ReadonlyArray<readonly [string, string?]>;
}

export interface PpResult {
  tokens: Token[];
  /** Each #include's header name as written (`<linux/module.h>`, `"local.h"`). */
  includes: string[];
  diagnostics: PpDiagnostic[];
  /** The local headers read, by path (their text, for messages and for the module image). */
  headers: Map<string, string>;
  /** A fatal error stopped everything ("compilation terminated."). */
  fatal: boolean;
}

/** Thrown when macro expansion outgrows MAX_EXPANDED_TOKENS (or the unit MAX_TOKENS), or nests past MAX_MACRO_NESTING. */
export class PpLimitError extends Error {
  constructor(
    readonly at: Token,
    message = `macro expansion exceeds this machine's limit of ${MAX_EXPANDED_TOKENS} tokens`,
  ) {
    super(message);
  }
}

type PpToken = Token & { hide?: ReadonlySet<string> };

interface Conditional {
  /** The directive that opened it, then #elif/#else as they come (for "unterminated #…"). */
  directive: string;
  /** The opening directive's `#`, where "the conditional began here" points. */
  at: Token;
  /** Some group of it was taken (the others are skipped). */
  taken: boolean;
  sawElse: boolean;
}

interface FileFrame {
  path: string;
  tokens: Token[];
  i: number;
  conditionals: Conditional[];
  includedFrom: Array<{ file: string; line: number }>;
}

const isPunct = (t: Token | undefined, text: string): boolean => t !== undefined && t.kind === 'punct' && t.text === text;

/** Where a directive's line ends: just after its last token (gcc's locus for "no expression"). */
function endOf(line: readonly Token[], fallback: Token): Token {
  const last = line[line.length - 1] ?? fallback;
  return { ...last, kind: 'eof', text: '', col: last.col + last.text.length, bol: false, space: false };
}

/** Tokens written back as text, one space where there was whitespace (#error's message, #x). */
export function spell(tokens: readonly Token[]): string {
  return tokens.map((t, i) => (i > 0 && t.space ? ' ' : '') + t.text).join('');
}

/** A path with `.` and `..` resolved: one file however it is named (#pragma once). */
export function canonicalPath(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return (path.startsWith('/') ? '/' : '') + parts.join('/');
}

/** A source of tokens for the expander: a file (with its directives) or a list. */
type Source = () => PpToken;

class Expander {
  /** Tokens pushed back or produced by expansion, read before the source; top frame last. */
  private readonly frames: Array<{ tokens: PpToken[]; i: number }> = [];

  constructor(
    private readonly pp: Preprocessor,
    private readonly source: Source,
    /** In #if: `defined X` is an operator, not an identifier to expand. */
    private readonly inCondition = false,
  ) {}

  private read(): PpToken {
    while (this.frames.length > 0) {
      const f = this.frames[this.frames.length - 1];
      if (f.i < f.tokens.length) return f.tokens[f.i++];
      this.frames.pop();
    }
    return this.source();
  }

  private unread(tokens: PpToken[]): void {
    if (tokens.length > 0) this.frames.push({ tokens, i: 0 });
  }

  /** The next token after macro expansion. */
  next(): PpToken {
    for (;;) {
      const t = this.read();
      if (t.kind !== 'ident') return t;
      if (this.inCondition && t.text === 'defined') return this.definedOperator(t);
      if (t.hide?.has(t.text)) return t;
      const dynamic = this.pp.dynamicMacro(t);
      if (dynamic) return dynamic;
      const m = this.pp.macros.get(t.text);
      if (!m) return t;
      if (!m.params) {
        const hide = new Set(t.hide ?? []).add(m.name);
        const body = this.substitute(m, [], t);
        this.unread(this.pp.count(body.map((b, k) => ({ ...b, hide: new Set([...(b.hide ?? []), ...hide]), space: k === 0 ? t.space : b.space, bol: k === 0 && t.bol === true })), t));
        continue;
      }
      const after = this.read();
      if (!isPunct(after, '(')) {
        this.unread([after]);
        return t;
      }
      const call = this.collectArguments(m, t);
      if (!call) continue;
      const hide = new Set([...(t.hide ?? [])].filter((n) => call.close.hide?.has(n)));
      hide.add(m.name);
      const body = this.substitute(m, call.args, t);
      this.unread(this.pp.count(body.map((b, k) => ({ ...b, hide: new Set([...(b.hide ?? []), ...hide]), space: k === 0 ? t.space : b.space, bol: k === 0 && t.bol === true })), t));
    }
  }

  /** A body token put where the macro's name was: its place, the name's hide set. */
  private placed(b: Token, name: PpToken, hide: ReadonlySet<string>, first: boolean): PpToken {
    const t: PpToken = { ...b, line: name.line, col: name.col, bol: first && name.bol === true, space: first ? name.space : b.space, hide };
    if (name.file !== undefined) t.file = name.file;
    else delete t.file;
    return t;
  }

  /**
   * The arguments of a function-like macro's call, its `(` read. Undefined when the call is
   * wrong (gcc's message given): the name then stands as an identifier, its arguments gone.
   */
  private collectArguments(m: Macro, name: PpToken): { args: PpToken[][]; close: PpToken } | undefined {
    const params = m.params as string[];
    const args: PpToken[][] = [[]];
    let depth = 0;
    let last: PpToken = name;
    for (;;) {
      const a = this.read();
      if (a.kind === 'eof') {
        // gcc points just after the file's last token
        this.pp.report('error', { ...last, col: last.col + last.text.length }, 1, `unterminated argument list invoking macro "${m.name}"`);
        this.unread([a]);
        return undefined;
      }
      if (isPunct(a, '(')) depth++;
      else if (isPunct(a, ')')) {
        if (depth === 0) {
          const given = args.length === 1 && args[0].length === 0 && params.length <= 1 ? (params.length === 0 ? 0 : 1) : args.length;
          const required = m.variadic ? params.length - 1 : params.length;
          if (given < required && !(m.variadic && given === required)) {
            this.pp.report('error', a, 1, `macro "${m.name}" requires ${params.length} arguments, but only ${given} given`);
            this.pp.report('note', m.at, 1, `macro "${m.name}" defined here`, true);
            this.keepName(name);
            return undefined;
          }
          if (!m.variadic && given > params.length) {
            // gcc points just past the `)` here (and at it for too few)
            this.pp.report('error', { ...a, col: a.col + 1 }, 1, `macro "${m.name}" passed ${given} arguments, but takes just ${params.length}`);
            this.pp.report('note', m.at, 1, `macro "${m.name}" defined here`, true);
            this.keepName(name);
            return undefined;
          }
          while (args.length < params.length) args.push([]);
          return { args, close: a };
        }
        depth--;
      } else if (isPunct(a, ',') && depth === 0 && !(m.variadic && args.length === params.length)) {
        args.push([]);
        last = a;
        continue;
      }
      args[args.length - 1].push(a);
      last = a;
    }
  }

  /** After a wrong call the macro's name reads as an identifier (gcc then says it is undeclared). */
  private keepName(name: PpToken): void {
    this.unread([{ ...name, hide: new Set([...(name.hide ?? []), name.text]) }]);
  }

  /** The body with its parameters replaced: # and ## on the arguments as written, the rest expanded. */
  private substitute(m: Macro, args: PpToken[][], name: PpToken): PpToken[] {
    const params = m.params ?? [];
    const argOf = (t: Token | undefined): PpToken[] | undefined => {
      if (!t || t.kind !== 'ident') return undefined;
      const k = params.indexOf(t.text);
      return k >= 0 ? args[k] : undefined;
    };
    const vaName = m.variadic ? params[params.length - 1] : undefined;
    const out: PpToken[] = [];
    const body = m.body;
    const here = (b: Token, first: boolean): PpToken => this.placed(b, name, new Set(), first);
    /** An argument's tokens where its parameter stood: the parameter's spacing before the first. */
    const spaced = (arg: PpToken[], param: Token): PpToken[] => (arg.length === 0 ? arg : [{ ...arg[0], space: Boolean(param.space) }, ...arg.slice(1)]);
    for (let i = 0; i < body.length; i++) {
      const b = body[i];
      if (isPunct(b, '#') && argOf(body[i + 1])) {
        out.push(this.stringize(argOf(body[i + 1]) as PpToken[], here(b, out.length === 0)));
        i++;
        continue;
      }
      // GNU: `, ## __VA_ARGS__` loses the comma when there are no variable arguments
      if (isPunct(b, ',') && isPunct(body[i + 1], '##') && vaName !== undefined && body[i + 2]?.text === vaName) {
        const va = argOf(body[i + 2]) as PpToken[];
        if (va.length > 0) out.push(here(b, out.length === 0), ...va);
        i += 2;
        continue;
      }
      const arg = argOf(b);
      if (arg && isPunct(body[i + 1], '##')) {
        if (arg.length === 0) {
          // a placemarker: the right operand stands alone
          const right = argOf(body[i + 2]);
          if (right) out.push(...right);
          else if (body[i + 2]) out.push(here(body[i + 2], out.length === 0));
          i += 2;
          continue;
        }
        out.push(...spaced(arg, b));
        continue;
      }
      if (isPunct(b, '##')) {
        const rhs = body[i + 1];
        const right = argOf(rhs);
        i++;
        if (right) {
          if (right.length === 0) continue;
          const left = out.pop();
          out.push(...this.paste(left, right[0], b), ...right.slice(1));
          continue;
        }
        const left = out.pop();
        out.push(...this.paste(left, here(rhs, false), b));
        continue;
      }
      if (arg) {
        out.push(...spaced(this.expandArgument(arg), b));
        continue;
      }
      out.push(here(b, out.length === 0));
    }
    return out;
  }

  /** `a ## b`: one token of the two spellings, or gcc's error and both kept. */
  private paste(left: PpToken | undefined, right: PpToken, op: Token): PpToken[] {
    if (!left) return [right];
    const text = left.text + right.text;
    const lexed = tokenize(text).filter((x) => x.kind !== 'eof');
    if (lexed.length === 1 && lexed[0].invalid === undefined) {
      const t: PpToken = { kind: lexed[0].kind, text, line: left.line, col: left.col };
      if (lexed[0].value !== undefined) t.value = lexed[0].value;
      if (left.file !== undefined) t.file = left.file;
      if (left.space) t.space = true;
      if (left.hide) t.hide = left.hide;
      return [t];
    }
    if (text !== '') {
      this.pp.report('error', left, 1, `pasting "${left.text}" and "${right.text}" does not give a valid preprocessing token`);
      void op;
    }
    return [left, right];
  }

  /** `#x`: the argument's spelling as a string literal, quotes and backslashes of literals escaped. */
  private stringize(arg: readonly PpToken[], at: PpToken): PpToken {
    const body = arg
      .map((t, i) => {
        const text = t.kind === 'string' || t.kind === 'char' ? t.text.replace(/[\\"]/g, (c) => '\\' + c) : t.text;
        return (i > 0 && t.space ? ' ' : '') + text;
      })
      .join('');
    const text = `"${body}"`;
    const lexed = tokenize(text)[0];
    return { ...at, kind: 'string', text, value: lexed.value ?? body };
  }

  /** An argument fully macro-expanded on its own, before it takes its place (C99 6.10.3.1). */
  private expandArgument(arg: readonly PpToken[]): PpToken[] {
    if (arg.length === 0) return [];
    if (++this.pp.nesting > MAX_MACRO_NESTING) throw new PpLimitError(arg[0], `macro calls nest deeper than this machine's limit of ${MAX_MACRO_NESTING}`);
    try {
      return this.expandAlone(arg);
    } finally {
      this.pp.nesting--;
    }
  }

  private expandAlone(arg: readonly PpToken[]): PpToken[] {
    let k = 0;
    const end: PpToken = { kind: 'eof', text: '', line: 0, col: 0 };
    const sub = new Expander(this.pp, () => (k < arg.length ? arg[k++] : end), this.inCondition);
    const out: PpToken[] = [];
    for (let t = sub.next(); t !== end; t = sub.next()) {
      if (t.kind === 'eof') break;
      out.push(t);
    }
    return out;
  }

  /** `defined X` or `defined(X)` in #if: 1 or 0, its operand never expanded. */
  private definedOperator(op: PpToken): PpToken {
    const one = (v: boolean): PpToken => ({ ...op, kind: 'number', text: v ? '1' : '0' });
    let t = this.read();
    const paren = isPunct(t, '(');
    if (paren) t = this.read();
    if (t.kind !== 'ident') {
      this.pp.report('error', t, 1, 'operator "defined" requires an identifier');
      throw new ConditionFailed();
    }
    if (paren) {
      const close = this.read();
      if (!isPunct(close, ')')) {
        this.pp.report('error', close, 1, 'missing \')\' after "defined"');
        throw new ConditionFailed();
      }
    }
    return one(this.pp.macros.has(t.text) || DYNAMIC_MACROS.has(t.text));
  }
}

/** An #if whose expression was wrong: gcc said so, the group counts as false. */
class ConditionFailed extends Error {}

/** Thrown after a fatal error: the unit ends there. */
class Fatal extends Error {}

export class Preprocessor {
  readonly macros = new Map<string, Macro>();
  private readonly files: FileFrame[] = [];
  private readonly diagnostics: PpDiagnostic[] = [];
  private readonly includes: string[] = [];
  private readonly headers = new Map<string, string>();
  private readonly once = new Set<string>();
  private expanded = 0;
  /** Macro arguments being expanded inside one another (MAX_MACRO_NESTING). */
  nesting = 0;
  private counter = 0;
  private kernelHeaders = false;
  private fatal = false;

  constructor(private readonly options: PpOptions) {}

  run(text: string): PpResult {
    const out: Token[] = [];
    try {
      for (const [name, m] of predefinedMacros()) this.macros.set(name, m);
      this.defineFrom(kbuildNames(this.options.modname, this.options.path.replace(/^.*\//, '').replace(/\.c$/, '')), BUILT_IN);
      for (const [name, body] of this.options.commandLine ?? []) {
        if (body === undefined) this.macros.delete(name);
        else this.defineFrom(`#define ${name} ${body}\n`, BUILT_IN);
      }
      this.files.push({ path: this.options.path, tokens: tokenize(text, this.options.path), i: 0, conditionals: [], includedFrom: [] });
      const main = new Expander(this, () => this.fromFiles());
      for (let t = main.next(); t.kind !== 'eof' || this.files.length > 0; t = main.next()) {
        if (t.kind === 'eof') continue;
        if (t.invalid !== undefined) {
          // cpp warns as it lexes, then the literal is an error and is dropped
          this.report('warning', t, 1, t.invalid);
          this.report('error', t, t.text.length, t.invalid);
          continue;
        }
        if (t.kind === 'ident' && t.text === '__VA_ARGS__') this.report('warning', t, 1, '__VA_ARGS__ can only appear in the expansion of a C99 variadic macro');
        if (out.length >= MAX_TOKENS) throw new PpLimitError(t);
        const { hide, ...plain } = t as PpToken;
        void hide;
        out.push({ ...plain, order: out.length });
      }
    } catch (e) {
      if (e instanceof PpLimitError) {
        this.report('fatal error', e.at, 1, e.message);
        this.fatal = true;
      } else if (!(e instanceof Fatal)) throw e;
    }
    const last = out[out.length - 1];
    out.push({ kind: 'eof', text: '', line: last?.line ?? 1, col: (last?.col ?? 0) + (last?.text.length ?? 0), order: out.length });
    return { tokens: this.fatal ? [out[out.length - 1]] : out, includes: this.includes, diagnostics: this.diagnostics, headers: this.headers, fatal: this.fatal };
  }

  /** Count tokens an expansion makes; past the limit the unit stops. */
  count<T extends Token>(tokens: T[], at: Token): T[] {
    this.expanded += tokens.length;
    if (this.expanded > MAX_EXPANDED_TOKENS) throw new PpLimitError(at);
    return tokens;
  }

  report(kind: PpDiagnostic['kind'], at: Token, length: number, message: string, lineOnly = false): void {
    // the innermost file of that name (a header that includes itself is open many times)
    const path = at.file ?? this.options.path;
    let frame = this.files[this.files.length - 1];
    for (let k = this.files.length - 1; k >= 0; k--) {
      if (this.files[k].path === path) {
        frame = this.files[k];
        break;
      }
    }
    const d: PpDiagnostic = { kind, at, length, message, includedFrom: frame?.includedFrom ?? [] };
    if (lineOnly) d.lineOnly = true;
    this.diagnostics.push(d);
  }

  /** __FILE__, __LINE__ and the others cpp computes where they stand. */
  dynamicMacro(t: PpToken): PpToken | undefined {
    if (!DYNAMIC_MACROS.has(t.text) || this.macros.has(t.text)) return undefined;
    const file = this.files[this.files.length - 1]?.path ?? this.options.path;
    const str = (s: string): PpToken => ({ ...t, kind: 'string', text: JSON.stringify(s), value: s });
    const num = (n: number): PpToken => ({ ...t, kind: 'number', text: String(n) });
    switch (t.text) {
      case '__FILE__':
        return str(t.file ?? file);
      case '__BASE_FILE__':
        return str(this.options.path);
      case '__FILE_NAME__':
        return str((t.file ?? file).replace(/^.*\//, ''));
      case '__LINE__':
        return num(t.line);
      case '__COUNTER__':
        return num(this.counter++);
      case '__INCLUDE_LEVEL__':
        return num(Math.max(this.files.length - 1, 0));
      default: {
        // the kernel's Makefile builds with -Werror=date-time: a module may not use them
        this.report('error', t, t.text.length, `macro "${t.text}" might prevent reproducible builds [-Werror=date-time]`);
        this.diagnostics[this.diagnostics.length - 1].promoted = true;
        // what cpp gives when it cannot read the clock
        return str(t.text === '__DATE__' ? '??? ?? ????' : t.text === '__TIME__' ? '??:??:??' : '??? ??? ?? ??:??:?? ????');
      }
    }
  }

  /** Read the #defines of TEXT as the compiler's own. */
  defineBuiltIn(text: string): void {
    this.defineFrom(text, BUILT_IN);
  }

  /** Read #defines from TEXT (predefined macros, the simulated headers). */
  private defineFrom(text: string, file: string): void {
    const frame: FileFrame = { path: file, tokens: tokenize(text, file), i: 0, conditionals: [], includedFrom: [] };
    this.files.push(frame);
    try {
      for (let t = this.fromFiles(frame); t.kind !== 'eof'; t = this.fromFiles(frame)) {
        /* only directives */
      }
    } finally {
      const k = this.files.indexOf(frame);
      if (k >= 0) this.files.splice(k, 1);
    }
  }

  /**
   * The next token of the files being read, directives done on the way. At the end of an
   * included file its eof comes once (a macro call's arguments stop there), then the file it
   * was included from goes on; the main file's eof ends the unit.
   */
  private fromFiles(only?: FileFrame): PpToken {
    for (;;) {
      const f = only ?? this.files[this.files.length - 1];
      const t = f.tokens[f.i];
      if (t.kind === 'eof') {
        for (const c of [...f.conditionals].reverse()) {
          this.report('error', c.at, 1, `unterminated #${c.directive}`, true);
          this.diagnostics[this.diagnostics.length - 1].atEnd = true;
        }
        f.conditionals.length = 0;
        if (only) return t;
        this.files.pop();
        return t;
      }
      if (t.bol && isPunct(t, '#')) {
        f.i++;
        this.directive(f, t);
        continue;
      }
      f.i++;
      return t;
    }
  }

  /** The rest of a directive's line. */
  private lineOf(f: FileFrame): Token[] {
    const start = f.i;
    while (!f.tokens[f.i].bol) f.i++;
    return f.tokens.slice(start, f.i);
  }

  private directive(f: FileFrame, hash: Token): void {
    const line = this.lineOf(f);
    const name = line[0];
    if (!name) return; // the null directive
    const rest = line.slice(1);
    if (name.kind === 'number') return; // a line marker (# 33 "file")
    for (const t of rest) if (t.invalid !== undefined) this.report('warning', t, 1, t.invalid);
    switch (name.text) {
      case 'define':
        return this.define(rest, name, f.path);
      case 'undef':
        return this.undef(rest, name);
      case 'include':
        return this.include(f, rest, name);
      case 'if':
      case 'ifdef':
      case 'ifndef':
        return this.openConditional(f, hash, name, rest);
      case 'elif':
      case 'else':
        return this.alternative(f, name, rest);
      case 'endif':
        return this.endif(f, name, rest);
      case 'error':
        return this.report('error', name, name.text.length, `#error ${spell(rest)}`);
      case 'warning':
        return this.report('warning', name, name.text.length, `#warning ${spell(rest)} [-Wcpp]`);
      case 'pragma':
        if (rest[0]?.text === 'once') this.once.add(canonicalPath(f.path));
        return;
      case 'line':
      case 'ident':
      case 'sccs':
        return;
      default:
        return this.report('error', name, name.text.length, `invalid preprocessing directive #${name.text}`);
    }
  }

  private extraTokens(rest: readonly Token[], directive: string): void {
    if (rest.length > 0) this.report('warning', rest[0], rest[0].text.length, `extra tokens at end of #${directive} directive`);
  }

  /** The macro name a directive takes; gcc's message when there is none. */
  private macroName(rest: readonly Token[], directive: Token): Token | undefined {
    const n = rest[0];
    if (!n) {
      this.report('error', endOf([directive], directive), 1, `no macro name given in #${directive.text} directive`);
      return undefined;
    }
    if (n.kind !== 'ident') {
      this.report('error', n, 1, 'macro names must be identifiers');
      return undefined;
    }
    if (n.text === 'defined') {
      this.report('error', n, 1, '"defined" cannot be used as a macro name');
      return undefined;
    }
    return n;
  }

  private define(rest: Token[], directive: Token, file: string): void {
    const n = this.macroName(rest, directive);
    if (!n) return;
    let k = 1;
    const m: Macro = { name: n.text, body: [], at: n };
    if (isPunct(rest[1], '(') && !rest[1].space) {
      // the parameter list
      const params: string[] = [];
      k = 2;
      for (;;) {
        const p = rest[k];
        if (!p) {
          const where = endOf(rest, directive);
          this.report('error', where, 1, params.length === 0 || isPunct(rest[k - 1], ',') ? 'expected parameter name before end of line' : "expected ')' before end of line");
          return;
        }
        if (isPunct(p, ')') && params.length === 0) {
          k++;
          break;
        }
        if (isPunct(p, '...')) {
          params.push('__VA_ARGS__');
          m.variadic = true;
          if (!isPunct(rest[k + 1], ')')) {
            this.report('error', rest[k + 1] ?? endOf(rest, directive), 1, rest[k + 1] ? `expected ')' after "..."` : "expected ')' before end of line");
            return;
          }
          k += 2;
          break;
        }
        if (p.kind !== 'ident') {
          this.report('error', p, 1, `expected parameter name, found "${p.text}"`);
          return;
        }
        if (params.includes(p.text)) {
          this.report('error', p, 1, `duplicate macro parameter "${p.text}"`);
          return;
        }
        params.push(p.text);
        k++;
        if (isPunct(rest[k], '...')) {
          m.variadic = true;
          k++;
        }
        const sep = rest[k];
        if (isPunct(sep, ')')) {
          k++;
          break;
        }
        if (!sep) continue;
        if (!isPunct(sep, ',') || m.variadic) {
          this.report('error', sep, 1, `expected ',' or ')', found "${sep.text}"`);
          return;
        }
        k++;
      }
      m.params = params;
    } else if (rest[1] && !rest[1].space) {
      this.report('warning', n, 1, 'ISO C99 requires whitespace after the macro name');
    }
    const body = rest.slice(k).map((t, i) => (i === 0 ? { ...t, space: false } : t));
    if (isPunct(body[0], '##') || isPunct(body[body.length - 1], '##')) {
      this.report('error', n, 1, "'##' cannot appear at either end of a macro expansion");
      return;
    }
    if (m.params) {
      for (let i = 0; i < body.length; i++) {
        if (isPunct(body[i], '#') && !(body[i + 1]?.kind === 'ident' && m.params.includes(body[i + 1].text))) {
          // gcc points at the token before the #
          this.report('error', rest[k + i - 1], 1, "'#' is not followed by a macro parameter");
          return;
        }
      }
    }
    if (!m.variadic || m.params?.[m.params.length - 1] !== '__VA_ARGS__') {
      const va = body.find((t) => t.kind === 'ident' && t.text === '__VA_ARGS__');
      if (va && file !== BUILT_IN && file !== KERNEL_HEADERS) this.report('warning', va, 1, '__VA_ARGS__ can only appear in the expansion of a C99 variadic macro');
    }
    if (n.text === '__VA_ARGS__' && file !== BUILT_IN) this.report('warning', n, 1, '__VA_ARGS__ can only appear in the expansion of a C99 variadic macro');
    m.body = body;
    if (this.redefinition(m)) this.macros.set(m.name, m);
  }

  /**
   * gcc's "redefined" warning when a macro changes; false when it is the same definition
   * again (the first one stays, and later warnings point at it).
   */
  private redefinition(m: Macro): boolean {
    const old = this.macros.get(m.name);
    if (DYNAMIC_MACROS.has(m.name) && !old) {
      this.report('warning', m.at, 1, `"${m.name}" redefined`, true);
      return true;
    }
    if (!old || old.at.file === KERNEL_HEADERS || m.at.file === BUILT_IN) return true;
    const same =
      (old.params ?? []).join(',') === (m.params ?? []).join(',') &&
      old.params === undefined === (m.params === undefined) &&
      old.variadic === m.variadic &&
      old.body.length === m.body.length &&
      old.body.every((t, i) => t.text === m.body[i].text && (i === 0 || Boolean(t.space) === Boolean(m.body[i].space)));
    if (same) return false;
    this.report('warning', m.at, 1, `"${m.name}" redefined`, true);
    this.report('note', old.at, 1, 'this is the location of the previous definition', true);
    return true;
  }

  private undef(rest: Token[], directive: Token): void {
    const n = this.macroName(rest, directive);
    if (!n) return;
    if (DYNAMIC_MACROS.has(n.text) && !this.macros.has(n.text)) this.report('warning', n, 1, `undefining "${n.text}" [-Wbuiltin-macro-redefined]`, true);
    this.macros.delete(n.text);
    this.extraTokens(rest.slice(1), 'undef');
  }

  /** The header name of an #include line: "x.h", <x/y.h>, or what its macros expand to. */
  private headerName(rest: Token[]): { name: string; quoted: boolean; at: Token; length: number; extra: Token[] } | undefined {
    const first = rest[0];
    if (first?.kind === 'string' && first.invalid === undefined) return { name: first.text.slice(1, -1), quoted: true, at: first, length: first.text.length, extra: rest.slice(1) };
    if (isPunct(first, '<')) {
      const close = rest.findIndex((t, i) => i > 0 && isPunct(t, '>'));
      if (close < 0) {
        this.report('error', endOf(rest, first), 1, 'missing terminating > character');
        return { name: spell(rest.slice(1)), quoted: false, at: first, length: 1, extra: [] };
      }
      const inner = rest.slice(1, close);
      const name = inner.map((t, i) => (i > 0 && t.space ? ' ' : '') + t.text).join('');
      const end = rest[close];
      return { name, quoted: false, at: first, length: end.col + 1 - first.col, extra: rest.slice(close + 1) };
    }
    return undefined;
  }

  private include(f: FileFrame, rest: Token[], directive: Token): void {
    let header = this.headerName(rest);
    if (!header && rest.length > 0 && rest[0].invalid === undefined) {
      // #include MACRO: its expansion must be a header name
      let k = 0;
      const end: PpToken = endOf(rest, directive);
      const x = new Expander(this, () => (k < rest.length ? rest[k++] : end));
      const expanded: Token[] = [];
      for (let t = x.next(); t !== end && t.kind !== 'eof'; t = x.next()) expanded.push(t);
      header = this.headerName(expanded);
    }
    if (!header) {
      const at = rest[0] ?? endOf([directive], directive);
      this.report('error', at, rest[0] ? rest[0].text.length : 1, '#include expects "FILENAME" or <FILENAME>');
      return;
    }
    this.extraTokens(header.extra, 'include');
    this.includes.push(header.quoted ? `"${header.name}"` : `<${header.name}>`);
    if (this.files.length > MAX_INCLUDE_DEPTH) {
      this.report('error', endOf(rest, directive), 1, `#include nested depth ${MAX_INCLUDE_DEPTH} exceeds maximum of ${MAX_INCLUDE_DEPTH} (use -fmax-include-depth=DEPTH to increase the maximum)`);
      return;
    }
    if (header.quoted || header.name.startsWith('/')) {
      // gcc looks first in the including file's directory, and names the file dir/name
      const slash = f.path.lastIndexOf('/');
      const path = header.name.startsWith('/') || slash < 0 ? header.name : `${f.path.slice(0, slash)}/${header.name}`;
      const text = this.options.readFile?.(path);
      if (text !== undefined) {
        if (this.once.has(canonicalPath(path))) return;
        this.headers.set(path, text);
        const from = [{ file: f.path, line: directive.line }, ...f.includedFrom];
        this.files.push({ path, tokens: tokenize(text, path), i: 0, conditionals: [], includedFrom: from });
        return;
      }
    }
    if (isKernelHeader(header.name)) {
      if (!this.kernelHeaders) {
        this.kernelHeaders = true;
        this.defineFrom(KERNEL_HEADER_MACROS, KERNEL_HEADERS);
      }
      return;
    }
    this.report('fatal error', header.at, header.length, `${header.name}: No such file or directory`);
    this.fatal = true;
    throw new Fatal();
  }

  /** The value of an #if/#elif line; false after an error in it (gcc said why). */
  private condition(rest: Token[], directive: Token): boolean {
    if (rest.length === 0) {
      this.report('error', endOf([directive], directive), 1, `#${directive.text} with no expression`);
      return false;
    }
    const end: PpToken = endOf(rest, directive);
    let k = 0;
    const x = new Expander(this, () => (k < rest.length ? rest[k++] : end), true);
    const tokens: Token[] = [];
    try {
      for (let t = x.next(); t !== end && t.kind !== 'eof'; t = x.next()) tokens.push(t);
    } catch (e) {
      if (e instanceof ConditionFailed) return false;
      throw e;
    }
    const { value, messages } = evaluate(tokens, end);
    for (const m of messages) this.report(m.kind, m.at, m.length, m.message);
    return value !== undefined && value.v !== 0n;
  }

  private openConditional(f: FileFrame, hash: Token, directive: Token, rest: Token[]): void {
    let live: boolean;
    if (directive.text === 'if') live = this.condition(rest, directive);
    else {
      const n = this.macroName(rest, directive);
      live = n !== undefined && (this.macros.has(n.text) || DYNAMIC_MACROS.has(n.text)) === (directive.text === 'ifdef');
      if (n) this.extraTokens(rest.slice(1), directive.text);
    }
    f.conditionals.push({ directive: directive.text, at: hash, taken: live, sawElse: false });
    if (!live) this.skipGroup(f);
  }

  private alternative(f: FileFrame, directive: Token, rest: Token[]): void {
    const c = f.conditionals[f.conditionals.length - 1];
    if (!c) {
      this.report('error', directive, directive.text.length, `#${directive.text} without #if`);
      return;
    }
    if (c.sawElse) {
      this.report('error', directive, directive.text.length, `#${directive.text} after #else`);
      this.report('error', c.at, 1, 'the conditional began here', true);
    }
    c.directive = directive.text;
    if (directive.text === 'else') {
      c.sawElse = true;
      this.extraTokens(rest, 'else');
    }
    // the group before was taken (we got here reading it): everything else is skipped
    this.skipGroup(f);
  }

  private endif(f: FileFrame, directive: Token, rest: Token[]): void {
    const c = f.conditionals.pop();
    if (!c) {
      this.report('error', directive, directive.text.length, '#endif without #if');
      return;
    }
    this.extraTokens(rest, 'endif');
  }

  /**
   * Skip a group that is not taken, up to the #elif, #else or #endif that ends it (nested
   * conditionals counted, not evaluated); an #elif or #else there may open the next group.
   */
  private skipGroup(f: FileFrame): void {
    /** Conditionals opened inside the skipped group (still reported when the file ends in them). */
    const nested: Conditional[] = [];
    for (;;) {
      const t = f.tokens[f.i];
      if (t.kind === 'eof') {
        f.conditionals.push(...nested);
        return;
      }
      if (!(t.bol && isPunct(t, '#'))) {
        f.i++;
        continue;
      }
      const hash = t;
      f.i++;
      const line = this.lineOf(f);
      const name = line[0]?.kind === 'ident' ? line[0].text : '';
      if (name === 'if' || name === 'ifdef' || name === 'ifndef') nested.push({ directive: name, at: hash, taken: false, sawElse: false });
      else if (name === 'endif') {
        if (nested.length === 0) {
          f.conditionals.pop();
          this.extraTokens(line.slice(1), 'endif');
          return;
        }
        nested.pop();
      } else if ((name === 'elif' || name === 'else') && nested.length > 0) {
        nested[nested.length - 1].directive = name;
      } else if (name === 'elif' || name === 'else') {
        const c = f.conditionals[f.conditionals.length - 1];
        const directive = line[0];
        if (c.sawElse) {
          this.report('error', directive, directive.text.length, `#${name} after #else`);
          this.report('error', c.at, 1, 'the conditional began here', true);
        }
        c.directive = name;
        if (name === 'else') {
          c.sawElse = true;
          this.extraTokens(line.slice(1), 'else');
          if (!c.taken) {
            c.taken = true;
            return;
          }
          continue;
        }
        if (!c.taken && this.condition(line.slice(1), directive)) {
          c.taken = true;
          return;
        }
      }
    }
  }
}

/** The predefined macros, read once (a Macro is never changed once defined, so units share them). */
let predefined: ReadonlyMap<string, Macro> | undefined;
function predefinedMacros(): ReadonlyMap<string, Macro> {
  if (!predefined) {
    const pp = new Preprocessor({ path: BUILT_IN, modname: '' });
    pp.defineBuiltIn(predefinedSource());
    predefined = new Map(pp.macros);
  }
  return predefined;
}

/** Preprocess one unit's TEXT. */
export function preprocess(text: string, options: PpOptions): PpResult {
  return new Preprocessor(options).run(text);
}

export type { PpExprMessage };
