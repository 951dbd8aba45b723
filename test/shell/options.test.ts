/**
 * What the shell does under its options: errexit (set -e) with bash's exceptions, nounset
 * (set -u), pipefail, noglob (set -f), noclobber (set -C), noexec (set -n). Each row is what
 * Debian 12's bash 5.2.15 printed for `bash -c LINE` (stdout and stderr merged) and its status.
 */
import { strict as assert } from 'node:assert';
import { loginEachTest } from './login-session';

const ROWS: Array<[line: string, output: string, status: number]> = [
  ["set -e; false || true; echo yes", "yes\n", 0],
  ["set -e; if false; then :; fi; echo yes", "yes\n", 0],
  ["set -e; ! true; echo yes", "yes\n", 0],
  ["set -e; false && true; echo yes", "yes\n", 0],
  ["set -e; true && false; echo no", "", 1],
  ["set -e; f(){ false; echo in; }; f || echo caught", "in\n", 0],
  ["set -e; f(){ false; echo in; }; f; echo after", "", 1],
  ["set -e; (false); echo no", "", 1],
  ["set -e; (false) || echo c; echo yes", "c\nyes\n", 0],
  ["set -e; x=$(false); echo no", "", 1],
  ["set -e; false | true; echo yes", "yes\n", 0],
  ["set -e; set -o pipefail; false | true; echo no", "", 1],
  ["set -e; while false; do :; done; echo yes", "yes\n", 0],
  ["set -e; { false; echo in; } && echo x; echo yes", "in\nx\nyes\n", 0],
  ["set -e; for i in 1; do false; done; echo no", "", 1],
  ["set -e; exit 3", "", 3],
  ["set -u; echo $x", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; echo ${x:-d}; echo $x; echo after", "d\nbash: line 1: x: unbound variable\n", 127],
  ["set -u; echo \"$@\"; echo $#", "\n0\n", 0],
  ["set -u; echo $1", "bash: line 1: $1: unbound variable\n", 127],
  ["set -u; f(){ echo $y; }; f; echo after", "environment: line 1: y: unbound variable\n", 127],
  ["set -u; echo ${#x}", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; x=1; unset x; echo $x", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; echo $x || echo no", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; (echo $x); echo s=$?", "bash: line 1: x: unbound variable\ns=1\n", 0],
  ["set -u; : $((y+1)); echo $?", "bash: line 1: y: unbound variable\n", 127],
  ["false | true; echo $?", "0\n", 0],
  ["set -o pipefail; false | true; echo $?", "1\n", 0],
  ["set -o pipefail; exit 3 | exit 4 | true; echo $?", "4\n", 0],
  ["set -o pipefail; true | (exit 5) | true; echo $?", "5\n", 0],
  ["set -f; echo /*; echo $-", "/*\nfhBc\n", 0],
  ["set -f; set +f; echo /u*", "/usr\n", 0],
  ["set -C; echo a > f; echo b > f; cat f", "bash: line 1: f: cannot overwrite existing file\na\n", 0],
  ["set -C; echo a > f; echo b >| f; cat f", "b\n", 0],
  ["set -C; echo a > f; echo b >> f; cat f", "a\nb\n", 0],
  ["set -C; echo a > /dev/null; echo $?", "0\n", 0],
  ["set -C; echo a > f; echo b &> f; echo $?", "bash: line 1: f: cannot overwrite existing file\n1\n", 0],
  ["set -e -Q; echo $-", "bash: line 1: set: -Q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\nhBc\n", 0],
  ["set -u; true; echo $x; echo after", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; x=$y; echo after", "bash: line 1: y: unbound variable\n", 127],
  ["set -u; echo $x; true", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; { echo $x; }; echo s=$?", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; for i in 1; do echo $x; done; echo s=$?", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; echo $(echo $x); echo s=$?", "bash: line 1: x: unbound variable\n\ns=0\n", 0],
  ["set -u; y=${x}; echo s=$?", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; echo \"${x}\"", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; echo ${x-def}", "def\n", 0],
  ["set -u; echo $*; echo ok", "\nok\n", 0],
  ["set -u; echo $@; echo ok", "\nok\n", 0],
  ["set -u; echo $!", "bash: line 1: $!: unbound variable\n", 127],
  ["set -u; echo $-", "huBc\n", 0],
  ["set -u; echo \"$x\" | cat; echo s=$?", "bash: line 1: x: unbound variable\ns=0\n", 0],
  ["set -u; [[ $x ]]; echo s=$?", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; if [[ -z $x ]]; then echo z; fi; echo s=$?", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; case $x in *) echo c;; esac; echo s=$?", "bash: line 1: x: unbound variable\n", 127],
  ["set -u; f(){ echo $1; }; f; echo s=$?", "environment: line 1: $1: unbound variable\n", 127],
  ["set -u; echo ${x:+a}; echo s=$?", "\ns=0\n", 0],
  ["set -e; f(){ false; echo in; }; if f; then echo t; fi", "in\nt\n", 0],
  ["set -e; false; true", "", 1],
  ["set -e; true | false; echo no", "", 1],
  ["set -e; (exit 4); echo no", "", 4],
  ["set -e; ! false; echo yes", "yes\n", 0],
  ["set -e; false | false; echo yes", "", 1],
  ["set -e; { false; }; echo no", "", 1],
  ["set -e; x=1 false; echo no", "", 1],
  ["set -e; case a in a) false;; esac; echo no", "", 1],
  ["set -e; [[ a == b ]]; echo no", "", 1],
  ["set -e; (( 0 )); echo no", "", 1],
  ["set -e; until true; do :; done; echo yes", "yes\n", 0],
  ["set -e; f(){ return 3; }; f; echo no", "", 3],
  ["set -e; echo $(false; echo in); echo yes", "in\nyes\n", 0],
  ["set -e; cd /nonexist; echo no", "bash: line 1: cd: /nonexist: No such file or directory\n", 1],
  ["set -e; false &  wait $!; echo no", "", 1],
  ["set -ex; false; echo no", "+ false\n", 1],
  ["(echo ${x:?}); echo s=$?", "bash: line 1: x: parameter null or not set\ns=1\n", 0],
  ["set -u; (echo $x; echo in); echo s=$?", "bash: line 1: x: unbound variable\ns=1\n", 0],
  ["f(){ echo ${x:?}; }; f; echo s=$?", "environment: line 1: x: parameter null or not set\n", 127],
  ["set -u; x=$(echo $y); echo s=$?", "bash: line 1: y: unbound variable\ns=1\n", 0],
  ['set -n; echo hi', '', 0],
  ['set -B; set +B; echo {a,b}', '{a,b}\n', 0],
  ['set -e; set -Q; echo s=$?', 'bash: line 1: set: -Q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n', 2],
  ["set -e; f(){ false; }; f && echo yes; echo after", "after\n", 0],
  ["set -e; false; echo $?", "", 1],
  ["set -e; x=$(true) ; y=$(false); echo no", "", 1],
  ["set -e; [ -f /nonexist ] && echo y; echo after", "after\n", 0],
  ["set -eu; echo ${x:-}; echo ok", "\nok\n", 0],
  ["set -o pipefail; ! false | true; echo $?", "0\n", 0],
  ["set -o pipefail; false | true || echo caught", "caught\n", 0],
  ["set -C; echo a >| f; echo b > f 2>/dev/null || echo refused; cat f", "bash: line 1: f: cannot overwrite existing file\nrefused\na\n", 0],
  ["set -C; echo a > /tmp; echo $?", "bash: line 1: /tmp: Is a directory\n1\n", 0],
  ["set -C; cat < /dev/null > /dev/null; echo $?", "0\n", 0],
  ["set -f; x='*'; echo $x; ls /u*r 2>&1 | head -1", "*\nls: cannot access '/u*r': No such file or directory\n", 0],
];

describe('the shell under set -e, -u, -f, -C, -n and -o pipefail', () => {
  const { run } = loginEachTest();

  for (const [line, output, status] of ROWS) {
    it(`${line} → ${JSON.stringify(output).slice(0, 60)} (${status})`, () => {
      assert.deepEqual(run(line), { output, status });
    });
  }

  it('ends a long loop at once under set -e, and never hangs under set -u', () => {
    assert.deepEqual(run('set -e; while :; do false; done; echo no'), { output: '', status: 1 });
    assert.deepEqual(run('set -u; while :; do echo $nosuch; done'), { output: 'bash: line 1: nosuch: unbound variable\n', status: 127 });
  });
});
