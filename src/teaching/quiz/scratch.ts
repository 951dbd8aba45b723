/**
 * A scratch machine for quiz questions: a freshly booted Modlab machine on which a
 * situation's setup lines run, then the command asked about. Quiz answers are what this
 * machine printed or did, never text typed into a template.
 */
import type { MachineState } from '../../machine/machine';
import { bootMachine, execLine, openSystem, type MachineOptions } from '../../machine/machine';
import type { System } from '../../userland/tool';

export interface Situation {
  /** Lines run first (their output is not part of the question's answer). */
  setup: string[];
  /** The command asked about. */
  probe: string;
}

export interface ProbeResult {
  situation: Situation;
  output: string;
  exitCode: number;
  /** Kernel log lines the probe caused (texts, without timestamps). */
  klog: string[];
  /** Loaded modules before and after the probe, newest first. */
  before: string[];
  after: string[];
  /** The machine after the probe, for further looks (taint, sysfs, module images). */
  sys: System;
  /** Exit status of each setup line. */
  setupStatus: number[];
}

/** Scratch machines all start from one boot (cloned), with a clock that only moves forward. */
export class Scratch {
  private readonly fresh = new Map<string, MachineState>();
  private now = Date.UTC(2026, 10, 25, 9, 0, 0);
  private readonly options: MachineOptions;

  constructor(hostname = 'modlab') {
    this.options = { clock: () => (this.now += 37), hostname };
  }

  private boot(cmdline: string): MachineState {
    let state = this.fresh.get(cmdline);
    if (!state) {
      state = bootMachine(this.options, cmdline);
      this.fresh.set(cmdline, state);
    }
    return structuredClone(state);
  }

  run(situation: Situation, cmdline = ''): ProbeResult {
    const state = this.boot(cmdline);
    const setupStatus = situation.setup.map((line) => execLine(state, line, this.options).exitCode);
    const before = openSystem(state, this.options).kernel.modules().map((m) => m.name);
    const result = execLine(state, situation.probe, this.options);
    const sys = openSystem(state, this.options);
    return {
      situation,
      output: result.output,
      exitCode: result.exitCode,
      klog: result.klog.map((r) => r.text),
      before,
      after: sys.kernel.modules().map((m) => m.name),
      sys,
      setupStatus,
    };
  }
}
