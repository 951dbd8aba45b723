/**
 * Process substitution <(list) and >(list): the word becomes /dev/fd/63 (62, 61 … for the next
 * ones of the command); reading a <( ) path gives the list's output, what is written to a >( )
 * path is the list's input (run when the command ends: bash runs it beside the command, so only
 * rows whose order does not race are here). Each row is what Debian 12's
 * bash 5.2.15 printed for `bash -c LINE` (stdout and stderr merged) and its status.
 */
import { strict as assert } from 'node:assert';
import { loginEachTest } from './login-session';

const ROWS: Array<[line: string, output: string, status: number]> = [
  ["cat <(echo hi)", "hi\n", 0],
  ["echo <(true) <(true)", "/dev/fd/63 /dev/fd/62\n", 0],
  ["while read l; do echo got $l; done < <(printf 'a\\nb\\n')", "got a\ngot b\n", 0],
  ["diff <(echo a) <(echo b); echo $?", "1c1\n< a\n---\n> b\n1\n", 0],
  ["wc -l < <(seq 3)", "3\n", 0],
  ["x=<(true); echo $x", "/dev/fd/63\n", 0],
  ["echo \"<(true)\"", "<(true)\n", 0],
  ["cat <( echo a; echo b )", "a\nb\n", 0],
  ["set -x; cat <(echo hi)", "+ cat /dev/fd/63\n++ echo hi\nhi\n", 0],
  ["cat <(exit 3); echo $?", "0\n", 0],
  ["cat <(", "bash: -c: line 2: unexpected EOF while looking for matching `)'\n", 2],
  ["bash <(echo echo hi)", "hi\n", 0],
  ["cat <(echo a) <(echo b)", "a\nb\n", 0],
  ["f(){ cat; }; f < <(echo x)", "x\n", 0],
  ["echo a<(true)b", "a/dev/fd/63b\n", 0],
  ["cat < <(echo ${x:?})", "bash: line 1: x: parameter null or not set\n", 0],
  ["cat <(cat <(echo deep))", "deep\n", 0],
  ['cat <(seq 1 100000) | tail -1', '100000\n', 0],
  ["echo >(cat)", "/dev/fd/63\n", 0],
  ["echo hi > >(cat)", "hi\n", 0],
  ["seq 3 | tee >(wc -l) >/dev/null", "3\n", 0],
  ["printf 'a\\nb\\n' > >(sort -r)", "b\na\n", 0],
  ["echo <(true) >(true)", "/dev/fd/63 /dev/fd/62\n", 0],
  ["set -x; echo hi > >(cat)", "+ echo hi\n++ cat\nhi\n", 0],
];

describe('process substitution', () => {
  const { run } = loginEachTest();

  for (const [line, output, status] of ROWS) {
    it(`${line} → ${JSON.stringify(output).slice(0, 60)} (${status})`, () => {
      assert.deepEqual(run(line), { output, status });
    });
  }

  it('closes the paths when the command ends, and runs a list nobody read', () => {
    assert.deepEqual(run('echo <(touch /tmp/made) >/dev/null; ls /tmp/made; cat /dev/fd/63; echo $?'), {
      output: '/tmp/made\ncat: /dev/fd/63: No such file or directory\n1\n',
      status: 0,
    });
  });

  it('stays within the shell’s bounds when nested or repeated', () => {
    assert.equal(run(`cat ${'<(echo x) '.repeat(50)}| wc -l`).output, '50\n');
    assert.equal(run(`cat ${'<(cat '.repeat(40)}<(echo deep)${')'.repeat(40)}`).output, 'deep\n');
  });
});
