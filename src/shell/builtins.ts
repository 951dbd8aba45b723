/**
 * The bash builtins that change the shell itself (cd and pwd in directory.ts, exit, :, unset; export and declare in export.ts), with
 * bash 5.2's messages. echo, printf, true, false, history and help are builtins too, but
 * their code is the userland tool of the same name (see BUILTIN_TOOLS in exec.ts).
 */
import type { Io, System } from '../userland/tool';
import type { Input } from './input';
import { cd, pwd } from './directory';

/** `exit N` unwinds to the top of the line (or of a subshell / command substitution). */
export class ExitRequest {
  constructor(
    readonly code: number,
    /** An expansion error ended the shell (${x:?}, set -u): a ( ) or $( ) subshell then exits 1. */
    readonly expansion = false,
  ) {}
}

export interface BuiltinContext {
  sys: System;
  /** "bash: line N: " */
  prefix: string;
  /** $? before this command. */
  status: number;
  /** The shell's standard input, which `read` takes a line of. */
  input: Input;
  /** What break, continue, return, local and shift change. */
  shell: ShellControl;
}

/** The state of the running shell the control builtins see. */
export interface ShellControl {
  /** Loops this command runs in (in the current function). */
  readonly loopDepth: number;
  readonly inFunction: boolean;
  /** $1 … */
  positional: string[];
  /** Give NAME a value of its own in the running function (bash's dynamic scoping). */
  makeLocal(name: string): void;
  unsetFunction(name: string): void;
  /** Names with the export attribute: what the programs the shell runs get. */
  readonly exported: Set<string>;
}

export type Builtin = (argv: string[], io: Io, ctx: BuiltinContext) => number;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function exit(argv: string[], io: Io, ctx: BuiltinContext): number {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) throw new ExitRequest(ctx.status);
  if (!/^[-+]?[0-9]+$/.test(args[0].trim())) {
    io.err(`${ctx.prefix}exit: ${args[0]}: numeric argument required\n`);
    throw new ExitRequest(2);
  }
  if (args.length > 1) {
    io.err(`${ctx.prefix}exit: too many arguments\n`);
    return 1;
  }
  throw new ExitRequest(Number(BigInt.asUintN(8, BigInt(args[0].trim()))));
}

function colon(): number {
  return 0;
}

function unset(argv: string[], io: Io, ctx: BuiltinContext): number {
  let status = 0;
  let mode: 'f' | 'v' | null = null;
  const args = argv.slice(1);
  while (args.length && /^-[fvn]+$/.test(args[0])) {
    const flags = args.shift() as string;
    if (flags.includes('f')) mode = 'f';
    else if (flags.includes('v')) mode = 'v';
  }
  if (args[0] === '--') args.shift();
  for (const name of args) {
    if (mode === 'f') {
      ctx.shell.unsetFunction(name);
      continue;
    }
    if (!IDENT.test(name)) {
      io.err(`${ctx.prefix}unset: \`${name}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    // Without -f or -v a variable goes first, else the function of that name.
    if (ctx.sys.env[name] !== undefined || mode === 'v' || ctx.shell.exported.has(name)) {
      delete ctx.sys.env[name];
      ctx.shell.exported.delete(name);
    }
    else ctx.shell.unsetFunction(name);
  }
  return status;
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['cd', cd],
  ['pwd', pwd],
  ['exit', exit],
  [':', colon],
  ['unset', unset],
]);

/** Builtins whose code is the userland tool of the same name. */
export const BUILTIN_TOOLS: ReadonlySet<string> = new Set(['echo', 'printf', 'true', 'false', 'history', 'help']);
