/**
 * `npm run bench:stores`: DocumentStore.update side by side on memory, SQLite, Redis and
 * PostgreSQL with a realistic document (~40 KB of JSON: a machine with history and a
 * kernel log), sequential (throughput, p50, p99) and 50 at a time on one key. Redis and
 * PostgreSQL are the machine's own (MODLAB_TEST_REDIS / MODLAB_TEST_POSTGRES), in a key
 * prefix / schema of the bench's own that it removes afterwards.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DocumentStore } from '../src/store/document-store';
import { MemoryDocuments } from '../src/store/memory-documents';
import { SqliteDocuments } from '../src/store/sqlite-documents';
import { RedisDocuments } from '../src/store/redis-documents';
import { PostgresDocuments } from '../src/store/postgres-documents';
import { removeDir, tempDir } from '../test/store/fixtures';
import { POSTGRES_URL, REDIS_URL, dropRedisNamespace, dropSchema, uniqueName } from '../test/store/servers';

function realisticDoc(): { count: number; history: unknown[]; printk: unknown[] } {
  const history = Array.from({ length: 200 }, (_, i) => ({ user: `student${i % 30}`, line: `insmod /home/lab/hello${i}.ko param=${i}`, at: 1_700_000_000_000 + i, status: i % 7 ? 0 : 1 }));
  const printk = Array.from({ length: 250 }, (_, i) => ({ seq: i, usec: i * 1013, level: 6, facility: 0, text: `hello${i}: module loaded, parameter ${i}` }));
  return { count: 0, history, printk };
}

const bump = (doc: unknown): { doc: unknown; result: undefined } => {
  const d = doc as { count: number };
  d.count += 1;
  return { doc: d, result: undefined };
};

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(name: string, docs: DocumentStore, n: number): Promise<string> {
  await docs.put('bench', realisticDoc());
  const size = JSON.stringify(await docs.get('bench')).length;
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await docs.update('bench', bump);
    samples.push(performance.now() - t);
  }
  const seq = n / ((performance.now() - started) / 1000);
  samples.sort((a, b) => a - b);
  const c0 = performance.now();
  for (let i = 0; i < n; i += 50) await Promise.all(Array.from({ length: 50 }, () => docs.update('bench', bump)));
  const conc = n / ((performance.now() - c0) / 1000);
  const { count } = (await docs.get('bench')) as { count: number };
  if (count !== 2 * n) throw new Error(`${name}: ${count} changes for ${2 * n} updates`);
  return `${name.padEnd(9)} ${String(Math.round(seq)).padStart(8)} ${pct(samples, 50).toFixed(2).padStart(8)} ${pct(samples, 99).toFixed(2).padStart(8)} ${String(Math.round(conc)).padStart(10)}   (${(size / 1024).toFixed(1)} KB)`;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 500);
  process.stdout.write(`update of one ~40 KB document, ${n} sequential then ${n} in batches of 50\nstore      upd/s    p50 ms   p99 ms  upd/s@50\n`);
  process.stdout.write(`${await measure('memory', new MemoryDocuments(), n)}\n`);
  const dir = tempDir();
  try {
    const sqlite = new SqliteDocuments(join(dir, 'bench.db'));
    process.stdout.write(`${await measure('sqlite', sqlite, n)}\n`);
    await sqlite.close();
  } finally {
    removeDir(dir);
  }
  const ns = uniqueName('bench');
  try {
    const redis = await new RedisDocuments(REDIS_URL, { namespace: ns, deadlineMs: 10_000 }).open();
    process.stdout.write(`${await measure('redis', redis, n)}\n`);
    await redis.close();
  } catch (error) {
    process.stdout.write(`redis     unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    await dropRedisNamespace(ns).catch(() => undefined);
  }
  try {
    const postgres = await new PostgresDocuments(POSTGRES_URL, { schema: ns, deadlineMs: 10_000 }).open();
    process.stdout.write(`${await measure('postgres', postgres, n)}\n`);
    await postgres.close();
  } catch (error) {
    process.stdout.write(`postgres  unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    await dropSchema(ns).catch(() => undefined);
  }
}

void main();
