/**
 * The set builtin (bash 5.2 builtins/set.def): options on and off, `-o NAME`, the `set -o`
 * and `set +o` listings, positional parameters, `set -`, `set` alone, and its errors. Each
 * row is what Debian 12's bash 5.2.15 printed for `bash -c LINE` (stdout and stderr merged)
 * and its status.
 */
import { strict as assert } from 'node:assert';
import { loginEachTest } from './login-session';

const ROWS: Array<[line: string, output: string, status: number]> = [
  ["set -Q", "bash: line 1: set: -Q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", 2],
  ["set -o nosuch", "bash: line 1: set: nosuch: invalid option name\n", 2],
  ["set +o nosuch", "bash: line 1: set: nosuch: invalid option name\n", 2],
  ["set -e; echo $-", "ehBc\n", 0],
  ["set -eux; echo $-", "+ echo ehuxBc\nehuxBc\n", 0],
  ["set -eu; set +e; echo $-", "huBc\n", 0],
  ["set -o errexit; echo $-", "ehBc\n", 0],
  ["set -o pipefail; set -o | grep pipefail", "pipefail       \ton\n", 0],
  ["set -C; set -f; set -a; echo $-", "afhBCc\n", 0],
  ["set -- a b c; echo $# $2", "3 b\n", 0],
  ["set a b c; echo $# $3", "3 c\n", 0],
  ["set -- a b; set --; echo $#", "0\n", 0],
  ["set -- a b; set -; echo $# $-", "2 hBc\n", 0],
  ["set -x -; echo $-", "hBc\n", 0],
  ["set - a b; echo $# $1", "2 a\n", 0],
  ["set -e -- x y; echo $- $1", "ehBc x\n", 0],
  ["set -o; echo $?", "allexport      \toff\nbraceexpand    \ton\nemacs          \toff\nerrexit        \toff\nerrtrace       \toff\nfunctrace      \toff\nhashall        \ton\nhistexpand     \toff\nhistory        \toff\nignoreeof      \toff\ninteractive-comments\ton\nkeyword        \toff\nmonitor        \toff\nnoclobber      \toff\nnoexec         \toff\nnoglob         \toff\nnolog          \toff\nnotify         \toff\nnounset        \toff\nonecmd         \toff\nphysical       \toff\npipefail       \toff\nposix          \toff\nprivileged     \toff\nverbose        \toff\nvi             \toff\nxtrace         \toff\n0\n", 0],
  ["set +o | head -3", "set +o allexport\nset -o braceexpand\nset +o emacs\n", 0],
  ["set -o errexit nosuch; echo $-", "ehBc\n", 0],
  ["set -eo; echo $?", "allexport      \toff\nbraceexpand    \ton\nemacs          \toff\nerrexit        \ton\nerrtrace       \toff\nfunctrace      \toff\nhashall        \ton\nhistexpand     \toff\nhistory        \toff\nignoreeof      \toff\ninteractive-comments\ton\nkeyword        \toff\nmonitor        \toff\nnoclobber      \toff\nnoexec         \toff\nnoglob         \toff\nnolog          \toff\nnotify         \toff\nnounset        \toff\nonecmd         \toff\nphysical       \toff\npipefail       \toff\nposix          \toff\nprivileged     \toff\nverbose        \toff\nvi             \toff\nxtrace         \toff\n0\n", 0],
  ["set -o foo bar; echo $?", "bash: line 1: set: foo: invalid option name\n2\n", 0],
  ["set -h -Q; echo $-", "bash: line 1: set: -Q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\nhBc\n", 0],
  ["set -", "", 0],
  ["set --; echo $#", "0\n", 0],
  ["set -a foo; echo $1 $-", "foo ahBc\n", 0],
  ["set +Q", "bash: line 1: set: +Q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", 2],
  ["set -i; echo $?", "bash: line 1: set: -i: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n2\n", 0],
  ["set -c", "bash: line 1: set: -c: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", 2],
  ["set -s", "bash: line 1: set: -s: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", 2],
  ["set -o emacs; echo $-", "hBc\n", 0],
  ["set -o vi; set -o | grep -w -e vi -e emacs", "emacs          \toff\nvi             \ton\n", 0],
  ["set -k; echo $-", "hkBc\n", 0],
  ["set -o history; echo $?", "0\n", 0],
  ["set -b; echo $-", "bhBc\n", 0],
  ["set -m; echo $-", "hmBc\n", 0],
  ["set -- -x; echo $1 $-", "-x hBc\n", 0],
  ["set -ox; echo $?", "allexport      \toff\nbraceexpand    \ton\nemacs          \toff\nerrexit        \toff\nerrtrace       \toff\nfunctrace      \toff\nhashall        \ton\nhistexpand     \toff\nhistory        \toff\nignoreeof      \toff\ninteractive-comments\ton\nkeyword        \toff\nmonitor        \toff\nnoclobber      \toff\nnoexec         \toff\nnoglob         \toff\nnolog          \toff\nnotify         \toff\nnounset        \toff\nonecmd         \toff\nphysical       \toff\npipefail       \toff\nposix          \toff\nprivileged     \toff\nverbose        \toff\nvi             \toff\nxtrace         \toff\n+ echo 0\n0\n", 0],
  ["set -o -e; echo $- $#", "allexport      \toff\nbraceexpand    \ton\nemacs          \toff\nerrexit        \toff\nerrtrace       \toff\nfunctrace      \toff\nhashall        \ton\nhistexpand     \toff\nhistory        \toff\nignoreeof      \toff\ninteractive-comments\ton\nkeyword        \toff\nmonitor        \toff\nnoclobber      \toff\nnoexec         \toff\nnoglob         \toff\nnolog          \toff\nnotify         \toff\nnounset        \toff\nonecmd         \toff\nphysical       \toff\npipefail       \toff\nposix          \toff\nprivileged     \toff\nverbose        \toff\nvi             \toff\nxtrace         \toff\nehBc 0\n", 0],
  ["set -xo; echo $?", "allexport      \toff\nbraceexpand    \ton\nemacs          \toff\nerrexit        \toff\nerrtrace       \toff\nfunctrace      \toff\nhashall        \ton\nhistexpand     \toff\nhistory        \toff\nignoreeof      \toff\ninteractive-comments\ton\nkeyword        \toff\nmonitor        \toff\nnoclobber      \toff\nnoexec         \toff\nnoglob         \toff\nnolog          \toff\nnotify         \toff\nnounset        \toff\nonecmd         \toff\nphysical       \toff\npipefail       \toff\nposix          \toff\nprivileged     \toff\nverbose        \toff\nvi             \toff\nxtrace         \ton\n+ echo 0\n0\n", 0],
  ["set +o errexit; echo $-", "hBc\n", 0],
  ["set -e x -u; echo $- $# $2", "ehBc 2 -u\n", 0],
  ["set -- -e; echo $- $1", "hBc -e\n", 0],
  ["set -eQ; echo $-", "bash: line 1: set: -Q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\nhBc\n", 0],
  ["set -o errexit -u; echo $-", "ehuBc\n", 0],
  ["set -o errexit +o errexit; echo $-", "hBc\n", 0],
  ["set +o; echo $?", "set +o allexport\nset -o braceexpand\nset +o emacs\nset +o errexit\nset +o errtrace\nset +o functrace\nset -o hashall\nset +o histexpand\nset +o history\nset +o ignoreeof\nset -o interactive-comments\nset +o keyword\nset +o monitor\nset +o noclobber\nset +o noexec\nset +o noglob\nset +o nolog\nset +o notify\nset +o nounset\nset +o onecmd\nset +o physical\nset +o pipefail\nset +o posix\nset +o privileged\nset +o verbose\nset +o vi\nset +o xtrace\n0\n", 0],
  ["set -o pipefail; set +o | grep pipefail", "set -o pipefail\n", 0],
  ["set -v; echo hi", "hi\n", 0],
  ["set -o nolog; echo $?", "0\n", 0],
  ["set -T -E -P -H; echo $-", "hBEHPTc\n", 0],
  ["set -t; echo a; echo b", "a\nb\n", 0],
  ["set -p; echo $-", "hpBc\n", 0],
  ["set +h; echo $-", "Bc\n", 0],
  ["set -o braceexpand -o noglob; echo $-", "fhBc\n", 0],
  ["set -ue -- ; echo $#", "0\n", 0],
  ["set -- a; set -e; echo $#", "1\n", 0],
  ["set -- \"a b\" c; for x; do echo $x; done", "a b\nc\n", 0],
  ["set -x; set +x; echo hi", "+ set +x\nhi\n", 0],
  ["set -x; set -o pipefail", "+ set -o pipefail\n", 0],
  ["set -o posix; echo $?; set -o | grep posix", "0\nposix          \ton\n", 0],
  ["set -u; set +o nounset; echo $x ok", "ok\n", 0],
  ["x=1; set | grep '^x='", "x=1\n", 0],
  ["x='a b'; set | grep '^x='", "x='a b'\n", 0],
  ["x=\"it's\"; set | grep '^x='", "x='it'\\''s'\n", 0],
  ["x=$'a\\tb'; set | grep '^x='", "x=$'a\\tb'\n", 0],
  ["x=; set | grep '^x='", "x=\n", 0],
  ["x='~'; set | grep '^x='", "x='~'\n", 0],
  ["x='#a'; set | grep '^x='", "x='#a'\n", 0],
  ["x='a=b'; set | grep '^x='", "x=a=b\n", 0],
  ["x='é'; set | grep '^x='", "x=$'\\303\\251'\n", 0],
  ["f(){ echo a; }; set | tail -4", "f () \n{ \n    echo a\n}\n", 0],
  ["set --foo", "bash: line 1: set: --: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", 2],
  ["set -e --help; echo $-", "set: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n    Set or unset values of shell options and positional parameters.\n    \n    Change the value of shell attributes and positional parameters, or\n    display the names and values of shell variables.\n    \n    Options:\n      -a  Mark variables which are modified or created for export.\n      -b  Notify of job termination immediately.\n      -e  Exit immediately if a command exits with a non-zero status.\n      -f  Disable file name generation (globbing).\n      -h  Remember the location of commands as they are looked up.\n      -k  All assignment arguments are placed in the environment for a\n          command, not just those that precede the command name.\n      -m  Job control is enabled.\n      -n  Read commands but do not execute them.\n      -o option-name\n          Set the variable corresponding to option-name:\n              allexport    same as -a\n              braceexpand  same as -B\n              emacs        use an emacs-style line editing interface\n              errexit      same as -e\n              errtrace     same as -E\n              functrace    same as -T\n              hashall      same as -h\n              histexpand   same as -H\n              history      enable command history\n              ignoreeof    the shell will not exit upon reading EOF\n              interactive-comments\n                           allow comments to appear in interactive commands\n              keyword      same as -k\n              monitor      same as -m\n              noclobber    same as -C\n              noexec       same as -n\n              noglob       same as -f\n              nolog        currently accepted but ignored\n              notify       same as -b\n              nounset      same as -u\n              onecmd       same as -t\n              physical     same as -P\n              pipefail     the return value of a pipeline is the status of\n                           the last command to exit with a non-zero status,\n                           or zero if no command exited with a non-zero status\n              posix        change the behavior of bash where the default\n                           operation differs from the Posix standard to\n                           match the standard\n              privileged   same as -p\n              verbose      same as -v\n              vi           use a vi-style line editing interface\n              xtrace       same as -x\n      -p  Turned on whenever the real and effective user ids do not match.\n          Disables processing of the $ENV file and importing of shell\n          functions.  Turning this option off causes the effective uid and\n          gid to be set to the real uid and gid.\n      -t  Exit after reading and executing one command.\n      -u  Treat unset variables as an error when substituting.\n      -v  Print shell input lines as they are read.\n      -x  Print commands and their arguments as they are executed.\n      -B  the shell will perform brace expansion\n      -C  If set, disallow existing regular files to be overwritten\n          by redirection of output.\n      -E  If set, the ERR trap is inherited by shell functions.\n      -H  Enable ! style history substitution.  This flag is on\n          by default when the shell is interactive.\n      -P  If set, do not resolve symbolic links when executing commands\n          such as cd which change the current directory.\n      -T  If set, the DEBUG and RETURN traps are inherited by shell functions.\n      --  Assign any remaining arguments to the positional parameters.\n          If there are no remaining arguments, the positional parameters\n          are unset.\n      -   Assign any remaining arguments to the positional parameters.\n          The -x and -v options are turned off.\n    \n    Using + rather than - causes these flags to be turned off.  The\n    flags can also be used upon invocation of the shell.  The current\n    set of flags may be found in $-.  The remaining n ARGs are positional\n    parameters and are assigned, in order, to $1, $2, .. $n.  If no\n    ARGs are given, all shell variables are printed.\n    \n    Exit Status:\n    Returns success unless an invalid option is given.\nhBc\n", 0],
  ["set -- --help; echo $1", "--help\n", 0],
  ["set -+e", "bash: line 1: set: -+: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n", 2],
  ["set +-; echo $-", "bash: line 1: set: +-: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\nhBc\n", 0],
  ["set -x -o; echo $?", "allexport      \toff\nbraceexpand    \ton\nemacs          \toff\nerrexit        \toff\nerrtrace       \toff\nfunctrace      \toff\nhashall        \ton\nhistexpand     \toff\nhistory        \toff\nignoreeof      \toff\ninteractive-comments\ton\nkeyword        \toff\nmonitor        \toff\nnoclobber      \toff\nnoexec         \toff\nnoglob         \toff\nnolog          \toff\nnotify         \toff\nnounset        \toff\nonecmd         \toff\nphysical       \toff\npipefail       \toff\nposix          \toff\nprivileged     \toff\nverbose        \toff\nvi             \toff\nxtrace         \ton\n+ echo 0\n0\n", 0],
  ["set -ex -; echo $-", "ehBc\n", 0],
  ["set -o errexit -; echo $- $#", "ehBc 0\n", 0],
  ["set -ee; echo $-", "ehBc\n", 0],
  ["set -o emacs; set +o vi; set -o | grep -e emacs -e \"^vi\"", "emacs          \ton\nvi             \toff\n", 0],
  ["set -o vi; set +o emacs; set -o | grep -e emacs -e \"^vi\"", "emacs          \toff\nvi             \ton\n", 0],
  ['echo $LINENO\nf(){ echo $LINENO; }\nf', '1\n2\n', 0],
  ['(echo $((BASHPID != $$))); echo $((BASHPID == $$))', '1\n1\n', 0],
  ['echo $((RANDOM >= 0 && RANDOM < 32768))', '1\n', 0],
  ['sleep 2; echo $SECONDS', '2\n', 0],
  ['[ "$HOSTNAME" = "$(cat /proc/sys/kernel/hostname)" ]; echo $?', '0\n', 0],
];

describe('the set builtin', () => {
  const { run } = loginEachTest();

  for (const [line, output, status] of ROWS) {
    it(`${line} → ${JSON.stringify(output).slice(0, 60)} (${status})`, () => {
      assert.deepEqual(run(line), { output, status });
    });
  }

  it('prints its help with status 2, as bash 5.2 does for --help', () => {
    const r = run('set --help');
    assert.equal(r.status, 2);
    assert.match(r.output, /^set: set \[-abefhkmnptuvxBCEHPT\] \[-o option-name\] \[--\] \[-\] \[arg \.\.\.\]\n    Set or unset values/);
    assert.match(r.output, /    Returns success unless an invalid option is given\.\n$/);
  });

  it('lists bash’s own variables with the line’s, then the functions', () => {
    const r = run("x='a b'; f(){ echo hi; }; set");
    assert.equal(r.status, 0);
    assert.match(r.output, /^BASH=\/usr\/bin\/bash\n/m);
    assert.match(r.output, /^BASH_VERSINFO=\(\[0\]="5" \[1\]="2" \[2\]="15" \[3\]="1" \[4\]="release" \[5\]="x86_64-pc-linux-gnu"\)\n/m);
    assert.match(r.output, /^BASH_VERSION='5\.2\.15\(1\)-release'\n/m);
    assert.match(r.output, /^IFS=\$' \\t\\n'\n/m);
    assert.match(r.output, /^SHELLOPTS=braceexpand:hashall:interactive-comments\n/m);
    assert.match(r.output, /\nx='a b'\nf \(\) \n\{ \n    echo hi\n\}\n$/);
  });

  it('survives hostile arguments', () => {
    assert.equal(run(`set -${'e'.repeat(100000)}; echo $-`).output, 'ehBc\n');
    assert.equal(run(`set -- $(seq 1 20000); echo $# \${20000}`).output, '20000 20000\n');
    assert.match(run('set -o "" ; echo $? $#').output, /\txtrace         \toff\n0 1\n$|xtrace         \toff\n0 1\n$/);
  });
});
