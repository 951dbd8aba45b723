import { strict as assert } from 'node:assert';
import { fakeSystem } from '../shell/fake-system';

// The lines recorded on Debian 12 are in test/fixtures/host/expr-tac-fold-sums.lines (host-tables.test.ts).
describe('expr and the checksum tools at their bounds', () => {
  it('dies of SIGSEGV where the real expr overflows its 8 MiB stack, and not before', () => {
    const nested = (n: number): string => `expr $(printf '( %.0s' $(seq 1 ${n})) 1 $(printf ') %.0s' $(seq 1 ${n}))`;
    const f = fakeSystem();
    assert.deepEqual([f.run(nested(10_000)).output, f.run(nested(10_000)).exitCode], ['1\n', 0]);
    const deep = f.run(`${nested(20_000)}; echo $?`);
    assert.match(deep.output, /^bash: line 1: +\d+ Segmentation fault +expr .*\n139\n$/);
    assert.equal(f.run(`expr $(printf 'length %.0s' $(seq 1 30000)) 1`).output, '1\n');
    assert.equal(f.run(`expr $(printf 'length %.0s' $(seq 1 32000)) 1; echo $?`).output.endsWith('139\n'), true);
  });

  it('checks a checksum file written on the machine, and sees a classmate change a module', () => {
    const f = fakeSystem();
    assert.equal(f.run('sha256sum hello.ko > SUMS; cp hello.ko copy.ko; sha256sum -c SUMS; sha256sum copy.ko | cut -c1-64 | grep -c -f - SUMS').output, 'hello.ko: OK\n1\n');
    const r = f.run('rm hello.ko; echo "int x;" > hello.ko; sha256sum -c SUMS; echo $?');
    assert.equal(r.output, 'hello.ko: FAILED\nsha256sum: WARNING: 1 computed checksum did NOT match\n1\n');
  });

  it('reverses a large file around a regular expression in linear time (no match, or a match at every byte)', () => {
    const f = fakeSystem();
    for (const sep of ['b', 'a']) {
      const started = process.cpuUsage();
      const r = f.run(`head -c 200000 /dev/zero | tr '\\0' a > big; tac -r -s '${sep}' big | wc -c`);
      const used = process.cpuUsage(started);
      assert.equal(r.output, '200000\n');
      assert.ok((used.user + used.system) / 1000 < 1500, `tac -r -s ${sep} took ${(used.user + used.system) / 1000} ms of CPU`);
    }
  });
});
