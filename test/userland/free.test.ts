/**
 * free(1) against procps-ng 4.0.2 on a Debian 12 host: each row is free's arguments, the
 * /proc/meminfo it read and what it printed, captured where free printed the same before
 * and after the read (test/fixtures/free-meminfo.json). The simulator's free reads the same
 * text in place of the machine's /proc/meminfo.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'fs';
import * as path from 'path';
import { fakeSystem } from '../shell/fake-system';
import { createApp } from '../../src/app/create-app';
import { output, say } from '../app/helpers';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/free-meminfo.json');
const rows = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Array<[string, string, string, number]>;

describe('free: /proc/meminfo as procps-ng 4.0.2 shows it', () => {
  for (const [args, meminfo, output, status] of rows) {
    it(`free ${args}`.trim(), () => {
      const f = fakeSystem();
      const read = f.sys.fs.read.bind(f.sys.fs);
      f.sys.fs.read = (p: string) => (p === '/proc/meminfo' ? meminfo : read(p));
      const r = f.run(`free ${args}`);
      assert.deepEqual({ output: r.output, status: r.exitCode }, { output, status });
    });
  }

  it('repeats with -c, the clock moving on by -s between reports, and stops under timeout', () => {
    const f = fakeSystem();
    const read = f.sys.fs.read.bind(f.sys.fs);
    f.sys.fs.read = (p: string) => (p === '/proc/meminfo' ? rows[0]![1] : read(p));
    const r = f.run('date +%s; free -c 3 -s 2 | grep -c Mem; date +%s');
    const [before, reports, after] = r.output.trim().split('\n');
    assert.equal(reports, '3');
    assert.equal(Math.round(Number(after) - Number(before)), 4);
  });

  it('stops at timeout(1)\'s signal while it sleeps between reports', async () => {
    const app = await createApp({ store: 'memory' });
    try {
      const r = await app.handle(say('timeout 5 free -s 1 > out; echo $?; grep -c Mem out'));
      assert.equal(output(r), '124\n5\n');
    } finally {
      await app.close();
    }
  });
});
