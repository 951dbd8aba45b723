/**
 * A slow writer among fast ones (issue 12): one process whose update function takes 150 ms
 * (a long machine step) and three processes updating the same conversation as fast as they
 * can. With compare-and-commit alone the slow one loses every round and gives up with
 * 'store-busy' while the others progress (measured below); with turns (src/store/turns.ts)
 * it gets through after a few lost rounds, and nobody fails.
 */
import { strict as assert } from 'node:assert';
import { MAX_UPDATE_ATTEMPTS } from '../../src/store/document-store';
import { TURN_AFTER_LOST_ROUNDS } from '../../src/store/limits';
import { finished, forEachStore, startWorker } from './process-targets';
import type { Tally } from './net-worker';

interface Run {
  acked: number;
  failed: number;
  lost: number;
  turns: number;
  err: string;
}

async function run(args: string[], turns: 'on' | 'off'): Promise<Run> {
  const { out, err } = await finished(startWorker(args, { ...process.env, MODLAB_TEST_TURNS: turns }));
  const m = /^acked (\d+) failed (\d+) lost (\d+) turns (\d+)$/.exec(out);
  if (!m) throw new Error(`worker said: ${out} ${err}`);
  return { acked: Number(m[1]), failed: Number(m[2]), lost: Number(m[3]), turns: Number(m[4]), err };
}

/** One slow process (SLOW updates of 150 ms) among three fast ones (updating for FAST_MS). */
async function race(store: string, name: string, turns: 'on' | 'off', slow: number, fastMs: number): Promise<{ slow: Run; fast: Run[] }> {
  const startAt = String(Date.now() + 1500);
  const [s, ...f] = await Promise.all([
    run([store, name, 'room', 'slow', String(slow), startAt], turns),
    ...[1, 2, 3].map(() => run([store, name, 'room', 'fast', String(fastMs), startAt], turns)),
  ]);
  return { slow: s as Run, fast: f };
}

forEachStore('a slow writer among fast processes', 'fair', 90_000, (target, on) => {
  if (target.name === 'redis') {
    it(`is starved without turns: it loses round after round (measured: all ${MAX_UPDATE_ATTEMPTS}, then store-busy) while the others progress`, async () => {
      const { slow, fast } = await race(on.store, on.name, 'off', 1, 10_000);
      // On a quiet machine it loses all 25 and fails; on a loaded one the fast processes
      // are sometimes all descheduled for 150 ms and it slips through late.
      assert.ok(slow.lost >= 10, `slow: ${JSON.stringify(slow)}`);
      if (slow.failed) assert.match(slow.err, /store-busy/);
      // The others progress (measured: 800, 600 and 400 updates in 7 s; even a fast one lost 25 rounds once).
      assert.ok(fast.every((r) => r.acked > 50), JSON.stringify(fast));
    });
  }

  it(`gets every update through with turns, a few lost rounds each, and nobody fails`, async () => {
    const { slow, fast } = await race(on.store, on.name, 'on', 5, 3500);
    assert.equal(slow.failed, 0, `slow: ${JSON.stringify(slow)}`);
    assert.equal(slow.acked, 5);
    assert.ok(slow.turns >= 1, `the slow writer took a turn: ${JSON.stringify(slow)}`);
    assert.ok(slow.lost <= TURN_AFTER_LOST_ROUNDS + 5, `slow lost at most a few rounds: ${JSON.stringify(slow)}`);
    assert.ok(fast.every((r) => r.failed === 0 && r.acked > 0), JSON.stringify(fast));
    const tally = (await on.docs.get('room')) as Tally;
    assert.equal(tally.count, slow.acked + fast.reduce((n, r) => n + r.acked, 0));
  });
});
