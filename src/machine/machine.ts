/**
 * One simulated computer: the kernel, its disk, and a shell to run lines on them.
 * The state is plain JSON (persisted per scope); a Machine wraps it for one command.
 */
import type { Clock } from '../contracts/clock';
import type { KernelState } from '../kernel/state';
import type { DiskState } from '../modules/disk-state';
import type { HistoryEntry, Login, System } from '../userland/tool';
import { capture, exportedNames, resume, type SessionState } from './session';
import type { ExecResult } from '../shell/result';
import { bootKernel, createKernel } from '../kernel';
import { createDisk, freshDisk, imagesOf, kernelConfig, moduleSymbolOf, reindex } from '../modules';
import { mountVfs } from './vfs';
import { runLine } from '../shell';
import { toolsByName } from '../userland';
import { realDirectory, resolvePath, resolvePhysical } from './path';
import { execProgram } from './exec';
import { InstalledPrograms } from './installed';

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

/** Who is logged in, and which of those logins runs this line. */
export interface LoginContext {
  logins: readonly Login[];
  tty?: string;
}

/** The environment of a fresh login as root. */
const LOGIN_ENV: Readonly<Record<string, string>> = { HOME, PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', USER: 'root', SHELL: '/bin/bash', PWD: HOME };

/** Build the live System over a state; changes made through it land in `state`. */
export function openSystem(state: MachineState, options: MachineOptions, history: readonly HistoryEntry[] = [], login: LoginContext = { logins: [] }): System {
  const shared = kernelConfig(options.hostname ?? DEFAULT_HOSTNAME);
  // Modules built on this machine (make) are images of its own disk.
  const config = { ...shared, images: imagesOf(state.disk), moduleSymbol: moduleSymbolOf(state.disk) };
  const kernel = createKernel(state.kernel, config, options.clock);
  // Files written after a `sleep` carry the machine's time, not the wall clock's.
  const disk = createDisk(state.disk, () => options.clock() + (state.kernel.sleptMs ?? 0));
  const fs = mountVfs({ disk, proc: kernel.procfs, sys: kernel.sysfs, kernel });
  const programs = new InstalledPrograms(toolsByName, fs);
  const sys: System = {
    kernel,
    fs,
    cwd: HOME,
    uid: 0,
    env: { ...LOGIN_ENV },
    history,
    resolve: (path: string) => (path.includes('..') ? resolvePhysical(sys.cwd, path, (dir) => realDirectory(fs, dir)) : resolvePath(sys.cwd, path)),
    depmod: () => reindex(state.disk, disk, options.clock() + (state.kernel.sleptMs ?? 0)),
    exec: (argv, io) => execProgram(sys, programs, argv, io),
    programs,
    logins: login.logins,
    ...(login.tty === undefined ? {} : { tty: login.tty }),
  };
  return sys;
}

/**
 * Run one line as `bash -c LINE`. Without a SESSION it runs in /root with a fresh login's
 * variables, as each command of the oracle runs; with one, it starts where that user's
 * session left off (its $? the last line's status, as in an interactive shell), and the
 * session then holds what the line changed (cd, variables, functions) — each user's own,
 * never another's.
 */
export function execLine(state: MachineState, line: string, options: MachineOptions, history: readonly HistoryEntry[] = [], session?: { state: SessionState; login: LoginContext }): ExecResult {
  const sys = openSystem(state, options, history, session?.login);
  if (!session) return runLine(line, sys, sys.programs);
  const functions = resume(sys, session.state);
  const exported = exportedNames(sys, session.state);
  const result = runLine(line, sys, sys.programs, functions, session.state.status ?? 0, exported);
  const after = capture(sys, LOGIN_ENV, HOME, functions, result.exitCode, exported);
  for (const key of Object.keys(session.state) as Array<keyof SessionState>) delete session.state[key];
  Object.assign(session.state, after);
  return result;
}
