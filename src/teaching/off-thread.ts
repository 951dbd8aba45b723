/**
 * The heavy work of a message besides its machine step, which must not run on the main
 * thread where it would stall every other conversation: drawing the module graph, setting up
 * an exercise's machine, computing a quiz question on scratch machines, reading a
 * conversation's dmesg for the dashboard. src/app runs each in its machine pool under the
 * budget OFF_THREAD_WALL_MS names (src/app/sandbox/off-thread-pool.ts); tests with an
 * injected clock run it inline (heavy-work.ts). Either way the same function does the work.
 */
import type { OffThreadResult } from '../contracts/off-thread';
import type { MachineState } from '../machine/machine';
import type { Question } from './quiz/question';
import type { SetUpMachine } from './progress';

/** One piece of heavy work, as sent to a worker (plain data: it crosses a process boundary). */
export type Work =
  | { kind: 'render'; dot: string }
  /** An exercise's machine: FROM resumed, or a boot with CMDLINE, then COMMANDS. */
  | { kind: 'setup'; hostname: string; cmdline: string; from?: MachineState; commands: string[] }
  | { kind: 'question'; hostname: string; seed: number; topic?: string }
  | { kind: 'dmesg'; hostname: string; machine: MachineState };

export type WorkKind = Work['kind'];

/** What each kind of work gives back. */
export type Worked =
  | { kind: 'rendered'; png: Uint8Array }
  | { kind: 'set-up'; set: SetUpMachine }
  | { kind: 'asked'; question: Question | undefined }
  | { kind: 'read'; dmesg: string };

/** Runs WORK somewhere; never rejects: a failure is a result with the reason. */
export type PerformWork = (work: Work) => Promise<OffThreadResult<Worked>>;

/** The heavy work as the teaching features, the graph command and the dashboard ask for it. */
export interface OffThread {
  /** DOT drawn as a PNG. */
  draw(dot: string): Promise<OffThreadResult<Uint8Array>>;
  /** An exercise's machine with its setup lines run (progress.ts setUpMachine). */
  setUp(commands: readonly string[], cmdline: string, from?: MachineState): Promise<OffThreadResult<SetUpMachine>>;
  /** The quiz question SEED names within TOPIC; undefined when none fits. */
  question(seed: number, topic?: string): Promise<OffThreadResult<Question | undefined>>;
  /** What `dmesg` prints on a copy of MACHINE. */
  dmesg(machine: MachineState): Promise<OffThreadResult<string>>;
}

/** The OffThread of machines named HOSTNAME whose work PERFORM runs. */
export function offThreadOf(perform: PerformWork, hostname: string): OffThread {
  async function ask<K extends Worked['kind'], T>(work: Work, kind: K, value: (worked: Extract<Worked, { kind: K }>) => T): Promise<OffThreadResult<T>> {
    const result = await perform(work);
    if (!result.ok) return result;
    const worked = result.value;
    if (worked.kind !== kind) return { ok: false, limit: 'failed', why: `the worker answered ${worked.kind} to ${work.kind}` };
    return { ok: true, value: value(worked as Extract<Worked, { kind: K }>) };
  }
  return {
    draw: (dot) => ask({ kind: 'render', dot }, 'rendered', (w) => w.png),
    setUp: (commands, cmdline, from) => ask({ kind: 'setup', hostname, cmdline, commands: [...commands], ...(from ? { from } : {}) }, 'set-up', (w) => w.set),
    question: (seed, topic) => ask({ kind: 'question', hostname, seed, ...(topic !== undefined ? { topic } : {}) }, 'asked', (w) => w.question),
    dmesg: (machine) => ask({ kind: 'dmesg', hostname, machine }, 'read', (w) => w.dmesg),
  };
}
