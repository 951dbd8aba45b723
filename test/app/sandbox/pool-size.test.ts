/**
 * How many machine workers a pool has (issue 9): one per core, at least POOL_MIN_WORKERS,
 * unless its size is configured. A worker more than the cores only added contention.
 */
import { strict as assert } from 'node:assert';
import { availableParallelism } from 'node:os';
import { MachinePool, defaultPoolSize } from '../../../src/app/sandbox/pool';
import { POOL_MIN_WORKERS } from '../../../src/contracts/budget';

describe('the machine pool size (issue 9)', () => {
  it('has one worker per core, and at least POOL_MIN_WORKERS', () => {
    assert.equal(POOL_MIN_WORKERS, 2);
    const rows: Array<[cores: number, workers: number]> = [[1, 2], [2, 2], [3, 3], [4, 4], [16, 16]];
    for (const [cores, workers] of rows) assert.equal(defaultPoolSize(cores), workers, `${cores} cores`);
  });

  it('sizes itself to this machine\'s cores unless told otherwise', async () => {
    const pool = new MachinePool();
    const configured = new MachinePool({ size: 5 });
    try {
      assert.equal(pool.size, Math.max(POOL_MIN_WORKERS, availableParallelism()));
      assert.equal(configured.size, 5);
    } finally {
      await Promise.all([pool.close(), configured.close()]);
    }
  });
});
