/**
 * One bot process of `npm run bench:stores`' commands/s figure: `node app-worker.js STORE
 * NAME FIRST LAST COMMANDS` runs the real app (createApp, machines in its worker pool) on
 * STORE ("memory" | "sqlite:PATH" | "redis" | "postgres", under NAME: key prefix or
 * schema), boots conversations FIRST..LAST-1, prints "ready" and waits for a line on stdin
 * (so that every process starts together), then sends COMMANDS lab lines spread over its
 * conversations, IN_FLIGHT at a time, and prints one JSON line: done, failed, ms, p50, p99.
 */
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app/create-app';
import type { DocumentStore } from '../src/store/document-store';
import type { Invocation, Scope } from '../src/contracts/invocation';
import { RedisDocuments } from '../src/store/redis-documents';
import { PostgresDocuments } from '../src/store/postgres-documents';
import { POSTGRES_URL, REDIS_URL } from '../test/store/servers';

/** Commands in flight per process (users typing at once in its conversations). */
const IN_FLIGHT = 8;
/** What a class types most (bench/run.ts measures each alone). */
const LINES = ['lsmod', 'insmod hello.ko', 'dmesg | tail -n 2', 'rmmod hello', 'modinfo -F license dummy', 'echo done'];

async function open(store: string, name: string): Promise<{ spec: string; documents?: DocumentStore }> {
  if (store === 'redis') return { spec: REDIS_URL, documents: await new RedisDocuments(REDIS_URL, { namespace: name, deadlineMs: 10_000 }).open() };
  if (store === 'postgres') return { spec: POSTGRES_URL, documents: await new PostgresDocuments(POSTGRES_URL, { schema: name, deadlineMs: 10_000 }).open() };
  return { spec: store };
}

let counter = 0;
function command(scope: Scope, line: string): Invocation {
  return { id: `bench-${process.pid}-${++counter}`, scope, user: { id: `u${counter % 30}`, name: 'student', roles: ['student'] }, input: { kind: 'command', command: 'sh', text: line } };
}

async function main(): Promise<void> {
  const [store = 'memory', name = 'bench', first = '0', last = '100', commands = '300'] = process.argv.slice(2);
  const { spec, documents } = await open(store, name);
  const app = await createApp({ store: spec, documents, rateLimit: false });
  const scopes: Scope[] = [];
  for (let i = Number(first); i < Number(last); i++) scopes.push({ platform: 'discord', workspace: 'bench', channel: `room-${i}` });
  for (const scope of scopes) await app.handle(command(scope, 'true'));
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.pause();
  const samples: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    for (let i = next++; i < Number(commands); i = next++) {
      const t = performance.now();
      const reply = await app.handle(command(scopes[i % scopes.length]!, LINES[i % LINES.length]!));
      samples.push(performance.now() - t);
      if (reply.blocks.some((b) => b.kind === 'notice' && b.level === 'error')) failed++;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const ms = performance.now() - started;
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? NaN;
  process.stdout.write(`${JSON.stringify({ done: samples.length, failed, ms, p50: pct(50), p99: pct(99) })}\n`);
  await app.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
