/**
 * How bash and dash (Debian's /bin/sh) read their own command line: options up to the first
 * word that is not one, then `-c COMMAND [NAME [ARG …]]` (NAME is $0, the ARGs $1 …) or a
 * script file and its arguments, or, with neither, a script on standard input. The messages
 * are those of bash 5.2 (shell.c: parse_shell_options, show_shell_usage) and dash 0.5.12
 * (options.c: "Illegal option", "-c requires an argument").
 */
import { OPTION_LETTERS, ShellOptions, optionByName } from './options';

export interface ShellInvocation {
  /** The -c command string; null for a script file or standard input. */
  command: string | null;
  /** The script file to read, when no -c (null: standard input). */
  script: string | null;
  /** $0 */
  name: string;
  /** $1 … */
  positional: string[];
  /** Options set (true) or unset (false) on the command line, by their long name. */
  options: Array<[string, boolean]>;
}

/** What the shell prints instead of running anything, and its status. */
export interface InvocationStop {
  out?: string;
  err?: string;
  status: number;
}

/** bash --version (Debian 12's bash 5.2.15-2+b2). */
const BASH_VERSION = `GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>

This is free software; you are free to change and redistribute it.
There is NO WARRANTY to the extent permitted by law.
`;

const BASH_USAGE = `Usage:\tbash [GNU long option] [option] ...
\tbash [GNU long option] [option] script-file ...
GNU long options:
\t--debug
\t--debugger
\t--dump-po-strings
\t--dump-strings
\t--help
\t--init-file
\t--login
\t--noediting
\t--noprofile
\t--norc
\t--posix
\t--pretty-print
\t--rcfile
\t--restricted
\t--verbose
\t--version
Shell options:
\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)
\t-abefhkmnptuvxBCEHPT or -o option
`;

/** bash's long options that change nothing a -c line or a script here can see. */
const QUIET_LONG = new Set(['--norc', '--noprofile', '--login', '--noediting', '--posix', '--restricted', '--debug', '--debugger', '--verbose']);
/** Letters only the command line takes (interactive, login, restricted, stdin, dump strings). */
const INVOCATION_ONLY = new Set(['i', 'l', 'r', 's', 'D']);
/** dash's option letters (options.c: optletters). */
const DASH_LETTERS = new Set([...'efIimnsxvVECabupqlc']);

/** Parse ARGV (argv[0] is the program) of bash or sh. */
export function parseInvocation(shell: 'bash' | 'sh', argv: readonly string[]): ShellInvocation | InvocationStop {
  const options: Array<[string, boolean]> = [];
  let withC = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--' || arg === '-') {
      i++;
      break;
    }
    if (shell === 'bash' && arg.startsWith('--')) {
      if (arg === '--version') return { out: BASH_VERSION, status: 0 };
      if (QUIET_LONG.has(arg)) continue;
      return { err: `bash: ${arg}: invalid option\n${BASH_USAGE}`, status: 2 };
    }
    if (!/^[-+]./.test(arg)) break;
    const on = arg[0] === '-';
    for (const letter of arg.slice(1)) {
      if (letter === 'c') {
        withC = true;
        continue;
      }
      if (letter === 'o') {
        const name = argv[++i];
        // bash -o alone lists the options, then reads its (here empty) standard input
        if (name === undefined && shell === 'bash') return { out: new ShellOptions(['braceexpand', 'emacs', 'hashall', 'interactive-comments']).listing(), status: 0 };
        const option = name === undefined ? undefined : optionByName(name);
        if (!option) {
          if (shell === 'sh') return { err: `sh: 0: Illegal option -o${name === undefined ? '' : ` ${name}`}\n`, status: 2 };
          return { err: `bash: line 0: bash: ${name ?? ''}: invalid option name\n`, status: 2 };
        }
        options.push([option, on]);
        continue;
      }
      const known = shell === 'sh' ? DASH_LETTERS.has(letter) : OPTION_LETTERS.has(letter) || INVOCATION_ONLY.has(letter);
      if (!known) {
        if (shell === 'sh') return { err: `sh: 0: Illegal option ${arg[0]}${letter}\n`, status: 2 };
        return { err: `bash: ${arg[0]}${letter}: invalid option\n${BASH_USAGE}`, status: 2 };
      }
      const option = OPTION_LETTERS.get(letter);
      if (option) options.push([option, on]);
    }
  }
  const rest = argv.slice(i);
  if (withC) {
    if (rest.length === 0) return shell === 'sh' ? { err: 'sh: 0: -c requires an argument\n', status: 2 } : { err: 'bash: -c: option requires an argument\n', status: 2 };
    return { command: rest[0], script: null, name: rest[1] ?? shell, positional: rest.slice(2), options };
  }
  if (rest.length === 0) return { command: null, script: null, name: shell, positional: [], options };
  return { command: null, script: rest[0], name: rest[0], positional: rest.slice(1), options };
}
