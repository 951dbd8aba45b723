/**
 * The let builtin (bash 5.2 builtins/let.def) and (( )) under set -u. Each row is what
 * Debian 12's bash 5.2.15 printed for `bash -c LINE` (stdout and stderr merged) and its status.
 */
import { strict as assert } from 'node:assert';
import { loginEachTest } from './login-session';

const ROWS: Array<[line: string, output: string, status: number]> = [
  ["let; echo $?", "bash: line 1: let: expression expected\n1\n", 0],
  ["let x=1+2 y=x*2; echo $x $y $?", "3 6 0\n", 0],
  ["let 0; echo $?", "1\n", 0],
  ["let 1 0; echo $?", "1\n", 0],
  ["let 0 1; echo $?", "0\n", 0],
  ["let 1/0; echo $?", "bash: line 1: let: 1/0: division by 0 (error token is \"0\")\n1\n", 0],
  ["let 'x = 5'; echo $x", "5\n", 0],
  ["let x++; echo $? $x", "1 1\n", 0],
  ["let '1 +'; echo $?", "bash: line 1: let: 1 +: syntax error: operand expected (error token is \"+\")\n1\n", 0],
  ["let -- 2; echo $?", "0\n", 0],
  ["let -x; echo $?", "1\n", 0],
  ["set -x; let a=1", "+ let a=1\n", 0],
  ["set -u; let 'z+1'; echo $?", "bash: line 1: z: unbound variable\n", 127],
  ["let a==; echo $?", "bash: line 1: let: a==: syntax error: operand expected (error token is \"==\")\n1\n", 0],
  ["set -u; (( q + 1 )); echo $?", "bash: line 1: q: unbound variable\n", 127],
  ["set -u; (( q = 1 )); echo $q", "1\n", 0],
  ['let "x = RANDOM < 32768"; echo $x; let y=OPTIND; echo $y', '1\n1\n', 0],
];

describe('the let builtin', () => {
  const { run } = loginEachTest();

  for (const [line, output, status] of ROWS) {
    it(`${line} → ${JSON.stringify(output).slice(0, 60)} (${status})`, () => {
      assert.deepEqual(run(line), { output, status });
    });
  }

  it('takes huge and odd expressions without hanging', () => {
    assert.equal(run(`let ${'1+'.repeat(20000)}1; echo $?`).output, '0\n');
    assert.equal(run(`let '${'('.repeat(100)}'; echo $?`).status, 0);
  });
});
