/**
 * The export attribute (bash 5.2 builtins/setattr.def, declare.def): only variables that
 * have it reach the programs the shell runs. `export [-fn] [NAME[=VALUE] …]`, `export -p`,
 * `declare [-xpg] [+x] [NAME[=VALUE] …]`, with bash's listings (`declare -x NAME="value"`)
 * and messages. declare's other attributes (-a -A -i -l -n -r -t -u …) are not simulated.
 */
import type { Builtin, BuiltinContext } from './builtins';
import type { Io } from '../userland/tool';
import { allocateVariable } from './memory';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EXPORT_USAGE = 'export: usage: export [-fn] [name[=value] ...] or export -p\n';
const DECLARE_USAGE: Readonly<Record<string, string>> = {
  declare: 'declare: usage: declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]\n',
  typeset: 'typeset: usage: typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]\n',
};

/** What export and declare change in the shell. */
export interface AttributeShell {
  /** Names with the export attribute, set or not. */
  readonly exported: Set<string>;
  hasFunction(name: string): boolean;
  /** set -x: export's assignments are traced after the command, one a line (`+ A=1`). */
  traceAssignment(name: string, value: string): void;
}

/** A value as declare -p and export -p write it: in double quotes, with " $ \ ` escaped. */
function doubleQuoted(value: string): string {
  return `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `declare -x NAME="value"` (or `declare -x NAME` while unset) for each exported name. */
function exportListing(shell: AttributeShell, ctx: BuiltinContext): string {
  return [...shell.exported]
    .sort(byteOrder)
    .map((name) => (ctx.sys.env[name] === undefined ? `declare -x ${name}\n` : `declare -x ${name}=${doubleQuoted(ctx.sys.env[name])}\n`))
    .join('');
}

/** Options as bash's internal_getopt reads them for these builtins: `-` or `+` words of letters. */
function attributeOptions(argv: readonly string[], letters: string, plus: boolean): { on: string; off: string; args: string[] } | { bad: string } {
  let on = '';
  let off = '';
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (!/^[-+]./.test(arg) || (arg[0] === '+' && !plus)) break;
    for (const c of arg.slice(1)) {
      if (!letters.includes(c)) return { bad: `${arg[0]}${c}` };
      if (arg[0] === '-') on += c;
      else off += c;
    }
  }
  return { on, off, args: argv.slice(i) };
}

function assign(ctx: BuiltinContext, name: string, value: string): void {
  allocateVariable(ctx.sys.env, name, value);
  ctx.sys.env[name] = value;
}

export function exportBuiltin(shell: AttributeShell): Builtin {
  return (argv: string[], io: Io, ctx: BuiltinContext): number => {
    const opts = attributeOptions(argv, 'fnp', false);
    if ('bad' in opts) {
      io.err(`${ctx.prefix}export: ${opts.bad}: invalid option\n${EXPORT_USAGE}`);
      return 2;
    }
    if (opts.args.length === 0) {
      io.out(exportListing(shell, ctx));
      return 0;
    }
    let status = 0;
    for (const arg of opts.args) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!IDENT.test(name)) {
        io.err(`${ctx.prefix}export: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (opts.on.includes('f')) {
        // Functions are not passed to child shells here; a name that is none is still an error.
        if (!shell.hasFunction(name)) {
          io.err(`${ctx.prefix}export: ${name}: not a function\n`);
          status = 1;
        }
        continue;
      }
      if (eq >= 0) {
        assign(ctx, name, arg.slice(eq + 1));
        shell.traceAssignment(name, arg.slice(eq + 1));
      }
      if (opts.on.includes('n')) shell.exported.delete(name);
      else shell.exported.add(name);
    }
    return status;
  };
}

export function declareBuiltin(shell: AttributeShell & { makeLocal(name: string): void; readonly inFunction: boolean }): Builtin {
  return (argv: string[], io: Io, ctx: BuiltinContext): number => {
    const me = argv[0] === 'typeset' ? 'typeset' : 'declare';
    const opts = attributeOptions(argv, 'xpgaAfFiIlnrtu', true);
    if ('bad' in opts) {
      io.err(`${ctx.prefix}${me}: ${opts.bad}: invalid option\n${DECLARE_USAGE[me]}`);
      return 2;
    }
    const unsupported = (opts.on + opts.off).replace(/[xpg]/g, '');
    if (unsupported !== '') {
      io.err(`${ctx.prefix}${me}: -${unsupported[0]}: this attribute is not simulated here\n`);
      return 2;
    }
    if (opts.on.includes('p') || opts.args.length === 0) {
      if (opts.args.length === 0) {
        if (opts.on.includes('x')) {
          io.out(exportListing(shell, ctx));
          return 0;
        }
        const names = Object.keys(ctx.sys.env).sort(byteOrder);
        io.out(names.map((n) => `declare ${shell.exported.has(n) ? '-x' : '--'} ${n}=${doubleQuoted(ctx.sys.env[n])}\n`).join(''));
        return 0;
      }
      let status = 0;
      for (const name of opts.args) {
        const value = ctx.sys.env[name];
        const flag = shell.exported.has(name) ? '-x' : '--';
        if (value === undefined && !shell.exported.has(name)) {
          io.err(`${ctx.prefix}${me}: ${name}: not found\n`);
          status = 1;
        } else io.out(value === undefined ? `declare ${flag} ${name}\n` : `declare ${flag} ${name}=${doubleQuoted(value)}\n`);
      }
      return status;
    }
    let status = 0;
    for (const arg of opts.args) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      if (!IDENT.test(name)) {
        io.err(`${ctx.prefix}${me}: \`${arg}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      // In a function, declare makes its names local unless -g.
      if (shell.inFunction && !opts.on.includes('g')) shell.makeLocal(name);
      if (eq >= 0) assign(ctx, name, arg.slice(eq + 1));
      if (opts.on.includes('x')) shell.exported.add(name);
      if (opts.off.includes('x')) shell.exported.delete(name);
    }
    return status;
  };
}
