/**
 * `let ARG …` (bash 5.2 builtins/let.def): each ARG an arithmetic expression, evaluated in
 * order; the status is 1 when the last one is 0, else 0. An error names the expression
 * ("let: 1/0: division by 0 …") and gives 1; under set -u an unset variable ends the shell.
 */
import { ExitRequest, type Builtin } from './builtins';
import { ArithError, evaluateArith } from './arith';
import { ExpansionError } from './expand';
import { allocateVariable } from './memory';
import type { ShellOptions } from './options';

export function letBuiltin(shell: { readonly options: ShellOptions; bashVariable(name: string): string | undefined }): Builtin {
  return (argv, io, ctx) => {
    const args = argv.slice(1);
    if (args[0] === '--') args.shift();
    if (args.length === 0) {
      io.err(`${ctx.prefix}let: expression expected\n`);
      return 1;
    }
    const env = ctx.sys.env;
    const read = (name: string): string | undefined => {
      const value = env[name] ?? shell.bashVariable(name);
      if (value === undefined && shell.options.has('nounset')) throw new ExpansionError(`${ctx.prefix}${name}: unbound variable\n`, true);
      return value;
    };
    let last = 0n;
    for (const expr of args) {
      try {
        last = evaluateArith(expr, read, 0, (name, value) => {
          allocateVariable(env, name, value);
          env[name] = value;
        });
      } catch (e) {
        if (e instanceof ExpansionError) {
          io.err(e.text);
          throw new ExitRequest(shell.options.has('errexit') ? 1 : e.exitStatus, true);
        }
        if (!(e instanceof ArithError)) throw e;
        io.err(`${ctx.prefix}let: ${e.text}\n`);
        return 1;
      }
    }
    return last === 0n ? 1 : 0;
  };
}
