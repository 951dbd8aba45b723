/**
 * The parsed form of a command line, in the words of bash's grammar (parse.y): a list of
 * and-or lists of pipelines of commands; a simple command is assignments, words and
 * redirections. Words keep their parts so expansion knows what was quoted.
 */

export type WordPart =
  /** Literal text; `quoted` when it came from '…', "…", $'…' or a backslash (no splitting, no globbing). */
  | { kind: 'lit'; text: string; quoted: boolean }
  /** $NAME, ${NAME}, ${NAME:-word}, ${#NAME}, $?, $$, $1 … */
  | { kind: 'param'; name: string; op?: ParamOp; arg?: Word; quoted: boolean }
  /** $(list) or `list` */
  | { kind: 'command'; list: List; quoted: boolean }
  /** $((expression)) */
  | { kind: 'arith'; expr: Word; quoted: boolean }
  /** ~ or ~user at the start of a word */
  | { kind: 'tilde'; user: string };

/** ${NAME-w} ${NAME:-w} ${NAME=w} ${NAME:=w} ${NAME+w} ${NAME:+w} ${NAME?w} ${NAME:?w} ${#NAME} */
export type ParamOp = '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | '#len';

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

export interface CompoundCommand {
  /** ( list ) runs in a subshell; { list; } in this shell. */
  kind: 'subshell' | 'group';
  body: List;
  redirects: Redirect[];
  line: number;
}

export type Command = SimpleCommand | CompoundCommand;

export interface Pipeline {
  /** `! pipeline` inverts the status. */
  bang: boolean;
  commands: Command[];
  /** `|&` after command i also pipes its stderr. */
  stderrToo: boolean[];
}

export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
}

export interface List {
  items: Array<{ andOr: AndOr; background: boolean }>;
}
