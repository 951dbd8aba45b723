/**
 * The `set` builtin as bash 5.2 has it (builtins/set.def): option letters and `-o NAME` on
 * with `-`, off with `+`; `set -o` / `set +o` list the options; what follows the options
 * (or `--`, or `-`) becomes $1 …; `set` alone lists the shell's variables and functions.
 * Like set_builtin, the letters are checked first (internal_getopt), so `set -e -Q` changes
 * nothing; an unknown -o NAME stops where it is met.
 */
import type { Builtin } from './builtins';
import type { CompoundCommand } from './ast';
import { OPTION_LETTERS, optionByName, type ShellOptions } from './options';
import { functionText } from './type';
import { containsShellMetas } from './xtrace';

/** bash's own array, as `set` shows it. */
const BASH_VERSINFO = '([0]="5" [1]="2" [2]="15" [3]="1" [4]="release" [5]="x86_64-pc-linux-gnu")';
const USAGE = 'set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n';

export interface SetShell {
  readonly options: ShellOptions;
  positional: string[];
  /** Every variable the shell has, by name (set lists them sorted). */
  variables(): ReadonlyMap<string, string>;
  functionNames(): string[];
  functionBody(name: string): CompoundCommand | undefined;
}

/** ansic_shouldquote (lib/sh/strtrans.c): a byte not printable in the C locale. */
function needsAnsiC(value: string): boolean {
  return /[^\x20-\x7e]/.test(value);
}

/** ansic_quote: $'…' with C escapes, other unprintable bytes as three octal digits. */
function ansiCQuote(value: string): string {
  const escapes: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\x1b': '\\E', "'": "\\'", '\\': '\\\\' };
  let out = "$'";
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (escapes[c] !== undefined) out += escapes[c];
    else if (byte >= 0x20 && byte < 0x7f) out += c;
    else out += '\\' + byte.toString(8).padStart(3, '0');
  }
  return out + "'";
}

/** print_var_value (variables.c): as the value reads back in. */
export function quoteForSet(value: string): string {
  if (needsAnsiC(value)) return ansiCQuote(value);
  if (containsShellMetas(value)) return `'${value.replace(/'/g, `'\\''`)}'`;
  return value;
}

/** C-locale order (strcmp), as sort_variables gives it under LC_ALL=C. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function listAll(shell: SetShell): string {
  const vars = shell.variables();
  let out = '';
  for (const name of [...vars.keys()].sort(byteOrder)) {
    const value = vars.get(name) as string;
    out += `${name}=${name === 'BASH_VERSINFO' && value === '5' ? BASH_VERSINFO : quoteForSet(value)}\n`;
  }
  for (const name of shell.functionNames().sort(byteOrder)) {
    const body = shell.functionBody(name);
    if (body) out += functionText(name, body);
  }
  return out;
}

/** Turn option NAME on or off; emacs and vi exclude each other. */
function setOption(options: ShellOptions, name: string, on: boolean): void {
  options.set(name, on);
  if (on && name === 'emacs') options.set('vi', false);
  if (on && name === 'vi') options.set('emacs', false);
}

export function setBuiltin(shell: SetShell): Builtin {
  return (argv, io, ctx) => {
    const args = argv.slice(1);
    if (args.length === 0) {
      io.out(listAll(shell));
      return 0;
    }
    // First pass: only the letters' validity (set_builtin's internal_getopt loop).
    for (const arg of args) {
      if (arg === '--' || arg === '-' || !/^[-+]./.test(arg)) break;
      if (arg === '--help') {
        io.out(HELP);
        return 2;
      }
      for (const letter of arg.slice(1)) {
        if (letter !== 'o' && (!OPTION_LETTERS.has(letter) || letter === 'i')) {
          io.err(`${ctx.prefix}set: ${arg[0]}${letter}: invalid option\n${USAGE}`);
          return 2;
        }
      }
    }
    let i = 0;
    let replace = false;
    for (; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--') {
        i++;
        replace = true;
        break;
      }
      if (arg === '-') {
        // `set -`: -x and -v off; what follows (if anything) is $1 …
        shell.options.set('xtrace', false);
        shell.options.set('verbose', false);
        i++;
        break;
      }
      if (!/^[-+]./.test(arg)) break;
      const on = arg[0] === '-';
      for (const letter of arg.slice(1)) {
        if (letter !== 'o') {
          setOption(shell.options, OPTION_LETTERS.get(letter) as string, on);
          continue;
        }
        // -o takes the next word as its NAME, unless there is none or it is an option.
        const next = args[i + 1];
        if (next === undefined || next === '' || next.startsWith('-') || next.startsWith('+')) {
          io.out(on ? shell.options.listing() : shell.options.commands());
          continue;
        }
        i++;
        const name = optionByName(next);
        if (name === undefined) {
          io.err(`${ctx.prefix}set: ${next}: invalid option name\n`);
          return 2;
        }
        setOption(shell.options, name, on);
      }
    }
    if (replace || i < args.length) shell.positional = args.slice(i);
    return 0;
  };
}

const HELP = `set: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]
    Set or unset values of shell options and positional parameters.
    
    Change the value of shell attributes and positional parameters, or
    display the names and values of shell variables.
    
    Options:
      -a  Mark variables which are modified or created for export.
      -b  Notify of job termination immediately.
      -e  Exit immediately if a command exits with a non-zero status.
      -f  Disable file name generation (globbing).
      -h  Remember the location of commands as they are looked up.
      -k  All assignment arguments are placed in the environment for a
          command, not just those that precede the command name.
      -m  Job control is enabled.
      -n  Read commands but do not execute them.
      -o option-name
          Set the variable corresponding to option-name:
              allexport    same as -a
              braceexpand  same as -B
              emacs        use an emacs-style line editing interface
              errexit      same as -e
              errtrace     same as -E
              functrace    same as -T
              hashall      same as -h
              histexpand   same as -H
              history      enable command history
              ignoreeof    the shell will not exit upon reading EOF
              interactive-comments
                           allow comments to appear in interactive commands
              keyword      same as -k
              monitor      same as -m
              noclobber    same as -C
              noexec       same as -n
              noglob       same as -f
              nolog        currently accepted but ignored
              notify       same as -b
              nounset      same as -u
              onecmd       same as -t
              physical     same as -P
              pipefail     the return value of a pipeline is the status of
                           the last command to exit with a non-zero status,
                           or zero if no command exited with a non-zero status
              posix        change the behavior of bash where the default
                           operation differs from the Posix standard to
                           match the standard
              privileged   same as -p
              verbose      same as -v
              vi           use a vi-style line editing interface
              xtrace       same as -x
      -p  Turned on whenever the real and effective user ids do not match.
          Disables processing of the $ENV file and importing of shell
          functions.  Turning this option off causes the effective uid and
          gid to be set to the real uid and gid.
      -t  Exit after reading and executing one command.
      -u  Treat unset variables as an error when substituting.
      -v  Print shell input lines as they are read.
      -x  Print commands and their arguments as they are executed.
      -B  the shell will perform brace expansion
      -C  If set, disallow existing regular files to be overwritten
          by redirection of output.
      -E  If set, the ERR trap is inherited by shell functions.
      -H  Enable ! style history substitution.  This flag is on
          by default when the shell is interactive.
      -P  If set, do not resolve symbolic links when executing commands
          such as cd which change the current directory.
      -T  If set, the DEBUG and RETURN traps are inherited by shell functions.
      --  Assign any remaining arguments to the positional parameters.
          If there are no remaining arguments, the positional parameters
          are unset.
      -   Assign any remaining arguments to the positional parameters.
          The -x and -v options are turned off.
    
    Using + rather than - causes these flags to be turned off.  The
    flags can also be used upon invocation of the shell.  The current
    set of flags may be found in $-.  The remaining n ARGs are positional
    parameters and are assigned, in order, to $1, $2, .. $n.  If no
    ARGs are given, all shell variables are printed.
    
    Exit Status:
    Returns success unless an invalid option is given.
`;
