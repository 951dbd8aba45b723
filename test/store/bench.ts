/**
 * Not a test: how many ScopeStore updates per second each store manages on this machine.
 * `node dist/test/store/bench.js [UPDATES]` — sequential and 50-at-a-time concurrent
 * updates of one scope holding a fake state with 200 history entries and 500 log records.
 */
import { join } from 'node:path';
import type { DocumentStore } from '../../src/store/document-store';
import { MemoryDocuments } from '../../src/store/memory-documents';
import { SqliteDocuments } from '../../src/store/sqlite-documents';
import { ScopeStore } from '../../src/scope/store';
import type { ScopeState } from '../../src/scope/state';
import { countOf, fakeBoot, removeDir, scope, tempDir } from './fixtures';

function boot(): ScopeState {
  const state = fakeBoot()();
  for (let i = 0; i < 200; i++) state.history.push({ user: 'ada', line: `insmod hello${i}.ko`, at: i, status: 0 });
  const records = (state.machine.kernel.printk as { records: unknown[] }).records;
  for (let i = 0; i < 500; i++) records.push({ seq: i, usec: i * 1000, level: 6, facility: 0, text: `hello: module loaded ${i}` });
  return state;
}

async function measure(name: string, docs: DocumentStore, updates: number): Promise<void> {
  const store = new ScopeStore(docs, boot);
  const bump = (state: ScopeState): void => {
    state.teaching = { count: countOf(state) + 1 };
  };
  await store.update(scope, bump);
  let started = process.hrtime.bigint();
  for (let i = 0; i < updates; i++) await store.update(scope, bump);
  const sequential = updates / (Number(process.hrtime.bigint() - started) / 1e9);
  started = process.hrtime.bigint();
  for (let i = 0; i < updates; i += 50) await Promise.all(Array.from({ length: 50 }, () => store.update(scope, bump)));
  const concurrent = updates / (Number(process.hrtime.bigint() - started) / 1e9);
  const size = JSON.stringify(await store.read(scope)).length;
  await store.close();
  process.stdout.write(`${name.padEnd(8)} ${Math.round(sequential)} updates/s sequential, ${Math.round(concurrent)} updates/s 50 concurrent (state ${size} bytes)\n`);
}

async function main(): Promise<void> {
  const updates = Number(process.argv[2] ?? 2000);
  await measure('memory', new MemoryDocuments(), updates);
  const dir = tempDir();
  try {
    await measure('sqlite', new SqliteDocuments(join(dir, 'bench.db')), updates);
  } finally {
    removeDir(dir);
  }
}

void main();
