/**
 * A separate bot process for the multi-process tests of the shared stores:
 * `node net-worker.js STORE NAME KEY MODE N START_AT` opens STORE ("redis" | "postgres" |
 * "sqlite:PATH") under NAME (key prefix / schema), waits until START_AT (ms since the
 * epoch), then:
 * - MODE "burst": N users update KEY at once (each update's function takes a few ms, like
 *   a shell line); prints "acked A failed F" (failures by code on stderr);
 * - MODE "acks": updates KEY one after another until killed, printing "ack I" after each
 *   acknowledged update I (1, 2, …), so a kill -9 can be checked against what was acked.
 * - MODE "slow": once the others have made 30 updates of KEY (so that they are running),
 *   N updates one after another, each function taking 150 ms (a long machine step); prints "acked A failed F lost L turns T" (L: most rounds one update lost);
 * - MODE "fast": updates one after another (2 ms each) for N ms; prints the same.
 * MODLAB_TEST_TURNS=off turns the store's turns off (to measure starvation without them).
 * Every update counts itself in the document: count, and per[pid] = this process's count.
 */
import { POSTGRES_URL, REDIS_URL } from './servers';
import { PostgresDocuments } from '../../src/store/postgres-documents';
import { RedisDocuments } from '../../src/store/redis-documents';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import { isModlabError } from '../../src/contracts/errors';

export interface Tally {
  count: number;
  per: Record<string, number>;
}

type Update = (key: string, fn: (doc: unknown) => Promise<{ doc: Tally; result: number }>) => Promise<number>;
type Get = (key: string) => Promise<unknown>;

interface Contention {
  maxLostRounds: number;
  turns: number;
}

async function open(store: string, name: string): Promise<{ update: Update; get?: Get; close(): Promise<void>; contention?: Contention }> {
  const deadlineMs = 20_000;
  const turnAfterLostRounds = process.env.MODLAB_TEST_TURNS === 'off' ? Infinity : undefined;
  if (store === 'redis') {
    const docs = await new RedisDocuments(REDIS_URL, { namespace: name, deadlineMs, turnAfterLostRounds }).open();
    return { update: (key, fn) => docs.update(key, fn), get: (key) => docs.get(key), close: () => docs.close(), contention: docs.contention };
  }
  if (store === 'postgres') {
    const docs = await new PostgresDocuments(POSTGRES_URL, { schema: name, deadlineMs, turnAfterLostRounds }).open();
    return { update: (key, fn) => docs.update(key, fn), get: (key) => docs.get(key), close: () => docs.close(), contention: docs.contention };
  }
  if (process.env.MODLAB_TEST_TURNS !== undefined) {
    const docs = new SqliteDocuments(store.slice('sqlite:'.length), { deadlineMs, turnAfterLostRounds });
    return { update: (key, fn) => docs.update(key, fn), get: (key) => docs.get(key), close: () => docs.close(), contention: docs.contention };
  }
  // SQLite's update function is synchronous: the "work" is done before the transaction.
  const docs = new SqliteDocuments(store.slice('sqlite:'.length), { deadlineMs });
  return {
    update: async (key, fn) => {
      await pause(2);
      let result = 0;
      await docs.update(key, (doc) => {
        const tally = count(doc);
        result = tally.per[process.pid] ?? 0;
        return { doc: tally, result };
      });
      return result;
    },
    close: () => docs.close(),
  };
}

function count(doc: unknown): Tally {
  const tally = (doc ?? { count: 0, per: {} }) as Tally;
  tally.count += 1;
  tally.per[process.pid] = (tally.per[process.pid] ?? 0) + 1;
  return tally;
}

async function countSlowly(doc: unknown, ms = 2): Promise<{ doc: Tally; result: number }> {
  await pause(ms);
  const tally = count(doc);
  return { doc: tally, result: tally.per[process.pid] ?? 0 };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  const [store = '', name = '', key = '', mode = '', n = '0', startAt = '0'] = process.argv.slice(2);
  const docs = await open(store, name);
  await pause(Math.max(0, Number(startAt) - Date.now()));
  if (mode === 'burst') {
    const outcomes = await Promise.allSettled(Array.from({ length: Number(n) }, () => docs.update(key, countSlowly)));
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    for (const f of failed) process.stderr.write(`${isModlabError(f.reason) ? f.reason.code : String(f.reason)}\n`);
    process.stdout.write(`acked ${outcomes.length - failed.length} failed ${failed.length}\n`);
  } else if (mode === 'slow' || mode === 'fast') {
    let acked = 0;
    const failed: string[] = [];
    while (mode === 'slow' && (((await docs.get?.(key)) as Tally | undefined)?.count ?? 0) < 30) await pause(10);
    const until = Date.now() + Number(n);
    for (let i = 0; mode === 'slow' ? i < Number(n) : Date.now() < until; i++) {
      try {
        await docs.update(key, (doc) => countSlowly(doc, mode === 'slow' ? 150 : 2));
        acked++;
      } catch (error) {
        failed.push(isModlabError(error) ? error.code : String(error));
      }
    }
    for (const f of failed) process.stderr.write(`${f}\n`);
    process.stdout.write(`acked ${acked} failed ${failed.length} lost ${docs.contention?.maxLostRounds ?? '?'} turns ${docs.contention?.turns ?? '?'}\n`);
  } else {
    for (;;) process.stdout.write(`ack ${await docs.update(key, countSlowly)}\n`);
  }
  await docs.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
