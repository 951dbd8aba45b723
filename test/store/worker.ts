/**
 * A separate bot process for the multi-process test: `node worker.js DB KEY N START_AT`
 * waits until START_AT (ms since the epoch, so both processes start together), then makes
 * N counter updates of KEY in the SQLite store DB, and prints how many it made.
 */
import { SqliteDocuments } from '../../src/store/sqlite-documents';

async function main(): Promise<void> {
  const [path, key, count, startAt] = process.argv.slice(2);
  const docs = new SqliteDocuments(path, { deadlineMs: 30_000 });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  let made = 0;
  for (let i = 0; i < Number(count); i++) {
    await docs.update(key, (doc) => {
      const state = (doc ?? { count: 0, pids: {} }) as { count: number; pids: Record<string, number> };
      state.count += 1;
      state.pids[process.pid] = (state.pids[process.pid] ?? 0) + 1;
      return { doc: state, result: undefined };
    });
    made++;
  }
  await docs.close();
  process.stdout.write(`${made}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
