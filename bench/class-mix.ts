/**
 * A class at work, for `npm run bench`: CONVERSATIONS channels, each a group of students
 * running the lab's commands in the order a lab sheet gives them, IN_FLIGHT messages in the
 * air at once (as many as the chat platforms deliver concurrently to one bot process), through
 * the app's real path (flood limits off, the worker pool, the store). Prints commands/s and
 * the latency each message saw from the app's entry to its reply.
 */
import { performance } from 'node:perf_hooks';
import type { App } from '../src/app/app';
import type { Invocation, Scope } from '../src/contracts/invocation';
import { cpuNow, cpuSince } from './cpu';

/** What a group does in one pass of the lab sheet: read, load, look, unload, with a dependency and a parameter. */
export const LAB_SHEET: readonly string[] = [
  'lsmod',
  'insmod hello.ko',
  'dmesg | tail -n 3',
  'lsmod | grep hello',
  'modinfo hello.ko',
  'rmmod hello',
  'modprobe vfat',
  'cat /proc/modules',
  'lsmod | grep fat',
  'modprobe -r vfat',
  'insmod hello_param.ko myint=3',
  'cat /sys/module/hello_param/parameters/myint',
  'rmmod hello_param',
  'dmesg | tail -n 5',
  'ls /lib/modules/$(uname -r)/kernel/fs',
  'uname -r',
];

export interface ClassMixOptions {
  conversations: number;
  inFlight: number;
  /** Messages measured (after one warm-up message per conversation). */
  commands: number;
  /** Students per conversation (they take turns). */
  students?: number;
  /** The machine pool's worker pids, to count their CPU time too. */
  workerPids?: () => number[];
}

export interface ClassMixFigures {
  commandsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Replies that were notices (an error, a stop) instead of terminal output. */
  failures: number;
  /** CPU time per command: this process (app, store) and the machine workers, ms. */
  cpuMainMs: number;
  cpuWorkersMs: number;
}

let counter = 0;

function invocation(scope: Scope, user: string, line: string): Invocation {
  return { id: `class-${++counter}`, scope, user: { id: user, name: user, roles: ['student'] }, input: { kind: 'command', command: 'sh', text: line } };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function classMix(app: App, options: ClassMixOptions, tag = 'class'): Promise<ClassMixFigures> {
  const students = options.students ?? 4;
  const scopes: Scope[] = Array.from({ length: options.conversations }, (_, i) => ({ platform: 'discord', workspace: `bench-${tag}`, channel: `lab-${i}` }));
  // Each conversation's machine exists before the clock starts (its first message boots it).
  for (let i = 0; i < scopes.length; i += options.inFlight) {
    await Promise.all(scopes.slice(i, i + options.inFlight).map((scope) => app.handle(invocation(scope, 'teacher', 'true'))));
  }
  const next = new Array<number>(scopes.length).fill(0);
  const samples: number[] = [];
  let failures = 0;
  let issued = 0;
  const pids = options.workerPids ?? (() => []);
  const cpu = cpuNow(pids());
  const started = performance.now();
  async function lane(): Promise<void> {
    while (issued < options.commands) {
      const n = issued++;
      // Spread over the conversations the way many groups interleave: a fixed stride, so each is visited in turn.
      const c = (n * 37) % scopes.length;
      const line = LAB_SHEET[next[c]++ % LAB_SHEET.length] ?? 'true';
      const scope = scopes[c];
      if (!scope) continue;
      const t = performance.now();
      const reply = await app.handle(invocation(scope, `student${n % students}`, line));
      samples.push(performance.now() - t);
      if (reply.blocks.some((b) => b.kind === 'notice')) failures++;
    }
  }
  await Promise.all(Array.from({ length: options.inFlight }, () => lane()));
  const seconds = (performance.now() - started) / 1000;
  const spent = cpuSince(cpu, pids());
  samples.sort((a, b) => a - b);
  return {
    commandsPerSecond: samples.length / seconds,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples[samples.length - 1] ?? NaN,
    failures,
    cpuMainMs: spent.mainMs / samples.length,
    cpuWorkersMs: spent.workersMs / samples.length,
  };
}
