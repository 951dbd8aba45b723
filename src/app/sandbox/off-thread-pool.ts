/**
 * The heavy work of src/teaching/off-thread.ts run in the machine pool: a render, an
 * exercise's setup, a quiz question or a dashboard dmesg never runs on the main thread, where
 * it would stall every conversation of the process. Over its budget or with its worker
 * dead, the asker gets a reason to put in a reply, and the log a coded line.
 */
import type { Logger } from '../../contracts/logger';
import type { OffThreadResult } from '../../contracts/off-thread';
import { offThreadOf, type OffThread, type Work, type Worked } from '../../teaching/off-thread';
import type { MachinePool, WorkResult } from './pool';
import { seconds } from './seconds';

export function poolOffThread(pool: MachinePool, hostname: string, logger: Logger): OffThread {
  return offThreadOf(async (work) => explain(work, await pool.perform(work), pool, logger), hostname);
}

/** The pool's result as the asker sees it; failures logged. */
function explain(work: Work, result: WorkResult, pool: MachinePool, logger: Logger): OffThreadResult<Worked> {
  if (result.kind === 'done') return { ok: true, value: result.worked };
  const limit = result.kind === 'failed' ? 'failed' : result.limit;
  const why =
    limit === 'time' ? `it took longer than ${seconds(pool.workWallMs[work.kind])}`
    : limit === 'memory' ? `it needed more than ${pool.heapMb} MB of memory`
    : 'it failed; the error has been logged';
  logger[limit === 'time' || limit === 'memory' ? 'warn' : 'error'](`${work.kind} stopped: ${why}`, {
    code: limit === 'time' || limit === 'memory' ? 'over-budget' : 'internal',
    work: work.kind,
    ms: Math.round(result.ms),
    cause: result.cause,
  });
  return { ok: false, limit, why };
}
