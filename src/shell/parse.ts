/**
 * bash's grammar for one `bash -c LINE`: lists, and-or lists, pipelines, ( ) and { }
 * groups, simple commands with assignments and redirections, and words with '…', "…",
 * $'…', backslashes, $NAME, ${…}, $(…), `…`, $((…)) and ~. Errors carry the exact text
 * bash 5.2 prints for -c (parse.y: parser_error, report_syntax_error), status 2.
 */
import { commandText } from './print-cmd';
import type { Assignment, AndOr, CaseItem, Command, CompoundBody, CompoundCommand, CondExpr, FunctionDefinition, List, Pipeline, Redirect, RedirectOp, SimpleCommand, Word, WordPart, ParamOp } from './ast';
import { MAX_LINE, MAX_NESTING } from './limits';

/** A syntax error: `text` is everything bash prints; the line's status is 2. */
export class ShellSyntaxError extends Error {
  constructor(
    readonly text: string,
    /** bash -c exits 2 on a syntax error; an error inside [[ … ]] before the end of the input leaves 0. */
    readonly status = 2,
    /** The input ended inside a construct: an interactive bash would have asked for more (PS2). */
    readonly incomplete = false,
  ) {
    super(text);
  }
}

const METACHARS = ' \t\n|&;()<>';
/** Longest first, as bash's lexer matches them. */
const OPERATORS = [';;&', '&>>', '<<<', '<<-', '&&', '||', ';;', ';&', '|&', '>>', '>|', '<<', '<&', '>&', '<>', '&>', '|', '&', ';', '(', ')', '<', '>'];
const REDIRECT_OPS = new Set(['>', '>>', '>|', '<', '<>', '>&', '<&', '&>', '&>>', '<<<', '<<', '<<-']);
/** Reserved words that only continue a compound command; at command position they are errors. */
const CLOSING_WORDS = new Set(['then', 'do', 'done', 'fi', 'esac', 'else', 'elif', '}', 'in']);
/** Reserved words bash recognises at command position (parse.y: word_token_alist). */
const RESERVED = new Set([...CLOSING_WORDS, 'if', 'while', 'until', 'for', 'case', 'function', '{', '[[']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

const THEN = new Set(['then']);
const ELIF_ELSE_FI = new Set(['elif', 'else', 'fi']);
const FI = new Set(['fi']);
const DO = new Set(['do']);
const DONE = new Set(['done']);
const CASE_ENDS = new Set([';;', ';&', ';;&']);

/** [[ … ]] operators (test.c: test_unop, test_binop; cond.c adds =~). */
const COND_UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-n', '-o', '-p', '-r', '-s', '-t', '-u', '-v', '-w', '-x', '-z', '-G', '-L', '-N', '-O', '-R', '-S']);
const COND_BINARY = new Set(['=', '==', '!=', '=~', '-nt', '-ot', '-ef', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** A list ends at the end of the input, at ')' , at '}', at one of these reserved words, or at ;; in a case. */
type ListEnd = 'eof' | 'subshell' | 'cmdsubst' | 'group' | 'case' | ReadonlySet<string>;

/** A token of [[ … ]]: a word, or an operator / ']]' / 'newline' / '' at the end. */
type CondToken = { word: Word } | { op: string };

export class Parser {
  private pos = 0;
  /** Here-documents waiting for their body on the next line: [redirect, delimiter, strip tabs]. */
  private pendingHeredocs: Array<{ redirect: Redirect; delimiter: string; strip: boolean; quoted: boolean; line: number }> = [];
  /** Warnings bash prints while parsing (an unterminated here-document). */
  readonly warnings: string[] = [];
  /** The first top-level item of the line being read: here-document warnings go with it. */
  private lineItem: List['items'][number] | null = null;
  /** The input ended inside a here-document or right after a line-continuing backslash. */
  endedEarly = false;
  /** The here-document whose body the input ended in: until its delimiter, lines change nothing. */
  openHeredoc: { delimiter: string; strip: boolean } | null = null;

  constructor(
    private readonly src: string,
    private readonly depth = 0,
    private readonly firstLine = 1,
  ) {}

  /** The whole line as a List; throws ShellSyntaxError. */
  parseProgram(): List {
    const list = this.parseList('eof');
    return list;
  }

  // ---- errors -------------------------------------------------------------------------

  private lineAt(pos: number): number {
    let line = this.firstLine;
    for (let i = 0; i < pos && i < this.src.length; i++) if (this.src[i] === '\n') line++;
    return line;
  }

  private lineText(pos: number): string {
    const start = this.src.lastIndexOf('\n', pos - 1) + 1;
    const end = this.src.indexOf('\n', pos);
    return this.src.slice(start, end < 0 ? this.src.length : end);
  }

  private nearToken(token: string, pos: number): never {
    const line = this.lineAt(pos);
    throw new ShellSyntaxError(
      `bash: -c: line ${line}: syntax error near unexpected token \`${token}'\n` + `bash: -c: line ${line}: \`${this.lineText(pos)}'\n`,
    );
  }

  /** parse.y reads one more (empty) line before it gives up. */
  private unexpectedEof(): never {
    const line = this.lineAt(this.src.length) + (this.src.endsWith('\n') ? 0 : 1);
    throw new ShellSyntaxError(`bash: -c: line ${line}: syntax error: unexpected end of file\n`, 2, true);
  }

  private noMatching(ch: string, line: number): never {
    throw new ShellSyntaxError(`bash: -c: line ${line}: unexpected EOF while looking for matching \`${ch}'\n`, 2, true);
  }

  private nest(pos: number): void {
    if (this.depth + this.nesting >= MAX_NESTING) {
      throw new ShellSyntaxError(`bash: -c: line ${this.lineAt(pos)}: maximum nesting level exceeded (${MAX_NESTING})\n`);
    }
  }

  private nesting = 0;

  // ---- lexing -------------------------------------------------------------------------

  /** Skip blanks, line continuations and a comment; not newlines. */
  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private skipNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.src[this.pos] === '\n') {
        this.pos++;
        this.readHeredocBodies();
      } else return;
    }
  }

  /** The operator at pos, '\n', '' at the end, or null when a word starts here. */
  private peekOp(): string | null {
    if (this.pos >= this.src.length) return '';
    const c = this.src[this.pos];
    if (c === '\n') return '\n';
    // <(list) is a word (process substitution), not a redirection
    if (this.src.startsWith('<(', this.pos) || this.src.startsWith('>(', this.pos)) return null;
    for (const op of OPERATORS) if (this.src.startsWith(op, this.pos)) return op;
    return null;
  }

  /** A redirection at pos, with an optional fd number before it ("2>&1"). */
  private peekRedirect(): { fd: number | null; op: string; length: number } | null {
    const m = /^[0-9]+/.exec(this.src.slice(this.pos, this.pos + 12));
    const fdLen = m ? m[0].length : 0;
    const at = this.pos + fdLen;
    if (fdLen === 0 && (this.src.startsWith('<(', at) || this.src.startsWith('>(', at))) return null;
    for (const op of OPERATORS) {
      if (REDIRECT_OPS.has(op) && this.src.startsWith(op, at)) {
        if (fdLen > 0 && (op === '&>' || op === '&>>')) return null;
        return { fd: m ? Number(m[0]) : null, op, length: fdLen + op.length };
      }
    }
    return null;
  }

  /** The next word at command position, without consuming it (for reserved words). */
  private peekBareWord(): string | null {
    const m = /^[^ \t\n|&;()<>'"\\$`]+/.exec(this.src.slice(this.pos, this.pos + 64));
    if (!m) return null;
    return m[0];
  }

  // ---- grammar ------------------------------------------------------------------------

  private parseList(end: ListEnd): List {
    const items: List['items'] = [];
    const top = end === 'eof' && this.depth === 0;
    for (;;) {
      const before = this.pos;
      this.skipNewlines();
      // A new line of the -c string: the here-document warnings of what follows belong to it.
      const newLine = items.length === 0 || this.src.slice(before, this.pos).includes('\n');
      const op = this.peekOp();
      if (op === '') {
        if (end === 'cmdsubst') this.noMatching(')', this.lineAt(this.src.length) + 1);
        if (end !== 'eof') this.unexpectedEof();
        break;
      }
      if (op === ')' && (end === 'subshell' || end === 'cmdsubst')) break;
      if (end === 'group' && this.peekBareWord() === '}') break;
      if (end === 'case' && ((op !== null && CASE_ENDS.has(op)) || this.reservedAt() === 'esac')) break;
      if (typeof end === 'object' && end.has(this.reservedAt() ?? '')) break;
      if (op !== null && op !== '(' && !this.peekRedirect()) this.nearToken(op, this.pos);
      const lineItem: List['items'][number] | null = top && newLine ? { andOr: { first: { bang: false, commands: [], stderrToo: [] }, rest: [] }, background: false } : null;
      if (lineItem) this.lineItem = lineItem;
      const andOr = this.parseAndOr();
      this.skipBlanks();
      const next = this.peekOp();
      const item = lineItem ?? { andOr, background: false };
      item.andOr = andOr;
      if (next === ';' || next === '&') {
        this.pos++;
        item.background = next === '&';
        items.push(item);
        continue;
      }
      items.push(item);
      if (next === '\n' || next === '') continue;
      if (next === ')' && (end === 'subshell' || end === 'cmdsubst')) break;
      if (end === 'case' && next !== null && CASE_ENDS.has(next)) break;
      this.nearToken(next ?? this.peekBareWord() ?? this.src[this.pos], this.pos);
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') break;
      this.pos += 2;
      this.skipNewlines();
      if (this.pos >= this.src.length) this.unexpectedEof();
      rest.push({ op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    const time = this.parseTime();
    if (time && this.endsPipeline()) return { bang: false, commands: [], stderrToo: [], time };
    let bang = false;
    if (this.src[this.pos] === '!' && (this.pos + 1 >= this.src.length || ' \t\n'.includes(this.src[this.pos + 1]))) {
      bang = true;
      this.pos++;
      this.skipBlanks();
    }
    const commands: Command[] = [this.parseCommand()];
    const stderrToo: boolean[] = [];
    for (;;) {
      this.skipBlanks();
      const op = this.peekOp();
      if (op !== '|' && op !== '|&') break;
      this.pos += op.length;
      stderrToo.push(op === '|&');
      this.skipNewlines();
      if (this.pos >= this.src.length) this.unexpectedEof();
      commands.push(this.parseCommand());
    }
    stderrToo.push(false);
    return { bang, commands, stderrToo, ...(time ? { time } : {}) };
  }

  /** The reserved word `time` and its -p (and `--`), as bash's parser takes them before a pipeline. */
  private parseTime(): { posix: boolean } | undefined {
    const word = /^time(?=[ \t\n;&|()]|$)/.exec(this.src.slice(this.pos, this.pos + 5));
    if (!word) return undefined;
    this.pos += 4;
    let posix = false;
    for (;;) {
      this.skipBlanks();
      const opt = /^(-p|--)(?=[ \t\n;&|]|$)/.exec(this.src.slice(this.pos, this.pos + 3));
      if (!opt) break;
      if (opt[1] === '-p') posix = true;
      this.pos += opt[1].length;
      if (opt[1] === '--') break;
    }
    return { posix };
  }

  /** Nothing follows `time` before the end of the command: it times an empty pipeline. */
  private endsPipeline(): boolean {
    this.skipBlanks();
    const c = this.src[this.pos];
    return c === undefined || c === '\n' || c === ';' || (c === '&' && this.src[this.pos + 1] !== '>') || (c === '|' && this.src[this.pos + 1] === '|');
  }

  private parseCommand(): Command {
    this.skipBlanks();
    const line = this.lineAt(this.pos);
    const op = this.peekOp();
    if (op === '') this.unexpectedEof();
    if (op === '(' && this.src[this.pos + 1] === '(') {
      const close = this.matchingArith(this.pos + 2);
      if (close >= 0) {
        return this.compound(line, () => {
          const expr = new Parser(this.src.slice(this.pos + 2, close), this.depth + this.nesting + 1, line).readArithWord();
          this.pos = close + 2;
          return { kind: 'arith', expr };
        });
      }
    }
    if (op === '(') {
      const open = this.pos;
      this.nest(open);
      this.pos++;
      this.nesting++;
      const body = this.parseList('subshell');
      this.nesting--;
      if (body.items.length === 0) this.nearToken(')', this.pos);
      this.pos++; // ')'
      return { kind: 'subshell', body, redirects: this.parseTrailingRedirects(), line };
    }
    const bare = this.peekBareWord();
    if (bare === '{') return this.compound(line, () => this.parseGroup());
    const reserved = this.reservedAt();
    if (reserved === 'if') return this.compound(line, () => this.parseIf());
    if (reserved === 'while' || reserved === 'until') return this.compound(line, () => this.parseWhile(reserved));
    if (reserved === 'for') return this.compound(line, () => this.parseFor());
    if (reserved === 'case') return this.compound(line, () => this.parseCase());
    if (reserved === '[[') return this.compound(line, () => this.parseCond());
    if (reserved === 'function') return this.parseFunction(line, true);
    if (reserved !== null && CLOSING_WORDS.has(reserved)) this.nearToken(reserved, this.pos);
    if (op !== null && !this.peekRedirect()) this.nearToken(op === '\n' ? 'newline' : op, this.pos);
    const paren = bare === null || bare.includes('=') ? null : /^[ \t]*\([ \t]*/.exec(this.src.slice(this.pos + bare.length, this.pos + bare.length + 64));
    if (bare !== null && paren) {
      // WORD ( starts a function definition: anything but ) is an error there.
      if (this.src[this.pos + bare.length + paren[0].length] === ')') return this.parseFunction(line, false);
      this.pos += bare.length + paren[0].length;
      this.unexpectedHere(true);
    }
    return this.parseSimple(line);
  }

  /** A compound command and the redirections after it, within the nesting bound. */
  private compound(line: number, parse: () => CompoundBody): CompoundCommand {
    this.nest(this.pos);
    this.nesting++;
    const body = parse();
    this.nesting--;
    return { ...body, redirects: this.parseTrailingRedirects(), line };
  }

  /** The reserved word at pos, if the next word is one. */
  private reservedAt(): string | null {
    const word = this.peekBareWord();
    if (word === null || !RESERVED.has(word) || !this.wordEndsAt(this.pos + word.length)) return null;
    return word;
  }

  /** A syntax error at the token that starts at pos. */
  private unexpectedHere(eofIsNewline = false): never {
    this.skipBlanks();
    const op = this.peekOp();
    if (op === '' && !eofIsNewline) this.unexpectedEof();
    if (op === '' || op === '\n') this.nearToken('newline', this.pos);
    if (op !== null) this.nearToken(op, this.pos);
    const m = /^[^ \t\n|&;()<>]+/.exec(this.src.slice(this.pos, this.pos + 256));
    this.nearToken(m ? m[0] : this.src[this.pos], this.pos);
  }

  /** A list up to one of WORDS (which stays unread); it may not be empty. */
  private parseUntil(words: ReadonlySet<string>): List {
    const list = this.parseList(words);
    if (list.items.length === 0) this.nearToken(this.reservedAt() ?? '', this.pos);
    return list;
  }

  private consume(word: string): void {
    this.pos += word.length;
  }

  private parseGroup(): CompoundBody {
    this.pos++; // '{'
    const body = this.parseList('group');
    if (body.items.length === 0) this.nearToken('}', this.pos);
    this.pos++; // '}'
    return { kind: 'group', body };
  }

  private parseIf(): CompoundBody {
    this.consume('if');
    const clauses: Array<{ condition: List; body: List }> = [];
    let elseBody: List | null = null;
    for (;;) {
      const condition = this.parseUntil(THEN);
      this.consume('then');
      const body = this.parseUntil(ELIF_ELSE_FI);
      clauses.push({ condition, body });
      const word = this.reservedAt() as string;
      this.consume(word);
      if (word === 'elif') continue;
      if (word === 'else') {
        elseBody = this.parseUntil(FI);
        this.consume('fi');
      }
      return { kind: 'if', clauses, elseBody };
    }
  }

  private parseWhile(word: 'while' | 'until'): CompoundBody {
    this.consume(word);
    const condition = this.parseUntil(DO);
    this.consume('do');
    const body = this.parseUntil(DONE);
    this.consume('done');
    return { kind: word, condition, body };
  }

  /** do LIST done, or { LIST } (bash accepts a group as the body of for). */
  private parseLoopBody(): List {
    this.skipNewlines();
    if (this.reservedAt() === 'do') {
      this.consume('do');
      const body = this.parseUntil(DONE);
      this.consume('done');
      return body;
    }
    if (this.reservedAt() === '{') {
      const group = this.parseGroup();
      if (group.kind === 'group') return group.body;
    }
    return this.unexpectedHere();
  }

  /** Where the )) closing an arithmetic expression that starts at FROM is, or -1. */
  private matchingArith(from: number): number {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      if (this.src[i] === '(') depth++;
      else if (this.src[i] === ')') {
        if (depth === 0) return this.src[i + 1] === ')' ? i : -1;
        depth--;
      }
    }
    return -1;
  }

  /** for (( init; test; step )) [;] do …; done */
  private parseArithFor(): CompoundBody {
    const line = this.lineAt(this.pos);
    const start = this.pos;
    const close = this.matchingArith(this.pos + 2);
    if (close < 0) this.noMatching(')', line);
    const parts = this.src.slice(this.pos + 2, close).split(';');
    this.pos = close + 2;
    if (parts.length !== 3) {
      throw new ShellSyntaxError(
        `bash: -c: line ${line}: syntax error: arithmetic expression required\n` +
          `bash: -c: line ${line}: syntax error: \`${this.src.slice(start, this.pos)}'\n`,
      );
    }
    const [init, test, step] = parts.map((p) => new Parser(p, this.depth + this.nesting + 1, line).readArithWord());
    this.skipBlanks();
    if (this.peekOp() === ';') this.pos++;
    return { kind: 'arithfor', init, test, step, body: this.parseLoopBody() };
  }

  private parseFor(): CompoundBody {
    this.consume('for');
    this.skipBlanks();
    if (this.src.startsWith('((', this.pos)) return this.parseArithFor();
    const nameWord = this.peekOp() === null ? this.readWord() : null;
    if (!nameWord) return this.unexpectedHere(true);
    let words: Word[] | null = null;
    this.skipBlanks();
    if (this.peekOp() === ';') this.pos++;
    else {
      this.skipNewlines();
      if (this.reservedAt() === 'in') {
        this.consume('in');
        words = [];
        for (;;) {
          this.skipBlanks();
          const op = this.peekOp();
          if (op === ';') {
            this.pos++;
            break;
          }
          if (op === '\n') break;
          if (op === '') this.unexpectedEof();
          if (op !== null) this.nearToken(op, this.pos);
          words.push(this.readWord() as Word);
        }
      }
    }
    return { kind: 'for', name: nameWord.raw, words, body: this.parseLoopBody() };
  }

  private parseCase(): CompoundBody {
    this.consume('case');
    this.skipBlanks();
    const word = this.peekOp() === null ? this.readWord() : null;
    if (!word) return this.unexpectedHere(true);
    this.skipNewlines();
    if (this.reservedAt() !== 'in') this.unexpectedHere();
    this.consume('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.reservedAt() === 'esac') {
        this.consume('esac');
        return { kind: 'case', word, items };
      }
      this.skipBlanks();
      if (this.peekOp() === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        const pattern = this.peekOp() === null ? this.readWord() : null;
        if (!pattern) this.unexpectedHere();
        patterns.push(pattern);
        this.skipBlanks();
        const op = this.peekOp();
        this.pos++;
        if (op === ')') break;
        if (op !== '|') {
          this.pos--;
          this.unexpectedHere();
        }
      }
      const body = this.parseList('case');
      this.skipBlanks();
      const end = this.peekOp();
      if (end !== null && CASE_ENDS.has(end)) {
        this.pos += end.length;
        items.push({ patterns, body, terminator: end as CaseItem['terminator'] });
      } else items.push({ patterns, body, terminator: ';;' });
    }
  }

  /** NAME () compound-command, or function NAME [()] compound-command. */
  private parseFunction(line: number, keyword: boolean): FunctionDefinition {
    if (keyword) {
      this.consume('function');
      this.skipBlanks();
    }
    const name = this.peekBareWord();
    if (name === null || this.peekOp() !== null) return this.unexpectedHere(true);
    this.pos += name.length;
    const parens = /^[ \t]*\([ \t]*\)/.exec(this.src.slice(this.pos, this.pos + 64));
    if (parens) this.pos += parens[0].length;
    this.skipNewlines();
    const op = this.peekOp();
    const reserved = this.reservedAt();
    if (op !== '(' && (reserved === null || CLOSING_WORDS.has(reserved) || reserved === 'function')) this.unexpectedHere();
    const body = this.parseCommand() as CompoundCommand;
    return { kind: 'function', name, body, line };
  }

  // ---- [[ … ]] --------------------------------------------------------------------------

  /** Where the last token of [[ … ]] read starts. */
  private condTokenAt = 0;

  /** parse.y's cond errors end the line; its status stays 0 unless the input ran out. */
  private condError(text: string): never {
    const atEnd = this.src.slice(this.condTokenAt).trim() === '';
    throw new ShellSyntaxError(`bash: -c: line ${this.lineAt(this.pos)}: ${text}\n`, atEnd ? 2 : 0);
  }

  private condToken(): CondToken {
    this.skipBlanks();
    this.condTokenAt = this.pos;
    const op = this.peekOp();
    if (op === '' || op === '\n') return { op: 'newline' };
    if (op !== null) {
      this.pos += op.length;
      return { op };
    }
    const word = this.readWord() as Word;
    return word.raw === ']]' ? { op: ']]' } : { word };
  }

  /** cond.c's messages name an operator token, but not a word. */
  private static shown(t: CondToken): string | null {
    return 'op' in t ? t.op : null;
  }

  private parseCond(): CompoundBody {
    this.consume('[[');
    let pending: CondToken | null = null;
    const next = (): CondToken => {
      const t = pending ?? this.condToken();
      pending = null;
      return t;
    };
    const peek = (): CondToken => (pending ??= this.condToken());
    const isOp = (t: CondToken, op: string): boolean => 'op' in t && t.op === op;
    const term = (): CondExpr => {
      if (pending === null) {
        // cond_term skips newlines before an operand; at the end of the input that is `EOF'.
        this.skipNewlines();
        if (this.pos >= this.src.length) {
          const line = this.lineAt(this.src.length) + (this.src.endsWith('\n') ? 0 : 1);
          throw new ShellSyntaxError(`bash: -c: line ${line}: unexpected token \`EOF' in conditional command\n`, 2, true);
        }
      }
      const t = next();
      if (isOp(t, ']]') ) throw new ShellSyntaxError('', 0);
      if (isOp(t, '(')) {
        const expr = or();
        const close = next();
        if (!isOp(close, ')')) {
          const shown = Parser.shown(close);
          this.condError(shown ? `unexpected token \`${shown}', expected \`)'` : "expected `)'");
        }
        return expr;
      }
      if (!('word' in t)) this.condError(`unexpected token \`${t.op}' in conditional command`);
      if (t.word.raw === '!') return { kind: 'not', expr: term() };
      if (COND_UNARY.has(t.word.raw)) {
        const arg = next();
        if (!('word' in arg)) this.condError(`unexpected argument \`${arg.op}' to conditional unary operator`);
        return { kind: 'unary', op: t.word.raw, arg: arg.word };
      }
      const after = peek();
      if (('word' in after && COND_BINARY.has(after.word.raw)) || isOp(after, '<') || isOp(after, '>')) {
        next();
        const op = 'word' in after ? after.word.raw : after.op;
        const right = op === '=~' ? this.readRegexWord() : next();
        if (!('word' in right)) this.condError(`unexpected argument \`${right.op}' to conditional binary operator`);
        return { kind: 'binary', op, left: t.word, right: right.word };
      }
      if (isOp(after, ']]') || isOp(after, '&&') || isOp(after, '||') || isOp(after, ')')) return { kind: 'word', word: t.word };
      const shown = Parser.shown(after);
      return this.condError(shown ? `unexpected token \`${shown}', conditional binary operator expected` : 'conditional binary operator expected');
    };
    const and = (): CondExpr => {
      const left = term();
      if (!isOp(peek(), '&&')) return left;
      next();
      return { kind: 'and', left, right: and() };
    };
    const or = (): CondExpr => {
      const left = and();
      if (!isOp(peek(), '||')) return left;
      next();
      return { kind: 'or', left, right: or() };
    };
    const expr = or();
    const end = next();
    if (!isOp(end, ']]')) {
      const shown = Parser.shown(end);
      this.condError(shown ? `syntax error in conditional expression: unexpected token \`${shown}'` : 'syntax error in conditional expression');
    }
    return { kind: 'cond', expr };
  }

  /** The right side of =~: a word in which ( ) and | are part of the regular expression. */
  private readRegexWord(): CondToken {
    this.skipBlanks();
    const start = this.pos;
    const line = this.lineAt(this.pos);
    const parts: WordPart[] = [];
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '(' || (c === ')' && depth > 0) || c === '|' || ((c === ' ' || c === '\t') && depth > 0)) {
        if (c === '(') depth++;
        if (c === ')') depth--;
        parts.push({ kind: 'lit', text: c, quoted: false });
        this.pos++;
        continue;
      }
      if (METACHARS.includes(c)) break;
      const word = this.readWord();
      if (!word) break;
      parts.push(...word.parts);
    }
    if (depth > 0) {
      throw new ShellSyntaxError(
        `bash: -c: line ${line}: unexpected EOF while looking for matching \`)'\n` +
          `bash: -c: line ${this.lineAt(this.pos) + 1}: unexpected argument to conditional binary operator\n`,
      );
    }
    if (this.pos === start) return this.condToken();
    return { word: { parts, raw: this.src.slice(start, this.pos) } };
  }

  private wordEndsAt(pos: number): boolean {
    return pos >= this.src.length || METACHARS.includes(this.src[pos]);
  }

  private parseTrailingRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      this.skipBlanks();
      if (this.peekRedirect()) {
        redirects.push(this.parseRedirect());
        continue;
      }
      const op = this.peekOp();
      if (op === null) this.nearToken(this.peekBareWord() ?? this.src[this.pos], this.pos);
      return redirects;
    }
  }

  private parseSimple(line: number): SimpleCommand {
    const assignments: Assignment[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    const assignmentText: string[] = [];
    const start = this.pos;
    let end = this.pos;
    for (;;) {
      this.skipBlanks();
      if (this.peekRedirect()) {
        redirects.push(this.parseRedirect());
        end = this.pos;
        continue;
      }
      if (this.peekOp() !== null) break;
      const word = this.readWord();
      if (!word) break;
      const assignment = words.length === 0 ? asAssignment(word) : null;
      if (assignment) {
        assignments.push(assignment);
        assignmentText.push(word.raw);
      } else words.push(word);
      end = this.pos;
    }
    const text = commandText(assignmentText, words.map((w) => w.raw), redirects, this.src.slice(start, end));
    return { kind: 'simple', assignments, words, redirects, line, text };
  }

  private parseRedirect(): Redirect {
    const r = this.peekRedirect();
    if (!r) throw new Error('parseRedirect without a redirection');
    this.pos += r.length;
    this.skipBlanks();
    const next = this.peekOp();
    if (next !== null) this.nearToken(next === '' || next === '\n' ? 'newline' : next, this.pos);
    const target = this.readWord();
    if (!target) this.nearToken('newline', this.pos);
    if (r.op === '<<' || r.op === '<<-') {
      const redirect: Redirect = { fd: r.fd ?? 0, op: '<<<', target: { parts: [], raw: target.raw } };
      this.pendingHeredocs.push({
        redirect,
        delimiter: unquoteDelimiter(target),
        strip: r.op === '<<-',
        quoted: target.parts.some((p) => p.kind === 'lit' && p.quoted),
        line: this.lineAt(this.pos),
      });
      return redirect;
    }
    const op = r.op as RedirectOp;
    const fd = r.fd ?? (op.startsWith('<') ? 0 : 1);
    return { fd, op, target };
  }

  /**
   * Bodies of here-documents start after the newline that ends their command. At the end
   * of the input bash warns and takes what it has (make_here_document).
   */
  private readHeredocBodies(): void {
    const docs = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const doc of docs) {
      const lines: string[] = [];
      let found = false;
      while (this.pos < this.src.length) {
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let text = this.src.slice(this.pos, end);
        this.pos = nl < 0 ? end : end + 1;
        if (doc.strip) text = text.replace(/^\t+/, '');
        if (text === doc.delimiter) {
          found = true;
          break;
        }
        lines.push(text + '\n');
      }
      const body = lines.join('');
      // An unquoted delimiter lets $ and ` expand in the body, as inside double quotes.
      doc.redirect.target = doc.quoted
        ? { parts: [{ kind: 'lit', text: body, quoted: true }], raw: body }
        : new Parser(body, this.depth + 1).readHeredocWord();
      doc.redirect.heredoc = true;
      if (!found) {
        this.endedEarly = true;
        this.openHeredoc = { delimiter: doc.delimiter, strip: doc.strip };
        doc.redirect.unterminated = doc.delimiter;
        (this.lineItem ? (this.lineItem.warnings ??= []) : this.warnings).push(`bash: line ${this.lineAt(this.pos)}: warning: here-document at line ${doc.line} delimited by end-of-file (wanted \`${doc.delimiter}')\n`);
      }
    }
  }

  /** At the end of the input, here-documents still waiting get an empty body and a warning. */
  finish(): void {
    if (this.pendingHeredocs.length) this.readHeredocBodies();
  }

  // ---- words --------------------------------------------------------------------------

  private readWord(): Word | null {
    const start = this.pos;
    const parts: WordPart[] = [];
    const push = (text: string, quoted: boolean): void => {
      const last = parts[parts.length - 1];
      if (last && last.kind === 'lit' && last.quoted === quoted && text !== '') last.text += text;
      else parts.push({ kind: 'lit', text, quoted });
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if ((c === '<' || c === '>') && this.src[this.pos + 1] === '(') {
        this.nest(this.pos);
        this.pos += 2;
        this.nesting++;
        const list = this.parseList('cmdsubst');
        this.nesting--;
        this.pos++; // ')'
        parts.push({ kind: 'procsubst', list, output: c === '>' });
        continue;
      }
      if (METACHARS.includes(c)) break;
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '\n') {
          this.pos += 2;
        } else if (next === undefined) {
          this.endedEarly = true;
          push('\\', false);
          this.pos++;
        } else {
          push(next, true);
          this.pos += 2;
        }
      } else if (c === "'") {
        const close = this.src.indexOf("'", this.pos + 1);
        if (close < 0) this.noMatching("'", this.lineAt(this.pos));
        push(this.src.slice(this.pos + 1, close), true);
        this.pos = close + 1;
      } else if (c === '"') {
        this.readDoubleQuoted(parts, push);
      } else if (c === '$') {
        this.readDollar(parts, push, false);
      } else if (c === '`') {
        parts.push(this.readBackquote(false));
      } else if (c === '~' && this.pos === start) {
        const m = /^~([A-Za-z0-9_.-]*)/.exec(this.src.slice(this.pos, this.pos + 64));
        const user = m ? m[1] : '';
        const after = this.src[this.pos + 1 + user.length];
        if (after === undefined || after === '/' || METACHARS.includes(after)) {
          parts.push({ kind: 'tilde', user });
          this.pos += 1 + user.length;
        } else {
          push('~', false);
          this.pos++;
        }
      } else {
        push(c, false);
        this.pos++;
      }
    }
    if (this.pos === start) return null;
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  private readDoubleQuoted(parts: WordPart[], push: (text: string, quoted: boolean) => void): void {
    const line = this.lineAt(this.pos);
    this.pos++;
    push('', true);
    for (;;) {
      if (this.pos >= this.src.length) this.noMatching('"', line);
      const c = this.src[this.pos];
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '\n') this.pos += 2;
        else if (next !== undefined && '$`"\\'.includes(next)) {
          push(next, true);
          this.pos += 2;
        } else {
          push('\\', true);
          this.pos++;
        }
      } else if (c === '$') {
        this.readDollar(parts, push, true);
      } else if (c === '`') {
        parts.push(this.readBackquote(true));
      } else {
        push(c, true);
        this.pos++;
      }
    }
  }

  private readDollar(parts: WordPart[], push: (text: string, quoted: boolean) => void, quoted: boolean): void {
    const next = this.src[this.pos + 1];
    if (next === '(' && this.src[this.pos + 2] === '(') {
      const line = this.lineAt(this.pos);
      let depth = 0;
      let i = this.pos + 3;
      for (; i < this.src.length; i++) {
        if (this.src[i] === '(') depth++;
        else if (this.src[i] === ')') {
          if (depth === 0 && this.src[i + 1] === ')') break;
          depth--;
        }
      }
      if (i >= this.src.length) this.noMatching(')', line);
      const inner = new Parser(this.src.slice(this.pos + 3, i), this.depth + this.nesting + 1, line);
      parts.push({ kind: 'arith', expr: inner.readArithWord(), quoted });
      this.pos = i + 2;
      return;
    }
    if (next === '(') {
      this.nest(this.pos);
      this.pos += 2;
      this.nesting++;
      const list = this.parseList('cmdsubst');
      this.nesting--;
      this.pos++; // ')'
      parts.push({ kind: 'command', list, quoted });
      return;
    }
    if (next === '{') {
      parts.push(this.readBraceParam(quoted));
      return;
    }
    if (next === "'" && !quoted) {
      const line = this.lineAt(this.pos);
      const { text, end } = ansiC(this.src, this.pos + 2);
      if (end < 0) this.noMatching("'", line);
      push(text, true);
      this.pos = end + 1;
      return;
    }
    if (next === '"' && !quoted) {
      this.pos++;
      this.readDoubleQuoted(parts, push);
      return;
    }
    const m = NAME.exec(this.src.slice(this.pos + 1, this.pos + 256));
    if (m) {
      parts.push({ kind: 'param', name: m[0], quoted });
      this.pos += 1 + m[0].length;
      return;
    }
    if (next !== undefined && /[0-9?$#@*!\-]/.test(next)) {
      parts.push({ kind: 'param', name: next, quoted });
      this.pos += 2;
      return;
    }
    push('$', quoted);
    this.pos++;
  }

  /** ${NAME}, ${#NAME}, ${NAME:-word} and the other default/assign/alternate/error forms. */
  private readBraceParam(quoted: boolean): WordPart {
    const line = this.lineAt(this.pos);
    let depth = 0;
    let close = -1;
    for (let i = this.pos + 2; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\') i++;
      else if (c === "'" && !quoted) {
        const q = this.src.indexOf("'", i + 1);
        if (q < 0) break;
        i = q;
      } else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) {
          close = i;
          break;
        }
        depth--;
      }
    }
    if (close < 0) this.noMatching('}', line);
    const body = this.src.slice(this.pos + 2, close);
    this.pos = close + 1;
    const len = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])$/.exec(body);
    if (len) return { kind: 'param', name: len[1], op: '#len', quoted };
    const bad = (): WordPart => ({ kind: 'param', name: body, op: undefined, arg: { parts: [], raw: '${' + body + '}' }, quoted });
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])(:?[-=+?]|##?|%%?|\/[/#%]?|:)?/.exec(body);
    if (!m || (m[0].length < body.length && !m[2])) return bad();
    const op = m[2];
    if (!op) return { kind: 'param', name: m[1], quoted };
    const argSrc = body.slice(m[0].length);
    const sub = (src: string, q: boolean): Word => new Parser(src, this.depth + this.nesting + 1, line).readLooseWord(q);
    if (op === ':') {
      // ${NAME:OFFSET} and ${NAME:OFFSET:LENGTH}: two arithmetic expressions (subst.c: parameter_brace_substring).
      if (argSrc === '') return bad();
      const colon = topLevelIndex(argSrc, ':');
      const arith = (src: string): Word => new Parser(src, this.depth + this.nesting + 1, line).readArithWord();
      if (colon < 0) return { kind: 'param', name: m[1], op: 'substr', arg: arith(argSrc), quoted };
      return { kind: 'param', name: m[1], op: 'substr', arg: arith(argSrc.slice(0, colon)), arg2: arith(argSrc.slice(colon + 1)), quoted };
    }
    if (op.startsWith('/')) {
      // ${NAME/PATTERN/STRING}: the pattern ends at the first unquoted '/'; quoted parts match literally.
      const slash = topLevelIndex(argSrc, '/');
      const pattern = slash < 0 ? argSrc : argSrc.slice(0, slash);
      const replacement = slash < 0 ? null : argSrc.slice(slash + 1);
      const part: WordPart = { kind: 'param', name: m[1], op: op as ParamOp, arg: sub(pattern, false), quoted };
      // The replacement expands as in double quotes; only what is quoted in it hides an `&`.
      if (replacement !== null) part.arg2 = sub(replacement, false);
      return part;
    }
    // The pattern of # ## % %% is a pattern even inside double quotes.
    const patternOp = op.startsWith('#') || op.startsWith('%');
    return { kind: 'param', name: m[1], op: op as ParamOp, arg: sub(argSrc, patternOp ? false : quoted), quoted };
  }

  /** The word after ${NAME:- …}: quotes and expansions, blanks kept. */
  readLooseWord(quoted: boolean): Word {
    const parts: WordPart[] = [];
    const push = (text: string, q: boolean): void => {
      const last = parts[parts.length - 1];
      if (last && last.kind === 'lit' && last.quoted === q) last.text += text;
      else parts.push({ kind: 'lit', text, quoted: q });
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && this.pos + 1 < this.src.length) {
        push(this.src[this.pos + 1], true);
        this.pos += 2;
      } else if (c === "'" && !quoted) {
        const close = this.src.indexOf("'", this.pos + 1);
        const end = close < 0 ? this.src.length : close;
        push(this.src.slice(this.pos + 1, end), true);
        this.pos = end + 1;
      } else if (c === '"') {
        this.readDoubleQuoted(parts, push);
      } else if (c === '$') {
        this.readDollar(parts, push, quoted);
      } else if (c === '`') {
        parts.push(this.readBackquote(quoted));
      } else {
        push(c, quoted);
        this.pos++;
      }
    }
    return { parts, raw: this.src };
  }

  /** The whole source as one word, as the lexer would have read it (an empty one has no parts). */
  readBraceWord(): Word {
    return this.readWord() ?? { parts: [], raw: '' };
  }

  /** The inside of $(( … )): $ and ` expansions, the rest literal. */
  readArithWord(): Word {
    const parts: WordPart[] = [];
    const push = literalAppender(parts);
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '$') this.readDollar(parts, push, true);
      else if (c === '`') parts.push(this.readBackquote(true));
      else {
        push(c, true);
        this.pos++;
      }
    }
    return { parts, raw: this.src };
  }

  /** An unquoted here-document's body: $ and ` expand; \ quotes only $, `, \ and a newline (which it removes). */
  readHeredocWord(): Word {
    const parts: WordPart[] = [];
    const push = literalAppender(parts);
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '\n') this.pos += 2;
        else if (next === '$' || next === '`' || next === '\\') {
          push(next, true);
          this.pos += 2;
        } else {
          push(c, true);
          this.pos++;
        }
      } else if (c === '$') this.readDollar(parts, push, true);
      else if (c === '`') parts.push(this.readBackquote(true));
      else {
        push(c, true);
        this.pos++;
      }
    }
    return { parts, raw: this.src };
  }

  /** `…`: backslash keeps its meaning only before $, ` and \ (and " inside double quotes). */
  private readBackquote(quoted: boolean): WordPart {
    const line = this.lineAt(this.pos);
    this.nest(this.pos);
    let inner = '';
    let i = this.pos + 1;
    for (; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\' && i + 1 < this.src.length) {
        const next = this.src[i + 1];
        if (next === '$' || next === '`' || next === '\\' || (quoted && next === '"')) inner += next;
        else inner += c + next;
        i++;
      } else if (c === '`') break;
      else inner += c;
    }
    if (i >= this.src.length) this.noMatching('`', line);
    this.pos = i + 1;
    const parser = new Parser(inner, this.depth + this.nesting + 1, line);
    const list = parser.parseProgram();
    return { kind: 'command', list, quoted };
  }
}

/**
 * Where CH first occurs in SRC outside quotes, backslash escapes, ( ) and ${ } (the ':' of
 * ${x:o:l}, the '/' of ${x/p/r}); -1 when it does not.
 */
function topLevelIndex(src: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      const close = src.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (c === '(' || c === '{') depth++;
    else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}

/** Parse TEXT as one word (the words brace expansion makes of a word are expanded as written). */
export function parseWord(text: string): Word {
  const parser = new Parser(text);
  return parser.readBraceWord();
}

function asAssignment(word: Word): Assignment | null {
  const first = word.parts[0];
  if (!first || first.kind !== 'lit' || first.quoted) return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!m) return null;
  const rest = first.text.slice(m[0].length);
  const parts: WordPart[] = rest ? [{ kind: 'lit', text: rest, quoted: false }] : [];
  parts.push(...word.parts.slice(1));
  if (parts.length === 0) parts.push({ kind: 'lit', text: '', quoted: true });
  return { name: m[1], value: { parts, raw: word.raw.slice(m[0].length) } };
}

function unquoteDelimiter(word: Word): string {
  return word.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
}

/** $'…' (ANSI-C quoting): returns the text and the index of the closing quote, or -1. */
function ansiC(src: string, from: number): { text: string; end: number } {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
  let text = '';
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === "'") return { text, end: i };
    if (c !== '\\' || i + 1 >= src.length) {
      text += c;
      continue;
    }
    const n = src[i + 1];
    if (simple[n] !== undefined) {
      text += simple[n];
      i++;
    } else if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(src.slice(i + 2, i + 4));
      if (m) {
        text += String.fromCharCode(parseInt(m[0], 16));
        i += 1 + m[0].length;
      } else {
        text += '\\x';
        i++;
      }
    } else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4)) as RegExpExecArray;
      text += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += m[0].length;
    } else {
      text += '\\' + n;
      i++;
    }
  }
  return { text, end: -1 };
}

/**
 * Whether an interactive bash would show its `> ` prompt (PS2) after this input: it ends
 * inside quotes, a compound command, a pending here-document or after a trailing `\`.
 */
export function needsMoreInput(text: string): boolean {
  return continuation(text) !== null;
}

/**
 * Why bash would ask for more after TEXT: null when it is complete; `heredoc` when it ended
 * inside a here-document's body (so only a line equal to its delimiter can change that).
 */
export function continuation(text: string): { heredoc: { delimiter: string; strip: boolean } | null } | null {
  const parser = new Parser(text);
  try {
    parser.parseProgram();
    parser.finish();
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e.incomplete ? { heredoc: null } : null;
    throw e;
  }
  return parser.endedEarly ? { heredoc: parser.openHeredoc } : null;
}

/**
 * Reads a script line by line as bash does and says when a command is complete. Inside a
 * here-document only its delimiter line is worth parsing again, so a long body costs one
 * comparison a line, not a parse.
 */
export class CommandReader {
  private lines: string[] = [];
  private waiting: { delimiter: string; strip: boolean } | null = null;
  private length = 0;

  get pending(): boolean {
    return this.lines.length > 0;
  }

  /** Add a line; returns the complete command when this line finished one. */
  push(line: string): string | undefined {
    this.lines.push(line);
    this.length += line.length + 1;
    if (this.waiting) {
      const text = this.waiting.strip ? line.replace(/^\t+/, '') : line;
      if (text !== this.waiting.delimiter && this.length <= MAX_LINE) return undefined;
    }
    const script = this.lines.join('\n');
    // Past MAX_LINE, bash -c refuses the command whole: no need to read further.
    const more = script.length > MAX_LINE ? null : continuation(script);
    if (more) {
      this.waiting = more.heredoc;
      return undefined;
    }
    return this.flush();
  }

  /** What was read of an unfinished command (at the end of the input), or undefined. */
  flush(): string | undefined {
    if (this.lines.length === 0) return undefined;
    const script = this.lines.join('\n');
    this.lines = [];
    this.waiting = null;
    this.length = 0;
    return script;
  }
}

/**
 * A chat message's script cut into the commands bash would read one at a time: a line,
 * or as many lines as an unfinished here-document, quote, compound command or trailing
 * `\` take. Blank lines between commands are dropped; blank lines inside one are kept.
 * Whatever is left unfinished at the end is a command of its own (bash -c then reports it).
 */
export function splitCommands(script: string): string[] {
  const commands: string[] = [];
  const reader = new CommandReader();
  for (const raw of script.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!reader.pending && line.trim() === '') continue;
    const command = reader.push(line);
    if (command !== undefined) commands.push(command);
  }
  const rest = reader.flush();
  if (rest !== undefined) commands.push(rest);
  return commands;
}

/** Parse one -c string; `warnings` are printed before it runs. */
export function parseLine(line: string): { list: List; warnings: string[] } {
  const parser = new Parser(line);
  const list = parser.parseProgram();
  parser.finish();
  return { list, warnings: parser.warnings };
}

/** Appends literal text to PARTS, joining it to a literal part just before it. */
function literalAppender(parts: WordPart[]): (text: string, quoted: boolean) => void {
  return (text, quoted) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === 'lit') last.text += text;
    else parts.push({ kind: 'lit', text, quoted });
  };
}
