/**
 * The simulated Linux 6.1 kernel: createKernel() wraps a persisted KernelState,
 * bootKernel() makes a fresh one (boot log in the ring, nothing loaded, untainted).
 */
import type { Clock } from '../contracts/clock';
import type { Kernel, KernelConfig } from './kernel';
import type { KernelState, PrintkState } from './state';
import { Linux } from './linux';
import { emptyPrintk, logStore } from './printk';
import { bootCmdline, DEFAULT_CMDLINE } from './cmdline';

/** Where the first module lands (10-sysfs-procfs: hello at 0xffffffffc0410000). */
export const MODULE_AREA_START = 0xc0410000;
/** PID of the first process a student starts (01-seed-tutorial: insmod was PID 113). */
export const FIRST_PID = 113;
/** Time between the last boot message and the first command (the login). */
const LOGIN_DELAY_MS = 1500;

/** Wrap a persisted KernelState. */
export function createKernel(state: KernelState, config: KernelConfig, clock: Clock): Kernel {
  return new Linux(state, config, clock);
}

/**
 * The ring a boot with the full command line CMDLINE leaves: the shared boot log, whose
 * "Command line:" records name the command line it was booted with. Every machine booted
 * with one command line has the same one (src/scope stores a reference to it, not a copy).
 */
export function bootPrintk(config: KernelConfig, cmdline: string): PrintkState {
  const printk = emptyPrintk();
  for (const r of config.bootLog) {
    const text = cmdline !== DEFAULT_CMDLINE && /^(Kernel )?[Cc]ommand line: /.test(r.text) && r.text.endsWith(DEFAULT_CMDLINE)
      ? r.text.slice(0, r.text.length - DEFAULT_CMDLINE.length) + cmdline
      : r.text;
    logStore(printk, r.usec, r.level, r.facility, text);
  }
  return printk;
}

/** A freshly booted kernel: boot log in the ring, nothing loaded, untainted. */
export function bootKernel(config: KernelConfig, clock: Clock, extraCmdline: string): KernelState {
  const cmdline = bootCmdline(extraCmdline);
  const printk = bootPrintk(config, cmdline);
  const lastUsec = printk.records.reduce((last, r) => Math.max(last, r.usec), 0);
  return {
    cmdline,
    bootedAt: clock() - Math.ceil(lastUsec / 1000) - LOGIN_DELAY_MS,
    lastUsec,
    modules: [],
    tainted: 0,
    once: [],
    nextOrder: 0,
    nextAddress: MODULE_AREA_START,
    nextPid: FIRST_PID,
    printk,
    sysctl: {},
  };
}
