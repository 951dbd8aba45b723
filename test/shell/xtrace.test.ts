/**
 * set -x on compound commands as bash 5.2 prints them (execute_cmd.c, print_cmd.c:
 * xtrace_print_for_command_head, xtrace_print_case_command_head, xtrace_print_arith_cmd,
 * xtrace_print_cond_term): `+ for i in WORDS` each time round, `+ case WORD in`,
 * `+ (( expr ))`, each [[ ]] term as it is tested, an assignment per line. Each row is what
 * Debian 12's bash 5.2.15 printed for `bash -c LINE` (stdout and stderr merged).
 */
import { strict as assert } from 'node:assert';
import { loginEachTest } from './login-session';

const ROWS: Array<[line: string, output: string, status: number]> = [
  ["set -ex; false; echo no", "+ false\n", 1],
  ["set -x; x=1; y=$x z=2; echo $y", "+ x=1\n+ y=1\n+ z=2\n+ echo 1\n1\n", 0],
  ["set -x; [[ a == b ]]; (( i++ )); echo $i", "+ [[ a == b ]]\n+ ((  i++  ))\n+ echo 1\n1\n", 0],
  ["set -x; for i in a b; do :; done", "+ for i in a b\n+ :\n+ for i in a b\n+ :\n", 0],
  ["set -x; case x in x) echo m;; esac", "+ case x in\n+ echo m\nm\n", 0],
  ["set -x; if [[ -n x ]]; then echo t; fi", "+ [[ -n x ]]\n+ echo t\nt\n", 0],
  ["set -x; while (( i < 2 )); do (( i++ )); done", "+ ((  i < 2  ))\n+ ((  i++  ))\n+ ((  i < 2  ))\n+ ((  i++  ))\n+ ((  i < 2  ))\n", 0],
  ["set -x; for ((i=0;i<2;i++)); do :; done", "+ (( i=0 ))\n+ (( i<2 ))\n+ :\n+ (( i++ ))\n+ (( i<2 ))\n+ :\n+ (( i++ ))\n+ (( i<2 ))\n", 0],
  ["set -x; f(){ echo f; }; f a", "+ f a\n+ echo f\nf\n", 0],
  ["set -x; (echo sub); { echo grp; }", "+ echo sub\nsub\n+ echo grp\ngrp\n", 0],
  ["set -x; [[ $x == \"a b\" && -f /x || ! -d / ]]", "+ [[ '' == \\a\\ \\b ]]\n+ [[ ! -d / ]]\n", 1],
  ["set -x; i=5; (( i += 2, j = i * 3 )); echo $j", "+ i=5\n+ ((  i += 2, j = i * 3  ))\n+ echo 21\n21\n", 0],
  ["set -x; for i in \"a b\" ''; do :; done", "+ for i in \"a b\" ''\n+ :\n+ for i in \"a b\" ''\n+ :\n", 0],
  ["set -x; a='it'\\''s' b='x y'", "+ a='it'\\''s'\n+ b='x y'\n", 0],
  ["set -x; case \"a b\" in *) ;; esac", "+ case \"a b\" in\n", 0],
  ["set -x; [[ a = a ]] && echo y", "+ [[ a = a ]]\n+ echo y\ny\n", 0],
  ["set -x; [[ ( a < b ) ]]", "+ [[ a < b ]]\n", 0],
  ["set -x; [[ -z '' ]]", "+ [[ -z '' ]]\n", 0],
  ["set -x; [[ $x =~ ^a.*$ ]]", "+ [[ '' =~ ^a.*$ ]]\n", 1],
  ["set -x; echo `echo hi`", "++ echo hi\n+ echo hi\nhi\n", 0],
  ["set -x; x=$(echo a); echo $x", "++ echo a\n+ x=a\n+ echo a\na\n", 0],
  ["set -x; [[ x ]]", "+ [[ -n x ]]\n", 0],
  ["set -x; [[ ! a == b ]]", "+ [[ ! a == b ]]\n", 0],
  ["set -x; [[ a == b* ]]", "+ [[ a == b* ]]\n", 1],
  ["set -x; [[ a == \"b*\" ]]", "+ [[ a == \\b\\* ]]\n", 1],
  ["set -x; x='a b'; [[ $x == $x ]]", "+ x='a b'\n+ [[ a b == a b ]]\n", 0],
  ["set -x; [[ 1 -eq 1 ]]", "+ [[ 1 -eq 1 ]]\n", 0],
  ["set -x; [[ a != b ]] || [[ -e /nonexist ]]", "+ [[ a != b ]]\n", 0],
  ["set -x; set -- a b; for x; do :; done", "+ set -- a b\n+ for x in \"$@\"\n+ :\n+ for x in \"$@\"\n+ :\n", 0],
  ["set -x; x=2; (( $x + 1 )); ((x++))", "+ x=2\n+ ((  2 + 1  ))\n+ (( x++ ))\n", 0],
  ["set -x; for (( i = 0 ; i < 1 ; i++ )); do :; done", "+ (( i = 0  ))\n+ (( i < 1  ))\n+ :\n+ (( i++  ))\n+ (( i < 1  ))\n", 0],
  ["set -x; case $HOME in /r*) :;; esac", "+ case $HOME in\n+ :\n", 0],
  ["set -x; for i in $(echo a); do :; done", "++ echo a\n+ for i in $(echo a)\n+ :\n", 0],
  ["set -x; for i in; do :; done", "", 0],
  ["set -x; [[ 'a b' < c ]]", "+ [[ a b < c ]]\n", 0],
  ["set -x; [[ a =~ \"b c\" ]]", "+ [[ a =~ b c ]]\n", 1],
];

describe('set -x on compound commands', () => {
  const { run } = loginEachTest();

  for (const [line, output, status] of ROWS) {
    it(`${line} → ${JSON.stringify(output).slice(0, 60)} (${status})`, () => {
      assert.deepEqual(run(line), { output, status });
    });
  }

  it('traces a long loop line by line within the shell’s bounds', () => {
    const r = run('set -x; for i in $(seq 1 3000); do :; done 2>&1 | wc -l');
    assert.deepEqual(r, { output: '+ wc -l\n6001\n', status: 0 });
  });
});
