/**
 * Tables of shell lines and what the real tool printed for each (stdout and stderr merged)
 * with its exit status, replayed one line per test on a fresh fake system after SETUP.
 */
import { strict as assert } from 'node:assert';
import { fakeSystem } from '../shell/fake-system';

/** [line, output, status] as recorded on Debian 12. */
export type LineRow = readonly [line: string, output: string, status: number];

/** A test per row; with `withinMs`, each line must also finish within that many ms. */
export function replayLines(setup: string, rows: ReadonlyArray<LineRow>, withinMs?: number): void {
  for (const [line, output, status] of rows) {
    it(JSON.stringify(line), () => {
      const f = fakeSystem();
      f.run(setup);
      const started = Date.now();
      const r = f.run(line);
      assert.deepEqual({ output: r.output, status: r.exitCode }, { output, status });
      if (withinMs !== undefined) assert.ok(Date.now() - started < withinMs, `took over ${withinMs} ms`);
    });
  }
}
