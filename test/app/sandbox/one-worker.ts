/**
 * What the off-the-main-thread tests stand on: a pool of one machine worker for each test
 * (started before, closed after, sinon restored), and the stall they allow the main thread.
 */
import sinon from 'sinon';
import { MachinePool, type PoolOptions } from '../../../src/app/sandbox/pool';
import { poolOffThread } from '../../../src/app/sandbox/off-thread-pool';
import { silentLogger } from '../../../src/contracts/logger';
import type { OffThread } from '../../../src/teaching/off-thread';

/** The longest the main thread may stall while heavy work runs in a worker (inline, the biggest picture stalls ~2 s). */
export const MAIN_THREAD_LAG_BOUND_MS = 250;

export interface OneWorker {
  readonly pool: MachinePool;
  /** The heavy work as the app asks for it, sent to this pool. */
  offThread(): OffThread;
  /** Replaces the pool by one whose work kinds have these wall-clock budgets. */
  withBudgets(workWallMs: NonNullable<PoolOptions['workWallMs']>): Promise<OffThread>;
}

/** Call inside a describe block. */
export function oneWorkerEachTest(): OneWorker {
  let pool: MachinePool;
  const start = async (options: PoolOptions): Promise<void> => {
    pool = new MachinePool(options);
    await pool.ready();
  };
  beforeEach(() => start({ size: 1 }));
  afterEach(async () => {
    sinon.restore();
    await pool.close();
  });
  return {
    get pool() {
      return pool;
    },
    offThread: () => poolOffThread(pool, 'modlab', silentLogger),
    withBudgets: async (workWallMs) => {
      await pool.close();
      await start({ size: 1, workWallMs });
      return poolOffThread(pool, 'modlab', silentLogger);
    },
  };
}
