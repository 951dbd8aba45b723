/**
 * break, continue, return, local and shift (bash 5.2 builtins/break.def, return.def,
 * declare.def, shift.def). Leaving a loop or a function unwinds the executor with an
 * exception the loop or the function call catches.
 */
import type { Builtin, BuiltinContext } from './builtins';
import type { Io } from '../userland/tool';
import { ExitRequest } from './builtins';

/** break N / continue N: `count` loops still to leave. */
export class LoopControl {
  constructor(
    readonly kind: 'break' | 'continue',
    public count: number,
    /** The loop's status when it is left (1 after a count out of range). */
    readonly status = 0,
  ) {}
}

/** return N from the running function. */
export class ReturnRequest {
  constructor(readonly code: number) {}
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** legal_number(): optional blanks and sign around decimal digits. */
const NUMBER = /^[ \t\n]*[-+]?[0-9]+[ \t\n]*$/;

function loopControl(kind: 'break' | 'continue'): Builtin {
  return (argv: string[], io: Io, ctx: BuiltinContext): number => {
    const args = argv.slice(1);
    if (args[0] === '--') args.shift();
    if (ctx.shell.loopDepth === 0) {
      io.err(`${ctx.prefix}${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    if (args.length > 1) {
      // A usage error of a special builtin ends a non-interactive shell.
      io.err(`${ctx.prefix}${kind}: too many arguments\n`);
      throw new ExitRequest(1);
    }
    let count = 1;
    if (args.length === 1) {
      if (!NUMBER.test(args[0])) {
        io.err(`${ctx.prefix}${kind}: ${args[0]}: numeric argument required\n`);
        throw new ExitRequest(128);
      }
      count = Number(args[0]);
      if (count <= 0) {
        // break.def: sh_erange, then every enclosing loop is left.
        io.err(`${ctx.prefix}${kind}: ${args[0]}: loop count out of range\n`);
        throw new LoopControl('break', ctx.shell.loopDepth, 1);
      }
    }
    throw new LoopControl(kind, Math.min(count, ctx.shell.loopDepth));
  };
}

function returnBuiltin(argv: string[], io: Io, ctx: BuiltinContext): number {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (!ctx.shell.inFunction) {
    io.err(`${ctx.prefix}return: can only \`return' from a function or sourced script\n`);
    return 2;
  }
  if (args.length === 0) throw new ReturnRequest(ctx.status);
  if (!NUMBER.test(args[0])) {
    io.err(`${ctx.prefix}return: ${args[0]}: numeric argument required\n`);
    throw new ReturnRequest(2);
  }
  if (args.length > 1) {
    io.err(`${ctx.prefix}return: too many arguments\n`);
    throw new ExitRequest(1);
  }
  throw new ReturnRequest(Number(BigInt.asUintN(8, BigInt(args[0].trim()))));
}

function local(argv: string[], io: Io, ctx: BuiltinContext): number {
  if (!ctx.shell.inFunction) {
    io.err(`${ctx.prefix}local: can only be used in a function\n`);
    return 1;
  }
  let status = 0;
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!IDENT.test(name)) {
      io.err(`${ctx.prefix}local: \`${arg}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    ctx.shell.makeLocal(name);
    if (eq >= 0) ctx.sys.env[name] = arg.slice(eq + 1);
  }
  return status;
}

function shift(argv: string[], io: Io, ctx: BuiltinContext): number {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  let count = 1;
  if (args.length > 0) {
    if (!NUMBER.test(args[0])) {
      io.err(`${ctx.prefix}shift: ${args[0]}: numeric argument required\n`);
      return 1;
    }
    count = Number(args[0]);
    if (count < 0) {
      io.err(`${ctx.prefix}shift: ${args[0]}: shift count out of range\n`);
      return 1;
    }
  }
  if (count > ctx.shell.positional.length) return 1;
  ctx.shell.positional = ctx.shell.positional.slice(count);
  return 0;
}

export const CONTROL_BUILTINS: ReadonlyArray<[string, Builtin]> = [
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  ['return', returnBuiltin],
  ['local', local],
  ['shift', shift],
];
