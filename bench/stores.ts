/**
 * `npm run bench:stores`: the stores side by side (memory, SQLite, Redis, PostgreSQL).
 * 1. DocumentStore.update with a realistic document (~40 KB of JSON: a machine with history
 *    and a kernel log), sequential (throughput, p50, p99) and 50 at a time on one key.
 * 2. Commands/s of the real app over 100 conversations with 1, 2 and 4 bot processes
 *    sharing the store (bench/app-worker.ts; memory cannot be shared: 1 process only).
 * 3. With BENCH_FAILOVER=1 only: the time from stopping the Redis or PostgreSQL server
 *    (then starting it again at once) to the first command that succeeds. It restarts the
 *    machine's shared servers (BENCH_REDIS_STOP/START, BENCH_POSTGRES_STOP/START override
 *    the commands), which disturbs anyone else using them: run it alone.
 * Redis and PostgreSQL are the machine's own (MODLAB_TEST_REDIS / MODLAB_TEST_POSTGRES), in
 * a key prefix / schema of the bench's own that it removes afterwards.
 * `node dist/bench/stores.js [UPDATES] [COMMANDS]` (defaults 500 and 300);
 * `BENCH_FAILOVER=1 node dist/bench/stores.js failover`: the restart figure alone.
 */
import { exec, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DocumentStore } from '../src/store/document-store';
import { MemoryDocuments } from '../src/store/memory-documents';
import { SqliteDocuments } from '../src/store/sqlite-documents';
import { RedisDocuments } from '../src/store/redis-documents';
import { PostgresDocuments } from '../src/store/postgres-documents';
import { removeDir, tempDir } from '../test/store/fixtures';
import { POSTGRES_URL, REDIS_URL, dropRedisNamespace, dropSchema, uniqueName } from '../test/store/servers';
import { createApp } from '../src/app/create-app';
import type { Invocation } from '../src/contracts/invocation';

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

interface AppRun {
  done: number;
  failed: number;
  ms: number;
  p99: number;
}

/** One app process of the commands/s figure: ready once booted; go() starts it and resolves with its JSON line. */
function appProcess(args: string[]): { ready: Promise<void>; go(): Promise<AppRun> } {
  const child = spawn(process.execPath, [join(__dirname, 'app-worker.js'), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const closed = new Promise<AppRun>((resolve, reject) => {
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.replace(/^ready\n/, '').trim()) as AppRun) : reject(new Error(`app process exited ${code}: ${err.slice(-500)}`))));
  });
  return {
    ready: Promise.race([ready, closed.then(() => undefined)]),
    go() {
      child.stdin.end('go\n');
      return closed;
    },
  };
}

const CONVERSATIONS = 100;

/** Commands/s of PROCS processes sharing STORE, the 100 conversations split between them (as shards split guilds). */
async function commandsPerSecond(store: string, procs: number, commands: number): Promise<string> {
  const name = uniqueName('cmds');
  const spec = store === 'sqlite' ? `sqlite:${join(tempDir(), 'bench.db')}` : store;
  try {
    const per = CONVERSATIONS / procs;
    const apps = Array.from({ length: procs }, (_, i) => appProcess([spec, name, String(i * per), String((i + 1) * per), String(Math.round(commands / procs))]));
    // Every process boots its conversations first; the clock starts when all are ready.
    await Promise.all(apps.map((a) => a.ready));
    const runs = await Promise.all(apps.map((a) => a.go()));
    const done = runs.reduce((n, r) => n + r.done, 0);
    const failed = runs.reduce((n, r) => n + r.failed, 0);
    const wall = Math.max(...runs.map((r) => r.ms));
    const p99 = Math.max(...runs.map((r) => r.p99));
    return `${(done / (wall / 1000)).toFixed(1).padStart(7)} (${Math.round(p99)} ms${failed ? `, ${failed} failed` : ''})`;
  } catch (error) {
    return `error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  } finally {
    if (store === 'redis') await dropRedisNamespace(name).catch(() => undefined);
    if (store === 'postgres') await dropSchema(name).catch(() => undefined);
    if (spec.startsWith('sqlite:')) removeDir(join(spec.slice('sqlite:'.length), '..'));
  }
}

const run = promisify(exec);

const RESTART = {
  redis: {
    stop: process.env.BENCH_REDIS_STOP ?? 'redis-cli -h 127.0.0.1 -p 6379 shutdown nosave',
    start: process.env.BENCH_REDIS_START ?? 'redis-server --daemonize yes --bind "127.0.0.1 -::1" --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  },
  postgres: {
    stop: process.env.BENCH_POSTGRES_STOP ?? `pg_ctlcluster --skip-systemctl-redirect 15 main stop`,
    start: process.env.BENCH_POSTGRES_START ?? `pg_ctlcluster --skip-systemctl-redirect 15 main start`,
  },
};

/**
 * One app on the server KIND sends a command every 20 ms; the server is stopped and started
 * again at once. The figure: from the stop to the first command that succeeds afterwards
 * (the server's own start plus the store's reconnection), and how many failed meanwhile.
 */
async function failover(kind: 'redis' | 'postgres'): Promise<string> {
  const name = uniqueName('failover');
  const documents = kind === 'redis' ? await new RedisDocuments(REDIS_URL, { namespace: name }).open() : await new PostgresDocuments(POSTGRES_URL, { schema: name }).open();
  const app = await createApp({ store: kind === 'redis' ? REDIS_URL : POSTGRES_URL, documents, rateLimit: false, sandbox: 'inline' });
  let n = 0;
  const say = (): Invocation => ({ id: `failover-${++n}`, scope: { platform: 'discord', workspace: 'bench', channel: 'failover' }, user: { id: 'u', name: 'u', roles: ['student'] }, input: { kind: 'command', command: 'sh', text: 'echo up' } });
  const ok = async (): Promise<boolean> => !(await app.handle(say())).blocks.some((b) => b.kind === 'notice' && b.level === 'error');
  try {
    if (!(await ok())) return 'error: no command succeeded before the restart';
    const stoppedAt = performance.now();
    await run(RESTART[kind].stop);
    const starting = run(RESTART[kind].start);
    let failed = 0;
    for (;;) {
      if (await ok()) break;
      failed++;
      if (performance.now() - stoppedAt > 120_000) return 'error: no command succeeded within 120 s';
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const ms = performance.now() - stoppedAt;
    await starting;
    return `${(ms / 1000).toFixed(2)} s from stop to the first successful command (${failed} commands failed meanwhile with "storage unavailable")`;
  } catch (error) {
    return `error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  } finally {
    await app.close().catch(() => undefined);
    if (kind === 'redis') await dropRedisNamespace(name).catch(() => undefined);
    else await dropSchema(name).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'failover') {
    // `node dist/bench/stores.js failover` (with BENCH_FAILOVER=1): the restart figure alone.
    if (process.env.BENCH_FAILOVER !== '1') throw new Error('the failover figure restarts the shared servers: set BENCH_FAILOVER=1');
    for (const kind of ['redis', 'postgres'] as const) process.stdout.write(`${kind.padEnd(9)} ${await failover(kind)}\n`);
    return;
  }
  const n = Number(process.argv[2] ?? 500);
  const commands = Number(process.argv[3] ?? 300);
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

  process.stdout.write(`\ncommands/s of the real app over ${CONVERSATIONS} conversations, ${commands} lab lines, 8 in flight per process (p99 latency)\nstore       1 process            2 processes          4 processes\n`);
  for (const store of ['memory', 'sqlite', 'redis', 'postgres']) {
    const cells: string[] = [];
    for (const procs of [1, 2, 4]) cells.push(store === 'memory' && procs > 1 ? 'n/a (not shared)' : await commandsPerSecond(store, procs, commands));
    process.stdout.write(`${store.padEnd(9)} ${cells.map((c) => c.padEnd(20)).join(' ')}\n`);
  }

  if (process.env.BENCH_FAILOVER === '1') {
    process.stdout.write('\nfailover: the server stopped and started again at once\n');
    for (const kind of ['redis', 'postgres'] as const) process.stdout.write(`${kind.padEnd(9)} ${await failover(kind)}\n`);
  } else {
    process.stdout.write('\nfailover: not measured (BENCH_FAILOVER=1 restarts the shared Redis and PostgreSQL)\n');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
