/**
 * The export attribute: only exported variables (the login's environment, `export`,
 * `declare -x`, `A=1 cmd` for that command, set -a) reach the programs the shell runs, and a
 * session remembers which of its variables are exported from one chat line to the next. The
 * rows are what Debian 12's bash 5.2.15 printed for `bash -c LINE` and its status.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine } from '../../src/machine/machine';
import { loginEachTest } from './login-session';

const ROWS: Array<[line: string, output: string, status: number]> = [
  ["set -a; x=1; bash -c 'echo x=$x'", "x=1\n", 0],
  ["x=1; bash -c 'echo x=$x'", "x=\n", 0],
  ["x=1; export x; bash -c 'echo x=$x'", "x=1\n", 0],
  ["export x=1; export -n x; bash -c 'echo x=$x'", "x=\n", 0],
  ["export y; y=2; bash -c 'echo y=$y'", "y=2\n", 0],
  ["x=1; env | grep ^x=", "", 1],
  ["x=1 env | grep ^x=", "x=1\n", 0],
  ["f(){ env | grep ^z=; }; z=3 f", "z=3\n", 0],
  ["export -p | grep ' x'; export x=1; export -p | grep ' x'", "declare -x x=\"1\"\n", 0],
  ["export x; export -p | grep ' x'", "declare -x x\n", 0],
  ["export x='a \"b\" $c'; export -p | grep ' x'", "declare -x x=\"a \\\"b\\\" \\$c\"\n", 0],
  ["export -Q", "bash: line 1: export: -Q: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n", 2],
  ["export 1x=2", "bash: line 1: export: `1x=2': not a valid identifier\n", 1],
  ["export -f nosuch", "bash: line 1: export: nosuch: not a function\n", 1],
  ["declare -x y=2; export -p | grep ' y'", "declare -x y=\"2\"\n", 0],
  ["declare -x | grep ' HOME'", "declare -x HOME=\"/root\"\n", 0],
  ["export HOME; echo $?", "0\n", 0],
  ["unset HOME; bash -c 'echo h=$HOME'", "h=\n", 0],
  ["x=1; export x; unset x; x=2; bash -c 'echo x=$x'", "x=\n", 0],
  ["export x=1; declare -p x", "declare -x x=\"1\"\n", 0],
  ["x=1; declare -p x", "declare -- x=\"1\"\n", 0],
  ["set -a; x=1; declare -p x", "declare -x x=\"1\"\n", 0],
  ["declare -p nosuch", "bash: line 1: declare: nosuch: not found\n", 1],
  ["export x; declare -p x", "declare -x x\n", 0],
  ["x='a\"b$c\\d`e'; declare -p x", "declare -- x=\"a\\\"b\\$c\\\\d\\`e\"\n", 0],
  ["declare x=1; declare +x x; declare -p x", "declare -- x=\"1\"\n", 0],
  ["export x=1; declare +x x; bash -c 'echo x=$x'", "x=\n", 0],
  ["f(){ declare y=1; }; f; echo y=$y", "y=\n", 0],
  ["f(){ declare -g y=1; }; f; echo y=$y", "y=1\n", 0],
  ["declare -Q", "bash: line 1: declare: -Q: invalid option\ndeclare: usage: declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]\n", 2],
  ["declare 1a=2", "bash: line 1: declare: `1a=2': not a valid identifier\n", 1],
  ["export -n nosuch; echo $?", "0\n", 0],
  ["f(){ :; }; export -f f; echo $?", "0\n", 0],
  ["export x=1 y; export -p | grep -e ' x' -e ' y'", "declare -x x=\"1\"\ndeclare -x y\n", 0],
  ["x=1 bash -c 'echo $x'; bash -c 'echo x=$x'", "1\nx=\n", 0],
  ["x=1; x=2 printenv x; printenv x; echo $?", "2\n1\n", 0],
  ["export A=1; A=2 bash -c 'echo $A'; echo $A", "2\n1\n", 0],
  ["set -a; read v <<< hi; bash -c 'echo v=$v'", "v=hi\n", 0],
  ["set -a; for q in 1; do :; done; bash -c 'echo q=$q'", "q=1\n", 0],
  ["export x=1; (export -n x; bash -c 'echo in=$x'); bash -c 'echo out=$x'", "in=\nout=1\n", 0],
  ["export 'a b=1'", "bash: line 1: export: `a b=1': not a valid identifier\n", 1],
  ["export -p x y", "", 0],
  ['export -f nosuch', "bash: line 1: export: nosuch: not a function\n", 1],
  ["export x=1; f(){ local x=2; bash -c 'echo in=$x'; }; f; bash -c 'echo out=$x'", "in=2\nout=1\n", 0],
  ["f(){ local y=2; export y; bash -c 'echo in=$y'; }; f; bash -c 'echo out=$y'", "in=2\nout=\n", 0],
  ["x=1; : ${x:=2}; export x; printenv x", "1\n", 0],
  ["set -a; : ${n:=5}; printenv n", "5\n", 0],
  ["set -a; (( k = 3 )); printenv k", "3\n", 0],
  ["set -a; let m=4; printenv m", "4\n", 0],
  ["export x=1; x=2; printenv x", "2\n", 0],
  ["export x=1; unset -v x; printenv x; echo $?", "1\n", 0],
  ["x=1; export -n x=5; printenv x; echo $x", "5\n", 0],
  ["HOME=/tmp bash -c 'echo $HOME'; echo $HOME", "/tmp\n/root\n", 0],
  ["unset USER; printenv USER; echo $?", "1\n", 0],
  ["x=1 y=2 env | grep -E '^(x|y)='", "y=2\nx=1\n", 0],
  ["x=1 y=2 z=3 env | head -3", "z=3\ny=2\nx=1\n", 0],
  ['typeset -Q', 'bash: line 1: typeset: -Q: invalid option\ntypeset: usage: typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]\n', 2],
  ['typeset -p nosuch', 'bash: line 1: typeset: nosuch: not found\n', 1],
];

describe('the export attribute', () => {
  const { run, state } = loginEachTest();

  for (const [line, output, status] of ROWS) {
    it(`${line} → ${JSON.stringify(output).slice(0, 60)} (${status})`, () => {
      assert.deepEqual(run(line), { output, status });
    });
  }

  it('lists the login environment as exported, and env shows only that', () => {
    assert.deepEqual(run('export -p'), {
      output: 'declare -x HOME="/root"\ndeclare -x PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"\ndeclare -x PWD="/root"\ndeclare -x SHELL="/bin/bash"\ndeclare -x USER="root"\n',
      status: 0,
    });
    assert.deepEqual(run('Z=3; env | grep -c Z=; printenv Z; echo $?'), { output: '0\n1\n', status: 0 });
  });

  it('keeps a variable unexported from one line to the next, until it is exported', () => {
    run('Z=3');
    assert.deepEqual(state().unexported, ['Z']);
    assert.deepEqual(run(`bash -c 'echo Z=$Z'; echo $Z`), { output: 'Z=\n3\n', status: 0 });
    run('export Z');
    assert.equal(state().unexported, undefined);
    assert.deepEqual(run(`bash -c 'echo Z=$Z'`), { output: 'Z=3\n', status: 0 });
    run('export -n Z');
    assert.deepEqual(run('printenv Z; echo $?'), { output: '1\n', status: 0 });
  });

  it('loads a session stored before the attribute existed: its variables are exported, as they reached programs then', () => {
    const options = { clock: (): number => Date.UTC(2026, 11, 5, 13, 0, 0) };
    const machine = bootMachine(options);
    const session = { vars: { OLD: 'v' }, unset: ['USER'] };
    const r = execLine(machine, 'printenv OLD; printenv USER; echo $?', options, [], { state: session, login: { logins: [] } });
    assert.equal(r.output, 'v\n1\n');
  });

  it('gives a pipeline’s, a subshell’s and a function’s programs the same environment', () => {
    assert.deepEqual(run("export A=1; B=2; f(){ printenv A B; }; f | cat; (printenv A B); echo ${?}"), { output: '1\n1\n1\n', status: 0 });
    assert.deepEqual(run("x=1; (export x; bash -c 'echo in=$x'); bash -c 'echo out=$x'"), { output: 'in=1\nout=\n', status: 0 });
  });

  it('refuses bad names and options without harm', () => {
    assert.deepEqual(run('export -Q'), { output: 'bash: line 1: export: -Q: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n', status: 2 });
    assert.deepEqual(run(`export ${'a'.repeat(100000)}=1; echo $?`), { output: '0\n', status: 0 });
    assert.deepEqual(run('export =; echo $?'), { output: "bash: line 1: export: `=': not a valid identifier\n1\n", status: 0 });
  });
});
