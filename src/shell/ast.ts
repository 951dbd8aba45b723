/**
 * The parsed form of a command line, in the words of bash's grammar (parse.y): a list of
 * and-or lists of pipelines of commands; a simple command is assignments, words and
 * redirections. Words keep their parts so expansion knows what was quoted.
 */

export type WordPart =
  /** Literal text; `quoted` when it came from '…', "…", $'…' or a backslash (no splitting, no globbing). */
  | { kind: 'lit'; text: string; quoted: boolean }
  /** $NAME, ${NAME}, ${NAME:-word}, ${#NAME}, $?, $$, $1 … */
  | { kind: 'param'; name: string; op?: ParamOp; arg?: Word; arg2?: Word; quoted: boolean }
  /** $(list) or `list` */
  | { kind: 'command'; list: List; quoted: boolean }
  /** $((expression)) */
  | { kind: 'arith'; expr: Word; quoted: boolean }
  /** <(list) / >(list): a path (/dev/fd/63) the list's output is read from, or its input written to */
  | { kind: 'procsubst'; list: List; output: boolean }
  /** ~ or ~user at the start of a word */
  | { kind: 'tilde'; user: string };

/**
 * ${NAME-w} ${NAME:-w} ${NAME=w} ${NAME:=w} ${NAME+w} ${NAME:+w} ${NAME?w} ${NAME:?w} ${#NAME};
 * ${NAME:OFFSET[:LENGTH]} ('substr': arg is the offset, arg2 the length); ${NAME#P} ${NAME##P}
 * ${NAME%P} ${NAME%%P} (arg is the pattern); ${NAME/P/S} ${NAME//P/S} ${NAME/#P/S} ${NAME/%P/S}
 * (arg the pattern, arg2 the string, absent for ${NAME/P}).
 */
export type ParamOp = '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | '#len' | 'substr' | '#' | '##' | '%' | '%%' | '/' | '//' | '/#' | '/%';

export interface Word {
  parts: WordPart[];
  /** The source text, for messages such as "$x: ambiguous redirect". */
  raw: string;
}

export type RedirectOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<<';

export interface Redirect {
  /** The file descriptor redirected (1 for ">", 0 for "<"); &> and &>> redirect 1 and 2. */
  fd: number;
  op: RedirectOp;
  target: Word;
  /** A here-document (<<); its body is `target`. */
  heredoc?: boolean;
  /** The delimiter of a here-document the input ended before (bash warns). */
  unterminated?: string;
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
  /** Line of the input the command starts on ("bash: line N: …"). */
  line: number;
  /** The command as written, for job status lines ("Segmentation fault      insmod x.ko"). */
  text: string;
}

/** [[ … ]]: an expression tree of bash's conditional command (cond.c / parse.y cond_term). */
export type CondExpr =
  | { kind: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { kind: 'not'; expr: CondExpr }
  | { kind: 'unary'; op: string; arg: Word }
  | { kind: 'binary'; op: string; left: Word; right: Word }
  /** A lone word: true when it expands to a non-empty string. */
  | { kind: 'word'; word: Word };

export interface CaseItem {
  patterns: Word[];
  body: List;
  /** ;; stops, ;& runs the next body too, ;;& tests the next patterns. */
  terminator: ';;' | ';&' | ';;&';
}

/** The compound commands of bash's grammar (parse.y: shell_command). */
export type CompoundBody =
  /** ( list ) runs in a subshell; { list; } in this shell. */
  | { kind: 'subshell' | 'group'; body: List }
  | { kind: 'if'; clauses: Array<{ condition: List; body: List }>; elseBody: List | null }
  /** for NAME [in WORDS]; do …; done — without `in`, the positional parameters. */
  | { kind: 'for'; name: string; words: Word[] | null; body: List }
  | { kind: 'while' | 'until'; condition: List; body: List }
  | { kind: 'case'; word: Word; items: CaseItem[] }
  | { kind: 'cond'; expr: CondExpr | null }
  /** (( expression )): status 0 when it is not zero. */
  | { kind: 'arith'; expr: Word }
  /** for (( init; test; step )); do …; done */
  | { kind: 'arithfor'; init: Word; test: Word; step: Word; body: List };

export type CompoundCommand = CompoundBody & {
  redirects: Redirect[];
  line: number;
};

/** NAME () compound-command, or `function NAME { …; }`. */
export interface FunctionDefinition {
  kind: 'function';
  name: string;
  body: CompoundCommand;
  line: number;
}

export type Command = SimpleCommand | CompoundCommand | FunctionDefinition;

export interface Pipeline {
  /** `! pipeline` inverts the status. */
  bang: boolean;
  /** `time [-p] pipeline`: report its times on stderr when it ends (-p: POSIX format). */
  time?: { posix: boolean };
  commands: Command[];
  /** `|&` after command i also pipes its stderr. */
  stderrToo: boolean[];
}

export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
}

export interface List {
  /**
   * `warnings`: what bash printed while reading this item's line (an unterminated
   * here-document) — bash -c reads and runs one line at a time, so they come just before it.
   */
  items: Array<{ andOr: AndOr; background: boolean; warnings?: string[] }>;
}
