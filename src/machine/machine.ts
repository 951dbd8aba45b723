/**
 * One simulated computer: the kernel, its disk, and a shell to run lines on them.
 * The state is plain JSON (persisted per scope); a Machine wraps it for one command.
 */
import type { Clock } from '../kernel/clock';
import type { KernelState } from '../kernel/state';
import type { DiskState } from '../modules/disk-state';
import type { HistoryEntry, System } from '../userland/tool';
import type { ExecResult } from '../shell/result';
import { bootKernel, createKernel } from '../kernel';
import { createDisk, freshDisk, kernelConfig, reindex } from '../modules';
import { mountVfs } from './vfs';
import { runLine } from '../shell';
import { toolsByName } from '../userland';
import { resolvePath } from './path';

export interface MachineState {
  kernel: KernelState;
  disk: DiskState;
}

export interface MachineOptions {
  clock: Clock;
  /** uname -n; the oracle VM's was "oracle". */
  hostname?: string;
}

export const DEFAULT_HOSTNAME = 'modlab';
export const HOME = '/root';

/** A freshly booted machine; `cmdline` is appended to the kernel command line (e.g. "module.sig_enforce=1"). */
export function bootMachine(options: MachineOptions, cmdline = ''): MachineState {
  const config = kernelConfig(options.hostname ?? DEFAULT_HOSTNAME);
  return { kernel: bootKernel(config, options.clock, cmdline), disk: freshDisk() };
}

/** Build the live System over a state; changes made through it land in `state`. */
export function openSystem(state: MachineState, options: MachineOptions, history: readonly HistoryEntry[] = []): System {
  const config = kernelConfig(options.hostname ?? DEFAULT_HOSTNAME);
  const kernel = createKernel(state.kernel, config, options.clock);
  // Files written after a `sleep` carry the machine's time, not the wall clock's.
  const disk = createDisk(state.disk, () => options.clock() + (state.kernel.sleptMs ?? 0));
  const fs = mountVfs({ disk, proc: kernel.procfs, sys: kernel.sysfs, kernel });
  const sys: System = {
    kernel,
    fs,
    cwd: HOME,
    uid: 0,
    env: { HOME, PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', USER: 'root', SHELL: '/bin/bash', PWD: HOME },
    history,
    resolve: (path: string) => resolvePath(sys.cwd, path),
    depmod: () => reindex(state.disk, disk, options.clock() + (state.kernel.sleptMs ?? 0)),
  };
  return sys;
}

/**
 * Run one line as `bash -c LINE` in /root, as each command of the oracle runs: cd and
 * variables do not carry over to the next line (one student's cd cannot confuse another's).
 */
export function execLine(state: MachineState, line: string, options: MachineOptions, history: readonly HistoryEntry[] = []): ExecResult {
  return runLine(line, openSystem(state, options, history), toolsByName);
}
