/**
 * Fuzzing a student's C the way the student runs it: random modules (c-programs.ts) and
 * mutants of real ones (the teaching modules, the oracle's student modules, the exercises'
 * sources) written to a machine, built with kbuild's make, loaded with insmod (sometimes
 * with a parameter), poked through sysfs and the log, and removed with rmmod. Whatever the
 * source, nothing throws, no command outlasts one message's wall-clock budget, and the
 * machine's document stays under its bound. A fixed seed in `npm test`; C_FUZZ_RUNS and
 * C_FUZZ_SEED for a longer run (the figures are printed at the end).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bootMachine, execLine, type MachineOptions, type MachineState } from '../../src/machine/machine';
import { openSystem } from '../../src/machine/machine';
import { MAX_DOCUMENT_BYTES, MESSAGE_WALL_MS } from '../../src/contracts/budget';
import { teachingSources } from '../../src/modules/teaching-sources';
import { builtinExerciseFiles } from '../../exercises';
import { createApp } from '../../src/app/create-app';
import type { Invocation, Scope } from '../../src/contracts/invocation';
import { mutate, Picker, randomModule } from './c-programs';
import { random } from './random';

const RUNS = Number(process.env.C_FUZZ_RUNS ?? 120);
const SEED = Number(process.env.C_FUZZ_SEED ?? 20261205);
/** Programs one machine sees before a fresh boot (state accumulates: Oopses, stuck modules). */
const PER_MACHINE = 8;
const STUDENT = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'modules', 'student');
const BUILD = 'make -s -C /lib/modules/6.1.0-56-amd64/build';

/** Every C source the fuzzer mutates. */
function seeds(): string[] {
  const out = teachingSources.filter(([p]) => p.endsWith('.c')).map(([, t]) => t);
  for (const dir of readdirSync(STUDENT)) {
    const d = join(STUDENT, dir);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d)) if (f.endsWith('.c')) out.push(readFileSync(join(d, f), 'latin1'));
  }
  // the exercises' heredocs: cat > x.c <<'EOF' … EOF
  for (const { doc } of builtinExerciseFiles) {
    for (const m of JSON.stringify(doc).matchAll(/cat > \S+\.c <<'EOF'\\n(.*?)EOF/g)) out.push(JSON.parse(`"${m[1] ?? ''}"`) as string);
  }
  return out;
}

interface Figures {
  programs: number;
  built: number;
  loaded: number;
  killed: number;
  lines: number;
  /** CPU ms of each command. */
  cpuMs: number[];
  slowestMs: number;
  slowest: string;
  slowestSource: string;
  largestDocument: number;
}

class Bench {
  readonly clock = { now: Date.UTC(2026, 11, 5, 8, 0, 0) };
  readonly options: MachineOptions = { clock: () => this.clock.now };
  machine: MachineState = bootMachine(this.options);

  constructor(readonly figures: Figures) {}

  write(path: string, text: string): void {
    const sys = openSystem(this.machine, this.options);
    sys.fs.mkdir?.(path.slice(0, path.lastIndexOf('/')));
    sys.fs.write(path, text, false);
  }

  /** One command as one message: timed, never throwing, its exit status a byte. */
  run(line: string, source: string): { exitCode: number; output: string } {
    this.clock.now += 1000; // the machine's clock moves on as between two messages
    // CPU time, not wall time: the test machine is shared, a message's worker has its core
    const started = process.cpuUsage();
    let r: ReturnType<typeof execLine>;
    try {
      r = execLine(this.machine, line, this.options);
    } catch (e) {
      assert.fail(`${line} threw ${(e as Error).stack ?? String(e)}\n--- source ---\n${source}`);
    }
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    const f = this.figures;
    f.lines++;
    f.cpuMs.push(ms);
    if (ms > f.slowestMs) [f.slowestMs, f.slowest, f.slowestSource] = [ms, line, source];
    assert.ok(ms < MESSAGE_WALL_MS, `${line} took ${ms.toFixed(0)} ms of CPU (budget ${MESSAGE_WALL_MS})\n--- source ---\n${source}`);
    assert.ok(Number.isInteger(r.exitCode) && r.exitCode >= 0 && r.exitCode <= 255, `${line}: exit ${r.exitCode}`);
    return r;
  }

  documentBytes(): number {
    return Buffer.byteLength(JSON.stringify(this.machine));
  }
}

/** Build, load, poke and remove one module; what happened. */
function exercise(bench: Bench, p: Picker, name: string, source: string): void {
  const dir = `/root/${name}`;
  bench.write(`${dir}/${name}.c`, source);
  bench.write(`${dir}/Makefile`, `obj-m += ${name}.o\n`);
  const f = bench.figures;
  f.programs++;
  const make = bench.run(`${BUILD} M=${dir}`, source);
  assert.ok([0, 2].includes(make.exitCode), `make exit ${make.exitCode}:\n${make.output}\n--- source ---\n${source}`);
  if (make.exitCode !== 0) return;
  f.built++;
  const insmod = bench.run(`insmod ${dir}/${name}.ko${p.chance(0.3) ? ` g1=${p.pick(['5', '-1', 'x', '99999999999'])}` : ''}`, source);
  if (insmod.exitCode === 0) f.loaded++;
  if (insmod.exitCode >= 128) f.killed++;
  if (p.chance(0.3)) bench.run(`echo ${p.pick(['7', 'abc', ''])} > /sys/module/${name}/parameters/g1`, source);
  bench.run(`grep ${name} /proc/modules; dmesg | tail -n 5; cat /proc/sys/kernel/tainted`, source);
  if (p.chance(0.15)) bench.run('sleep 30', source);
  bench.run(`rmmod ${name}`, source);
  const bytes = bench.documentBytes();
  f.largestDocument = Math.max(f.largestDocument, bytes);
  assert.ok(bytes < MAX_DOCUMENT_BYTES, `the machine's document is ${bytes} bytes\n--- source ---\n${source}`);
}

describe('fuzzing C sources through make and insmod (fixed seed; C_FUZZ_RUNS for a long run)', function () {
  this.timeout(RUNS > 120 ? 0 : 240_000);
  const report = (what: string, f: Figures): void => {
    if (!process.env.C_FUZZ_RUNS) return;
    const sorted = [...f.cpuMs].sort((a, b) => a - b);
    const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
    const { cpuMs, slowestSource, ...rest } = f;
    if (process.env.C_FUZZ_SHOW) console.log(slowestSource);
    console.log(`      ${what}: ${JSON.stringify(rest)} cpu ms p50 ${at(0.5)} p99 ${at(0.99)} max ${at(1)} over ${cpuMs.length} commands`);
  };
  const fresh = (): Figures => ({ programs: 0, built: 0, loaded: 0, killed: 0, lines: 0, cpuMs: [], slowestMs: 0, slowest: '', slowestSource: '', largestDocument: 0 });

  it(`${RUNS} random modules (seed ${SEED}): no crash, every command inside ${MESSAGE_WALL_MS} ms of CPU, the document bounded`, () => {
    const p = new Picker(random(SEED));
    const f = fresh();
    let bench = new Bench(f);
    for (let i = 0; i < RUNS; i++) {
      if (i % PER_MACHINE === 0) bench = new Bench(f);
      exercise(bench, p, `r${i}`, randomModule(p, `r${i}`));
    }
    report('random', f);
    // The generator is worth its name only if most of what it writes builds and runs.
    assert.ok(f.built > RUNS * 0.6, `only ${f.built} of ${RUNS} built`);
    assert.ok(f.loaded > RUNS * 0.15, `only ${f.loaded} of ${RUNS} loaded`);
  });

  it(`${RUNS} mutants of real modules (seed ${SEED}): no crash, every command inside ${MESSAGE_WALL_MS} ms of CPU, the document bounded`, () => {
    const p = new Picker(random(SEED + 1));
    const all = seeds();
    assert.ok(all.length > 30, `${all.length} sources to mutate`);
    const f = fresh();
    let bench = new Bench(f);
    for (let i = 0; i < RUNS; i++) {
      if (i % PER_MACHINE === 0) bench = new Bench(f);
      exercise(bench, p, `m${i}`, mutate(p, p.pick(all)));
    }
    report('mutants', f);
    assert.ok(f.built > RUNS * 0.1, `only ${f.built} of ${RUNS} built`);
  });

  it(`${Math.ceil(RUNS / 6)} random modules through the chat, in the worker pool: a here-document, make, insmod, rmmod — always a reply, never a failure`, async () => {
    const app = await createApp({ store: 'memory', rateLimit: false, quizTickMs: 0 });
    const scope: Scope = { platform: 'console', workspace: 'fuzz', channel: 'c-sources' };
    let id = 0;
    const sh = (text: string): Invocation => ({ id: `c${++id}`, scope, user: { id: 'fuzz', name: 'fuzz', roles: ['instructor'] }, input: { kind: 'command', command: 'sh', text } });
    try {
      const p = new Picker(random(SEED + 2));
      for (let i = 0; i < Math.ceil(RUNS / 6); i++) {
        const name = `w${i}`;
        const source = randomModule(p, name);
        for (const line of [`mkdir -p ${name} && cat > ${name}/${name}.c <<'EOF'\n${source}EOF`, `echo 'obj-m += ${name}.o' > ${name}/Makefile`, `${BUILD} M=/root/${name}`, `insmod ${name}/${name}.ko`, `rmmod ${name}`]) {
          const reply = await app.handle(sh(line));
          assert.ok(reply.blocks.length > 0, line);
          for (const block of reply.blocks) {
            if (block.kind === 'notice') assert.doesNotMatch(block.text, /Something went wrong|^Stopped/, `${line}\n--- source ---\n${source}`);
          }
        }
      }
    } finally {
      await app.close();
    }
  });
});
