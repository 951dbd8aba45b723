import { strict as assert } from 'node:assert';
import { BASH_PATTERN_TABLE, GREP_TABLE, SED_TABLE, SETUP } from './pattern-table';
import { fakeSystem } from '../shell/fake-system';

function replay(title: string, table: ReadonlyArray<readonly [string, string, number]>): void {
  describe(title, () => {
    for (const [line, output, status] of table) {
      it(JSON.stringify(line), () => {
        const f = fakeSystem();
        f.run(SETUP);
        const started = Date.now();
        const r = f.run(line);
        assert.deepEqual({ output: r.output, status: r.exitCode }, { output, status });
        assert.ok(Date.now() - started < 1000, 'took over a second');
      });
    }
  });
}

replay('grep: patterns behave as GNU grep 3.8 on Debian 12', GREP_TABLE);
replay('sed: scripts behave as GNU sed 4.9 on Debian 12', SED_TABLE);
replay('bash: [[ =~ ]], [[ == ]], case and globs behave as bash 5.2', BASH_PATTERN_TABLE);
