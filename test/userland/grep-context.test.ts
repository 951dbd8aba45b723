/** grep -A/-B/-C, compared with GNU grep 3.8 on Debian 12 (outputs recorded from the real grep). */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine } from '../../src/machine/machine';

const INPUT = "printf 'a\\nb\\nc\\nd\\ne\\nf\\na\\n'";

describe('grep: context lines', () => {
  const rows: Array<[string, string, number]> = [
    [`${INPUT} | grep -A1 a`, 'a\nb\n--\na\n', 0],
    [`${INPUT} | grep -n -B1 -A1 d`, '3-c\n4:d\n5-e\n', 0],
    [`${INPUT} | grep -C 1 -e b -e f`, 'a\nb\nc\n--\ne\nf\na\n', 0],
    ["printf 'a\\nb\\na\\nc\\n' | grep -m1 -A2 a", 'a\nb\na\n', 0],
    [`${INPUT} | grep -c -A3 a`, '2\n', 0],
    ["printf 'a\\n' | grep -A x a", 'grep: x: invalid context length argument\n', 2],
  ];
  for (const [line, output, status] of rows) {
    it(line, () => {
      let now = 0;
      const options = { clock: () => (now += 1000) };
      const result = execLine(bootMachine(options), line, options);
      assert.deepEqual([result.output, result.exitCode], [output, status]);
    });
  }
});
