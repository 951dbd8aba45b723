/**
 * `npm run bench`: latency of the commands a class runs most, on a machine with ~30
 * modules loaded; store.update throughput; 50 concurrent users in one scope; the stored
 * state's size of a fresh scope and after a 500-command session. A benchmark, not a test: it prints figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app/create-app';
import type { App } from '../src/app/app';
import type { Invocation, Scope } from '../src/contracts/invocation';
import { openStore } from '../src/store';
import { ScopeStore } from '../src/scope/store';
import { freshScopeState } from '../src/scope/fresh';
import { scopeKey } from '../src/contracts/invocation';
import { systemClock } from '../src/contracts/clock';
import { DEFAULT_HOSTNAME } from '../src/machine/machine';
import './cc';
import { sharedPool } from '../src/app/sandbox/pool';
import { classMix } from './class-mix';
import { PRELOAD } from './preload';
import { cpuNow, cpuSince } from './cpu';


let counter = 0;
function invocation(scope: Scope, user: string, line: string): Invocation {
  return { id: `bench-${++counter}`, scope, user: { id: user, name: user, roles: ['student'] }, input: { kind: 'command', command: 'sh', text: line } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

function row(cells: Array<string | number>): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(46) : ' ' + String(c).padStart(12))).join('');
}

async function latencies(app: App, label: string): Promise<string[]> {
  const scope: Scope = { platform: 'console', workspace: 'bench', channel: `latency-${label}` };
  for (const name of PRELOAD) await app.handle(invocation(scope, 'teacher', `modprobe ${name}`));
  const loaded = await app.handle(invocation(scope, 'teacher', 'lsmod | wc -l'));
  const count = loaded.blocks[0]?.kind === 'terminal' ? Number(loaded.blocks[0].output.trim()) - 1 : NaN;
  const rows = [`machine: ${count} modules loaded (store ${label})`, row(['command', 'p50 ms', 'p99 ms'])];
  const cases: Array<[string, string[]]> = [
    ['lsmod', ['lsmod']],
    ['insmod hello.ko + rmmod hello', ['insmod hello.ko', 'rmmod hello']],
    ['modprobe ext4 (4 deps) + modprobe -r ext4', ['modprobe ext4', 'modprobe -r ext4']],
    ['dmesg', ['dmesg']],
  ];
  const pool = sharedPool();
  for (const [name, lines] of cases) {
    // Each message timed alone too: issue 9's per-command figures are per message; the pair is what a user sees for both.
    const each = lines.map(() => [] as number[]);
    const cpu = cpuNow(pool.workerPids());
    const t = await time(async () => {
      for (const [i, line] of lines.entries()) {
        const started = performance.now();
        await app.handle(invocation(scope, 'alice', line));
        each[i]?.push(performance.now() - started);
      }
    }, 100);
    const spent = cpuSince(cpu, pool.workerPids());
    const perMessage = (spent.mainMs + spent.workersMs) / (100 * lines.length);
    rows.push(row([`${name} (${lines.length} message${lines.length > 1 ? 's' : ''})`, t.p50.toFixed(2), t.p99.toFixed(2)]) + `  CPU ${perMessage.toFixed(2)} ms/message (app+store+workers)`);
    if (lines.length > 1) {
      for (const [i, line] of lines.entries()) {
        const samples = (each[i] ?? []).sort((a, b) => a - b);
        rows.push(row([`  one message: ${line}`, percentile(samples, 50).toFixed(2), percentile(samples, 99).toFixed(2)]));
      }
    }
  }
  return rows;
}

/** A 60-line module with a parameter, a helper, a loop and an export (issue 10's bench). */
function sixtyLines(tag: number): string {
  const body = Array.from({ length: 30 }, (_, i) => `\tsum += helper(${i});`).join('\n');
  return [
    `/* bench module ${tag} */`,
    '#include <linux/module.h>',
    '#include <linux/kernel.h>',
    '#include <linux/moduleparam.h>',
    'static int times = 3;',
    'module_param(times, int, 0644);',
    'MODULE_PARM_DESC(times, "How many");',
    'int bench_helper(int x) { return x * 2 + 1; }',
    'EXPORT_SYMBOL(bench_helper);',
    'static int helper(int x) { return bench_helper(x) % 7; }',
    'static int __init bench_init(void)',
    '{',
    '\tint i, sum = 0;',
    body,
    '\tfor (i = 0; i < times; i++)',
    '\t\tpr_info("bench: %d %d\\n", i, sum);',
    '\treturn 0;',
    '}',
    'static void __exit bench_exit(void)',
    '{',
    '\tpr_info("bench: bye\\n");',
    '}',
    'module_init(bench_init);',
    'module_exit(bench_exit);',
    'MODULE_LICENSE("GPL");',
  ].join('\n');
}

/** make of a 60-line module, insmod of the built .ko, and an endless loop stopped by the interpreter's budget. */
async function building(app: App): Promise<string[]> {
  const scope: Scope = { platform: 'console', workspace: 'bench', channel: 'build' };
  await app.handle(invocation(scope, 'teacher', 'mkdir b loop && echo obj-m += bench.o > b/Makefile && echo obj-m += loop.o > loop/Makefile'));
  let tag = 0;
  const make = await time(async () => {
    await app.handle(invocation(scope, 'alice', `cat > b/bench.c <<'EOF'\n${sixtyLines(++tag)}\nEOF`));
    await app.handle(invocation(scope, 'alice', 'make -s -C /lib/modules/$(uname -r)/build M=/root/b'));
  }, 50);
  const load = await time(async () => {
    await app.handle(invocation(scope, 'alice', 'insmod b/bench.ko times=5'));
    await app.handle(invocation(scope, 'alice', 'rmmod bench'));
  }, 100);
  const endless = '#include <linux/module.h>\nstatic int __init l_init(void) { long i = 0; while (1) i++; return 0; }\nmodule_init(l_init);\nMODULE_LICENSE("GPL");';
  const loop = await time(async () => {
    await app.handle(invocation(scope, 'alice', `cat > loop/loop.c <<'EOF'\n/* ${++tag} */\n${endless}\nEOF`));
    await app.handle(invocation(scope, 'alice', 'make -s -C /lib/modules/$(uname -r)/build M=/root/loop'));
  }, 20);
  return [
    row(['write + make of a 60-line module (CC, MODPOST, LD)', make.p50.toFixed(2), make.p99.toFixed(2)]),
    row(['insmod of a built module + rmmod', load.p50.toFixed(2), load.p99.toFixed(2)]),
    row([`endless loop in init: build stops at MAX_STEPS`, loop.p50.toFixed(2), loop.p99.toFixed(2)]),
  ];
}

async function throughput(spec: string): Promise<string> {
  const docs = await openStore(spec, {});
  const n = 2000;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    await docs.update('bench', (doc) => ({ doc: { n: (typeof doc === 'object' && doc !== null && 'n' in doc ? Number((doc as { n: unknown }).n) : 0) + 1 }, result: undefined }));
  }
  const seconds = (performance.now() - start) / 1000;
  await docs.close();
  return row([`store.update throughput (${spec.split(':')[0]})`, `${Math.round(n / seconds)}/s`, '']);
}

async function concurrent(app: App): Promise<string> {
  const scope: Scope = { platform: 'console', workspace: 'bench', channel: 'concurrent' };
  await app.handle(invocation(scope, 'teacher', 'true'));
  const start = performance.now();
  const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => app.handle(invocation(scope, `student${i}`, i % 2 ? 'lsmod' : 'cat /proc/modules'))));
  const ms = performance.now() - start;
  const history = await app.handle(invocation(scope, 'teacher', 'history | wc -l'));
  const recorded = history.blocks[0]?.kind === 'terminal' ? history.blocks[0].output.trim() : '?';
  return row(['50 concurrent users, one scope (all done)', `${ms.toFixed(1)} ms`, `${replies.length} replies`]) + `  (history lines: ${recorded})`;
}

async function stateSize(dir: string): Promise<string> {
  const spec = `sqlite:${join(dir, 'size.db')}`;
  const app = await createApp({ store: spec, rateLimit: false });
  const scope: Scope = { platform: 'console', workspace: 'bench', channel: 'session' };
  const lines = ['lsmod', 'insmod hello.ko', 'dmesg | tail -n 3', 'modprobe vfat', 'cat /proc/modules', 'modinfo vfat', 'modprobe -r vfat', 'rmmod hello', 'insmod hello_param.ko myint=3', 'cat /sys/module/hello_param/parameters/myint', 'rmmod hello_param', 'dmesg -c > /dev/null'];
  for (let i = 0; i < 500; i++) await app.handle(invocation(scope, `user${i % 7}`, lines[i % lines.length] ?? 'true'));
  await app.close();
  const docs = await openStore(spec, {});
  const keys = ['console', 'bench', 'session'].join(':');
  const doc = await docs.get(keys);
  await docs.close();
  return row(['stored state after a 500-command session', `${(JSON.stringify(doc ?? null).length / 1024).toFixed(1)} KiB`, '']);
}

/** A scope nobody has used yet, as the store holds it after a reset: what every conversation starts with. */
async function freshSize(dir: string): Promise<string> {
  const docs = await openStore(`sqlite:${join(dir, 'fresh.db')}`, {});
  const scope: Scope = { platform: 'console', workspace: 'bench', channel: 'fresh' };
  await new ScopeStore(docs, () => freshScopeState({ clock: systemClock, hostname: DEFAULT_HOSTNAME })).reset(scope);
  const doc = await docs.get(scopeKey(scope));
  await docs.close();
  return row(['stored state of a fresh scope', `${(JSON.stringify(doc ?? null).length / 1024).toFixed(1)} KiB`, '']);
}

/** Issue 9's class: 100 conversations, 16 messages in flight, the lab sheet's mix, SQLite, the worker pool. */
async function classFigures(dir: string): Promise<string[]> {
  const app = await createApp({ store: `sqlite:${join(dir, 'class.db')}`, rateLimit: false });
  const pool = sharedPool();
  await pool.ready();
  const warmBefore = pool.stats.warm;
  const commands = Number(process.env.BENCH_CLASS_COMMANDS ?? 4000);
  const f = await classMix(app, { conversations: 100, inFlight: 16, commands, workerPids: () => pool.workerPids() });
  await app.close();
  const cpu = f.cpuMainMs + f.cpuWorkersMs;
  return [
    row(['class: 100 conversations, 16 in flight (sqlite)', `${Math.round(f.commandsPerSecond)} cmds/s`, `p50 ${f.p50.toFixed(1)} ms`]) + `  p99 ${f.p99.toFixed(1)} ms, ${f.failures} failed`,
    row(['  CPU per command: app+store / workers', `${f.cpuMainMs.toFixed(2)} ms`, `${f.cpuWorkersMs.toFixed(2)} ms`]) + `  (=> ~${Math.round((2000 * 1) / cpu)} cmds/s on 2 idle cores)`,
    row(['  steps started from a kept state (affinity)', `${pool.stats.warm - warmBefore}`, `of ${commands}`]),
  ];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'modlab-bench-'));
  try {
    const out: string[] = [];
    out.push(...(await classFigures(dir)));
    const memory = await createApp({ store: 'memory', rateLimit: false });
    out.push(...(await latencies(memory, 'memory')));
    out.push(await concurrent(memory));
    out.push(...(await building(memory)));
    await memory.close();
    const sqlite = await createApp({ store: `sqlite:${join(dir, 'latency.db')}`, rateLimit: false });
    out.push(...(await latencies(sqlite, 'sqlite')));
    await sqlite.close();
    out.push(await throughput('memory'));
    out.push(await throughput(`sqlite:${join(dir, 'throughput.db')}`));
    out.push(await freshSize(dir));
    out.push(await stateSize(dir));
    const rss = process.memoryUsage().rss / 1024 / 1024;
    out.push(row(['process RSS at the end', `${rss.toFixed(0)} MiB`, '']));
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
