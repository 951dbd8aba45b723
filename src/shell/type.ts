/**
 * type, command -v / -V and logout (bash 5.2 builtins/type.def, command.def, exit.def):
 * how bash would run a name — keyword, function, builtin or a file found on PATH — in
 * bash's words. A function is shown as print_cmd.c prints it (the common shapes: simple
 * commands, pipelines, && and || lists inside { }).
 */
import type { Builtin, BuiltinContext } from './builtins';
import type { AndOr, CompoundCommand, Pipeline, SimpleCommand } from './ast';
import type { Io } from '../userland/tool';
import { builtinOptions } from './builtin-options';
import { programPath } from './path-lookup';

/** parse.y's word_token_alist, as `type` calls them keywords. */
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc']);

/** The merged-/usr twins a PATH search finds a program under (type -a). */
const TWINS: Readonly<Record<string, string>> = { '/usr/bin': '/bin', '/usr/sbin': '/sbin' };

type Kind = 'keyword' | 'function' | 'builtin' | 'file';

interface Found {
  kind: Kind;
  /** The file's path (kind 'file'). */
  path?: string;
}

function simpleText(c: SimpleCommand): string {
  const words = [...c.assignments.map((a) => `${a.name}=${a.value.raw}`), ...c.words.map((w) => w.raw)];
  for (const r of c.redirects) words.push(`${r.fd === (r.op.startsWith('<') ? 0 : 1) || r.op.startsWith('&') ? '' : r.fd}${r.op} ${r.target.raw}`);
  return words.join(' ');
}

function pipelineText(p: Pipeline): string {
  return (p.bang ? '! ' : '') + p.commands.map((c) => (c.kind === 'simple' ? simpleText(c) : '…')).join(' | ');
}

function andOrText(a: AndOr): string {
  return [pipelineText(a.first), ...a.rest.map((r) => `${r.op} ${pipelineText(r.pipeline)}`)].join(' ');
}

/** print_cmd.c's layout of `NAME () { …; }`: one command a line, four spaces in, `;` between. */
export function functionText(name: string, body: CompoundCommand): string {
  const inner = body.kind === 'group' || body.kind === 'subshell' ? body.body.items : [];
  const lines = inner.map((item, n) => `    ${andOrText(item.andOr)}${item.background ? ' &' : n < inner.length - 1 ? ';' : ''}`);
  const [open, close] = body.kind === 'subshell' ? ['( ', ')'] : ['{ ', '}'];
  return `${name} () \n${open}\n${lines.join('\n')}\n${close}\n`;
}

export interface TypeShell {
  functionBody(name: string): CompoundCommand | undefined;
  isBuiltin(name: string): boolean;
  hasTool(name: string): boolean;
}

/** Every way bash could run NAME, in its order of precedence. */
function lookup(name: string, ctx: BuiltinContext, shell: TypeShell, all: boolean, pathOnly: boolean): Found[] {
  const found: Found[] = [];
  if (!pathOnly) {
    if (KEYWORDS.has(name)) found.push({ kind: 'keyword' });
    if (shell.functionBody(name)) found.push({ kind: 'function' });
    if (shell.isBuiltin(name)) found.push({ kind: 'builtin' });
    if (found.length && !all) return found;
  }
  if (name.includes('/')) {
    const path = ctx.sys.resolve(name);
    const st = ctx.sys.fs.stat(path);
    const slash = path.lastIndexOf('/');
    // The machine's programs are its tools: /usr/bin/cat is one though the disk has no such file.
    const tool = programPath(path.slice(slash + 1), path.slice(0, slash)) === path && shell.hasTool(path.slice(slash + 1));
    if (tool || (typeof st !== 'number' && st.type !== 'dir' && (st.mode & 0o111) !== 0)) found.push({ kind: 'file', path: name });
    return found;
  }
  if (!shell.hasTool(name)) return found;
  const path = programPath(name, ctx.sys.env.PATH);
  if (path === undefined) return found;
  found.push({ kind: 'file', path });
  if (all) {
    const dir = path.slice(0, path.lastIndexOf('/'));
    const twin = TWINS[dir];
    const entries = (ctx.sys.env.PATH ?? '').split(':');
    if (twin && entries.includes(twin) && entries.indexOf(twin) > entries.indexOf(dir)) found.push({ kind: 'file', path: `${twin}/${name}` });
  }
  return found;
}

function describe(name: string, f: Found, shell: TypeShell): string {
  switch (f.kind) {
    case 'keyword':
      return `${name} is a shell keyword\n`;
    case 'function':
      return `${name} is a function\n${functionText(name, shell.functionBody(name) as CompoundCommand)}`;
    case 'builtin':
      return `${name} is a shell builtin\n`;
    case 'file':
      return `${name} is ${f.path}\n`;
  }
}

const TYPE_USAGE = 'type: usage: type [-afptP] name [name ...]\n';
const COMMAND_USAGE = 'command: usage: command [-pVv] command [arg ...]\n';

/** Options of type or command: the letters given, or the status of a usage error. */
function options(argv: string[], allowed: string, io: Io, ctx: BuiltinContext, usage: string): { flags: Set<string>; names: string[] } | number {
  const parsed = builtinOptions(argv, allowed);
  if ('bad' in parsed) {
    io.err(`${ctx.prefix}${argv[0]}: -${parsed.bad}: invalid option\n${usage}`);
    return 2;
  }
  return { flags: new Set(parsed.flags), names: parsed.args };
}

export function typeBuiltin(shell: TypeShell): Builtin {
  return (argv, io, ctx) => {
    const parsed = options(argv, 'afptP', io, ctx, TYPE_USAGE);
    if (typeof parsed === 'number') return parsed;
    const { flags, names } = parsed;
    const all = flags.has('a');
    const pathOnly = flags.has('P');
    let status = 0;
    for (const name of names) {
      const found = lookup(name, ctx, shell, all, pathOnly);
      if (found.length === 0) {
        if (!flags.has('t') && !flags.has('p') && !pathOnly) io.err(`${ctx.prefix}type: ${name}: not found\n`);
        status = 1;
        continue;
      }
      for (const f of found) {
        if (flags.has('t')) io.out(`${f.kind}\n`);
        else if (flags.has('p') || pathOnly) {
          if (f.kind === 'file') io.out(`${f.path}\n`);
        } else io.out(describe(name, f, shell));
      }
    }
    return status;
  };
}

/**
 * command -v NAME…: how each would run (a name, or a file's path); -V in type's words.
 * Status 0 when any was found. Running `command NAME …` is the shell's (exec.ts).
 */
export function commandDescribe(shell: TypeShell): Builtin {
  return (argv, io, ctx) => {
    const parsed = options(argv, 'pVv', io, ctx, COMMAND_USAGE);
    if (typeof parsed === 'number') return parsed;
    const { flags, names } = parsed;
    let any = false;
    for (const name of names) {
      const found = lookup(name, ctx, shell, false, false);
      if (found.length === 0) {
        if (flags.has('V')) io.err(`${ctx.prefix}command: ${name}: not found\n`);
        continue;
      }
      any = true;
      const f = found[0];
      if (flags.has('V')) io.out(describe(name, f, shell));
      else io.out(`${f.kind === 'file' ? f.path : name}\n`);
    }
    return names.length === 0 || any ? 0 : 1;
  };
}

/** logout in a shell that is not a login shell (bash -c never is). */
export const logout: Builtin = (_argv, io, ctx) => {
  io.err(`${ctx.prefix}logout: not login shell: use \`exit'\n`);
  return 1;
};

/** The words a `command` builtin line runs: its options taken off, or null to describe instead. */
export function commandWords(argv: string[]): string[] | null {
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (!/^-[pVv]+$/.test(arg)) break;
    if (/[Vv]/.test(arg)) return null;
  }
  return argv.slice(i);
}
