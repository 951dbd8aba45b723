/**
 * Lines recorded on a real Debian 12 (scripts/record-host-table.ts, LC_ALL=C) replayed on the
 * simulated machine: output (stdout and stderr merged) and exit status must match exactly.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'fs';
import * as path from 'path';
import { bootMachine, execLine } from '../../src/machine/machine';
import { HOST_SETUP } from '../../scripts/record-host-table';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/host');
const clock = (): number => Date.UTC(2026, 11, 4, 12, 0, 0);

for (const file of fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort()) {
  describe(`host table ${file}: lines behave as on Debian 12`, () => {
    const rows = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as Array<[string, string, number]>;
    for (const [line, output, status] of rows) {
      it(JSON.stringify(line), () => {
        const state = bootMachine({ clock });
        execLine(state, HOST_SETUP, { clock });
        const r = execLine(state, `cd /tmp/t; ${line}`, { clock });
        assert.deepEqual({ output: r.output, status: r.exitCode }, { output, status });
      });
    }
  });
}
