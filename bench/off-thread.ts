/**
 * `node dist/bench/off-thread.js`: the heavy work besides steps (src/teaching/off-thread.ts)
 * measured twice: on the main thread as it ran before issue 9's move (how long each takes,
 * and how long the event loop stalled: every conversation waited that long), then through
 * the machine pool (the stall the main thread still sees). A benchmark, not a test.
 */
import { performance } from 'node:perf_hooks';
import { bootMachine, execLine, type MachineState } from '../src/machine/machine';
import { toDot } from '../src/graph/dot';
import { Workbench } from '../src/teaching/heavy-work';
import type { Work } from '../src/teaching/off-thread';
import { buildExerciseSet } from '../src/teaching/exercise-set';
import { builtinExerciseFiles } from '../exercises';
import { MachinePool } from '../src/app/sandbox/pool';
import { biggestGraph } from '../test/app/sandbox/big-graph';
import { lagMeter } from '../test/app/sandbox/lag-meter';

const HOST = 'modlab';

/** A machine whose kernel log is full: 300 loads and unloads of hello.ko. */
function busyMachine(): MachineState {
  let t = Date.now();
  const options = { clock: () => (t += 20), hostname: HOST };
  const machine = bootMachine(options);
  for (let i = 0; i < 300; i++) execLine(machine, 'insmod hello.ko; rmmod hello', options);
  return machine;
}

function works(): Array<[string, Work]> {
  const exercises = buildExerciseSet({ builtin: builtinExerciseFiles }).exercises;
  return [
    ['render, 120 modules', { kind: 'render', dot: toDot(biggestGraph(), 'bench') }],
    ...exercises.map((e): [string, Work] => [`setup ${e.id}`, { kind: 'setup', hostname: HOST, cmdline: e.setup.cmdline ?? '', commands: e.setup.commands ?? [] }]),
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed): [string, Work] => [`question seed ${seed}`, { kind: 'question', hostname: HOST, seed }]),
    ['dmesg, 600 records', { kind: 'dmesg', hostname: HOST, machine: busyMachine() }],
  ];
}

async function main(): Promise<void> {
  const bench = new Workbench(Date.now);
  const pool = new MachinePool({ size: 1 });
  await pool.ready();
  // First uses load Graphviz and boot the scratch machines, on both sides: not measured.
  await bench.perform({ kind: 'render', dot: 'digraph { a }' });
  await pool.perform({ kind: 'render', dot: 'digraph { a }' });
  console.log('work                          main thread: ms  stall ms | pool: ms  stall ms');
  for (const [name, work] of works()) {
    let stop = lagMeter();
    let started = performance.now();
    await bench.perform(work);
    const inlineMs = performance.now() - started;
    const inlineLag = stop();
    stop = lagMeter();
    started = performance.now();
    const result = await pool.perform(work);
    const poolMs = performance.now() - started;
    const poolLag = stop();
    const row = `${name.padEnd(30)}${inlineMs.toFixed(0).padStart(15)}${inlineLag.toFixed(0).padStart(10)} |${poolMs.toFixed(0).padStart(9)}${poolLag.toFixed(0).padStart(10)}`;
    console.log(result.kind === 'done' ? row : `${row}  (${result.kind})`);
  }
  await pool.close();
}

void main();
