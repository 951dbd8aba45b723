/**
 * A freshly booted machine for every test of a describe block, on a clock the test moves,
 * and a line run on it as a user's message runs: what it printed and its exit status.
 */
import { bootMachine, execLine, type MachineState } from '../../src/machine/machine';

export interface FreshMachine {
  run(line: string): { output: string; status: number };
  /** The same, with the texts of the kernel-log records the line wrote. */
  runLogged(line: string): { output: string; status: number; klog: string[] };
  /** The machine this test runs on (to break what no command can). */
  machine(): MachineState;
  /** Moves the machine's clock on, as real time passing between two messages. */
  advance(ms: number): void;
}

/** Call inside a describe block: it boots a new machine before each test. */
export function freshMachineEachTest(startsAt = Date.UTC(2026, 11, 4, 17, 0, 0)): FreshMachine {
  let now = startsAt;
  const options = { clock: (): number => now };
  let machine: MachineState;
  beforeEach(() => {
    now = startsAt;
    machine = bootMachine(options);
  });
  return {
    run: (line) => {
      const r = execLine(machine, line, options);
      return { output: r.output, status: r.exitCode };
    },
    runLogged: (line) => {
      const r = execLine(machine, line, options);
      return { output: r.output, status: r.exitCode, klog: r.klog.map((k) => k.text) };
    },
    machine: () => machine,
    advance: (ms) => {
      now += ms;
    },
  };
}
