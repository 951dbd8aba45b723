/** The parsed awk program: what parser.ts builds and interp.ts runs. */

/** A variable: a global by name, or a function's parameter by position. */
export type VarRef = { scope: 'global'; name: string } | { scope: 'local'; index: number; name: string };

export type LValue = { kind: 'var'; ref: VarRef } | { kind: 'field'; index: Expr } | { kind: 'elem'; arr: VarRef; subs: Expr[] };

export type GetlineSource = { from: 'main' } | { from: 'file'; file: Expr } | { from: 'cmd'; cmd: Expr };

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'regex'; source: string }
  | LValue
  | { kind: 'assign'; op: string; target: LValue; value: Expr }
  | { kind: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'in'; subs: Expr[]; arr: VarRef }
  | { kind: 'match'; negate: boolean; left: Expr; re: Expr }
  | { kind: 'cmp'; op: string; left: Expr; right: Expr }
  | { kind: 'concat'; left: Expr; right: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'unary'; op: string; operand: Expr }
  | { kind: 'incdec'; prefix: boolean; op: '++' | '--'; target: LValue }
  | { kind: 'call'; name: string; args: Expr[]; line: number }
  | { kind: 'builtin'; name: string; args: Expr[] }
  | { kind: 'getline'; source: GetlineSource; target: LValue | null }
  | { kind: 'group'; expr: Expr };

export interface Redirect {
  mode: '>' | '>>' | '|';
  target: Expr;
}

export type Stmt =
  | { kind: 'block'; body: Stmt[] }
  | { kind: 'expr'; expr: Expr }
  | { kind: 'print'; args: Expr[]; redirect: Redirect | null }
  | { kind: 'printf'; args: Expr[]; redirect: Redirect | null }
  | { kind: 'if'; test: Expr; yes: Stmt; no: Stmt | null }
  | { kind: 'while'; test: Expr; body: Stmt }
  | { kind: 'do'; body: Stmt; test: Expr }
  | { kind: 'for'; init: Expr | null; test: Expr | null; step: Expr | null; body: Stmt }
  | { kind: 'forIn'; variable: LValue; arr: VarRef; body: Stmt }
  | { kind: 'break' | 'continue' | 'next' | 'nextfile' }
  | { kind: 'exit'; value: Expr | null }
  | { kind: 'return'; value: Expr | null }
  | { kind: 'delete'; arr: VarRef; subs: Expr[] | null };

export interface Item {
  pattern: Expr | null;
  /** A range pattern's end (pattern, end). */
  end: Expr | null;
  /** null: the default action, print $0. */
  body: Stmt[] | null;
}

export interface Func {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  begin: Stmt[][];
  end: Stmt[][];
  items: Item[];
  funcs: Map<string, Func>;
}
