/**
 * `node dist/bench/step-cpu.js [--preload] [ROUNDS] [LINE …]`: the CPU one message's machine
 * step costs in a worker, line by line (default: the class's lab sheet and the latency
 * cases), as the worker runs it with scope affinity (the state kept from the step before,
 * sealed to text after). --preload first loads the latency benches' ~30 modules. One process,
 * no store, no IPC: the figures to compare before and after a change of the machine's own
 * code (run it under `node --cpu-prof` to see where the time goes).
 */
import { performance } from 'node:perf_hooks';
import type { User } from '../src/contracts/invocation';
import { runStepOn, type StepEnv } from '../src/scope/step';
import type { ScopeState } from '../src/scope/state';
import { DEFAULT_HOSTNAME } from '../src/machine/machine';
import { LAB_SHEET } from './class-mix';
import { PRELOAD } from './preload';

const LATENCY_CASES = ['lsmod', 'insmod hello.ko', 'rmmod hello', 'modprobe ext4', 'modprobe -r ext4', 'dmesg', 'true'];

const user: User = { id: 'u', name: 'alice', roles: ['student'] };
const env: StepEnv = { hostname: DEFAULT_HOSTNAME, clock: Date.now, maxDocumentBytes: 4_000_000 };

function cpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function main(): void {
  const args = process.argv.slice(2);
  const preload = args[0] === '--preload' ? args.shift() !== undefined : false;
  const rounds = Number(args.shift() ?? 200);
  const lines = args.length > 0 ? args : [...LAB_SHEET, ...LATENCY_CASES];
  const spent = new Map<string, number>();
  let state: ScopeState | undefined;
  let stored: string | undefined;
  const run = (line: string): void => {
    const result = runStepOn(state ? { open: state } : { stored }, { kind: 'shell', lines: [line], user }, env);
    if (!result.outcome.ok) throw new Error(`${line}: ${result.outcome.message} ${result.outcome.cause ?? ''}`);
    state = result.state;
    stored = result.outcome.text;
  };
  if (preload) for (const name of PRELOAD) run(`modprobe ${name}`);
  const started = cpuUs();
  const wall = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const line of lines) {
      const before = cpuUs();
      run(line);
      spent.set(line, (spent.get(line) ?? 0) + cpuUs() - before);
    }
  }
  const total = cpuUs() - started;
  const rows = [...spent].map(([line, us]) => `${line.padEnd(48)} ${(us / rounds / 1000).toFixed(3).padStart(8)} ms`);
  rows.push(`${'per line, all'.padEnd(48)} ${(total / rounds / lines.length / 1000).toFixed(3).padStart(8)} ms  (wall ${((performance.now() - wall) / rounds / lines.length).toFixed(3)} ms, text ${stored?.length ?? 0} chars)`);
  process.stdout.write(rows.join('\n') + '\n');
}

main();
