/**
 * Several bot processes on one store (issue 12): 3 processes × 50 users acting at once in
 * one conversation lose nothing, and a process killed with SIGKILL in the middle of a
 * burst loses nothing it acknowledged (and leaves a document that still reads).
 */
import { strict as assert } from 'node:assert';
import { finished, forEachStore, startWorker } from './process-targets';
import type { Tally } from './net-worker';

forEachStore('several processes on one store', 'mp', 60_000, (_target, on) => {
  it('loses nothing when 3 processes × 50 users update one conversation at once (150 changes)', async () => {
    const startAt = String(Date.now() + 1500);
    const runs = await Promise.all([1, 2, 3].map(() => finished(startWorker([on.store, on.name, 'room', 'burst', '50', startAt]))));
    assert.deepEqual(runs.map((r) => r.out), ['acked 50 failed 0', 'acked 50 failed 0', 'acked 50 failed 0'], runs.map((r) => r.err).join(''));
    const tally = (await on.docs.get('room')) as Tally;
    assert.equal(tally.count, 150);
    assert.deepEqual(Object.values(tally.per), [50, 50, 50]);
  });

  it('loses nothing acknowledged when a process is killed with SIGKILL mid-burst', async () => {
    const child = startWorker([on.store, on.name, 'room', 'acks', '0', '0']);
    let lastAck = 0;
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) lastAck = Number(line.replace('ack ', ''));
        if (lastAck >= 40 && !child.killed) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('close', () => reject(new Error(`worker ended before 40 acks: ${err}`)));
    });
    await new Promise((resolve) => child.once('close', resolve));
    // Read again after the kill: the document is whole, and holds every acknowledged update
    // (and at most the one that was in flight).
    const tally = (await on.docs.get('room')) as Tally;
    const landed = tally.per[String(child.pid)] ?? 0;
    assert.ok(landed >= lastAck && landed <= lastAck + 1, `acked ${lastAck}, landed ${landed}`);
    assert.equal(tally.count, landed);
    assert.equal(await (on.docs as { update(key: string, fn: (doc: unknown) => { doc: unknown; result: number }): Promise<number> }).update('room', (doc) => {
      const t = doc as Tally;
      t.count += 1;
      return { doc: t, result: t.count };
    }), landed + 1);
  });
});
