/**
 * bash and sh (dash) run as programs: their options, `-c LINE NAME ARG …` ($0, $1 …), a
 * script file with its arguments, a script on standard input. Each row was checked against
 * Debian 12's bash 5.2.15 and dash 0.5.12.
 */
import { strict as assert } from 'node:assert';
import { loginEachTest } from './login-session';

const ROWS: Array<[line: string, output: string, status: number]> = [
  ["bash -c 'echo $0 $1 $#' a b c", 'a b 2\n', 0],
  ["sh -c 'echo $0 $1 $#' a b c", 'a b 2\n', 0],
  ["bash -c 'echo $0 $#'", 'bash 0\n', 0],
  ["sh -c 'echo $0'", 'sh\n', 0],
  ["bash -c 'echo $1' -- x", 'x\n', 0],
  ["bash -c -- 'echo $0' a", 'a\n', 0],
  ['bash -c foo x', 'x: line 1: foo: command not found\n', 127],
  ['sh -c foo x', 'x: 1: foo: not found\n', 127],
  ["bash -c 'f(){ foo; }; f' nm", 'environment: line 1: foo: command not found\n', 127],
  ["sh -c 'f(){ foo; }; f' nm", 'nm: 1: foo: not found\n', 127],
  ["bash -c 'echo ${x' nm", "nm: -c: line 1: unexpected EOF while looking for matching `}'\n", 2],
  ["bash -c 'exit 3' x", '', 3],
  ['bash -c', 'bash: -c: option requires an argument\n', 2],
  ['sh -c', 'sh: 0: -c requires an argument\n', 2],
  ['sh -Q -c x', 'sh: 0: Illegal option -Q\n', 2],
  ['sh -o nosuch -c x', 'sh: 0: Illegal option -o nosuch\n', 2],
  ['bash -o nosuch -c x', 'bash: line 0: bash: nosuch: invalid option name\n', 2],
  ["bash -c 'echo $-'", 'hBc\n', 0],
  ["bash -euc 'echo $-'", 'ehuBc\n', 0],
  ["bash -x -o pipefail -c 'echo $-'", '+ echo hxBc\nhxBc\n', 0],
  ["echo 'echo $0 $-' | bash", 'bash hBs\n', 0],
  ["echo 'echo $-' | bash -e", 'ehBs\n', 0],
  ['bash nosuch.sh', 'bash: nosuch.sh: No such file or directory\n', 127],
  ['sh nosuch.sh', 'sh: 0: cannot open nosuch.sh: No such file\n', 2],
  ['bash /tmp', '/tmp: /tmp: Is a directory\n', 126],
  ['sh /tmp', '', 0],
  ['bash --version | head -1', 'GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n', 0],
  ["echo hi | xargs sh -c 'echo $0 $1' sh", 'sh hi\n', 0],
];

describe('bash and sh as programs', () => {
  const { run } = loginEachTest();

  for (const [line, output, status] of ROWS) {
    it(`${line} → ${JSON.stringify(output)} (${status})`, () => {
      assert.deepEqual(run(line), { output, status });
    });
  }

  it('runs a script file with its arguments, its messages named by its path', () => {
    run(`printf 'echo "$0 $1 $#"\\nfoo\\n' > s.sh`);
    assert.deepEqual(run('bash s.sh a b'), { output: 's.sh a 2\ns.sh: line 2: foo: command not found\n', status: 127 });
    assert.deepEqual(run('sh s.sh a'), { output: 's.sh a 1\ns.sh: 2: foo: not found\n', status: 127 });
  });

  it('tells a bad option with bash’s usage', () => {
    const r = run('bash -Q -c x');
    assert.equal(r.status, 2);
    assert.match(r.output, /^bash: -Q: invalid option\nUsage:\tbash \[GNU long option\] \[option\] \.\.\.\n/);
    assert.match(r.output, /\t-abefhkmnptuvxBCEHPT or -o option\n$/);
  });

  it('keeps the child shell’s variables and directory to itself', () => {
    assert.deepEqual(run("x=1; bash -c 'x=2; cd /tmp'; echo $x $PWD"), { output: '1 /root\n', status: 0 });
  });
});
